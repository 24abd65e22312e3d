import type { IDataObject } from 'n8n-workflow';

import type { JobOptions, Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { credentialData, FAST_RETRIES, NODE_NAME, runNetSuite } from './netsuite-workflow';

let simulator: Simulator;
useSimulator((started) => (simulator = started));

const finished = { steps: [{ status: 'finished', percentCompleted: 100 }] };
let jobCounter = 0;
function addJob(options: Omit<JobOptions, 'script'> & { script?: JobOptions['script'] }): string {
	const jobId = `RESULT_JOB_${++jobCounter}`;
	simulator.addJob(jobId, { script: finished, ...options });
	return jobId;
}

const upsertResults: JobOptions['results'] = {
	kind: 'write',
	operation: 'asyncUpsertList',
	records: [
		{ isSuccess: true, internalId: '101', externalId: 'EXT-001', type: 'customer' },
		{
			isSuccess: false,
			externalId: 'EXT-002',
			type: 'customer',
			details: [{ type: 'ERROR', code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name & Subsidiary' }],
		},
		{
			isSuccess: true,
			internalId: '103',
			externalId: 'EXT-003',
			type: 'customer',
			details: [{ type: 'WARN', code: 'DUP_ENTITY', message: 'This entity may be a duplicate' }],
		},
		{
			isSuccess: false,
			internalId: '104',
			externalId: 'EXT-004',
			type: 'customer',
			details: [{ type: 'ERROR', code: 'USER_ERROR', message: 'Script failed', afterSubmitFailed: true }],
		},
	],
};

const getResult = (jobId: string, parameters: IDataObject = {}) =>
	runNetSuite(simulator, { parameters: { operation: 'getAsyncResult', jobId, ...parameters } });

describe('Get Async Result: write results', () => {
	it('one item per record, in submitted order, with statuses as booleans and messages split by type', async () => {
		const jobId = addJob({ results: upsertResults });
		const result = await getResult(jobId);
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 0 }]);
		expect(outputs.map((item) => item.json)).toEqual([
			{ jobId, index: 1, recordType: 'customer', internalId: '101', externalId: 'EXT-001', isSuccess: true, afterSubmitFailed: false, errors: [], warnings: [] },
			{
				jobId,
				index: 2,
				recordType: 'customer',
				internalId: null,
				externalId: 'EXT-002',
				isSuccess: false,
				afterSubmitFailed: false,
				errors: [{ code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name & Subsidiary', type: 'ERROR' }],
				warnings: [],
			},
			{
				jobId,
				index: 3,
				recordType: 'customer',
				internalId: '103',
				externalId: 'EXT-003',
				isSuccess: true,
				afterSubmitFailed: false,
				errors: [],
				warnings: [{ code: 'DUP_ENTITY', message: 'This entity may be a duplicate', type: 'WARN' }],
			},
			{
				jobId,
				index: 4,
				recordType: 'customer',
				internalId: '104',
				externalId: 'EXT-004',
				isSuccess: false,
				afterSubmitFailed: true,
				errors: [{ code: 'USER_ERROR', message: 'Script failed', type: 'ERROR' }],
				warnings: [],
			},
		]);
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([1]);
		expect(simulator.counters.byOperation.checkAsyncStatus).toBeUndefined();
	});

	it('one summary item per job with the counts and the records as an array', async () => {
		const jobId = addJob({ results: upsertResults });
		const result = await getResult(jobId, { outputMode: 'summary' });
		const [summary] = result.items(NODE_NAME);
		expect({ ...summary, records: (summary.records as IDataObject[]).map((record) => record.index) }).toEqual({
			jobId,
			resultType: 'AsyncUpsertListResult',
			kind: 'write',
			totalRecords: 4,
			totalPages: 1,
			pagesRead: [1],
			resultCallsUsed: 1,
			successCount: 2,
			failureCount: 2,
			warningCount: 1,
			afterSubmitFailedCount: 1,
			listErrors: [],
			records: [1, 2, 3, 4],
		});
	});
});

describe('Get Async Result: read and search results', () => {
	it('read results carry the record as JSON with NetSuite field names and string values', async () => {
		const jobId = addJob({
			results: {
				kind: 'read',
				operation: 'asyncGetList',
				records: [
					{
						isSuccess: true,
						recordType: 'Customer',
						internalId: '7',
						externalId: 'C-7',
						fields: { entityId: '00123', companyName: 'Smith & Sons <UK>', phone: '0044 20 7946 0000', subsidiary: { internalId: '1', type: 'subsidiary', name: 'Parent Co' } },
					},
					{ isSuccess: false, recordType: 'Customer', details: [{ type: 'ERROR', code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' }] },
				],
			},
		});
		const items = (await getResult(jobId)).items(NODE_NAME);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ jobId, index: 1, isSuccess: true, recordType: 'Customer', internalId: '7', externalId: 'C-7', errors: [] });
		expect(items[0].record).toMatchObject({
			entityId: '00123',
			companyName: 'Smith & Sons <UK>',
			phone: '0044 20 7946 0000',
			subsidiary: { internalId: '1', type: 'subsidiary', name: 'Parent Co' },
		});
		expect(items[1]).toMatchObject({
			index: 2,
			isSuccess: false,
			errors: [{ code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.', type: 'ERROR' }],
		});
	});

	const searchRecords = Array.from({ length: 7 }, (_, index) => ({
		recordType: 'Customer',
		internalId: String(index + 1),
		fields: { entityId: `C${String(index + 1).padStart(4, '0')}` },
	}));

	it('all pages of a search: every page read exactly once, one item per record', async () => {
		const jobId = addJob({ results: { kind: 'search', records: searchRecords, pageSize: 3 } });
		const items = (await getResult(jobId)).items(NODE_NAME);
		expect(items.map((item) => [item.index, item.internalId, (item.record as IDataObject).entityId, item.pageIndex])).toEqual([
			[1, '1', 'C0001', 1],
			[2, '2', 'C0002', 1],
			[3, '3', 'C0003', 1],
			[4, '4', 'C0004', 2],
			[5, '5', 'C0005', 2],
			[6, '6', 'C0006', 2],
			[7, '7', 'C0007', 3],
		]);
		expect(items.every((item) => item.totalRecords === 7 && item.totalPages === 3)).toBe(true);
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([1, 2, 3]);
	});

	it('one page of a search reads only that page', async () => {
		const jobId = addJob({ results: { kind: 'search', records: searchRecords, pageSize: 3 } });
		const items = (await getResult(jobId, { pages: 'one', pageIndex: 2 })).items(NODE_NAME);
		expect(items.map((item) => item.index)).toEqual([4, 5, 6]);
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([2]);
	});

	it('refuses a search with more pages than the 20-call budget after reading page 1 once', async () => {
		const jobId = addJob({ results: { kind: 'search', records: searchRecords.concat(searchRecords, searchRecords), pageSize: 1 } });
		const result = await getResult(jobId);
		expect(result.error?.message).toBe(`Job "${jobId}" has 21 result pages, more than the 20 getAsyncResult calls NetSuite allows per job`);
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([1]);
	});
});

describe('Get Async Result: faults tell what happened and what to do', () => {
	it('JOB_NOT_COMPLETE before the job ends', async () => {
		const jobId = addJob({ script: { steps: [{ status: 'processing', percentCompleted: 40 }] }, results: upsertResults });
		const result = await getResult(jobId);
		expect(result.error?.message).toBe(`Job "${jobId}" has not finished yet (JOB_NOT_COMPLETE)`);
		expect(result.error?.description).toContain('Poll Until Done');
	});

	it('INVALID_PAGE_INDEX for a page that does not exist', async () => {
		const jobId = addJob({ results: upsertResults });
		const result = await getResult(jobId, { pages: 'one', pageIndex: 5 });
		expect(result.error?.message).toBe(`Job "${jobId}" has no such result page (INVALID_PAGE_INDEX)`);
	});

	it('INVALID_WS_VERSION when the job was submitted through another endpoint version', async () => {
		const jobId = addJob({ results: upsertResults, apiVersion: '2024_2' });
		const result = await getResult(jobId);
		expect(result.error?.message).toBe(`Job "${jobId}" was submitted through another SuiteTalk version (INVALID_WS_VERSION)`);
		expect(result.error?.description).toContain("Set the credential's API Version");
	});

	it('INVALID_JOB_ID once the job has used its 20 calls', async () => {
		const jobId = addJob({ results: upsertResults });
		const items = Array.from({ length: 21 }, () => ({ jobId }));
		const result = await runNetSuite(simulator, {
			parameters: { operation: 'getAsyncResult', outputMode: 'summary' },
			items,
			onError: 'continueRegularOutput',
		});
		const outputs = result.items(NODE_NAME);
		expect(outputs.slice(0, 20).every((json) => json.totalRecords === 4)).toBe(true);
		expect(outputs[20].error).toBe(`NetSuite does not know job "${jobId}" (INVALID_JOB_ID)`);
		expect(simulator.counters.resultCallsByJob[jobId]).toBe(21);
	});
});

describe('Fetch Results When Done', () => {
	it('polls with checkAsyncStatus, then reads each result page once', async () => {
		const jobId = addJob({
			script: { steps: [{ status: 'pending' }, { status: 'processing', percentCompleted: 50 }, { status: 'finishedWithErrors', percentCompleted: 100 }] },
			results: upsertResults,
		});
		const result = await runNetSuite(simulator, {
			parameters: { jobId, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10, options: { fetchResultsWhenDone: true } },
		});
		const items = result.items(NODE_NAME);
		expect(items.map((json) => [json.index, json.isSuccess, json.afterSubmitFailed])).toEqual([
			[1, true, false],
			[2, false, false],
			[3, true, false],
			[4, false, true],
		]);
		expect(simulator.counters.statusChecksByJob[jobId]).toBe(3);
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([1]);
	});

	it('returns the status of a failed job that has no records', async () => {
		const jobId = addJob({ script: { steps: [{ status: 'failed', percentCompleted: 100 }] }, results: { kind: 'write', records: [] } });
		const result = await runNetSuite(simulator, {
			parameters: { jobId, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10, options: { fetchResultsWhenDone: true } },
		});
		const [json] = result.items(NODE_NAME);
		expect([json.status, json.isDone, json.polls, result.items(NODE_NAME).length]).toEqual(['failed', true, 1, 1]);
	});

	it('returns the status of a failed job whose results NetSuite refuses', async () => {
		const jobId = addJob({ script: { steps: [{ status: 'failed', percentCompleted: 100 }] } });
		simulator.injectFaults('INVALID_JOB_ID', 1, { operation: 'getAsyncResult', jobId });
		const result = await runNetSuite(simulator, {
			parameters: { jobId, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10, options: { fetchResultsWhenDone: true, ...FAST_RETRIES } },
			credential: credentialData(simulator),
		});
		const [json] = result.items(NODE_NAME);
		expect([json.status, json.isDone, json.resultsError]).toEqual(['failed', true, 'You have specified an invalid Job Id (INVALID_JOB_ID)']);
	});
});

describe('Get Async Result: records read by the schema model', () => {
	it('a RecordRef-typed …List field is an object, padding is kept, a Note keeps its own record and recordType fields', async () => {
		const jobId = addJob({
			results: {
				kind: 'read',
				operation: 'asyncGetList',
				records: [
					{
						isSuccess: true,
						recordType: 'SalesOrder',
						internalId: '8803',
						fields: { memo: '  padded memo  ', billAddressList: { internalId: '433', name: '123 Happy Lane' } },
					},
					{
						isSuccess: true,
						recordType: 'Note',
						internalId: '9',
						fields: { record: { internalId: '5', type: 'customer' }, recordType: { internalId: '-2' } },
					},
				],
			},
		});
		const items = (await getResult(jobId)).items(NODE_NAME);
		expect(items.map((item) => [item.recordType, item.record])).toEqual([
			['SalesOrder', { recordType: 'SalesOrder', internalId: '8803', memo: '  padded memo  ', billAddressList: { internalId: '433', name: '123 Happy Lane' } }],
			['Note', { internalId: '9', record: { internalId: '5', type: 'customer' }, recordType: { internalId: '-2' } }],
		]);
	});
});

describe('Get Async Result: a read that fails part-way says where it stood', () => {
	it('a cut-off page 3 of 4: not repeated; the error names the pages read and the calls this run sent', async () => {
		const jobId = addJob({
			results: { kind: 'search', records: Array.from({ length: 8 }, (_, i) => ({ recordType: 'Customer', internalId: String(i + 1) })), pageSize: 2 },
		});
		simulator.injectFaults('TRUNCATED', 1, { operation: 'getAsyncResult', jobId, pageIndex: '3' });
		const result = await runNetSuite(simulator, {
			parameters: { operation: 'getAsyncResult', jobId, options: FAST_RETRIES },
			onError: 'continueRegularOutput',
		});
		expect(simulator.counters.resultPagesByJob[jobId]).toEqual([1, 2, 3]);
		const [item] = result.outputs(NODE_NAME)[0];
		expect(String(item.json.error)).toMatch(/^The response is not well-formed XML/);
		const details = item.json.details as IDataObject;
		expect(details.description).toBe(
			"NetSuite may have processed this request, so it was not sent again: Every processed call spends one of the 20 NetSuite allows per job; after the 20th the results are gone. Reading page 3 failed; pages 1, 2 were read; this run sent 3 of the job's 20 getAsyncResult calls.",
		);
	});
});
