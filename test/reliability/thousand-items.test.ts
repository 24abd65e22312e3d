import { NODE_NAME } from '../workflow/netsuite-workflow';
import { reliabilityCase, type CaseEnv, type ReliabilityCase } from './cases';
import {
	expectBounded,
	expectMessage,
	findItemError,
	runCase,
	settle,
	type Observation,
	useReliabilityEnvironment,
} from './run-case';

/** A thousand items: one request each, order and pairing kept, failures stop (or do not stop) as On Error says. */

const COUNT = 1000;
const finished = { script: { steps: [{ status: 'finished', percentCompleted: 100 }] } };


// Generous for a loaded 2-core machine; every wait inside is bounded far below this.
jest.setTimeout(90_000);
const env = useReliabilityEnvironment();

async function run(id: string, stage: Partial<ReliabilityCase> & { setup: (env: CaseEnv) => void }): Promise<{ reliability: ReliabilityCase; observation: Observation }> {
	const reliability = { ...reliabilityCase(id), ...stage };
	expect(reliabilityCase(id).file).toBe('thousand-items.test.ts');
	const observation = await runCase(reliability, env.servers);
	env.ledger.addSecrets(...observation.signatures);
	env.ledger.addRun(id, observation.result);
	await settle();
	expect(env.guard.events).toEqual([]);
	expectBounded(reliability, observation);
	return { reliability, observation };
}

describe('a thousand items', () => {
	it('scale.thousand-items', async () => {
		const jobId = (index: number) => `JOB_T_${index}`;
		const unknown = (index: number) => index % 100 === 0;
		const { reliability, observation } = await run('scale.thousand-items', {
			setup: ({ simulator }) => {
				for (let index = 0; index < COUNT; index++) if (!unknown(index)) simulator.addJob(jobId(index), finished);
			},
			items: Array.from({ length: COUNT }, (_, index) => ({ jobId: jobId(index) })),
			parameters: { options: { concurrency: 10 } },
			onError: 'continueErrorOutput',
		});
		const { result } = observation;
		expect(result.status).toBe('success');
		const [success, failure] = result.outputs(NODE_NAME);
		const expectedSuccess = Array.from({ length: COUNT }, (_, index) => index).filter((index) => !unknown(index));
		expect(success.map((item) => [item.json.jobId, item.json.status, (item.pairedItem as { item: number }).item])).toEqual(
			expectedSuccess.map((index) => [jobId(index), 'finished', index]),
		);
		expect(failure.map((item) => [item.json.jobId, (item.pairedItem as { item: number }).item])).toEqual(
			Array.from({ length: 10 }, (_, tens) => [jobId(tens * 100), tens * 100]),
		);
		expectMessage(reliability, findItemError(result, 'continueErrorOutput', 0).message);
		// exactly one status check per item: nothing repeated, nothing skipped
		expect(Object.keys(env.servers.simulator.counters.statusChecksByJob)).toHaveLength(COUNT - 10);
		expect(Object.values(env.servers.simulator.counters.statusChecksByJob).every((count) => count === 1)).toBe(true);
		expect(env.servers.simulator.counters.maxInFlight).toBeLessThanOrEqual(10);
	});

	it('scale.thousand-items-stop', async () => {
		const jobId = (index: number) => `JOB_S_${index}`;
		const { reliability, observation } = await run('scale.thousand-items-stop', {
			setup: ({ simulator }) => {
				for (let index = 0; index < COUNT; index++) if (index !== 100) simulator.addJob(jobId(index), finished);
			},
			items: Array.from({ length: COUNT }, (_, index) => ({ jobId: jobId(index) })),
			parameters: { options: { concurrency: 5 } },
		});
		expectMessage(reliability, findItemError(observation.result, 'stopWorkflow', 100).message);
	});

	it('scale.thousand-items-bad-input', async () => {
		const { reliability, observation } = await run('scale.thousand-items-bad-input', {
			setup: ({ simulator }) => {
				for (let index = 0; index < COUNT - 1; index++) simulator.addJob(`JOB_B_${index}`, finished);
			},
			items: Array.from({ length: COUNT }, (_, index) => ({ jobId: index === COUNT - 1 ? 'J'.repeat(10 * 1024) : `JOB_B_${index}` })),
		});
		expectMessage(reliability, findItemError(observation.result, 'stopWorkflow', COUNT - 1).message);
	});

	it('leaks no secret in these runs', () => {
		expect(env.ledger.runCount).toBe(3);
		expect(env.ledger.scan()).toEqual([]);
	});
});
