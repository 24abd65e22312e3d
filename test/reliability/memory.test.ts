import { RESULT_PAGE_LIMIT_BYTES } from '../../nodes/NetSuiteAsync/actions/readJobResults';
import { HUGE_BODY_BYTES, reliabilityCase, type ReliabilityCase } from './cases';
import { hugeStream, sendXml, finishedStatusXml } from './hostile-server';
import { expectBounded, expectOutcome, runCase, settle, useReliabilityEnvironment } from './run-case';

/**
 * Oversized answers: the node must stop reading at its limit (1 MB for a status check), so a 50 MB
 * answer or a gzip bomb costs about the limit in memory, never the answer's size. Result pages
 * have their own, larger limit.
 */

const MB = 1024 * 1024;

const env = useReliabilityEnvironment();

beforeAll(async () => {
	// Warm up (modules loaded, first workflow run done) so the measurement sees only the answer.
	env.servers.hostile.use(sendXml(200, finishedStatusXml));
	await runCase({ ...reliabilityCase('transport.chunked'), setup: undefined, items: [{ jobId: 'WARM_UP' }] }, env.servers);
});

interface Peak {
	rss: number;
	/** Buffers and other memory outside the JS heap (Node's `external` includes `arrayBuffers`). */
	external: number;
	heapUsed: number;
	stop(): void;
}

/** Samples memory every 2 ms and keeps the peak growth over the starting point. */
function sampleMemory(): Peak {
	const start = process.memoryUsage();
	const peak: Peak = {
		rss: 0,
		external: 0,
		heapUsed: 0,
		stop: () => clearInterval(timer),
	};
	const timer = setInterval(() => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss - start.rss);
		peak.external = Math.max(peak.external, now.external - start.external);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed - start.heapUsed);
	}, 2);
	return peak;
}

/**
 * Far above what stopping at the limit costs (measured: a few MB produced, ~20 MB of buffers at the
 * peak), far below what reading the answer would: 50 MB of chunks, their 50 MB concatenation and a
 * 50 MB string.
 */
const BOUND = 24 * MB;

function expectMemoryBounded(peak: Peak): void {
	expect(peak.external).toBeLessThan(40 * MB);
	expect(peak.heapUsed).toBeLessThan(40 * MB);
	expect(peak.rss).toBeLessThan(80 * MB);
}

async function runOversized(reliabilityCase: ReliabilityCase, gzip: boolean) {
	const answer = hugeStream(HUGE_BODY_BYTES, { gzip });
	const peak = sampleMemory();
	const observation = await runCase(
		{ ...reliabilityCase, setup: ({ hostile }) => hostile.use(answer), items: [{ jobId: `JOB_${gzip ? 'BOMB' : 'HUGE'}` }] },
		env.servers,
	);
	// let the server notice the hang-up before reading its counters
	await new Promise((resolve) => setTimeout(resolve, 50));
	peak.stop();
	env.ledger.addSecrets(...observation.signatures);
	env.ledger.addRun(reliabilityCase.id, observation.result);
	await settle();
	expect(env.guard.events).toEqual([]);
	expectOutcome(reliabilityCase, observation);
	expectBounded(reliabilityCase, observation);
	return { observation, peak, generated: answer.stats.generated, wire: env.servers.hostile.bytesSent };
}

describe('oversized answers', () => {
	it(reliabilityCase('transport.huge-status-answer').id, async () => {
		const { peak, generated, wire } = await runOversized(reliabilityCase('transport.huge-status-answer'), false);
		// The node dropped the connection after its 1 MB: the server produced a few MB at most (what
		// the loopback socket buffers absorbed), never the 50 MB.
		expect(generated).toBeLessThan(BOUND);
		expect(wire).toBe(generated);
		expectMemoryBounded(peak);
	});

	it(reliabilityCase('transport.gzip-bomb').id, async () => {
		const { peak, generated, wire } = await runOversized(reliabilityCase('transport.gzip-bomb'), true);
		// The limit counts inflated bytes: the server compressed only a few MB of text before the
		// node hung up, and what crossed the wire is a small fraction of that.
		expect(generated).toBeLessThan(BOUND);
		expect(wire).toBeLessThan(generated / 20);
		expectMemoryBounded(peak);
	});

	it(reliabilityCase('transport.large-result-page').id, async () => {
		const reliability = reliabilityCase('transport.large-result-page');
		expect(RESULT_PAGE_LIMIT_BYTES).toBeGreaterThan(3 * MB);
		const padding = 'p'.repeat(3 * MB);
		const observation = await runCase(
			{
				...reliability,
				setup: ({ simulator }) =>
					simulator.addJob('JOB_BIG_PAGE', {
						script: { steps: [{ status: 'finished', percentCompleted: 100 }] },
						results: {
							kind: 'write',
							operation: 'asyncAddList',
							records: [{ isSuccess: true, internalId: '1', type: 'customer', details: [{ type: 'WARN', code: 'PADDING', message: padding }] }],
						},
					}),
				parameters: { operation: 'getAsyncResult' },
				items: [{ jobId: 'JOB_BIG_PAGE' }],
			},
			env.servers,
		);
		env.ledger.addSecrets(...observation.signatures);
		env.ledger.addRun(reliability.id, observation.result);
		await settle();
		expect(env.guard.events).toEqual([]);
		expectOutcome(reliability, observation);
		expectBounded(reliability, observation);
		const [record] = observation.result.items('NetSuite Async');
		expect((record.warnings as Array<{ message: string }>)[0].message).toHaveLength(3 * MB);
	});

	it('leaks no secret in these runs', () => {
		expect(env.ledger.runCount).toBe(3);
		expect(env.ledger.scan()).toEqual([]);
	});
});
