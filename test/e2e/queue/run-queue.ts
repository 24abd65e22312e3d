/**
 * `npm run test:queue`: the node in n8n's queue (scaling) mode.
 *
 * Started by this script and stopped by it, also on failure: a private redis-server and PostgreSQL
 * cluster (services.ts), the SuiteTalk simulator with an account concurrency limit and a round-trip
 * latency, one `n8n start` (EXECUTIONS_MODE=queue: it takes the webhooks and queues the executions)
 * and two `n8n worker`s. 200 jobs are sent as 10 webhook calls of 20 (workflows/poll-jobs.json:
 * Poll Until Done over the items, Items Processed at Once from the call).
 * Asserted: every execution succeeded on a worker, both workers ran some, every job comes out
 * exactly once, finished, paired with the input item that named it. Then the restart test's Wait
 * loop runs two 40 s jobs; the worker that ran it is SIGKILLed during its persisted 66 s wait and
 * the other worker must finish it (success, each record read once). Reported per worker: executions,
 * items, status requests answered and WS_REQUEST_BLOCKED answers (the simulator counts blocks per
 * job; each job belongs to one execution, and each worker's log names the executions it ran).
 *
 * Env: QUEUE_ACCOUNT_LIMIT (5), QUEUE_ITEMS_AT_ONCE (5), QUEUE_WORKER_CONCURRENCY (5),
 * QUEUE_LATENCY_MS (100), QUEUE_TIMEOUT_MS (420000), N8N_E2E_VERBOSE=1, N8N_E2E_KEEP=1.
 * Logs: test-results/queue-{main,worker-1,worker-2,redis,postgres}.log. Last line "N passed, N failed".
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nSandbox, onCleanup } from '../../../scripts/e2e/n8n';
import { callWebhook, listExecutions, nodeItems, type PublicExecution } from '../../../scripts/e2e/n8n-api';
import { startSimulator, type Simulator } from '../../simulator/server';
import { startN8n, type N8nServer } from '../../ui/n8n-server';
import {
	Checklist,
	importWorkflows,
	installLiveExitHandlers,
	installThisPackage,
	loadWorkflow,
	logger,
	RESULTS,
	runLiveTest,
	startMain,
	waitFor,
	type MainServer,
} from '../live-server';
import { startPostgres, startRedis, stopServices, type Service } from './services';

const log = logger('queue');
const WORKFLOW = loadWorkflow(join(__dirname, 'workflows', 'poll-jobs.json'));
/** The restart test's Wait loop (Check → Still Running → Wait ≥ 66 s → Check; Done → Get results). */
const LOOP = loadWorkflow(join(__dirname, '..', 'restart', 'workflows', 'wait-loop.json'));
const LOOP_PATH = 'restart-wait-loop';
const LOOP_JOBS = ['QUEUE_LOOP_A', 'QUEUE_LOOP_B'];
const WEBHOOK_PATH = 'queue-poll-jobs';
const EXECUTIONS = 10;
const JOBS_PER_EXECUTION = 20;
const WORKERS = 2;
const ACCOUNT_LIMIT = Number(process.env.QUEUE_ACCOUNT_LIMIT ?? 5);
const ITEMS_AT_ONCE = Number(process.env.QUEUE_ITEMS_AT_ONCE ?? 5);
const WORKER_CONCURRENCY = Number(process.env.QUEUE_WORKER_CONCURRENCY ?? 5);
const LATENCY_MS = Number(process.env.QUEUE_LATENCY_MS ?? 100);
/** Job n takes 4–11 s, so the executions' polls overlap for a while. */
const jobSeconds = (n: number): number => 4 + (n % 8);
const jobId = (execution: number, index: number): string => `QUEUE_E${String(execution).padStart(2, '0')}_J${String(index).padStart(2, '0')}`;

const TERMINAL_RUN_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

function workerExecutions(worker: N8nServer): Set<string> {
	return new Set([...worker.output().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}

async function main(): Promise<number> {
	installLiveExitHandlers(stopServices);
	const checks = new Checklist();
	mkdirSync(RESULTS, { recursive: true });
	const work = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	onCleanup(work);
	const services: Service[] = [];

	const sandbox = N8nSandbox.create();
	await installThisPackage(sandbox, work, log);
	const [redis, postgres] = await Promise.all([startRedis(RESULTS), startPostgres(RESULTS)]);
	services.push(redis, postgres);
	log(`redis-server on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${postgres.port}`);
	Object.assign(sandbox.extraEnv, postgres.env, {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	});

	const simulator = await startSimulator({ concurrencyLimit: ACCOUNT_LIMIT, latencyMs: LATENCY_MS });
	onCleanup(() => void simulator.close());
	await importWorkflows(sandbox, simulator, [WORKFLOW, LOOP], log);

	const n8n = await startMain(sandbox, { logFile: join(RESULTS, 'queue-main.log'), publish: [WORKFLOW, LOOP] });
	log(`main (queue mode) ready after ${(n8n.server.startupMs / 1000).toFixed(1)} s`);
	const workers = await Promise.all(
		Array.from({ length: WORKERS }, (_, index) =>
			startN8n({
				sandbox,
				role: 'worker',
				flags: [`--concurrency=${WORKER_CONCURRENCY}`],
				logFile: join(RESULTS, `queue-worker-${index + 1}.log`),
				startTimeoutMs: 180_000,
			}),
		),
	);
	log(`${WORKERS} workers ready (concurrency ${WORKER_CONCURRENCY} each): ${workers.map((worker) => `pid ${worker.pid}`).join(', ')}`);

	const batches = Array.from({ length: EXECUTIONS }, (_, execution) =>
		Array.from({ length: JOBS_PER_EXECUTION }, (__, index) => jobId(execution + 1, index + 1)),
	);
	batches.flat().forEach((id, n) => {
		simulator.addJob(id, {
			script: { durationMs: jobSeconds(n) * 1000, pendingMs: 1000, informativeProgress: true },
			results: { kind: 'write', operation: 'asyncAddList', records: [{ isSuccess: true, internalId: String(n + 1) }] },
		});
	});
	const triggeredAt = Date.now();
	await Promise.all(
		batches.map((jobs) => callWebhook(n8n.server.baseUrl, WEBHOOK_PATH, { itemsAtOnce: ITEMS_AT_ONCE, jobs: jobs.map((id) => ({ jobId: id })) })),
	);
	log(
		`${EXECUTIONS} webhook calls × ${JOBS_PER_EXECUTION} jobs sent (account limit ${ACCOUNT_LIMIT}, Items Processed at Once ${ITEMS_AT_ONCE}, latency ${LATENCY_MS} ms)`,
	);

	let lastProgress = '';
	const executions = await waitFor(
		`${EXECUTIONS} executions to end`,
		async () => {
			const list = await listExecutions(n8n.server.baseUrl, n8n.apiKey, WORKFLOW.id);
			const ended = list.filter((execution) => TERMINAL_RUN_STATUSES.has(execution.status));
			const progress = `${ended.length}/${EXECUTIONS} executions ended, ${simulator.counters.blockedByConcurrency} blocked answers so far, ${simulator.counters.totalRequests} requests`;
			if (progress !== lastProgress) log(progress);
			lastProgress = progress;
			return ended.length >= EXECUTIONS ? await listExecutions(n8n.server.baseUrl, n8n.apiKey, WORKFLOW.id, { includeData: true }) : undefined;
		},
		Number(process.env.QUEUE_TIMEOUT_MS ?? 420_000) - (Date.now() - triggeredAt),
		2000,
	);
	const wallSeconds = (Math.max(...executions.map((execution) => Date.parse(execution.stoppedAt ?? ''))) - triggeredAt) / 1000;

	// ---- Every item done, paired, once.
	checks.equal(executions.length, EXECUTIONS, 'executions created by the webhook calls');
	checks.equal(
		executions.map((execution) => execution.status),
		executions.map(() => 'success'),
		'every execution ended "success"',
	);
	const seen = new Map<string, number>();
	const unpaired: string[] = [];
	const notDone: string[] = [];
	for (const execution of executions) {
		const inputs = nodeItems(execution.data, 'One item per job');
		const outputs = nodeItems(execution.data, 'Poll until done');
		if (outputs.length !== inputs.length) unpaired.push(`execution ${execution.id}: ${inputs.length} in, ${outputs.length} out`);
		outputs.forEach((item, index) => {
			const id = String(item.json.jobId);
			seen.set(id, (seen.get(id) ?? 0) + 1);
			const paired = (item.pairedItem as { item?: number } | undefined)?.item;
			if (paired === undefined || inputs[paired]?.json.jobId !== id) {
				unpaired.push(`execution ${execution.id} output ${index} (${id}) paired with input ${paired}`);
			}
			if (item.json.status !== 'finished' || item.json.isDone !== true) notDone.push(`${id}: ${String(item.json.status)}`);
		});
	}
	const everyJob = batches.flat();
	checks.equal(seen.size, everyJob.length, 'distinct jobs that came out');
	checks.check(
		everyJob.every((id) => seen.get(id) === 1),
		'every job came out exactly once',
		everyJob.filter((id) => seen.get(id) !== 1).slice(0, 10).join(', '),
	);
	checks.check(unpaired.length === 0, 'every output item is paired with the input item that named its job', unpaired.slice(0, 5).join('; '));
	checks.check(notDone.length === 0, 'every job ended finished (isDone)', notDone.slice(0, 5).join('; '));

	// ---- Per worker.
	const batchIds = new Set(executions.map((execution) => execution.id));
	const byWorker = workers.map((worker) => new Set([...workerExecutions(worker)].filter((id) => batchIds.has(id))));
	const assigned = byWorker.reduce((count, ids) => count + ids.size, 0);
	checks.equal(assigned, EXECUTIONS, 'executions the workers’ logs say they started (none twice, none on main)');
	checks.check(
		byWorker.every((ids) => ids.size > 0),
		'both workers ran executions',
		byWorker.map((ids, index) => `worker ${index + 1}: ${ids.size}`).join(', '),
	);
	const jobsOf = (execution: PublicExecution): string[] => nodeItems(execution.data, 'One item per job').map((item) => String(item.json.jobId));
	const rows = byWorker.map((ids, index) => {
		const jobs = executions.filter((execution) => ids.has(execution.id)).flatMap(jobsOf);
		const answered = jobs.reduce((sum, id) => sum + (simulator.counters.statusChecksByJob[id] ?? 0), 0);
		const blocked = jobs.reduce((sum, id) => sum + (simulator.counters.blockedByJob[id] ?? 0), 0);
		return { worker: `worker ${index + 1}`, executions: ids.size, items: jobs.length, answered, blocked };
	});
	const totalBlocked = simulator.counters.blockedByConcurrency;
	checks.equal(
		rows.reduce((sum, row) => sum + row.blocked, 0),
		totalBlocked,
		'every WS_REQUEST_BLOCKED answer is attributed to a worker',
	);

	process.stdout.write(
		`\nQueue mode: ${EXECUTIONS} executions × ${JOBS_PER_EXECUTION} jobs, ${WORKERS} workers (concurrency ${WORKER_CONCURRENCY}), ` +
			`account limit ${ACCOUNT_LIMIT}, Items Processed at Once ${ITEMS_AT_ONCE}, latency ${LATENCY_MS} ms\n` +
			`| Worker | Executions | Items | Status answers | WS_REQUEST_BLOCKED | Blocked share |\n|---|---|---|---|---|---|\n` +
			rows
				.map(
					(row) =>
						`| ${row.worker} | ${row.executions} | ${row.items} | ${row.answered} | ${row.blocked} | ${((100 * row.blocked) / Math.max(1, row.answered + row.blocked)).toFixed(1)} % |`,
				)
				.join('\n') +
			`\nWall time from the webhook calls to the last execution's end: ${wallSeconds.toFixed(1)} s ` +
			`(longest job ${jobSeconds(7)} s); most requests in flight at the simulator: ${simulator.counters.maxInFlight}\n\n`,
	);

	await waitLoopSurvivesWorkerKill(n8n, workers, simulator, checks);

	for (const worker of workers) await worker.stop();
	await n8n.server.stop();
	for (const service of services) await service.stop();
	return checks.report(log);
}

/**
 * The Wait loop in queue mode: the worker that ran the execution up to its persisted wait is
 * SIGKILLed during the wait; the main process resumes the execution from the database and a
 * surviving worker finishes it.
 */
async function waitLoopSurvivesWorkerKill(n8n: MainServer, workers: N8nServer[], simulator: Simulator, checks: Checklist): Promise<void> {
	LOOP_JOBS.forEach((id, index) =>
		simulator.addJob(id, {
			script: { durationMs: 40_000, pendingMs: 10_000, informativeProgress: true },
			results: { kind: 'write', operation: 'asyncAddList', records: [{ isSuccess: true, internalId: String(9000 + index), externalId: `${id}-R1` }] },
		}),
	);
	await callWebhook(n8n.server.baseUrl, LOOP_PATH, { jobs: LOOP_JOBS.map((id) => ({ jobId: id })) });
	const waiting = await waitFor(
		'the Wait loop execution to be waiting',
		async () => (await listExecutions(n8n.server.baseUrl, n8n.apiKey, LOOP.id)).find((execution) => execution.status === 'waiting'),
		60_000,
		500,
	);
	const ranOn = workers.findIndex((worker) => workerExecutions(worker).has(waiting.id));
	log(`Wait loop execution ${waiting.id} is waiting until ${waiting.waitTill}; it ran on worker ${ranOn + 1}, which gets SIGKILL now`);
	checks.check(ranOn >= 0, 'a worker ran the Wait loop execution up to its wait');
	if (ranOn < 0) return;
	await workers[ranOn].kill('SIGKILL');
	const survivor = workers[1 - ranOn];
	const finished = await waitFor(
		'the Wait loop execution to finish',
		async () => {
			const found = (await listExecutions(n8n.server.baseUrl, n8n.apiKey, LOOP.id, { includeData: true })).find((execution) => execution.id === waiting.id);
			return found && TERMINAL_RUN_STATUSES.has(found.status) ? found : undefined;
		},
		180_000,
		2000,
	);
	log(`Wait loop execution ${finished.id} ended "${finished.status}"`);
	checks.equal(finished.status, 'success', 'Wait loop execution status after its worker was killed during the wait');
	checks.check(workerExecutions(survivor).has(waiting.id), 'the surviving worker resumed the Wait loop execution');
	checks.equal(
		nodeItems(finished.data, 'Get results').map((item) => String(item.json.externalId)).sort(),
		LOOP_JOBS.map((id) => `${id}-R1`),
		'the Wait loop read every job’s record exactly once',
	);
}

const hardTimeout = setTimeout(
	() => {
		log('FAIL hard timeout: stopping everything');
		process.exit(1); // the exit handlers stop n8n, the services, and remove the folders
	},
	Number(process.env.QUEUE_TIMEOUT_MS ?? 420_000) + 180_000,
);
hardTimeout.unref();

runLiveTest(main, log);
