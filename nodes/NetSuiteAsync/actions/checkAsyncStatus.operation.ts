import { sleep, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { keptReadings, nextPoll, type PollSettings } from '../polling';
import type { AsyncStatus } from '../suitetalk/asyncStatus';
import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { UNSUCCESSFUL_STATUSES } from '../suitetalk/statuses';
import { backoffDelayMs } from '../transport/backoff';
import type { CallSettings } from '../transport/callSuiteTalk';
import {
	describeFailure,
	ExecutionCancelledError,
	isRetryableFailure,
	SuiteTalkFaultError,
	type SuiteTalkTransportError,
} from '../transport/errors';
import { MIN_WAIT_SECONDS, minWaitSeconds } from '../waitFloor';
import { fetchResults } from './getAsyncResult.operation';
import { InvalidInputError, readJobReference, readSeconds } from './inputValidation';
import type { ItemOperation, OperationOutput } from './itemOperation';
import { readCallSettings, optionsCollection, STATUS_RESPONSE_LIMIT_BYTES } from './sharedOptions';
import { checkStatusOnce, type CheckedStatus } from './statusCheck';
import { readScheduleState, scheduleStateFields, type ScheduleState } from './stillRunningState';
import { ItemOutcomeError } from './toNodeError';

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_POLL_TIMEOUT_SECONDS = 1800;
/** 25 s rather than 30: at the cap, a blind schedule's mean notice delay stays below a fixed 30 s poll's (npm run bench). */
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 25;

/** Output indexes when "Split Done and Still Running" is on. */
export const DONE_OUTPUT = 0;
export const STILL_RUNNING_OUTPUT = 1;

/**
 * The node's outputs, as an n8n `outputs` expression evaluates them in the editor and the engine.
 * Serialised into the node description (like n8n's Switch and Webhook nodes do), so it must not
 * use anything from outside its own body.
 */
export function configuredOutputs(parameters: { operation?: string; splitOutputs?: boolean }) {
	if ((parameters.operation ?? 'checkAsyncStatus') === 'checkAsyncStatus' && parameters.splitOutputs === true) {
		return [
			{ type: 'main', displayName: 'Done' },
			{ type: 'main', displayName: 'Still Running' },
		];
	}
	return [{ type: 'main' }];
}

/**
 * The schedule's parameters are shown when the node polls itself and when it splits its output
 * for a Wait loop. n8n's displayOptions cannot say "either", so each is listed once for each case;
 * the two copies share their name, hence their value.
 */
function whenScheduling(properties: INodeProperties[], path = ''): INodeProperties[] {
	return [
		...updateDisplayOptions({ show: { [`${path}pollUntilDone`]: [true] } }, properties),
		...updateDisplayOptions({ show: { [`${path}pollUntilDone`]: [false], [`${path}splitOutputs`]: [true] } }, properties),
	];
}

const properties: INodeProperties[] = [
	{
		displayName: 'Poll Until Done',
		name: 'pollUntilDone',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking until the job is finished, finishedWithErrors or failed (or Poll Timeout passes). Off: check once.',
	},
	{
		displayName: 'Split Done and Still Running',
		name: 'splitOutputs',
		type: 'boolean',
		default: false,
		description:
			'Whether to send finished jobs to a "Done" output and the others to a "Still Running" output, whose items say when to check again (nextCheckInSeconds) and carry the schedule. For jobs of hours: loop Still Running through a Wait node back into this node; waits of 65 s or more survive an n8n restart.',
	},
	...whenScheduling([
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_WAIT_SECONDS, numberPrecision: 2 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description:
				'Wait before the second check. With Adaptive Interval on, later waits grow toward Max Poll Interval or follow the progress NetSuite reports.',
		},
		{
			displayName: 'Poll Timeout (Seconds)',
			name: 'pollTimeout',
			type: 'number',
			typeOptions: { minValue: MIN_WAIT_SECONDS },
			default: DEFAULT_POLL_TIMEOUT_SECONDS,
			description:
				'Give up waiting this long after the first check (in a Wait loop, counted from the firstCheckedAt the item carries). What happens then is set by "When Timed Out" in Options.',
		},
	]),
	optionsCollection({}, [
		...whenScheduling(
			[
				{
					displayName: 'Adaptive Interval',
					name: 'adaptivePolling',
					type: 'boolean',
					default: true,
					description:
						'Whether waits grow from Poll Interval toward Max Poll Interval, and follow NetSuite\'s estimate when percentCompleted or estRemainingDuration carry one. Off: check every Poll Interval.',
				},
				{
					displayName: 'Max Poll Interval (Seconds)',
					name: 'maxPollInterval',
					type: 'number',
					typeOptions: { minValue: MIN_WAIT_SECONDS, numberPrecision: 2 },
					default: DEFAULT_MAX_POLL_INTERVAL_SECONDS,
					description: 'Longest wait between two checks when NetSuite gives no estimate',
				},
				{
					displayName: 'When Timed Out',
					name: 'onTimeout',
					type: 'options',
					options: [
						{ name: 'Error', value: 'error', description: 'The item fails (handled by On Error)' },
						{
							name: 'Return Last Status',
							value: 'returnLastStatus',
							description: 'The item carries the last status with timedOut: true (on the Done output when split)',
						},
					],
					default: 'error',
				},
			],
			'/',
		),
		{
			displayName: 'Error on Failed Job',
			name: 'errorOnUnsuccessfulJob',
			type: 'boolean',
			default: false,
			description:
				'Whether a job that ends failed or finishedWithErrors becomes an item error (handled by On Error) instead of a normal item whose status says so',
		},
		{
			displayName: 'Fetch Results When Done',
			name: 'fetchResultsWhenDone',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/pollUntilDone': [true] } },
			description:
				'Whether to read the job\'s results (all pages, one item per record, as Get Async Result does) once it is done, instead of returning its status. A failed job without results returns its status.',
		},
	]),
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['checkAsyncStatus'] } }, properties);

export type ScheduleParameters = PollSettings & { onTimeout: 'error' | 'returnLastStatus' };

export interface CheckParameters {
	jobId: string;
	call: CallSettings;
	errorOnUnsuccessfulJob: boolean;
	/** Poll Until Done: keep checking within this execution. */
	pollInProcess: boolean;
	/** Split Done and Still Running. */
	split: boolean;
	/** Set when the node polls or splits: both follow the same schedule. */
	schedule?: ScheduleParameters;
	fetchResultsWhenDone: boolean;
	/** The schedule a "Still Running" item brought back through the loop. */
	resume?: ScheduleState;
	/** How one status check is made: SOAP's checkAsyncStatus unless the REST API is chosen. */
	check?: StatusChecker;
	/** How a done job's results are read for Fetch Results When Done (default: SOAP getAsyncResult). */
	readResults?: (ctx: IExecuteFunctions) => Promise<IDataObject[]>;
}

export type StatusChecker = (ctx: IExecuteFunctions, jobId: string) => Promise<CheckedStatus>;

/** The waiting settings; Submit Async Job waits for its jobs with the same ones. */
export function readSchedule(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): ScheduleParameters {
	const floor = { min: minWaitSeconds() };
	const intervalSeconds = readSeconds(ctx.getNodeParameter('pollInterval', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS), 'Poll Interval', floor);
	const timeoutSeconds = readSeconds(ctx.getNodeParameter('pollTimeout', itemIndex, DEFAULT_POLL_TIMEOUT_SECONDS), 'Poll Timeout', floor);
	if (timeoutSeconds < intervalSeconds) {
		throw new InvalidInputError(
			`Poll Timeout (${timeoutSeconds} s) is shorter than Poll Interval (${intervalSeconds} s), so the job could never be checked twice`,
			'Raise Poll Timeout or lower Poll Interval.',
		);
	}
	const maxIntervalSeconds = readSeconds(options.maxPollInterval ?? DEFAULT_MAX_POLL_INTERVAL_SECONDS, 'Max Poll Interval', floor);
	return {
		intervalMs: intervalSeconds * 1000,
		timeoutMs: timeoutSeconds * 1000,
		maxIntervalMs: maxIntervalSeconds * 1000,
		adaptive: options.adaptivePolling !== false,
		onTimeout: options.onTimeout === 'returnLastStatus' ? 'returnLastStatus' : 'error',
	};
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number, credential: NetSuiteTbaCredentialData): CheckParameters {
	const { jobId, apiVersion } = readJobReference(ctx.getNodeParameter('jobId', itemIndex, ''), credential);
	return readCheckParameters(ctx, itemIndex, jobId, readCallSettings(ctx, itemIndex, { ...credential, apiVersion }, STATUS_RESPONSE_LIMIT_BYTES));
}

/** Everything but how the job is named and reached: the same for SOAP and REST. */
export function readCheckParameters(ctx: IExecuteFunctions, itemIndex: number, jobId: string, call: CallSettings): CheckParameters {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const pollInProcess = ctx.getNodeParameter('pollUntilDone', itemIndex, false) === true;
	const split = ctx.getNodeParameter('splitOutputs', itemIndex, false) === true;
	const parameters: CheckParameters = {
		jobId,
		call,
		errorOnUnsuccessfulJob: options.errorOnUnsuccessfulJob === true,
		pollInProcess,
		split,
		fetchResultsWhenDone: pollInProcess && options.fetchResultsWhenDone === true,
	};
	if (!pollInProcess && !split) return parameters;
	parameters.schedule = readSchedule(ctx, itemIndex, options);
	if (split) parameters.resume = readScheduleState(ctx.getInputData()[itemIndex]?.json ?? {}, jobId);
	return parameters;
}

type StatusView = Pick<CheckedStatus, keyof AsyncStatus | 'nsId' | 'apiFields'>;

function checkStatus(ctx: IExecuteFunctions, parameters: CheckParameters): Promise<CheckedStatus> {
	return parameters.check ? parameters.check(ctx, parameters.jobId) : checkStatusOnce(ctx, parameters.jobId, parameters.call);
}

/** `checkedAtMs` is passed in: the caller owns the clock (the benchmark's is simulated). */
export function statusFields(status: StatusView, checkedAtMs: number): IDataObject {
	return {
		jobId: status.jobId,
		status: status.status,
		percentCompleted: status.percentCompleted,
		estRemainingDuration: status.estRemainingDuration,
		isDone: status.isDone,
		...(status.apiFields ?? {}),
		...(status.nsId ? { nsId: status.nsId } : {}),
		checkedAt: new Date(checkedAtMs).toISOString(),
	};
}

function failIfUnsuccessful(parameters: CheckParameters, status: StatusView): void {
	if (parameters.errorOnUnsuccessfulJob && UNSUCCESSFUL_STATUSES.includes(status.status)) {
		throw new ItemOutcomeError(
			`Job "${status.jobId}" ended ${status.status}`,
			'Use Get Async Result to see which records failed and why, or turn off "Error on Failed Job" to receive the status as a normal item.',
			{ status: status.status },
		);
	}
}

type ScheduledParameters = CheckParameters & { schedule: ScheduleParameters };
type Failure = SuiteTalkFaultError | SuiteTalkTransportError;

type ScheduleOutcome = { kind: 'done'; json: IDataObject; isDone: boolean } | { kind: 'stillRunning'; json: IDataObject };

/** What the item says about the job when the latest check got no answer: the last reading, if any. */
function lastKnown(jobId: string, state: ScheduleState, lastStatus: CheckedStatus | undefined): { view: StatusView; atMs: number } | undefined {
	if (lastStatus) return { view: lastStatus, atMs: lastStatus.checkedAtMs };
	const reading = state.readings[state.readings.length - 1];
	if (!reading) return undefined;
	return { view: { jobId, ...reading, isDone: false }, atMs: reading.atMs };
}

function timeoutError(jobId: string, schedule: ScheduleParameters, state: ScheduleState, known: StatusView | undefined, problem: Failure | undefined): ItemOutcomeError {
	const deadline = `Poll Timeout (${schedule.timeoutMs / 1000} s) passed, after ${state.polls} status checks`;
	const lastProblem = problem ? `; the last check got no answer: ${describeFailure(problem)}` : '';
	const message = known
		? `Job "${jobId}" was still ${known.status} (${known.percentCompleted}% done) when ${deadline}${lastProblem}`
		: `Job "${jobId}": no status check succeeded before ${deadline}${lastProblem}`;
	return new ItemOutcomeError(
		message,
		'Raise Poll Timeout, or set Options > When Timed Out to "Return Last Status" to continue with the last status (timedOut: true). The job keeps running in NetSuite.',
		{
			...(known ? { status: known.status, percentCompleted: known.percentCompleted } : {}),
			polls: state.polls,
			...(problem ? { lastProblem: describeFailure(problem) } : {}),
		},
	);
}

/**
 * Poll Until Done and the Still Running loop: one schedule. A check that fails in a way that
 * clears by itself (after its own retries) is an observation, "unknown, keep waiting" with
 * backoff: only the deadline ends the item (review R1). Without Poll Until Done, one check per pass.
 */
async function followSchedule(ctx: IExecuteFunctions, parameters: ScheduledParameters): Promise<ScheduleOutcome> {
	const signal = ctx.getExecutionCancelSignal();
	const { schedule, jobId } = parameters;
	const state: ScheduleState = parameters.resume
		? { ...parameters.resume, readings: [...parameters.resume.readings] }
		: { polls: 0, firstCheckedAtMs: Date.now(), readings: [] };
	let failuresInARow = 0;
	for (;;) {
		const checked = await checkStatus(ctx, parameters).then(
			(status) => ({ status }),
			(error: unknown) => ({ error }),
		);
		let lastStatus: CheckedStatus | undefined;
		let problem: Failure | undefined;
		if ('status' in checked) {
			lastStatus = checked.status;
			failuresInARow = 0;
			const { checkedAtMs: atMs, status, percentCompleted, estRemainingDuration } = lastStatus;
			state.readings = keptReadings([...state.readings, { atMs, status, percentCompleted, estRemainingDuration }]);
		} else {
			if (!isRetryableFailure(checked.error)) throw checked.error;
			problem = checked.error;
			failuresInARow++;
		}
		state.polls++;
		const nowMs = Date.now();
		const decision = nextPoll(schedule, state.firstCheckedAtMs, state.readings, nowMs, state.polls);
		let delayMs = decision.action === 'wait' ? decision.delayMs : 0;
		if (problem && decision.action === 'wait') {
			const remainingMs = state.firstCheckedAtMs + schedule.timeoutMs - nowMs;
			delayMs = Math.min(remainingMs, Math.max(delayMs, backoffDelayMs(failuresInARow, parameters.call.random ?? Math.random, parameters.call.backoffBaseMs)));
		}
		ctx.logger.debug('NetSuite async job polled', {
			jobId,
			status: lastStatus?.status ?? 'unknown',
			percentCompleted: lastStatus?.percentCompleted,
			estRemainingDuration: lastStatus?.estRemainingDuration,
			poll: state.polls,
			next: decision.action === 'wait' ? `${delayMs} ms` : decision.action,
			...(problem ? { problem: describeFailure(problem) } : {}),
		});
		const known = lastKnown(jobId, state, lastStatus);
		const scheduleFields: IDataObject = {
			polls: state.polls,
			timedOut: decision.action === 'timeout',
			waitedSeconds: Math.round((nowMs - state.firstCheckedAtMs) / 100) / 10,
			...(parameters.split ? { firstCheckedAt: new Date(state.firstCheckedAtMs).toISOString() } : {}),
			...(problem ? { lastProblem: describeFailure(problem) } : {}),
		};
		if (decision.action === 'done' && known) {
			failIfUnsuccessful(parameters, known.view);
			return { kind: 'done', json: { ...statusFields(known.view, known.atMs), ...scheduleFields }, isDone: true };
		}
		if (decision.action === 'timeout') {
			if (schedule.onTimeout === 'returnLastStatus' && known) {
				return { kind: 'done', json: { ...statusFields(known.view, known.atMs), ...scheduleFields }, isDone: false };
			}
			throw timeoutError(jobId, schedule, state, known?.view, problem);
		}
		if (!parameters.pollInProcess) {
			const view = known?.view ?? { jobId, status: 'unknown', percentCompleted: 0, estRemainingDuration: 0, isDone: false };
			return {
				kind: 'stillRunning',
				json: {
					...statusFields(view, known?.atMs ?? nowMs),
					...scheduleFields,
					nextCheckInSeconds: Math.ceil(delayMs / 10) / 100,
					...scheduleStateFields(jobId, state),
				},
			};
		}
		// sleep rejects when n8n cancels the execution; either way the abort flag is the truth.
		await sleep(delayMs, signal).catch(() => undefined);
		if (signal?.aborted) throw new ExecutionCancelledError();
	}
}

/**
 * Results of a failed job may not exist; a fault then leaves the status as the answer. Finished
 * jobs always have results, so any fault there is a real error. A job without records answers
 * with its status, so the input item is never dropped.
 */
/** Poll Until Done for a job the node submitted itself: the same schedule, always in process. */
export async function pollUntilDone(ctx: IExecuteFunctions, jobId: string, call: CallSettings, schedule: ScheduleParameters, check?: StatusChecker): Promise<IDataObject> {
	const outcome = await followSchedule(ctx, {
		jobId,
		call,
		check,
		errorOnUnsuccessfulJob: false,
		pollInProcess: true,
		split: false,
		fetchResultsWhenDone: false,
		schedule,
	});
	return outcome.json;
}

async function resultsOrStatus(ctx: IExecuteFunctions, parameters: CheckParameters, status: IDataObject): Promise<IDataObject[]> {
	const resultParameters = { jobId: parameters.jobId, selection: { kind: 'all' as const }, outputMode: 'perRecord' as const, call: parameters.call };
	const read = parameters.readResults ?? ((context: IExecuteFunctions) => fetchResults(context, resultParameters));
	const outcome = await read(ctx).then(
		(records) => ({ records }),
		(error: unknown) => ({ error }),
	);
	if ('records' in outcome) return outcome.records.length > 0 ? outcome.records : [status];
	if (status.status !== 'failed' || !(outcome.error instanceof SuiteTalkFaultError)) throw outcome.error;
	return [{ ...status, resultsError: `${outcome.error.fault.message} (${outcome.error.fault.code})` }];
}

async function execute(ctx: IExecuteFunctions, parameters: CheckParameters): Promise<OperationOutput> {
	if (!parameters.schedule) {
		const status = await checkStatus(ctx, parameters);
		failIfUnsuccessful(parameters, status);
		return [statusFields(status, status.checkedAtMs)];
	}
	const outcome = await followSchedule(ctx, { ...parameters, schedule: parameters.schedule });
	if (outcome.kind === 'stillRunning') return { output: STILL_RUNNING_OUTPUT, items: [outcome.json] };
	const items = parameters.fetchResultsWhenDone && outcome.isDone ? await resultsOrStatus(ctx, parameters, outcome.json) : [outcome.json];
	return parameters.split ? { output: DONE_OUTPUT, items } : items;
}

/** The same answer the editor's outputs expression gives, so items land on the outputs drawn. */
function outputCount(ctx: IExecuteFunctions): number {
	return configuredOutputs({ splitOutputs: ctx.getNodeParameter('splitOutputs', 0, false) === true }).length;
}

export const checkAsyncStatus: ItemOperation<CheckParameters> = { readParameters, execute, outputCount };

export { execute as executeCheck, outputCount as checkOutputCount };
