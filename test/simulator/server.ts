import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import {
	ambiguousAuthenticationFault,
	asyncFault,
	axisFault,
	BAD_GATEWAY_PAGE,
	concurrencyFault,
	faultNode,
	injectedFault,
	INVALID_JOB_MESSAGE,
	invalidLoginFault,
	MAINTENANCE_PAGE,
	malformedXml,
	PRE_PASSPORT_KINDS,
	truncate,
	UNCHARGED_KINDS,
	type SoapFault,
} from './faults';
import { IdFactory } from './ids';
import { DEFAULT_API_VERSION, JobStore, RESULT_CALL_BUDGET } from './jobs';
import { PassportVerifier } from './passport-check';
import { isRestPath, isTokenPath, RestAuth, RESTLET_PATH } from './rest/auth';
import { RestAsyncService } from './rest/async-jobs';
import { JSON_CONTENT_TYPE, restErrorBody } from './rest/errors';
import { defaultM2mCredentials } from './rest/test-keys';
import type { RestAuthGranted, SimulatorM2mCredentials } from './rest/types';
import { NonceMemory } from './tba-rules';
import { operationFromSoapAction, parseRequest, type ParsedRequest } from './request';
import { asyncStatusResponse, envelope, serverTimeResponse, type ResponseContext } from './responses';
import { asyncResultResponse, pageCount } from './results';
import type {
	FaultKind,
	FaultMatch,
	JobOptions,
	LoggedRequest,
	PrefixStyle,
	Simulator,
	SimulatorCounters,
	SimulatorCredentials,
	SimulatorOptions,
	RecordFailureRule,
	RecordStoreView,
	SubmitOperation,
	SubmittedJob,
} from './types';
import { isSubmitOperation, SubmitService } from './submit';
import { ROTATION, type ConcretePrefixStyle } from './xml-writer';

export * from './types';
export type * from './rest/types';

/** Obviously fake values: the simulator is for tests and demos only. */
export const DEFAULT_CREDENTIALS: SimulatorCredentials = {
	accountId: '1234567_SB1',
	consumerKey: 'simulator-consumer-key-not-a-secret',
	consumerSecret: 'simulator-consumer-secret-not-a-secret',
	tokenId: 'simulator-token-id-not-a-secret',
	tokenSecret: 'simulator-token-secret-not-a-secret',
};

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const REQUEST_LOG_SIZE = 2000;
/** A refused upload is drained (so the client reads the 413) but only up to this much. */
const MAX_DRAIN_BYTES = 100 * 1024 * 1024;
const ENDPOINT_PATH = /^\/services\/NetSuitePort_(\d{4}_\d)\/?$/;
const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

interface Injection {
	kind: FaultKind;
	remaining: number;
	match: FaultMatch;
}

type BodyResult = { body: string } | { tooLarge: true } | { aborted: true };

function emptyCounters(): SimulatorCounters {
	return {
		totalRequests: 0,
		byOperation: {},
		statusChecksByJob: {},
		resultCallsByJob: {},
		resultPagesByJob: {},
		authFailures: [],
		maxInFlight: 0,
		blockedByConcurrency: 0,
		blockedByJob: {},
	};
}

function readBody(request: IncomingMessage): Promise<BodyResult> {
	return new Promise((resolve) => {
		const declared = Number(request.headers['content-length']);
		if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
			resolve({ tooLarge: true });
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_DRAIN_BYTES) {
				request.destroy();
				return;
			}
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		request.on('end', () =>
			resolve(size > MAX_BODY_BYTES ? { tooLarge: true } : { body: Buffer.concat(chunks).toString('utf8') }),
		);
		request.on('error', () => resolve({ aborted: true }));
		request.on('close', () => resolve({ aborted: true }));
	});
}

/** A copy: the simulator adds certificates and changes scopes without touching the caller's object. */
function m2mCredentials(overrides: SimulatorOptions['m2m'] = {}): SimulatorM2mCredentials {
	const merged = { ...defaultM2mCredentials(), ...overrides };
	return { ...merged, certificates: [...merged.certificates], allowedScopes: [...merged.allowedScopes] };
}

class SuiteTalkSimulator implements Simulator {
	url = '';
	readonly credentials: SimulatorCredentials;
	readonly counters: SimulatorCounters = emptyCounters();
	readonly requests: LoggedRequest[] = [];
	readonly submittedJobIds: string[] = [];

	private latencyMs: number;
	private concurrencyLimit: number | undefined;
	private clockOffsetMs: number;
	private prefixStyle: PrefixStyle;
	private rotation = 0;
	private inFlightCount = 0;
	private injections: Injection[] = [];
	private closed = false;
	private readonly jobStore = new JobStore();
	private readonly submits: SubmitService;
	private readonly ids: IdFactory;
	private readonly verifier: PassportVerifier;
	readonly rest: RestAuth;
	/** REST async jobs (rest/async-jobs.ts). */
	readonly restAsync: RestAsyncService;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Map<NodeJS.Timeout, () => void>();

	constructor(options: SimulatorOptions) {
		this.credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
		this.latencyMs = options.latencyMs ?? 0;
		this.concurrencyLimit = options.concurrencyLimit;
		this.clockOffsetMs = options.clockOffsetMs ?? 0;
		this.prefixStyle = options.prefixStyle ?? 'platformCore';
		this.ids = new IdFactory(this.credentials.accountId.toUpperCase());
		const nonces = new NonceMemory();
		this.verifier = new PassportVerifier(this.credentials, () => this.netSuiteNow(), nonces);
		this.submits = new SubmitService({ validateXsd: options.validateXsd ?? true, jobScript: options.submitJobScript });
		this.rest = new RestAuth(
			this.credentials,
			m2mCredentials(options.m2m),
			() => this.netSuiteNow(),
			() => this.url,
			(reason) => this.counters.authFailures.push({ reason }),
			nonces,
		);
		this.restAsync = new RestAsyncService(() => this.url);
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => this.internalError(response, error));
		});
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen(port: number): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', reject);
				this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
				resolve();
			});
		});
	}

	get inFlight(): number {
		return this.inFlightCount;
	}

	endpointUrl(apiVersion?: string): string {
		return `${this.url}/services/NetSuitePort_${apiVersion ?? DEFAULT_API_VERSION}`;
	}

	addJob(jobId: string, options: JobOptions): void {
		this.jobStore.add(jobId, options, Date.now());
	}

	injectFaults(kind: FaultKind, count: number, match: FaultMatch = {}): void {
		if (count > 0) this.injections.push({ kind, remaining: count, match: { ...match } });
	}

	clearFaults(): void {
		this.injections = [];
	}

	setLatency(ms: number): void {
		this.latencyMs = Math.max(0, ms);
	}

	setConcurrencyLimit(limit: number | undefined): void {
		this.concurrencyLimit = limit;
	}

	setClockOffsetMs(ms: number): void {
		this.clockOffsetMs = ms;
	}

	setPrefixStyle(style: PrefixStyle): void {
		this.prefixStyle = style;
		this.rotation = 0;
	}

	/** In place, so a reference a test holds stays live. */
	resetCounters(): void {
		Object.assign(this.counters, emptyCounters());
		this.restAsync.resetCounters();
		this.requests.length = 0;
	}

	get records(): RecordStoreView {
		return this.submits.records;
	}

	get jobs(): { get(jobId: string): SubmittedJob | undefined } {
		return this.submits.jobs;
	}

	scriptRecordFailures(rule: RecordFailureRule): void {
		this.submits.scriptFailure(rule);
	}

	clearRecordFailures(): void {
		this.submits.clearFailures();
	}

	close(): Promise<void> {
		this.closed = true;
		for (const [timer, release] of this.timers) {
			clearTimeout(timer);
			release();
		}
		this.timers.clear();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const socket of this.sockets) socket.destroy();
		});
	}

	private netSuiteNow(): number {
		return Date.now() + this.clockOffsetMs;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		// Node would date the answer by the real clock; NetSuite dates it by its own (a skewed client can compare).
		response.setHeader('Date', new Date(this.netSuiteNow()).toUTCString());
		this.inFlightCount += 1;
		this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlightCount);
		// Decided on arrival: NetSuite counts the requests already in flight when this one comes in.
		const overLimit = this.concurrencyLimit !== undefined && this.inFlightCount > this.concurrencyLimit;
		let released = false;
		response.on('close', () => {
			if (!released) {
				released = true;
				this.inFlightCount -= 1;
			}
		});
		this.counters.totalRequests += 1;

		const path = (request.url ?? '').split('?')[0];
		if (isRestPath(path)) return this.handleRest(request, response, path, overLimit);
		const version = ENDPOINT_PATH.exec((request.url ?? '').split('?')[0])?.[1];
		if (request.method !== 'POST') {
			request.resume();
			return this.send(response, 405, 'Only POST is supported.\n', 'text/plain; charset=utf-8', { Allow: 'POST' });
		}
		if (!version) {
			request.resume();
			return this.send(response, 404, 'Not found: use /services/NetSuitePort_<YYYY>_<N>\n', 'text/plain; charset=utf-8');
		}
		const read = await readBody(request);
		if ('aborted' in read) return;
		if ('tooLarge' in read) {
			return this.send(response, 413, 'Request body over 10 MB.\n', 'text/plain; charset=utf-8', { Connection: 'close' });
		}

		let parsed: ParsedRequest | undefined;
		let parseError: string | undefined;
		try {
			parsed = parseRequest(read.body);
		} catch (error) {
			parseError = (error as Error).message;
		}
		const operation = parsed?.operation ?? operationFromSoapAction(request.headers.soapaction) ?? 'unknown';
		this.log({ operation, jobId: parsed?.jobId, body: read.body, headers: { ...request.headers } });

		const injection = this.findInjection(operation, parsed?.jobId, parsed?.pageIndex);
		if (injection && PRE_PASSPORT_KINDS.has(injection.kind)) {
			this.consume(injection);
			// A reset or a hang can strike after NetSuite ran the call: a good passport means it counted.
			if (parsed && this.isCharged(injection.kind, operation)) {
				const passportOk = !this.verifier.verify({ ...parsed, hasCookie: request.headers.cookie !== undefined });
				if (passportOk) this.chargeResultCall(parsed);
			}
			return this.deliverBeforePassport(injection.kind, request, response, version);
		}

		const context = this.responseContext(version);
		if (!parsed) {
			return this.sendFault(response, context, axisFault('soapenv:Client', `org.xml.sax.SAXParseException: ${parseError}`));
		}
		const foreignVersion = parsed.namespaceVersions.find((candidate) => candidate !== version);
		if (foreignVersion) {
			return this.sendFault(
				response,
				context,
				axisFault(
					'soapenv:Server.userException',
					`org.xml.sax.SAXException: the request uses namespaces of version ${foreignVersion} but was sent to the NetSuitePort_${version} endpoint`,
				),
			);
		}

		const reason = this.verifier.verify({ ...parsed, hasCookie: request.headers.cookie !== undefined });
		if (reason) {
			this.counters.authFailures.push({ reason });
			const fault = reason === 'AmbiguousAuthentication' ? ambiguousAuthenticationFault() : invalidLoginFault();
			return this.sendFault(response, context, fault);
		}
		if (overLimit) {
			this.counters.blockedByConcurrency += 1;
			if (parsed.jobId !== undefined) this.counters.blockedByJob[parsed.jobId] = (this.counters.blockedByJob[parsed.jobId] ?? 0) + 1;
			return this.sendFault(response, context, concurrencyFault());
		}
		if (injection) {
			this.consume(injection);
			if (this.isCharged(injection.kind, operation)) this.chargeResultCall(parsed);
			return this.deliverAfterPassport(injection.kind, response, context, parsed);
		}
		return this.dispatch(operation, parsed, read.body, response, context);
	}

	/** REST web services and RESTlets: the token endpoint, else authentication first, then the endpoint. */
	private async handleRest(request: IncomingMessage, response: ServerResponse, path: string, overLimit = false): Promise<void> {
		const read = await readBody(request);
		if ('aborted' in read) return;
		if ('tooLarge' in read) {
			return this.send(response, 413, 'Request body over 10 MB.\n', 'text/plain; charset=utf-8', { Connection: 'close' });
		}
		this.log({ operation: `REST ${request.method ?? ''} ${path}`, body: read.body, headers: { ...request.headers } });
		if (isTokenPath(path)) {
			const answer = this.rest.token(request.method, read.body);
			return this.send(response, answer.status, answer.body, answer.contentType);
		}
		const auth = this.rest.requireAuth({ method: request.method, url: request.url, headers: request.headers, body: read.body });
		if (!auth.ok) return this.send(response, auth.status, auth.body, auth.contentType);
		// REST requests count against the same account limit as SOAP ones [O:subsect_1559222360]; 429 per notes §1.6 (UNVERIFIED).
		if (overLimit) {
			this.counters.blockedByConcurrency += 1;
			const body = restErrorBody(429, [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }]);
			return this.send(response, 429, body, JSON_CONTENT_TYPE);
		}
		if (this.restAsync.handles(path)) {
			const answer = this.restAsync.answer(request.method ?? 'GET', request.url ?? path, request.headers, read.body);
			return this.send(response, answer.status, answer.body, JSON_CONTENT_TYPE, answer.headers);
		}
		return this.dispatchRest(request, response, path, auth);
	}

	/** The REST endpoints behind authentication (REST async jobs plug in here). */
	private dispatchRest(request: IncomingMessage, response: ServerResponse, path: string, auth: RestAuthGranted): Promise<void> {
		const method = request.method ?? 'GET';
		if (path === RESTLET_PATH) {
			const query = new URL(request.url ?? '/', 'http://simulator.invalid').searchParams;
			const script = query.get('script');
			const deploy = query.get('deploy');
			if (script && deploy) {
				// A stand-in RESTlet that says who called it with what, so tests see the signed query arrive.
				const echo = { script, deploy, method, account: auth.account, scheme: auth.scheme, query: Object.fromEntries(query) };
				return this.send(response, 200, JSON.stringify(echo), JSON_CONTENT_TYPE);
			}
		}
		if (path === '/services/rest/record/v1/metadata-catalog' && method === 'GET') {
			const catalog = { items: [{ name: 'customer', links: [{ rel: 'canonical', href: `${this.url}/services/rest/record/v1/metadata-catalog/customer` }] }] };
			return this.send(response, 200, JSON.stringify(catalog), JSON_CONTENT_TYPE);
		}
		const notFound = restErrorBody(404, [{ detail: `The simulator has no REST endpoint ${method} ${path}.`, 'o:errorCode': 'NONEXISTENT_ID' }]);
		return this.send(response, 404, notFound, JSON_CONTENT_TYPE);
	}

	/** A simulator bug must show up as a failing request, not crash the test run that hosts it. */
	private internalError(response: ServerResponse, error: Error): void {
		console.error('SuiteTalk simulator internal error:', error);
		if (response.headersSent || response.destroyed) {
			response.destroy();
			return;
		}
		const body = `Simulator internal error: ${error.message}\n`;
		response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
		response.end(body);
	}

	private dispatch(
		operation: string,
		parsed: ParsedRequest,
		rawBody: string,
		response: ServerResponse,
		context: ResponseContext,
	): Promise<void> {
		if (operation === 'getServerTime') {
			return this.sendXml(response, 200, envelope(context, serverTimeResponse(this.netSuiteNow())));
		}
		if (operation === 'checkAsyncStatus') return this.checkAsyncStatus(parsed, response, context);
		if (operation === 'getAsyncResult') return this.getAsyncResult(parsed, response, context);
		if (isSubmitOperation(operation)) return this.submit(operation, rawBody, response, context);
		return this.sendFault(response, context, axisFault('soapenv:Client', `No such operation '${operation}'`));
	}

	/** The seven submit operations: validated and run against the record store (submit.ts). */
	private async submit(operation: SubmitOperation, rawBody: string, response: ServerResponse, context: ResponseContext): Promise<void> {
		const outcome = await this.submits.submit(operation, rawBody, context.version);
		if ('fault' in outcome) return this.sendFault(response, context, outcome.fault);
		const jobId = this.ids.jobId(this.netSuiteNow());
		this.jobStore.add(jobId, { ...outcome.job, apiVersion: context.version }, Date.now());
		this.submits.recordJob(jobId, outcome.submitted);
		this.submittedJobIds.push(jobId);
		// A submission is always answered `pending` (SUBMIT.md §1.3); the script starts with the first status check.
		const body = asyncStatusResponse(`${operation}Response`, jobId, { status: 'pending', percentCompleted: 0, estRemainingDuration: 0 });
		return this.sendXml(response, 200, envelope(context, body));
	}

	private checkAsyncStatus(parsed: ParsedRequest, response: ServerResponse, context: ResponseContext): Promise<void> {
		const job = this.jobStore.get(parsed.jobId);
		if (!job) return this.sendFault(response, context, asyncFault('INVALID_JOB_ID', INVALID_JOB_MESSAGE));
		this.counters.statusChecksByJob[job.id] = (this.counters.statusChecksByJob[job.id] ?? 0) + 1;
		const view = job.check(Date.now());
		return this.sendXml(response, 200, envelope(context, asyncStatusResponse('checkAsyncStatusResponse', job.id, view)));
	}

	private isCharged(kind: FaultKind, operation: string): boolean {
		return operation === 'getAsyncResult' && !UNCHARGED_KINDS.has(kind);
	}

	/** One of the job's 20 getAsyncResult calls spent, whatever the answer turns out to be. */
	private chargeResultCall(parsed: ParsedRequest): { job: ReturnType<JobStore['get']>; pageIndex: number } {
		const job = this.jobStore.get(parsed.jobId);
		const pageIndex = /^\d{1,9}$/.test(parsed.pageIndex ?? '') ? Number(parsed.pageIndex) : 0;
		if (job) {
			job.resultCalls += 1;
			this.counters.resultCallsByJob[job.id] = (this.counters.resultCallsByJob[job.id] ?? 0) + 1;
			(this.counters.resultPagesByJob[job.id] ??= []).push(pageIndex);
		}
		return { job, pageIndex };
	}

	private getAsyncResult(parsed: ParsedRequest, response: ServerResponse, context: ResponseContext): Promise<void> {
		const { job, pageIndex } = this.chargeResultCall(parsed);
		if (!job) return this.sendFault(response, context, asyncFault('INVALID_JOB_ID', INVALID_JOB_MESSAGE));

		let fault: SoapFault | undefined;
		const pages = pageCount(job.results);
		if (job.resultCalls > RESULT_CALL_BUDGET) {
			fault = asyncFault('INVALID_JOB_ID', INVALID_JOB_MESSAGE);
		} else if (job.apiVersion !== context.version) {
			fault = asyncFault(
				'INVALID_WS_VERSION',
				`The job was submitted with web services version ${job.apiVersion}; get its results through the same version.`,
			);
		} else if (!job.isTerminal(Date.now())) {
			fault = asyncFault('JOB_NOT_COMPLETE', 'The job is not complete. Use checkAsyncStatus to follow it.');
		} else if (pageIndex < 1 || pageIndex > pages) {
			fault = asyncFault('INVALID_PAGE_INDEX', `Invalid page index ${parsed.pageIndex ?? ''}: the result has ${pages} page(s).`);
		}
		if (fault) return this.sendFault(response, context, fault);
		return this.sendXml(response, 200, envelope(context, asyncResultResponse(job.results, pageIndex)));
	}

	private async deliverBeforePassport(
		kind: FaultKind,
		request: IncomingMessage,
		response: ServerResponse,
		version: string,
	): Promise<void> {
		if (kind === 'HANG') return; // answered by close() destroying the socket
		if (kind === 'HTML_503') return this.send(response, 503, MAINTENANCE_PAGE, 'text/html; charset=utf-8');
		// RESET: headers and half a body go out, then the connection dies.
		const body = envelope(this.responseContext(version), serverTimeResponse(this.netSuiteNow()));
		await this.delay();
		if (response.destroyed) return;
		response.writeHead(200, { 'Content-Type': XML_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
		response.write(body.slice(0, Math.floor(body.length / 2)), () => request.socket.destroy());
	}

	private deliverAfterPassport(
		kind: FaultKind,
		response: ServerResponse,
		context: ResponseContext,
		parsed: ParsedRequest,
	): Promise<void> {
		const fault = injectedFault(kind);
		if (fault) return this.sendFault(response, context, fault);
		if (kind === 'MALFORMED_XML') return this.sendXml(response, 200, malformedXml(context.version));
		if (kind === 'EMPTY_200') return this.sendXml(response, 200, '');
		if (kind === 'HTML_502') return this.send(response, 502, BAD_GATEWAY_PAGE, 'text/html; charset=utf-8');
		// TRUNCATED: a plausible status response cut mid-element, with a Content-Length that matches the cut.
		const view = { status: 'processing', percentCompleted: 50, estRemainingDuration: 5 };
		const whole = envelope(context, asyncStatusResponse('checkAsyncStatusResponse', parsed.jobId ?? 'UNKNOWN', view));
		return this.sendXml(response, 200, truncate(whole));
	}

	private findInjection(operation: string, jobId: string | undefined, pageIndex: string | undefined): Injection | undefined {
		return this.injections.find(
			(injection) =>
				injection.remaining > 0 &&
				(injection.match.operation === undefined || injection.match.operation === operation) &&
				(injection.match.jobId === undefined || injection.match.jobId === jobId) &&
				(injection.match.pageIndex === undefined || injection.match.pageIndex === pageIndex?.trim()),
		);
	}

	private consume(injection: Injection): void {
		injection.remaining -= 1;
		if (injection.remaining <= 0) this.injections = this.injections.filter((candidate) => candidate !== injection);
	}

	private responseContext(version: string): ResponseContext {
		let style: ConcretePrefixStyle;
		if (this.prefixStyle === 'rotate') {
			style = ROTATION[this.rotation % ROTATION.length];
			this.rotation += 1;
		} else {
			style = this.prefixStyle;
		}
		return { version, style, nsId: this.ids.nsId(this.netSuiteNow()) };
	}

	private log(entry: LoggedRequest): void {
		this.counters.byOperation[entry.operation] = (this.counters.byOperation[entry.operation] ?? 0) + 1;
		this.requests.push(entry);
		if (this.requests.length > REQUEST_LOG_SIZE) this.requests.splice(0, this.requests.length - REQUEST_LOG_SIZE);
	}

	private sendFault(response: ServerResponse, context: ResponseContext, fault: SoapFault): Promise<void> {
		return this.sendXml(response, fault.httpStatus, envelope(context, faultNode(fault)));
	}

	private sendXml(response: ServerResponse, status: number, body: string): Promise<void> {
		return this.send(response, status, body, XML_CONTENT_TYPE);
	}

	private async send(
		response: ServerResponse,
		status: number,
		body: string,
		contentType: string,
		extraHeaders: Record<string, string> = {},
	): Promise<void> {
		await this.delay();
		if (response.destroyed || response.headersSent) return;
		response.writeHead(status, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(body),
			...extraHeaders,
		});
		response.end(body);
	}

	/** Latency is read when the response is due, so setLatency affects requests already waiting. */
	private delay(): Promise<void> {
		if (this.latencyMs <= 0 || this.closed) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, this.latencyMs);
			this.timers.set(timer, resolve);
		});
	}
}

/** Starts a SuiteTalk SOAP simulator on 127.0.0.1 (port 0 = a random free port). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const simulator = new SuiteTalkSimulator(options);
	await simulator.listen(options.port ?? 0);
	return simulator;
}
