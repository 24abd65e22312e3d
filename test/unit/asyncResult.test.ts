import { readFileSync } from 'fs';
import { join } from 'path';

import {
	readAsyncResultPage,
	readReadResponseList,
	readStatus,
	readWriteResponse,
	readWriteResponseList,
	type ReadResultRecord,
	type SearchResultRecord,
	type WriteResultRecord,
} from '../../nodes/NetSuiteAsync/suitetalk/asyncResult';
import { child, parseXml, soapBody } from '../../nodes/NetSuiteAsync/suitetalk/xml';

const FIXTURES = join(__dirname, '..', 'fixtures');

function load(relativePath: string) {
	return parseXml(readFileSync(join(FIXTURES, relativePath), 'utf8'));
}

function sample(name: string) {
	return load(join('samples', name));
}

function result(name: string) {
	return load(join('results', name));
}

/** `Body/<response>/<list>` of a synchronous list answer (the samples) or of getAsyncResultResponse/asyncResult. */
function listIn(document: ReturnType<typeof parseXml>, path: string[]) {
	let element = soapBody(document);
	for (const name of path) element = child(element, name);
	if (!element) throw new Error(`no ${path.join('/')}`);
	return element;
}

const SOAP_OPEN =
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>' +
	'<getAsyncResultResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com">';
const SOAP_CLOSE = '</getAsyncResultResponse></soapenv:Body></soapenv:Envelope>';

function envelope(asyncResult: string) {
	return parseXml(`${SOAP_OPEN}${asyncResult}${SOAP_CLOSE}`);
}

function searchPage(paging: string, recordCount: number) {
	const records = Array.from(
		{ length: recordCount },
		(_, i) => `<record xsi:type="listRel:Contact" internalId="${100 + i}" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com"/>`,
	).join('');
	return envelope(
		`<asyncResult xsi:type="AsyncSearchResult"><searchResult><status isSuccess="true"/>${paging}<recordList>${records}</recordList></searchResult></asyncResult>`,
	);
}

describe('readWriteResponses on real list responses', () => {
	it('reads sample 06 (deleteList, numbered prefixes, mixed success and failure)', () => {
		const list = readWriteResponseList(listIn(sample('06-deleteList-mixed-success-failure-numbered-prefixes.xml'), ['deleteListResponse', 'writeResponseList']));
		expect(list).toEqual({
			isSuccess: true,
			errors: [],
			warnings: [],
			records: [
				{ index: 1, isSuccess: true, internalId: '1', recordType: 'customer', errors: [], warnings: [], afterSubmitFailed: false },
				{
					index: 2,
					isSuccess: false,
					internalId: 'bad_id',
					recordType: 'customer',
					errors: [{ code: 'USER_EXCEPTION', message: 'Invalid record: type=event,id=100015,scompid=TSTDRV96', type: 'ERROR' }],
					warnings: [],
					afterSubmitFailed: false,
				},
			],
		});
		expect(list.records[0]).not.toHaveProperty('externalId');
	});

	it('reads sample 07 (updateList, all failed, inline platformCore prefix)', () => {
		const { records } = readWriteResponseList(listIn(sample('07-updateList-all-failed-inline-platformCore-prefix.xml'), ['updateListResponse', 'writeResponseList']));
		const error = { code: 'USER_ERROR', message: 'Please enter value(s) for: ItemId', type: 'ERROR' };
		expect(records).toEqual([
			{ index: 1, isSuccess: false, internalId: '624172', recordType: 'InventoryItem', errors: [error], warnings: [], afterSubmitFailed: false },
			{ index: 2, isSuccess: false, internalId: '624113', recordType: 'InventoryItem', errors: [error], warnings: [], afterSubmitFailed: false },
		]);
	});

	it('reads sample 17 (a single writeResponse with aftersubmitFailed before code)', () => {
		const writeResponse = readWriteResponse(listIn(sample('17-add-response-afterSubmitFailed-oracle-doc.xml'), ['addResponse', 'writeResponse']), 1);
		expect([writeResponse]).toEqual([
			{
				index: 1,
				isSuccess: false,
				internalId: '68',
				externalId: 'EID_PO_68',
				recordType: 'purchaseOrder',
				errors: [{ code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name, Subsidiary', type: 'ERROR' }],
				warnings: [],
				afterSubmitFailed: true,
			},
		]);
	});

	it('reads sample 20 (upsertList, baseRefs identified by externalId only)', () => {
		const { records } = readWriteResponseList(listIn(sample('20-upsertList-all-failed-externalId-baseRef.xml'), ['upsertListResponse', 'writeResponseList']));
		const error = { code: 'USER_ERROR', message: 'Please enter value(s) for: Item', type: 'ERROR' };
		expect(records).toEqual([
			{ index: 1, isSuccess: false, externalId: 'ext1', recordType: 'customer', errors: [error], warnings: [], afterSubmitFailed: false },
			{ index: 2, isSuccess: false, externalId: 'ext2', recordType: 'customer', errors: [error], warnings: [], afterSubmitFailed: false },
		]);
		for (const record of records) expect(record).not.toHaveProperty('internalId');
	});

	it('numbers records from an index offset', () => {
		const { records } = readWriteResponseList(listIn(sample('20-upsertList-all-failed-externalId-baseRef.xml'), ['upsertListResponse', 'writeResponseList']), { indexOffset: 200 });
		expect(records.map((record) => record.index)).toEqual([201, 202]);
	});

});

describe('readStatus', () => {
	it('reads an application-level error status (sample 16)', () => {
		const response = child(soapBody(sample('16-getDataCenterUrls-DATA_REQD-status-error-oracle-doc.xml')), 'getDataCenterUrlsResponse');
		const status = child(child(response, 'getDataCenterUrlsReturn'), 'status');
		expect(readStatus(status)).toEqual({
			isSuccess: false,
			errors: [{ code: 'DATA_REQD', message: 'You need to provide a proper value for the required field: account.', type: 'ERROR' }],
			warnings: [],
			afterSubmitFailed: false,
		});
	});

	const statusOf = (xml: string) => child(parseXml(xml), 'status');

	it.each([
		['true', true],
		['false', false],
		['1', true],
		['0', false],
		[' TRUE ', true],
	])('accepts isSuccess="%s"', (value, expected) => {
		expect(readStatus(statusOf(`<status isSuccess="${value}"/>`)).isSuccess).toBe(expected);
	});

	it('keeps WARN and INFO details of a success as warnings, with their type', () => {
		const status = statusOf(
			'<status isSuccess="true"><statusDetail type="WARN"><code>W1</code><message>careful &amp; slow</message></statusDetail>' +
				'<statusDetail type="INFO"><message>fyi</message><code>I1</code></statusDetail></status>',
		);
		expect(readStatus(status)).toEqual({
			isSuccess: true,
			errors: [],
			warnings: [
				{ code: 'W1', message: 'careful & slow', type: 'WARN' },
				{ code: 'I1', message: 'fyi', type: 'INFO' },
			],
			afterSubmitFailed: false,
		});
	});

	it('matches afterSubmitFailed whatever its case and accepts 1', () => {
		for (const name of ['afterSubmitFailed', 'aftersubmitFailed', 'AFTERSUBMITFAILED']) {
			const status = statusOf(`<status isSuccess="false"><statusDetail type="ERROR"><${name}>1</${name}><code>C</code><message>M</message></statusDetail></status>`);
			expect(readStatus(status).afterSubmitFailed).toBe(true);
		}
		const notFailed = statusOf('<status isSuccess="false"><statusDetail type="ERROR"><afterSubmitFailed>false</afterSubmitFailed><code>C</code><message>M</message></statusDetail></status>');
		expect(readStatus(notFailed).afterSubmitFailed).toBe(false);
	});

	it('files untyped details by the status, and derives success without an isSuccess attribute', () => {
		expect(readStatus(statusOf('<status isSuccess="false"><statusDetail><code>X</code><message>m</message></statusDetail></status>')).errors).toEqual([
			{ code: 'X', message: 'm' },
		]);
		expect(readStatus(statusOf('<status isSuccess="true"><statusDetail><code>X</code><message>m</message></statusDetail></status>')).warnings).toEqual([
			{ code: 'X', message: 'm' },
		]);
		expect(readStatus(statusOf('<status><statusDetail type="ERROR"><code>X</code><message>m</message></statusDetail></status>')).isSuccess).toBe(false);
		expect(readStatus(statusOf('<status/>')).isSuccess).toBe(true);
		expect(readStatus(undefined)).toEqual({ isSuccess: true, errors: [], warnings: [], afterSubmitFailed: false });
	});
});

describe('readAsyncResultPage: write results', () => {
	it('reads an AsyncAddListResult with platformMsgs:/platformCore: prefixes', () => {
		const page = readAsyncResultPage(result('async-add-list-platform-prefixes.xml'));
		expect(page).toEqual({
			kind: 'write',
			resultType: 'AsyncAddListResult',
			pageIndex: 1,
			totalPages: 1,
			isSuccess: true,
			errors: [],
			warnings: [],
			records: [
				{ index: 1, isSuccess: true, internalId: '1001', externalId: '00123', recordType: 'customer', errors: [], warnings: [], afterSubmitFailed: false },
				{
					index: 2,
					isSuccess: true,
					internalId: '1002',
					externalId: 'CUST-2',
					recordType: 'customer',
					errors: [],
					warnings: [
						{ code: 'WARNING', message: 'The field phone was truncated to 32 characters & saved.', type: 'WARN' },
						{ code: 'INFO', message: 'Duplicate detection is off for this record type.', type: 'INFO' },
					],
					afterSubmitFailed: false,
				},
				{
					index: 3,
					isSuccess: false,
					externalId: 'CUST-3',
					recordType: 'customer',
					errors: [{ code: 'INVALID_KEY_OR_REF', message: 'Invalid subsidiary reference key R&D <3>.', type: 'ERROR' }],
					warnings: [],
					afterSubmitFailed: false,
				},
			],
		});
		expect(page).not.toHaveProperty('totalRecords');
		expect(page).not.toHaveProperty('pageSize');
	});

	it('reads an AsyncUpsertListResult with numbered prefixes, a list-level status, 1/0 booleans and a CustomRecordRef', () => {
		const page = readAsyncResultPage(result('async-upsert-list-numbered-prefixes.xml'));
		expect(page.kind).toBe('write');
		expect(page.resultType).toBe('AsyncUpsertListResult');
		expect(page.isSuccess).toBe(true);
		expect(page.records).toEqual([
			{ index: 1, isSuccess: true, internalId: '77', externalId: 'SKU-0042', recordType: 'inventoryItem', errors: [], warnings: [], afterSubmitFailed: false },
			{
				index: 2,
				isSuccess: false,
				internalId: '78',
				externalId: 'SKU-0043',
				recordType: 'inventoryItem',
				errors: [{ code: 'USER_ERROR', message: 'An afterSubmit script failed: Bad "value"', type: 'ERROR' }],
				warnings: [],
				afterSubmitFailed: true,
			},
			{ index: 3, isSuccess: true, internalId: '9', externalId: '0007', typeId: '14', errors: [], warnings: [], afterSubmitFailed: false },
		]);
	});

	it('reads an AsyncDeleteListResult written with default namespaces only and an xmlns="" wrapper', () => {
		const page = readAsyncResultPage(result('async-delete-list-default-namespaces.xml'));
		expect(page.resultType).toBe('AsyncDeleteListResult');
		expect(page.records).toEqual([
			{ index: 1, isSuccess: true, internalId: '501', recordType: 'salesOrder', errors: [], warnings: [], afterSubmitFailed: false },
			{
				index: 2,
				isSuccess: false,
				internalId: '502',
				recordType: 'salesOrder',
				errors: [{ code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.', type: 'ERROR' }],
				warnings: [],
				afterSubmitFailed: false,
			},
		]);
	});

	it('reads an AsyncUpdateListResult, a list-level failure and a writeResponse without status', () => {
		const page = readAsyncResultPage(
			envelope(
				'<asyncResult xsi:type="AsyncUpdateListResult"><writeResponseList>' +
					'<status xmlns="urn:core_2025_2.platform.webservices.netsuite.com" isSuccess="false"><statusDetail type="ERROR"><code>EXCEEDED_MAX_RECORDS</code><message>too many</message></statusDetail></status>' +
					'<writeResponse><baseRef internalId="3" type="customer"/></writeResponse>' +
					'</writeResponseList></asyncResult>',
			),
		);
		expect(page).toMatchObject({
			kind: 'write',
			resultType: 'AsyncUpdateListResult',
			isSuccess: false,
			errors: [{ code: 'EXCEEDED_MAX_RECORDS', message: 'too many', type: 'ERROR' }],
		});
		expect(page.records).toEqual([
			{
				index: 1,
				isSuccess: false,
				internalId: '3',
				recordType: 'customer',
				errors: [{ code: 'MISSING_STATUS', message: "NetSuite's writeResponse has no status element", type: 'ERROR' }],
				warnings: [],
				afterSubmitFailed: false,
			},
		]);
	});

	it('reads an empty write result as an empty successful page', () => {
		const page = readAsyncResultPage(envelope('<asyncResult xsi:type="AsyncAddListResult"><writeResponseList/></asyncResult>'));
		expect(page).toEqual({ kind: 'write', resultType: 'AsyncAddListResult', pageIndex: 1, totalPages: 1, isSuccess: true, errors: [], warnings: [], records: [] });
	});
});

describe('readAsyncResultPage: read results', () => {
	it('reads an AsyncGetListResult into record JSON', () => {
		const page = readAsyncResultPage(result('async-get-list-records.xml'));
		expect(page).toMatchObject({ kind: 'read', resultType: 'AsyncGetListResult', pageIndex: 1, totalPages: 1, isSuccess: true, errors: [] });
		const [customer, missing, order] = page.records as ReadResultRecord[];
		expect(customer).toEqual({
			index: 1,
			isSuccess: true,
			recordType: 'Customer',
			internalId: '1001',
			externalId: '00123',
			errors: [],
			warnings: [],
			record: {
				recordType: 'Customer',
				internalId: '1001',
				externalId: '00123',
				entityId: '00123',
				companyName: 'Smith & Sons',
				phone: '0612345678',
				isInactive: 'false',
				creditLimit: '1000.50',
				entityStatus: { internalId: '13', type: 'customerStatus', name: 'CUSTOMER-Closed Won' },
				subsidiary: { internalId: '1', name: 'Parent Company' },
				addressbookList: [
					{
						defaultShipping: 'true',
						defaultBilling: 'false',
						label: 'HQ',
						internalId: '355',
						addressbookAddress: { country: '_unitedStates', addr1: '1 Main St', city: 'Boston', zip: '02134' },
					},
					{
						defaultShipping: 'false',
						defaultBilling: 'true',
						label: 'Billing',
						internalId: '356',
						addressbookAddress: { country: '_unitedStates', zip: '00501' },
					},
				],
				customFieldList: [
					{ scriptId: 'custentity_account_code', internalId: '120', type: 'StringCustomFieldRef', value: '000450' },
					{ scriptId: 'custentity_vip', internalId: '121', type: 'BooleanCustomFieldRef', value: 'true' },
					{ scriptId: 'custentity_region', internalId: '122', type: 'SelectCustomFieldRef', value: { internalId: '5', typeId: '2', name: 'North & East' } },
					{ scriptId: 'custentity_tags', internalId: '123', type: 'MultiSelectCustomFieldRef', value: [{ internalId: '7', typeId: '3', name: 'Wholesale' }] },
					{ scriptId: 'custentity_score', type: 'LongCustomFieldRef', value: '007' },
				],
			},
		});
		expect(missing).toEqual({
			index: 2,
			isSuccess: false,
			errors: [{ code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.', type: 'ERROR' }],
			warnings: [],
		});
		expect(order.record).toEqual({
			recordType: 'SalesOrder',
			internalId: '8802',
			tranId: 'SO0001',
			memo: 'Rush <today>',
			total: '0.50',
			entity: { internalId: '1001', name: '00123 Smith & Sons' },
			itemList: [
				{
					item: { internalId: '42', name: 'Widget' },
					quantity: '1.0',
					line: '1',
					customFieldList: [{ scriptId: 'custcol_lot', internalId: '300', type: 'StringCustomFieldRef', value: '0099' }],
				},
			],
		});
	});

	it('reads an AsyncInitializeListResult, and numbers its list from an offset', () => {
		const asyncResult =
			'<asyncResult xsi:type="ns9:AsyncInitializeListResult" xmlns:ns9="urn:messages_2025_2.platform.webservices.netsuite.com"><ns9:readResponseList>' +
			'<ns9:readResponse><ns8:status isSuccess="true" xmlns:ns8="urn:core_2025_2.platform.webservices.netsuite.com"/>' +
			'<ns9:record xsi:type="ns7:Invoice" xmlns:ns7="urn:sales_2025_2.transactions.webservices.netsuite.com"><ns7:entity internalId="5"/></ns9:record>' +
			'</ns9:readResponse></ns9:readResponseList></asyncResult>';
		const page = readAsyncResultPage(envelope(asyncResult));
		expect(page.kind).toBe('read');
		expect(page.resultType).toBe('AsyncInitializeListResult');
		expect(page.records).toEqual([
			{ index: 1, isSuccess: true, recordType: 'Invoice', record: { recordType: 'Invoice', entity: { internalId: '5' } }, errors: [], warnings: [] },
		]);
		expect(readReadResponseList(listIn(envelope(asyncResult), ['getAsyncResultResponse', 'asyncResult', 'readResponseList']), { indexOffset: 10 }).records[0].index).toBe(11);
	});
});

describe('readAsyncResultPage: search results', () => {
	it('numbers page 2 of a pageSize-3 search 4, 5, 6 (recordList, numbered prefixes)', () => {
		const page = readAsyncResultPage(result('async-search-record-list-page2.xml'));
		expect(page).toMatchObject({ kind: 'search', resultType: 'AsyncSearchResult', pageIndex: 2, totalPages: 3, totalRecords: 8, pageSize: 3, isSuccess: true });
		expect(page.records).toEqual([
			{ index: 4, recordType: 'Contact', internalId: '41', record: { recordType: 'Contact', internalId: '41', entityId: "Ann O'Neil", phone: '0033 1 23 45' } },
			{
				index: 5,
				recordType: 'Contact',
				internalId: '42',
				externalId: 'C-042',
				record: {
					recordType: 'Contact',
					internalId: '42',
					externalId: 'C-042',
					entityId: 'Bob',
					company: { internalId: '1001', type: 'customer', name: 'Smith & Sons' },
				},
			},
			{ index: 6, recordType: 'Contact', internalId: '43', record: { recordType: 'Contact', internalId: '43', entityId: 'Cy' } },
		]);
	});

	it('flattens searchRowList rows into basic and join objects', () => {
		const page = readAsyncResultPage(result('async-search-row-list.xml'));
		expect(page).toMatchObject({ kind: 'search', pageIndex: 1, totalPages: 1, totalRecords: 2, pageSize: 1000, isSuccess: true });
		const [first, second] = page.records as SearchResultRecord[];
		expect(first).toEqual({
			index: 1,
			recordType: 'TransactionSearchRow',
			internalId: '8802',
			record: {
				recordType: 'TransactionSearchRow',
				basic: {
					internalId: { internalId: '8802' },
					tranId: 'SO0001',
					amount: '0100.50',
					entity: { internalId: '1001', type: 'customer', name: 'Smith & Sons' },
					item: [{ internalId: '42' }, { internalId: '43' }],
					customFieldList: [
						{ scriptId: 'custbody_ref', internalId: '210', type: 'SearchColumnStringCustomField', value: '00077' },
						{ scriptId: 'custbody_channel', internalId: '211', type: 'SearchColumnSelectCustomField', value: { internalId: '3', typeId: '9' } },
					],
				},
				customerJoin: { entityId: '00123', email: 'a&b@example.com' },
				customSearchJoin: {
					customizationRef: { scriptId: 'custbody_project', internalId: '500' },
					searchRowBasic: { name: 'Project X' },
				},
			},
		});
		expect(second).toEqual({
			index: 2,
			recordType: 'TransactionSearchRow',
			record: { recordType: 'TransactionSearchRow', basic: { tranId: 'SO0002', item: { internalId: '42' } } },
		});
	});

	it('reports a failed search status as the page status', () => {
		const page = readAsyncResultPage(result('async-search-failed.xml'));
		expect(page).toEqual({
			kind: 'search',
			resultType: 'AsyncSearchResult',
			pageIndex: 1,
			totalPages: 1,
			isSuccess: false,
			errors: [
				{
					code: 'INSUFFICIENT_PERMISSION',
					message: "Permission Violation: You need  the 'Lists -> Contacts' permission to access this page.",
					type: 'ERROR',
				},
			],
			warnings: [],
			records: [],
		});
	});

	it('uses the pageSize option when NetSuite sends none', () => {
		const page = readAsyncResultPage(searchPage('<pageIndex>2</pageIndex><totalPages>3</totalPages>', 3), { pageSize: 3 });
		expect(page.records.map((record) => record.index)).toEqual([4, 5, 6]);
		expect(page.pageSize).toBe(3);
	});

	it("prefers NetSuite's pageSize to the option", () => {
		const page = readAsyncResultPage(searchPage('<pageIndex>2</pageIndex><pageSize>3</pageSize><totalPages>3</totalPages>', 3), { pageSize: 50 });
		expect(page.records.map((record) => record.index)).toEqual([4, 5, 6]);
	});

	it('infers the page size from a full page, or from totalRecords on the last page', () => {
		const middle = readAsyncResultPage(searchPage('<pageIndex>2</pageIndex><totalPages>3</totalPages>', 3));
		expect(middle.records.map((record) => record.index)).toEqual([4, 5, 6]);
		const last = readAsyncResultPage(searchPage('<pageIndex>3</pageIndex><totalPages>3</totalPages><totalRecords>8</totalRecords>', 2));
		expect(last.records.map((record) => record.index)).toEqual([7, 8]);
		expect(() => readAsyncResultPage(searchPage('<pageIndex>3</pageIndex><totalPages>3</totalPages>', 2))).toThrow(
			'Cannot number the records of page 3',
		);
	});

	it('treats an empty search (totalPages 0) as page 1 of 1', () => {
		const page = readAsyncResultPage(searchPage('<totalRecords>0</totalRecords><pageSize>10</pageSize><totalPages>0</totalPages><pageIndex>1</pageIndex>', 0));
		expect(page).toMatchObject({ pageIndex: 1, totalPages: 1, totalRecords: 0, records: [] });
	});

	it('refuses a non-numeric paging value', () => {
		expect(() => readAsyncResultPage(searchPage('<pageIndex>two</pageIndex>', 1))).toThrow('pageIndex is not a whole number ("two")');
	});
});

describe('readAsyncResultPage: result types', () => {
	it('throws on an unknown asyncResult type, naming it', () => {
		expect(() => readAsyncResultPage(envelope('<asyncResult xsi:type="ns1:AsyncTransformListResult" xmlns:ns1="urn:x"/>'))).toThrow(
			'AsyncTransformListResult',
		);
	});

	it('throws when there is no asyncResult', () => {
		expect(() => readAsyncResultPage(parseXml('<soapenv:Envelope xmlns:soapenv="urn:s"><soapenv:Body><getAsyncResultResponse/></soapenv:Body></soapenv:Envelope>'))).toThrow(
			'without a getAsyncResultResponse/asyncResult element',
		);
	});

	it('infers the kind from the content when xsi:type is missing', () => {
		const page = readAsyncResultPage(envelope('<asyncResult><readResponseList><readResponse><status isSuccess="true"/><record internalId="1"/></readResponse></readResponseList></asyncResult>'));
		expect(page.kind).toBe('read');
		expect(page.resultType).toBe('AsyncResult');
		expect(page.records).toHaveLength(1);
	});

	it('reads a write page without asyncResult prefix declarations as well as the write-response reader does', () => {
		const document = result('async-add-list-platform-prefixes.xml');
		expect(readAsyncResultPage(document).records as WriteResultRecord[]).toEqual(
			readWriteResponseList(listIn(document, ['getAsyncResultResponse', 'asyncResult', 'writeResponseList'])).records,
		);
	});
});

describe('a full page', () => {
	// Speed is the benchmark's business (npm run bench); this checks the 2,000-record page is read whole.
	it('reads all 2,000 records of a page, numbered and converted', () => {
		const records = Array.from(
			{ length: 2000 },
			(_, i) =>
				`<readResponse><platformCore:status isSuccess="true"/><record internalId="${i}" externalId="E${String(i).padStart(6, '0')}" xsi:type="listRel:Customer">` +
				`<listRel:entityId>${String(i).padStart(6, '0')}</listRel:entityId><listRel:companyName>Company ${i} &amp; Co</listRel:companyName>` +
				'<listRel:phone>0123456789</listRel:phone><listRel:email>a@example.com</listRel:email><listRel:isInactive>false</listRel:isInactive>' +
				'<listRel:subsidiary internalId="1" type="subsidiary"><platformCore:name>Parent</platformCore:name></listRel:subsidiary>' +
				'<listRel:addressbookList><listRel:addressbook><listRel:label>HQ</listRel:label><listRel:addressbookAddress><platformCommon:zip>02134</platformCommon:zip><platformCommon:city>Boston</platformCommon:city></listRel:addressbookAddress></listRel:addressbook></listRel:addressbookList>' +
				'<listRel:customFieldList>' +
				Array.from({ length: 10 }, (_, f) => `<platformCore:customField scriptId="custentity_${f}" xsi:type="platformCore:StringCustomFieldRef"><platformCore:value>0${f}</platformCore:value></platformCore:customField>`).join('') +
				'</listRel:customFieldList></record></readResponse>',
		).join('');
		const xml =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>' +
			'<getAsyncResultResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com" xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com" xmlns:platformCommon="urn:common_2025_2.platform.webservices.netsuite.com" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com">' +
			`<asyncResult xsi:type="AsyncGetListResult"><readResponseList><platformCore:status isSuccess="true"/>${records}</readResponseList></asyncResult>` +
			SOAP_CLOSE;
		const document = parseXml(xml);
		const page = readAsyncResultPage(document);
		expect(page.records).toHaveLength(2000);
		expect(page.records[1999]).toMatchObject({ index: 2000, internalId: '1999', record: { entityId: '001999' } });
	});
});

describe('readAsyncResultPage: records read by the schema model', () => {
	it('reads RecordRef-typed …List fields as objects, sublists as arrays, and keeps values as sent', () => {
		const page = readAsyncResultPage(result('async-get-list-schema-shapes.xml'));
		const [salesOrder] = page.records as ReadResultRecord[];
		expect(salesOrder).toEqual({
			index: 1,
			isSuccess: true,
			recordType: 'SalesOrder',
			internalId: '8803',
			errors: [],
			warnings: [],
			record: {
				recordType: 'SalesOrder',
				internalId: '8803',
				entity: { internalId: '1001', name: '00123 Smith & Sons' },
				otherRefNum: '   ',
				memo: '  padded memo  ',
				message: 'pre mid & <b> post',
				billAddressList: { internalId: '433', name: '123 Happy Lane' },
				shipAddressList: { internalId: '434' },
				promotionsList: [],
				itemList: [{ item: { internalId: '42', name: 'Widget' }, quantity: '1.0' }],
			},
		});
	});

	it("keeps a Note's own record and recordType fields (the xsi:type stays on the item)", () => {
		const page = readAsyncResultPage(result('async-get-list-schema-shapes.xml'));
		expect(page.records[1]).toEqual({
			index: 2,
			isSuccess: true,
			recordType: 'Note',
			internalId: '9',
			errors: [],
			warnings: [],
			record: {
				internalId: '9',
				title: '  Call back <today>  ',
				note: '  padded memo  ',
				record: { internalId: '5', type: 'customer' },
				recordType: { internalId: '-2', name: 'Customer' },
			},
		});
	});

	it('reads a record type and a field the model does not know by name rules, dropping nothing', () => {
		const page = readAsyncResultPage(result('async-get-list-schema-shapes.xml'));
		const [, , unknownType, customer] = page.records as ReadResultRecord[];
		expect(unknownType.record).toEqual({
			recordType: 'Hologram',
			internalId: '77',
			shape: ' round ',
			colorList: ['red'],
			sizeList: [],
			owner: { internalId: '3' },
		});
		expect(customer.record).toEqual({
			recordType: 'Customer',
			internalId: '1002',
			entityId: '00124',
			loyaltyTierList: ['gold', 'silver'],
			addressbookList: [],
		});
	});

	it('review probe R9/D6: Note with record, recordType, an empty list and a padded memo', () => {
		const page = readAsyncResultPage(
			envelope(
				'<asyncResult xsi:type="AsyncGetListResult"><readResponseList><readResponse><status isSuccess="true"/>' +
					'<record xsi:type="ns:Note" internalId="9"><record internalId="5" type="customer"/><recordType internalId="-2"/><itemList/><memo>  padded memo  </memo></record>' +
					'</readResponse></readResponseList></asyncResult>',
			),
		);
		expect(page.records).toEqual([
			{
				index: 1,
				isSuccess: true,
				recordType: 'Note',
				internalId: '9',
				errors: [],
				warnings: [],
				record: { internalId: '9', record: { internalId: '5', type: 'customer' }, recordType: { internalId: '-2' }, itemList: [], memo: '  padded memo  ' },
			},
		]);
	});

	it('a statusDetail holding only afterSubmitFailed is a flag, not a warning', () => {
		const page = readAsyncResultPage(result('async-add-list-after-submit-flags.xml'));
		expect(page.records).toEqual([
			{ index: 1, isSuccess: true, internalId: '2001', externalId: 'N8N-1', recordType: 'customer', errors: [], warnings: [], afterSubmitFailed: false },
			{ index: 2, isSuccess: true, internalId: '2002', externalId: 'N8N-2', recordType: 'customer', errors: [], warnings: [], afterSubmitFailed: true },
			{
				index: 3,
				isSuccess: true,
				internalId: '2003',
				externalId: 'N8N-3',
				recordType: 'customer',
				errors: [],
				warnings: [{ code: 'WARNING', message: 'The field phone was truncated to 32 characters.', type: 'WARN' }],
				afterSubmitFailed: false,
			},
		]);
	});
});

describe('readAsyncResultPage: a page without its list (review D5)', () => {
	it('refuses a search result without searchResult', () => {
		expect(() => readAsyncResultPage(envelope('<asyncResult xsi:type="AsyncSearchResult"/>'))).toThrow(
			"NetSuite's asyncResult has no searchResult element, so its records cannot be read (an empty searchResult would mean no records)",
		);
	});

	it('refuses an add result carrying only a failed status', () => {
		const xml =
			'<asyncResult xsi:type="AsyncAddListResult"><status xmlns="urn:core_2025_2.platform.webservices.netsuite.com" isSuccess="false">' +
			'<statusDetail type="ERROR"><code>UNEXPECTED_ERROR</code><message>x</message></statusDetail></status></asyncResult>';
		expect(() => readAsyncResultPage(envelope(xml))).toThrow("NetSuite's asyncResult has no writeResponseList element");
	});

	it('refuses a get result without readResponseList', () => {
		expect(() => readAsyncResultPage(envelope('<asyncResult xsi:type="AsyncGetListResult"></asyncResult>'))).toThrow(
			"NetSuite's asyncResult has no readResponseList element",
		);
	});

	it('reads a present, empty list as zero records', () => {
		const page = readAsyncResultPage(envelope('<asyncResult xsi:type="AsyncGetListResult"><readResponseList>\n  </readResponseList></asyncResult>'));
		expect(page).toMatchObject({ kind: 'read', isSuccess: true, records: [] });
	});
});
