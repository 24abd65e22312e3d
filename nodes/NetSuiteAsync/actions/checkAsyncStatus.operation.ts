import { sleep, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { nextPoll, type PollObservation, type PollSettings } from '../polling';
import type { AsyncStatus } from '../suitetalk/asyncStatus';
import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { UNSUCCESSFUL_STATUSES } from '../suitetalk/statuses';
import type { CallSettings } from '../transport/callSuiteTalk';
import { ExecutionCancelledError, SuiteTalkFaultError } from '../transport/errors';
import { fetchResults } from './getAsyncResult.operation';
import { InvalidInputError, readJobReference, readSeconds } from './inputValidation';
import type { ItemOperation } from './itemOperation';
import { readCallSettings, optionsCollection, STATUS_RESPONSE_LIMIT_BYTES } from './sharedOptions';
import { checkStatusOnce, type CheckedStatus } from './statusCheck';
import { ItemOutcomeError } from './toNodeError';

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_POLL_TIMEOUT_SECONDS = 1800;
/** 25 s rather than 30: at the cap, a blind schedule's mean notice delay stays below a fixed 30 s poll's (npm run bench). */
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 25;

const showFor = { operation: ['checkAsyncStatus'] };
const showWhenPolling = { operation: ['checkAsyncStatus'], pollUntilDone: [true] };

export const description: INodeProperties[] = [
	{
		displayName: 'Poll Until Done',
		name: 'pollUntilDone',
		type: 'boolean',
		default: false,
		displayOptions: { show: showFor },
		description:
			'Whether to keep checking until the job is finished, finishedWithErrors or failed (or Poll Timeout passes). Off: check once.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		displayOptions: { show: showWhenPolling },
		description:
			'Wait before the second check. With Adaptive Interval on, later waits grow toward Max Poll Interval or follow the progress NetSuite reports.',
	},
	{
		displayName: 'Poll Timeout (Seconds)',
		name: 'pollTimeout',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_POLL_TIMEOUT_SECONDS,
		displayOptions: { show: showWhenPolling },
		description: 'Give up waiting after this long. What happens then is set by "When Timed Out" in Options.',
	},
	optionsCollection(showFor, [
		{
			displayName: 'Adaptive Interval',
			name: 'adaptivePolling',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '/pollUntilDone': [true] } },
			description:
				'Whether waits grow from Poll Interval toward Max Poll Interval, and follow NetSuite\'s estimate when percentCompleted or estRemainingDuration carry one. Off: check every Poll Interval.',
		},
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
		{
			displayName: 'Max Poll Interval (Seconds)',
			name: 'maxPollInterval',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: DEFAULT_MAX_POLL_INTERVAL_SECONDS,
			displayOptions: { show: { '/pollUntilDone': [true] } },
			description: 'Longest wait between two checks when NetSuite gives no estimate',
		},
		{
			displayName: 'When Timed Out',
			name: 'onTimeout',
			type: 'options',
			displayOptions: { show: { '/pollUntilDone': [true] } },
			options: [
				{ name: 'Error', value: 'error', description: 'The item fails (handled by On Error)' },
				{
					name: 'Return Last Status',
					value: 'returnLastStatus',
					description: 'The item carries the last status with timedOut: true',
				},
			],
			default: 'error',
		},
	]),
];

export interface CheckParameters {
	jobId: string;
	poll?: PollSettings & { onTimeout: 'error' | 'returnLastStatus'; fetchResultsWhenDone: boolean };
	errorOnUnsuccessfulJob: boolean;
	call: CallSettings;
}

/** The waiting part of the parameters; Submit Async Job waits for its jobs with the same settings. */
export function readPollSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: Record<string, unknown>,
): NonNullable<CheckParameters['poll']> {
	const intervalSeconds = readSeconds(ctx.getNodeParameter('pollInterval', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS), 'Poll Interval', { min: 0.01 });
	const timeoutSeconds = readSeconds(ctx.getNodeParameter('pollTimeout', itemIndex, DEFAULT_POLL_TIMEOUT_SECONDS), 'Poll Timeout', { min: 0, allowZero: true });
	if (timeoutSeconds < intervalSeconds) {
		throw new InvalidInputError(
			`Poll Timeout (${timeoutSeconds} s) is shorter than Poll Interval (${intervalSeconds} s), so the job could never be checked twice`,
			'Raise Poll Timeout or lower Poll Interval.',
		);
	}
	const maxIntervalSeconds = readSeconds(options.maxPollInterval ?? DEFAULT_MAX_POLL_INTERVAL_SECONDS, 'Max Poll Interval', { min: 0.01 });
	const onTimeout = options.onTimeout === 'returnLastStatus' ? 'returnLastStatus' : 'error';
	return {
		intervalMs: intervalSeconds * 1000,
		timeoutMs: timeoutSeconds * 1000,
		maxIntervalMs: maxIntervalSeconds * 1000,
		adaptive: options.adaptivePolling !== false,
		onTimeout,
		fetchResultsWhenDone: options.fetchResultsWhenDone === true,
	};
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number, credential: NetSuiteTbaCredentialData): CheckParameters {
	const { jobId, apiVersion } = readJobReference(ctx.getNodeParameter('jobId', itemIndex, ''), credential);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const call = readCallSettings(ctx, itemIndex, apiVersion, STATUS_RESPONSE_LIMIT_BYTES);
	const errorOnUnsuccessfulJob = options.errorOnUnsuccessfulJob === true;
	if (!ctx.getNodeParameter('pollUntilDone', itemIndex, false)) return { jobId, call, errorOnUnsuccessfulJob };
	return { jobId, call, errorOnUnsuccessfulJob, poll: readPollSettings(ctx, itemIndex, options) };
}

export function statusFields(status: Pick<CheckedStatus, keyof AsyncStatus | 'nsId'>): IDataObject {
	return {
		jobId: status.jobId,
		status: status.status,
		percentCompleted: status.percentCompleted,
		estRemainingDuration: status.estRemainingDuration,
		isDone: status.isDone,
		...(status.nsId ? { nsId: status.nsId } : {}),
		checkedAt: new Date().toISOString(),
	};
}

function failIfUnsuccessful(parameters: CheckParameters, status: CheckedStatus): void {
	if (parameters.errorOnUnsuccessfulJob && UNSUCCESSFUL_STATUSES.includes(status.status)) {
		throw new ItemOutcomeError(
			`Job "${status.jobId}" ended ${status.status}`,
			'Use Get Async Result to see which records failed and why, or turn off "Error on Failed Job" to receive the status as a normal item.',
			{ status: status.status },
		);
	}
}

export type PollingParameters = CheckParameters & { poll: NonNullable<CheckParameters['poll']> };

export async function pollUntilDone(ctx: IExecuteFunctions, parameters: PollingParameters): Promise<IDataObject> {
	const signal = ctx.getExecutionCancelSignal();
	const { poll, jobId } = parameters;
	const startedAtMs = Date.now();
	const history: PollObservation[] = [];
	for (;;) {
		const status = await checkStatusOnce(ctx, jobId, parameters.call);
		history.push({ atMs: Date.now(), ...status });
		const decision = nextPoll(poll, startedAtMs, history, Date.now());
		ctx.logger.debug('NetSuite async job polled', {
			jobId,
			status: status.status,
			percentCompleted: status.percentCompleted,
			estRemainingDuration: status.estRemainingDuration,
			poll: history.length,
			next: decision.action === 'wait' ? `${decision.delayMs} ms` : decision.action,
		});
		const pollFields = {
			polls: history.length,
			timedOut: decision.action === 'timeout',
			waitedSeconds: Math.round((Date.now() - startedAtMs) / 100) / 10,
		};
		if (decision.action === 'done') {
			failIfUnsuccessful(parameters, status);
			return { ...statusFields(status), ...pollFields };
		}
		if (decision.action === 'timeout') {
			if (poll.onTimeout === 'returnLastStatus') return { ...statusFields(status), ...pollFields };
			throw new ItemOutcomeError(
				`Job "${jobId}" was still ${status.status} (${status.percentCompleted}% done) when Poll Timeout (${poll.timeoutMs / 1000} s) passed, after ${history.length} status checks`,
				'Raise Poll Timeout, or set Options > When Timed Out to "Return Last Status" to continue with the last status (timedOut: true). The job keeps running in NetSuite.',
				{ status: status.status, percentCompleted: status.percentCompleted, polls: history.length },
			);
		}
		// sleep rejects when n8n cancels the execution; either way the abort flag is the truth.
		await sleep(decision.delayMs, signal).catch(() => undefined);
		if (signal?.aborted) throw new ExecutionCancelledError();
	}
}

/**
 * Results of a failed job may not exist; a fault then leaves the status as the answer. Finished
 * jobs always have results, so any fault there is a real error. A job without records answers
 * with its status, so the input item is never dropped.
 */
async function resultsOrStatus(ctx: IExecuteFunctions, parameters: PollingParameters, status: IDataObject): Promise<IDataObject[]> {
	const resultParameters = { jobId: parameters.jobId, selection: { kind: 'all' as const }, outputMode: 'perRecord' as const, call: parameters.call };
	const outcome = await fetchResults(ctx, resultParameters).then(
		(records) => ({ records }),
		(error: unknown) => ({ error }),
	);
	if ('records' in outcome) return outcome.records.length > 0 ? outcome.records : [status];
	if (status.status !== 'failed' || !(outcome.error instanceof SuiteTalkFaultError)) throw outcome.error;
	return [{ ...status, resultsError: `${outcome.error.fault.message} (${outcome.error.fault.code})` }];
}

async function execute(ctx: IExecuteFunctions, parameters: CheckParameters): Promise<IDataObject[]> {
	if (parameters.poll) {
		const polling = { ...parameters, poll: parameters.poll };
		const status = await pollUntilDone(ctx, polling);
		if (!polling.poll.fetchResultsWhenDone || status.isDone !== true) return [status];
		return await resultsOrStatus(ctx, polling, status);
	}
	const status = await checkStatusOnce(ctx, parameters.jobId, parameters.call);
	failIfUnsuccessful(parameters, status);
	return [statusFields(status)];
}

export const checkAsyncStatus: ItemOperation<CheckParameters> = { readParameters, execute };
