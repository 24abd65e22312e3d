import { closestNames } from './closestNames';
import { localNameOf, type SchemaView, type TypeInfo, type ElementInfo } from './schemaView';
import { builtInValue, enumValue, ValueError } from './simpleValues';

/**
 * JSON records → XML element trees, by the schema model (SUBMIT.md §3.15): the JSON is the shape
 * Get Async Result emits (attributes as plain fields, RecordRefs as `{internalId | externalId,
 * type?}`, sublists as arrays or `{replaceAll, <line>: [...]}`, `customFieldList: [{scriptId, type?,
 * value}]`, `nullFieldList: [names]`, `null` = clear the field). Every name written comes from the
 * model, never from the JSON; every element is emitted in XSD order whatever the key order;
 * anything the model does not allow is refused with the field's path and a fix.
 */

/** One element to serialise: namespace by prefix, `xsi:type` when the model needs or substitutes one. */
export interface WrittenNode {
	prefix: string;
	name: string;
	xsiType?: string;
	attributes: Array<[name: string, value: string]>;
	text?: string;
	children: WrittenNode[];
}

export class RecordFieldError extends Error {
	constructor(
		readonly field: string,
		readonly reason: string,
		readonly fix: string,
	) {
		super(field ? `Field "${field}": ${reason}` : reason);
		this.name = 'RecordFieldError';
	}
}

const RECORD_BASE = 'platformCore:Record';
const CUSTOM_FIELD_REF = 'platformCore:CustomFieldRef';
const SEARCH_CUSTOM_FIELD = 'platformCore:SearchCustomField';
const SEARCH_COLUMN_FIELD = 'platformCore:SearchColumnField';
const NULL_FIELD_LIST = 'nullFieldList';
const TEXT_KEY = '#text';
const TYPE_KEY: ReadonlySet<string> = new Set(['type']);

type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return typeof value === 'string' ? `the text "${value.slice(0, 40)}"` : `the ${typeof value} ${String(value)}`;
}

function join(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return path ? `${path}.${key}` : key;
}

/** A custom field's kind from its value, when the item does not say (SUBMIT.md §3.9: a fallback only). */
function inferredCustomFieldType(declared: string, value: unknown): string {
	if (declared === SEARCH_CUSTOM_FIELD) return typeof value === 'boolean' ? 'SearchBooleanCustomField' : 'SearchStringCustomField';
	if (typeof value === 'boolean') return 'BooleanCustomFieldRef';
	if (Array.isArray(value)) return 'MultiSelectCustomFieldRef';
	if (isJsonObject(value)) return 'SelectCustomFieldRef';
	return 'StringCustomFieldRef';
}

export class RecordWriter {
	private readonly subtypesByName = new Map<string, Map<string, string>>();

	constructor(readonly view: SchemaView) {}

	/** The children and attributes of an element whose concrete type is known (a record, a baseRef). */
	fill(node: WrittenNode, typeName: string, json: JsonObject, path: string, skipKeys?: ReadonlySet<string>): WrittenNode {
		const type = this.view.type(typeName);
		const source = this.withNullsListed(type, json, path);
		const groups: Array<{ order: number; nodes: WrittenNode[] }> = [];
		for (const key of Object.keys(source)) {
			const value = source[key];
			if (value === undefined || skipKeys?.has(key)) continue;
			const attribute = type.attributes.get(key);
			if (attribute) {
				if (value !== null) node.attributes.push([key, this.simpleText(attribute.type, value, join(path, key))]);
				continue;
			}
			const element = type.elementsByName.get(key);
			if (element) {
				if (value === null) throw this.cannotClear(type, join(path, key));
				groups.push({ order: element.order, nodes: this.elementNodes(element, value, join(path, key)) });
				continue;
			}
			if (key === TEXT_KEY && type.text) {
				node.text = this.simpleText(type.text, value, join(path, key));
				continue;
			}
			throw this.unknownField(type, key, join(path, key));
		}
		for (const element of type.requiredElements) {
			if (source[element.name] === undefined) {
				throw new RecordFieldError(
					join(path, element.name),
					`${localNameOf(type.name)} needs "${element.name}"`,
					`Add "${element.name}" to ${path ? `"${path}"` : 'the record'}.`,
				);
			}
		}
		// Attribute order carries no meaning in XML; the schema's order keeps the output stable.
		const order = type.attributeOrder;
		if (node.attributes.length > 1) node.attributes.sort((a, b) => (order.get(a[0]) as number) - (order.get(b[0]) as number));
		if (groups.length > 1) groups.sort((a, b) => a.order - b.order);
		for (const group of groups) {
			for (const child of group.nodes) node.children.push(child);
		}
		return node;
	}

	/** `null` fields join `nullFieldList` (the only way NetSuite clears a field); only records have one. */
	private withNullsListed(type: TypeInfo, json: JsonObject, path: string): JsonObject {
		if (!type.elementsByName.has(NULL_FIELD_LIST)) return json;
		const nulls = Object.keys(json).filter((key) => json[key] === null && key !== NULL_FIELD_LIST);
		if (nulls.length === 0) return json;
		const listed = json[NULL_FIELD_LIST];
		let names: unknown[];
		if (listed === undefined || listed === null) names = [];
		else if (Array.isArray(listed)) names = listed;
		else if (isJsonObject(listed) && Array.isArray(listed.name)) names = listed.name;
		else throw new RecordFieldError(join(path, NULL_FIELD_LIST), `${describe(listed)} where a list of field names is expected`, 'Give nullFieldList as a list of names, e.g. ["fax", "custentity_x"].');
		const result: JsonObject = {};
		for (const key of Object.keys(json)) if (json[key] !== null) result[key] = json[key];
		result[NULL_FIELD_LIST] = [...names, ...nulls];
		return result;
	}

	private cannotClear(type: TypeInfo, fieldPath: string): RecordFieldError {
		return new RecordFieldError(
			fieldPath,
			`null cannot clear a field of ${localNameOf(type.name)} (only whole records have a nullFieldList)`,
			'Leave the field out to keep its value, or send the value it should have.',
		);
	}

	private unknownField(type: TypeInfo, key: string, fieldPath: string): RecordFieldError {
		const names = [...type.attributes.keys(), ...type.elementsByName.keys()];
		const suggestions = closestNames(key, names);
		return new RecordFieldError(
			fieldPath,
			`${localNameOf(type.name)} has no field "${key}"${suggestions.length ? `; did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : ''}`,
			suggestions.length
				? `Rename it to the field NetSuite's schema has, or remove it.`
				: `Remove it. ${localNameOf(type.name)}'s fields: ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', …' : ''}.`,
		);
	}

	private elementNodes(element: ElementInfo, value: unknown, path: string): WrittenNode[] {
		if (Array.isArray(value) && element.maxOccurs > 1) {
			return value.map((entry, index) => this.elementNode(element.prefix, element.name, element.type, entry, join(path, index)));
		}
		return [this.elementNode(element.prefix, element.name, element.type, value, path)];
	}

	/** One element of a declared type (simple or complex). */
	elementNode(prefix: string, name: string, declaredType: string, value: unknown, path: string): WrittenNode {
		if (!this.view.isComplex(declaredType)) {
			return { prefix, name, attributes: [], children: [], text: this.simpleText(declaredType, value, path) };
		}
		const json = this.asObject(this.view.type(declaredType), value, path);
		const { typeName, consumedTypeKey } = this.concreteType(declaredType, json, path);
		const node: WrittenNode = { prefix, name, attributes: [], children: [] };
		if (typeName !== declaredType) node.xsiType = typeName;
		return this.fill(node, typeName, json, path, consumedTypeKey ? TYPE_KEY : undefined);
	}

	/** The object forms a complex element takes, from the shorthands people write. */
	private asObject(type: TypeInfo, value: unknown, path: string): JsonObject {
		if (isJsonObject(value)) return value;
		const isColumn = this.view.derivesFrom(type.name, SEARCH_COLUMN_FIELD);
		// A search column is an empty marker: `true` selects it.
		if (value === true && isColumn) return {};
		if (Array.isArray(value) && type.listItem) return { [type.listItem.name]: value };
		const searchValue = type.elementsByName.get('searchValue');
		if (searchValue && !isColumn && (isScalar(value) || (Array.isArray(value) && searchValue.maxOccurs > 1))) return { searchValue: value };
		// Columns as a list of names: ["entityId", "email"].
		if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && type.elementsByName.has(entry))) {
			return Object.fromEntries((value as string[]).map((entry) => [entry, {}]));
		}
		if (type.text && isScalar(value)) return { [TEXT_KEY]: value };
		const isReference = type.attributes.has('internalId') || type.attributes.has('externalId');
		throw new RecordFieldError(
			path,
			`${describe(value)} where ${localNameOf(type.name)} (an object) is expected`,
			isReference
				? `Give a reference such as {"internalId": "${isScalar(value) ? String(value) : '1'}"} or {"externalId": "…"}.`
				: `Give an object with ${localNameOf(type.name)}'s fields, e.g. ${type.elements
						.slice(0, 3)
						.map((element) => `"${element.name}"`)
						.join(', ')}.`,
		);
	}

	/**
	 * Abstract types (custom fields, search custom fields) are named by the item's `type`; a concrete
	 * type whose keys only a subtype has (`recType` with a `scriptId` → CustomizationRef) becomes that subtype.
	 */
	private concreteType(declaredType: string, json: JsonObject, path: string): { typeName: string; consumedTypeKey: boolean } {
		const declared = this.view.type(declaredType);
		const candidates = this.view.concreteSubtypes(declaredType);
		if (declared.abstract) {
			const named = typeof json.type === 'string' ? localNameOf(json.type.trim()) : undefined;
			const isCustomField = this.view.derivesFrom(declaredType, CUSTOM_FIELD_REF) || this.view.derivesFrom(declaredType, SEARCH_CUSTOM_FIELD);
			const wanted = named ?? (isCustomField ? inferredCustomFieldType(declaredType, json.value ?? json.searchValue) : undefined);
			const suffix = localNameOf(declaredType);
			const match = wanted ? this.subtypeNamed(declaredType, wanted) : undefined;
			if (!match) {
				const locals = candidates.map(localNameOf);
				const suggestions = wanted ? closestNames(wanted, locals) : [];
				throw new RecordFieldError(
					path,
					wanted
						? `"${wanted}" is not a kind of ${suffix}${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : ''}`
						: `${suffix} is abstract: "type" must say which kind it is`,
					`Set "type" to one of: ${locals.join(', ')}.`,
				);
			}
			if (isCustomField && this.view.derivesFrom(match, CUSTOM_FIELD_REF) && typeof json.scriptId !== 'string') {
				throw new RecordFieldError(path, 'a custom field without "scriptId"', 'Add the field\'s script ID, e.g. {"scriptId": "custentity_source", "value": "n8n"} (internalId alone is not enough since the 2013.2 endpoint).');
			}
			return { typeName: match, consumedTypeKey: json.type !== undefined && !this.view.type(match).attributes.has('type') };
		}
		const foreign = Object.keys(json).filter((key) => !declared.attributes.has(key) && !declared.elementsByName.has(key) && key !== TEXT_KEY);
		if (foreign.length > 0) {
			const subtype = candidates.find((candidate) => {
				const info = this.view.type(candidate);
				return foreign.every((key) => info.attributes.has(key) || info.elementsByName.has(key));
			});
			if (subtype) return { typeName: subtype, consumedTypeKey: false };
		}
		return { typeName: declaredType, consumedTypeKey: false };
	}

	/** `StringCustomFieldRef`, `String` (+ the declared type's name) or `String` (+ CustomFieldRef); the same few per chunk. */
	private subtypeNamed(declaredType: string, wanted: string): string | undefined {
		let byName = this.subtypesByName.get(declaredType);
		if (!byName) {
			byName = new Map();
			this.subtypesByName.set(declaredType, byName);
		}
		if (byName.has(wanted)) return byName.get(wanted);
		const suffix = localNameOf(declaredType);
		const match = this.view.concreteSubtypes(declaredType).find((candidate) => {
			const local = localNameOf(candidate);
			return local === wanted || local === `${wanted}${suffix}` || local === `${wanted}CustomFieldRef`;
		});
		// Bounded by what items name: unknown names are refused, so at most one per item.
		if (match !== undefined) byName.set(wanted, match);
		return match;
	}

	simpleText(typeName: string, value: unknown, path: string): string {
		try {
			const values = this.view.enumeration(typeName);
			return values?.length ? enumValue(values, value, closestNames) : builtInValue(this.view.builtinType(typeName), value);
		} catch (error) {
			throw error instanceof ValueError ? new RecordFieldError(path, error.message, error.fix) : error;
		}
	}

	/** An element whose concrete type is chosen by the caller, named in `xsi:type` (records, baseRefs, searches). */
	typedElement(prefix: string, name: string, typeName: string, json: JsonObject, skipKeys?: ReadonlySet<string>): WrittenNode {
		const node: WrittenNode = { prefix, name, xsiType: typeName, attributes: [], children: [] };
		return this.fill(node, typeName, json, '', skipKeys);
	}

	isRecordType(typeName: string): boolean {
		return this.view.derivesFrom(typeName, RECORD_BASE);
	}
}
