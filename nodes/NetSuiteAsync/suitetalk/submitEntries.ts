import { closestNames } from './records/closestNames';
import type { SchemaView } from './records/schemaView';
import { isJsonObject, RecordFieldError, RecordWriter, type WrittenNode } from './records/write';
import { SUBMIT_OPERATION_RULES, type AsyncSubmitOperation } from './submitOperations';

/**
 * One input item → the body entry of an async submission (`record`, `baseRef`, `initializeRecord`
 * or `searchRecord`), with the rules NetSuite applies per operation checked before anything is
 * sent (SUBMIT.md §3.11, §5.7).
 */

export interface SubmitEntry {
	node: WrittenNode;
	/** The record type as NetSuite names it in RecordRefs (`customer`), or the searched type. */
	recordType: string;
	/** What the entry identifies itself by: NetSuite echoes these in the result, which pairing checks. */
	internalId?: string;
	externalId?: string;
}

const MESSAGES = 'platformMsgs';
const CUSTOM_RECORD = 'setupCustom:CustomRecord';
const INITIALIZE_TYPE = 'platformCoreTyp:InitializeType';
const ADVANCED_SEARCH_KEYS = ['criteria', 'columns', 'savedSearchId', 'savedSearchScriptId'];
const REFERENCE_KEYS = ['internalId', 'externalId', 'typeId', 'scriptId'] as const;

type JsonObject = Record<string, unknown>;

function idText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export class SubmitEntryBuilder {
	private readonly writer: RecordWriter;

	constructor(readonly view: SchemaView) {
		this.writer = new RecordWriter(view);
	}

	build(operation: AsyncSubmitOperation, recordTypeName: unknown, record: unknown): SubmitEntry {
		const typeName = typeof recordTypeName === 'string' ? recordTypeName.trim() : '';
		const json = this.asObject(record, operation);
		switch (SUBMIT_OPERATION_RULES[operation].entry) {
			case 'record':
				return this.record(operation, typeName, json);
			case 'baseRef':
				return this.reference(operation, typeName, json);
			case 'initializeRecord':
				return this.initialize(typeName, json);
			default:
				return this.search(typeName, json);
		}
	}

	private asObject(record: unknown, operation: AsyncSubmitOperation): JsonObject {
		let value = record;
		if (typeof value === 'string' && value.trim().startsWith('{')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				parsed = undefined;
			}
			if (parsed === undefined) {
				throw new RecordFieldError('', 'Record is text that is not valid JSON', 'Give the record as an object, e.g. {{ $json }}, or as valid JSON.');
			}
			value = parsed;
		}
		// get and delete take a bare id as well.
		const id = idText(value);
		if (id !== undefined && SUBMIT_OPERATION_RULES[operation].entry === 'baseRef') return { internalId: id };
		if (!isJsonObject(value)) {
			throw new RecordFieldError(
				'',
				`Record is ${value === undefined || value === '' ? 'empty' : Array.isArray(value) ? 'a list' : `${typeof value}`}, not an object`,
				'Set Record to an object with the record\'s fields (one record per item), e.g. {{ $json }}.',
			);
		}
		return value;
	}

	private unknownRecordType(typeName: string, names: readonly string[], what: string): RecordFieldError {
		const suggestions = closestNames(typeName, names);
		return new RecordFieldError(
			'',
			typeName ? `"${typeName}" is not ${what}${suggestions.length ? `; did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : ''}` : `Record Type is empty`,
			`Pick Record Type from the list (${names.length} types), or give its NetSuite name, e.g. customer, salesOrder, customRecord.`,
		);
	}

	private recordTypeInfo(typeName: string) {
		const info = this.view.recordType(typeName);
		if (!info) throw this.unknownRecordType(typeName, this.view.recordTypeNames(), 'a NetSuite record type');
		if (!info.recordType) {
			throw new RecordFieldError(
				'',
				`"${typeName}" is a subrecord, which NetSuite only accepts inside its parent record`,
				'Submit the parent record (e.g. a customer with addressbookList) instead.',
			);
		}
		return { typeName: info.type, enumValue: info.recordType };
	}

	/** A fetched record's own `recordType` (what Get Async Result emits) must agree with Record Type. */
	private typeMarker(json: JsonObject, typeName: string, enumValue: string): ReadonlySet<string> {
		const marker = json.recordType;
		if (marker === undefined || this.view.type(typeName).elementsByName.has('recordType')) return new Set();
		const named = typeof marker === 'string' ? this.view.recordType(marker) : undefined;
		if (named?.type !== typeName) {
			throw new RecordFieldError(
				'recordType',
				`the record says it is ${JSON.stringify(marker)}, but Record Type is "${enumValue}"`,
				'Set Record Type to the record\'s type, or remove recordType from the record.',
			);
		}
		return new Set(['recordType']);
	}

	private rejectResultItem(json: JsonObject): void {
		if (json.jobId !== undefined && isJsonObject(json.record)) {
			throw new RecordFieldError(
				'',
				'Record is a whole Get Async Result item (jobId, record, …), not a record',
				'Set Record to {{ $json.record }} to send the record that item carries.',
			);
		}
	}

	private record(operation: AsyncSubmitOperation, recordTypeName: string, json: JsonObject): SubmitEntry {
		const { typeName, enumValue } = this.recordTypeInfo(recordTypeName);
		this.rejectResultItem(json);
		const skip = this.typeMarker(json, typeName, enumValue);
		const internalId = idText(json.internalId);
		const externalId = idText(json.externalId);
		const attributes = this.view.type(typeName).attributes;
		if (operation === 'asyncUpsertList') {
			if (!attributes.has('externalId')) {
				throw new RecordFieldError('', `${enumValue} records have no external ID, so NetSuite cannot upsert them`, 'Use Add or Update for this record type.');
			}
			if (externalId === undefined) {
				throw new RecordFieldError('externalId', 'upsert needs an externalId: NetSuite finds the record to update by it', 'Add "externalId" (your system\'s key for the record).');
			}
			if (json.internalId !== undefined && json.internalId !== null) {
				throw new RecordFieldError('internalId', 'upsert cannot carry an internalId (NetSuite refuses it: "You cannot set internalId with upsert")', 'Remove internalId, or use Update to change a record by its internalId.');
			}
		}
		if (operation === 'asyncUpdateList' && internalId === undefined && externalId === undefined) {
			throw new RecordFieldError('', 'update needs the record\'s internalId or externalId', 'Add "internalId" (or "externalId") to say which record to change.');
		}
		const node = this.writer.typedElement(MESSAGES, 'record', typeName, json, skip);
		return { node, recordType: enumValue, internalId, externalId };
	}

	private reference(operation: AsyncSubmitOperation, recordTypeName: string, json: JsonObject): SubmitEntry {
		const { typeName, enumValue } = this.recordTypeInfo(recordTypeName);
		const verb = operation === 'asyncDeleteList' ? 'delete' : 'get';
		// A whole record (e.g. a search result) may come in: only its identifiers matter here.
		const reference: JsonObject = {};
		for (const key of REFERENCE_KEYS) {
			const id = idText(json[key]);
			if (id !== undefined) reference[key] = id;
		}
		if (reference.internalId === undefined && reference.externalId === undefined) {
			throw new RecordFieldError('', `${verb} needs the record's internalId or externalId`, 'Add "internalId" (or "externalId") to the record, or set Record to the id itself.');
		}
		let refType = 'platformCore:RecordRef';
		if (typeName === CUSTOM_RECORD) {
			refType = 'platformCore:CustomRecordRef';
			const recType = isJsonObject(json.recType) ? idText(json.recType.internalId) : undefined;
			if (reference.typeId === undefined && recType !== undefined) reference.typeId = recType;
			if (reference.typeId === undefined && reference.scriptId === undefined) {
				throw new RecordFieldError('typeId', `${verb} of a custom record needs its record type: typeId or scriptId`, 'Add "typeId" (the custom record type\'s internal ID) or "scriptId" (e.g. customrecord_brand).');
			}
		} else {
			delete reference.typeId;
			delete reference.scriptId;
			reference.type = enumValue;
		}
		const node = this.writer.typedElement(MESSAGES, 'baseRef', refType, reference);
		return { node, recordType: enumValue, internalId: reference.internalId as string | undefined, externalId: reference.externalId as string | undefined };
	}

	private initialize(recordTypeName: string, json: JsonObject): SubmitEntry {
		const values = this.view.enumeration(INITIALIZE_TYPE) ?? [];
		const type = values.find((value) => value.toLowerCase() === recordTypeName.toLowerCase());
		if (!type) throw this.unknownRecordType(recordTypeName, values, 'a type NetSuite can initialize');
		if (json.type !== undefined && json.type !== type) {
			throw new RecordFieldError('type', `the record says ${JSON.stringify(json.type)}, but Record Type is "${type}"`, 'Remove "type" from the record; Record Type sets it.');
		}
		const node = this.writer.elementNode(MESSAGES, 'initializeRecord', 'platformCore:InitializeRecord', { ...json, type }, '');
		const reference = isJsonObject(json.reference) ? json.reference : {};
		return { node, recordType: type, internalId: idText(reference.internalId), externalId: idText(reference.externalId) };
	}

	private search(recordTypeName: string, json: JsonObject): SubmitEntry {
		const types = this.view.searchTypes(recordTypeName);
		if (!types) throw this.unknownRecordType(recordTypeName, this.view.searchTypeNames(), 'a record type NetSuite can search');
		const advanced = Object.keys(json).some((key) => ADVANCED_SEARCH_KEYS.includes(key));
		const typeName = advanced ? types.advanced : types.search;
		if (!typeName) {
			throw new RecordFieldError('', `"${recordTypeName}" has no ${advanced ? 'advanced' : 'basic'} search`, 'Use the other search form.');
		}
		let criteria = json;
		// Fields given directly are the basic search's criteria.
		if (!advanced && Object.keys(json).length > 0 && json.basic === undefined && !Object.keys(json).some((key) => key.endsWith('Join'))) {
			criteria = { basic: json };
		}
		const node = this.writer.typedElement(MESSAGES, 'searchRecord', typeName, criteria);
		return { node, recordType: recordTypeName };
	}
}
