import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { chainWorkflow, ITEMS_TYPE, runWorkflow, secretsScan, type WorkflowRunResult } from '../harness';
import { testPrivateKeyPem } from '../simulator/rest/test-keys';
import { startSimulator, type Simulator } from '../simulator/server';
import { NODE_NAME, NODE_TYPE, stable, type OnError } from './netsuite-workflow';

/**
 * The node's REST mode run by n8n's engine against the simulator's REST async service, signed by
 * each credential (the simulator checks the OAuth 1.0a header and the bearer token itself).
 */

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(() => simulator.close());
beforeEach(() => {
	simulator.resetCounters();
	simulator.restAsync.setJobScript({});
});

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

	it('Submit Async Job with API REST is refused with a clear message', async () => {
		const result = await runRestNode({ parameters: { operation: 'submitAsyncJob' } });
		expect(result.nodeError(NODE_NAME)?.message).toBe('The operation "submitAsyncJob" is not available with API "SuiteTalk REST" in this version');
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
