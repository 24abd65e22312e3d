import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readCredentialData, type NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { CREDENTIAL_TYPE } from '../transport/callSuiteTalk';
import { checkAsyncStatus } from './checkAsyncStatus.operation';
import { getAsyncResult } from './getAsyncResult.operation';
import type { ItemOperation } from './itemOperation';
import { CredentialProblem } from './credentialProblem';
import { runItems } from './runItems';
import { readConcurrency } from './sharedOptions';
import { toNodeError } from './toNodeError';

const operations: Record<string, ItemOperation<unknown>> = {
	checkAsyncStatus: checkAsyncStatus as ItemOperation<unknown>,
	getAsyncResult: getAsyncResult as ItemOperation<unknown>,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) throw toNodeError(this.getNode(), new Error(`The operation "${operationName}" is not supported`), 0);

	let credential: NetSuiteTbaCredentialData | CredentialProblem;
	try {
		credential = readCredentialData(await this.getCredentials(CREDENTIAL_TYPE));
	} catch (error) {
		// A broken credential fails every item the same way, still through On Error.
		credential = new CredentialProblem(error);
	}
	let concurrency: number;
	try {
		concurrency = readConcurrency(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
	return await runItems(this, operation, credential, concurrency);
}
