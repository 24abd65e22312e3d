import type { SuiteTalkFault } from '../suitetalk/faults';
import type { TransportProblem } from '../suitetalk/classifyResponse';

/** NetSuite answered with a SOAP fault (after any retries the fault allowed). */
export class SuiteTalkFaultError extends Error {
	constructor(
		readonly fault: SuiteTalkFault,
		readonly retries: number,
	) {
		super(fault.message);
		this.name = 'SuiteTalkFaultError';
	}
}

export type TransportErrorCode =
	| TransportProblem['code']
	| 'NETWORK_ERROR'
	| 'TIMEOUT'
	| 'RESPONSE_TOO_LARGE'
	| 'INVALID_ENCODING'
	| 'REQUEST_NOT_SIGNED';

/** No usable SOAP answer: network, HTTP, encoding or XML trouble. */
export class SuiteTalkTransportError extends Error {
	constructor(
		readonly code: TransportErrorCode,
		message: string,
		readonly retryable: boolean,
		readonly retries: number,
		readonly httpStatus?: number,
	) {
		super(message);
		this.name = 'SuiteTalkTransportError';
	}
}

export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

/** A failure that clears by itself (concurrency block, maintenance, outage, network): worth asking again later. */
export function isRetryableFailure(error: unknown): error is SuiteTalkFaultError | SuiteTalkTransportError {
	if (error instanceof SuiteTalkFaultError) return error.fault.retryable;
	return error instanceof SuiteTalkTransportError && error.retryable;
}

/** "message (CODE)": how a failure is named in a later error that it explains. */
export function describeFailure(error: SuiteTalkFaultError | SuiteTalkTransportError): string {
	const code = error instanceof SuiteTalkFaultError ? error.fault.code : error.code;
	return `${error.message} (${code})`;
}
