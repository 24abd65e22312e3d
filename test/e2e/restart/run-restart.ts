/**
 * `npm run test:restart`: does a long NetSuite job survive an n8n crash?
 *
 * A real `n8n start` (SQLite in a throwaway user folder, this package installed from its tarball)
 * runs two published webhook workflows against the SuiteTalk simulator, each with three jobs of
 * 100–180 s:
 *   - wait-loop.json: Check Async Status with Split Done and Still Running (Poll Interval and Max Poll
 *     Interval 66 s) → Still Running → Wait for the earliest nextCheckInSeconds (≥ 65 s: n8n persists it) → Check …;
 *     Done → Get Async Result.
 *   - poll-until-done.json: Check Async Status with Poll Until Done (the node sleeps in-process).
 * While the loop's execution is waiting, n8n is SIGKILLed and started again on the same database.
 * Asserted: the loop's execution resumes from the database and ends `success` with every job
 * finished and every record read exactly once; the Poll Until Done execution is lost (not success,
 * no status check after the kill, its results never read). A timeline is printed at the end.
 *
 * Env: RESTART_TIMEOUT_MS (default 540000), N8N_E2E_VERBOSE=1, N8N_E2E_KEEP=1.
 * Output: test-results/restart-n8n-{1,2}.log. Last line "N passed, N failed"; exit 1 on a failure.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nSandbox, onCleanup } from '../../../scripts/e2e/n8n';
import { callWebhook, listExecutions, nodeItems, type PublicExecution } from '../../../scripts/e2e/n8n-api';
import { startSimulator, type Simulator } from '../../simulator/server';
import {
	Checklist,
	importWorkflows,
	installLiveExitHandlers,
	installThisPackage,
	loadWorkflow,
	logger,
	RESULTS,
	runLiveTest,
	sleepMs,
	startMain,
	waitFor,
	type MainServer,
} from '../live-server';

const log = logger('restart');
const LOOP = loadWorkflow(join(__dirname, 'workflows', 'wait-loop.json'));
const POLL = loadWorkflow(join(__dirname, 'workflows', 'poll-until-done.json'));
const LOOP_PATH = 'restart-wait-loop';
const POLL_PATH = 'restart-poll-until-done';
/** Seconds each job takes: one finishes at the loop's second check, two at its third or fourth. */
const JOB_SECONDS = [100, 150, 180];
const RECORDS_PER_JOB = 2;
/** How far into the first persisted wait n8n is killed. */
const KILL_AFTER_WAITING_MS = 8_000;

interface TimelineEvent {
	at: number;
	text: string;
}

const timeline: TimelineEvent[] = [];
function mark(text: string, at = Date.now()): void {
	timeline.push({ at, text });
	log(text);
}

function jobIds(prefix: string): string[] {
	return JOB_SECONDS.map((seconds, index) => `${prefix}_${String.fromCharCode(65 + index)}_${seconds}S`);
}

function expectedRecords(jobs: string[]): string[] {
	return jobs.flatMap((jobId) => Array.from({ length: RECORDS_PER_JOB }, (_, index) => `${jobId}-R${index + 1}`)).sort();
}

/** One job per entry of JOB_SECONDS, in that order. */
function addJobs(simulator: Simulator, jobs: string[]): void {
	jobs.forEach((jobId, index) => {
		simulator.addJob(jobId, {
			script: { durationMs: JOB_SECONDS[index] * 1000, pendingMs: 10_000, informativeProgress: true },
			results: {
				kind: 'write',
				operation: 'asyncAddList',
				records: Array.from({ length: RECORDS_PER_JOB }, (_, record) => ({
					isSuccess: true,
					internalId: String(5000 + index * 10 + record),
					externalId: `${jobId}-R${record + 1}`,
					type: 'customer',
				})),
			},
		});
	});
}

/** Logs every status check and result read the simulator answers, as it happens. */
function watchSimulator(simulator: Simulator, jobs: string[]): { stop(): void; checksAfter(at: number): Record<string, number> } {
	const seen: Record<string, number> = {};
	const checkTimes: Array<{ jobId: string; at: number }> = [];
	const reads: Record<string, number> = {};
	const timer = setInterval(() => {
		const now = Date.now();
		const fresh: string[] = [];
		for (const jobId of jobs) {
			const count = simulator.counters.statusChecksByJob[jobId] ?? 0;
			for (let n = (seen[jobId] ?? 0) + 1; n <= count; n++) {
				checkTimes.push({ jobId, at: now });
				fresh.push(`${jobId} #${n}`);
			}
			seen[jobId] = count;
			const readCount = simulator.counters.resultCallsByJob[jobId] ?? 0;
			if (readCount !== (reads[jobId] ?? 0)) fresh.push(`getAsyncResult ${jobId} (call ${readCount})`);
			reads[jobId] = readCount;
		}
		if (fresh.length > 0) mark(`simulator answered: ${fresh.join(', ')}`, now);
	}, 200);
	return {
		stop: () => clearInterval(timer),
		checksAfter: (at) => {
			const counts: Record<string, number> = Object.fromEntries(jobs.map((jobId) => [jobId, 0]));
			for (const check of checkTimes) if (check.at > at) counts[check.jobId] += 1;
			return counts;
		},
	};
}

async function execution(
	main: MainServer,
	workflowId: string,
	options: { includeData?: boolean; status?: string } = {},
): Promise<PublicExecution | undefined> {
	const list = await listExecutions(main.server.baseUrl, main.apiKey, workflowId, options);
	return list[list.length - 1];
}

async function main(): Promise<number> {
	installLiveExitHandlers();
	const checks = new Checklist();
	const work = mkdtempSync(join(tmpdir(), 'n8n-restart-'));
	onCleanup(work);
	const sandbox = N8nSandbox.create();
	await installThisPackage(sandbox, work, log);
	const simulator = await startSimulator();
	onCleanup(() => void simulator.close());
	await importWorkflows(sandbox, simulator, [LOOP, POLL], log);

	let n8n = await startMain(sandbox, { logFile: join(RESULTS, 'restart-n8n-1.log'), publish: [LOOP, POLL] });
	mark(`n8n started (pid ${n8n.server.pid}, ready after ${(n8n.server.startupMs / 1000).toFixed(1)} s), owner, API key, both workflows published`);

	const loopJobs = jobIds('LOOP');
	const pollJobs = jobIds('POLL');
	addJobs(simulator, loopJobs);
	addJobs(simulator, pollJobs);
	const submittedAt = Date.now();
	mark(`jobs submitted to the simulator: ${JOB_SECONDS.join(' s, ')} s each for the loop and for Poll Until Done`);
	const watcher = watchSimulator(simulator, [...loopJobs, ...pollJobs]);
	onCleanup(() => watcher.stop());
	await callWebhook(n8n.server.baseUrl, LOOP_PATH, { jobs: loopJobs.map((jobId) => ({ jobId })) });
	await callWebhook(n8n.server.baseUrl, POLL_PATH, { jobs: pollJobs.map((jobId) => ({ jobId })) });
	mark('both workflows triggered through their production webhooks');

	const waiting = await waitFor(
		'the loop execution to be waiting in the database',
		async () => {
			const found = await execution(n8n, LOOP.id);
			return found?.status === 'waiting' ? found : undefined;
		},
		90_000,
		500,
	);
	mark(`loop execution ${waiting.id} is waiting (status "waiting", waitTill ${waiting.waitTill})`);
	const pollBefore = await execution(n8n, POLL.id, { status: 'running' });
	mark(`Poll Until Done execution ${pollBefore?.id} is "${pollBefore?.status}" (sleeping inside the node)`);
	checks.equal(pollBefore?.status, 'running', 'Poll Until Done execution is running (sleeping in the node) before the crash');

	await sleepMs(KILL_AFTER_WAITING_MS);
	const killedAt = Date.now();
	await n8n.server.kill('SIGKILL');
	mark(`n8n SIGKILLed (whole process group, no graceful shutdown)`, killedAt);

	n8n = await startMain(sandbox, { logFile: join(RESULTS, 'restart-n8n-2.log'), apiKey: n8n.apiKey });
	const restartedAt = Date.now();
	mark(`n8n started again on the same database (ready after ${(n8n.server.startupMs / 1000).toFixed(1)} s)`);

	const finished = await waitFor(
		'the loop execution to finish',
		async () => {
			const found = await execution(n8n, LOOP.id, { includeData: true });
			return found && found.id === waiting.id && found.finished !== false && !['waiting', 'running', 'new'].includes(found.status)
				? found
				: undefined;
		},
		Math.max(...JOB_SECONDS) * 1000 + 180_000,
		2000,
	);
	mark(`loop execution ${finished.id} ended: status "${finished.status}" (stoppedAt ${finished.stoppedAt})`);
	// The lost execution would have checked again within its poll interval; give it time to prove it does not.
	await sleepMs(5_000);
	watcher.stop();

	// ---- The loop: resumed from the database, right status and results, nothing lost.
	const loopExecutions = await listExecutions(n8n.server.baseUrl, n8n.apiKey, LOOP.id);
	checks.equal(loopExecutions.length, 1, 'one loop execution (resumed, not restarted as a new one)');
	checks.equal(finished.status, 'success', 'loop execution status after the restart');
	const done = nodeItems(finished.data, 'Check status', 0);
	checks.equal(
		done.map((item) => `${String(item.json.jobId)}:${String(item.json.status)}:${String(item.json.isDone)}`).sort(),
		loopJobs.map((jobId) => `${jobId}:finished:true`).sort(),
		'every job left by "Done" exactly once, finished',
	);
	const stillRunning = nodeItems(finished.data, 'Check status', 1);
	checks.check(
		stillRunning.length > 0 && stillRunning.every((item) => Number(item.json.nextCheckInSeconds) >= 65),
		'every Still Running item asked for a wait n8n persists (nextCheckInSeconds ≥ 65)',
		stillRunning.map((item) => `${String(item.json.jobId)}:${String(item.json.nextCheckInSeconds)}`).join(' '),
	);
	const records = nodeItems(finished.data, 'Get results', 0);
	checks.equal(records.map((item) => String(item.json.externalId)).sort(), expectedRecords(loopJobs), 'every record read back exactly once');
	checks.check(
		records.every((item) => item.json.isSuccess === true && String(item.json.externalId).startsWith(String(item.json.jobId))),
		'each record is a success and belongs to its job',
	);
	const waits = finished.data?.resultData.runData.Wait?.length ?? 0;
	checks.check(waits >= 2, 'the loop went through its Wait node at least twice', `${waits} Wait runs`);
	const loopAfterKill = watcher.checksAfter(killedAt);
	checks.check(
		loopJobs.every((jobId) => loopAfterKill[jobId] >= 1),
		'the loop checked every job again after the restart',
		JSON.stringify(Object.fromEntries(loopJobs.map((jobId) => [jobId, loopAfterKill[jobId]]))),
	);
	checks.equal(
		loopJobs.map((jobId) => simulator.counters.resultCallsByJob[jobId] ?? 0),
		loopJobs.map(() => 1),
		'getAsyncResult called once per loop job (of the 20 allowed)',
	);
	const resumedAt = timeline.find((event) => event.at > restartedAt && loopJobs.some((jobId) => event.text.includes(`${jobId} #`)));
	if (resumedAt && waiting.waitTill) {
		const lateMs = resumedAt.at - Date.parse(waiting.waitTill);
		mark(`(resume: first loop check after the restart came ${(lateMs / 1000).toFixed(1)} s after the persisted waitTill)`, resumedAt.at);
		checks.check(lateMs > -2000, 'the resumed check did not come before the persisted wait was over', `${lateMs} ms after waitTill`);
	} else {
		checks.check(false, 'a loop check after the restart was seen');
	}

	// ---- Poll Until Done: the same crash loses the execution.
	const pollAfter = await execution(n8n, POLL.id, { includeData: true });
	mark(`Poll Until Done execution ${pollAfter?.id} after the restart: status "${pollAfter?.status}"`);
	checks.check(pollAfter !== undefined && pollAfter.status !== 'success', 'Poll Until Done execution did not succeed', `status ${pollAfter?.status}`);
	checks.check(
		(pollAfter?.data?.resultData.runData['Get results']?.length ?? 0) === 0,
		'Poll Until Done execution never reached Get results',
	);
	const pollAfterKill = watcher.checksAfter(killedAt);
	checks.equal(
		pollJobs.map((jobId) => pollAfterKill[jobId]),
		pollJobs.map(() => 0),
		'no status check of the Poll Until Done jobs after the crash',
	);
	checks.equal(
		pollJobs.map((jobId) => simulator.counters.resultCallsByJob[jobId] ?? 0),
		pollJobs.map(() => 0),
		'the Poll Until Done jobs’ results were never read',
	);

	await n8n.server.stop();
	printTimeline(submittedAt);
	return checks.report(log);
}

function printTimeline(origin: number): void {
	process.stdout.write('\nTimeline (seconds from submitting the jobs):\n');
	for (const event of [...timeline].sort((a, b) => a.at - b.at)) {
		process.stdout.write(`  ${(Math.round((event.at - origin) / 100) / 10).toFixed(1).padStart(7)}  ${event.text}\n`);
	}
	process.stdout.write('\n');
}

const hardTimeout = setTimeout(() => {
	log(`FAIL hard timeout (${process.env.RESTART_TIMEOUT_MS ?? 540000} ms): stopping everything`);
	process.exit(1); // the exit handlers stop n8n and remove the folders
}, Number(process.env.RESTART_TIMEOUT_MS ?? 540_000));
hardTimeout.unref();

runLiveTest(main, log);
