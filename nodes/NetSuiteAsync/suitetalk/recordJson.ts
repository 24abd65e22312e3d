import { ATTRIBUTE_PREFIX, TEXT_KEY, isElement, type XmlElement, type XmlValue } from './xml';

/**
 * SuiteTalk records as plain JSON. NetSuite's field names are kept; attributes (`internalId`,
 * `externalId`, a RecordRef's `type`, …) become plain fields; values stay the strings NetSuite sent
 * (no number or boolean conversion: `00123` stays `00123`). Namespace declarations and every other
 * prefixed attribute (`xsi:type` included) are dropped from nested fields; only the record's own
 * `xsi:type` is kept, as `recordType`.
 */

export interface RecordJson {
	/** Local name of the record's `xsi:type` (`Customer`, `SalesOrder`, `TransactionSearchRow`, …). */
	recordType?: string;
	internalId?: string;
	externalId?: string;
	/** The record's attributes (internalId, externalId, …) and fields. */
	fields: Record<string, unknown>;
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
const SEARCH_VALUE = 'searchValue';
const CUSTOM_LABEL = 'customLabel';

function asArray(value: XmlValue | undefined): XmlValue[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/*
 * Hot-path helpers: a 2,000-record page has hundreds of thousands of elements, so these read keys
 * directly instead of going through xml.ts's general `attribute()` (which allocates an entries
 * array per call). Same semantics: unprefixed attributes by exact name, prefixed ones by local name.
 */

/** An unprefixed attribute (`internalId`, `scriptId`, …). */
function plainAttribute(element: XmlElement, name: string): string | undefined {
	const value = element[ATTRIBUTE_PREFIX + name];
	return typeof value === 'string' ? value : undefined;
}

/** A prefixed attribute by local name (`xsi:type`, `xsi:nil`), ignoring namespace declarations. */
function prefixedAttribute(element: XmlElement, name: string): string | undefined {
	const suffix = `:${name}`;
	for (const key in element) {
		if (!key.startsWith(ATTRIBUTE_PREFIX) || !key.endsWith(suffix) || key.startsWith('@_xmlns:')) continue;
		const value = element[key];
		if (typeof value === 'string') return value;
	}
	return undefined;
}

/** `xsi:type="ns2:RecordRef"` → `RecordRef`. */
function typeOf(element: XmlElement): string | undefined {
	const value = prefixedAttribute(element, 'type');
	return value === undefined ? undefined : value.slice(value.indexOf(':') + 1);
}

function isNil(element: XmlElement): boolean {
	const nil = prefixedAttribute(element, 'nil')?.trim();
	return nil === 'true' || nil === '1';
}

function isChildKey(key: string): boolean {
	return key !== TEXT_KEY && !key.startsWith(ATTRIBUTE_PREFIX);
}

/** Keys of child elements (not attributes, not text). */
function childKeys(element: XmlElement): string[] {
	const keys: string[] = [];
	for (const key in element) if (isChildKey(key)) keys.push(key);
	return keys;
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

/**
 * A `…List` wrapper whose children all share one name (`addressbookList/addressbook*`,
 * `itemList/item*`, `subsidiaryList/recordRef*`): its items, always as an array.
 */
function listItems(name: string, element: XmlElement): { itemName: string; items: XmlValue[] } | undefined {
	if (!name.endsWith(LIST_SUFFIX) || element[TEXT_KEY] !== undefined) return undefined;
	let itemName: string | undefined;
	for (const key in element) {
		if (!isChildKey(key)) continue;
		if (itemName !== undefined) return undefined;
		itemName = key;
	}
	return itemName === undefined ? undefined : { itemName, items: asArray(element[itemName]) };
}

/** An element's attributes and children as an object (never collapsed to its text). */
function elementToObject(element: XmlElement): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	copyAttributes(element, result);
	for (const key in element) if (isChildKey(key)) result[key] = fieldToJson(key, element[key]);
	const textValue = element[TEXT_KEY];
	if (typeof textValue === 'string' && textValue !== '') result[TEXT_KEY] = textValue;
	return result;
}

/**
 * One field's value: text stays the string sent; a complex element becomes an object of its
 * attributes and children; repeated siblings (already an array from the parser) stay an array.
 */
export function fieldToJson(name: string, value: XmlValue | undefined): unknown {
	if (value === undefined) return undefined;
	if (Array.isArray(value)) return value.map((entry) => fieldToJson(name, entry));
	if (typeof value === 'string') return name === CUSTOM_FIELD_LIST ? [] : value;
	if (!isElement(value)) return undefined;
	if (isNil(value)) return null;
	if (name === CUSTOM_FIELD_LIST) return customFieldListToJson(value);
	const list = listItems(name, value);
	if (list) return list.items.map((item) => fieldToJson(list.itemName, item));

	const result = elementToObject(value);
	// Text with nothing else left once namespace declarations and xsi:type are dropped is just text.
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

function isMultiSelect(type: string | undefined): boolean {
	return type !== undefined && /MultiSelect/i.test(type);
}

/**
 * `<customField scriptId=… internalId=… xsi:type="…CustomFieldRef"><value>…</value></customField>`
 * → `{ scriptId, internalId?, type, value }`. Search columns carry the value in `searchValue`. A
 * select value (`<value internalId typeId><name/></value>`) becomes an object; a multi-select's
 * value is always an array.
 */
export function customFieldToJson(field: XmlValue): CustomFieldJson {
	const element: XmlElement = isElement(field) ? field : {};
	const scriptId = plainAttribute(element, 'scriptId');
	const internalId = plainAttribute(element, 'internalId');
	const type = typeOf(element);
	const raw = element.value !== undefined ? element.value : element[SEARCH_VALUE];
	let value: unknown;
	if (isMultiSelect(type)) value = asArray(raw).map((entry) => fieldToJson('value', entry));
	else if (raw !== undefined) value = fieldToJson('value', raw);
	else value = typeof field === 'string' ? field : null;
	// Built in this key order: scriptId, internalId, type, value.
	const result = {} as CustomFieldJson;
	if (scriptId !== undefined) result.scriptId = scriptId;
	if (internalId !== undefined) result.internalId = internalId;
	if (type !== undefined) result.type = type;
	result.value = value;
	return result;
}

function customFieldListToJson(list: XmlElement): CustomFieldJson[] {
	const fields: CustomFieldJson[] = [];
	for (const key in list) {
		if (!isChildKey(key)) continue;
		for (const entry of asArray(list[key])) fields.push(customFieldToJson(entry));
	}
	return fields;
}

/**
 * A record element (`record`, `recordList/record`, a RecordRef, …): the `xsi:type` local name is
 * `recordType`; its attributes (internalId, externalId, …) and fields are in `fields`.
 */
export function recordToJson(recordElement: XmlValue | undefined): RecordJson {
	const element = isElement(recordElement) ? recordElement : {};
	const result: RecordJson = { fields: elementToObject(element) };
	const recordType = typeOf(element);
	const internalId = plainAttribute(element, 'internalId');
	const externalId = plainAttribute(element, 'externalId');
	if (recordType !== undefined) result.recordType = recordType;
	if (internalId !== undefined) result.internalId = internalId;
	if (externalId !== undefined) result.externalId = externalId;
	return result;
}

/** `{ recordType, internalId, externalId, …fields }`: one flat object for a record. */
export function recordJsonObject(record: RecordJson): Record<string, unknown> {
	return record.recordType === undefined ? { ...record.fields } : { recordType: record.recordType, ...record.fields };
}

// ---------------------------------------------------------------------------------------------
// Search rows

function isSearchColumn(element: XmlElement): boolean {
	const keys = childKeys(element);
	return keys.length > 0 && keys.every((key) => key === SEARCH_VALUE || key === CUSTOM_LABEL);
}

function singleOrArray(values: unknown[]): unknown {
	return values.length === 1 ? values[0] : values;
}

function searchEntryToJson(name: string, entry: XmlValue): unknown {
	if (!isElement(entry)) return fieldToJson(name, entry);
	if (name === CUSTOM_FIELD_LIST) return customFieldListToJson(entry);
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
	const recordType = typeOf(element);
	const internalId = searchIdentifier(result.fields.basic, 'internalId');
	const externalId = searchIdentifier(result.fields.basic, 'externalId');
	if (recordType !== undefined) result.recordType = recordType;
	if (internalId !== undefined) result.internalId = internalId;
	if (externalId !== undefined) result.externalId = externalId;
	return result;
}
