import { endpointUrlFor, readCredentialData } from './credentialData';
import { buildRequestEnvelope, insertPassport, NotASoapEnvelopeError, type SignedEnvelope, type SoapRequest } from './envelope';
import { freshPassport, type Clock, type RandomSource } from './passport';

/** The part of n8n's IHttpRequestOptions that signing reads and writes (kept structural: no n8n import here). */
export interface SoapHttpRequest {
	url: string;
	baseURL?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function headerName(headers: Record<string, unknown>, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * What this package's node sends as the body: the request still unbuilt, so the credential builds
 * the envelope once with the passport in it instead of parsing and re-serialising a finished one.
 */
export interface UnsignedSoapRequest {
	/** `clockOffsetMs`: NetSuite's clock minus this machine's, added to the passport timestamp. */
	suiteTalkRequest: SoapRequest & { apiVersion: string; clockOffsetMs?: number };
}

function isUnsignedSoapRequest(body: unknown): body is UnsignedSoapRequest {
	const request = (body as Partial<UnsignedSoapRequest> | undefined)?.suiteTalkRequest;
	return typeof request === 'object' && request !== null && typeof request.operation === 'string' && Array.isArray(request.fields);
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null || body === '') throw new NotASoapEnvelopeError('is empty');
	throw new NotASoapEnvelopeError('is not text');
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
): T {
	const credential = readCredentialData(credentialFields);
	const requested = isUnsignedSoapRequest(request.body) ? request.body.suiteTalkRequest.clockOffsetMs : undefined;
	const offsetMs = typeof requested === 'number' && Number.isFinite(requested) ? requested : 0;
	const signingClock = offsetMs ? () => clock() + offsetMs : clock;
	const passport = random ? freshPassport(credential, signingClock, random) : freshPassport(credential, signingClock);
	let signed: SignedEnvelope;
	if (isUnsignedSoapRequest(request.body)) {
		const { apiVersion, clockOffsetMs: _offset, ...soapRequest } = request.body.suiteTalkRequest;
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

	const hasUrl = Boolean(request.url && request.url !== '/') || Boolean(request.baseURL);
	// The envelope's namespaces decide the endpoint version: NetSuite rejects a mismatch.
	const url = hasUrl ? request.url : endpointUrlFor(credential, signed.envelopeApiVersion ?? credential.apiVersion);
	return { ...request, url, headers, body: signed.xml };
}
