/**
 * A minimal SOAP client for testing the simulator over raw HTTP. It signs passports with node's
 * crypto directly (not the package's passport.ts), so these tests pin the protocol, not our client.
 */
import { createHmac, randomBytes } from 'crypto';
import { XMLParser } from 'fast-xml-parser';

import { startSimulator } from './server';
import type { Simulator, SimulatorCredentials } from './types';

export interface PassportOverrides {
	account?: string;
	consumerKey?: string;
	token?: string;
	nonce?: string;
	timestamp?: string;
	/** Replaces the computed signature. */
	signature?: string;
	/** null = no algorithm attribute. */
	algorithm?: string | null;
	consumerSecret?: string;
	tokenSecret?: string;
}

export interface PassportFields {
	account: string;
	consumerKey: string;
	token: string;
	nonce: string;
	timestamp: string;
	signature: string;
	algorithm: string | null;
}

export function nowSeconds(offsetMs = 0): string {
	return String(Math.floor((Date.now() + offsetMs) / 1000));
}

export function signPassport(credentials: SimulatorCredentials, overrides: PassportOverrides = {}): PassportFields {
	const account = overrides.account ?? credentials.accountId.toUpperCase();
	const consumerKey = overrides.consumerKey ?? credentials.consumerKey;
	const token = overrides.token ?? credentials.tokenId;
	const nonce = overrides.nonce ?? randomBytes(16).toString('hex');
	const timestamp = overrides.timestamp ?? nowSeconds();
	const key = `${overrides.consumerSecret ?? credentials.consumerSecret}&${overrides.tokenSecret ?? credentials.tokenSecret}`;
	const signature =
		overrides.signature ??
		createHmac('sha256', key).update(`${account}&${consumerKey}&${token}&${nonce}&${timestamp}`).digest('base64');
	return {
		account,
		consumerKey,
		token,
		nonce,
		timestamp,
		signature,
		algorithm: overrides.algorithm === undefined ? 'HMAC_SHA256' : overrides.algorithm,
	};
}

function escape(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The qualified form the XSD asks for (messages + core), as our client sends it. */
export function passportXml(passport: PassportFields, version = '2025_2'): string {
	const algorithm = passport.algorithm === null ? '' : ` algorithm="${escape(passport.algorithm)}"`;
	return (
		`<platformMsgs:tokenPassport xmlns:platformMsgs="urn:messages_${version}.platform.webservices.netsuite.com" ` +
		`xmlns:platformCore="urn:core_${version}.platform.webservices.netsuite.com">` +
		`<platformCore:account>${escape(passport.account)}</platformCore:account>` +
		`<platformCore:consumerKey>${escape(passport.consumerKey)}</platformCore:consumerKey>` +
		`<platformCore:token>${escape(passport.token)}</platformCore:token>` +
		`<platformCore:nonce>${escape(passport.nonce)}</platformCore:nonce>` +
		`<platformCore:timestamp>${escape(passport.timestamp)}</platformCore:timestamp>` +
		`<platformCore:signature${algorithm}>${escape(passport.signature)}</platformCore:signature>` +
		'</platformMsgs:tokenPassport>'
	);
}

export interface EnvelopeOptions {
	operation: string;
	/** Children of the operation element, in order; a value is text, escaped here. */
	fields?: Array<[string, string]>;
	/** Raw XML inside the operation element, after `fields` (e.g. records). */
	rawBody?: string;
	/** Raw header XML; default: one freshly signed passport. */
	header?: string;
	version?: string;
}

export function soapEnvelope(credentials: SimulatorCredentials, options: EnvelopeOptions): string {
	const version = options.version ?? '2025_2';
	const messages = `urn:messages_${version}.platform.webservices.netsuite.com`;
	const header = options.header ?? passportXml(signPassport(credentials), version);
	const fields = (options.fields ?? [])
		.map(([name, value]) => `<platformMsgs:${name}>${escape(value)}</platformMsgs:${name}>`)
		.join('');
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="${messages}" ` +
		'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		`<soapenv:Header>${header}</soapenv:Header>` +
		`<soapenv:Body><platformMsgs:${options.operation}>${fields}${options.rawBody ?? ''}</platformMsgs:${options.operation}></soapenv:Body>` +
		'</soapenv:Envelope>'
	);
}

export interface SoapReply {
	status: number;
	text: string;
	contentType: string | null;
	/** Parsed with local names (prefixes dropped); undefined when the body is not XML. */
	doc?: Parsed;
}

export type Parsed = { [key: string]: unknown };

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	transformTagName: (name) => name.slice(name.indexOf(':') + 1),
	isArray: (name) => ['writeResponse', 'readResponse', 'record', 'searchRow', 'statusDetail'].includes(name.slice(name.indexOf(':') + 1)),
});

const orderedParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	preserveOrder: true,
	parseTagValue: false,
	parseAttributeValue: false,
});

/**
 * Namespace well-formedness, which plain XML parsers do not check: every element, attribute and
 * xsi:type prefix must be declared in scope. Returns the offending names.
 */
export function undeclaredPrefixes(text: string): string[] {
	const problems: string[] = [];
	const walk = (nodes: unknown[], scope: Map<string, string>) => {
		for (const node of nodes as Array<Record<string, unknown>>) {
			const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
			if (!name) continue;
			const attributes = (node[':@'] ?? {}) as Record<string, string>;
			const inner = new Map(scope);
			for (const [key, value] of Object.entries(attributes)) {
				if (key === 'xmlns') inner.set('', value);
				else if (key.startsWith('xmlns:')) inner.set(key.slice(6), value);
			}
			const check = (qualified: string) => {
				const colon = qualified.indexOf(':');
				if (colon !== -1 && !inner.has(qualified.slice(0, colon))) problems.push(qualified);
			};
			check(name);
			for (const [key, value] of Object.entries(attributes)) {
				if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
				check(key);
				if (key.endsWith(':type') && inner.get(key.slice(0, key.indexOf(':'))) === 'http://www.w3.org/2001/XMLSchema-instance') {
					check(value);
				}
			}
			walk(node[name] as unknown[], inner);
		}
	};
	walk(orderedParser.parse(text) as unknown[], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
	return problems;
}

export function parse(text: string): Parsed {
	return parser.parse(text) as Parsed;
}

export async function postRaw(
	simulator: Simulator,
	body: string,
	options: { version?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<SoapReply> {
	const response = await fetch(simulator.endpointUrl(options.version), {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml; charset=utf-8', ...options.headers },
		body,
		signal: options.signal,
	});
	const text = await response.text();
	let doc: Parsed | undefined;
	try {
		doc = text.trim().startsWith('<?xml') || text.trim().startsWith('<soapenv') ? parse(text) : undefined;
	} catch {
		doc = undefined;
	}
	return { status: response.status, text, contentType: response.headers.get('content-type'), doc };
}

export interface CallOptions extends EnvelopeOptions {
	/** Endpoint version; default: the envelope's version. */
	endpointVersion?: string;
	headers?: Record<string, string>;
}

export function soapCall(simulator: Simulator, options: CallOptions): Promise<SoapReply> {
	return postRaw(simulator, soapEnvelope(simulator.credentials, options), {
		version: options.endpointVersion ?? options.version,
		headers: { SOAPAction: options.operation, ...options.headers },
	});
}

export const checkStatus = (simulator: Simulator, jobId: string) =>
	soapCall(simulator, { operation: 'checkAsyncStatus', fields: [['jobId', jobId]] });

export const getResult = (simulator: Simulator, jobId: string, pageIndex: number, version?: string) =>
	soapCall(simulator, { operation: 'getAsyncResult', fields: [['jobId', jobId], ['pageIndex', String(pageIndex)]], version });

/** Walks local names; a number picks an array entry. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
	let current = value;
	for (const step of path) {
		if (current === undefined || current === null) return undefined;
		if (typeof step === 'number') current = Array.isArray(current) ? current[step] : step === 0 ? current : undefined;
		else current = (current as Parsed)[step];
	}
	return current;
}

export function body(reply: SoapReply): Parsed {
	return at(reply.doc, 'Envelope', 'Body') as Parsed;
}

export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && '#text' in value) return String((value as Parsed)['#text']);
	return undefined;
}

export interface FaultView {
	faultcode?: string;
	faultstring?: string;
	element?: string;
	code?: string;
	message?: string;
	hostname?: string;
}

export function faultOf(reply: SoapReply): FaultView | undefined {
	const fault = at(body(reply), 'Fault') as Parsed | undefined;
	if (!fault) return undefined;
	const detail = (fault.detail ?? {}) as Parsed;
	const element = Object.keys(detail).find((key) => key !== 'hostname' && !key.startsWith('@_'));
	const content = element ? (detail[element] as Parsed) : undefined;
	return {
		faultcode: textOf(fault.faultcode),
		faultstring: textOf(fault.faultstring),
		element,
		code: textOf(content?.code),
		message: textOf(content?.message),
		hostname: textOf(detail.hostname),
	};
}

export function asyncStatusOf(reply: SoapReply): Record<string, string | undefined> {
	const responseName = Object.keys(body(reply)).find((key) => !key.startsWith('@_'));
	const result = at(body(reply), responseName ?? '', 'asyncStatusResult') as Parsed;
	return {
		jobId: textOf(result?.jobId),
		status: textOf(result?.status),
		percentCompleted: textOf(result?.percentCompleted),
		estRemainingDuration: textOf(result?.estRemainingDuration),
	};
}

export function nsIdOf(reply: SoapReply): string | undefined {
	return textOf(at(reply.doc, 'Envelope', 'Header', 'documentInfo', 'nsId'));
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One simulator for the enclosing test file or describe block: started before its first test, closed
 * after its last, and before each test its counters (plus whatever `resetBeforeEach` restores) start
 * fresh, so no test sees another's calls or settings. `started` receives the instance once it listens.
 */
export function useSimulator(started: (simulator: Simulator) => void, resetBeforeEach?: () => void): void {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startSimulator();
		started(simulator);
	});
	afterAll(() => simulator.close());
	beforeEach(() => {
		simulator.resetCounters();
		resetBeforeEach?.();
	});
}
