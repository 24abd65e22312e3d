import { endpointUrlFor, readCredentialData } from './credentialData';
import { buildRequestEnvelope, insertPassport, NotASoapEnvelopeError, type SignedEnvelope, type SoapRequest } from './envelope';
import { freshPassport, type Clock, type RandomSource } from './passport';

/**
 * The part of n8n's request options that signing reads and writes (kept structural: no n8n import
 * here). n8n's HTTP Request node sends the legacy `uri`; the package's node and the credential
 * test send `url`.
 */
export interface SoapHttpRequest {
	url?: string;
	uri?: string;
	baseURL?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function headerName(headers: Record<string, unknown>, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * What this package hands the credential as the body: the request still unbuilt, so that the
 * credential builds the envelope once with the passport in it instead of parsing and
 * re-serialising a finished one. A class instance, recognised with `instanceof`: it never leaves
 * the process, so a JSON body typed into another node cannot pose as one.
 */
export class UnbuiltSoapRequest {
	constructor(
		readonly soapRequest: SoapRequest,
		/** The version of the envelope's namespaces, and of the derived endpoint. */
		readonly apiVersion: string,
		/** NetSuite's clock minus this machine's, added to the passport timestamp only. */
		readonly clockOffsetMs = 0,
	) {}
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null || body === '') throw new NotASoapEnvelopeError('is empty');
	throw new NotASoapEnvelopeError('is not text');
}

/**
 * n8n resolves the target as `url ?? uri` (backend-network resolveLegacyRequestTarget), so the
 * request keeps the key it came with: writing `url` into a `uri` request would override the URL
 * the person typed.
 */
function urlKeyOf(request: SoapHttpRequest): 'url' | 'uri' {
	return request.url === undefined && request.uri !== undefined ? 'uri' : 'url';
}

function namesItsUrl(request: SoapHttpRequest, key: 'url' | 'uri'): boolean {
	const target = request[key];
	return Boolean(target && target !== '/') || Boolean(request.baseURL);
}

/**
 * Adds a fresh tokenPassport to the SOAP envelope of one request and fills in what TBA needs:
 * the endpoint (when the request names none), text/xml, a SOAPAction, and no cookie (NetSuite
 * calls a cookie beside a passport "ambiguous authentication").
 */
export function signSoapRequest<T extends SoapHttpRequest>(
	credentialFields: Record<string, unknown>,
	request: T,
	clock: Clock = Date.now,
	random?: RandomSource,
): Omit<T, 'body'> & { body: string } {
	const credential = readCredentialData(credentialFields);
	const requested = request.body instanceof UnbuiltSoapRequest ? request.body.clockOffsetMs : 0;
	const offsetMs = Number.isFinite(requested) ? requested : 0;
	const signingClock = offsetMs ? () => clock() + offsetMs : clock;
	const passport = random ? freshPassport(credential, signingClock, random) : freshPassport(credential, signingClock);
	let signed: SignedEnvelope;
	if (request.body instanceof UnbuiltSoapRequest) {
		const { soapRequest, apiVersion } = request.body;
		signed = {
			xml: buildRequestEnvelope(apiVersion, soapRequest, passport),
			operation: soapRequest.operation,
			envelopeApiVersion: apiVersion,
		};
	} else {
		signed = insertPassport(bodyText(request.body), passport, credential.apiVersion);
	}

	const headers: Record<string, unknown> = { ...(request.headers ?? {}) };
	const cookie = headerName(headers, 'cookie');
	if (cookie) delete headers[cookie];
	const contentType = headerName(headers, 'content-type');
	if (!contentType || !String(headers[contentType]).toLowerCase().startsWith('text/xml')) {
		if (contentType) delete headers[contentType];
		headers['Content-Type'] = 'text/xml; charset=utf-8';
	}
	if (!headerName(headers, 'soapaction') && signed.operation) headers.SOAPAction = signed.operation;

	const urlKey = urlKeyOf(request);
	// The envelope's namespaces decide the endpoint version: NetSuite rejects a mismatch.
	const target = namesItsUrl(request, urlKey)
		? request[urlKey]
		: endpointUrlFor(credential, signed.envelopeApiVersion ?? credential.apiVersion);
	return { ...request, [urlKey]: target, headers, body: signed.xml };
}
