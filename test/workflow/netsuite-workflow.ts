import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { chainWorkflow, ITEMS_TYPE, runWorkflow, type RunWorkflowOptions, type WorkflowRunResult } from '../harness';
import type { Simulator, SimulatorCredentials } from '../simulator/server';

export const NODE_TYPE = 'n8n-nodes-netsuite-async.netSuiteAsync';
export const NODE_NAME = 'NetSuite Async';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export function credentialData(simulator: Simulator, override: Partial<SimulatorCredentials> = {}): ICredentialDataDecryptedObject {
	return {
		...simulator.credentials,
		...override,
		apiVersion: '2025_2',
		endpointUrl: simulator.endpointUrl(),
	};
}

export interface NetSuiteRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	onError?: OnError;
	credential?: ICredentialDataDecryptedObject;
	cancelAfterMs?: number;
	/** Replaces the package's credential type (e.g. a wrapper that counts the requests it signs). */
	credentialType?: ICredentialType;
}

/** Items → NetSuite Async, run by n8n's engine with the real credential and node against `simulator`. */
export async function runNetSuite(simulator: Simulator, run: NetSuiteRun): Promise<WorkflowRunResult> {
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { operation: 'checkAsyncStatus', ...run.parameters },
			credentials: { netSuiteTbaApi: { id: '1', name: 'NetSuite simulator' } },
			...(run.onError ? { onError: run.onError } : {}),
		},
	);
	const options: RunWorkflowOptions = {
		nodeTypes: { [NODE_TYPE]: new NetSuiteAsync() },
		credentialTypes: { netSuiteTbaApi: run.credentialType ?? new NetSuiteTbaApi() },
		credentials: { netSuiteTbaApi: run.credential ?? credentialData(simulator) },
		cancelAfterMs: run.cancelAfterMs,
	};
	return await runWorkflow(workflow, options);
}

/** Output JSON minus the wall-clock fields, which a test cannot pin. */
export function stable(json: IDataObject): IDataObject {
	const { checkedAt, waitedSeconds, ...rest } = json;
	expect(typeof checkedAt).toBe('string');
	expect(Number.isNaN(Date.parse(checkedAt as string))).toBe(false);
	if (waitedSeconds !== undefined) expect(typeof waitedSeconds).toBe('number');
	return rest;
}

/** Fast retries for tests: the schedule is the same, only shorter. */
export const FAST_RETRIES = { retryWait: 0.01, maxRetries: 5 };

/** A simulator job that answers these statuses, one per status check, then stays at the last. */
export const steps = (...statuses: Array<[string, number?, number?]>) => ({
	script: {
		steps: statuses.map(([status, percentCompleted = 0, estRemainingDuration = 0]) => ({ status, percentCompleted, estRemainingDuration })),
	},
});
