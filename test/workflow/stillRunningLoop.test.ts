import type { IDataObject } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { configuredOutputs, DONE_OUTPUT, STILL_RUNNING_OUTPUT } from '../../nodes/NetSuiteAsync/actions/checkAsyncStatus.operation';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { waitStandIn } from '../../scripts/demo/stand-in-nodes';
import { chainWorkflow, connect, ITEMS_TYPE, runWorkflow, type WorkflowRunResult } from '../harness';
import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { credentialData, FAST_RETRIES, NODE_NAME, NODE_TYPE, runNetSuite, steps } from './netsuite-workflow';

let simulator: Simulator;
useSimulator((started) => (simulator = started), () => simulator.clearFaults());

/** Items → Check (split) → Still Running → Wait {{ $json.nextCheckInSeconds }} s → Check, as examples/wait-loop-long-job.json. */
async function runLoop(items: IDataObject[], parameters: IDataObject): Promise<WorkflowRunResult> {
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify(items) } },
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { operation: 'checkAsyncStatus', splitOutputs: true, ...parameters },
			credentials: { netSuiteTbaApi: { id: '1', name: 'NetSuite simulator' } },
		},
	);
	workflow.nodes.push({
		id: 'wait',
		name: 'Wait',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [0, 200],
		parameters: { amount: '={{ $json.nextCheckInSeconds }}', unit: 'seconds' },
	});
	connect(workflow.connections, NODE_NAME, 'Wait', STILL_RUNNING_OUTPUT);
	connect(workflow.connections, 'Wait', NODE_NAME);
	return await runWorkflow(workflow, {
		nodeTypes: { [NODE_TYPE]: new NetSuiteAsync(), 'n8n-nodes-base.wait': waitStandIn },
		credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi() },
		credentials: { netSuiteTbaApi: credentialData(simulator) },
	});
}

/** Each pass of the node: [Done items, Still Running items]. */
function passes(result: WorkflowRunResult): IDataObject[][][] {
	return (result.runData[NODE_NAME] ?? []).map((task) => (task.data?.main ?? []).map((output) => (output ?? []).map((item) => item.json)));
}

describe('Split Done and Still Running', () => {
	it('is off by default: one output, as before', () => {
		expect(configuredOutputs({})).toEqual([{ type: 'main' }]);
		expect(configuredOutputs({ operation: 'getAsyncResult', splitOutputs: true })).toEqual([{ type: 'main' }]);
		expect(configuredOutputs({ splitOutputs: true })).toHaveLength(2);
		expect(configuredOutputs({ operation: 'checkAsyncStatus', splitOutputs: true })).toEqual([
			{ type: 'main', displayName: 'Done' },
			{ type: 'main', displayName: 'Still Running' },
		]);
		expect([DONE_OUTPUT, STILL_RUNNING_OUTPUT]).toEqual([0, 1]);
		expect(new NetSuiteAsync().description.outputs).toMatch(/^=\{\{\(function configuredOutputs\(parameters\) \{/);
	});

	it('a Wait loop continues the schedule where it stopped, and the finished job leaves by Done', async () => {
		simulator.addJob('JOB_LOOP', steps(['pending'], ['processing', 20], ['processing', 60, 0.2], ['finished', 100]));
		const result = await runLoop([{ jobId: 'JOB_LOOP' }], { pollInterval: 0.05, pollTimeout: 10 });
		expect(result.status).toBe('success');
		const runs = passes(result);
		expect(runs.map(([done, stillRunning]) => [done.length, stillRunning.length])).toEqual([[0, 1], [0, 1], [0, 1], [1, 0]]);
		const stillRunning = runs.slice(0, 3).map(([, [json]]) => json);
		// 0.05 s, then ×1.5 (a restarted schedule would say 0.05 again), then NetSuite's own estimate of 0.2 s
		expect(stillRunning.map((json) => [json.polls, json.status, json.percentCompleted, json.nextCheckInSeconds, json.timedOut])).toEqual([
			[1, 'pending', 0, 0.05, false],
			[2, 'processing', 20, 0.08, false],
			[3, 'processing', 60, 0.2, false],
		]);
		const firstCheckedAt = stillRunning[0].firstCheckedAt as string;
		expect(Number.isNaN(Date.parse(firstCheckedAt))).toBe(false);
		for (const json of stillRunning) {
			expect(json.firstCheckedAt).toBe(firstCheckedAt);
			expect((json.pollState as IDataObject).jobId).toBe('JOB_LOOP');
		}
		expect(((stillRunning[2].pollState as IDataObject).readings as IDataObject[]).map((reading) => reading.percentCompleted)).toEqual([20, 60]);
		const [[done]] = runs[3];
		expect([done.jobId, done.status, done.isDone, done.polls, done.timedOut, done.firstCheckedAt]).toEqual([
			'JOB_LOOP',
			'finished',
			true,
			4,
			false,
			firstCheckedAt,
		]);
		expect(done.pollState).toBeUndefined();
		expect(result.outputs(NODE_NAME)[DONE_OUTPUT][0].pairedItem).toEqual({ item: 0 });
		expect(simulator.counters.statusChecksByJob.JOB_LOOP).toBe(4);
	});

	it('the deadline counts from the first check: Done with timedOut: true under Return Last Status', async () => {
		simulator.addJob('JOB_LOOP_SLOW', steps(['processing', 10]));
		const startedAtMs = Date.now();
		const result = await runLoop([{ jobId: 'JOB_LOOP_SLOW' }], {
			pollInterval: 0.1,
			pollTimeout: 0.5,
			options: { adaptivePolling: false, onTimeout: 'returnLastStatus' },
		});
		expect(result.status).toBe('success');
		const runs = passes(result);
		const [[done]] = runs[runs.length - 1];
		expect([done.status, done.isDone, done.timedOut, done.polls]).toEqual(['processing', false, true, runs.length]);
		expect(Date.now() - startedAtMs).toBeGreaterThanOrEqual(500);
		// 0, 0.1, … 0.5 s: at most one check per interval and one on the deadline
		expect(runs.length).toBeGreaterThanOrEqual(2);
		expect(runs.length).toBeLessThanOrEqual(6);
	});

	it('the deadline as an error when When Timed Out is Error', async () => {
		simulator.addJob('JOB_LOOP_SLOW_ERR', steps(['processing', 10]));
		const result = await runLoop([{ jobId: 'JOB_LOOP_SLOW_ERR' }], { pollInterval: 0.1, pollTimeout: 0.3, options: { adaptivePolling: false } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Job "JOB_LOOP_SLOW_ERR" was still processing \(10% done\) when Poll Timeout \(0\.3 s\) passed, after \d+ status checks$/);
	});

	it('a check that gets no answer after its retries sends the item to Still Running with the last reading and the problem (R1)', async () => {
		simulator.addJob('JOB_LOOP_OUTAGE', steps(['processing', 40]));
		simulator.injectFaults('WS_REQUEST_BLOCKED', 6, { operation: 'checkAsyncStatus' });
		const firstCheckedAt = new Date(Date.now() - 1000).toISOString();
		const previous = {
			jobId: 'JOB_LOOP_OUTAGE',
			polls: 3,
			firstCheckedAt,
			pollState: { jobId: 'JOB_LOOP_OUTAGE', readings: [{ atMs: Date.parse(firstCheckedAt) + 500, status: 'processing', percentCompleted: 30, estRemainingDuration: 0 }] },
		};
		const result = await runNetSuite(simulator, {
			parameters: { splitOutputs: true, pollInterval: 0.05, pollTimeout: 600, options: FAST_RETRIES },
			items: [previous],
		});
		const [done, stillRunning] = result.outputs(NODE_NAME).map((output) => output.map((item) => item.json));
		expect(done).toEqual([]);
		expect(stillRunning).toHaveLength(1);
		const [json] = stillRunning;
		expect([json.status, json.percentCompleted, json.polls, json.firstCheckedAt]).toEqual(['processing', 30, 4, firstCheckedAt]);
		expect(json.lastProblem).toMatch(/\(WS_REQUEST_BLOCKED\)$/);
		expect(json.nextCheckInSeconds).toBeGreaterThan(0);
		expect(simulator.counters.byOperation.checkAsyncStatus).toBe(6);
	});

	it('an item whose pollState is for another job starts a new schedule', async () => {
		simulator.addJob('JOB_LOOP_OTHER', steps(['processing', 5]));
		const result = await runNetSuite(simulator, {
			parameters: { splitOutputs: true, pollInterval: 0.05, pollTimeout: 600 },
			items: [{ jobId: 'JOB_LOOP_OTHER', polls: 9, firstCheckedAt: '2020-01-01T00:00:00.000Z', pollState: { jobId: 'SOME_OTHER_JOB', readings: [] } }],
		});
		const [json] = result.items(NODE_NAME, STILL_RUNNING_OUTPUT);
		expect([json.polls, json.timedOut, json.nextCheckInSeconds]).toEqual([1, false, 0.05]);
		expect(json.firstCheckedAt).not.toBe('2020-01-01T00:00:00.000Z');
	});

	it('with On Error "continue (error output)", a failing item goes to a third output after Done and Still Running', async () => {
		simulator.addJob('JOB_SPLIT_DONE', steps(['finished', 100]));
		simulator.addJob('JOB_SPLIT_RUNNING', steps(['processing', 10]));
		const result = await runNetSuite(simulator, {
			parameters: { splitOutputs: true, pollInterval: 0.05, pollTimeout: 600 },
			items: [{ jobId: 'JOB_SPLIT_DONE' }, { jobId: 'NO_SUCH_JOB' }, { jobId: 'JOB_SPLIT_RUNNING' }],
			onError: 'continueErrorOutput',
		});
		const outputs = result.outputs(NODE_NAME);
		expect(outputs.map((output) => output.map((item) => [item.json.jobId, item.pairedItem]))).toEqual([
			[['JOB_SPLIT_DONE', { item: 0 }]],
			[['JOB_SPLIT_RUNNING', { item: 2 }]],
			[['NO_SUCH_JOB', { item: 1 }]],
		]);
		expect(outputs[2][0].json.error).toBe('NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)');
	});

	it('with Poll Until Done and Fetch Results When Done as well, the records leave by Done', async () => {
		simulator.addJob('JOB_SPLIT_RESULTS', {
			script: { steps: [{ status: 'processing' }, { status: 'finished' }] },
			results: { kind: 'write', operation: 'asyncAddList', records: [{ isSuccess: true, internalId: '7', type: 'customer' }, { isSuccess: true, internalId: '8', type: 'customer' }] },
		});
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_SPLIT_RESULTS', splitOutputs: true, pollUntilDone: true, pollInterval: 0.05, pollTimeout: 600, options: { fetchResultsWhenDone: true } },
		});
		expect(result.items(NODE_NAME, DONE_OUTPUT).map((json) => [json.jobId, json.internalId, json.isSuccess])).toEqual([
			['JOB_SPLIT_RESULTS', '7', true],
			['JOB_SPLIT_RESULTS', '8', true],
		]);
		expect(result.items(NODE_NAME, STILL_RUNNING_OUTPUT)).toEqual([]);
	});

	it.each([
		[{ polls: 2, firstCheckedAt: 'yesterday', pollState: { jobId: 'J', readings: [] } }, 'firstCheckedAt is "yesterday", not an ISO date'],
		[{ polls: 0, firstCheckedAt: '2026-12-02T10:00:00.000Z', pollState: { jobId: 'J', readings: [] } }, 'polls is 0'],
		[{ polls: 2, firstCheckedAt: '2026-12-02T10:00:00.000Z', pollState: { jobId: 'J', readings: [{ atMs: 'x' }] } }, 'pollState.readings[0].atMs is not a number'],
		[{ polls: 2, firstCheckedAt: '2026-12-02T10:00:00.000Z', pollState: 'text' }, 'pollState is not an object'],
	])('a damaged loop state %p is refused before any request', async (state, what) => {
		const result = await runNetSuite(simulator, {
			parameters: { splitOutputs: true, pollInterval: 0.05, pollTimeout: 600 },
			items: [{ jobId: 'J', ...state }],
		});
		expect(result.error?.message).toBe(`The item's loop state from the previous check is damaged: ${what}`);
		expect(result.error?.description).toContain('Still Running');
		expect(simulator.counters.totalRequests).toBe(0);
	});
});
