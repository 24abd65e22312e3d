import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { STATUS_RESPONSE_LIMIT_BYTES } from '../../nodes/NetSuiteAsync/actions/sharedOptions';
import { RESULT_PAGE_LIMIT_BYTES } from '../../nodes/NetSuiteAsync/actions/readJobResults';
import type { FaultKind, JobOptions, Simulator, SimulatorCredentials } from '../simulator/types';
import {
	chunked,
	finishedStatusXml,
	gzipChunked,
	send,
	sendFault,
	sendXml,
	stallAfterHeaders,
	trickle,
	statusResponseXml,
	statusResultInner,
	type HostileRequest,
	type HostileServer,
	type StatusFields,
} from './hostile-server';

/**
 * The reliability and security fault matrix, as data. `matrix.test.ts` runs every case without a
 * `file` through n8n's engine; the others run in the file they name. `docs/reliability.md` is
 * rendered from this list (see table.ts) and a test keeps the committed copy equal to it.
 */

export type Area = 'transport' | 'xml' | 'fault' | 'budget' | 'clock' | 'input' | 'cancellation' | 'scale' | 'secrets';
export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface CaseEnv {
	simulator: Simulator;
	hostile: HostileServer;
}

export interface Expectation {
	outcome: 'success' | 'error' | 'canceled';
	/** Whether the node sent the request again. */
	retried: boolean;
	/** Signed requests sent (each attempt carries a new passport): exactly, or within a range. */
	requests: number | { min: number; max: number };
	/** The error message (outcome error); `match: 'prefix'` when it goes on with a variable part. */
	message?: string;
	match?: 'exact' | 'prefix';
	/** Text the error's description contains. */
	description?: string;
	/** faultCode / errorCode the error carries in its details. */
	code?: string;
	/** outcome success: the first output item has these fields. */
	output?: IDataObject;
	/** outcome error with several items: the one that fails (default 0). */
	failingItem?: number;
}

export interface ReliabilityCase {
	id: string;
	area: Area;
	/** What is done to the node. */
	scenario: string;
	/** What the node does about it, in words, for the table. */
	behaviour: string;
	/** Where the requests go. */
	server: 'simulator' | 'hostile' | 'closed port' | 'none';
	setup?: (env: CaseEnv) => void;
	/** Node parameters: operation defaults to checkAsyncStatus, `options` are merged over MATRIX_OPTIONS. */
	parameters?: INodeParameters;
	items?: IDataObject[];
	onError?: OnError;
	/** Credential fields that differ from the simulator's. */
	credential?: Partial<SimulatorCredentials>;
	expect: Expectation;
	/** Set when this case found a bug in nodes/ or credentials/ (fixed): what was wrong. */
	bug?: string;
	/** Runs in its own test file (cancellation, 1000 items, memory). */
	file?: string;
}

/** Every matrix run uses these, so the whole suite stays fast: retries are real, only shorter. */
export const MAX_RETRIES = 2;
/** Long enough that a loaded machine never times out by accident; the timeout cases set 1 s (and 1 retry) themselves. */
export const MATRIX_OPTIONS = { retryWait: 0.01, maxRetries: MAX_RETRIES, requestTimeout: 10 };
const SHORT_TIMEOUT = { options: { requestTimeout: 1, maxRetries: 1 } };
const ATTEMPTS = MAX_RETRIES + 1;

const MB = 1024 * 1024;
export const HUGE_BODY_BYTES = 50 * MB;

// ------------------------------------------------------------------------------------------------
// helpers for setups

const finished: JobOptions = { script: { steps: [{ status: 'finished', percentCompleted: 100 }] } };
const pending: JobOptions = { script: { steps: [{ status: 'pending' }] } };

/** A finished search with one record per page. */
function searchPages(pages: number): JobOptions['results'] {
	return { kind: 'search', records: Array.from({ length: pages }, (_, index) => ({ recordType: 'Customer', internalId: String(index + 1) })), pageSize: 1 };
}

const oneWrite: JobOptions = { ...finished, results: { kind: 'write', records: [{ isSuccess: true, internalId: '1' }] } };

function job(jobId: string, options: JobOptions = finished) {
	return ({ simulator }: CaseEnv) => simulator.addJob(jobId, options);
}

function injected(jobId: string, kind: FaultKind, count: number, options: JobOptions = finished) {
	return ({ simulator }: CaseEnv) => {
		simulator.addJob(jobId, options);
		simulator.injectFaults(kind, count, { jobId });
	};
}

/** The case's one item names a job on the simulator whose first `count` requests get the `kind` fault. */
function faultedJob(jobId: string, kind: FaultKind, count: number, options: JobOptions = finished) {
	return { server: 'simulator' as const, setup: injected(jobId, kind, count, options), items: [{ jobId }] };
}

function hostile(...answers: Parameters<HostileServer['use']>) {
	return ({ hostile: server }: CaseEnv) => server.use(...answers);
}

/** A status answer for the asked job with some fields changed (`null` removes a field). */
function statusWith(fields: { [K in keyof StatusFields]?: string | null }, extra = '') {
	return (request: HostileRequest) => {
		const base: StatusFields = { jobId: request.rawJobId, status: 'finished', percentCompleted: '100.0', estRemainingDuration: '0.0' };
		for (const [name, value] of Object.entries(fields)) {
			base[name as keyof StatusFields] = value === null ? undefined : value;
		}
		return statusResponseXml(statusResultInner(base, extra));
	};
}

/** A finished status whose status text carries bytes that are not UTF-8 (C3 28 FF FE). */
const invalidUtf8 = (request: HostileRequest) => {
	const [before, after] = finishedStatusXml(request).split('ished</platformCore:status>');
	return Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(`ished</platformCore:status>${after}`)]);
};

const BILLION_LAUGHS =
	'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
	Array.from({ length: 8 }, (_, index) => `<!ENTITY lol${index + 2} "${`&lol${index + 1};`.repeat(10)}">`).join('') +
	']>';

const withDoctype = (doctype: string, entity: string) => (request: HostileRequest) =>
	finishedStatusXml(request).replace('<?xml version="1.0" encoding="UTF-8"?>', doctype).replace('>finished<', `>${entity}<`);

const deeplyNested = (depth: number) => (request: HostileRequest) =>
	finishedStatusXml(request).replace('<soapenv:Body>', `<soapenv:Body>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);

const fault = (element: string, code: string, message: string, status = 500) =>
	sendFault({ faultstring: message, detail: { element, code, message } }, status);

const INVALID_LOGIN = 'NetSuite refused the token passport: Invalid login attempt.';
const retriesNote = `(after ${MAX_RETRIES} retries)`;

// ------------------------------------------------------------------------------------------------

export const cases: ReliabilityCase[] = [
	// ------------------------------------------------------------------ transport
	{
		id: 'transport.connection-refused',
		area: 'transport',
		scenario: 'Connection refused: nothing listens on the endpoint port',
		behaviour: 'Retried with backoff (a network error), then the item fails',
		server: 'closed port',
		items: [{ jobId: 'JOB_REFUSED' }],
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: 'The request to NetSuite failed before an answer arrived (ECONNREFUSED)',
			code: 'NETWORK_ERROR',
			description: retriesNote,
		},
		bug: "n8n's NodeApiError swaps any message that mentions ECONNREFUSED, ECONNRESET, ETIMEDOUT, … for its generic text (\"The service refused the connection - perhaps it is offline\", \"… You can retry the request immediately\"), which dropped NetSuite from the message and advised a retry the node had already made. toNodeError now keeps the node's own message.",
	},
	{
		id: 'transport.reset-mid-body',
		area: 'transport',
		scenario: 'Connection reset after the headers and half the body, every time',
		behaviour: 'Retried, then the item fails naming the broken-off answer',
		...faultedJob('JOB_RESET', 'RESET', 10),
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: "NetSuite's answer broke off before it was complete (ECONNRESET)",
			code: 'NETWORK_ERROR',
		},
		bug: 'See transport.connection-refused (n8n\'s generic text replaced the message). Also, a reset after the answer had begun was described as "failed before an answer arrived"; errors while reading the body now say the answer broke off.',
	},
	{
		id: 'transport.reset-once',
		area: 'transport',
		scenario: 'Connection reset mid-body once, then a normal answer',
		behaviour: 'Retried with a new passport; the item succeeds',
		...faultedJob('JOB_RESET_ONCE', 'RESET', 1),
		expect: { outcome: 'success', retried: true, requests: 2, output: { jobId: 'JOB_RESET_ONCE', status: 'finished' } },
	},
	{
		id: 'transport.no-answer',
		area: 'transport',
		scenario: 'The server accepts the request and never answers (Request Timeout 1 s, Max Retries 1)',
		behaviour: 'The request timeout fires, the request is retried (Max Retries 1 here), then the item fails',
		...faultedJob('JOB_HANG', 'HANG', 10),
		parameters: SHORT_TIMEOUT,
		expect: { outcome: 'error', retried: true, requests: 2, message: 'NetSuite did not answer within 1 s', code: 'TIMEOUT' },
	},
	{
		id: 'transport.no-answer-once',
		area: 'transport',
		scenario: 'No answer once, then a normal answer (Request Timeout 1 s, Max Retries 1)',
		behaviour: 'Timed out after 1 s, retried; the item succeeds',
		...faultedJob('JOB_HANG_ONCE', 'HANG', 1),
		parameters: SHORT_TIMEOUT,
		expect: { outcome: 'success', retried: true, requests: 2, output: { status: 'finished' } },
	},
	{
		id: 'transport.stall-after-headers',
		area: 'transport',
		scenario: 'Headers and a few bytes arrive, then the body stalls (Request Timeout 1 s, Max Retries 1)',
		behaviour: 'The request timeout also bounds the body: abandoned, retried, then the item fails',
		server: 'hostile',
		setup: hostile(stallAfterHeaders('<?xml version="1.0"?><soapenv:Envelope')),
		items: [{ jobId: 'JOB_STALL' }],
		parameters: SHORT_TIMEOUT,
		expect: { outcome: 'error', retried: true, requests: 2, message: 'NetSuite did not finish its answer within 1 s', code: 'TIMEOUT' },
		bug: 'See transport.connection-refused: a socket idle timeout ended it, reported with n8n\'s generic "connection closed unexpectedly" text. The body deadline (see transport.trickling-body) now ends it first, as a timeout.',
	},
	{
		id: 'transport.trickling-body',
		area: 'transport',
		scenario: 'Headers, then one byte every 200 ms, forever: never idle long enough for a socket timeout (Request Timeout 1 s, Max Retries 1)',
		behaviour: 'The request timeout bounds the whole answer: abandoned, retried, then the item fails',
		server: 'hostile',
		setup: hostile(trickle(200)),
		items: [{ jobId: 'JOB_TRICKLE' }],
		parameters: SHORT_TIMEOUT,
		expect: { outcome: 'error', retried: true, requests: 2, message: 'NetSuite did not finish its answer within 1 s', code: 'TIMEOUT' },
		bug: 'The request timeout ended at the response headers: a body that kept trickling (a byte now and then) hung the item until the execution was cancelled. The body read now gets what is left of the request timeout.',
	},
	{
		id: 'transport.truncated',
		area: 'transport',
		scenario: 'A status answer cut off mid-element (Content-Length matches the cut)',
		behaviour: 'Not XML: retried, then the item fails with the start of the body',
		...faultedJob('JOB_TRUNC', 'TRUNCATED', 10),
		expect: { outcome: 'error', retried: true, requests: ATTEMPTS, message: 'The response is not well-formed XML', match: 'prefix', code: 'MALFORMED_XML' },
	},
	{
		id: 'transport.empty-200',
		area: 'transport',
		scenario: 'HTTP 200 with an empty body',
		behaviour: 'Retried, then the item fails',
		...faultedJob('JOB_EMPTY', 'EMPTY_200', 10),
		expect: { outcome: 'error', retried: true, requests: ATTEMPTS, message: 'NetSuite answered HTTP 200 with an empty body', code: 'EMPTY_RESPONSE' },
	},
	{
		id: 'transport.html-503',
		area: 'transport',
		scenario: 'HTTP 503 with an HTML maintenance page, every time',
		behaviour: 'Retried, then the item fails saying it was an HTML page',
		...faultedJob('JOB_503', 'HTML_503', 10),
		onError: 'continueErrorOutput',
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: 'NetSuite answered HTTP 503 with an HTML page instead of SOAP XML (maintenance, an outage or a proxy in between)',
			code: 'HTML_RESPONSE',
		},
	},
	{
		id: 'transport.html-503-once',
		area: 'transport',
		scenario: 'One HTML 503 page, then a normal answer',
		behaviour: 'Retried; the item succeeds',
		...faultedJob('JOB_503_ONCE', 'HTML_503', 1),
		expect: { outcome: 'success', retried: true, requests: 2, output: { status: 'finished' } },
	},
	{
		id: 'transport.fault-as-200',
		area: 'transport',
		scenario: 'HTTP 200 whose body is a SOAP fault (WS_REQUEST_BLOCKED), every time',
		behaviour: 'Read as the fault it is (never as success): retried as a concurrency block, then the item fails',
		...faultedJob('JOB_FAULT200', 'FAULT_AS_200', 10),
		expect: { outcome: 'error', retried: true, requests: ATTEMPTS, message: "NetSuite's concurrency limit stayed exceeded (WS_REQUEST_BLOCKED)", code: 'WS_REQUEST_BLOCKED' },
	},
	{
		id: 'transport.fault-as-200-final',
		area: 'transport',
		scenario: 'HTTP 200 whose body is an INVALID_JOB_ID fault',
		behaviour: 'Read as the fault: not retried, the item fails',
		server: 'hostile',
		setup: hostile(fault('asyncFault', 'INVALID_JOB_ID', 'You have specified an invalid Job Id', 200)),
		items: [{ jobId: 'JOB_FAULT200_FINAL' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite does not know job "JOB_FAULT200_FINAL" (INVALID_JOB_ID)', code: 'INVALID_JOB_ID' },
	},
	{
		id: 'transport.gzip-chunked',
		area: 'transport',
		scenario: 'The answer gzip-compressed and sent chunked in 8 parts',
		behaviour: 'Decompressed and read; the item succeeds',
		server: 'hostile',
		setup: hostile(gzipChunked(finishedStatusXml)),
		items: [{ jobId: 'JOB_GZIP' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { jobId: 'JOB_GZIP', status: 'finished', percentCompleted: 100 } },
	},
	{
		id: 'transport.chunked',
		area: 'transport',
		scenario: 'The answer chunked (no Content-Length) in 16 parts a few ms apart',
		behaviour: 'Read to the end; the item succeeds',
		server: 'hostile',
		setup: hostile(chunked(finishedStatusXml)),
		items: [{ jobId: 'JOB_CHUNKED' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { jobId: 'JOB_CHUNKED', status: 'finished' } },
	},
	{
		id: 'transport.not-soap',
		area: 'transport',
		scenario: 'HTTP 200 with well-formed XML that is not a SOAP envelope',
		behaviour: 'Not retried (a 200 that is not SOAP will not change); the item fails',
		server: 'hostile',
		setup: hostile(sendXml(200, '<?xml version="1.0"?><status>finished</status>')),
		items: [{ jobId: 'JOB_NOT_SOAP' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite answered HTTP 200 with XML that is not a SOAP envelope', code: 'NOT_SOAP' },
	},
	{
		id: 'transport.http-404-text',
		area: 'transport',
		scenario: 'HTTP 404 with a plain-text body (a wrong Endpoint URL or proxy path)',
		behaviour: 'Not retried: a 4xx that is not SOAP will not heal; the message names the status and points at the Endpoint URL',
		server: 'hostile',
		setup: hostile(send(404, 'text/plain; charset=utf-8', 'Not Found')),
		items: [{ jobId: 'JOB_404' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite answered HTTP 404 with a body that is not SOAP XML: Not Found',
			code: 'HTTP_ERROR',
			description: 'Endpoint URL',
		},
		bug: 'A non-XML 4xx answer (wrong Endpoint URL, proxy refusing) was treated as a passing outage: retried Max Retries times (up to about 30 s of backoff with the defaults) and reported as "not well-formed XML". Now a 4xx other than 408/429 that is not SOAP (text or HTML) is final, and a text body is named by its status.',
	},
	{
		id: 'transport.html-403',
		area: 'transport',
		scenario: 'HTTP 403 with an HTML page (a proxy or firewall refusing)',
		behaviour: 'Not retried: a refusal by whatever stands in front of NetSuite will not heal',
		server: 'hostile',
		setup: hostile(send(403, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>403 Forbidden</h1></body></html>')),
		items: [{ jobId: 'JOB_403' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite answered HTTP 403 with an HTML page instead of SOAP XML (maintenance, an outage or a proxy in between)',
			code: 'HTML_RESPONSE',
			description: 'Endpoint URL',
		},
		bug: 'See transport.http-404-text (same fix).',
	},
	{
		id: 'transport.huge-status-answer',
		area: 'transport',
		scenario: `A ${HUGE_BODY_BYTES / MB} MB answer to a status check`,
		behaviour: `Refused once ${STATUS_RESPONSE_LIMIT_BYTES / MB} MB are read: the connection is dropped, memory stays bounded, not retried`,
		server: 'hostile',
		file: 'memory.test.ts',
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: `NetSuite's response is larger than ${STATUS_RESPONSE_LIMIT_BYTES / 1024} KB, the limit for this request`,
			code: 'RESPONSE_TOO_LARGE',
		},
	},
	{
		id: 'transport.gzip-bomb',
		area: 'transport',
		scenario: `A small gzip body that inflates to ${HUGE_BODY_BYTES / MB} MB, to a status check`,
		behaviour: `The limit counts inflated bytes: refused at ${STATUS_RESPONSE_LIMIT_BYTES / MB} MB, memory stays bounded, not retried`,
		server: 'hostile',
		file: 'memory.test.ts',
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: `NetSuite's response is larger than ${STATUS_RESPONSE_LIMIT_BYTES / 1024} KB, the limit for this request`,
			code: 'RESPONSE_TOO_LARGE',
		},
	},
	{
		id: 'transport.large-result-page',
		area: 'transport',
		scenario: 'A 3 MB getAsyncResult page (over the status limit)',
		behaviour: `Read: result pages have their own limit of ${RESULT_PAGE_LIMIT_BYTES / MB} MB (RESULT_PAGE_LIMIT_BYTES); the item succeeds`,
		server: 'simulator',
		file: 'memory.test.ts',
		expect: { outcome: 'success', retried: false, requests: 1, output: { isSuccess: true } },
	},

	// ------------------------------------------------------------------ XML hostility
	{
		id: 'xml.billion-laughs',
		area: 'xml',
		scenario: 'A DOCTYPE with nested entity expansion ("billion laughs")',
		behaviour: 'Refused before parsing (SOAP forbids a DTD): nothing is expanded, not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, withDoctype(BILLION_LAUGHS, '&lol9;'))),
		items: [{ jobId: 'JOB_LAUGHS' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'The response contains a DOCTYPE, which SOAP forbids', match: 'prefix', code: 'DOCTYPE_REFUSED' },
	},
	{
		id: 'xml.external-entity',
		area: 'xml',
		scenario: 'A DOCTYPE with an external entity (SYSTEM "file:///etc/passwd")',
		behaviour: 'Refused before parsing: no file is read, not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, withDoctype('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'))),
		items: [{ jobId: 'JOB_XXE' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'The response contains a DOCTYPE, which SOAP forbids', match: 'prefix', code: 'DOCTYPE_REFUSED' },
	},
	{
		id: 'xml.deeply-nested',
		area: 'xml',
		scenario: '100,000 nested elements inside the SOAP Body',
		behaviour: 'The parser stops at 100 levels (no stack overflow): a deterministic refusal of a complete answer, so not retried; the item fails',
		server: 'hostile',
		setup: hostile(sendXml(200, deeplyNested(100000))),
		items: [{ jobId: 'JOB_DEEP' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'The response could not be parsed as XML (Maximum nested tags exceeded)',
			match: 'prefix',
			code: 'XML_REFUSED',
		},
		bug: 'Every parse failure was classified as a retryable malformed body, so a complete answer the parser refuses (nesting limit, reserved names) was sent again Max Retries times, for getAsyncResult spending the job\'s 20 calls. Parse errors now carry a typed kind; only "not well-formed" is retried.',
	},
	{
		id: 'xml.invalid-utf8',
		area: 'xml',
		scenario: 'Invalid UTF-8 bytes inside the status element',
		behaviour: 'Refused by a strict decoder (never turned into U+FFFD): retried, then the item fails',
		server: 'hostile',
		setup: hostile(sendXml(200, invalidUtf8)),
		items: [{ jobId: 'JOB_UTF8' }],
		expect: { outcome: 'error', retried: true, requests: ATTEMPTS, message: "NetSuite's response is not valid UTF-8", code: 'INVALID_ENCODING' },
	},
	{
		id: 'xml.other-job-id',
		area: 'xml',
		scenario: 'A well-formed answer about a different job id than the one asked',
		behaviour: 'Refused: the answer is never attributed to the asked job; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ jobId: 'SOMEONE_ELSES_JOB' }))),
		items: [{ jobId: 'JOB_MINE' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite answered about job "SOMEONE_ELSES_JOB" when asked about job "JOB_MINE"' },
	},
	{
		id: 'xml.missing-status',
		area: 'xml',
		scenario: 'asyncStatusResult without a status element',
		behaviour: 'Refused as an answer not in SuiteTalk\'s shape; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ status: null }))),
		items: [{ jobId: 'JOB_NO_STATUS' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: "NetSuite's asyncStatusResult has no status" },
	},
	{
		id: 'xml.missing-job-id',
		area: 'xml',
		scenario: 'asyncStatusResult without a jobId element',
		behaviour: 'Refused; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ jobId: null }))),
		items: [{ jobId: 'JOB_NO_ID' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: "NetSuite's asyncStatusResult has no jobId" },
	},
	{
		id: 'xml.missing-percent',
		area: 'xml',
		scenario: 'asyncStatusResult without percentCompleted',
		behaviour: 'Read as 0: the status stays readable (PROTOCOL: tolerate both readings of unverified shapes); not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ percentCompleted: null }))),
		items: [{ jobId: 'JOB_NO_PERCENT' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { percentCompleted: 0 } },
		bug: 'A missing percentCompleted or estRemainingDuration made the whole status unreadable, a finished job included (review R10); both now default to 0.',
	},
	{
		id: 'xml.missing-result',
		area: 'xml',
		scenario: 'A SOAP Body without asyncStatusResult',
		behaviour: 'Refused; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, () => statusResponseXml('').replace(/<platformCore:asyncStatusResult[^>]*><\/platformCore:asyncStatusResult>/, ''))),
		items: [{ jobId: 'JOB_NO_RESULT' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite answered without an asyncStatusResult element' },
	},
	{
		id: 'xml.duplicated-status',
		area: 'xml',
		scenario: 'Two status elements that disagree (pending, then finished)',
		behaviour: 'Refused as ambiguous; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ status: 'pending' }, '<platformCore:status>finished</platformCore:status>'))),
		items: [{ jobId: 'JOB_DUP_STATUS' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite\'s asyncStatusResult has 2 different status values ("pending", "finished")' },
		bug: 'Duplicated fields were read silently as their first value: two disagreeing statuses, or a second jobId naming another job, passed as a normal answer. Disagreeing duplicates are now refused (identical ones still pass).',
	},
	{
		id: 'xml.duplicated-job-id',
		area: 'xml',
		scenario: 'Two jobId elements: the asked one, then another job\'s',
		behaviour: 'Refused as ambiguous; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({}, '<platformCore:jobId>SOMEONE_ELSES_JOB</platformCore:jobId>'))),
		items: [{ jobId: 'JOB_DUP_ID' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite\'s asyncStatusResult has 2 different jobId values ("JOB_DUP_ID", "SOMEONE_ELSES_JOB")' },
		bug: 'See xml.duplicated-status (same fix).',
	},
	{
		id: 'xml.duplicated-identical',
		area: 'xml',
		scenario: 'A field repeated with the same value',
		behaviour: 'Tolerated: the answer is unambiguous; the item succeeds',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({}, '<platformCore:status>finished</platformCore:status>'))),
		items: [{ jobId: 'JOB_DUP_SAME' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { jobId: 'JOB_DUP_SAME', status: 'finished' } },
	},
	{
		id: 'xml.non-numeric-percent',
		area: 'xml',
		scenario: 'percentCompleted is "fifty"',
		behaviour: 'Refused (numbers are read as decimals, never guessed); not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ status: 'processing', percentCompleted: 'fifty' }))),
		items: [{ jobId: 'JOB_FIFTY' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite\'s asyncStatusResult has a non-numeric ("fifty") percentCompleted' },
	},
	{
		id: 'xml.infinite-percent',
		area: 'xml',
		scenario: 'percentCompleted is "1e400" (overflows to Infinity)',
		behaviour: 'Refused like any non-finite number; not retried',
		server: 'hostile',
		setup: hostile(sendXml(200, statusWith({ status: 'processing', percentCompleted: '1e400' }))),
		items: [{ jobId: 'JOB_INF' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite\'s asyncStatusResult has a non-numeric ("1e400") percentCompleted' },
	},

	// ------------------------------------------------------------------ NetSuite faults (PROTOCOL §6)
	{
		id: 'fault.ws-request-blocked-transient',
		area: 'fault',
		scenario: 'WS_REQUEST_BLOCKED twice, then an answer',
		behaviour: 'Retried with a new passport each time; the item succeeds',
		...faultedJob('JOB_BLOCKED_2', 'WS_REQUEST_BLOCKED', 2),
		expect: { outcome: 'success', retried: true, requests: 3, output: { status: 'finished' } },
	},
	{
		id: 'fault.ws-request-blocked-budget',
		area: 'fault',
		scenario: 'Concurrency blocks that outlast the retry budget (account limit 0)',
		behaviour: 'Retried Max Retries times, then the item fails naming the concurrency limit',
		server: 'simulator',
		setup: (env) => {
			env.simulator.addJob('JOB_BLOCKED_ALWAYS', finished);
			env.simulator.setConcurrencyLimit(0);
		},
		items: [{ jobId: 'JOB_BLOCKED_ALWAYS' }],
		onError: 'continueRegularOutput',
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: "NetSuite's concurrency limit stayed exceeded (WS_REQUEST_BLOCKED)",
			code: 'WS_REQUEST_BLOCKED',
			description: retriesNote,
		},
	},
	{
		id: 'fault.concurrency-limit',
		area: 'fault',
		scenario: '3 items at once against an account limit of 2',
		behaviour: 'The blocked item is retried after a jittered wait; all items succeed',
		server: 'simulator',
		setup: (env) => {
			['JOB_SLOT_0', 'JOB_SLOT_1', 'JOB_SLOT_2'].forEach((jobId) => env.simulator.addJob(jobId, finished));
			env.simulator.setConcurrencyLimit(2);
			env.simulator.setLatency(30);
		},
		items: [{ jobId: 'JOB_SLOT_0' }, { jobId: 'JOB_SLOT_1' }, { jobId: 'JOB_SLOT_2' }],
		parameters: { options: { concurrency: 3, maxRetries: 10, retryWait: 0.02 } },
		expect: { outcome: 'success', retried: true, requests: { min: 4, max: 33 }, output: { status: 'finished' } },
	},
	{
		id: 'fault.ws-concur-session-transient',
		area: 'fault',
		scenario: 'WS_CONCUR_SESSION_DISALLWD once, then an answer',
		behaviour: 'Retried; the item succeeds',
		...faultedJob('JOB_SESSION_1', 'WS_CONCUR_SESSION_DISALLWD', 1),
		expect: { outcome: 'success', retried: true, requests: 2, output: { status: 'finished' } },
	},
	{
		id: 'fault.ws-concur-session-budget',
		area: 'fault',
		scenario: 'WS_CONCUR_SESSION_DISALLWD every time',
		behaviour: 'Retried Max Retries times, then the item fails',
		...faultedJob('JOB_SESSION_ALWAYS', 'WS_CONCUR_SESSION_DISALLWD', 10),
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: "NetSuite's concurrency limit stayed exceeded (WS_CONCUR_SESSION_DISALLWD)",
			code: 'WS_CONCUR_SESSION_DISALLWD',
		},
	},
	{
		id: 'fault.acct-temp-unavailable-transient',
		area: 'fault',
		scenario: 'ACCT_TEMP_UNAVAILABLE (maintenance) once, then an answer',
		behaviour: 'Retried; the item succeeds',
		...faultedJob('JOB_MAINT_1', 'ACCT_TEMP_UNAVAILABLE', 1),
		expect: { outcome: 'success', retried: true, requests: 2, output: { status: 'finished' } },
	},
	{
		id: 'fault.acct-temp-unavailable-budget',
		area: 'fault',
		scenario: 'ACCT_TEMP_UNAVAILABLE every time',
		behaviour: 'Retried Max Retries times, then the item fails',
		...faultedJob('JOB_MAINT_ALWAYS', 'ACCT_TEMP_UNAVAILABLE', 10),
		onError: 'continueErrorOutput',
		expect: { outcome: 'error', retried: true, requests: ATTEMPTS, message: 'NetSuite is temporarily unavailable (ACCT_TEMP_UNAVAILABLE)', code: 'ACCT_TEMP_UNAVAILABLE' },
	},
	{
		id: 'fault.invalid-login-attempt',
		area: 'fault',
		scenario: 'INVALID_LOGIN_ATTEMPT (a wrong token secret)',
		behaviour: 'Not retried; the message says where NetSuite shows the reason (Login Audit Trail)',
		server: 'simulator',
		setup: job('JOB_LOGIN'),
		credential: { tokenSecret: 'reliability-wrong-token-secret' },
		items: [{ jobId: 'JOB_LOGIN' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: INVALID_LOGIN, code: 'INVALID_LOGIN_ATTEMPT', description: 'View Login Audit Trail' },
	},
	{
		id: 'fault.invalid-login-credentials',
		area: 'fault',
		scenario: 'INVALID_LOGIN_CREDENTIALS (the other invalid-login code)',
		behaviour: 'Not retried; same advice as INVALID_LOGIN_ATTEMPT',
		server: 'hostile',
		setup: hostile(fault('invalidCredentialsFault', 'INVALID_LOGIN_CREDENTIALS', 'Invalid login attempt.')),
		items: [{ jobId: 'JOB_LOGIN_CRED' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: INVALID_LOGIN, code: 'INVALID_LOGIN_CREDENTIALS', description: 'View Login Audit Trail' },
	},
	{
		id: 'fault.invalid-job-id',
		area: 'fault',
		scenario: 'INVALID_JOB_ID (a job the account does not know)',
		behaviour: 'Not retried; the message says why job ids stop working',
		server: 'simulator',
		items: [{ jobId: 'JOB_NOBODY_KNOWS' }],
		onError: 'continueErrorOutput',
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite does not know job "JOB_NOBODY_KNOWS" (INVALID_JOB_ID)',
			code: 'INVALID_JOB_ID',
			description: 'purges jobs 30 days after submission',
		},
	},
	{
		id: 'fault.invalid-jobid-spelling',
		area: 'fault',
		scenario: 'INVALID_JOBID (the spelling the prose also uses)',
		behaviour: 'Matched like INVALID_JOB_ID; not retried',
		...faultedJob('JOB_SPELLING', 'INVALID_JOBID', 1),
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite does not know job "JOB_SPELLING" (INVALID_JOBID)', code: 'INVALID_JOBID' },
	},
	{
		id: 'fault.invalid-page-index',
		area: 'fault',
		scenario: 'INVALID_PAGE_INDEX (Get Async Result, One Page, page 7 of 1)',
		behaviour: 'Not retried; the message says pages run from 1 to totalPages',
		server: 'simulator',
		setup: job('JOB_PAGE'),
		parameters: { operation: 'getAsyncResult', pages: 'one', pageIndex: 7 },
		items: [{ jobId: 'JOB_PAGE' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'Job "JOB_PAGE" has no such result page (INVALID_PAGE_INDEX)', code: 'INVALID_PAGE_INDEX' },
	},
	{
		id: 'fault.invalid-ws-version',
		area: 'fault',
		scenario: 'INVALID_WS_VERSION (job submitted through 2024_2, read through 2025_2)',
		behaviour: 'Not retried; the message says to use the submitting version',
		server: 'simulator',
		setup: job('JOB_VERSION', { ...finished, apiVersion: '2024_2' }),
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_VERSION' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'Job "JOB_VERSION" was submitted through another SuiteTalk version (INVALID_WS_VERSION)',
			code: 'INVALID_WS_VERSION',
		},
	},
	{
		id: 'fault.job-not-complete',
		area: 'fault',
		scenario: 'JOB_NOT_COMPLETE (Get Async Result of a pending job)',
		behaviour: 'Not retried (getAsyncResult is never used to poll)',
		server: 'simulator',
		setup: job('JOB_PENDING_RESULT', pending),
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_PENDING_RESULT' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'Job "JOB_PENDING_RESULT" has not finished yet (JOB_NOT_COMPLETE)', code: 'JOB_NOT_COMPLETE' },
	},
	{
		id: 'fault.insufficient-permission',
		area: 'fault',
		scenario: 'INSUFFICIENT_PERMISSION',
		behaviour: 'Not retried; the message points at the token\'s role',
		...faultedJob('JOB_PERMISSION', 'INSUFFICIENT_PERMISSION', 1),
		expect: { outcome: 'error', retried: false, requests: 1, message: "The token's role is not allowed to do this (INSUFFICIENT_PERMISSION)", code: 'INSUFFICIENT_PERMISSION' },
	},
	{
		id: 'fault.feature-disabled',
		area: 'fault',
		scenario: 'FEATURE_DISABLED (a feature fault)',
		behaviour: 'Not retried; the message points at the account\'s features, not the role',
		server: 'hostile',
		setup: hostile(fault('unexpectedErrorFault', 'FEATURE_DISABLED', 'The feature Web Services is not enabled in your account.')),
		items: [{ jobId: 'JOB_FEATURE' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'A NetSuite feature this needs is not enabled in the account (FEATURE_DISABLED)',
			code: 'FEATURE_DISABLED',
			description: 'Enable Features',
		},
		bug: 'FEATURE_DISABLED was reported as "The token\'s role is not allowed to do this", sending people to the role instead of Setup > Company > Enable Features.',
	},
	{
		id: 'fault.faultstring-only',
		area: 'fault',
		scenario: 'A fault whose detail holds only the Axis hostname (faultstring only)',
		behaviour: 'The faultstring is the message and faultcode the code; not retried',
		...faultedJob('JOB_FAULTSTRING', 'FAULTSTRING_ONLY', 1),
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite returned a fault: An unexpected error occurred. Error ID: simulator0faultstring0only (Server.userException)',
			code: 'Server.userException',
		},
	},
	{
		id: 'fault.empty-fault',
		area: 'fault',
		scenario: 'A fault with an empty faultstring and no detail',
		behaviour: 'Still an error that says so; not retried',
		server: 'hostile',
		setup: hostile(sendFault({ faultstring: '' })),
		items: [{ jobId: 'JOB_EMPTY_FAULT' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite returned a fault: NetSuite returned a SOAP fault without a message (Server.userException)',
			code: 'Server.userException',
		},
	},
	{
		id: 'fault.element-code-mismatch',
		area: 'fault',
		scenario: 'invalidCredentialsFault carrying UNEXPECTED_ERROR (as a real NetSuite answer did)',
		behaviour: 'The code decides (not an invalid login); not retried; the message says the credentials could not be checked',
		...faultedJob('JOB_MISMATCH', 'UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS', 1),
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'NetSuite could not check the credentials: An unexpected error occurred. (UNEXPECTED_ERROR)',
			code: 'UNEXPECTED_ERROR',
		},
	},
	{
		id: 'fault.concurrency-element-odd-code',
		area: 'fault',
		scenario: 'exceededConcurrentRequestLimitFault with an unexpected code, then an answer',
		behaviour: 'The element marks it a concurrency block: retried; the item succeeds',
		server: 'hostile',
		setup: hostile(
			fault('exceededConcurrentRequestLimitFault', 'UNEXPECTED_ERROR', 'An unexpected error occurred.'),
			sendXml(200, finishedStatusXml),
		),
		items: [{ jobId: 'JOB_ODD_CONCURRENCY' }],
		expect: { outcome: 'success', retried: true, requests: 2, output: { status: 'finished' } },
	},
	{
		id: 'fault.unknown-code',
		area: 'fault',
		scenario: 'A code no client has seen (SOME_NEW_CODE)',
		behaviour: 'Treated as an open string: not retried, NetSuite\'s own text and code in the message',
		...faultedJob('JOB_NEW_CODE', 'UNKNOWN_CODE', 1),
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite returned a fault: A fault code no client has seen before. (SOME_NEW_CODE)', code: 'SOME_NEW_CODE' },
	},

	// ------------------------------------------------------------------ getAsyncResult call budget
	{
		id: 'budget.cut-off-page-not-repeated',
		area: 'budget',
		scenario: 'Get Async Result: the page answer is cut off mid-element (NetSuite ran the call)',
		behaviour: 'Not retried: the call counted toward the job\'s 20, and repeating it could spend the rest; the item fails saying why',
		...faultedJob('JOB_BUDGET_CUT', 'TRUNCATED', 1),
		parameters: { operation: 'getAsyncResult' },
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'The response is not well-formed XML',
			match: 'prefix',
			code: 'MALFORMED_XML',
			description: 'NetSuite may have processed this request, so it was not sent again',
		},
		bug: 'Every transient failure of getAsyncResult was retried like a status check (review D2): a few cut-off answers spent the job\'s 20 calls and its results were gone (INVALID_JOB_ID) while the run reported success. Retries now follow a per-operation policy (transport/retryPolicy.ts).',
	},
	{
		id: 'budget.timeout-not-repeated',
		area: 'budget',
		scenario: 'Get Async Result: no answer within the Request Timeout (1 s here)',
		behaviour: 'Not retried: NetSuite may have answered the call, which counts',
		...faultedJob('JOB_BUDGET_HANG', 'HANG', 1),
		parameters: { operation: 'getAsyncResult', options: { requestTimeout: 1 } },
		expect: { outcome: 'error', retried: false, requests: 1, message: 'NetSuite did not answer within 1 s', code: 'TIMEOUT' },
	},
	{
		id: 'budget.blocked-retried',
		area: 'budget',
		scenario: 'Get Async Result: WS_REQUEST_BLOCKED twice (refused before processing)',
		behaviour: 'Retried (NetSuite did not run the call); the item succeeds',
		...faultedJob('JOB_BUDGET_BLOCKED', 'WS_REQUEST_BLOCKED', 2, oneWrite),
		parameters: { operation: 'getAsyncResult' },
		expect: { outcome: 'success', retried: true, requests: 3, output: { internalId: '1', isSuccess: true } },
	},
	{
		id: 'budget.maintenance-page-retried',
		area: 'budget',
		scenario: "Get Async Result: the load balancer's HTML 503 maintenance page once",
		behaviour: 'Retried (the request never reached NetSuite); the item succeeds',
		...faultedJob('JOB_BUDGET_503', 'HTML_503', 1, oneWrite),
		parameters: { operation: 'getAsyncResult' },
		expect: { outcome: 'success', retried: true, requests: 2, output: { internalId: '1', isSuccess: true } },
	},
	{
		id: 'budget.connection-refused-retried',
		area: 'budget',
		scenario: 'Get Async Result: connection refused (nothing listens on the endpoint port)',
		behaviour: 'Retried (the request never left this machine, so it cost no call), then the item fails',
		server: 'closed port',
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_BUDGET_REFUSED' }],
		expect: {
			outcome: 'error',
			retried: true,
			requests: ATTEMPTS,
			message: 'The request to NetSuite failed before an answer arrived (ECONNREFUSED)',
			code: 'NETWORK_ERROR',
			description: retriesNote,
		},
	},
	{
		id: 'budget.exhausted',
		area: 'budget',
		scenario: 'Get Async Result of 11 pages: every page blocked by concurrency once before it is read',
		behaviour: 'Stops before call 21 (every request sent counts, blocked ones too): the error says all 20 were used, how many read a page, and how to read the rest later',
		server: 'simulator',
		setup: ({ simulator }) => {
			simulator.addJob('JOB_BUDGET_ALL', { ...finished, results: searchPages(11) });
			for (let page = 1; page <= 11; page++) simulator.injectFaults('WS_REQUEST_BLOCKED', 1, { jobId: 'JOB_BUDGET_ALL', pageIndex: String(page) });
		},
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_BUDGET_ALL' }],
		expect: {
			outcome: 'error',
			retried: true,
			requests: 20,
			message: 'Job "JOB_BUDGET_ALL": stopped before getAsyncResult call 21; this run has used all 20 calls NetSuite allows per job (10 read a page, 10 failed or broke off), 0 remain',
			description: 'Pages "One Page"',
		},
	},
	{
		id: 'budget.pages-over-remaining',
		area: 'budget',
		scenario: 'Get Async Result of 19 pages: page 1 needed 3 calls (2 concurrency blocks)',
		behaviour: 'Refused after page 1: 18 more pages but 17 calls left; reading on would stop part-way',
		server: 'simulator',
		setup: ({ simulator }) => {
			simulator.addJob('JOB_BUDGET_LEFT', { ...finished, results: searchPages(19) });
			simulator.injectFaults('WS_REQUEST_BLOCKED', 2, { jobId: 'JOB_BUDGET_LEFT', pageIndex: '1' });
		},
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_BUDGET_LEFT' }],
		expect: {
			outcome: 'error',
			retried: true,
			requests: 3,
			message: 'Job "JOB_BUDGET_LEFT" has 18 more result pages than page 1, but only 17 of its 20 getAsyncResult calls remain (3 used reading page 1)',
		},
	},
	{
		id: 'budget.page-over-limit',
		area: 'budget',
		scenario: 'Get Async Result: a 2 MB page with Max Page Size 1 MB',
		behaviour: "Dropped at the limit before parsing (n8n's heap is safe); not retried; the error says how to make pages smaller",
		server: 'hostile',
		setup: hostile(send(200, 'text/xml; charset=utf-8', `<?xml version="1.0"?><x>${'y'.repeat(2 * MB)}</x>`)),
		parameters: { operation: 'getAsyncResult', options: { maxPageMegabytes: 1 } },
		items: [{ jobId: 'JOB_BIG_PAGE' }],
		expect: {
			outcome: 'error',
			retried: false,
			requests: 1,
			message: 'Result page 1 of job "JOB_BIG_PAGE" is larger than 1 MB, the Max Page Size',
			description: 'bodyFieldsOnly',
		},
		bug: 'The result page limit was 256 MB, which needs ~1.5 GB of heap to read: the whole n8n process would crash instead of the item failing (review R5). Default now 64 MB (measured in npm run bench), with Max Page Size to raise it.',
	},
	{
		id: 'budget.reserved-element-name',
		area: 'budget',
		scenario: 'Get Async Result: a complete page with an element named constructor',
		behaviour: "The parser's refusal of a complete answer is final: not retried (it would spend the job's calls for the same refusal)",
		server: 'hostile',
		setup: hostile(sendXml(200, (request) => finishedStatusXml(request).replace('<soapenv:Body>', '<soapenv:Body><constructor>1</constructor>'))),
		parameters: { operation: 'getAsyncResult' },
		items: [{ jobId: 'JOB_RESERVED' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: 'The response could not be parsed as XML', match: 'prefix', code: 'XML_REFUSED' },
	},

	// ------------------------------------------------------------------ clock
	{
		id: 'clock.six-minutes-behind',
		area: 'clock',
		scenario: "This machine's clock 6 minutes behind NetSuite's (NetSuite logs InvalidTimestamp)",
		behaviour: "Corrects itself: the refusal's Date header gives the offset, one retry with the passport timestamp corrected by it succeeds (and the node logs the skew)",
		server: 'simulator',
		setup: (env) => {
			env.simulator.addJob('JOB_CLOCK_BEHIND', finished);
			env.simulator.setClockOffsetMs(6 * 60 * 1000);
		},
		items: [{ jobId: 'JOB_CLOCK_BEHIND' }],
		expect: { outcome: 'success', retried: true, requests: 2, output: { jobId: 'JOB_CLOCK_BEHIND', status: 'finished' } },
		bug: 'A clock 6 minutes off produced only the generic invalid-login message; then only a message naming the skew. Now the first refusal\'s Date header sets a clock offset (as the AWS SDK\'s systemClockOffset) and one corrected retry succeeds.',
	},
	{
		id: 'clock.six-minutes-ahead',
		area: 'clock',
		scenario: "This machine's clock 6 minutes ahead of NetSuite's",
		behaviour: 'Corrects itself the same way: one retry with the timestamp moved back succeeds',
		server: 'simulator',
		setup: (env) => {
			env.simulator.addJob('JOB_CLOCK_AHEAD', finished);
			env.simulator.setClockOffsetMs(-6 * 60 * 1000);
		},
		items: [{ jobId: 'JOB_CLOCK_AHEAD' }],
		expect: { outcome: 'success', retried: true, requests: 2, output: { jobId: 'JOB_CLOCK_AHEAD', status: 'finished' } },
	},
	{
		id: 'clock.skewed-and-wrong-secret',
		area: 'clock',
		scenario: "This machine's clock 6 minutes behind NetSuite's and a wrong consumer secret",
		behaviour: 'One corrected retry, refused again; the error says the clock is off by N s, that the corrected retry failed too, and to check the secrets',
		server: 'simulator',
		setup: (env) => {
			env.simulator.addJob('JOB_CLOCK_AND_SECRET', finished);
			env.simulator.setClockOffsetMs(6 * 60 * 1000);
		},
		credential: { consumerSecret: 'reliability-wrong-consumer-secret' },
		items: [{ jobId: 'JOB_CLOCK_AND_SECRET' }],
		expect: {
			outcome: 'error',
			retried: true,
			requests: 2,
			message: "NetSuite refused the token passport: Invalid login attempt. This machine's clock is about 6 minutes behind NetSuite's (clock skew: off by ",
			match: 'prefix',
			code: 'INVALID_LOGIN_ATTEMPT',
			description: 'NetSuite still refused it, so check the credential\'s secrets too',
		},
	},
	{
		id: 'clock.three-minutes-off',
		area: 'clock',
		scenario: 'A clock 3 minutes off (inside NetSuite\'s ±5 minutes)',
		behaviour: 'Accepted; the item succeeds',
		server: 'simulator',
		setup: (env) => {
			env.simulator.addJob('JOB_CLOCK_OK', finished);
			env.simulator.setClockOffsetMs(3 * 60 * 1000);
		},
		items: [{ jobId: 'JOB_CLOCK_OK' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { status: 'finished' } },
	},
	{
		id: 'clock.wrong-secret-right-clock',
		area: 'clock',
		scenario: 'A wrong consumer secret with a correct clock',
		behaviour: 'Not retried; the message does not blame the clock',
		server: 'simulator',
		setup: job('JOB_CLOCK_FINE'),
		credential: { consumerSecret: 'reliability-wrong-consumer-secret' },
		items: [{ jobId: 'JOB_CLOCK_FINE' }],
		expect: { outcome: 'error', retried: false, requests: 1, message: INVALID_LOGIN, code: 'INVALID_LOGIN_ATTEMPT' },
	},

	// ------------------------------------------------------------------ input
	{
		id: 'input.empty',
		area: 'input',
		scenario: 'Job ID empty',
		behaviour: 'Refused before any request',
		server: 'simulator',
		items: [{ jobId: '' }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is empty' },
	},
	{
		id: 'input.huge',
		area: 'input',
		scenario: 'Job ID of 10 KB',
		behaviour: 'Refused before any request',
		server: 'simulator',
		items: [{ jobId: 'J'.repeat(10 * 1024) }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is 10240 characters long, more than a NetSuite job id can be' },
	},
	{
		id: 'input.xml-metacharacters',
		area: 'input',
		scenario: 'Job ID with XML metacharacters (`<&"\'>`, `]]>` and a closing tag)',
		behaviour: 'Escaped in the request, never injected; the item succeeds with the id intact',
		server: 'simulator',
		setup: job('JOB<&"\'>]]></platformMsgs:jobId><x>'),
		items: [{ jobId: 'JOB<&"\'>]]></platformMsgs:jobId><x>' }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { jobId: 'JOB<&"\'>]]></platformMsgs:jobId><x>', status: 'finished' } },
	},
	{
		id: 'input.control-characters',
		area: 'input',
		scenario: 'Job ID with a control character (U+0001)',
		behaviour: 'Refused before any request (XML cannot carry it)',
		server: 'simulator',
		items: [{ jobId: 'JOB\u0001X' }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID contains control characters, which XML cannot carry' },
	},
	{
		id: 'input.noncharacter',
		area: 'input',
		scenario: 'Job ID with U+FFFF (not a character XML allows)',
		behaviour: 'Refused before any request',
		server: 'simulator',
		items: [{ jobId: 'JOB\uFFFFX' }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID contains U+FFFF, which XML cannot carry' },
		bug: 'Only C0 control characters were refused: U+FFFE/U+FFFF went out raw (a request NetSuite\'s parser rejects) and an unpaired surrogate was silently turned into U+FFFD, asking about a different job. Both are now refused before any request.',
	},
	{
		id: 'input.unpaired-surrogate',
		area: 'input',
		scenario: 'Job ID with an unpaired surrogate (U+D800)',
		behaviour: 'Refused before any request (it would be sent as U+FFFD, another job)',
		server: 'simulator',
		items: [{ jobId: 'JOB\uD800X' }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID contains U+D800, which XML cannot carry' },
		bug: 'See input.noncharacter (same fix).',
	},
	{
		id: 'input.number',
		area: 'input',
		scenario: 'Job ID expression resolving to a number (12345)',
		behaviour: 'Used as the id "12345"; the item succeeds',
		server: 'simulator',
		setup: job('12345'),
		items: [{ jobId: 12345 }],
		expect: { outcome: 'success', retried: false, requests: 1, output: { jobId: '12345', status: 'finished' } },
	},
	{
		id: 'input.null',
		area: 'input',
		scenario: 'Job ID expression resolving to null',
		behaviour: 'Refused before any request, naming the item',
		server: 'simulator',
		items: [{ jobId: null }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is null' },
	},
	{
		id: 'input.array',
		area: 'input',
		scenario: 'Job ID expression resolving to an array',
		behaviour: 'Refused before any request, naming the item',
		server: 'simulator',
		items: [{ jobId: ['JOB_A', 'JOB_B'] }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is an array' },
	},
	{
		id: 'input.object',
		area: 'input',
		scenario: 'Job ID expression resolving to an object',
		behaviour: 'Refused before any request, naming the item',
		server: 'simulator',
		items: [{ jobId: { id: 'JOB_A' } }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is an object' },
	},
	{
		id: 'input.missing',
		area: 'input',
		scenario: 'The item has no jobId field',
		behaviour: 'Refused before any request, naming the item',
		server: 'simulator',
		items: [{ id: 'no job id here' }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is missing' },
	},
	{
		id: 'input.envelope-with-doctype',
		area: 'input',
		scenario: 'Job ID is a "submission response" carrying a DOCTYPE with entities',
		behaviour: 'Not parsed (DOCTYPE refused): refused before any request',
		server: 'simulator',
		items: [{ jobId: `${BILLION_LAUGHS}<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>` }],
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is XML, but not an async submission response with an asyncStatusResult/jobId' },
	},
	{
		id: 'input.one-bad-item',
		area: 'input',
		scenario: '3 items, the middle one without a job id (On Error: continue, error output)',
		behaviour: 'The other items are checked; the bad one goes to the error output paired to its input',
		server: 'simulator',
		setup: (env) => ['JOB_GOOD_0', 'JOB_GOOD_2'].forEach((jobId) => env.simulator.addJob(jobId, finished)),
		items: [{ jobId: 'JOB_GOOD_0' }, { jobId: '' }, { jobId: 'JOB_GOOD_2' }],
		onError: 'continueErrorOutput',
		expect: { outcome: 'error', retried: false, requests: 2, message: 'The Job ID is empty', failingItem: 1 },
	},
	{
		id: 'scale.thousand-items',
		area: 'scale',
		scenario: '1,000 items, every 100th job unknown (On Error: continue, error output; 10 at once)',
		behaviour: 'Exactly one request per item; 990 items out, 10 on the error output, all paired and in order',
		server: 'simulator',
		onError: 'continueErrorOutput',
		file: 'thousand-items.test.ts',
		expect: { outcome: 'error', retried: false, requests: 1000, message: 'NetSuite does not know job "JOB_T_0" (INVALID_JOB_ID)' },
	},
	{
		id: 'scale.thousand-items-stop',
		area: 'scale',
		scenario: '1,000 items, item 100 fails (On Error: stop workflow; 5 at once)',
		behaviour: 'No new item starts after the failure (the 4 in flight finish); the workflow error names item 100',
		server: 'simulator',
		file: 'thousand-items.test.ts',
		expect: { outcome: 'error', retried: false, requests: { min: 101, max: 150 }, message: 'NetSuite does not know job "JOB_S_100" (INVALID_JOB_ID)' },
	},
	{
		id: 'scale.thousand-items-bad-input',
		area: 'scale',
		scenario: '1,000 items, the last one with a 10 KB job id (On Error: stop workflow)',
		behaviour: 'Every item is validated before the first request: nothing is sent',
		server: 'simulator',
		file: 'thousand-items.test.ts',
		expect: { outcome: 'error', retried: false, requests: 0, message: 'The Job ID is 10240 characters long, more than a NetSuite job id can be' },
	},

	// ------------------------------------------------------------------ cancellation
	{
		id: 'cancellation.during-request',
		area: 'cancellation',
		scenario: 'Execution cancelled while a request waits for its answer (server answers after 5 s)',
		behaviour: 'The request is aborted at once; no retry; the execution ends canceled',
		server: 'simulator',
		file: 'cancellation.test.ts',
		expect: { outcome: 'canceled', retried: false, requests: 1 },
	},
	{
		id: 'cancellation.during-body',
		area: 'cancellation',
		scenario: 'Execution cancelled while the body is being read (it stalls after the headers)',
		behaviour: 'The body read stops at once; no retry; the execution ends canceled',
		server: 'hostile',
		file: 'cancellation.test.ts',
		expect: { outcome: 'canceled', retried: false, requests: 1 },
	},
	{
		id: 'cancellation.during-poll-wait',
		area: 'cancellation',
		scenario: 'Execution cancelled during a 30 s wait between two status checks',
		behaviour: 'The wait ends at once; no further check; the execution ends canceled',
		server: 'simulator',
		file: 'cancellation.test.ts',
		expect: { outcome: 'canceled', retried: false, requests: 1 },
	},
	{
		id: 'cancellation.during-backoff',
		area: 'cancellation',
		scenario: 'Execution cancelled during a 30 s retry backoff after WS_REQUEST_BLOCKED',
		behaviour: 'The backoff ends at once; the retry is never sent; the execution ends canceled',
		server: 'simulator',
		file: 'cancellation.test.ts',
		expect: { outcome: 'canceled', retried: false, requests: 1 },
	},
	{
		id: 'cancellation.thousand-items',
		area: 'cancellation',
		scenario: 'Execution cancelled while 1,000 items are being checked (On Error: continue, error output)',
		onError: 'continueErrorOutput',
		behaviour: 'Cancelled 2.5 s in: no item starts after the cancel and none becomes an error item; the node ends with one cancellation error',
		server: 'simulator',
		file: 'cancellation.test.ts',
		expect: { outcome: 'canceled', retried: false, requests: { min: 1, max: 999 } },
		bug: 'With On Error set to continue, a cancelled execution kept going through every remaining item (each failing at once as "cancelled" and becoming an error item): about 1.5 s of work after Stop for 1,000 items on this machine, growing with the item count. The item pool now stops starting items once the execution is cancelled, and the node ends with one cancellation error.',
	},

	// ------------------------------------------------------------------ secrets
	{
		id: 'secrets.whole-matrix',
		area: 'secrets',
		scenario: 'After every case above: consumer secret, token secret (right and wrong ones) and every signature sent',
		behaviour: 'None appears in any output item, error message, error description, error context or captured log line',
		server: 'none',
		file: 'matrix.test.ts',
		expect: { outcome: 'success', retried: false, requests: 0 },
	},
];

export function reliabilityCase(id: string): ReliabilityCase {
	const found = cases.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`No reliability case "${id}"`);
	return found;
}

/** Cases the generic runner in matrix.test.ts drives. */
export const matrixCases = cases.filter((candidate) => candidate.file === undefined);
