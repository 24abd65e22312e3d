import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	checkRecordType,
	isRestSubmitOperation,
	REST_BATCH_LIMIT,
	restBatchEntry,
	restBatchRequest,
	RestRecordError,
	type RestSubmitOperation,
} from '../rest/batchRequest';
import { readRestJobReference } from '../rest/jobReference';
import { callRest, RestApiError } from '../transport/callRest';
import { ExecutionCancelledError, SuiteTalkTransportError } from '../transport/errors';
import { pollUntilDone, readSchedule, type ScheduleParameters } from './checkAsyncStatus.operation';
import { CredentialProblem } from './credentialProblem';
import { InvalidInputError, readWholeNumber } from './inputValidation';
import { readRestCallSettings, type RestAccess } from './restAccess';
import { restStatusChecker } from './restCheckAsyncStatus.operation';
import { readAllTaskResults } from './restGetAsyncResult.operation';
import { finish, type Output } from './submitAsyncJob.operation';
import { ItemOutcomeError, toNodeError } from './toNodeError';

/**
 * Submit Async Job through REST: items become batch requests of ≤ 100 records of one record type,
 * in input order, each with Prefer: respond-async and an idempotency key computed from its content,
 * so that a repeat (after a timeout, or a re-run) is recognised by NetSuite and attaches to the job
 * it already has instead of creating records twice.
 */

export const restSubmitProperties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key Salt',
		name: 'idempotencyKeySalt',
		type: 'string',
		default: '',
		displayOptions: { show: { api: ['rest'], operation: ['submitAsyncJob'] } },
		description:
			'Each REST batch carries an idempotency key computed from its records, so sending the same batch again attaches to the job NetSuite already has. Set this to something new (e.g. an expression with the execution\'s ID) when the same records must really be submitted again in a later run.',
	},
];

interface Chunk {
	recordType: string;
	itemIndexes: number[];
	entries: Array<{ item?: Record<string, unknown>; reference?: string }>;
}


interface RestSubmitSettings {
	operation: RestSubmitOperation;
	perJob: number;
	call: ReturnType<typeof readRestCallSettings>;
	keySalt: string;
	poll?: ScheduleParameters;
}

function readSettings(ctx: IExecuteFunctions, access: RestAccess): RestSubmitSettings {
	const operation = ctx.getNodeParameter('asyncOperation', 0, 'asyncAddList') as string;
	if (!isRestSubmitOperation(operation)) {
		throw new InvalidInputError(
			`Async Operation "${operation}" has no SuiteTalk REST equivalent`,
			'REST offers add, update, upsert, delete and get as batch requests. For initialize and search use API "SuiteTalk SOAP" (or SuiteQL through REST).',
		);
	}
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const preferences = options.preferences as Record<string, unknown> | undefined;
	if (preferences && Object.keys(preferences).length > 0) {
		throw new InvalidInputError(
			`Options > Preferences (${Object.keys(preferences).join(', ')}) are SOAP request headers that REST batch requests do not carry`,
			'Remove the Preferences, or use API "SuiteTalk SOAP".',
		);
	}
	const requested = options.recordsPerJob === undefined || options.recordsPerJob === 0 ? REST_BATCH_LIMIT : options.recordsPerJob;
	const settings: RestSubmitSettings = {
		operation,
		perJob: readWholeNumber(requested, 'Records per Job', 1, REST_BATCH_LIMIT),
		call: readRestCallSettings(ctx, 0, access),
		keySalt: String(ctx.getNodeParameter('idempotencyKeySalt', 0, '') ?? ''),
	};
	if (ctx.getNodeParameter('waitForResults', 0, false) === true) settings.poll = readSchedule(ctx, 0, options);
	return settings;
}

/** Consecutive items of one record type, at most perJob each (a REST batch holds one type). */
function chunk(prepared: Array<{ itemIndex: number; recordType: string; entry: Chunk['entries'][number] }>, perJob: number): Chunk[] {
	const chunks: Chunk[] = [];
	for (const { itemIndex, recordType, entry } of prepared) {
		const last = chunks[chunks.length - 1];
		if (last && last.recordType === recordType && last.entries.length < perJob) {
			last.itemIndexes.push(itemIndex);
			last.entries.push(entry);
		} else {
			chunks.push({ recordType, itemIndexes: [itemIndex], entries: [entry] });
		}
	}
	return chunks;
}

function jobIdOfLocation(location: string | undefined): string {
	const reference = readRestJobReference(location ?? '');
	if ('problem' in reference) throw new ItemOutcomeError(`NetSuite accepted the batch but its Location header names no job (${String(location).slice(0, 120)})`, 'Look for the job under Setup > Integration > Web Services Process Status before submitting again.');
	return reference.jobId;
}

async function submitChunk(ctx: IExecuteFunctions, settings: RestSubmitSettings, job: Chunk): Promise<IDataObject> {
	const request = restBatchRequest(settings.operation, job.recordType, job.entries, settings.keySalt);
	const answer = await callRest(ctx, { ...request, idempotent: true }, settings.call).then(
		(response) => ({ location: response.headers.location, attached: false }),
		// The same key was sent before (an earlier attempt or run): NetSuite names the job it already has.
		(error: unknown) => {
			if (error instanceof RestApiError && error.errorCode === 'IDEMPOTENCY_ERROR' && error.location) return { location: error.location, attached: true };
			return Promise.reject(error);
		},
	);
	const jobId = jobIdOfLocation(answer.location);
	const attached = answer.attached;
	return {
		jobId,
		status: 'pending',
		api: 'rest',
		asyncOperation: settings.operation,
		recordType: job.recordType,
		recordCount: job.entries.length,
		itemIndexes: job.itemIndexes,
		idempotencyKey: request.idempotencyKey,
		attachedToExistingJob: attached,
	};
}

/** Task i ↔ item i of the job: a batch has one task per record, in submission order (notes §1.4). */
async function waitAndPair(ctx: IExecuteFunctions, settings: RestSubmitSettings, job: Chunk, jobId: string): Promise<Output[]> {
	await pollUntilDone(ctx, jobId, settings.call, { ...(settings.poll as ScheduleParameters), onTimeout: 'error' }, restStatusChecker(settings.call));
	const results = await readAllTaskResults(ctx, jobId, settings.call, undefined);
	if (results.length !== job.itemIndexes.length) {
		const error = new ItemOutcomeError(
			`Job "${jobId}" has ${results.length} tasks for ${job.itemIndexes.length} records, so results cannot be paired with items`,
			'Read the job with Get Async Result (API SuiteTalk REST) and match the results yourself; do not submit the records again.',
			{ jobId },
		);
		return job.itemIndexes.map((itemIndex) => ({ position: itemIndex, error: toNodeError(ctx.getNode(), error, itemIndex, jobId) }));
	}
	return job.itemIndexes.map((itemIndex, position) => ({ position: itemIndex, json: results[position], paired: [itemIndex] }));
}

function submissionError(error: unknown, job: Chunk, key: string): unknown {
	if (!(error instanceof SuiteTalkTransportError) || error.delivery !== 'mayHaveBeenProcessed') return error;
	return new ItemOutcomeError(
		`The REST batch of items ${job.itemIndexes[0]}–${job.itemIndexes[job.itemIndexes.length - 1]} may have reached NetSuite, but no answer came back: ${error.message}`,
		`Run the workflow again with the same records: the batch carries idempotency key ${key}, so NetSuite answers with the job it already has instead of creating the records twice.`,
		{ idempotencyKey: key },
	);
}

export async function restSubmitAsyncJob(ctx: IExecuteFunctions, access: RestAccess | CredentialProblem): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const outputs: Output[] = [];
	const fail = (itemIndex: number, error: unknown, jobId?: string) => {
		const itemError = toNodeError(node, error, itemIndex, jobId);
		if (!continueOnFail) throw itemError;
		outputs.push({ position: itemIndex, error: itemError });
	};
	if (access instanceof CredentialProblem) {
		items.forEach((_, itemIndex) => fail(itemIndex, access.cause));
		return [finish(outputs)];
	}
	let settings: RestSubmitSettings;
	try {
		settings = readSettings(ctx, access);
	} catch (error) {
		throw toNodeError(node, error, 0);
	}
	// Every item is checked before the first request.
	const prepared: Array<{ itemIndex: number; recordType: string; entry: Chunk['entries'][number] }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const recordType = String(ctx.getNodeParameter('recordType', itemIndex, '')).trim();
			checkRecordType(recordType);
			prepared.push({ itemIndex, recordType, entry: restBatchEntry(settings.operation, ctx.getNodeParameter('record', itemIndex, {})) });
		} catch (error) {
			fail(itemIndex, error instanceof RestRecordError ? new InvalidInputError(error.message, error.fix) : error);
		}
	}
	const submitted: Array<{ job: Chunk; jobId: string }> = [];
	for (const job of chunk(prepared, settings.perJob)) {
		if (ctx.getExecutionCancelSignal()?.aborted) throw toNodeError(node, new ExecutionCancelledError(), 0);
		try {
			const json = await submitChunk(ctx, settings, job);
			submitted.push({ job, jobId: json.jobId as string });
			if (!settings.poll) outputs.push({ position: job.itemIndexes[0], json, paired: job.itemIndexes });
		} catch (error) {
			const key = restBatchRequest(settings.operation, job.recordType, job.entries, settings.keySalt).idempotencyKey;
			for (const itemIndex of job.itemIndexes) fail(itemIndex, submissionError(error, job, key));
		}
	}
	if (settings.poll) {
		for (const { job, jobId } of submitted) {
			try {
				for (const output of await waitAndPair(ctx, settings, job, jobId)) {
					if ('error' in output && !continueOnFail) throw output.error;
					outputs.push(output);
				}
			} catch (error) {
				if (error instanceof ExecutionCancelledError) throw toNodeError(node, error, job.itemIndexes[0], jobId);
				for (const itemIndex of job.itemIndexes) fail(itemIndex, error, jobId);
			}
		}
	}
	return [finish(outputs)];
}
