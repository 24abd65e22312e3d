import type { IExecuteFunctions } from 'n8n-workflow';

import { readRestJobStatus } from '../rest/asyncJob';
import { jobPath } from '../rest/jobReference';
import { callRest, type RestCallSettings } from '../transport/callRest';
import { checkOutputCount, executeCheck, readCheckParameters, type CheckParameters, type StatusChecker } from './checkAsyncStatus.operation';
import type { ItemOperation } from './itemOperation';
import { readRestCallSettings, type RestAccess } from './restAccess';
import { readRestJob } from './restJob';
import { readAllTaskResults } from './restGetAsyncResult.operation';

/** GET …/async/v1/job/{id}: the job's status in Check Async Status's fields. */
export function restStatusChecker(settings: RestCallSettings): StatusChecker {
	return async (ctx, jobId) => {
		const { json, retries } = await callRest(ctx, { method: 'GET', url: jobPath(jobId) }, settings);
		const checkedAtMs = Date.now();
		const { progress, completed, ...status } = readRestJobStatus(json, jobId);
		return { ...status, retries, checkedAtMs, apiFields: { progress, completed, api: 'rest' } };
	};
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number, access: RestAccess): CheckParameters {
	const jobId = readRestJob(ctx, itemIndex);
	const settings = readRestCallSettings(ctx, itemIndex, access);
	return {
		...readCheckParameters(ctx, itemIndex, jobId, settings),
		check: restStatusChecker(settings),
		readResults: (context) => readAllTaskResults(context, jobId, settings, undefined),
	};
}

/** Check Async Status for REST jobs: the SOAP operation's schedule, outputs and options, REST's requests. */
export const restCheckAsyncStatus: ItemOperation<CheckParameters, RestAccess> = {
	readParameters,
	execute: (ctx, parameters) => executeCheck(ctx, parameters),
	outputCount: checkOutputCount,
};
