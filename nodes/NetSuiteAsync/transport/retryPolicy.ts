import { INVALID_LOGIN_CODES, type SuiteTalkFault } from '../suitetalk/faults';

/**
 * Every SOAP operation the package sends or will send. Submits are listed before their operations
 * exist so that the policy for them is decided here, once, with its reason.
 */
export type SuiteTalkOperation =
	| 'getServerTime'
	| 'checkAsyncStatus'
	| 'getAsyncResult'
	| 'asyncAddList'
	| 'asyncUpdateList'
	| 'asyncUpsertList'
	| 'asyncDeleteList'
	| 'asyncGetList'
	| 'asyncInitializeList'
	| 'asyncSearch';

/**
 * What a failed attempt tells about NetSuite's side. `notProcessed`: the request certainly never
 * reached NetSuite's processing (refused connection, concurrency block, maintenance, the load
 * balancer's 503 page). `mayHaveBeenProcessed`: anything after the request went out (a timeout, a
 * reset mid-answer, a cut-off, malformed or empty body, a 5xx after processing).
 */
export type Delivery = 'notProcessed' | 'mayHaveBeenProcessed';

/** `anyTransientFailure`: repeating is harmless. `onlyIfNotProcessed`: a repeat may cost or duplicate something. */
export type RepeatRule = 'anyTransientFailure' | 'onlyIfNotProcessed';

export interface OperationRetryPolicy {
	repeat: RepeatRule;
	/** One line: why this operation may or may not be repeated after it may have been processed. */
	why: string;
}

export const RETRY_POLICY: Readonly<Record<SuiteTalkOperation, OperationRetryPolicy>> = {
	getServerTime: { repeat: 'anyTransientFailure', why: 'It only reads the clock.' },
	checkAsyncStatus: { repeat: 'anyTransientFailure', why: 'Status checks only read and are not counted per job.' },
	asyncGetList: { repeat: 'anyTransientFailure', why: 'It only reads; a second job costs queue time, not data.' },
	asyncSearch: { repeat: 'anyTransientFailure', why: 'It only reads; a second job costs queue time, not data.' },
	asyncUpsertList: {
		repeat: 'anyTransientFailure',
		why: 'Upsert by externalId leaves the records in the same state however often it runs.',
	},
	getAsyncResult: {
		repeat: 'onlyIfNotProcessed',
		why: 'Every processed call spends one of the 20 NetSuite allows per job; after the 20th the results are gone.',
	},
	asyncAddList: { repeat: 'onlyIfNotProcessed', why: 'A repeated add creates every record a second time.' },
	asyncUpdateList: {
		repeat: 'onlyIfNotProcessed',
		why: 'A second job would write the same changes again after whatever changed in between, and the first job could not be followed.',
	},
	asyncDeleteList: {
		repeat: 'onlyIfNotProcessed',
		why: "A second job fails every record the first one deleted and hides the first job's result.",
	},
	asyncInitializeList: {
		repeat: 'onlyIfNotProcessed',
		why: 'A second job would run unseen beside the first, whose job id would be lost.',
	},
};

/** An operation nobody classified is treated as the costly kind: repeating it must be a decision. */
const UNLISTED_POLICY: OperationRetryPolicy = {
	repeat: 'onlyIfNotProcessed',
	why: 'Operations without a declared policy are repeated only when NetSuite certainly did not process them.',
};

export function retryPolicyFor(operation: string): OperationRetryPolicy {
	return Object.hasOwn(RETRY_POLICY, operation) ? RETRY_POLICY[operation as SuiteTalkOperation] : UNLISTED_POLICY;
}

/** Whether a transient failure with this delivery may be answered by sending the request again. */
export function mayRepeat(operation: string, delivery: Delivery): boolean {
	return delivery === 'notProcessed' || retryPolicyFor(operation).repeat === 'anyTransientFailure';
}

/** Node's codes for a connection that never carried the request: nothing reached NetSuite. */
const NOT_SENT_ERROR_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

export function thrownErrorDelivery(code: string | undefined, phase: 'request' | 'body'): Delivery {
	return phase === 'request' && code !== undefined && NOT_SENT_ERROR_CODES.has(code) ? 'notProcessed' : 'mayHaveBeenProcessed';
}

/** Faults NetSuite answers before it looks at the operation: concurrency, maintenance, login. */
const BEFORE_PROCESSING_CODES: ReadonlySet<string> = new Set([
	'WS_REQUEST_BLOCKED',
	'WS_CONCUR_SESSION_DISALLWD',
	'ACCT_TEMP_UNAVAILABLE',
	...INVALID_LOGIN_CODES,
]);
const BEFORE_PROCESSING_ELEMENTS: ReadonlySet<string> = new Set(['exceededConcurrentRequestLimitFault']);

export function faultDelivery(fault: Pick<SuiteTalkFault, 'code' | 'faultElement'>): Delivery {
	const before =
		BEFORE_PROCESSING_CODES.has(fault.code) ||
		(fault.faultElement !== undefined && BEFORE_PROCESSING_ELEMENTS.has(fault.faultElement));
	return before ? 'notProcessed' : 'mayHaveBeenProcessed';
}

/** The load balancer's maintenance page; a 502/504 may come after NetSuite processed the call. */
export function htmlPageDelivery(httpStatus: number): Delivery {
	return httpStatus === 503 ? 'notProcessed' : 'mayHaveBeenProcessed';
}

/**
 * For a caller that has to tell the person what may exist now (e.g. "the job may have been
 * created; check before submitting again"): true unless the failure certainly came before
 * NetSuite processed the request. Errors not from the transport count as "may have".
 */
export function mayHaveBeenProcessed(error: unknown): boolean {
	const delivery = (error as { delivery?: unknown } | null)?.delivery;
	return delivery !== 'notProcessed';
}
