import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { faultAdvice } from '../suitetalk/faultAdvice';
import { InvalidCredentialError } from '../suitetalk/credentialData';
import { UnexpectedResponseError } from '../suitetalk/asyncStatus';
import { ExecutionCancelledError, SuiteTalkFaultError, SuiteTalkTransportError } from '../transport/errors';
import { InvalidInputError } from './inputValidation';
import { ResultReadInterruptedError } from './resultReadError';

/** An outcome the person asked to treat as an error (timeout, failed job), not a malfunction. */
export class ItemOutcomeError extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly details: JsonObject = {},
	) {
		super(message);
		this.name = 'ItemOutcomeError';
	}
}

export type ItemError = NodeApiError | NodeOperationError;

/**
 * NodeApiError swaps any message that mentions a Node error code (ECONNREFUSED, ECONNRESET,
 * ETIMEDOUT, …) for n8n's generic text, which drops "NetSuite" and advises a retry the node has
 * already made. Our messages are written for the person reading them: put them back.
 */
function keepMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

function retriesNote(retries: number): string {
	return retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
}

/**
 * Builds a fresh n8n error from our own data: never wraps an n8n HTTP error, whose cause carries
 * the signed request, and always records the item (re-wrapping a NodeApiError would lose it).
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number, jobId?: string): ItemError {
	if (error instanceof ResultReadInterruptedError) {
		const nodeError = toNodeError(node, error.failure, itemIndex, jobId);
		nodeError.description = `${nodeError.description ?? ''} ${error.progress()}`.trim();
		Object.assign(nodeError.context, {
			pageIndex: error.pageIndex,
			pagesRead: error.pagesRead,
			resultCallsUsed: error.resultCallsUsed,
		});
		return nodeError;
	}
	const jobPart = jobId === undefined ? {} : { jobId };
	if (error instanceof SuiteTalkFaultError) {
		const { fault } = error;
		const advice = faultAdvice(fault, jobId);
		const apiError = new NodeApiError(
			node,
			{ message: fault.message, code: fault.code } as JsonObject,
			{
				message: advice.message,
				description: `${advice.description}${retriesNote(error.retries)}`,
				httpCode: String(fault.httpStatus),
				itemIndex,
			},
		);
		Object.assign(apiError.context, {
			itemIndex,
			faultCode: fault.code,
			faultMessage: fault.message,
			faultElement: fault.faultElement,
			nsId: fault.nsId,
			retries: error.retries,
			...(fault.clockSkewMs === undefined ? {} : { clockSkewSeconds: Math.round(fault.clockSkewMs / 1000) }),
			...jobPart,
		});
		return keepMessage(apiError, advice.message);
	}
	if (error instanceof SuiteTalkTransportError) {
		const clientError = error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500;
		let description = `The answer could not be used${retriesNote(error.retries)}; retrying would not help.`;
		if (error.notRepeatedBecause) {
			description = `NetSuite may have processed this request, so it was not sent again: ${error.notRepeatedBecause}`;
		} else if (error.retryable) {
			description = `NetSuite did not give a usable answer${retriesNote(error.retries)}. This is usually temporary (outage, maintenance, network); run the workflow again later, or raise "Max Retries".`;
		} else if (clientError) {
			description = `Whatever answered is not NetSuite's SOAP endpoint${retriesNote(error.retries)}. Check the credential's Endpoint URL (leave it empty to use the one derived from the Account ID and API Version) and any proxy in between.`;
		}
		const apiError = new NodeApiError(node, { message: error.message, code: error.code } as JsonObject, {
			message: error.message,
			description,
			httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
			itemIndex,
		});
		Object.assign(apiError.context, {
			itemIndex,
			errorCode: error.code,
			retries: error.retries,
			mayHaveBeenProcessed: error.delivery === 'mayHaveBeenProcessed',
			...jobPart,
		});
		return keepMessage(apiError, error.message);
	}
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(node, `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: error.fix,
		});
	}
	if (error instanceof InvalidCredentialError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: 'Open the NetSuite TBA API credential and correct the field named above.',
		});
	}
	if (error instanceof ItemOutcomeError) {
		const operationError = new NodeOperationError(node, error.message, { itemIndex, description: error.description });
		Object.assign(operationError.context, { ...error.details, ...jobPart });
		return operationError;
	}
	if (error instanceof UnexpectedResponseError) {
		const apiError = new NodeApiError(node, { message: error.message } as JsonObject, {
			message: error.message,
			description: 'NetSuite answered, but not in the shape SuiteTalk documents. Run again; if it repeats, report the nsId to NetSuite support.',
			itemIndex,
		});
		Object.assign(apiError.context, { itemIndex, ...jobPart });
		return keepMessage(apiError, error.message);
	}
	if (error instanceof ExecutionCancelledError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, (error as Error)?.message ?? String(error), { itemIndex });
}
