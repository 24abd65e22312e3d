import { schemaIndex, splitQName, type QName } from '../xsd/schema-index';
import { toXmlNode, type ElementNode } from './element-tree';
import { assignLineKeys } from './record-merge';
import { CORE_NS, recordTypeInfo, type RecordTypeInfo } from './record-types';
import type { ReadRecord, RecordKey, RecordSeed, RecordStoreView, StoredObject, StoredRecord, StoredValue } from './types';

/**
 * The simulator's NetSuite data: records kept as the XSD-typed element trees they were submitted
 * as (so a later get or search writes back exactly what was stored), shown to tests as JSON.
 */

export interface StoreEntry {
	info: RecordTypeInfo;
	internalId: string;
	externalId?: string;
	/** Body fields in XSD order, without nullFieldList. */
	fields: ElementNode[];
}

const FIRST_INTERNAL_ID = 100;

export class RecordStore implements RecordStoreView {
	private readonly byType = new Map<string, Map<string, StoreEntry>>();
	/** External IDs are unique per group and case-insensitive: `group\u0000lower-case id` → entry. */
	private readonly byExternalId = new Map<string, StoreEntry>();
	private nextId = FIRST_INTERNAL_ID;

	get(type: string, key: RecordKey): StoredRecord | undefined {
		const entry = this.find(type, key);
		return entry ? toStoredRecord(entry) : undefined;
	}

	count(type: string): number {
		return this.table(type)?.size ?? 0;
	}

	all(type: string): StoredRecord[] {
		return this.entries(type).map(toStoredRecord);
	}

	seed(type: string, records: RecordSeed[]): StoredRecord[] {
		const info = requireType(type);
		return records.map((seed) => {
			const fields = fieldsFromJson(info.key, seed.fields ?? {}, `${info.recordType} seed`);
			assignLineKeys(info.key, fields, this);
			return toStoredRecord(this.save({ info, internalId: seed.internalId ?? this.newInternalId(), externalId: seed.externalId, fields }));
		});
	}

	clear(): void {
		this.byType.clear();
		this.byExternalId.clear();
	}

	/** Entries of a type by internalId ascending (numeric ids first, in number order). */
	entries(type: string): StoreEntry[] {
		return [...(this.table(type)?.values() ?? [])].sort(
			(a, b) => Number(a.internalId) - Number(b.internalId) || a.internalId.localeCompare(b.internalId),
		);
	}

	/** All entries of the record types in a group (`transaction`, `item`, …). */
	entriesInGroup(group: string): StoreEntry[] {
		return [...this.byType.values()].flatMap((table) => [...table.values()]).filter((entry) => entry.info.group === group);
	}

	/** internalId wins when both are given, as in NetSuite [O:section_N3432681]. */
	find(type: string, key: Partial<{ internalId: string; externalId: string }>): StoreEntry | undefined {
		const table = this.table(type);
		if (!table) return undefined;
		if (key.internalId !== undefined) return table.get(key.internalId);
		if (key.externalId === undefined) return undefined;
		const info = recordTypeInfo(type) as RecordTypeInfo;
		const entry = this.byExternalId.get(externalIdKey(info.group, key.externalId));
		return entry?.info.type === info.type ? entry : undefined;
	}

	/** Another record of the same external-ID group already uses this external ID. */
	externalIdTaken(info: RecordTypeInfo, externalId: string, exceptInternalId?: string): boolean {
		const entry = this.byExternalId.get(externalIdKey(info.group, externalId));
		return entry !== undefined && entry.internalId !== exceptInternalId;
	}

	holdsType(type: string): boolean {
		return this.count(type) > 0;
	}

	newInternalId(): string {
		return String(this.nextId++);
	}

	save(entry: StoreEntry): StoreEntry {
		let table = this.byType.get(entry.info.type);
		if (!table) {
			table = new Map();
			this.byType.set(entry.info.type, table);
		}
		const replaced = table.get(entry.internalId);
		if (replaced) this.unindex(replaced);
		table.set(entry.internalId, entry);
		if (entry.externalId !== undefined) this.byExternalId.set(externalIdKey(entry.info.group, entry.externalId), entry);
		const numeric = Number(entry.internalId);
		if (Number.isInteger(numeric) && numeric >= this.nextId) this.nextId = numeric + 1;
		return entry;
	}

	remove(entry: StoreEntry): void {
		this.byType.get(entry.info.type)?.delete(entry.internalId);
		this.unindex(entry);
	}

	private unindex(entry: StoreEntry): void {
		if (entry.externalId === undefined) return;
		const key = externalIdKey(entry.info.group, entry.externalId);
		if (this.byExternalId.get(key) === entry) this.byExternalId.delete(key);
	}

	private table(type: string): Map<string, StoreEntry> | undefined {
		const info = recordTypeInfo(type);
		return info ? this.byType.get(info.type) : undefined;
	}
}

function externalIdKey(group: string, externalId: string): string {
	return `${group}\u0000${externalId.toLowerCase()}`;
}

function requireType(type: string): RecordTypeInfo {
	const info = recordTypeInfo(type);
	if (!info) throw new Error(`The simulator knows no record type "${type}" (use a RecordType value such as customer).`);
	return info;
}

/** The declared type of a child, or the xsi:type it carries. */
function childType(parentType: QName | undefined, node: ElementNode): QName | undefined {
	if (node.xsiType) return node.xsiType;
	const index = schemaIndex();
	const declaration = parentType ? index.child(parentType, node.name) : undefined;
	return declaration ? index.elementType(declaration) : undefined;
}

function repeats(parentType: QName | undefined, name: string): boolean {
	return parentType ? schemaIndex().child(parentType, name)?.repeats === true : false;
}

export function toJson(node: ElementNode, type: QName | undefined): StoredValue {
	if (node.children.length === 0 && Object.keys(node.attributes).length === 0 && !node.xsiType) return node.text;
	return childrenToJson(node, type);
}

function childrenToJson(node: ElementNode, type: QName | undefined): StoredObject {
	const object: StoredObject = { ...node.attributes };
	if (node.xsiType) object.xsiType = splitQName(node.xsiType).local;
	for (const child of node.children) {
		const value = toJson(child, childType(type, child));
		const existing = object[child.name];
		if (existing === undefined) object[child.name] = repeats(type, child.name) ? [value] : value;
		else object[child.name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	if (node.children.length === 0 && node.text !== '' && Object.keys(object).length > 0) object.value = node.text;
	return object;
}

export function toStoredRecord(entry: StoreEntry): StoredRecord {
	const holder: ElementNode = { namespace: entry.info.namespace, name: 'record', attributes: {}, children: entry.fields, text: '' };
	return {
		type: entry.info.type,
		recordType: entry.info.recordType,
		internalId: entry.internalId,
		...(entry.externalId === undefined ? {} : { externalId: entry.externalId }),
		fields: childrenToJson(holder, entry.info.key),
	};
}

/** Resolves `xsiType: 'StringCustomFieldRef'` to a type deriving from the declared one. */
function resolveXsiType(declared: QName | undefined, local: string, where: string): QName {
	const index = schemaIndex();
	const candidates = [...index.types.keys()].filter((key) => splitQName(key).local === local);
	const match = candidates.find((key) => !declared || index.derivesFrom(key, declared)) ?? candidates[0];
	if (!match) throw new Error(`${where}: no type called ${local}`);
	return match;
}

function elementFromJson(namespace: string, name: string, type: QName | undefined, value: StoredValue, where: string): ElementNode {
	if (typeof value === 'string') return { namespace, name, attributes: {}, children: [], text: value };
	const index = schemaIndex();
	const xsiType = typeof value.xsiType === 'string' ? resolveXsiType(type, value.xsiType, where) : undefined;
	const effective = xsiType ?? type;
	const attributes = new Set(effective ? index.attributes(effective) : []);
	const node: ElementNode = { namespace, name, attributes: {}, xsiType, children: [], text: '' };
	const rest: StoredObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (key === 'xsiType') continue;
		if (attributes.has(key) && typeof entry === 'string') node.attributes[key] = entry;
		else rest[key] = entry;
	}
	if (effective) node.children = fieldsFromJson(effective, rest, `${where}.${name}`);
	return node;
}

/** JSON fields → elements in the type's XSD order; an unknown name is an error naming it. */
export function fieldsFromJson(type: QName, fields: StoredObject, where: string): ElementNode[] {
	const index = schemaIndex();
	const sequence = index.sequence(type);
	const nodes: ElementNode[] = [];
	for (const [name, value] of Object.entries(fields)) {
		const declaration = sequence.find((element) => element.name === name);
		if (!declaration) throw new Error(`${where}: ${splitQName(type).local} has no field "${name}"`);
		const childTypeKey = index.elementType(declaration);
		for (const item of Array.isArray(value) ? value : [value]) {
			nodes.push(elementFromJson(declaration.namespace, name, childTypeKey, item, where));
		}
	}
	return inSchemaOrder(type, nodes);
}

export function inSchemaOrder(type: QName, nodes: ElementNode[]): ElementNode[] {
	const order = new Map(schemaIndex().sequence(type).map((element, position) => [element.name, position]));
	return nodes
		.map((node, position) => ({ node, position }))
		.sort((a, b) => (order.get(a.node.name) ?? 1e9) - (order.get(b.node.name) ?? 1e9) || a.position - b.position)
		.map(({ node }) => node);
}

/** A sublist: its type carries `replaceAll` (285 such list types in the XSDs). */
export function isSublist(type: QName | undefined): boolean {
	return type ? schemaIndex().attributes(type).includes('replaceAll') : false;
}

export function fieldType(recordKey: QName, node: ElementNode): QName | undefined {
	return childType(recordKey, node);
}

export const CUSTOM_FIELD_LIST = 'customFieldList';
export const NULL_FIELD_LIST = 'nullFieldList';
export const NULL_FIELD_LIST_NS = CORE_NS;

/** A stored record as a readResponse / search record, with these of its fields. */
export function readRecord(entry: StoreEntry, fields: ElementNode[] = entry.fields): ReadRecord {
	return {
		isSuccess: true,
		recordType: entry.info.recordType,
		internalId: entry.internalId,
		externalId: entry.externalId,
		elements: fields.map(toXmlNode),
	};
}
