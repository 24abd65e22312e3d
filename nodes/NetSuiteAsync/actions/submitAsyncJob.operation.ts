import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readAsyncStatus } from '../suitetalk/asyncStatus';
import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { CredentialProblem } from './credentialProblem';
import { schemaView } from '../suitetalk/records/schemaView';
import { serializeElement } from '../suitetalk/records/serialize';
import { RecordFieldError, RecordWriter } from '../suitetalk/records/write';
import { SubmitEntryBuilder } from '../suitetalk/submitEntries';
import { isAsyncSubmitOperation, MAX_REQUEST_BYTES, SUBMIT_OPERATION_RULES, type AsyncSubmitOperation } from '../suitetalk/submitOperations';
import { callSuiteTalk, type CallSettings } from '../transport/callSuiteTalk';
import { ExecutionCancelledError, SuiteTalkFaultError } from '../transport/errors';
import { mayHaveBeenProcessed, retryPolicyFor } from '../transport/retryPolicy';
import { pollUntilDone, readSchedule, type ScheduleParameters } from './checkAsyncStatus.operation';
import { fetchResults, RESULT_REQUEST_TIMEOUT_SECONDS } from './getAsyncResult.operation';
import { InvalidInputError, readWholeNumber } from './inputValidation';
import { RESULT_PAGE_LIMIT_BYTES } from './readJobResults';
import { errorDetails } from './runItems';
import { readCallSettings, STATUS_RESPONSE_LIMIT_BYTES } from './sharedOptions';
import { pairResults, type PairedOutcome, type SubmittedItem } from './submitAsyncJob.pairing';
import { ItemOutcomeError, toNodeError, type ItemError } from './toNodeError';

/**
 * Submit Async Job: every item becomes one entry of an async submission; entries go out in jobs of
 * Records per Job, in input order. Every item is checked before the first request; a submission is
 * sent once (the transport's retry policy repeats only what NetSuite certainly did not take).
 */

interface SubmitSettings {
	operation: AsyncSubmitOperation;
	perJob: number;
	headerXml: string;
	submitCall: CallSettings;
	resultCall: CallSettings;
	poll?: ScheduleParameters;
}

interface Job {
	items: SubmittedItem[];
	bodyXml: string;
}

/** One output item at the position of the first input item it is paired with. */
export type Output = { position: number; json: IDataObject; paired: number[] } | { position: number; error: ItemError };

const PROCESS_STATUS_PAGE = 'Setup > Integration > Web Services Process Status';

function readBoolean(options: Record<string, unknown>, name: string): boolean | undefined {
	const value = options[name];
	return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
}

/** The preferences header the WSDL allows for the operation, written through the schema model. */
function preferencesHeader(operation: AsyncSubmitOperation, options: Record<string, unknown>, apiVersion: string): string {
	const header = SUBMIT_OPERATION_RULES[operation].preferencesHeader;
	const chosen = (options[header] ?? {}) as Record<string, unknown>;
	const values: Record<string, unknown> = {};
	for (const name of Object.keys(chosen)) {
		if (name === 'pageSize') values.pageSize = readWholeNumber(chosen.pageSize, 'Page Size', 5, 2000);
		else if (readBoolean(chosen, name) !== undefined) values[name] = readBoolean(chosen, name);
	}
	if (Object.keys(values).length === 0) return '';
	const writer = new RecordWriter(schemaView);
	const node = writer.elementNode('platformMsgs', header, header === 'preferences' ? 'platformMsgs:Preferences' : 'platformMsgs:SearchPreferences', values, header);
	return serializeElement(schemaView, apiVersion, node);
}

function readSettings(ctx: IExecuteFunctions, credential: NetSuiteTbaCredentialData): SubmitSettings {
	const operation = ctx.getNodeParameter('asyncOperation', 0, 'asyncAddList');
	if (!isAsyncSubmitOperation(operation)) {
		throw new InvalidInputError(`Async Operation "${String(operation)}" is not one NetSuite offers`, 'Pick the operation from the list.');
	}
	const rules = SUBMIT_OPERATION_RULES[operation];
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const requested = options.recordsPerJob === undefined || options.recordsPerJob === 0 ? rules.maxPerJob : options.recordsPerJob;
	const perJob = rules.entry === 'searchRecord' ? 1 : readWholeNumber(requested, 'Records per Job', 1, rules.maxPerJob);
	const settings: SubmitSettings = {
		operation,
		perJob,
		headerXml: preferencesHeader(operation, options, credential.apiVersion),
		submitCall: readCallSettings(ctx, 0, credential, STATUS_RESPONSE_LIMIT_BYTES),
		resultCall: readCallSettings(ctx, 0, credential, RESULT_PAGE_LIMIT_BYTES, RESULT_REQUEST_TIMEOUT_SECONDS),
	};
	if (ctx.getNodeParameter('waitForResults', 0, false) === true) settings.poll = readSchedule(ctx, 0, options);
	return settings;
}

function itemsLabel(items: SubmittedItem[]): string {
	const first = items[0].itemIndex;
	const last = items[items.length - 1].itemIndex;
	return items.length === 1 ? `item ${first}` : `items ${first}–${last}`;
}

/** A failed submission, saying whether the job may exist and where to look before sending again. */
function submissionError(error: unknown, operation: AsyncSubmitOperation, items: SubmittedItem[], submittedJobs: string[]): unknown {
	if (error instanceof SuiteTalkFaultError || error instanceof ExecutionCancelledError || !mayHaveBeenProcessed(error)) return error;
	const earlier = submittedJobs.length > 0 ? ` Jobs submitted before it in this run: ${submittedJobs.join(', ')}.` : '';
	const safeToRepeat = retryPolicyFor(operation).repeat === 'anyTransientFailure';
	return new ItemOutcomeError(
		`The ${operation} submission of ${itemsLabel(items)} may have reached NetSuite, but no answer came back: ${(error as Error).message}`,
		safeToRepeat
			? `${operation} is safe to repeat, and was repeated as far as Max Retries allows. Run the workflow again to resubmit.${earlier}`
			: `The job may exist and may run: do not submit these records again before checking. Look for the job in NetSuite under ${PROCESS_STATUS_PAGE} (or search the records by externalId); if it is there, read it with Get Async Result using its job ID.${earlier}`,
		{ asyncOperation: operation, mayExist: !safeToRepeat, itemIndexes: items.map((item) => item.itemIndex) },
	);
}

function buildJobs(ctx: IExecuteFunctions, settings: SubmitSettings, prepared: SubmittedItem[], outputs: Output[], apiVersion: string): Job[] {
	const jobs: Job[] = [];
	for (let start = 0; start < prepared.length; start += settings.perJob) {
		const items = prepared.slice(start, start + settings.perJob);
		const bodyXml = serializeElement(
			schemaView,
			apiVersion,
			{ prefix: 'platformMsgs', name: settings.operation, attributes: [], children: [] },
			items.map((item) => item.entry.node),
		);
		const bytes = Buffer.byteLength(bodyXml) + Buffer.byteLength(settings.headerXml);
		if (bytes > MAX_REQUEST_BYTES) {
			const error = new InvalidInputError(
				`The job for ${itemsLabel(items)} would be ${Math.ceil(bytes / (1024 * 1024))} MB, over NetSuite's 100 MB per request`,
				'Lower Options > Records per Job so that each job stays under 100 MB.',
			);
			for (const item of items) outputs.push({ position: item.itemIndex, error: toNodeError(ctx.getNode(), error, item.itemIndex) });
			continue;
		}
		jobs.push({ items, bodyXml });
	}
	return jobs;
}

async function waitAndPair(ctx: IExecuteFunctions, settings: SubmitSettings, jobId: string, job: Job): Promise<PairedOutcome[]> {
	const poll = settings.poll as NonNullable<SubmitSettings['poll']>;
	await pollUntilDone(ctx, jobId, settings.submitCall, { ...poll, onTimeout: 'error' }).catch(
		(error: unknown) =>
			Promise.reject(
				// The job was submitted: it runs on whatever happens here, and must not be sent again.
				error instanceof ItemOutcomeError
					? new ItemOutcomeError(error.message, `The job keeps running in NetSuite: read its results later with Get Async Result (Job ID ${jobId}) instead of submitting the records again, or raise Poll Timeout.`, error.details)
					: error,
			),
	);
	// A failed job (nothing but list-level errors) fails every item it carried, as Get Async Result reports it.
	const results = await fetchResults(ctx, { jobId, selection: { kind: 'all' }, outputMode: 'perRecord', call: settings.resultCall });
	if (SUBMIT_OPERATION_RULES[settings.operation].results === 'search') {
		return results.map((json) => ({ itemIndex: job.items[0].itemIndex, json }));
	}
	return pairResults(jobId, settings.operation, job.items, results);
}

function jobOutput(settings: SubmitSettings, job: Job, jobId: string, status: string): IDataObject {
	const recordTypes = [...new Set(job.items.map((item) => item.entry.recordType))];
	return {
		jobId,
		status,
		asyncOperation: settings.operation,
		recordType: recordTypes.join(', '),
		recordCount: job.items.length,
		itemIndexes: job.items.map((item) => item.itemIndex),
	};
}

export async function submitAsyncJob(ctx: IExecuteFunctions, credential: NetSuiteTbaCredentialData | CredentialProblem): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const outputs: Output[] = [];
	const fail = (itemIndex: number, error: unknown) => {
		const itemError = toNodeError(node, error, itemIndex);
		if (!continueOnFail) throw itemError;
		outputs.push({ position: itemIndex, error: itemError });
	};
	if (credential instanceof CredentialProblem) {
		items.forEach((_, itemIndex) => fail(itemIndex, credential.cause));
		return [finish(outputs)];
	}
	let settings: SubmitSettings;
	try {
		settings = readSettings(ctx, credential);
	} catch (error) {
		throw toNodeError(node, error, 0);
	}

	// Every item is checked before the first request.
	const builder = new SubmitEntryBuilder(schemaView);
	const prepared: SubmittedItem[] = [];
	const externalIds = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const entry = builder.build(settings.operation, ctx.getNodeParameter('recordType', itemIndex, ''), ctx.getNodeParameter('record', itemIndex, {}));
			const key = entry.externalId?.toLowerCase();
			const isWrite = SUBMIT_OPERATION_RULES[settings.operation].results === 'write';
			if (isWrite && key !== undefined && externalIds.has(key)) {
				throw new RecordFieldError('externalId', `item ${externalIds.get(key)} has the same externalId "${entry.externalId}"`, 'Send each record once per run (NetSuite treats external IDs without case); merge the duplicates first.');
			}
			if (key !== undefined) externalIds.set(key, itemIndex);
			prepared.push({ itemIndex, entry });
		} catch (error) {
			fail(itemIndex, error instanceof RecordFieldError ? new InvalidInputError(error.message, error.fix) : error);
		}
	}
	const jobs = buildJobs(ctx, settings, prepared, outputs, credential.apiVersion);
	if (!continueOnFail && outputs.length > 0) throw (outputs[0] as { error: ItemError }).error;

	const submitted: Array<{ job: Job; jobId: string }> = [];
	for (const job of jobs) {
		if (ctx.getExecutionCancelSignal()?.aborted) throw toNodeError(node, new ExecutionCancelledError(), 0);
		try {
			const { document } = await callSuiteTalk(ctx, { operation: settings.operation, fields: [], bodyXml: job.bodyXml, headerXml: settings.headerXml }, settings.submitCall);
			const status = readAsyncStatus(document);
			submitted.push({ job, jobId: status.jobId });
			if (!settings.poll) outputs.push({ position: job.items[0].itemIndex, json: jobOutput(settings, job, status.jobId, status.status), paired: job.items.map((item) => item.itemIndex) });
		} catch (error) {
			const reported = submissionError(error, settings.operation, job.items, submitted.map((entry) => entry.jobId));
			for (const item of job.items) fail(item.itemIndex, reported);
		}
	}

	if (settings.poll) {
		for (const { job, jobId } of submitted) {
			try {
				for (const outcome of await waitAndPair(ctx, settings, jobId, job)) {
					if ('error' in outcome) fail(outcome.itemIndex, outcome.error);
					else outputs.push({ position: outcome.itemIndex, json: outcome.json, paired: [outcome.itemIndex] });
				}
			} catch (error) {
				if (error instanceof ExecutionCancelledError) throw toNodeError(node, error, job.items[0].itemIndex, jobId);
				for (const item of job.items) {
					const itemError = toNodeError(node, error, item.itemIndex, jobId);
					if (!continueOnFail) throw itemError;
					outputs.push({ position: item.itemIndex, error: itemError });
				}
			}
		}
	}
	return [finish(outputs)];
}

export function finish(outputs: Output[]): INodeExecutionData[] {
	// Stable: a job's results keep their order, items keep input order.
	return [...outputs]
		.sort((a, b) => a.position - b.position)
		.map((output) =>
			'error' in output
				? { json: { error: output.error.message, details: errorDetails(output.error) }, pairedItem: { item: output.position } }
				: { json: output.json, pairedItem: output.paired.length === 1 ? { item: output.paired[0] } : output.paired.map((item) => ({ item })) },
		);
}
