import type { Simulator } from './server';
import type { ReadRecord, SearchRecord, WriteRecord } from './types';
import { at, body, checkStatus, faultOf, getResult, parse, textOf, undeclaredPrefixes, useSimulator, type SoapReply } from './test-client';

let simulator: Simulator;
useSimulator((started) => (simulator = started), () => simulator.setPrefixStyle('platformCore'));

const finished = { steps: [{ status: 'finished' }] };

function asyncResult(reply: SoapReply): Record<string, unknown> {
	expect(reply.status).toBe(200);
	return at(body(reply), 'getAsyncResultResponse', 'asyncResult') as Record<string, unknown>;
}

const writeRecords: WriteRecord[] = [
	{ isSuccess: true, internalId: '101', externalId: 'EXT-101', type: 'customer' },
	{
		isSuccess: true,
		internalId: '102',
		type: 'customer',
		details: [{ type: 'WARN', code: 'DUP_ENTITY', message: 'This entity already exists & was merged <ok>.' }],
	},
	{
		isSuccess: false,
		externalId: 'EXT-103',
		type: 'customer',
		details: [{ type: 'ERROR', code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name' }],
	},
	{
		isSuccess: false,
		internalId: '104',
		type: 'purchaseOrder',
		details: [{ type: 'ERROR', code: 'USER_ERROR', message: 'afterSubmit failed', afterSubmitFailed: true }],
	},
	{ isSuccess: false },
];

describe('write results', () => {
	it.each([
		['asyncAddList', 'AsyncAddListResult'],
		['asyncUpdateList', 'AsyncUpdateListResult'],
		['asyncUpsertList', 'AsyncUpsertListResult'],
		['asyncDeleteList', 'AsyncDeleteListResult'],
	] as const)('%s → xsi:type %s', async (operation, resultType) => {
		const jobId = `JOB_WRITE_${operation}`;
		simulator.addJob(jobId, { script: finished, results: { kind: 'write', operation, records: writeRecords } });
		const result = asyncResult(await getResult(simulator, jobId, 1));
		expect(result['@_xsi:type']).toBe(`platformMsgs:${resultType}`);
		const responses = at(result, 'writeResponseList', 'writeResponse') as unknown[];
		expect(responses.map((entry) => at(entry, 'status', '@_isSuccess'))).toEqual(['true', 'true', 'false', 'false', 'false']);
		expect(at(responses, 0, 'baseRef')).toMatchObject({
			'@_internalId': '101',
			'@_externalId': 'EXT-101',
			'@_type': 'customer',
			'@_xsi:type': 'platformCore:RecordRef',
		});
		expect(at(responses, 1, 'status', 'statusDetail', 0)).toEqual({
			'@_type': 'WARN',
			code: 'DUP_ENTITY',
			message: 'This entity already exists & was merged <ok>.',
		});
		expect(at(responses, 2, 'baseRef', '@_internalId')).toBeUndefined();
		expect(at(responses, 2, 'baseRef', '@_externalId')).toBe('EXT-103');
		expect(at(responses, 3, 'status', 'statusDetail', 0)).toEqual({
			'@_type': 'ERROR',
			code: 'USER_ERROR',
			message: 'afterSubmit failed',
			afterSubmitFailed: 'true',
		});
		expect(at(responses, 4, 'baseRef')).toBeUndefined();
	});

	it('escapes text in the raw XML', async () => {
		simulator.addJob('JOB_WRITE_RAW', { script: finished, results: { kind: 'write', records: writeRecords } });
		const reply = await getResult(simulator, 'JOB_WRITE_RAW', 1);
		expect(reply.text).toContain(
			'<platformCore:message>This entity already exists &amp; was merged &lt;ok&gt;.</platformCore:message>',
		);
		expect(reply.text).toContain(
			'<platformCore:statusDetail type="ERROR"><platformCore:code>USER_ERROR</platformCore:code>' +
				'<platformCore:message>afterSubmit failed</platformCore:message>' +
				'<platformCore:afterSubmitFailed>true</platformCore:afterSubmitFailed></platformCore:statusDetail>',
		);
	});

	it('a job added without results has one empty AsyncAddListResult page', async () => {
		simulator.addJob('JOB_NO_RESULTS', { script: finished });
		const result = asyncResult(await getResult(simulator, 'JOB_NO_RESULTS', 1));
		expect(result['@_xsi:type']).toBe('platformMsgs:AsyncAddListResult');
		expect(result.writeResponseList).toBe('');
		expect(faultOf(await getResult(simulator, 'JOB_NO_RESULTS', 2))?.code).toBe('INVALID_PAGE_INDEX');
	});
});

const customers: ReadRecord[] = [
	{
		isSuccess: true,
		recordType: 'Customer',
		internalId: '7',
		externalId: 'C&7',
		fields: {
			entityId: 'Smith & <Sons>',
			zipCode: '00123',
			subsidiary: { internalId: '1', type: 'subsidiary', name: 'Parent & Co' },
		},
	},
	{
		isSuccess: false,
		recordType: 'Customer',
		details: [{ type: 'ERROR', code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' }],
	},
	{ isSuccess: true, recordType: 'SalesOrder', internalId: '900', fields: { tranId: 'SO-1' } },
];

describe('read results', () => {
	it.each([
		['asyncGetList', 'AsyncGetListResult'],
		['asyncInitializeList', 'AsyncInitializeListResult'],
	] as const)('%s → xsi:type %s with typed records', async (operation, resultType) => {
		const jobId = `JOB_READ_${operation}`;
		simulator.addJob(jobId, { script: finished, results: { kind: 'read', operation, records: customers } });
		const result = asyncResult(await getResult(simulator, jobId, 1));
		expect(result['@_xsi:type']).toBe(`platformMsgs:${resultType}`);
		const responses = at(result, 'readResponseList', 'readResponse') as unknown[];
		expect(responses).toHaveLength(3);
		expect(at(responses, 0, 'status', '@_isSuccess')).toBe('true');
		expect(at(responses, 0, 'record', 0)).toEqual({
			'@_internalId': '7',
			'@_externalId': 'C&7',
			'@_xsi:type': 'listRel:Customer',
			'@_xmlns:listRel': 'urn:relationships_2025_2.lists.webservices.netsuite.com',
			entityId: 'Smith & <Sons>',
			zipCode: '00123',
			subsidiary: {
				'@_internalId': '1',
				'@_type': 'subsidiary',
				name: { '#text': 'Parent & Co', '@_xmlns:platformCore': 'urn:core_2025_2.platform.webservices.netsuite.com' },
			},
		});
		expect(at(responses, 1, 'status', '@_isSuccess')).toBe('false');
		expect(at(responses, 1, 'status', 'statusDetail', 0, 'code')).toBe('RCRD_DSNT_EXIST');
		expect(at(responses, 1, 'record')).toBeUndefined();
		expect(at(responses, 2, 'record', 0, '@_xsi:type')).toBe('tranSales:SalesOrder');
	});

	it('writes values escaped and keeps leading zeros', async () => {
		simulator.addJob('JOB_READ_RAW', { script: finished, results: { kind: 'read', records: customers } });
		const reply = await getResult(simulator, 'JOB_READ_RAW', 1);
		expect(reply.text).toContain(
			'<record xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com" internalId="7" externalId="C&amp;7" xsi:type="listRel:Customer">' +
				'<listRel:entityId>Smith &amp; &lt;Sons&gt;</listRel:entityId><listRel:zipCode>00123</listRel:zipCode>' +
				'<listRel:subsidiary internalId="1" type="subsidiary"><platformCore:name xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">Parent &amp; Co</platformCore:name></listRel:subsidiary></record>',
		);
	});
});

function searchRecords(count: number): SearchRecord[] {
	return Array.from({ length: count }, (_, index) => ({
		recordType: 'Customer',
		internalId: String(index + 1),
		fields: { entityId: `Customer ${index + 1}`, phone: '0049 30 123', salesRep: { internalId: '5', name: 'Rep & Co' } },
	}));
}

describe('search results', () => {
	it('pages a recordList with totals', async () => {
		simulator.addJob('JOB_SEARCH', { script: finished, results: { kind: 'search', records: searchRecords(12), pageSize: 5 } });
		const pages = [];
		for (const pageIndex of [1, 2, 3]) {
			const result = asyncResult(await getResult(simulator, 'JOB_SEARCH', pageIndex));
			expect(result['@_xsi:type']).toBe('platformMsgs:AsyncSearchResult');
			const search = at(result, 'searchResult') as Record<string, unknown>;
			expect(at(search, 'status', '@_isSuccess')).toBe('true');
			expect([search.totalRecords, search.pageSize, search.totalPages, search.pageIndex]).toEqual([
				'12',
				'5',
				'3',
				String(pageIndex),
			]);
			pages.push((at(search, 'recordList', 'record') as unknown[]).map((record) => at(record, '@_internalId')));
		}
		expect(pages).toEqual([
			['1', '2', '3', '4', '5'],
			['6', '7', '8', '9', '10'],
			['11', '12'],
		]);
		const first = at(asyncResult(await getResult(simulator, 'JOB_SEARCH', 1)), 'searchResult', 'recordList', 'record', 0);
		expect(first).toMatchObject({
			'@_xsi:type': 'listRel:Customer',
			entityId: 'Customer 1',
			phone: '0049 30 123',
			salesRep: { '@_internalId': '5', name: 'Rep & Co' },
		});
		expect(faultOf(await getResult(simulator, 'JOB_SEARCH', 4))).toMatchObject({
			element: 'asyncFault',
			code: 'INVALID_PAGE_INDEX',
			message: 'Invalid page index 4: the result has 3 page(s).',
		});
		expect(simulator.counters.resultPagesByJob).toEqual({ JOB_SEARCH: [1, 2, 3, 1, 4] });
		expect(simulator.counters.resultCallsByJob).toEqual({ JOB_SEARCH: 5 });
	});

	it('returns a searchRowList when rows is true', async () => {
		simulator.addJob('JOB_ROWS', { script: finished, results: { kind: 'search', records: searchRecords(2), rows: true } });
		const search = at(asyncResult(await getResult(simulator, 'JOB_ROWS', 1)), 'searchResult') as Record<string, unknown>;
		expect([search.totalRecords, search.pageSize, search.totalPages, search.pageIndex]).toEqual(['2', '1000', '1', '1']);
		const rows = at(search, 'searchRowList', 'searchRow') as unknown[];
		expect(rows).toHaveLength(2);
		expect(at(rows, 0, '@_xsi:type')).toBe('listRel:CustomerSearchRow');
		const basic = at(rows, 0, 'basic') as Record<string, unknown>;
		expect(basic['@_xsi:type']).toBe('platformCommon:CustomerSearchRowBasic');
		expect(at(basic, 'internalId', 'searchValue', '@_internalId')).toBe('1');
		expect(at(basic, 'entityId', 'searchValue')).toBe('Customer 1');
		expect(at(basic, 'salesRep', 'searchValue')).toEqual({ '@_internalId': '5', name: 'Rep & Co' });
	});

	it('an empty search has page 1 with zero pages', async () => {
		simulator.addJob('JOB_EMPTY_SEARCH', { script: finished, results: { kind: 'search', records: [] } });
		const search = at(asyncResult(await getResult(simulator, 'JOB_EMPTY_SEARCH', 1)), 'searchResult') as Record<string, unknown>;
		expect([search.totalRecords, search.totalPages, search.recordList]).toEqual(['0', '0', '']);
	});
});

describe('paging write and read results', () => {
	it('defaults to 1000 per page', async () => {
		const records = Array.from({ length: 2001 }, (_, index) => ({ isSuccess: true, internalId: String(index + 1) }));
		simulator.addJob('JOB_BIG', { script: finished, results: { kind: 'write', records } });
		const sizes = [];
		for (const pageIndex of [1, 2, 3]) {
			const list = at(asyncResult(await getResult(simulator, 'JOB_BIG', pageIndex)), 'writeResponseList', 'writeResponse');
			sizes.push((list as unknown[]).length);
		}
		expect(sizes).toEqual([1000, 1000, 1]);
		const third = at(asyncResult(await getResult(simulator, 'JOB_BIG', 3)), 'writeResponseList', 'writeResponse', 0);
		expect(at(third, 'baseRef', '@_internalId')).toBe('2001');
		expect(faultOf(await getResult(simulator, 'JOB_BIG', 4))?.code).toBe('INVALID_PAGE_INDEX');
		expect(faultOf(await getResult(simulator, 'JOB_BIG', 0))?.code).toBe('INVALID_PAGE_INDEX');
	});

	it('honours a scripted page size for read results', async () => {
		simulator.addJob('JOB_READ_PAGED', { script: finished, results: { kind: 'read', records: customers, pageSize: 2 } });
		const second = at(asyncResult(await getResult(simulator, 'JOB_READ_PAGED', 2)), 'readResponseList', 'readResponse');
		expect((second as unknown[]).map((entry) => at(entry, 'record', 0, '@_internalId'))).toEqual(['900']);
	});
});

describe('getAsyncResult faults', () => {
	it('JOB_NOT_COMPLETE before the job is terminal (as of the last status check)', async () => {
		simulator.addJob('JOB_RUNNING', { script: { steps: [{ status: 'processing' }, { status: 'finishedWithErrors' }] } });
		expect(faultOf(await getResult(simulator, 'JOB_RUNNING', 1))).toEqual({
			faultcode: 'soapenv:Server.userException',
			faultstring: 'The job is not complete. Use checkAsyncStatus to follow it.',
			element: 'asyncFault',
			code: 'JOB_NOT_COMPLETE',
			message: 'The job is not complete. Use checkAsyncStatus to follow it.',
			hostname: 'simulator-java001.suitetalk.invalid',
		});
		await checkStatus(simulator, 'JOB_RUNNING');
		expect(faultOf(await getResult(simulator, 'JOB_RUNNING', 1))?.code).toBe('JOB_NOT_COMPLETE');
		await checkStatus(simulator, 'JOB_RUNNING');
		expect((await getResult(simulator, 'JOB_RUNNING', 1)).status).toBe(200);
	});

	it('INVALID_WS_VERSION when read through another endpoint version', async () => {
		simulator.addJob('JOB_2024', { script: finished, apiVersion: '2024_1' });
		const reply = await getResult(simulator, 'JOB_2024', 1);
		expect(reply.status).toBe(500);
		expect(faultOf(reply)).toMatchObject({ element: 'asyncFault', code: 'INVALID_WS_VERSION' });
		const right = await getResult(simulator, 'JOB_2024', 1, '2024_1');
		expect(right.status).toBe(200);
		expect(right.text).toContain('urn:messages_2024_1.platform.webservices.netsuite.com');
		expect(right.text).not.toContain('2025_2');
	});

	it('the 21st getAsyncResult call for a job is INVALID_JOB_ID, every call counting', async () => {
		simulator.addJob('JOB_BUDGET', { script: finished, results: { kind: 'write', records: writeRecords, pageSize: 1 } });
		const statuses = [];
		for (let call = 1; call <= 21; call++) {
			const reply = await getResult(simulator, 'JOB_BUDGET', call <= 5 ? call : 6);
			statuses.push(reply.status === 200 ? 'ok' : faultOf(reply)?.code);
		}
		expect(statuses).toEqual([...Array(5).fill('ok'), ...Array(15).fill('INVALID_PAGE_INDEX'), 'INVALID_JOB_ID']);
		expect(simulator.counters.resultCallsByJob.JOB_BUDGET).toBe(21);
		expect(faultOf(await getResult(simulator, 'JOB_BUDGET', 1))?.code).toBe('INVALID_JOB_ID');
	});
});

describe('prefix styles', () => {
	const styles = ['platformCore', 'numbered', 'defaultNamespace', 'emptyXmlns'] as const;

	it.each(styles)('%s carries the same content, with every prefix declared', async (style) => {
		simulator.addJob(`JOB_STYLE_${style}`, { script: finished, results: { kind: 'read', records: customers } });
		simulator.setPrefixStyle(style);
		const reply = await getResult(simulator, `JOB_STYLE_${style}`, 1);
		expect(undeclaredPrefixes(reply.text)).toEqual([]);
		for (const kind of ['write', 'search'] as const) {
			const jobId = `JOB_STYLE_${style}_${kind}`;
			const results =
				kind === 'write'
					? { kind, records: writeRecords }
					: { kind, records: searchRecords(3), rows: style === 'numbered' || style === 'emptyXmlns' };
			simulator.addJob(jobId, { script: finished, results });
			const other = await getResult(simulator, jobId, 1);
			expect(other.status).toBe(200);
			expect(undeclaredPrefixes(other.text)).toEqual([]);
		}
		const fault = await getResult(simulator, 'NO_SUCH_JOB', 1);
		expect(faultOf(fault)?.code).toBe('INVALID_JOB_ID');
		expect(undeclaredPrefixes(fault.text)).toEqual([]);
		const record = at(asyncResult(reply), 'readResponseList', 'readResponse', 0, 'record', 0) as Record<string, unknown>;
		expect(String(record['@_xsi:type']).replace(/^.*:/, '')).toBe('Customer');
		expect([textOf(record.entityId), textOf(record.zipCode), textOf(at(record, 'subsidiary', 'name'))]).toEqual([
			'Smith & <Sons>',
			'00123',
			'Parent & Co',
		]);
		expect(textOf(at(reply.doc, 'Envelope', 'Header', 'documentInfo', 'nsId'))).toMatch(/^WEBSERVICES_1234567_SB1_/);
	});

	it('numbered uses ns1… prefixes, defaultNamespace none, emptyXmlns an xmlns="" wrapper', async () => {
		simulator.addJob('JOB_STYLE_RAW', { script: finished, results: { kind: 'write', records: writeRecords.slice(0, 1) } });
		simulator.setPrefixStyle('numbered');
		const numbered = (await getResult(simulator, 'JOB_STYLE_RAW', 1)).text;
		expect(numbered).toMatch(/<ns\d+:status xmlns:ns\d+="urn:core_2025_2\.platform\.webservices\.netsuite\.com" isSuccess="true"\/>/);
		expect(numbered).not.toContain('platformCore:');

		simulator.setPrefixStyle('defaultNamespace');
		const plain = (await getResult(simulator, 'JOB_STYLE_RAW', 1)).text;
		expect(plain).toContain('<status xmlns="urn:core_2025_2.platform.webservices.netsuite.com" isSuccess="true"/>');
		expect(plain.replace(/<\/?soapenv:/g, '').replace(/xmlns:\w+=|xsi:type=|="\w+:\w+"/g, '')).not.toMatch(/<\w+:/);

		simulator.setPrefixStyle('emptyXmlns');
		const empty = (await getResult(simulator, 'JOB_STYLE_RAW', 1)).text;
		expect(empty).toContain('<soapenv:Body><getAsyncResultResponse><asyncResult');
		expect(empty).toContain('<platformCore:status xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com" isSuccess="true"/>');
	});

	it('rotate cycles the styles per response', async () => {
		simulator.addJob('JOB_ROTATE', { script: finished });
		simulator.setPrefixStyle('rotate');
		const texts = [];
		for (let call = 0; call < 5; call++) texts.push((await checkStatus(simulator, 'JOB_ROTATE')).text);
		expect(texts[0]).toContain('<platformCore:asyncStatusResult');
		expect(texts[1]).toMatch(/<ns\d+:asyncStatusResult/);
		expect(texts[2]).toContain('<asyncStatusResult xmlns="urn:core_2025_2');
		expect(texts[3]).toContain('<checkAsyncStatusResponse><platformCore:asyncStatusResult');
		expect(texts[4]).toContain('<platformCore:asyncStatusResult');
		for (const text of texts) expect(parse(text)).toBeDefined();
	});
});
