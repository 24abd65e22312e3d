import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readCredentialData, type NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { CREDENTIAL_TYPE } from '../transport/callSuiteTalk';
import { checkAsyncStatus } from './checkAsyncStatus.operation';
import { getAsyncResult } from './getAsyncResult.operation';
import type { ItemOperation } from './itemOperation';
import { CredentialProblem } from './credentialProblem';
import { InvalidInputError } from './inputValidation';
import { readRestAccess, restCredentialType, type RestAccess } from './restAccess';
import { restCheckAsyncStatus } from './restCheckAsyncStatus.operation';
import { restGetAsyncResult } from './restGetAsyncResult.operation';
import { restSubmitAsyncJob } from './restSubmitAsyncJob.operation';
import { runItems } from './runItems';
import { submitAsyncJob } from './submitAsyncJob.operation';
import { readConcurrency } from './sharedOptions';
import { toNodeError } from './toNodeError';

const operations: Record<string, ItemOperation<unknown>> = {
	checkAsyncStatus: checkAsyncStatus as ItemOperation<unknown>,
	getAsyncResult: getAsyncResult as ItemOperation<unknown>,
};

const restOperations: Record<string, ItemOperation<unknown, RestAccess>> = {
	checkAsyncStatus: restCheckAsyncStatus as ItemOperation<unknown, RestAccess>,
	getAsyncResult: restGetAsyncResult as ItemOperation<unknown, RestAccess>,
};

/** SuiteTalk REST: either credential, REST's own requests, the same item runner and outputs. */
async function restRouter(ctx: IExecuteFunctions, operationName: string): Promise<INodeExecutionData[][]> {
	const operation = restOperations[operationName];
	if (!operation && operationName !== 'submitAsyncJob') {
		throw toNodeError(
			ctx.getNode(),
			new InvalidInputError(
				`The operation "${operationName}" is not available with API "SuiteTalk REST" in this version`,
				'Set API to "SuiteTalk SOAP" for this operation, or use Check Async Status / Get Async Result on jobs submitted through REST.',
			),
			0,
		);
	}
	let access: RestAccess | CredentialProblem;
	try {
		access = await readRestAccess(ctx);
	} catch (error) {
		access = new CredentialProblem(error);
	}
	if (operationName === 'submitAsyncJob') return await restSubmitAsyncJob(ctx, access);
	let concurrency: number;
	try {
		concurrency = readConcurrency(ctx);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
	return await runItems(ctx, operation, access, concurrency);
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	if (this.getNodeParameter('api', 0, 'soap') === 'rest') return await restRouter(this, operationName);
	if (restCredentialType(this) !== CREDENTIAL_TYPE) {
		throw toNodeError(
			this.getNode(),
			new InvalidInputError(
				'SuiteTalk SOAP accepts only Token-Based Authentication: NetSuite does not support OAuth 2.0 for SOAP web services',
				'Set Authentication to Token-Based Authentication (TBA), or API to SuiteTalk REST for jobs submitted through REST.',
			),
			0,
		);
	}
	const operation = operations[operationName];
	if (!operation && operationName !== 'submitAsyncJob') throw toNodeError(this.getNode(), new Error(`The operation "${operationName}" is not supported`), 0);

	let credential: NetSuiteTbaCredentialData | CredentialProblem;
	try {
		credential = readCredentialData(await this.getCredentials(CREDENTIAL_TYPE));
	} catch (error) {
		// A broken credential fails every item the same way, still through On Error.
		credential = new CredentialProblem(error);
	}
	// Items go out together, in jobs, not one request per item.
	if (operationName === 'submitAsyncJob') return await submitAsyncJob(this, credential);
	let concurrency: number;
	try {
		concurrency = readConcurrency(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
	return await runItems(this, operation, credential, concurrency);
}
