/** The public shapes of the SuiteTalk simulator: tests, the benchmark and the demo code against these. */

export interface SimulatorCredentials {
	accountId: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
}

export interface StatusStep {
	status: string;
	/** Default: 100 for a terminal status, else 0. */
	percentCompleted?: number;
	/** Seconds. Default 0. */
	estRemainingDuration?: number;
}

export type FinalStatus = 'finished' | 'finishedWithErrors' | 'failed';

export type JobScript =
	/** One step per checkAsyncStatus call for that job; the last step repeats. */
	| { steps: StatusStep[] }
	/**
	 * Wall-clock lifecycle from addJob/submit: `pending` for `pendingMs` (default 20% of the
	 * duration), then `processing` until `durationMs`, then the final status (default `finished`,
	 * or `finishedWithErrors` when the results hold a failed record).
	 */
	| { durationMs: number; pendingMs?: number; finalStatus?: FinalStatus; informativeProgress?: boolean };

export interface StatusDetail {
	type: 'ERROR' | 'WARN' | 'INFO';
	code: string;
	message: string;
	afterSubmitFailed?: boolean;
}

export interface WriteRecord {
	isSuccess: boolean;
	internalId?: string;
	externalId?: string;
	/** The baseRef's `type` attribute, e.g. `customer`. */
	type?: string;
	details?: StatusDetail[];
}

export interface RecordRefValue {
	internalId?: string;
	externalId?: string;
	type?: string;
	name?: string;
}

export type FieldValue = string | RecordRefValue;

export interface ReadRecord {
	isSuccess: boolean;
	/** The record's xsi:type local name, e.g. `Customer`. */
	recordType: string;
	internalId?: string;
	externalId?: string;
	fields?: Record<string, FieldValue>;
	details?: StatusDetail[];
}

export type SearchRecord = Omit<ReadRecord, 'isSuccess' | 'details'>;

export type WriteOperation = 'asyncAddList' | 'asyncUpdateList' | 'asyncUpsertList' | 'asyncDeleteList';
export type ReadOperation = 'asyncGetList' | 'asyncInitializeList';

export type ResultScript =
	| { kind: 'write'; operation?: WriteOperation; records: WriteRecord[]; pageSize?: number }
	| { kind: 'read'; operation?: ReadOperation; records: ReadRecord[]; pageSize?: number }
	/** rows=true → searchRowList instead of recordList. */
	| { kind: 'search'; records: SearchRecord[]; pageSize?: number; rows?: boolean };

export interface JobOptions {
	script: JobScript;
	/** Default: an empty write list (asyncAddList). */
	results?: ResultScript;
	/** The endpoint version the job was submitted through; default '2025_2'. */
	apiVersion?: string;
}

export type FaultKind =
	| 'WS_REQUEST_BLOCKED'
	| 'WS_CONCUR_SESSION_DISALLWD'
	| 'ACCT_TEMP_UNAVAILABLE'
	| 'INVALID_JOB_ID'
	| 'INVALID_JOBID'
	| 'UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS'
	| 'INSUFFICIENT_PERMISSION'
	| 'FAULTSTRING_ONLY'
	| 'UNKNOWN_CODE'
	| 'HTML_503'
	| 'MALFORMED_XML'
	| 'EMPTY_200'
	| 'TRUNCATED'
	| 'RESET'
	| 'HANG'
	| 'FAULT_AS_200';

export type PrefixStyle = 'platformCore' | 'numbered' | 'defaultNamespace' | 'emptyXmlns' | 'rotate';

export interface FaultMatch {
	operation?: string;
	jobId?: string;
}

/**
 * Login Audit Trail style reasons. Besides the documented ones the simulator also reports
 * `MissingTokenPassportRequiredFields` (a passport child is absent or empty) and
 * `MultipleTokenPassports` (more than one passport in the header).
 */
export type AuthFailureReason =
	| 'InvalidSignature'
	| 'NonceUsed'
	| 'InvalidTimestamp'
	| 'InvalidAccount'
	| 'UnknownConsumerKey'
	| 'UnknownToken'
	| 'InvalidNonce'
	| 'UnsupportedAlgorithm'
	| 'AmbiguousAuthentication'
	| 'MissingPassport'
	| 'MissingTokenPassportRequiredFields'
	| 'MultipleTokenPassports';

export interface SimulatorCounters {
	totalRequests: number;
	byOperation: Record<string, number>;
	/** checkAsyncStatus calls that reached the job (each one advances a steps script). */
	statusChecksByJob: Record<string, number>;
	/** getAsyncResult calls that reached the job lookup, whatever their answer. */
	resultCallsByJob: Record<string, number>;
	/** pageIndex of each of those getAsyncResult calls, in order. */
	resultPagesByJob: Record<string, number[]>;
	authFailures: Array<{ reason: string }>;
	maxInFlight: number;
	blockedByConcurrency: number;
	/** WS_REQUEST_BLOCKED answers per job id the blocked request named (lets a test attribute blocks to whoever polled that job). */
	blockedByJob: Record<string, number>;
}

export interface LoggedRequest {
	operation: string;
	jobId?: string;
	body: string;
	headers: Record<string, string | string[] | undefined>;
}

export interface Simulator {
	/** http://127.0.0.1:<port> */
	url: string;
	/** `${url}/services/NetSuitePort_${apiVersion ?? '2025_2'}` */
	endpointUrl(apiVersion?: string): string;
	credentials: SimulatorCredentials;
	addJob(jobId: string, options: JobOptions): void;
	/** Jobs created by async submits (in order), so a test can find the id it was given. */
	readonly submittedJobIds: string[];
	/** The next `count` requests that match get this fault. */
	injectFaults(kind: FaultKind, count: number, match?: FaultMatch): void;
	/** Drops injected faults not yet delivered. */
	clearFaults(): void;
	setLatency(ms: number): void;
	setConcurrencyLimit(limit: number | undefined): void;
	setClockOffsetMs(ms: number): void;
	setPrefixStyle(style: PrefixStyle): void;
	counters: SimulatorCounters;
	/** Raw log, bounded to the last 2000. */
	requests: LoggedRequest[];
	/** In flight right now (arrived, response not yet ended). */
	readonly inFlight: number;
	/** Zeroes `counters` in place and empties `requests`; jobs, their call budgets and used nonces stay. */
	resetCounters(): void;
	/** Closes the server and destroys every socket, hanging ones included. */
	close(): Promise<void>;
}

export interface SimulatorOptions {
	/** 0 (default) = a random free port. The server binds 127.0.0.1 only. */
	port?: number;
	credentials?: Partial<SimulatorCredentials>;
	latencyMs?: number;
	concurrencyLimit?: number;
	prefixStyle?: PrefixStyle;
	clockOffsetMs?: number;
}
