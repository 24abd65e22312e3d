import { NODE_NAME } from '../workflow/netsuite-workflow';
import { reliabilityCase, type CaseEnv, type ReliabilityCase } from './cases';
import { stallAfterHeaders } from './hostile-server';
import { expectBounded, runCase, settle, useReliabilityEnvironment } from './run-case';

/**
 * n8n's Stop button (or an execution timeout) at each stage of a request: the node must end within
 * a second, send nothing more, and leave no timer or socket behind.
 */

const CANCEL_AFTER_MS = 300;
/** From the cancel to the engine's end: generous for a loaded 2-core machine, far below every wait involved. */
const SETTLE_WITHIN_MS = 1000;

interface Stage extends Partial<ReliabilityCase> {
	setup: (env: CaseEnv) => void;
	/** Default CANCEL_AFTER_MS. */
	cancelAfterMs?: number;
	/** Default SETTLE_WITHIN_MS. */
	settleWithinMs?: number;
}

const env = useReliabilityEnvironment();

const pending = { script: { steps: [{ status: 'pending' }] } };

const stages: Array<[string, Stage]> = [
	[
		'cancellation.during-request',
		{
			setup: ({ simulator }) => {
				simulator.addJob('JOB_CANCEL_REQUEST', pending);
				simulator.setLatency(5000);
			},
			items: [{ jobId: 'JOB_CANCEL_REQUEST' }],
			parameters: { options: { requestTimeout: 60 } },
		},
	],
	[
		'cancellation.during-body',
		{
			setup: ({ hostile }) => hostile.use(stallAfterHeaders('<?xml version="1.0"?>')),
			items: [{ jobId: 'JOB_CANCEL_BODY' }],
			parameters: { options: { requestTimeout: 60 } },
		},
	],
	[
		'cancellation.during-poll-wait',
		{
			setup: ({ simulator }) => simulator.addJob('JOB_CANCEL_WAIT', pending),
			items: [{ jobId: 'JOB_CANCEL_WAIT' }],
			parameters: { pollUntilDone: true, pollInterval: 30, pollTimeout: 600 },
		},
	],
	[
		'cancellation.during-backoff',
		{
			setup: ({ simulator }) => {
				simulator.addJob('JOB_CANCEL_BACKOFF', pending);
				simulator.setConcurrencyLimit(0);
			},
			items: [{ jobId: 'JOB_CANCEL_BACKOFF' }],
			parameters: { options: { retryWait: 30, maxRetries: 5 } },
		},
	],
	[
		'cancellation.thousand-items',
		{
			setup: ({ simulator }) => {
				for (let index = 0; index < 1000; index++) simulator.addJob(`JOB_CANCEL_MANY_${index}`, pending);
				simulator.setLatency(20);
			},
			items: Array.from({ length: 1000 }, (_, index) => ({ jobId: `JOB_CANCEL_MANY_${index}` })),
			parameters: { options: { concurrency: 2 } },
			onError: 'continueErrorOutput',
			// Well into the requests (1,000 × 20 ms two at a time take 10 s), past the synchronous
			// validation of every item, which a cancel cannot interrupt and which is slow on a loaded machine.
			cancelAfterMs: 2500,
			settleWithinMs: 2000,
		},
	],
];

describe('cancellation at each stage', () => {
	it.each(stages)('%s', async (id, { cancelAfterMs = CANCEL_AFTER_MS, settleWithinMs = SETTLE_WITHIN_MS, ...stage }) => {
		const reliability = reliabilityCase(id);
		expect(reliability.file).toBe('cancellation.test.ts');
		const observation = await runCase({ ...reliability, ...stage }, env.servers, { cancelAfterMs });
		env.ledger.addSecrets(...observation.signatures);
		env.ledger.addRun(id, observation.result);
		await settle();
		expect(env.guard.events).toEqual([]);

		expect(reliability.expect.outcome).toBe('canceled');
		expect(observation.result.status).toBe('canceled');
		// the node itself returned (its waits and reads reacted to the abort signal), promptly
		expect(observation.result.settledAfterCancel).toBe(true);
		const { cancelledAtMs, settledAtMs } = observation.result;
		expect(typeof cancelledAtMs).toBe('number');
		expect(typeof settledAtMs).toBe('number');
		expect(settledAtMs! - cancelledAtMs!).toBeGreaterThanOrEqual(0);
		expect(settledAtMs! - cancelledAtMs!).toBeLessThan(settleWithinMs);
		// nothing is sent after the cancel
		const sentAtCancel = observation.signed;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(env.servers.counter.signatures.length).toBe(sentAtCancel);
		expectBounded({ ...reliability, items: stage.items }, observation);
		// The node ends with one cancellation error: no item is started (or turned into an error item) after the cancel.
		expect(observation.result.nodeError(NODE_NAME)?.message).toBe('The execution was cancelled');
		const errorItems = observation.result.runData[NODE_NAME]?.at(-1)?.data?.main?.[1] ?? [];
		expect(errorItems).toEqual([]);
	});

	it('leaks no secret in these runs', () => {
		expect(env.ledger.runCount).toBe(stages.length);
		expect(env.ledger.scan()).toEqual([]);
	});
});
