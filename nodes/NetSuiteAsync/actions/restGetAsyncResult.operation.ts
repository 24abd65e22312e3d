import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTaskIds, readTaskResult, readTaskState } from '../rest/asyncJob';
import { jobPath } from '../rest/jobReference';
import { callRest, RestApiError, type RestCallSettings } from '../transport/callRest';
import { SuiteTalkTransportError } from '../transport/errors';
import { readSeconds } from './inputValidation';
import type { ItemOperation } from './itemOperation';
import { readRestCallSettings, type RestAccess } from './restAccess';
import { readRestJob } from './restJob';

export const DEFAULT_RESULT_DEADLINE_SECONDS = 600;

export const restResultProperties: INodeProperties[] = [
	{
		displayName: 'Read Deadline (Seconds)',
		name: 'restResultDeadline',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_RESULT_DEADLINE_SECONDS,
		displayOptions: { show: { api: ['rest'], operation: ['getAsyncResult'] } },
		description:
			'REST reads each task with two requests (status, then result). Tasks not read when this passes come out with resultRead: false; those already read are kept.',
	},
];

interface RestResultParameters {
	jobId: string;
	settings: RestCallSettings;
	deadlineMs: number;
}

function problemText(error: unknown): string {
	if (error instanceof RestApiError || error instanceof SuiteTalkTransportError) return error.message;
	return (error as Error)?.message ?? String(error);
}

/**
 * Lists the job's tasks, then reads each task's status and, once completed, its result: each once,
 * in order. Whatever stops the reading (deadline, a failed request) leaves the tasks read so far in
 * the output and the rest as `resultRead: false` items, so no answer already paid for is lost.
 */
export async function readAllTaskResults(
	ctx: IExecuteFunctions,
	jobId: string,
	settings: RestCallSettings,
	deadlineAtMs: number | undefined,
): Promise<IDataObject[]> {
	const base = jobPath(jobId);
	const list = await callRest(ctx, { method: 'GET', url: `${base}/task` }, settings);
	const taskIds = readTaskIds(list.json, jobId);
	const items: IDataObject[] = [];
	let stopped: string | undefined;
	for (const taskId of taskIds) {
		const taskBase = `${base}/task/${encodeURIComponent(taskId)}`;
		if (stopped === undefined && deadlineAtMs !== undefined && Date.now() >= deadlineAtMs) {
			stopped = `Read Deadline passed after ${items.length} of ${taskIds.length} tasks`;
		}
		if (stopped !== undefined) {
			items.push({ jobId, taskId, resultRead: false, notReadBecause: stopped });
			continue;
		}
		try {
			const state = readTaskState((await callRest(ctx, { method: 'GET', url: taskBase }, settings)).json, jobId, taskId);
			if (!state.completed) {
				items.push({ jobId, taskId, progress: state.progress, resultRead: false, notReadBecause: 'the task has not completed' });
				continue;
			}
			const answer = await callRest(ctx, { method: 'GET', url: `${taskBase}/result` }, settings).then(
				(response) => ({ status: response.status, location: response.headers.location, body: response.json }),
				(error: unknown) => {
					// A failed task's result is an error answer: that is the result, not a failed read.
					if (error instanceof RestApiError) return { status: error.httpStatus, location: error.location, body: { 'o:errorDetails': error.details.map((detail) => ({ 'o:errorCode': detail.code, detail: detail.detail, ...(detail.path ? { 'o:errorPath': detail.path } : {}) })) } };
					throw error;
				},
			);
			const result = readTaskResult(answer.status, answer.location, answer.body);
			items.push({
				jobId,
				taskId,
				progress: state.progress,
				resultRead: true,
				isSuccess: result.isSuccess,
				...(result.recordId !== undefined ? { recordId: result.recordId } : {}),
				...(result.location !== undefined ? { location: result.location } : {}),
				...(result.record !== undefined ? { record: result.record as IDataObject } : {}),
				errors: result.errors.map((error) => ({ ...error })),
			});
		} catch (error) {
			stopped = `reading stopped at task ${taskId}: ${problemText(error)}`;
			items.push({ jobId, taskId, resultRead: false, notReadBecause: stopped });
		}
	}
	return items;
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number, access: RestAccess): RestResultParameters {
	const jobId = readRestJob(ctx, itemIndex);
	const deadlineSeconds = readSeconds(ctx.getNodeParameter('restResultDeadline', itemIndex, DEFAULT_RESULT_DEADLINE_SECONDS), 'Read Deadline', { min: 1 });
	return { jobId, settings: readRestCallSettings(ctx, itemIndex, access), deadlineMs: deadlineSeconds * 1000 };
}

async function execute(ctx: IExecuteFunctions, parameters: RestResultParameters): Promise<IDataObject[]> {
	const items = await readAllTaskResults(ctx, parameters.jobId, parameters.settings, Date.now() + parameters.deadlineMs);
	// A job without tasks still answers, so the input item is never dropped.
	return items.length > 0 ? items : [{ jobId: parameters.jobId, tasks: 0 }];
}

export const restGetAsyncResult: ItemOperation<RestResultParameters, RestAccess> = { readParameters, execute };
