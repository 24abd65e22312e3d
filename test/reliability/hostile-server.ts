import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { createGzip, gzipSync } from 'zlib';

/**
 * A tiny raw HTTP server for what the SuiteTalk simulator cannot do: compressed and chunked bodies,
 * bodies of any size or encoding, XML that no NetSuite would send, bodies that stall after the
 * headers. It answers every request that carries a passport, without checking it.
 */

export interface HostileRequest {
	/** 1-based arrival number since the last reset. */
	number: number;
	operation?: string;
	/** As written in the request, XML escapes included (so echoing it keeps the XML well-formed). */
	rawJobId?: string;
	pageIndex?: string;
	body: string;
}

/** Writes the whole answer; may stall, trickle or destroy the socket. */
export type HostileAnswer = (request: HostileRequest, response: ServerResponse, server: HostileServer) => void | Promise<void>;

export interface HostileServer {
	url: string;
	endpointUrl(apiVersion?: string): string;
	readonly requests: HostileRequest[];
	/** Body bytes actually handed to the socket, over all answers since the last reset. */
	readonly bytesSent: number;
	/** Answers in turn: request n (since the last reset) gets answers[n-1], the last one repeats. */
	use(...answers: HostileAnswer[]): void;
	/** Forgets requests, byte counts and answers. */
	reset(): void;
	close(): Promise<void>;
	/** @internal used by the streaming answers */
	countBytes(bytes: number): void;
	/** @internal true once close() started: streaming answers stop */
	readonly closing: boolean;
}

const JOB_ID = /<(?:[\w.-]+:)?jobId>([^<]*)<\/(?:[\w.-]+:)?jobId>/;
const PAGE_INDEX = /<(?:[\w.-]+:)?pageIndex>([^<]*)<\/(?:[\w.-]+:)?pageIndex>/;
const OPERATION = /<(?:[\w.-]+:)?Body[^>]*>\s*<(?:[\w.-]+:)?([\w]+)/;

function parse(number: number, body: string): HostileRequest {
	return {
		number,
		body,
		operation: OPERATION.exec(body)?.[1],
		rawJobId: JOB_ID.exec(body)?.[1],
		pageIndex: PAGE_INDEX.exec(body)?.[1],
	};
}

export async function startHostileServer(): Promise<HostileServer> {
	const sockets = new Set<Socket>();
	const unconfigured = [send(500, 'text/plain', 'no answer configured')];
	let answers: HostileAnswer[] = unconfigured;
	let bytesSent = 0;
	let closing = false;
	const requests: HostileRequest[] = [];
	let url = '';

	const hostile: HostileServer = {
		get url() {
			return url;
		},
		endpointUrl: (apiVersion = '2025_2') => `${url}/services/NetSuitePort_${apiVersion}`,
		requests,
		get bytesSent() {
			return bytesSent;
		},
		get closing() {
			return closing;
		},
		use: (...next) => {
			answers = next;
		},
		reset: () => {
			requests.length = 0;
			bytesSent = 0;
			answers = unconfigured;
		},
		countBytes: (bytes) => {
			bytesSent += bytes;
		},
		close: async () => {
			closing = true;
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
		},
	};

	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const parsed = parse(requests.length + 1, Buffer.concat(chunks).toString('utf8'));
			requests.push(parsed);
			const answer = answers[Math.min(parsed.number, answers.length) - 1];
			// A client that hangs up mid-answer is the point of several cases, not a server failure.
			response.on('error', () => undefined);
			Promise.resolve(answer(parsed, response, hostile)).catch(() => response.destroy());
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return hostile;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}/services/NetSuitePort_2025_2`;
}

// ------------------------------------------------------------------------------------------------
// SOAP text

const MESSAGES = 'urn:messages_2025_2.platform.webservices.netsuite.com';
const CORE = 'urn:core_2025_2.platform.webservices.netsuite.com';
const FAULTS = 'urn:faults_2025_2.platform.webservices.netsuite.com';

export function soapEnvelope(body: string, nsId = 'WEBSERVICES_HOSTILE_0'): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		`<soapenv:Header><platformMsgs:documentInfo xmlns:platformMsgs="${MESSAGES}"><platformMsgs:nsId>${nsId}</platformMsgs:nsId></platformMsgs:documentInfo></soapenv:Header>` +
		`<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
	);
}

export interface StatusFields {
	jobId?: string;
	status?: string;
	percentCompleted?: string;
	estRemainingDuration?: string;
}

/** The inner elements of asyncStatusResult; `undefined` fields are left out, `extra` is appended raw. */
export function statusResultInner(fields: StatusFields, extra = ''): string {
	const element = (name: keyof StatusFields) =>
		fields[name] === undefined ? '' : `<platformCore:${name}>${fields[name]}</platformCore:${name}>`;
	return `${element('jobId')}${element('status')}${element('percentCompleted')}${element('estRemainingDuration')}${extra}`;
}

export function statusResponseXml(inner: string): string {
	return soapEnvelope(
		`<checkAsyncStatusResponse xmlns="${MESSAGES}"><platformCore:asyncStatusResult xmlns:platformCore="${CORE}">${inner}</platformCore:asyncStatusResult></checkAsyncStatusResponse>`,
	);
}

/** A well-formed finished status for the job the request named. */
export function finishedStatusXml(request: HostileRequest): string {
	return statusResponseXml(
		statusResultInner({ jobId: request.rawJobId, status: 'finished', percentCompleted: '100.0', estRemainingDuration: '0.0' }),
	);
}

export interface FaultText {
	faultcode?: string;
	faultstring: string;
	/** Omitted: the detail holds only Axis's hostname. */
	detail?: { element: string; code: string; message: string };
}

export function faultXml(fault: FaultText): string {
	const detail = fault.detail
		? `<platformFaults:${fault.detail.element} xmlns:platformFaults="${FAULTS}"><platformFaults:code>${fault.detail.code}</platformFaults:code><platformFaults:message>${fault.detail.message}</platformFaults:message></platformFaults:${fault.detail.element}>`
		: '';
	return soapEnvelope(
		'<soapenv:Fault>' +
			`<faultcode>${fault.faultcode ?? 'soapenv:Server.userException'}</faultcode><faultstring>${fault.faultstring}</faultstring>` +
			`<detail>${detail}<ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">hostile-java001</ns1:hostname></detail>` +
			'</soapenv:Fault>',
	);
}

// ------------------------------------------------------------------------------------------------
// answers

type Body = string | Buffer | ((request: HostileRequest) => string | Buffer);

function bodyOf(body: Body, request: HostileRequest): Buffer {
	const value = typeof body === 'function' ? body(request) : body;
	return Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
}

/** A plain answer with Content-Length. */
export function send(status: number, contentType: string, body: Body, headers: Record<string, string> = {}): HostileAnswer {
	return (request, response, server) => {
		const bytes = bodyOf(body, request);
		response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length, ...headers });
		server.countBytes(bytes.length);
		response.end(bytes);
	};
}

export const sendXml = (status: number, body: Body, headers: Record<string, string> = {}): HostileAnswer =>
	send(status, 'text/xml; charset=utf-8', body, headers);

export const sendFault = (fault: FaultText, status = 500): HostileAnswer => sendXml(status, faultXml(fault));

/** The body gzip-compressed, sent chunked in `pieces` parts. */
export function gzipChunked(body: Body, pieces = 8): HostileAnswer {
	return async (request, response, server) => {
		const compressed = gzipSync(bodyOf(body, request));
		response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Encoding': 'gzip' });
		await writePieces(response, server, compressed, pieces);
	};
}

/** The body without Content-Length (Transfer-Encoding: chunked), in `pieces` parts a few ms apart. */
export function chunked(body: Body, pieces = 16): HostileAnswer {
	return async (request, response, server) => {
		response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
		await writePieces(response, server, bodyOf(body, request), pieces);
	};
}

async function writePieces(response: ServerResponse, server: HostileServer, bytes: Buffer, pieces: number): Promise<void> {
	const size = Math.ceil(bytes.length / pieces);
	for (let offset = 0; offset < bytes.length; offset += size) {
		if (response.destroyed || server.closing) return;
		const piece = bytes.subarray(offset, offset + size);
		server.countBytes(piece.length);
		response.write(piece);
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	response.end();
}

/** Headers, then nothing: the body never comes (until the client gives up or the server closes). */
export function stallAfterHeaders(firstBytes = ''): HostileAnswer {
	return (_request, response, server) => {
		response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': '4096' });
		if (firstBytes) {
			server.countBytes(Buffer.byteLength(firstBytes));
			response.write(firstBytes);
		}
	};
}

export interface HugeStreamStats {
	/** Body bytes produced before the client stopped reading (before compression). */
	generated: number;
}

/**
 * `totalBytes` of XML-looking text produced on the fly with backpressure, so the server never holds
 * more than a chunk and whatever the client does not read is never produced. `gzip` sends it
 * compressed: a small download that inflates to `totalBytes`.
 */
export function hugeStream(totalBytes: number, options: { gzip?: boolean } = {}): HostileAnswer & { stats: HugeStreamStats } {
	const stats: HugeStreamStats = { generated: 0 };
	const answer: HostileAnswer = async (_request, response, server) => {
		const chunk = Buffer.from(`<pad>${'x'.repeat(64 * 1024 - 11)}</pad>`);
		const head = Buffer.from(soapEnvelope('<checkAsyncStatusResponse>').split('</checkAsyncStatusResponse>')[0]);
		response.writeHead(200, {
			'Content-Type': 'text/xml; charset=utf-8',
			...(options.gzip ? { 'Content-Encoding': 'gzip' } : { 'Content-Length': String(totalBytes) }),
		});
		const gzip = options.gzip ? createGzip() : undefined;
		if (gzip) {
			gzip.on('data', (data: Buffer) => {
				if (response.destroyed) return;
				server.countBytes(data.length);
				if (!response.write(data)) gzip.pause();
			});
			response.on('drain', () => gzip.resume());
			gzip.on('end', () => response.end());
		}
		const stopped = () => response.destroyed || server.closing;
		const write = (bytes: Buffer): boolean => {
			stats.generated += bytes.length;
			if (gzip) return gzip.write(bytes);
			server.countBytes(bytes.length);
			return response.write(bytes);
		};
		const drained = () =>
			new Promise<void>((resolve) => {
				const target = gzip ?? response;
				const done = () => {
					target.off('drain', done);
					response.off('close', done);
					resolve();
				};
				target.on('drain', done);
				response.on('close', done);
			});
		let ok = write(head);
		while (stats.generated < totalBytes && !stopped()) {
			if (!ok) await drained();
			if (stopped()) break;
			ok = write(chunk.subarray(0, Math.min(chunk.length, totalBytes - stats.generated)));
		}
		if (stopped()) {
			gzip?.destroy();
			response.destroy();
		} else if (gzip) gzip.end();
		else response.end();
	};
	return Object.assign(answer, { stats });
}

/** Headers, then one byte every `intervalMs` forever: never idle long enough for a socket timeout. */
export function trickle(intervalMs = 200): HostileAnswer {
	return (_request, response, server) => {
		response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
		const timer = setInterval(() => {
			if (response.destroyed || server.closing) {
				clearInterval(timer);
				return;
			}
			server.countBytes(1);
			response.write(' ');
		}, intervalMs);
		response.on('close', () => clearInterval(timer));
	};
}
