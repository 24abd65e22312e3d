/**
 * Items → NetSuite Async, run by n8n's engine (the test harness's WorkflowExecute) with the real
 * node and credential from source, against the simulator. The same shape as runNetSuite in
 * test/workflow/netsuite-workflow.ts, which cannot be used here: see the require below.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import type * as NodeModule from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { chainWorkflow, ITEMS_TYPE, runWorkflow, type WorkflowRunResult } from '../../test/harness';

// Under tsx (Node's resolver), '…/NetSuiteAsync.node' finds the codex file NetSuiteAsync.node.json
// before the .ts source, so the source file is named with its extension.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NetSuiteAsync } = require('../../nodes/NetSuiteAsync/NetSuiteAsync.node.ts') as typeof NodeModule;

export const NODE_TYPE = 'n8n-nodes-netsuite-async.netSuiteAsync';
export const NODE_NAME = 'NetSuite Async';

export interface SimulatorTarget {
	endpointUrl: string;
	credentials: Record<string, string>;
}

export function credentialFor(target: SimulatorTarget): ICredentialDataDecryptedObject {
	return { ...target.credentials, apiVersion: '2025_2', endpointUrl: target.endpointUrl };
}

export async function runNode(
	target: SimulatorTarget,
	parameters: INodeParameters,
	items: IDataObject[],
	onError?: 'continueRegularOutput',
): Promise<WorkflowRunResult> {
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify(items) } },
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters,
			credentials: { netSuiteTbaApi: { id: '1', name: 'NetSuite simulator' } },
			...(onError ? { onError } : {}),
		},
	);
	return await runWorkflow(workflow, {
		nodeTypes: { [NODE_TYPE]: new NetSuiteAsync() },
		credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi() },
		credentials: { netSuiteTbaApi: credentialFor(target) },
	});
}
