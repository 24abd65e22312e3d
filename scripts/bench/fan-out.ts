/**
 * Part 3: 500 job ids through the REAL node, credential and n8n engine (the harness's
 * WorkflowExecute), against the simulator with injected latency and an enforced concurrency limit.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetAccountConcurrencyForTests } from '../../nodes/NetSuiteAsync/transport/accountConcurrency';

import type { RemoteSimulator } from './remote-simulator';
import { fixed, ratio, type Report } from './table';
import { NODE_NAME, runNode } from './workflow';

const JOBS = 500;
const LATENCY_MS = 20;
const ACCOUNT_LIMIT = 5;
const CONCURRENCIES = [1, 5, 10];
/** Runs per concurrency; the fastest is reported (other processes on a 2-core machine only ever slow a run down). Concurrency 1 takes > 10 s, so once. */
const TRIALS: Record<number, number> = { 1: 1, 5: 2, 10: 2 };
/** Small enough that retries after WS_REQUEST_BLOCKED do not dominate, enough of them that none runs out. */
const RETRY_OPTIONS = { retryWait: 0.05, maxRetries: 10 };

interface FanOutRun {
	concurrency: number;
	nodeMs: number;
	/** Wall times of all trials, fastest first. */
	trialsMs?: number[];
	/** CPU time of this process (n8n engine, node, credential, HTTP client) during the run. */
	cpuMs: number;
	requests: number;
	blocked: number;
	maxInFlight: number;
	outputs: number;
	lost: number;
	errors: string[];
}

async function fanOut(simulator: RemoteSimulator, concurrency: number, jobs: number, tag: string): Promise<FanOutRun> {
	const jobIds = Array.from({ length: jobs }, (_, index) => `FANOUT_${tag}_${index + 1}`);
	await simulator.addJobs(jobIds.map((jobId) => ({ jobId, options: { script: { steps: [{ status: 'processing', percentCompleted: 40 }] } } })));
	await simulator.resetCounters();
	const cpuStart = process.cpuUsage();
	const result = await runNode(
		simulator,
		{ operation: 'checkAsyncStatus', options: { concurrency, ...RETRY_OPTIONS } },
		jobIds.map((jobId) => ({ jobId })),
		'continueRegularOutput',
	);
	const cpu = process.cpuUsage(cpuStart);
	const task = result.runData[NODE_NAME]?.at(-1);
	const items: IDataObject[] = result.status === 'success' ? result.items(NODE_NAME) : [];
	let good = 0;
	const errors: string[] = [];
	items.forEach((json, index) => {
		const ok = json.jobId === jobIds[index] && json.status === 'processing' && json.percentCompleted === 40 && json.error === undefined;
		if (ok) good++;
		else if (errors.length < 3) errors.push(String(json.error ?? `item ${index + 1}: ${JSON.stringify(json).slice(0, 120)}`));
	});
	if (result.status !== 'success') errors.push(`workflow ${result.status}: ${result.error?.message ?? result.nodeError(NODE_NAME)?.message ?? ''}`);
	const counters = await simulator.counters();
	const checkedOnce = jobIds.every((jobId) => counters.statusChecksByJob[jobId] === 1);
	if (!checkedOnce) errors.push('some job was not checked exactly once');
	return {
		concurrency,
		nodeMs: task?.executionTime ?? result.durationMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		requests: counters.totalRequests,
		blocked: counters.blockedByConcurrency,
		maxInFlight: counters.maxInFlight,
		outputs: items.length,
		lost: jobs - good,
		errors,
	};
}

export interface FanOutResult {
	runs: FanOutRun[];
}

export async function runFanOutBench(report: Report, simulator: RemoteSimulator): Promise<FanOutResult> {
	await simulator.setLatency(LATENCY_MS);
	await simulator.setConcurrencyLimit(ACCOUNT_LIMIT);
	try {
		// Not reported: loads and compiles the engine, node and credential paths once.
		await fanOut(simulator, 5, 50, 'WARMUP');
		// What a freshly started n8n knows; then the window carries over from run to run, as in one process.
		resetAccountConcurrencyForTests();
		const runs: FanOutRun[] = [];
		const allTrials: FanOutRun[] = [];
		for (const concurrency of CONCURRENCIES) {
			const trials: FanOutRun[] = [];
			for (let trial = 1; trial <= (TRIALS[concurrency] ?? 1); trial++) trials.push(await fanOut(simulator, concurrency, JOBS, `C${concurrency}_T${trial}`));
			trials.sort((a, b) => a.nodeMs - b.nodeMs);
			allTrials.push(...trials);
			runs.push({ ...trials[0], trialsMs: trials.map((run) => run.nodeMs) });
		}

		const idealMs = Math.ceil(JOBS / ACCOUNT_LIMIT) * LATENCY_MS;
		const rows = runs.map((run) => {
			const ownIdealMs = Math.ceil(JOBS / Math.min(run.concurrency, ACCOUNT_LIMIT)) * LATENCY_MS;
			return [
				String(run.concurrency),
				run.trialsMs!.map((ms) => `${fixed(ms / 1000, 2)} s`).join(', '),
				ratio(run.nodeMs / idealMs, 2),
				`${fixed(ownIdealMs / 1000, 1)} s`,
				ratio(run.nodeMs / ownIdealMs, 2),
				fixed((run.nodeMs - ownIdealMs) / Math.ceil(JOBS / Math.min(run.concurrency, ACCOUNT_LIMIT)), 2),
				fixed(run.cpuMs / run.requests, 2),
				String(run.requests),
				String(run.blocked),
				String(run.maxInFlight),
				String(run.outputs),
				String(run.lost),
			];
		});
		for (const run of allTrials) {
			report.check(
				run.lost === 0 && run.outputs === JOBS,
				`fan-out at concurrency ${run.concurrency}: ${run.lost} of ${JOBS} items lost, ${run.outputs} outputs${run.errors.length ? ` (${run.errors.join('; ')})` : ''}`,
			);
		}
		report.add({
			title: `3. Fan-out: ${JOBS} job ids through the real node and n8n's engine, simulator latency ${LATENCY_MS} ms, account limit ${ACCOUNT_LIMIT} in flight (account-aware concurrency on)`,
			headers: [
				'Items Processed at Once',
				'node wall time (fastest first)',
				`÷ ideal ${fixed((idealMs / 1000), 1)} s (⌈${JOBS}/${ACCOUNT_LIMIT}⌉ × ${LATENCY_MS} ms)`,
				'ideal at this concurrency',
				'÷ that',
				'added ms per round trip',
				'n8n-side CPU ms per request',
				'requests sent',
				'WS_REQUEST_BLOCKED',
				'max in flight',
				'items out',
				'lost',
			],
			rows,
			notes: [
				`The simulator runs in a process of its own (it is NetSuite's CPU, not the node's). Retries: First Retry Wait ${RETRY_OPTIONS.retryWait} s, Max Retries ${RETRY_OPTIONS.maxRetries}. The simulator decides the limit on arrival and answers WS_REQUEST_BLOCKED (after the same latency) above ${ACCOUNT_LIMIT}. "ideal at this concurrency" = ⌈${JOBS}/min(c, ${ACCOUNT_LIMIT})⌉ × ${LATENCY_MS} ms; "added ms per round trip" = (wall − that) / ⌈${JOBS}/min(c, ${ACCOUNT_LIMIT})⌉: engine, node, HTTP and simulator time on top of the latency. "n8n-side CPU ms per request" = CPU time of the n8n process (engine, node, credential, n8n's HTTP client) ÷ requests sent.`,
				`Ratios and the columns after them are for the fastest trial. Every item of every trial must come out with its own job's status, and every job must be checked exactly once (checked): lost = ${allTrials.map((run) => run.lost).join(' / ')}.`,
			],
		});
		return { runs };
	} finally {
		await simulator.setLatency(0);
		await simulator.setConcurrencyLimit(undefined);
	}
}

// ---------------------------------------------------------------------------------------------
// 3b. account-aware concurrency: the same node with the learnt window off (as before) and on

/**
 * A round trip nearer NetSuite's own (hundreds of ms for a status check): at 20 ms the engine's
 * per-request work on a shared 2-core machine alone puts concurrency 5 at ~1.5× the ideal with no
 * refusal at all (table 3), which would hide what the window does.
 */
const AIMD_LATENCY_MS = 100;
const AIMD_JOBS = 300;
const AIMD_CONCURRENCIES = [5, 10, 20];
const GOAL_WALL_RATIO = 1.3;
const GOAL_BLOCKED_SHARE = 0.05;

export interface AccountConcurrencyRun extends FanOutRun {
	learning: boolean;
	wallRatio: number;
	blockedShare: number;
	goalMet: boolean;
}

export async function runAccountConcurrencyBench(report: Report, simulator: RemoteSimulator): Promise<AccountConcurrencyRun[]> {
	await simulator.setLatency(AIMD_LATENCY_MS);
	await simulator.setConcurrencyLimit(ACCOUNT_LIMIT);
	const idealMs = Math.ceil(AIMD_JOBS / ACCOUNT_LIMIT) * AIMD_LATENCY_MS;
	const runs: AccountConcurrencyRun[] = [];
	try {
		for (const concurrency of AIMD_CONCURRENCIES) {
			for (const learning of [false, true]) {
				// Each run starts from what a freshly started n8n knows about the account: nothing.
				resetAccountConcurrencyForTests({ adaptive: learning });
				const run = await fanOut(simulator, concurrency, AIMD_JOBS, `AIMD_${learning ? 'ON' : 'OFF'}_C${concurrency}`);
				const wallRatio = run.nodeMs / idealMs;
				const blockedShare = run.blocked / run.requests;
				const goalMet = wallRatio <= GOAL_WALL_RATIO && blockedShare <= GOAL_BLOCKED_SHARE && run.lost === 0;
				runs.push({ ...run, learning, wallRatio, blockedShare, goalMet });
				if (learning) {
					report.check(
						run.lost === 0 && run.outputs === AIMD_JOBS,
						`account-aware concurrency at ${concurrency}: ${run.lost} of ${AIMD_JOBS} items lost${run.errors.length ? ` (${run.errors.join('; ')})` : ''}`,
					);
				}
			}
		}
	} finally {
		resetAccountConcurrencyForTests();
		await simulator.setLatency(0);
		await simulator.setConcurrencyLimit(undefined);
	}
	const best = runs.find((run) => run.learning && run.concurrency === ACCOUNT_LIMIT);
	report.add({
		title: `3b. Account-aware concurrency: ${AIMD_JOBS} job ids, simulator latency ${AIMD_LATENCY_MS} ms, account limit ${ACCOUNT_LIMIT}; learnt window off (before) and on`,
		headers: [
			'Items Processed at Once',
			'learnt window',
			'node wall time',
			`÷ ideal ${fixed(idealMs / 1000, 1)} s`,
			'÷ the same node at 5 at once, window on (this machine\'s best)',
			'requests sent',
			'WS_REQUEST_BLOCKED',
			'blocked ÷ requests',
			'max in flight',
			'lost',
			`goal (≤ ${GOAL_WALL_RATIO}×, ≤ ${GOAL_BLOCKED_SHARE * 100} %, 0 lost)`,
		],
		rows: runs.map((run) => [
			String(run.concurrency),
			run.learning ? 'on' : 'off (before)',
			`${fixed(run.nodeMs / 1000, 2)} s`,
			ratio(run.wallRatio, 2),
			best ? ratio(run.nodeMs / best.nodeMs, 2) : '',
			String(run.requests),
			String(run.blocked),
			`${fixed(run.blockedShare * 100, 1)} %`,
			String(run.maxInFlight),
			String(run.lost),
			run.learning ? (run.goalMet ? 'met' : 'NOT MET') : '',
		]),
		notes: [
			`ideal = ⌈${AIMD_JOBS}/${ACCOUNT_LIMIT}⌉ × ${AIMD_LATENCY_MS} ms. Retries: First Retry Wait ${RETRY_OPTIONS.retryWait} s, Max Retries ${RETRY_OPTIONS.maxRetries} (an item that exhausts them is counted lost). One run per row, each from a fresh window (a new n8n process); within one process the window carries over between executions.`,
			`On a busy machine the engine's own per-request work stretches every run, refusals or not: compare with the node at ${ACCOUNT_LIMIT} at once (no refusal possible), the best the account allows on the same machine.`,
		],
	});
	return runs;
}
