import { qname, schemaIndex, splitQName } from '../xsd/schema-index';
import { childNamed, childrenNamed, type ElementNode } from './element-tree';
import { fieldType, isSublist, readRecord, type RecordStore, type StoreEntry } from './record-store';
import { recordTypeInfo } from './record-types';
import { DEFAULT_PAGE_SIZE } from './results';
import type { FieldValue, SearchRecord } from './types';

/**
 * asyncSearch against the record store. Supported: basic criteria on `internalId`, `externalId`,
 * `externalIdString`, `internalIdNumber`, transaction/item `type`, any body field (text, boolean,
 * number, date, RecordRef) and `customFieldList` custom fields; advanced searches' `criteria` and
 * `columns`; saved searches (every record of the type: the simulator has no saved search
 * definitions). Joins are ignored.
 */

export interface SearchOutcome {
	records: SearchRecord[];
	pageSize: number;
	rows: boolean;
}

type Value = { text?: string; ref?: Record<string, string> };

const COMMON_NS = 'urn:common_2025_2.platform.webservices.netsuite.com';

const lower = (value: string | undefined) => (value ?? '').trim().toLowerCase();

function compareText(operator: string, actual: string | undefined, wanted: string): boolean {
	const a = lower(actual);
	const w = lower(wanted);
	switch (operator) {
		case 'is':
			return a === w;
		case 'isNot':
			return a !== w;
		case 'contains':
		case 'hasKeywords':
			return a.includes(w);
		case 'doesNotContain':
			return !a.includes(w);
		case 'startsWith':
			return a.startsWith(w);
		case 'doesNotStartWith':
			return !a.startsWith(w);
		default:
			return false;
	}
}

function compareOrdered(operator: string, actual: number, low: number, high: number): boolean {
	switch (operator) {
		case 'equalTo':
		case 'on':
			return actual === low;
		case 'notEqualTo':
		case 'notOn':
			return actual !== low;
		case 'greaterThan':
		case 'after':
		case 'notLessThanOrEqualTo':
			return actual > low;
		case 'greaterThanOrEqualTo':
		case 'onOrAfter':
		case 'notBefore':
		case 'notLessThan':
			return actual >= low;
		case 'lessThan':
		case 'before':
		case 'notGreaterThanOrEqualTo':
			return actual < low;
		case 'lessThanOrEqualTo':
		case 'onOrBefore':
		case 'notAfter':
		case 'notGreaterThan':
			return actual <= low;
		case 'between':
		case 'within':
			return actual >= low && actual <= high;
		case 'notBetween':
		case 'notWithin':
			return actual < low || actual > high;
		default:
			return false;
	}
}

const DATE_OPERATORS = new Set(['on', 'notOn', 'after', 'before', 'onOrAfter', 'onOrBefore', 'notAfter', 'notBefore', 'within', 'notWithin']);

/** One criterion against the values the record has for that field (several for a multi-select). */
function matches(criterion: ElementNode, actual: Value[]): boolean {
	const operator = criterion.attributes.operator;
	const searchValues = childrenNamed(criterion, 'searchValue');
	if (operator === 'empty') return actual.every((value) => !value.ref && lower(value.text) === '');
	if (operator === 'notEmpty') return actual.some((value) => value.ref || lower(value.text) !== '');
	if (operator === undefined) {
		// SearchBooleanField: an unset checkbox is false.
		const wanted = lower(searchValues[0]?.text) === 'true';
		return (lower(actual[0]?.text) === 'true') === wanted;
	}
	if (operator === 'anyOf' || operator === 'noneOf') {
		const hit = searchValues.some((searchValue) =>
			actual.some((value) => {
				if (searchValue.children.length === 0 && Object.keys(searchValue.attributes).length === 0) return lower(value.text) === lower(searchValue.text);
				const { internalId, externalId } = searchValue.attributes;
				if (internalId !== undefined) return value.ref?.internalId === internalId;
				return externalId !== undefined && lower(value.ref?.externalId) === lower(externalId);
			}),
		);
		return operator === 'anyOf' ? hit : !hit;
	}
	const wanted = searchValues[0]?.text ?? '';
	const second = childNamed(criterion, 'searchValue2')?.text ?? wanted;
	if (DATE_OPERATORS.has(operator)) {
		const date = Date.parse(actual[0]?.text ?? '');
		return Number.isFinite(date) && compareOrdered(operator, date, Date.parse(wanted), Date.parse(second));
	}
	if (/equal|greater|less|between/i.test(operator)) {
		const number = Number(actual[0]?.text);
		return actual[0]?.text !== undefined && Number.isFinite(number) && compareOrdered(operator, number, Number(wanted), Number(second));
	}
	return compareText(operator, actual[0]?.text, wanted);
}

function valueOf(node: ElementNode): Value {
	return Object.keys(node.attributes).length > 0 ? { ref: node.attributes, text: childNamed(node, 'name')?.text } : { text: node.text };
}

function actualValues(entry: StoreEntry, criterion: ElementNode): Value[] {
	switch (criterion.name) {
		case 'internalId':
			return [{ ref: { internalId: entry.internalId }, text: entry.internalId }];
		case 'internalIdNumber':
			return [{ text: entry.internalId }];
		case 'externalId':
			return entry.externalId === undefined ? [] : [{ ref: { externalId: entry.externalId }, text: entry.externalId }];
		case 'externalIdString':
			return [{ text: entry.externalId }];
		case 'type':
			if (entry.info.group === 'transaction' || entry.info.group === 'item') return [{ text: `_${entry.info.type}` }];
			break;
		case 'mainLine':
			// The store holds transactions without line rows: every stored transaction is its main line.
			return [{ text: 'true' }];
	}
	const field = entry.fields.find((candidate) => candidate.name === criterion.name);
	if (!field) return [];
	if (field.children.length > 0 && Object.keys(field.attributes).length === 0) return field.children.map(valueOf);
	return [valueOf(field)];
}

function customFieldValues(entry: StoreEntry, scriptId: string): Value[] {
	const list = entry.fields.find((field) => field.name === 'customFieldList');
	const field = list?.children.find((candidate) => lower(candidate.attributes.scriptId) === lower(scriptId));
	return field ? childrenNamed(field, 'value').map(valueOf) : [];
}

function satisfies(entry: StoreEntry, basic: ElementNode | undefined): boolean {
	for (const criterion of basic?.children ?? []) {
		if (criterion.name === 'customFieldList') {
			for (const custom of criterion.children) {
				if (!matches(custom, customFieldValues(entry, custom.attributes.scriptId ?? ''))) return false;
			}
		} else if (!matches(criterion, actualValues(entry, criterion))) {
			return false;
		}
	}
	return true;
}

function columnValue(entry: StoreEntry, name: string): FieldValue | undefined {
	const field = entry.fields.find((candidate) => candidate.name === name);
	if (!field) return undefined;
	if (Object.keys(field.attributes).length > 0) {
		const { internalId, externalId, type } = field.attributes;
		return { internalId, externalId, type, name: childNamed(field, 'name')?.text };
	}
	return field.children.length === 0 ? field.text : undefined;
}

export function runSearch(store: RecordStore, searchRecord: ElementNode | undefined, preferences: Record<string, string>): SearchOutcome {
	const searchType = searchRecord?.xsiType ? splitQName(searchRecord.xsiType).local : '';
	const base = searchType.replace(/(SearchAdvanced|SearchBasic|Search)$/, '');
	const advanced = searchType.endsWith('SearchAdvanced');
	const savedSearch = searchRecord?.attributes.savedSearchId !== undefined || searchRecord?.attributes.savedSearchScriptId !== undefined;

	let criteria: ElementNode | undefined;
	if (searchType.endsWith('SearchBasic')) criteria = searchRecord;
	else if (advanced) criteria = childNamed(childNamed(searchRecord, 'criteria'), 'basic');
	else criteria = childNamed(searchRecord, 'basic');
	const columns = advanced ? (childNamed(childNamed(searchRecord, 'columns'), 'basic')?.children.map((column) => column.name) ?? []) : [];

	let candidates: StoreEntry[];
	if (base === 'Transaction' || base === 'Item') candidates = store.entriesInGroup(base.toLowerCase());
	else candidates = recordTypeInfo(base) ? store.entries(base) : [];
	const found = savedSearch ? candidates : candidates.filter((entry) => satisfies(entry, criteria));

	const pageSize = preferences.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(preferences.pageSize);
	const rows = columns.length > 0 && lower(preferences.returnSearchColumns) !== 'false';
	if (rows) {
		// Row columns in the XSD order of <Type>SearchRowBasic, ids included, so the row is schema-valid.
		const order = new Map(schemaIndex().sequence(qname(COMMON_NS, `${base}SearchRowBasic`)).map((element, position) => [element.name, position]));
		const ordered = [...columns].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
		const records = found.map((entry) => {
			const fields: Record<string, FieldValue> = {};
			for (const column of ordered) {
				let value: FieldValue | undefined;
				if (column === 'internalId') value = { internalId: entry.internalId };
				else if (column === 'externalId') value = entry.externalId === undefined ? undefined : { externalId: entry.externalId };
				else value = columnValue(entry, column);
				if (value !== undefined) fields[column] = value;
			}
			return { recordType: base, fields };
		});
		return { records, pageSize, rows };
	}
	// bodyFieldsOnly (default true) leaves sublists out of basic-search records [O:section_4170181850].
	const bodyOnly = lower(preferences.bodyFieldsOnly) !== 'false';
	const records = found.map((entry) => {
		const fields = bodyOnly ? entry.fields.filter((field) => !isSublist(fieldType(entry.info.key, field))) : entry.fields;
		const { isSuccess: _ignored, details: _none, ...record } = readRecord(entry, fields);
		void _ignored;
		void _none;
		return record;
	});
	return { records, pageSize, rows };
}
