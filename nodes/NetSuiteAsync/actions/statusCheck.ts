import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAsyncStatus, UnexpectedResponseError, type AsyncStatus } from '../suitetalk/asyncStatus';
import { callSuiteTalk, type CallSettings } from '../transport/callSuiteTalk';

export interface CheckedStatus extends AsyncStatus {
	nsId?: string;
	retries: number;
	/** When the answer arrived. */
	checkedAtMs: number;
	/** Fields only one API reports (REST's raw progress and completed), output beside the shared ones. */
	apiFields?: IDataObject;
}

/** One checkAsyncStatus request, with the answer tied to the job that was asked about. */
export async function checkStatusOnce(ctx: IExecuteFunctions, jobId: string, settings: CallSettings): Promise<CheckedStatus> {
	const { document, nsId, retries } = await callSuiteTalk(
		ctx,
		{ operation: 'checkAsyncStatus', fields: [['jobId', jobId]] },
		settings,
	);
	const checkedAtMs = Date.now();
	const status = readAsyncStatus(document);
	if (status.jobId !== jobId) {
		throw new UnexpectedResponseError(
			`NetSuite answered about job "${status.jobId.slice(0, 80)}" when asked about job "${jobId}"`,
		);
	}
	return { ...status, nsId, retries, checkedAtMs };
}
