import { UnexpectedResponseError } from './asyncStatus';
import { recordJsonObject, recordToJson, searchRowToJson } from './records/read';
import { readStatus, type StatusMessage } from './writeStatus';
import { attribute, child, childText, children, soapBody, xsiType, type XmlElement } from './xml';

export { readStatus, parseXsdBoolean, type StatusMessage, type StatusSummary } from './writeStatus';
export { recordToJson, searchRowToJson, customFieldToJson, type RecordJson, type CustomFieldJson } from './records/read';

export type AsyncResultKind = 'write' | 'read' | 'search';

export interface WriteResultRecord {
	/** 1-based position in the submitted list, across pages: (pageIndex-1)*pageSize + position. */
	index: number;
	isSuccess: boolean;
	internalId?: string;
	externalId?: string;
	/** The baseRef's `type` attribute (`customer`, `purchaseOrder`, …). */
	recordType?: string;
	/** A CustomRecordRef's `typeId` (custom records have no `type`). */
	typeId?: string;
	errors: StatusMessage[];
	warnings: StatusMessage[];
	/** The record WAS saved but an afterSubmit script failed. */
	afterSubmitFailed: boolean;
}

export interface ReadResultRecord {
	index: number;
	isSuccess: boolean;
	/** Local name of the record's `xsi:type` (`Customer`, `SalesOrder`, …). */
	recordType?: string;
	internalId?: string;
	externalId?: string;
	record?: Record<string, unknown>;
	errors: StatusMessage[];
	warnings: StatusMessage[];
}

export interface SearchResultRecord {
	index: number;
	/** Local name of the record's or row's `xsi:type` (`Customer`, `TransactionSearchRow`, …). */
	recordType?: string;
	internalId?: string;
	externalId?: string;
	record: Record<string, unknown>;
}

export interface AsyncResultPage {
	kind: AsyncResultKind;
	/** The asyncResult `xsi:type` local name, e.g. `AsyncUpsertListResult`. */
	resultType: string;
	pageIndex: number;
	totalPages: number;
	totalRecords?: number;
	pageSize?: number;
	/** The list-level (or search-level) status if NetSuite sent one, else true. */
	isSuccess: boolean;
	/** List-level errors. */
	errors: StatusMessage[];
	/** List-level WARN/INFO details. */
	warnings: StatusMessage[];
	records: Array<WriteResultRecord | ReadResultRecord | SearchResultRecord>;
}

export interface ResponseListOptions {
	/** Added to each record's 1-based position: (pageIndex-1)*pageSize. */
	indexOffset?: number;
}

export interface WriteResponseList {
	isSuccess: boolean;
	errors: StatusMessage[];
	warnings: StatusMessage[];
	records: WriteResultRecord[];
}

export interface ReadResponseList {
	isSuccess: boolean;
	errors: StatusMessage[];
	warnings: StatusMessage[];
	records: ReadResultRecord[];
}

const RESULT_KINDS: Readonly<Record<string, AsyncResultKind>> = {
	AsyncAddListResult: 'write',
	AsyncUpdateListResult: 'write',
	AsyncUpsertListResult: 'write',
	AsyncDeleteListResult: 'write',
	AsyncGetListResult: 'read',
	AsyncInitializeListResult: 'read',
	AsyncSearchResult: 'search',
};

function withoutUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}

function missingStatus(elementName: string): StatusMessage {
	return { code: 'MISSING_STATUS', message: `NetSuite's ${elementName} has no status element`, type: 'ERROR' };
}

/** One `writeResponse` (`status` + `baseRef`), at 1-based `index`. */
export function readWriteResponse(writeResponse: XmlElement, index: number): WriteResultRecord {
	const statusElement = child(writeResponse, 'status');
	const status = statusElement
		? readStatus(statusElement)
		: { isSuccess: false, errors: [missingStatus('writeResponse')], warnings: [], afterSubmitFailed: false };
	const baseRef = child(writeResponse, 'baseRef');
	return withoutUndefined({
		index,
		isSuccess: status.isSuccess,
		internalId: attribute(baseRef, 'internalId')?.trim(),
		externalId: attribute(baseRef, 'externalId'),
		recordType: attribute(baseRef, 'type')?.trim(),
		typeId: attribute(baseRef, 'typeId')?.trim(),
		errors: status.errors,
		warnings: status.warnings,
		afterSubmitFailed: status.afterSubmitFailed,
	});
}

/** One `readResponse` (`status` + `record`), at 1-based `index`. */
export function readReadResponse(readResponse: XmlElement, index: number): ReadResultRecord {
	const recordElement = child(readResponse, 'record');
	const hasRecord = recordElement !== undefined;
	const statusElement = child(readResponse, 'status');
	const status = statusElement
		? readStatus(statusElement)
		: hasRecord
			? readStatus(undefined)
			: { isSuccess: false, errors: [missingStatus('readResponse')], warnings: [] };
	const record = hasRecord ? recordToJson(recordElement) : undefined;
	return withoutUndefined({
		index,
		isSuccess: status.isSuccess,
		recordType: record?.recordType,
		internalId: record?.internalId,
		externalId: record?.externalId,
		record: record && recordJsonObject(record),
		errors: status.errors,
		warnings: status.warnings,
	});
}

/** One `writeResponseList` / `readResponseList`: the list-level status and each entry read by `readEntry`. */
function readResponseList<R>(
	list: XmlElement,
	entryName: string,
	readEntry: (entry: XmlElement, index: number) => R,
	options: ResponseListOptions,
) {
	const offset = options.indexOffset ?? 0;
	const status = readStatus(child(list, 'status'));
	return {
		isSuccess: status.isSuccess,
		errors: status.errors,
		warnings: status.warnings,
		records: children(list, entryName).map((entry, position) => readEntry(entry, offset + position + 1)),
	};
}

/** A `writeResponseList` element (of an asyncResult, or of a synchronous addList/deleteList/… answer). */
export function readWriteResponseList(list: XmlElement, options: ResponseListOptions = {}): WriteResponseList {
	return readResponseList(list, 'writeResponse', readWriteResponse, options);
}

/** A `readResponseList` element (of an asyncResult, or of a synchronous getList answer). */
export function readReadResponseList(list: XmlElement, options: ResponseListOptions = {}): ReadResponseList {
	return readResponseList(list, 'readResponse', readReadResponse, options);
}

function readCount(parents: Array<XmlElement | undefined>, name: string): number | undefined {
	for (const parent of parents) {
		const raw = childText(parent, name)?.trim();
		if (raw === undefined || raw === '') continue;
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 0) {
			throw new UnexpectedResponseError(`NetSuite's ${name} is not a whole number (${JSON.stringify(raw.slice(0, 40))})`);
		}
		return value;
	}
	return undefined;
}

interface Paging {
	pageIndex: number;
	totalPages: number;
	totalRecords?: number;
	pageSize?: number;
}

function readPaging(parents: Array<XmlElement | undefined>, options: { pageSize?: number }): Paging {
	const pageIndex = readCount(parents, 'pageIndex') || 1;
	const totalPages = readCount(parents, 'totalPages');
	const pageSize = readCount(parents, 'pageSize') || options.pageSize || undefined;
	return withoutUndefined({
		pageIndex,
		// An empty search says totalPages 0; the page read is still page 1 of its own.
		totalPages: Math.max(totalPages ?? 1, pageIndex, 1),
		totalRecords: readCount(parents, 'totalRecords'),
		pageSize,
	});
}

/** (pageIndex-1)*pageSize, from the page size NetSuite sent or was asked for, else from what the page shows. */
function indexOffset(paging: Paging, recordsOnPage: number): number {
	const { pageIndex, pageSize, totalPages, totalRecords } = paging;
	if (pageIndex <= 1) return 0;
	if (pageSize) return (pageIndex - 1) * pageSize;
	// Every page but the last is full.
	if (pageIndex < totalPages && recordsOnPage > 0) return (pageIndex - 1) * recordsOnPage;
	if (pageIndex === totalPages && totalRecords !== undefined) return Math.max(totalRecords - recordsOnPage, 0);
	throw new UnexpectedResponseError(
		`Cannot number the records of page ${pageIndex}: NetSuite sent no pageSize and none was given`,
	);
}

function findAsyncResult(document: XmlElement): XmlElement {
	const asyncResult = child(child(soapBody(document), 'getAsyncResultResponse'), 'asyncResult');
	if (!asyncResult) throw new UnexpectedResponseError('NetSuite answered without a getAsyncResultResponse/asyncResult element');
	return asyncResult;
}

function kindOf(asyncResult: XmlElement, resultType: string | undefined): AsyncResultKind {
	if (resultType !== undefined) {
		const kind = RESULT_KINDS[resultType];
		if (!kind) throw new UnexpectedResponseError(`NetSuite's asyncResult has an unknown type: ${resultType}`);
		return kind;
	}
	// No xsi:type at all: what the result holds says what it is.
	if (asyncResult.writeResponseList !== undefined) return 'write';
	if (asyncResult.readResponseList !== undefined) return 'read';
	if (asyncResult.searchResult !== undefined) return 'search';
	throw new UnexpectedResponseError('NetSuite\'s asyncResult has no xsi:type and no writeResponseList, readResponseList or searchResult');
}

function readSearchPage(asyncResult: XmlElement, options: { pageSize?: number }): Omit<AsyncResultPage, 'kind' | 'resultType'> {
	const searchResult = child(asyncResult, 'searchResult');
	if (!searchResult) throw missingList('searchResult');
	const status = readStatus(child(searchResult, 'status'));
	const paging = readPaging([searchResult, asyncResult], options);
	const recordList = child(searchResult, 'recordList');
	const rowList = child(searchResult, 'searchRowList');
	const entries = recordList
		? children(recordList, 'record').map(recordToJson)
		: children(rowList, 'searchRow').map(searchRowToJson);
	const offset = indexOffset(paging, entries.length);
	const records = entries.map((entry, position): SearchResultRecord =>
		withoutUndefined({
			index: offset + position + 1,
			recordType: entry.recordType,
			internalId: entry.internalId,
			externalId: entry.externalId,
			record: recordJsonObject(entry),
		}),
	);
	return { ...paging, isSuccess: status.isSuccess, errors: status.errors, warnings: status.warnings, records };
}

function missingList(listName: string): UnexpectedResponseError {
	// Reading no list as "no records" would report a job's results as lost-but-successful.
	return new UnexpectedResponseError(
		`NetSuite's asyncResult has no ${listName} element, so its records cannot be read (an empty ${listName} would mean no records)`,
	);
}

function readListPage(
	asyncResult: XmlElement,
	kind: 'write' | 'read',
	options: { pageSize?: number },
): Omit<AsyncResultPage, 'kind' | 'resultType'> {
	const listName = kind === 'write' ? 'writeResponseList' : 'readResponseList';
	const itemName = kind === 'write' ? 'writeResponse' : 'readResponse';
	const list = child(asyncResult, listName);
	if (!list) throw missingList(listName);
	const paging = readPaging([asyncResult, list], options);
	const offset = indexOffset(paging, children(list, itemName).length);
	const responses =
		kind === 'write' ? readWriteResponseList(list, { indexOffset: offset }) : readReadResponseList(list, { indexOffset: offset });
	return { ...paging, ...responses };
}

/**
 * Reads one page of a getAsyncResult response. Write and read results carry no paging in the XSD:
 * they are page 1 of 1 unless NetSuite sends pageIndex/totalPages. Throws on an unknown asyncResult type.
 */
export function readAsyncResultPage(document: XmlElement, options: { pageSize?: number } = {}): AsyncResultPage {
	const asyncResult = findAsyncResult(document);
	const declaredType = xsiType(asyncResult);
	const kind = kindOf(asyncResult, declaredType);
	const page = kind === 'search' ? readSearchPage(asyncResult, options) : readListPage(asyncResult, kind, options);
	return withoutUndefined({ kind, resultType: declaredType ?? 'AsyncResult', ...page });
}
