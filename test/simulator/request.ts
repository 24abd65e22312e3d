import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reads a SOAP request the way a tolerant server does: elements are matched by local name
 * (clients use any prefix, or none as in the sample 03/04 templates), but the namespaces that
 * ARE present are resolved, because NetSuite ties them to the endpoint version.
 */

export interface PassportFields {
	account?: string;
	consumerKey?: string;
	token?: string;
	nonce?: string;
	timestamp?: string;
	signature?: string;
	algorithm?: string;
}

export interface SubmittedItem {
	/** `record` (add/update/upsert) or `baseRef` (delete). */
	element: string;
	internalId?: string;
	externalId?: string;
	/** baseRef's `type` attribute. */
	type?: string;
	/** A record's xsi:type local name, e.g. `Customer`. */
	xsiType?: string;
}

export interface ParsedRequest {
	operation?: string;
	jobId?: string;
	pageIndex?: string;
	passports: PassportFields[];
	hasApplicationInfo: boolean;
	/** A login-style `passport` (email/password) in the header. */
	hasLoginPassport: boolean;
	items: SubmittedItem[];
	/** Versions of the NetSuite platform namespaces the passport and the operation are qualified with. */
	namespaceVersions: string[];
}

export class RequestParseError extends Error {}

type Node = { [key: string]: unknown };
type Scope = Map<string, string>;

const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const PLATFORM_NS_VERSION = /^urn:(?:messages|core)_(\d{4}_\d)\.platform\.webservices\.netsuite\.com$/;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	textNodeName: '#text',
	// Values are taken verbatim: NetSuite does not trim a job id or a nonce, so neither do we.
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	processEntities: true,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

function localName(qualified: string): string {
	return qualified.slice(qualified.indexOf(':') + 1);
}

function isNode(value: unknown): value is Node {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
	return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function withDeclarations(node: unknown, parent: Scope): Scope {
	if (!isNode(node)) return parent;
	let scope = parent;
	for (const [key, value] of Object.entries(node)) {
		if (key === '@_xmlns' || key.startsWith('@_xmlns:')) {
			if (scope === parent) scope = new Map(parent);
			scope.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), String(value));
		}
	}
	return scope;
}

function namespaceOf(qualified: string, scope: Scope): string | undefined {
	const colon = qualified.indexOf(':');
	return scope.get(colon === -1 ? '' : qualified.slice(0, colon)) || undefined;
}

/** Child elements in document order, as [qualifiedName, value] (repeated names expanded). */
function elements(node: unknown): Array<[string, unknown]> {
	if (!isNode(node)) return [];
	const result: Array<[string, unknown]> = [];
	for (const [key, value] of Object.entries(node)) {
		if (key.startsWith('@_') || key === '#text') continue;
		for (const entry of asList(value)) result.push([key, entry]);
	}
	return result;
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (!isNode(value)) return undefined;
	if (elements(value).length > 0) return undefined;
	const text = value['#text'];
	return typeof text === 'string' ? text : '';
}

function attributeOf(node: unknown, name: string): string | undefined {
	if (!isNode(node)) return undefined;
	for (const [key, value] of Object.entries(node)) {
		if (!key.startsWith('@_')) continue;
		const qualified = key.slice(2);
		if (qualified.startsWith('xmlns')) continue;
		if (qualified === name) return String(value);
	}
	return undefined;
}

function xsiTypeOf(node: unknown): string | undefined {
	if (!isNode(node)) return undefined;
	for (const [key, value] of Object.entries(node)) {
		if (key.startsWith('@_') && !key.startsWith('@_xmlns') && key.includes(':') && localName(key) === 'type') {
			return localName(String(value));
		}
	}
	return undefined;
}

function recordVersion(qualified: string, scope: Scope, versions: Set<string>): void {
	const match = PLATFORM_NS_VERSION.exec(namespaceOf(qualified, scope) ?? '');
	if (match) versions.add(match[1]);
}

function readPassport(node: unknown, scope: Scope, versions: Set<string>): PassportFields {
	const passport: PassportFields = {};
	for (const [name, value] of elements(node)) {
		recordVersion(name, withDeclarations(value, scope), versions);
		const local = localName(name) as keyof PassportFields;
		if (!['account', 'consumerKey', 'token', 'nonce', 'timestamp', 'signature'].includes(local)) continue;
		if (passport[local] !== undefined) continue;
		passport[local] = textOf(value);
		if (local === 'signature') passport.algorithm = attributeOf(value, 'algorithm');
	}
	return passport;
}

export function parseRequest(body: string): ParsedRequest {
	// SOAP forbids a DTD, and refusing it here keeps entity expansion out of the simulator.
	if (/<!DOCTYPE/i.test(body)) throw new RequestParseError('DOCTYPE is disallowed in a SOAP message');
	const validation = XMLValidator.validate(body);
	if (validation !== true) throw new RequestParseError(`the request is not well-formed XML: ${validation.err.msg}`);
	const document = parser.parse(body) as Node;

	const root = elements(document).find(([name]) => localName(name) === 'Envelope');
	if (!root) throw new RequestParseError('the request has no SOAP Envelope');
	const rootScope = withDeclarations(root[1], new Map());
	if (namespaceOf(root[0], rootScope) !== SOAP_ENVELOPE_NS) {
		throw new RequestParseError('the Envelope is not in the SOAP 1.1 namespace');
	}

	const parsed: ParsedRequest = {
		passports: [],
		hasApplicationInfo: false,
		hasLoginPassport: false,
		items: [],
		namespaceVersions: [],
	};
	const versions = new Set<string>();

	for (const [, header] of elements(root[1]).filter(([name]) => localName(name) === 'Header')) {
		const headerScope = withDeclarations(header, rootScope);
		for (const [childName, value] of elements(header)) {
			const scope = withDeclarations(value, headerScope);
			const local = localName(childName);
			if (local === 'tokenPassport') {
				recordVersion(childName, scope, versions);
				parsed.passports.push(readPassport(value, scope, versions));
			} else if (local === 'applicationInfo') {
				parsed.hasApplicationInfo = true;
			} else if (local === 'passport') {
				parsed.hasLoginPassport = true;
			}
		}
	}

	const bodyEntry = elements(root[1]).find(([name]) => localName(name) === 'Body');
	if (!bodyEntry) throw new RequestParseError('the request has no SOAP Body');
	const bodyScope = withDeclarations(bodyEntry[1], rootScope);
	const operationEntry = elements(bodyEntry[1])[0];
	if (operationEntry) {
		const [operationName, operation] = operationEntry;
		const scope = withDeclarations(operation, bodyScope);
		parsed.operation = localName(operationName);
		recordVersion(operationName, scope, versions);
		for (const [childName, value] of elements(operation)) {
			recordVersion(childName, withDeclarations(value, scope), versions);
			const local = localName(childName);
			if (local === 'jobId' && parsed.jobId === undefined) parsed.jobId = textOf(value);
			else if (local === 'pageIndex' && parsed.pageIndex === undefined) parsed.pageIndex = textOf(value);
			else if (local === 'record' || local === 'baseRef') {
				parsed.items.push({
					element: local,
					internalId: attributeOf(value, 'internalId'),
					externalId: attributeOf(value, 'externalId'),
					type: attributeOf(value, 'type'),
					xsiType: xsiTypeOf(value),
				});
			}
		}
	}
	parsed.namespaceVersions = [...versions];
	return parsed;
}

/** Best effort, for logging and fault matching when the body cannot be parsed. */
export function operationFromSoapAction(header: string | string[] | undefined): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	const trimmed = value?.trim().replace(/^"|"$/g, '');
	return trimmed ? localName(trimmed.slice(trimmed.lastIndexOf('/') + 1)) : undefined;
}
