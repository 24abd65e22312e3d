import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { chainWorkflow, ITEMS_TYPE, runWorkflow, secretsScan, type WorkflowRunResult } from '../harness';
import { testPrivateKeyPem } from '../simulator/rest/test-keys';
import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { NODE_NAME, NODE_TYPE, stable, type OnError } from './netsuite-workflow';

/**
 * The node's REST mode run by n8n's engine against the simulator's REST async service, signed by
 * each credential (the simulator checks the OAuth 1.0a header and the bearer token itself).
 */

let simulator: Simulator;

useSimulator(
	(started) => (simulator = started),
	() => {
		simulator.restAsync.setJobScript({});
		simulator.setLatency(0);
	},
);

type Authentication = 'tba' | 'oAuth2M2m';
const AUTHENTICATIONS: Authentication[] = ['tba', 'oAuth2M2m'];

function credentials(): Record<string, ICredentialDataDecryptedObject> {
	return {
		netSuiteTbaApi: { ...simulator.credentials, apiVersion: '2025_2', endpointUrl: simulator.endpointUrl() },
		netSuiteOAuth2M2mApi: {
			accountId: simulator.credentials.accountId,
			clientId: simulator.rest.m2m.clientId,
			certificateId: 'simulator-certificate-id-rsa',
			privateKey: testPrivateKeyPem('rsa-3072'),
			algorithm: 'PS256',
			scopes: ['rest_webservices'],
			accountDomainUrl: simulator.url,
		},
	};
}

interface RestRun {
	authentication?: Authentication;
	parameters: INodeParameters;
	items?: IDataObject[];
	onError?: OnError;
}

async function runRestNode(run: RestRun): Promise<WorkflowRunResult> {
	const authentication = run.authentication ?? 'tba';
	const credentialType = authentication === 'tba' ? 'netSuiteTbaApi' : 'netSuiteOAuth2M2mApi';
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { api: 'rest', authentication, operation: 'checkAsyncStatus', ...run.parameters },
			credentials: { [credentialType]: { id: '1', name: 'NetSuite simulator' } },
			...(run.onError ? { onError: run.onError } : {}),
		},
	);
	return await runWorkflow(workflow, {
		nodeTypes: { [NODE_TYPE]: new NetSuiteAsync() },
		credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi(), netSuiteOAuth2M2mApi: new NetSuiteM2mOAuth2Api() },
		credentials: credentials(),
	});
}

function asyncRequests(): string[] {
	return simulator.requests.map((request) => request.operation).filter((operation) => operation.includes('/async/'));
}

describe.each(AUTHENTICATIONS)('REST mode with %s', (authentication) => {
	it('Check Async Status reads a job named by its ID, a relative Location and an absolute Location, in the SOAP fields plus REST progress', async () => {
		const jobId = simulator.restAsync.addJob([{ status: 204, location: `${simulator.url}/services/rest/record/v1/customer/7` }]);
		const result = await runRestNode({
			authentication,
			items: [
				{ jobId },
				{ jobId: `/services/rest/async/v1/job/${jobId}` },
				{ jobId: `${simulator.url}/services/rest/async/v1/job/${jobId}` },
			],
			parameters: {},
		});
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const expected = { jobId, status: 'finished', percentCompleted: 100, estRemainingDuration: 0, isDone: true, progress: 'succeeded', completed: true, api: 'rest' };
		expect(result.items(NODE_NAME).map(stable)).toEqual([expected, expected, expected]);
		expect(result.outputs(NODE_NAME)[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(simulator.restAsync.counters.jobChecks[jobId]).toBe(3);
		expect(asyncRequests()).toEqual(Array(3).fill(`REST GET /services/rest/async/v1/job/${jobId}`));
	});

	it('Get Async Result reads each task once: status, then result (written record, failed item, read record)', async () => {
		const jobId = simulator.restAsync.addJob([
			{ status: 204, location: `${simulator.url}/services/rest/record/v1/customer/601` },
			{
				status: 400,
				body: { type: 'x', title: 'Bad Request', status: 400, 'o:errorDetails': [{ detail: 'Please enter value(s) for: Company Name', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'companyName' }] },
			},
			{ status: 200, body: { id: '42', companyName: 'Acme' } },
		]);
		const result = await runRestNode({ authentication, parameters: { operation: 'getAsyncResult', jobId } });
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		expect(result.items(NODE_NAME)).toEqual([
			{ jobId, taskId: '1', progress: 'succeeded', resultRead: true, isSuccess: true, recordId: '601', location: `${simulator.url}/services/rest/record/v1/customer/601`, errors: [] },
			{
				jobId,
				taskId: '2',
				progress: 'succeeded',
				resultRead: true,
				isSuccess: false,
				errors: [{ code: 'USER_ERROR', detail: 'Please enter value(s) for: Company Name', path: 'companyName' }],
			},
			{ jobId, taskId: '3', progress: 'succeeded', resultRead: true, isSuccess: true, recordId: '42', record: { id: '42', companyName: 'Acme' }, errors: [] },
		]);
		expect(result.outputs(NODE_NAME)[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		for (const task of ['1', '2', '3']) {
			expect(simulator.restAsync.counters.taskStatusReads[`${jobId}/${task}`]).toBe(1);
			expect(simulator.restAsync.counters.taskResultReads[`${jobId}/${task}`]).toBe(1);
		}
		expect(simulator.restAsync.counters.taskListReads[jobId]).toBe(1);
	});
});

describe('REST Get Async Result keeps what it read', () => {
	afterEach(() => simulator.setLatency(0));

	it('when Read Deadline passes part-way: read tasks stay, the others come out unread; nothing is read twice', async () => {
		const jobId = simulator.restAsync.addJob(Array.from({ length: 6 }, (_, index) => ({ status: 200, body: { id: String(index + 1) } })));
		// Each request takes at least 400 ms, so the 1 s deadline passes after the first task at the latest.
		simulator.setLatency(400);
		const result = await runRestNode({ parameters: { operation: 'getAsyncResult', jobId, restResultDeadline: 1 } });
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const items = result.items(NODE_NAME);
		expect(items.map((item) => item.taskId)).toEqual(['1', '2', '3', '4', '5', '6']);
		const read = items.filter((item) => item.resultRead === true);
		expect(read.length).toBeLessThanOrEqual(1);
		for (const item of read) expect(item.record).toEqual({ id: item.taskId });
		for (const item of items.slice(read.length)) {
			expect(item).toEqual({ jobId, taskId: item.taskId, resultRead: false, notReadBecause: `Read Deadline passed after ${read.length} of 6 tasks` });
		}
		const resultReads = Object.values(simulator.restAsync.counters.taskResultReads);
		expect(resultReads.reduce((sum, count) => sum + count, 0)).toBe(read.length);
		expect(resultReads.every((count) => count === 1)).toBe(true);
	});

	it('a task status read that fails stops the reading: earlier results are output, the rest unread with the reason', async () => {
		const jobId = simulator.restAsync.addJob([{ status: 204, location: `${simulator.url}/services/rest/record/v1/customer/1` }, { status: 204 }, { status: 204 }]);
		simulator.restAsync.scriptFailure(new RegExp(`/job/${jobId}/task/2$`), 503, 'SERVICE_UNAVAILABLE', 2);
		const result = await runRestNode({ parameters: { operation: 'getAsyncResult', jobId, options: { maxRetries: 1, retryWait: 0.01 } } });
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const reason = 'reading stopped at task 2: NetSuite refused the request with HTTP 503: Scripted failure 503 for GET /services/rest/async/v1/job/' + jobId + '/task/2. (SERVICE_UNAVAILABLE)';
		expect(result.items(NODE_NAME)).toEqual([
			{ jobId, taskId: '1', progress: 'succeeded', resultRead: true, isSuccess: true, recordId: '1', location: `${simulator.url}/services/rest/record/v1/customer/1`, errors: [] },
			{ jobId, taskId: '2', resultRead: false, notReadBecause: reason },
			{ jobId, taskId: '3', resultRead: false, notReadBecause: reason },
		]);
		// One retry (Max Retries 1) of the refused read, then nothing more of this job.
		expect(asyncRequests().filter((operation) => operation.includes(`/job/${jobId}/task/`))).toEqual([
			`REST GET /services/rest/async/v1/job/${jobId}/task/1`,
			`REST GET /services/rest/async/v1/job/${jobId}/task/1/result`,
			`REST GET /services/rest/async/v1/job/${jobId}/task/2`,
			`REST GET /services/rest/async/v1/job/${jobId}/task/2`,
		]);
	});
});

describe('REST Check Async Status: Poll Until Done and Split Done / Still Running', () => {
	it('polls a pending job until it completes, then fetches its task results when asked', async () => {
		simulator.restAsync.setJobScript({ pendingChecks: 2 });
		const jobId = simulator.restAsync.addJob([{ status: 204, location: `${simulator.url}/services/rest/record/v1/customer/9` }], { pendingChecks: 2 });
		const polled = await runRestNode({ parameters: { jobId, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10 } });
		expect(polled.nodeError(NODE_NAME)).toBeUndefined();
		const [item] = polled.items(NODE_NAME).map(stable);
		expect(item).toEqual({ jobId, status: 'finished', percentCompleted: 100, estRemainingDuration: 0, isDone: true, progress: 'succeeded', completed: true, api: 'rest', polls: 3, timedOut: false });
		expect(simulator.restAsync.counters.jobChecks[jobId]).toBe(3);

		const fetched = await runRestNode({ parameters: { jobId, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10, options: { fetchResultsWhenDone: true } } });
		expect(fetched.items(NODE_NAME)).toEqual([
			{ jobId, taskId: '1', progress: 'succeeded', resultRead: true, isSuccess: true, recordId: '9', location: `${simulator.url}/services/rest/record/v1/customer/9`, errors: [] },
		]);
	});

	it('splits a running job to Still Running (with its schedule) and a completed one to Done', async () => {
		const running = simulator.restAsync.addJob([{ status: 204 }], { pendingChecks: 100 });
		const done = simulator.restAsync.addJob([{ status: 204 }]);
		const result = await runRestNode({ items: [{ jobId: running }, { jobId: done }], parameters: { splitOutputs: true, pollInterval: 5, pollTimeout: 600 } });
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const [doneItems, runningItems] = result.outputs(NODE_NAME);
		expect(doneItems.map((item) => [item.json.jobId, item.json.status, item.pairedItem])).toEqual([[done, 'finished', { item: 1 }]]);
		expect(runningItems.map((item) => [item.json.jobId, item.json.status, item.json.progress, item.json.completed, item.json.nextCheckInSeconds, item.pairedItem])).toEqual([
			[running, 'pending', 'pending', false, 5, { item: 0 }],
		]);
	});
});

describe('REST mode refuses what it cannot do before any request', () => {
	it('a SOAP job ID, an unreadable reference: item errors naming the fix; no REST request', async () => {
		const result = await runRestNode({
			items: [{ jobId: 'ASYNCWEBSERVICES_1234567_0801202313264698208388222_7' }, { jobId: 'https://x.invalid/services/rest/record/v1/customer/5' }],
			parameters: {},
			onError: 'continueRegularOutput',
		});
		const items = result.items(NODE_NAME);
		expect(items.map((item) => item.error)).toEqual([
			'"ASYNCWEBSERVICES_1234567_0801202313264698208388222_7" is a SOAP job ID: a SOAP job cannot be read through SuiteTalk REST',
			'"https://x.invalid/services/rest/record/v1/customer/5" is neither a REST job ID nor a job URL',
		]);
		expect(simulator.requests).toEqual([]);
	});

	it('Submit Async Job: initialize, search, SOAP preferences and records REST cannot identify are refused before any request', async () => {
		const search = await runRestNode({ parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncSearch', recordType: 'customer' } });
		expect(search.nodeError(NODE_NAME)?.message).toBe('Async Operation "asyncSearch" has no SuiteTalk REST equivalent');
		const preferences = await runRestNode({ parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncAddList', recordType: 'customer', options: { preferences: { warningAsError: true } } } });
		expect(preferences.nodeError(NODE_NAME)?.message).toBe('Options > Preferences (warningAsError) are SOAP request headers that REST batch requests do not carry');
		const records = await runRestNode({
			items: [{ externalId: 'C-1' }, { id: '5', externalId: 'C-2' }, { internalId: '7' }],
			parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncUpsertList', recordType: 'customer' },
			onError: 'continueRegularOutput',
		});
		expect(records.items(NODE_NAME).map((item) => item.error ?? item.jobId)).toEqual([
			expect.stringMatching(/^\d+$/),
			'Upsert needs "externalId" and no "id" (REST PUT upserts by external ID only)',
			'Record has "internalId", a SOAP field name',
		]);
		expect(simulator.restAsync.counters.submits).toBe(1);
	});

	it('an M2M credential without a Client ID fails each item naming the credential and the field, before any request', async () => {
		const workflow = chainWorkflow(
			{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify([{ jobId: '1' }, { jobId: '2' }]) } },
			{
				name: NODE_NAME,
				type: NODE_TYPE,
				parameters: { api: 'rest', authentication: 'oAuth2M2m', operation: 'checkAsyncStatus' },
				credentials: { netSuiteOAuth2M2mApi: { id: '1', name: 'NetSuite simulator' } },
				onError: 'continueRegularOutput',
			},
		);
		const stored = credentials();
		const result = await runWorkflow(workflow, {
			nodeTypes: { [NODE_TYPE]: new NetSuiteAsync() },
			credentialTypes: { netSuiteOAuth2M2mApi: new NetSuiteM2mOAuth2Api() },
			credentials: { netSuiteOAuth2M2mApi: { ...stored.netSuiteOAuth2M2mApi, clientId: '' } },
		});
		expect(result.items(NODE_NAME).map((item) => [item.error, (item.details as IDataObject).description])).toEqual(
			Array(2).fill(['The NetSuite OAuth2 M2M API credential is missing: clientId', 'Open the NetSuite OAuth2 M2M API credential and correct the field named above.']),
		);
		expect(simulator.requests).toEqual([]);
	});

	it('API SOAP with the OAuth 2.0 credential is refused before any request (NetSuite has no OAuth 2.0 for SOAP)', async () => {
		const result = await runRestNode({ authentication: 'oAuth2M2m', parameters: { api: 'soap', jobId: 'ASYNCWEBSERVICES_1' } });
		expect(result.nodeError(NODE_NAME)?.message).toBe('SuiteTalk SOAP accepts only Token-Based Authentication: NetSuite does not support OAuth 2.0 for SOAP web services');
		expect(simulator.requests).toEqual([]);
	});

	it('an unknown job: NetSuite\'s 404 as an item error with the job ID, nothing retried, no secret in the output', async () => {
		const result = await runRestNode({ items: [{ jobId: '999999' }], parameters: {}, onError: 'continueRegularOutput' });
		const [item] = result.items(NODE_NAME);
		expect(item.error).toBe('The async job 999999 does not exist. (NONEXISTENT_ID)');
		expect((item.details as IDataObject).httpCode).toBe('404');
		expect((item.details as IDataObject).jobId).toBe('999999');
		expect(asyncRequests()).toEqual(['REST GET /services/rest/async/v1/job/999999']);
		expect(secretsScan(result, [simulator.credentials.consumerSecret, simulator.credentials.tokenSecret])).toEqual([]);
	});
});

describe('REST Submit Async Job', () => {
	const customers = (count: number, prefix = 'R') =>
		Array.from({ length: count }, (_, index) => ({ externalId: `${prefix}-${index}`, companyName: `Company ${prefix}-${index}` }));

	it('adds records in one batch job per 100 of a record type, with an idempotency key; the same batch again attaches to its job', async () => {
		const before = simulator.restAsync.recordCount('customer');
		const parameters = { operation: 'submitAsyncJob', asyncOperation: 'asyncAddList', recordType: 'customer' };
		const first = await runRestNode({ items: customers(150, 'A'), parameters });
		expect(first.nodeError(NODE_NAME)).toBeUndefined();
		const jobs = first.outputs(NODE_NAME)[0];
		expect(jobs.map((job) => [job.json.recordCount, job.json.status, job.json.attachedToExistingJob, job.json.asyncOperation, job.json.recordType])).toEqual([
			[100, 'pending', false, 'asyncAddList', 'customer'],
			[50, 'pending', false, 'asyncAddList', 'customer'],
		]);
		expect(jobs[0].pairedItem).toEqual(Array.from({ length: 100 }, (_, item) => ({ item })));
		expect(jobs[1].pairedItem).toEqual(Array.from({ length: 50 }, (_, index) => ({ item: 100 + index })));
		expect(jobs[0].json.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(jobs[0].json.idempotencyKey).not.toBe(jobs[1].json.idempotencyKey);
		expect(simulator.restAsync.recordCount('customer')).toBe(before + 150);
		const submits = simulator.requests.filter((request) => request.operation === 'REST POST /services/rest/record/v1/customer');
		expect(submits.map((request) => [request.headers?.prefer, request.headers?.['content-type']])).toEqual(
			Array(2).fill(['respond-async', 'application/vnd.oracle.resource+json; type=collection']),
		);

		const again = await runRestNode({ items: customers(150, 'A'), parameters });
		expect(again.outputs(NODE_NAME)[0].map((job) => [job.json.jobId, job.json.attachedToExistingJob])).toEqual(jobs.map((job) => [job.json.jobId, true]));
		expect(simulator.restAsync.recordCount('customer')).toBe(before + 150);

		const salted = await runRestNode({ items: customers(1, 'A'), parameters: { ...parameters, idempotencyKeySalt: 'run 2' } });
		expect(salted.items(NODE_NAME)[0].attachedToExistingJob).toBe(false);
	});

	it.each(AUTHENTICATIONS)('with Wait for Results (%s): one item per record from its task result, failures included', async (authentication) => {
		simulator.restAsync.setJobScript({ pendingChecks: 1 });
		const items = [{ externalId: `W-${authentication}-1`, companyName: 'Good' }, { externalId: `W-${authentication}-2` }];
		const result = await runRestNode({
			authentication,
			items,
			parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncAddList', recordType: 'customer', waitForResults: true, pollInterval: 0.02, pollTimeout: 10 },
		});
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const [jobId] = simulator.restAsync.jobIds().slice(-1);
		const [good, bad] = result.items(NODE_NAME);
		const id = good.recordId as string;
		expect(good).toEqual({ jobId, taskId: '1', progress: 'succeeded', resultRead: true, isSuccess: true, recordId: id, location: `${simulator.url}/services/rest/record/v1/customer/${id}`, errors: [] });
		expect(bad).toEqual({ jobId, taskId: '2', progress: 'succeeded', resultRead: true, isSuccess: false, errors: [{ code: 'USER_ERROR', detail: 'Please enter value(s) for: Company Name', path: 'companyName' }] });
		expect(simulator.restAsync.record('customer', id)?.externalId).toBe(`W-${authentication}-1`);
		expect(simulator.restAsync.counters.jobChecks[jobId]).toBe(2);
		expect(result.outputs(NODE_NAME)[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a batch whose answer timed out is sent again with the same key and attaches to the job NetSuite created; no record twice', async () => {
		const before = simulator.restAsync.recordCount('customer');
		const jobsBefore = simulator.restAsync.jobIds().length;
		// The first answer comes after the 1 s Request Timeout; the repeat is answered at once.
		simulator.setLatency(3000);
		const run = runRestNode({
			items: customers(2, 'T'),
			parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncAddList', recordType: 'customer', options: { requestTimeout: 1, maxRetries: 2, retryWait: 0.01 } },
		});
		while (simulator.restAsync.counters.submits === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		simulator.setLatency(0);
		const result = await run;
		expect(result.nodeError(NODE_NAME)).toBeUndefined();
		const [job] = result.items(NODE_NAME);
		const created = simulator.restAsync.jobIds().slice(jobsBefore);
		expect(created).toHaveLength(1);
		expect([job.jobId, job.attachedToExistingJob]).toEqual([created[0], true]);
		expect(simulator.restAsync.recordCount('customer')).toBe(before + 2);
		expect(simulator.requests.filter((request) => request.operation === 'REST POST /services/rest/record/v1/customer')).toHaveLength(2);
	});

	it('update by id, get and delete by id or external ID through batch requests', async () => {
		const [first, second] = simulator.restAsync.seed('customer', [
			{ externalId: 'U-1', fields: { companyName: 'Old 1' } },
			{ externalId: 'U-2', fields: { companyName: 'Old 2' } },
		]);
		const wait = { waitForResults: true, pollInterval: 0.02, pollTimeout: 10 };
		const updated = await runRestNode({
			items: [{ id: first, companyName: 'New 1' }, { externalId: 'U-2', companyName: 'New 2' }, { id: '999', companyName: 'Nobody' }],
			parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncUpdateList', recordType: 'customer', ...wait },
		});
		expect(updated.items(NODE_NAME).map((item) => [item.isSuccess, item.recordId ?? (item.errors as IDataObject[])[0].code])).toEqual([
			[true, first],
			[true, second],
			[false, 'NONEXISTENT_ID'],
		]);
		expect(simulator.restAsync.record('customer', second)?.fields.companyName).toBe('New 2');

		const read = await runRestNode({ items: [{ id: first }, { externalId: 'U-2' }], parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncGetList', recordType: 'customer', ...wait } });
		expect(read.items(NODE_NAME).map((item) => (item.record as IDataObject).companyName)).toEqual(['New 1', 'New 2']);

		const deleted = await runRestNode({ items: [{ id: first }, { externalId: 'U-2' }], parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncDeleteList', recordType: 'customer', ...wait } });
		expect(deleted.items(NODE_NAME).map((item) => item.isSuccess)).toEqual([true, true]);
		expect([simulator.restAsync.record('customer', first), simulator.restAsync.record('customer', second)]).toEqual([undefined, undefined]);
	});
});
