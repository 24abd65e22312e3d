import { schemaIndex, type QName } from '../xsd/schema-index';
import { childNamed, type ElementNode } from './element-tree';
import { CUSTOM_FIELD_LIST, fieldType, inSchemaOrder, isSublist, NULL_FIELD_LIST, type RecordStore } from './record-store';

/**
 * NetSuite's write semantics [O:section_N3527090], [O:section_N3441570], [O:section_N3438152]: only
 * submitted fields change; `nullFieldList` clears; custom fields merge by script id; a sublist with
 * `replaceAll="true"` (the default) keeps only the submitted lines (matching ones updated), with
 * `replaceAll="false"` keeps every line and updates or adds the submitted ones. Lines match by their
 * key (`line`, or `internalId` for address books).
 */

const LINE_KEYS = ['line', 'internalId'];

function lineKey(line: ElementNode): string | undefined {
	for (const name of LINE_KEYS) {
		const child = childNamed(line, name);
		if (child && child.text.trim() !== '') return `${name}=${child.text.trim()}`;
	}
	return line.attributes.internalId === undefined ? undefined : `@internalId=${line.attributes.internalId}`;
}

function customFieldKey(field: ElementNode): string | undefined {
	return field.attributes.scriptId?.toLowerCase() ?? (field.attributes.internalId === undefined ? undefined : `#${field.attributes.internalId}`);
}

/** Replaces the named children of `base` by those of `changes`, keeping base's others. */
function mergeChildren(base: ElementNode[], changes: ElementNode[]): ElementNode[] {
	const changed = new Set(changes.map((child) => child.name));
	return [...base.filter((child) => !changed.has(child.name)), ...changes];
}

function mergeLines(existing: ElementNode | undefined, submitted: ElementNode): ElementNode {
	const replaceAll = submitted.attributes.replaceAll?.trim() !== 'false' && submitted.attributes.replaceAll?.trim() !== '0';
	const old = existing?.children ?? [];
	const byKey = new Map(old.map((line) => [lineKey(line), line] as const).filter(([key]) => key !== undefined));
	const updated = new Map<ElementNode, ElementNode>();
	const added: ElementNode[] = [];
	for (const line of submitted.children) {
		const key = lineKey(line);
		const match = key === undefined ? undefined : byKey.get(key);
		if (match) updated.set(match, { ...match, children: mergeChildren(match.children, line.children) });
		else added.push(line);
	}
	const kept = replaceAll ? old.filter((line) => updated.has(line)) : old;
	const { replaceAll: _dropped, ...attributes } = submitted.attributes;
	void _dropped;
	return { ...submitted, attributes, children: [...kept.map((line) => updated.get(line) ?? line), ...added] };
}

function mergeCustomFields(existing: ElementNode | undefined, submitted: ElementNode): ElementNode {
	const fields = [...(existing?.children ?? [])];
	for (const field of submitted.children) {
		const key = customFieldKey(field);
		const position = key === undefined ? -1 : fields.findIndex((candidate) => customFieldKey(candidate) === key);
		if (position === -1) fields.push(field);
		else fields[position] = field;
	}
	return { ...submitted, children: fields };
}

/** The fields after an update (or an add, from no fields). */
export function mergeRecord(recordKey: QName, existing: ElementNode[], submitted: ElementNode[]): ElementNode[] {
	const result = new Map<string, ElementNode[]>();
	for (const field of existing) result.set(field.name, [...(result.get(field.name) ?? []), field]);
	const cleared = new Set<string>();
	const replaced = new Set<string>();
	for (const field of submitted) {
		if (field.name === NULL_FIELD_LIST) {
			for (const name of field.children) cleared.add(name.text.trim().toLowerCase());
			continue;
		}
		const current = result.get(field.name)?.[0];
		if (field.name === CUSTOM_FIELD_LIST) result.set(field.name, [mergeCustomFields(current, field)]);
		else if (isSublist(fieldType(recordKey, field))) result.set(field.name, [mergeLines(current, field)]);
		else {
			result.set(field.name, replaced.has(field.name) ? [...(result.get(field.name) ?? []), field] : [field]);
			replaced.add(field.name);
		}
	}
	const fields: ElementNode[] = [];
	for (const [name, nodes] of result) {
		if (cleared.has(name.toLowerCase())) continue;
		if (name === CUSTOM_FIELD_LIST) {
			const kept = nodes[0].children.filter((field) => !cleared.has(field.attributes.scriptId?.toLowerCase() ?? ''));
			if (kept.length > 0) fields.push({ ...nodes[0], children: kept });
			continue;
		}
		fields.push(...nodes);
	}
	return inSchemaOrder(recordKey, fields);
}

/** Gives new sublist lines the key NetSuite would assign (`line` numbers, address `internalId`s). */
export function assignLineKeys(recordKey: QName, fields: ElementNode[], store: RecordStore): void {
	const index = schemaIndex();
	for (const field of fields) {
		const listType = fieldType(recordKey, field);
		if (!isSublist(listType) || !listType) continue;
		let nextLine = Math.max(0, ...field.children.map((line) => Number(childNamed(line, 'line')?.text ?? 0) || 0)) + 1;
		for (const line of field.children) {
			if (lineKey(line) !== undefined) continue;
			const declaration = index.child(listType, line.name);
			const lineType = declaration ? index.elementType(declaration) : undefined;
			if (!lineType) continue;
			const keyName = LINE_KEYS.find((name) => index.child(lineType, name));
			if (!keyName) continue;
			const keyDeclaration = index.child(lineType, keyName);
			const text = keyName === 'line' ? String(nextLine++) : store.newInternalId();
			line.children = inSchemaOrder(lineType, [
				...line.children,
				{ namespace: keyDeclaration?.namespace ?? line.namespace, name: keyName, attributes: {}, children: [], text },
			]);
		}
	}
}
