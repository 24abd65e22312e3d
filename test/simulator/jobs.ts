import type { FinalStatus, JobOptions, JobScript, ResultScript, StatusStep } from './types';

export const DEFAULT_API_VERSION = '2025_2';
/** NetSuite allows 20 getAsyncResult calls per job (each page counts); the 21st is INVALID_JOB_ID. */
export const RESULT_CALL_BUDGET = 20;
/** What an async submit gets when nobody scripted it: a few seconds with honest progress. */
export const DEFAULT_SUBMIT_SCRIPT: JobScript = { durationMs: 3000, informativeProgress: true };

const TERMINAL = new Set(['finished', 'finishedWithErrors', 'failed']);

export interface StatusView {
	status: string;
	percentCompleted: number;
	estRemainingDuration: number;
}

export class Job {
	statusChecks = 0;
	resultCalls = 0;
	readonly results: ResultScript;
	readonly apiVersion: string;

	constructor(
		readonly id: string,
		readonly script: JobScript,
		results: ResultScript | undefined,
		apiVersion: string | undefined,
		/** Wall clock, not the simulated NetSuite clock: a clock offset must not age a job. */
		readonly createdAtMs: number,
	) {
		this.results = results ?? { kind: 'write', operation: 'asyncAddList', records: [] };
		this.apiVersion = apiVersion ?? DEFAULT_API_VERSION;
	}

	/** A checkAsyncStatus call: advances a steps script by one. */
	check(nowMs: number): StatusView {
		this.statusChecks += 1;
		return this.current(nowMs);
	}

	/** The status as of the last check (steps) or now (time-based), without advancing anything. */
	current(nowMs: number): StatusView {
		const script = this.script;
		if ('steps' in script) {
			const index = Math.min(Math.max(this.statusChecks - 1, 0), script.steps.length - 1);
			return stepView(script.steps[index] ?? { status: 'pending' });
		}
		return this.timedView(script, nowMs);
	}

	isTerminal(nowMs: number): boolean {
		return TERMINAL.has(this.current(nowMs).status);
	}

	private timedView(
		script: Extract<JobScript, { durationMs: number }>,
		nowMs: number,
	): StatusView {
		const elapsed = nowMs - this.createdAtMs;
		const duration = Math.max(0, script.durationMs);
		const pending = Math.min(duration, Math.max(0, script.pendingMs ?? Math.round(duration * 0.2)));
		if (elapsed >= duration) {
			return { status: script.finalStatus ?? this.defaultFinalStatus(), percentCompleted: 100, estRemainingDuration: 0 };
		}
		// NetSuite often reports 0.0 remaining while pending, so the simulator does too.
		if (elapsed < pending) return { status: 'pending', percentCompleted: 0, estRemainingDuration: 0 };
		if (script.informativeProgress === false) {
			return { status: 'processing', percentCompleted: 0, estRemainingDuration: 0 };
		}
		const fraction = (elapsed - pending) / Math.max(1, duration - pending);
		return {
			status: 'processing',
			percentCompleted: Math.floor(fraction * 1000) / 10,
			estRemainingDuration: Math.ceil((duration - elapsed) / 100) / 10,
		};
	}

	private defaultFinalStatus(): FinalStatus {
		const results = this.results;
		const anyFailed = results.kind !== 'search' && results.records.some((record) => !record.isSuccess);
		return anyFailed ? 'finishedWithErrors' : 'finished';
	}
}

function stepView(step: StatusStep): StatusView {
	return {
		status: step.status,
		percentCompleted: step.percentCompleted ?? (TERMINAL.has(step.status) ? 100 : 0),
		estRemainingDuration: step.estRemainingDuration ?? 0,
	};
}

export class JobStore {
	private readonly jobs = new Map<string, Job>();

	add(jobId: string, options: JobOptions, nowMs: number): Job {
		const job = new Job(jobId, options.script, options.results, options.apiVersion, nowMs);
		this.jobs.set(jobId, job);
		return job;
	}

	get(jobId: string | undefined): Job | undefined {
		return jobId === undefined ? undefined : this.jobs.get(jobId);
	}
}
