/**
 * Part 1: the poll schedule on a simulated clock. Every policy is driven through the same loop as
 * `pollUntilDone` in actions/checkAsyncStatus.operation.ts (first check at t = 0, then the wait
 * `nextPoll` decides, until done or the deadline), against the simulator's own time-based job
 * lifecycle (test/simulator/jobs.ts), so no real time passes.
 */
import {
	DEFAULT_MAX_POLL_INTERVAL_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
} from '../../nodes/NetSuiteAsync/actions/checkAsyncStatus.operation';
import {
	ESTIMATE_HORIZON_FACTOR,
	GROWTH_FACTOR,
	nextPoll,
	type PollDecision,
	type PollObservation,
	type PollSettings,
} from '../../nodes/NetSuiteAsync/polling';
import { Job } from '../../test/simulator/jobs';
import { fixed, mean, ratio, type Report } from './table';

/** Same deadline for every policy: long enough that the 1 h jobs never time out (the node's default is 1800 s). */
const DEADLINE_MS = 2 * 60 * 60 * 1000;
/** Jobs strictly longer than this are where the "3× fewer requests" goal applies. */
const GOAL_MIN_DURATION_MS = 2 * 60 * 1000;
const GOAL_REQUEST_RATIO = 3;

export type Progress = 'none' | 'percent' | 'estimate';

const PROGRESS_LABEL: Record<Progress, string> = {
	none: '0.0 / 0 % throughout',
	percent: '% moves, est 0.0',
	estimate: 'est + % informative',
};

const JOB_CLASSES: Array<{ label: string; durationMs: number }> = [
	{ label: '10 s', durationMs: 10_000 },
	{ label: '45 s', durationMs: 45_000 },
	{ label: '2 min', durationMs: 120_000 },
	{ label: '5 min', durationMs: 300_000 },
	{ label: '15 min', durationMs: 900_000 },
	{ label: '1 h', durationMs: 3_600_000 },
];
const PROGRESS_KINDS: Progress[] = ['none', 'percent', 'estimate'];
/** Each class runs at durations spread evenly over ±20 % of its nominal length (so the finish lands at every phase of a schedule)… */
const DURATION_STEPS = 201;
const DURATION_SPREAD = 0.2;
/** …and with polling starting this long after the job was submitted. */
const START_OFFSETS_MS = [0, 1_700, 4_100];

// ---------------------------------------------------------------------------------------------
// policies

export type Decide = (startedAtMs: number, history: readonly PollObservation[], nowMs: number) => PollDecision;

export interface Policy {
	name: string;
	decide: Decide;
}

export const DEFAULT_SETTINGS: PollSettings = {
	intervalMs: DEFAULT_POLL_INTERVAL_SECONDS * 1000,
	maxIntervalMs: DEFAULT_MAX_POLL_INTERVAL_SECONDS * 1000,
	adaptive: true,
	timeoutMs: DEADLINE_MS,
};

function packagePolicy(name: string, settings: PollSettings): Policy {
	return { name, decide: (startedAtMs, history, nowMs) => nextPoll(settings, startedAtMs, history, nowMs) };
}

/** The hand-built "Wait → HTTP Request → IF → loop" schedule: the package's own adaptive-off mode. */
function fixedPolicy(name: string, intervalMs: number): Policy {
	return packagePolicy(name, { intervalMs, maxIntervalMs: intervalMs, adaptive: false, timeoutMs: DEADLINE_MS });
}

// ---------------------------------------------------------------------------------------------
// the simulated job and the poll loop

interface Scenario {
	durationMs: number;
	offsetMs: number;
	progress: Progress;
}

function scenarios(nominalMs: number, progress: Progress): Scenario[] {
	const list: Scenario[] = [];
	for (let step = 0; step < DURATION_STEPS; step++) {
		const factor = 1 - DURATION_SPREAD + (2 * DURATION_SPREAD * step) / (DURATION_STEPS - 1);
		for (const offsetMs of START_OFFSETS_MS) list.push({ durationMs: Math.round(nominalMs * factor), offsetMs, progress });
	}
	return list;
}

/** The simulator's job lifecycle: pending for 20 % of the duration, then processing, then finished. */
function simulatedJob(scenario: Scenario): (nowMs: number) => Omit<PollObservation, 'atMs'> {
	const job = new Job(
		'BENCH_JOB',
		{ durationMs: scenario.durationMs, informativeProgress: scenario.progress !== 'none' },
		undefined,
		undefined,
		-scenario.offsetMs,
	);
	return (nowMs) => {
		const view = job.check(nowMs);
		return scenario.progress === 'percent' ? { ...view, estRemainingDuration: 0 } : view;
	};
}

interface RunOutcome {
	requests: number;
	/** ms from the job finishing to the check that saw it finished; undefined on timeout. */
	noticeDelayMs?: number;
}

const MAX_CHECKS = 100_000;

/** Mirrors pollUntilDone: check, record, decide, wait. A check is instantaneous on this clock. */
export function simulatePolling(decide: Decide, scenario: Scenario): RunOutcome {
	const status = simulatedJob(scenario);
	const finishedAtMs = scenario.durationMs - scenario.offsetMs;
	const startedAtMs = 0;
	const history: PollObservation[] = [];
	let nowMs = startedAtMs;
	for (let checks = 1; checks <= MAX_CHECKS; checks++) {
		history.push({ atMs: nowMs, ...status(nowMs) });
		const decision = decide(startedAtMs, history, nowMs);
		if (decision.action === 'done') return { requests: checks, noticeDelayMs: Math.max(0, nowMs - finishedAtMs) };
		if (decision.action === 'timeout') return { requests: checks };
		nowMs += decision.delayMs;
	}
	throw new Error(`poll loop did not end after ${MAX_CHECKS} checks`);
}

interface ClassStats {
	requestsPerJob: number;
	meanDelayMs: number;
	worstDelayMs: number;
	timeouts: number;
	runs: number;
}

function runClass(policy: Policy, nominalMs: number, progress: Progress): ClassStats {
	const outcomes = scenarios(nominalMs, progress).map((scenario) => simulatePolling(policy.decide, scenario));
	const delays = outcomes.flatMap((outcome) => (outcome.noticeDelayMs === undefined ? [] : [outcome.noticeDelayMs]));
	return {
		requestsPerJob: mean(outcomes.map((outcome) => outcome.requests)),
		meanDelayMs: mean(delays),
		worstDelayMs: delays.length ? Math.max(...delays) : Number.NaN,
		timeouts: outcomes.length - delays.length,
		runs: outcomes.length,
	};
}

type Grid = Map<string, ClassStats>;
const key = (classLabel: string, progress: Progress) => `${classLabel}|${progress}`;

function runGrid(policy: Policy): Grid {
	const grid: Grid = new Map();
	for (const jobClass of JOB_CLASSES) {
		for (const progress of PROGRESS_KINDS) grid.set(key(jobClass.label, progress), runClass(policy, jobClass.durationMs, progress));
	}
	return grid;
}

interface GoalSummary {
	/** Smallest (fixed 5 s requests / policy requests) over the classes longer than 2 min. */
	minRequestRatio: number;
	/** Largest (policy mean delay / fixed 30 s mean delay) over the same classes. */
	maxDelayRatio: number;
	/** Same, pooled over the classes longer than 2 min per progress kind. */
	pooled: Record<Progress, { requestRatio: number; delayRatio: number }>;
	met: boolean;
}

function goalSummary(policy: Grid, fixed5: Grid, fixed30: Grid): GoalSummary {
	const longClasses = JOB_CLASSES.filter((jobClass) => jobClass.durationMs > GOAL_MIN_DURATION_MS);
	let minRequestRatio = Infinity;
	let maxDelayRatio = 0;
	const pooled = {} as GoalSummary['pooled'];
	for (const progress of PROGRESS_KINDS) {
		let ours = 0;
		let baseline = 0;
		let ourDelay = 0;
		let baselineDelay = 0;
		for (const jobClass of longClasses) {
			const k = key(jobClass.label, progress);
			const own = policy.get(k)!;
			const five = fixed5.get(k)!;
			const thirty = fixed30.get(k)!;
			minRequestRatio = Math.min(minRequestRatio, five.requestsPerJob / own.requestsPerJob);
			maxDelayRatio = Math.max(maxDelayRatio, own.meanDelayMs / thirty.meanDelayMs);
			ours += own.requestsPerJob;
			baseline += five.requestsPerJob;
			ourDelay += own.meanDelayMs;
			baselineDelay += thirty.meanDelayMs;
		}
		pooled[progress] = { requestRatio: baseline / ours, delayRatio: ourDelay / baselineDelay };
	}
	return { minRequestRatio, maxDelayRatio, pooled, met: minRequestRatio >= GOAL_REQUEST_RATIO && maxDelayRatio <= 1 };
}

// ---------------------------------------------------------------------------------------------

export interface PollingResult {
	goalMet: boolean;
	summary: GoalSummary;
}

function cell(stats: ClassStats): string {
	return fixed(stats.requestsPerJob, 1);
}

function delayCell(stats: ClassStats): string {
	return `${fixed(stats.meanDelayMs / 1000, 1)} / ${fixed(stats.worstDelayMs / 1000, 1)}`;
}

export function runPollingBench(report: Report): PollingResult {
	const policies: Policy[] = [
		packagePolicy('default', DEFAULT_SETTINGS),
		fixedPolicy('fixed 5 s', 5_000),
		fixedPolicy('fixed 30 s', 30_000),
		fixedPolicy('fixed 5 min', 300_000),
	];
	const [ours, fixed5, fixed30, fixed300] = policies.map(runGrid);
	const runsPerRow = ours.values().next().value!.runs;

	const requestRows: string[][] = [];
	const delayRows: string[][] = [];
	for (const jobClass of JOB_CLASSES) {
		for (const progress of PROGRESS_KINDS) {
			const k = key(jobClass.label, progress);
			const [own, five, thirty, fiveMin] = [ours, fixed5, fixed30, fixed300].map((grid) => grid.get(k)!);
			const label = `${jobClass.label}, ${PROGRESS_LABEL[progress]}`;
			requestRows.push([
				label,
				cell(own),
				cell(five),
				cell(thirty),
				cell(fiveMin),
				ratio(five.requestsPerJob / own.requestsPerJob),
				ratio(thirty.requestsPerJob / own.requestsPerJob, 2),
			]);
			delayRows.push([
				label,
				delayCell(own),
				delayCell(five),
				delayCell(thirty),
				delayCell(fiveMin),
				ratio(own.meanDelayMs / thirty.meanDelayMs, 2),
			]);
			for (const [name, stats] of [['default', own], ['fixed 5 s', five], ['fixed 30 s', thirty], ['fixed 5 min', fiveMin]] as const) {
				report.check(stats.timeouts === 0, `polling: ${name} timed out on ${stats.timeouts} ${label} jobs within the shared ${DEADLINE_MS / 60000} min deadline`);
			}
		}
	}

	const assumptions = [
		`Simulated clock; each row is ${runsPerRow} jobs: durations spread evenly over ±${DURATION_SPREAD * 100} % of the class length × polling starting ${START_OFFSETS_MS.map((ms) => `${ms / 1000}`).join(' / ')} s after submit.`,
		'Jobs are pending for the first 20 % of their duration (percent 0, est 0.0), then processing (the simulator\'s lifecycle). Checks are instantaneous here; a real round trip adds the same ~0.3 s to every policy.',
		`default = the node's defaults (Poll Interval ${DEFAULT_POLL_INTERVAL_SECONDS} s, Max Poll Interval ${DEFAULT_MAX_POLL_INTERVAL_SECONDS} s, Adaptive on; growth ×${GROWTH_FACTOR}, estimates trusted up to ${ESTIMATE_HORIZON_FACTOR} × max). The fixed baselines are the node with Adaptive off. Same ${DEADLINE_MS / 3600000} h deadline for all.`,
	];
	report.add({
		title: '1a. Polling policy: status requests per job (lower is better)',
		headers: ['Job class (duration, progress)', 'default', 'fixed 5 s', 'fixed 30 s', 'fixed 5 min (iPaaS)', 'fixed 5 s ÷ default', 'fixed 30 s ÷ default'],
		rows: requestRows,
		notes: assumptions,
	});
	report.add({
		title: '1b. Polling policy: delay from job finished to node noticed, mean / worst, seconds (lower is better)',
		headers: ['Job class (duration, progress)', 'default', 'fixed 5 s', 'fixed 30 s', 'fixed 5 min (iPaaS)', 'default ÷ fixed 30 s (mean)'],
		rows: delayRows,
	});

	const summary = goalSummary(ours, fixed5, fixed30);
	const goalRows = PROGRESS_KINDS.map((progress) => [
		`jobs > 2 min, ${PROGRESS_LABEL[progress]}`,
		ratio(summary.pooled[progress].requestRatio),
		ratio(summary.pooled[progress].delayRatio, 2),
	]);
	goalRows.push(['worst single class > 2 min', ratio(summary.minRequestRatio), ratio(summary.maxDelayRatio, 2)]);
	report.add({
		title: '1c. Polling goal: ≥ 3× fewer requests than fixed 5 s on jobs > 2 min, mean notice delay ≤ fixed 30 s',
		headers: ['Scope', 'fixed 5 s requests ÷ default (goal ≥ 3×)', 'default mean delay ÷ fixed 30 s (goal ≤ 1.00×)'],
		rows: goalRows,
		notes: [
			`Verdict: ${summary.met ? 'MET' : 'NOT MET'} (requests ${summary.minRequestRatio >= GOAL_REQUEST_RATIO ? 'met' : 'missed'}: worst class ${ratio(summary.minRequestRatio)}; delay ${summary.maxDelayRatio <= 1 ? 'met' : 'missed'}: worst class ${ratio(summary.maxDelayRatio, 2)} of fixed 30 s).`,
		],
	});

	runProposalSweep(report, fixed5, fixed30);
	return { goalMet: summary.met, summary };
}

// ---------------------------------------------------------------------------------------------
// what other defaults would give (only a proposal: polling.ts is not changed here)

function runProposalSweep(report: Report, fixed5: Grid, fixed30: Grid): void {
	const growthOf = (settings: PollSettings) => settings.growth ?? GROWTH_FACTOR;
	const horizonOf = (settings: PollSettings) => settings.horizonFactor ?? ESTIMATE_HORIZON_FACTOR;
	const schedule = (settings: PollSettings) =>
		`${settings.intervalMs / 1000} s → ×${growthOf(settings)} → ${settings.maxIntervalMs / 1000} s` +
		(horizonOf(settings) === ESTIMATE_HORIZON_FACTOR ? '' : `, estimate ≤ ${horizonOf(settings)}× max`);
	const shippedSettings = DEFAULT_SETTINGS;
	const base = { ...DEFAULT_SETTINGS, intervalMs: 5_000 };
	const alternatives: PollSettings[] = [
		{ ...base, maxIntervalMs: 30_000, growth: 1.5 },
		{ ...base, maxIntervalMs: 30_000, growth: 2 },
		{ ...base, maxIntervalMs: 25_000, growth: 1.5 },
		{ ...base, maxIntervalMs: 25_000, growth: 2 },
		{ ...base, maxIntervalMs: 20_000, growth: 1.5 },
		{ ...base, maxIntervalMs: 25_000, growth: 1.5, horizonFactor: 2 },
	];
	const same = (a: PollSettings, b: PollSettings) =>
		a.intervalMs === b.intervalMs &&
		a.maxIntervalMs === b.maxIntervalMs &&
		growthOf(a) === growthOf(b) &&
		horizonOf(a) === horizonOf(b);
	const candidates = [shippedSettings, ...alternatives.filter((candidate) => !same(candidate, shippedSettings))];
	const short = JOB_CLASSES.filter((jobClass) => jobClass.durationMs <= GOAL_MIN_DURATION_MS);
	const rows: string[][] = [];
	for (const settings of candidates) {
		const grid = runGrid(packagePolicy(schedule(settings), settings));
		const summary = goalSummary(grid, fixed5, fixed30);
		const shortStats = short.flatMap((jobClass) => PROGRESS_KINDS.map((progress) => grid.get(key(jobClass.label, progress))!));
		const all = [...grid.values()];
		const isShipped = settings === shippedSettings;
		rows.push([
			`${schedule(settings)}${isShipped ? ' (shipped)' : ''}`,
			ratio(summary.minRequestRatio),
			ratio(summary.maxDelayRatio, 2),
			fixed(mean(shortStats.map((stats) => stats.requestsPerJob)), 1),
			`${fixed(mean(shortStats.map((stats) => stats.meanDelayMs)) / 1000, 1)} s`,
			`${fixed(Math.max(...all.map((stats) => stats.worstDelayMs)) / 1000, 1)} s`,
			summary.met ? 'met' : 'not met',
		]);
	}
	report.add({
		title: '1d. Other defaults on the same jobs (nextPoll with other growth / horizon / max interval settings)',
		headers: [
			'Schedule',
			'> 2 min: fixed 5 s ÷ it (worst class)',
			'> 2 min: mean delay ÷ fixed 30 s (worst class)',
			'≤ 2 min: requests/job',
			'≤ 2 min: mean delay',
			'worst delay, any job',
			'goal',
		],
		rows,
	});
}
