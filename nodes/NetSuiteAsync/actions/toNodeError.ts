import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { faultAdvice } from '../suitetalk/faultAdvice';
import { InvalidCredentialError } from '../suitetalk/credentialData';
import { UnexpectedResponseError } from '../suitetalk/asyncStatus';
import { UnexpectedRestAnswerError } from '../rest/asyncJob';
import { RestApiError } from '../transport/callRest';
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

interface ApiErrorData {
	message: string;
	description: string;
	httpCode?: string;
	/** What went wrong as data (fault code, nsId, retries…); kept in the error's context. */
	context: IDataObject;
	/** The answer NetSuite gave, as n8n shows it under the error's details. */
	response: JsonObject;
}

/**
 * NodeApiError swaps any message that mentions a Node error code (ECONNREFUSED, ECONNRESET,
 * ETIMEDOUT, …) for n8n's generic text, which drops "NetSuite" and advises a retry the node has
 * already made. Our messages are written for the person reading them: this is the one place that
 * puts them back.
 */
function nodeApiError(node: INode, itemIndex: number, data: ApiErrorData): NodeApiError {
	const error = new NodeApiError(node, data.response, {
		message: data.message,
		description: data.description,
		httpCode: data.httpCode,
		itemIndex,
	});
	error.message = data.message;
	Object.assign(error.context, { itemIndex, ...data.context });
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
		return nodeApiError(node, itemIndex, {
			message: advice.message,
			description: `${advice.description}${retriesNote(error.retries)}`,
			httpCode: String(fault.httpStatus),
			response: { message: fault.message, code: fault.code },
			context: {
				faultCode: fault.code,
				faultMessage: fault.message,
				faultElement: fault.faultElement,
				nsId: fault.nsId,
				retries: error.retries,
				...(fault.clockSkewMs === undefined ? {} : { clockSkewSeconds: Math.round(fault.clockSkewMs / 1000) }),
				...jobPart,
			},
		});
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
		return nodeApiError(node, itemIndex, {
			message: error.message,
			description,
			httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
			response: { message: error.message, code: error.code },
			context: {
				errorCode: error.code,
				retries: error.retries,
				mayHaveBeenProcessed: error.delivery === 'mayHaveBeenProcessed',
				...jobPart,
			},
		});
	}
	if (error instanceof RestApiError) {
		const codes = error.details.map((detail) => detail.code);
		let description = `NetSuite refused the REST request${retriesNote(error.retries)}.`;
		if (error.httpStatus === 401) {
			description = 'NetSuite refused the credential for REST web services: see View Login Audit Trail (Detail column). The role needs REST Web Services (and, for OAuth 2.0, Log in using OAuth 2.0 Access Tokens).';
		} else if (error.httpStatus === 404) {
			description = 'NetSuite knows no such REST async job. Check the job ID or Location; a SOAP job cannot be read through REST, and how long NetSuite keeps REST jobs is not documented.';
		}
		return nodeApiError(node, itemIndex, {
			message: error.message,
			description,
			httpCode: String(error.httpStatus),
			response: { message: error.message, code: codes[0] ?? '' },
			context: { errorCode: codes[0], restErrors: codes.join(', '), retries: error.retries, ...jobPart },
		});
	}
	if (error instanceof UnexpectedRestAnswerError) {
		return nodeApiError(node, itemIndex, {
			message: error.message,
			description: 'NetSuite answered, but not in the shape its REST async service documents. Run again; if it repeats, check what answers at the account\'s REST URL.',
			response: { message: error.message },
			context: jobPart,
		});
	}
	if (error instanceof InvalidInputError) {
		// n8n already names the item (itemIndex); the message says what is wrong.
		return new NodeOperationError(node, error.message, {
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
		return nodeApiError(node, itemIndex, {
			message: error.message,
			description: 'NetSuite answered, but not in the shape SuiteTalk documents. Run again; if it repeats, report the nsId to NetSuite support.',
			response: { message: error.message },
			context: jobPart,
		});
	}
	if (error instanceof ExecutionCancelledError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	if (error instanceof NodeOperationError) {
		// A copy per item: one n8n error (e.g. from getCredentials) can fail every item, each with its own index.
		const copy = new NodeOperationError(node, error.message, { itemIndex, description: error.description ?? undefined });
		Object.assign(copy.context, error.context, { itemIndex });
		return copy;
	}
	if (error instanceof NodeApiError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, (error as Error)?.message ?? String(error), { itemIndex });
}
