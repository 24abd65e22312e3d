import type { FieldValue, ReadRecord, ResultScript, SearchRecord, StatusDetail, WriteRecord } from './types';
import { recordNamespaceKey } from './record-types';
import { el, textEl, type NsKey, type XmlNode } from './xml-writer';

/**
 * The body of getAsyncResult. Element namespaces follow the WSDL: the AsyncResult types and the
 * write/read lists live in urn:messages, status and searchResult in urn:core, a record's fields in
 * its record type's namespace.
 */

export const DEFAULT_PAGE_SIZE = 1000;

const RESULT_TYPES: Record<string, string> = {
	asyncAddList: 'AsyncAddListResult',
	asyncUpdateList: 'AsyncUpdateListResult',
	asyncUpsertList: 'AsyncUpsertListResult',
	asyncDeleteList: 'AsyncDeleteListResult',
	asyncGetList: 'AsyncGetListResult',
	asyncInitializeList: 'AsyncInitializeListResult',
	search: 'AsyncSearchResult',
};

/** Namespace of common record types; anything else is put in relationships (as Customer is). */
const RECORD_NAMESPACES: Record<string, NsKey> = {
	Customer: 'relationships',
	Contact: 'relationships',
	Vendor: 'relationships',
	Partner: 'relationships',
	Job: 'relationships',
	Employee: 'employees',
	Account: 'accounting',
	Subsidiary: 'accounting',
	InventoryItem: 'accounting',
	NonInventorySaleItem: 'accounting',
	ServiceSaleItem: 'accounting',
	SalesOrder: 'sales',
	Invoice: 'sales',
	CashSale: 'sales',
	Estimate: 'sales',
	Opportunity: 'sales',
	ItemFulfillment: 'sales',
	PurchaseOrder: 'purchases',
	VendorBill: 'purchases',
	ItemReceipt: 'purchases',
	CustomRecord: 'customization',
	// Search-only names: transactions and items are searched as a whole (TransactionSearchRow, ItemSearchRow).
	Transaction: 'sales',
	Item: 'accounting',
};

export function recordNamespace(recordType: string): NsKey {
	return RECORD_NAMESPACES[recordType] ?? recordNamespaceKey(recordType) ?? 'relationships';
}

export function pageSizeOf(results: ResultScript): number {
	return Math.max(1, Math.floor(results.pageSize ?? DEFAULT_PAGE_SIZE));
}

/** Pages that exist; an empty result still has page 1. */
export function pageCount(results: ResultScript): number {
	return Math.max(1, Math.ceil(results.records.length / pageSizeOf(results)));
}

function pageOf<T>(records: T[], pageSize: number, pageIndex: number): T[] {
	return records.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
}

function statusNode(isSuccess: boolean, details: StatusDetail[] = []): XmlNode {
	return el('core', 'status', {
		attrs: [['isSuccess', String(isSuccess)]],
		children: details.map((detail) =>
			el('core', 'statusDetail', {
				attrs: [['type', detail.type]],
				children: [
					textEl('core', 'code', detail.code),
					textEl('core', 'message', detail.message),
					...(detail.afterSubmitFailed === undefined
						? []
						: [textEl('core', 'afterSubmitFailed', String(detail.afterSubmitFailed))]),
				],
			}),
		),
	});
}

function writeResponse(record: WriteRecord): XmlNode {
	const custom = record.customRecordType;
	const hasRef = record.internalId !== undefined || record.externalId !== undefined || record.type !== undefined || custom !== undefined;
	const baseRef = custom
		? el('messages', 'baseRef', {
				attrs: [
					['internalId', record.internalId],
					['externalId', record.externalId],
					['typeId', custom.typeId],
					['scriptId', custom.scriptId],
				],
				xsiType: { ns: 'core', name: 'CustomRecordRef' },
			})
		: el('messages', 'baseRef', {
				attrs: [
					['internalId', record.internalId],
					['externalId', record.externalId],
					['type', record.type],
				],
				xsiType: { ns: 'core', name: 'RecordRef' },
			});
	return el('messages', 'writeResponse', {
		children: [statusNode(record.isSuccess, record.details), ...(hasRef ? [baseRef] : [])],
	});
}

function fieldNode(ns: NsKey, name: string, value: FieldValue): XmlNode {
	if (typeof value === 'string') return textEl(ns, name, value);
	return el(ns, name, {
		attrs: [
			['internalId', value.internalId],
			['externalId', value.externalId],
			['type', value.type],
		],
		children: value.name === undefined ? [] : [textEl('core', 'name', value.name)],
	});
}

/** `record` is in urn:messages inside a readResponse but in urn:core inside a search's recordList. */
function recordNode(elementNs: NsKey, record: SearchRecord): XmlNode {
	const recordNs = recordNamespace(record.recordType);
	return el(elementNs, 'record', {
		attrs: [
			['internalId', record.internalId],
			['externalId', record.externalId],
		],
		xsiType: { ns: recordNs, name: record.recordType },
		children: record.elements ?? Object.entries(record.fields ?? {}).map(([name, value]) => fieldNode(recordNs, name, value)),
	});
}

function readResponse(record: ReadRecord): XmlNode {
	return el('messages', 'readResponse', {
		children: [statusNode(record.isSuccess, record.details), ...(record.isSuccess ? [recordNode('messages', record)] : [])],
	});
}

/** A search row: `basic` holds each field as platformCommon:<field>/platformCore:searchValue. */
function searchRowNode(record: SearchRecord): XmlNode {
	const recordNs = recordNamespace(record.recordType);
	const searchValue = (value: FieldValue) =>
		typeof value === 'string'
			? textEl('core', 'searchValue', value)
			: el('core', 'searchValue', {
					attrs: [
						['internalId', value.internalId],
						['externalId', value.externalId],
						['type', value.type],
					],
					children: value.name === undefined ? [] : [textEl('core', 'name', value.name)],
				});
	const columns: XmlNode[] = [];
	if (record.internalId !== undefined) {
		columns.push(el('common', 'internalId', { children: [searchValue({ internalId: record.internalId })] }));
	}
	if (record.externalId !== undefined) {
		columns.push(el('common', 'externalId', { children: [searchValue({ externalId: record.externalId })] }));
	}
	for (const [name, value] of Object.entries(record.fields ?? {})) {
		columns.push(el('common', name, { children: [searchValue(value)] }));
	}
	return el('core', 'searchRow', {
		xsiType: { ns: recordNs, name: `${record.recordType}SearchRow` },
		children: [
			el(recordNs, 'basic', { xsiType: { ns: 'common', name: `${record.recordType}SearchRowBasic` }, children: columns }),
		],
	});
}

function searchResultNode(results: Extract<ResultScript, { kind: 'search' }>, pageIndex: number): XmlNode {
	const pageSize = pageSizeOf(results);
	const rows = pageOf(results.records, pageSize, pageIndex);
	return el('core', 'searchResult', {
		children: [
			statusNode(true),
			textEl('core', 'totalRecords', String(results.records.length)),
			textEl('core', 'pageSize', String(pageSize)),
			textEl('core', 'totalPages', String(Math.ceil(results.records.length / pageSize))),
			textEl('core', 'pageIndex', String(pageIndex)),
			results.rows
				? el('core', 'searchRowList', { children: rows.map(searchRowNode) })
				: el('core', 'recordList', { children: rows.map((record) => recordNode('core', record)) }),
		],
	});
}

/** `getAsyncResultResponse` for one page; the caller has checked that the page exists. */
export function asyncResultResponse(results: ResultScript, pageIndex: number): XmlNode {
	let resultType: string;
	let content: XmlNode;
	if (results.kind === 'write') {
		resultType = RESULT_TYPES[results.operation ?? 'asyncAddList'];
		const page = pageOf(results.records, pageSizeOf(results), pageIndex);
		content = el('messages', 'writeResponseList', { children: page.map(writeResponse) });
	} else if (results.kind === 'read') {
		resultType = RESULT_TYPES[results.operation ?? 'asyncGetList'];
		const page = pageOf(results.records, pageSizeOf(results), pageIndex);
		content = el('messages', 'readResponseList', { children: page.map(readResponse) });
	} else {
		resultType = RESULT_TYPES.search;
		content = searchResultNode(results, pageIndex);
	}
	return el('messages', 'getAsyncResultResponse', {
		children: [el('messages', 'asyncResult', { xsiType: { ns: 'messages', name: resultType }, children: [content] })],
	});
}
