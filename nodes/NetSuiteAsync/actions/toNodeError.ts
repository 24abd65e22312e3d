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

function retriesNote(retries: number): string {
	return retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
}

/**
 * Builds a fresh n8n error from our own data: never wraps an n8n HTTP error, whose cause carries
 * the signed request, and always records the item (re-wrapping a NodeApiError would lose it).
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number, jobId?: string): ItemError {
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
			...jobPart,
		});
		return apiError;
	}
	if (error instanceof SuiteTalkTransportError) {
		const apiError = new NodeApiError(node, { message: error.message, code: error.code } as JsonObject, {
			message: error.message,
			description: error.retryable
				? `NetSuite did not give a usable answer${retriesNote(error.retries)}. This is usually temporary (outage, maintenance, network); run the workflow again later, or raise "Max Retries".`
				: `The answer could not be used${retriesNote(error.retries)}; retrying would not help.`,
			httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
			itemIndex,
		});
		Object.assign(apiError.context, { itemIndex, errorCode: error.code, retries: error.retries, ...jobPart });
		return apiError;
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
		return apiError;
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
