/** The public shapes of the SuiteTalk simulator: tests, the benchmark and the demo code against these. */
import type { XmlNode } from './xml-writer';

import type { RestAsyncService } from './rest/async-jobs';
import type { SimulatorM2mCredentials, SimulatorRest } from './rest/types';

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
	/**
	 * A custom record's baseRef is a CustomRecordRef naming its custom record type (`typeId` = the type's
	 * internal id, `scriptId` = its script id) instead of a RecordRef with `type`.
	 */
	customRecordType?: { typeId?: string; scriptId?: string };
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
	/**
	 * Set by jobs the record store answers: the record's field elements, already in XSD order and in
	 * their declaring namespaces. When present it is written instead of `fields`.
	 */
	elements?: XmlNode[];
	details?: StatusDetail[];
}

export type SearchRecord = Omit<ReadRecord, 'isSuccess' | 'details'>;

export type WriteOperation = 'asyncAddList' | 'asyncUpdateList' | 'asyncUpsertList' | 'asyncDeleteList';
export type ReadOperation = 'asyncGetList' | 'asyncInitializeList';
/** The seven async submit operations the simulator runs against its record store. */
export type SubmitOperation = WriteOperation | ReadOperation | 'asyncSearch';

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
	/** The load balancer's 502 page after NetSuite took the request (charged like any processed call). */
	| 'HTML_502'
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
	/** getAsyncResult's pageIndex as sent, e.g. '2'. */
	pageIndex?: string;
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

/**
 * A stored field as JSON, shaped by the XSD: a simple value is its text (`'true'`, `'2500.5'`); a complex
 * value is an object of its attributes and child elements; a child the schema lets repeat
 * (maxOccurs > 1) is always an array; an element whose declared type is abstract carries `xsiType`
 * (local name, e.g. `StringCustomFieldRef`). Example: `subsidiary: { internalId: '1' }`,
 * `customFieldList: { customField: [{ xsiType: 'StringCustomFieldRef', scriptId: 'custentity_x', value: 'n8n' }] }`,
 * `addressbookList: { replaceAll: 'true', addressbook: [{ label: 'Main', addressbookAddress: { city: 'Boston' } }] }`.
 */
export type StoredValue = string | StoredObject;
export interface StoredObject {
	[name: string]: StoredValue | StoredValue[];
}

/** A record as the simulator's store holds it. */
export interface StoredRecord {
	/** The RecordType value, e.g. `customer`. */
	type: string;
	/** The xsi:type local name, e.g. `Customer`. */
	recordType: string;
	internalId: string;
	externalId?: string;
	/** Body fields by element local name, in XSD order (see StoredValue). */
	fields: StoredObject;
}

/** What a test seeds: ids are assigned when absent. */
export interface RecordSeed {
	internalId?: string;
	externalId?: string;
	fields?: StoredObject;
}

/** Identifies one stored record. External IDs compare case-insensitively, as in NetSuite. */
export type RecordKey = { internalId: string } | { externalId: string };

export interface RecordStoreView {
	/** `type` is the RecordType value (`customer`) or the xsi:type name (`Customer`). */
	get(type: string, key: RecordKey): StoredRecord | undefined;
	count(type: string): number;
	/** Every record of the type, by internalId ascending. */
	all(type: string): StoredRecord[];
	/** Adds (or replaces, same internalId) records; returns them with their ids. Field names are checked against the XSD. */
	seed(type: string, records: RecordSeed[]): StoredRecord[];
	/** Empties the store (the internalId sequence continues). */
	clear(): void;
}

/**
 * A per-record failure a test scripts: every matching record of a later submit fails (or, for
 * `type: 'WARN'`, succeeds with a warning) with this code and message, until `times` are used up.
 */
export interface RecordFailureRule {
	operation?: SubmitOperation;
	/** RecordType value or xsi:type name; default any. */
	recordType?: string;
	/** `index` is the 0-based position of the record (or baseRef) in its job. */
	match: { externalId: string } | { internalId: string } | { index: number };
	code: string;
	message: string;
	/** Default `ERROR`. A `WARN` becomes an error when the job's preferences say warningAsError. */
	type?: 'ERROR' | 'WARN';
	/** The record is saved, then reported failed with afterSubmitFailed=true (an afterSubmit script failed). */
	afterSubmitFailed?: boolean;
	/** How many records it fails; default unlimited. */
	times?: number;
}

/** A job created by one of the seven submit operations, for tests to assert on what arrived. */
export interface SubmittedJob {
	jobId: string;
	operation: SubmitOperation;
	/** records / baseRefs / initializeRecords in the request; 1 for asyncSearch. */
	recordCount: number;
	/** The SOAP header's preferences children as sent (`{ warningAsError: 'true' }`); empty when absent. */
	preferences: Record<string, string>;
	/** The SOAP header's searchPreferences children as sent. */
	searchPreferences: Record<string, string>;
	/** The endpoint version it was submitted through. */
	apiVersion: string;
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
	/** The in-memory record store the seven submit operations read and write. */
	readonly records: RecordStoreView;
	/** Jobs created by the seven submit operations (`simulator.jobs.get(jobId)?.preferences`). */
	readonly jobs: { get(jobId: string): SubmittedJob | undefined };
	scriptRecordFailures(rule: RecordFailureRule): void;
	clearRecordFailures(): void;
	/** REST web services and RESTlets: OAuth 1.0a (TBA) and OAuth 2.0 M2M authentication. */
	readonly rest: SimulatorRest;
	/** REST async jobs: record/batch submits with Prefer: respond-async, jobs, tasks, results, idempotency keys. */
	readonly restAsync: RestAsyncService;
}

export interface SimulatorOptions {
	/** 0 (default) = a random free port. The server binds 127.0.0.1 only. */
	port?: number;
	credentials?: Partial<SimulatorCredentials>;
	latencyMs?: number;
	concurrencyLimit?: number;
	prefixStyle?: PrefixStyle;
	clockOffsetMs?: number;
	/**
	 * Validate each submit against the 2025_2 XSDs (xmllint); default true. Off only where the
	 * benchmark measures the node and not the validator.
	 */
	validateXsd?: boolean;
	/** Lifecycle of the jobs the submit operations create; default 3 s with honest progress. */
	submitJobScript?: JobScript;
	/** The OAuth 2.0 M2M mapping (client ID, certificates, scopes); default: rest/test-keys.ts. */
	m2m?: Partial<SimulatorM2mCredentials>;
}
