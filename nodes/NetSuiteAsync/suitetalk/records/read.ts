import {
	CUSTOM_FIELD_REF_TYPE,
	RECORD_TYPE,
	complexTypesNamed,
	elementOf,
	isComplexType,
	isSubtypeOf,
	sublistItemOf,
	type QualifiedName,
} from '../schema/model';
import { ATTRIBUTE_PREFIX, TEXT_KEY, attribute, hasChildElements, isElement, localName, type XmlElement, type XmlValue } from '../xml';

/**
 * SuiteTalk records as plain JSON, read by the schema model (schema/model.ts). NetSuite's field
 * names are kept; attributes (`internalId`, `externalId`, a RecordRef's `type`, …) become plain
 * fields; values stay the strings NetSuite sent, whitespace included (no number or boolean
 * conversion: `00123` stays `00123`).
 *
 * Shapes follow the element's schema type, not its name: a field whose XSD maxOccurs > 1 is always
 * an array; a sublist (`addressbookList`, `itemList`, `subsidiaryList`, …: a wrapper whose one child
 * repeats) is always an array, `[]` when empty; a reference (`entity`, and `billAddressList`, whose
 * type is RecordRef whatever its name says) is an object; any other complex field is an object;
 * simple fields are strings. A record type or field the model does not know (a newer release, a
 * custom record's extra fields) is read by name rules instead (`…List` wrappers are arrays,
 * repeated siblings are arrays) and never dropped. Namespace declarations and prefixed attributes
 * (`xsi:type`, `xsi:nil`) are not data; only the record's own `xsi:type` is kept, as `recordType`.
 */

export interface RecordJson {
	/** Local name of the record's `xsi:type` (`Customer`, `SalesOrder`, `TransactionSearchRow`, …). */
	recordType?: string;
	internalId?: string;
	externalId?: string;
	/** The record's attributes (internalId, externalId, …) and fields. */
	fields: Record<string, unknown>;
	/** True when the record's schema type has a field named `recordType` (Note, …): the xsi:type then stays out of `fields`. */
	hasRecordTypeField?: boolean;
}

/** One custom field: `type` is the local name of its `xsi:type` (`StringCustomFieldRef`, …). */
export interface CustomFieldJson {
	scriptId?: string;
	internalId?: string;
	type?: string;
	value: unknown;
}

const LIST_SUFFIX = 'List';
const CUSTOM_FIELD_LIST = 'customFieldList';
const VALUE = 'value';
const SEARCH_VALUE = 'searchValue';
const CUSTOM_LABEL = 'customLabel';
const RECORD_TYPE_FIELD = 'recordType';
/** Every shape a custom field comes in: on records, as search criteria, as search columns. */
const CUSTOM_FIELD_BASE_TYPES = [CUSTOM_FIELD_REF_TYPE, 'platformCore:SearchCustomField', 'platformCore:SearchColumnCustomField'];

function asArray(value: XmlValue | undefined): XmlValue[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `xsi:type="ns2:RecordRef"` → `RecordRef`. */
function xsiTypeName(element: XmlElement): string | undefined {
	const value = attribute(element, 'type', true);
	return value === undefined ? undefined : localName(value);
}

function isNil(element: XmlElement): boolean {
	const nil = attribute(element, 'nil', true)?.trim();
	return nil === 'true' || nil === '1';
}

function isChildKey(key: string): boolean {
	return key !== TEXT_KEY && !key.startsWith(ATTRIBUTE_PREFIX);
}

function childKeys(element: XmlElement): string[] {
	const keys: string[] = [];
	for (const key in element) if (isChildKey(key)) keys.push(key);
	return keys;
}

function isBlank(value: string): boolean {
	return value.trim() === '';
}

/**
 * Copies an element's own unprefixed attributes into `target`. Namespace declarations (`xmlns`,
 * `xmlns:*`) and prefixed attributes (`xsi:type`, `xsi:nil`, …) are not record data.
 */
function copyAttributes(element: XmlElement, target: Record<string, unknown>): void {
	for (const key in element) {
		if (!key.startsWith(ATTRIBUTE_PREFIX)) continue;
		const name = key.slice(ATTRIBUTE_PREFIX.length);
		if (name === 'xmlns' || name.includes(':')) continue;
		const value = element[key];
		if (typeof value === 'string') target[name] = value;
	}
}

/** Text beside child elements is kept only when it is more than the indentation between them. */
function copyText(element: XmlElement, target: Record<string, unknown>): void {
	const textValue = element[TEXT_KEY];
	if (typeof textValue !== 'string' || textValue === '') return;
	if (hasChildElements(element) && isBlank(textValue)) return;
	target[TEXT_KEY] = textValue;
}

/** An object with only `#text` left (namespace declarations and xsi:type dropped) is that text. */
function collapseText(result: Record<string, unknown>): unknown {
	let onlyText = true;
	let empty = true;
	for (const key in result) {
		empty = false;
		if (key !== TEXT_KEY) {
			onlyText = false;
			break;
		}
	}
	if (empty) return '';
	return onlyText ? result[TEXT_KEY] : result;
}

// ------------------------------------------------------------------------------------------------
// Name rules: fields the model does not know

/**
 * A `…List` wrapper whose children all share one name (`addressbookList/addressbook*`,
 * `itemList/item*`, `subsidiaryList/recordRef*`): its items, always as an array.
 */
function listItemsByName(name: string, element: XmlElement): { itemName: string; items: XmlValue[] } | undefined {
	if (!name.endsWith(LIST_SUFFIX)) return undefined;
	const textValue = element[TEXT_KEY];
	if (typeof textValue === 'string' && !isBlank(textValue)) return undefined;
	let itemName: string | undefined;
	for (const key in element) {
		if (!isChildKey(key)) continue;
		if (itemName !== undefined) return undefined;
		itemName = key;
	}
	return itemName === undefined ? undefined : { itemName, items: asArray(element[itemName]) };
}

/**
 * A field the model does not know, read by its name: text stays the string sent; a complex element
 * becomes an object of its attributes and children; repeated siblings are an array; a `…List`
 * wrapper of one repeated child is an array of its items, an empty `…List` is `[]`.
 */
export function fieldToJson(name: string, value: XmlValue | undefined): unknown {
	if (value === undefined) return undefined;
	if (Array.isArray(value)) return value.map((entry) => fieldToJson(name, entry));
	if (name === CUSTOM_FIELD_LIST) return readValue(value, 'platformCore:CustomFieldList');
	const isList = name.endsWith(LIST_SUFFIX);
	if (typeof value === 'string') return isList && isBlank(value) ? [] : value;
	if (!isElement(value)) return undefined;
	if (isNil(value)) return null;
	const list = listItemsByName(name, value);
	if (list) return list.items.map((item) => fieldToJson(list.itemName, item));

	const result: Record<string, unknown> = {};
	copyAttributes(value, result);
	for (const key in value) if (isChildKey(key)) result[key] = fieldToJson(key, value[key]);
	copyText(value, result);
	const collapsed = collapseText(result);
	return isList && collapsed === '' ? [] : collapsed;
}

// ------------------------------------------------------------------------------------------------
// Schema rules

/** The type an element is read by: its xsi:type when the model knows it as the declared type or a subtype of it. */
function effectiveType(element: XmlElement, declared: QualifiedName): QualifiedName {
	const name = xsiTypeName(element);
	if (name === undefined) return declared;
	for (const candidate of complexTypesNamed(name)) if (isSubtypeOf(candidate, declared)) return candidate;
	return declared;
}

const customFieldTypeCache = new Map<QualifiedName, boolean>();

function isCustomFieldType(type: QualifiedName): boolean {
	let known = customFieldTypeCache.get(type);
	if (known === undefined) {
		known = CUSTOM_FIELD_BASE_TYPES.some((base) => isSubtypeOf(type, base));
		customFieldTypeCache.set(type, known);
	}
	return known;
}

/** A simple-typed element: its text, or an object when attributes other than namespace ones remain. */
function readSimple(element: XmlElement, name: string): unknown {
	if (hasChildElements(element)) return fieldToJson(name, element);
	const result: Record<string, unknown> = {};
	copyAttributes(element, result);
	copyText(element, result);
	return collapseText(result);
}

/** An element of a complex type: attributes and children, each child read by its declaration. */
function readComplex(element: XmlElement, type: QualifiedName): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	copyAttributes(element, result);
	for (const key in element) {
		if (!isChildKey(key)) continue;
		const value = element[key];
		const declaration = elementOf(type, key);
		if (declaration === undefined) result[key] = fieldToJson(key, value);
		else if (declaration.repeated) result[key] = asArray(value).map((entry) => readValue(entry, declaration.type, key));
		else result[key] = readValue(value, declaration.type, key);
	}
	copyText(element, result);
	return result;
}

/**
 * One value of schema type `type` (declared; an `xsi:type` may narrow it). Repeated siblings of a
 * single-valued field stay an array rather than losing all but one.
 */
function readValue(value: XmlValue, type: QualifiedName, name = ''): unknown {
	if (Array.isArray(value)) return value.map((entry) => readValue(entry, type, name));
	if (!isComplexType(type)) return typeof value === 'string' ? value : isElement(value) ? readSimple(value, name) : undefined;
	const item = sublistItemOf(type);
	if (typeof value === 'string') {
		// A complex element with no attributes or children: empty (a list is [], anything else {}),
		// or text the schema did not expect, which is kept.
		if (!isBlank(value)) return value;
		return item ? [] : {};
	}
	if (!isElement(value)) return undefined;
	if (isNil(value)) return null;
	const actual = effectiveType(value, type);
	if (isCustomFieldType(actual)) return customFieldToJson(value, actual);
	if (item) {
		const keys = childKeys(value);
		if (keys.length === 0) return [];
		if (keys.length === 1 && keys[0] === item.name) return asArray(value[item.name]).map((entry) => readValue(entry, item.type, item.name));
	}
	return readComplex(value, actual);
}

function isMultiSelectName(type: string | undefined): boolean {
	return type !== undefined && /MultiSelect/i.test(type);
}

/**
 * `<customField scriptId=… internalId=… xsi:type="…CustomFieldRef"><value>…</value></customField>`
 * → `{ scriptId, internalId?, type, value }`. Search columns carry the value in `searchValue`. A
 * select value (`<value internalId typeId><name/></value>`) becomes an object; a multi-select's
 * value is always an array (its `value` repeats in the schema).
 */
export function customFieldToJson(field: XmlValue, declaredType: QualifiedName = CUSTOM_FIELD_REF_TYPE): CustomFieldJson {
	const element: XmlElement = isElement(field) ? field : {};
	const scriptId = attribute(element, 'scriptId');
	const internalId = attribute(element, 'internalId');
	const type = xsiTypeName(element);
	// A search column's custom field sits in a list declared for record custom fields: any custom field type its xsi:type names applies.
	const fieldType = (type === undefined ? undefined : complexTypesNamed(type).find(isCustomFieldType)) ?? declaredType;
	const valueName = element[VALUE] !== undefined ? VALUE : SEARCH_VALUE;
	const raw = element[valueName];
	const declaration = elementOf(fieldType, valueName) ?? elementOf(fieldType, VALUE) ?? elementOf(fieldType, SEARCH_VALUE);
	let value: unknown;
	if (declaration) {
		value = declaration.repeated
			? asArray(raw).map((entry) => readValue(entry, declaration.type, valueName))
			: raw === undefined
				? null
				: readValue(raw, declaration.type, valueName);
	} else if (isMultiSelectName(type)) value = asArray(raw).map((entry) => fieldToJson(valueName, entry));
	else if (raw !== undefined) value = fieldToJson(valueName, raw);
	else value = typeof field === 'string' && !isBlank(field) ? field : null;
	// Built in this key order: scriptId, internalId, type, value.
	const result = {} as CustomFieldJson;
	if (scriptId !== undefined) result.scriptId = scriptId;
	if (internalId !== undefined) result.internalId = internalId;
	if (type !== undefined) result.type = type;
	result.value = value;
	return result;
}

/**
 * A record element (`record` of a readResponse or a search's recordList): the `xsi:type` local
 * name is `recordType`; its attributes (internalId, externalId, …) and fields are in `fields`,
 * read by the record's schema type (by name rules where the model does not know the type).
 */
export function recordToJson(recordElement: XmlValue | undefined): RecordJson {
	const element = isElement(recordElement) ? recordElement : {};
	const type = effectiveType(element, RECORD_TYPE);
	const result: RecordJson = { fields: readComplex(element, type) };
	const recordType = xsiTypeName(element);
	const internalId = attribute(element, 'internalId');
	const externalId = attribute(element, 'externalId');
	if (recordType !== undefined) result.recordType = recordType;
	if (internalId !== undefined) result.internalId = internalId;
	if (externalId !== undefined) result.externalId = externalId;
	if (elementOf(type, RECORD_TYPE_FIELD) !== undefined || RECORD_TYPE_FIELD in result.fields) result.hasRecordTypeField = true;
	return result;
}

/**
 * `{ recordType, internalId, externalId, …fields }`: one flat object for a record. A record with
 * its own `recordType` field (Note) keeps that field; its xsi:type is on the output item only.
 */
export function recordJsonObject(record: RecordJson): Record<string, unknown> {
	return record.recordType === undefined || record.hasRecordTypeField ? { ...record.fields } : { recordType: record.recordType, ...record.fields };
}

// ------------------------------------------------------------------------------------------------
// Search rows
//
// Every column of a SearchRowBasic repeats in the schema (maxOccurs unbounded); rows keep the
// shape users already build on: one value as itself, a column NetSuite repeated as an array.

function isSearchColumn(element: XmlElement): boolean {
	const keys = childKeys(element);
	return keys.length > 0 && keys.every((key) => key === SEARCH_VALUE || key === CUSTOM_LABEL);
}

function singleOrArray(values: unknown[]): unknown {
	return values.length === 1 ? values[0] : values;
}

function searchEntryToJson(name: string, entry: XmlValue): unknown {
	if (!isElement(entry)) return fieldToJson(name, entry);
	if (name === CUSTOM_FIELD_LIST) return fieldToJson(name, entry);
	if (isSearchColumn(entry)) {
		// SearchColumn…Field: its searchValue is the value (a string, or a RecordRef object for
		// select columns); the column's customLabel is presentation, not data.
		const values = asArray(entry[SEARCH_VALUE]);
		if (values.length === 0) return null;
		return singleOrArray(values.map((value) => fieldToJson(SEARCH_VALUE, value)));
	}
	if (childKeys(entry).length > 0) return searchGroupToJson(entry);
	return fieldToJson(name, entry);
}

/**
 * `basic`, `customerJoin`, `customSearchJoin/searchRowBasic`, …: `{ fieldName: value | [values] }`
 * (a column repeated in the row gives an array).
 */
function searchGroupToJson(group: XmlElement): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	copyAttributes(group, result);
	for (const key in group) {
		if (!isChildKey(key)) continue;
		const value = group[key];
		result[key] = Array.isArray(value)
			? singleOrArray(value.map((entry) => searchEntryToJson(key, entry)))
			: searchEntryToJson(key, value);
	}
	return result;
}

function searchIdentifier(basic: unknown, attributeName: 'internalId' | 'externalId'): string | undefined {
	if (typeof basic !== 'object' || basic === null || Array.isArray(basic)) return undefined;
	const column = (basic as Record<string, unknown>)[attributeName];
	if (typeof column === 'string') return column || undefined;
	if (typeof column === 'object' && column !== null && !Array.isArray(column)) {
		const id = (column as Record<string, unknown>)[attributeName];
		return typeof id === 'string' && id ? id : undefined;
	}
	return undefined;
}

/**
 * A `searchRow` (`xsi:type="…TransactionSearchRow"`) → `{ basic: {…}, customerJoin: {…} }`;
 * internalId/externalId come from the `basic` internalId/externalId columns when they were selected.
 */
export function searchRowToJson(rowElement: XmlValue | undefined): RecordJson {
	const element = isElement(rowElement) ? rowElement : {};
	const result: RecordJson = { fields: searchGroupToJson(element) };
	const recordType = xsiTypeName(element);
	const internalId = searchIdentifier(result.fields.basic, 'internalId');
	const externalId = searchIdentifier(result.fields.basic, 'externalId');
	if (recordType !== undefined) result.recordType = recordType;
	if (internalId !== undefined) result.internalId = internalId;
	if (externalId !== undefined) result.externalId = externalId;
	return result;
}
