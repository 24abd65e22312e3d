import { headerName, urlKeyOf, type HttpRequestTarget } from '../shared/requestTarget';
import { endpointUrlFor, readCredentialData } from './credentialData';
import { buildRequestEnvelope, insertPassport, NotASoapEnvelopeError, type SignedEnvelope, type SoapRequest } from './envelope';
import { freshPassport, type Clock, type RandomSource } from './passport';

export type SoapHttpRequest = HttpRequestTarget;

/**
 * The node's and the credential's bundles each hold their own copy of UnbuiltSoapRequest, so
 * `instanceof` fails across them; a registered symbol is the same in both. JSON cannot carry a
 * symbol, so a body typed into another node still cannot pose as one.
 */
const UNBUILT_SOAP_REQUEST = Symbol.for('n8n-nodes-netsuite-async.UnbuiltSoapRequest');

/**
 * What this package hands the credential as the body: the request still unbuilt, so that the
 * credential builds the envelope once with the passport in it instead of parsing and
 * re-serialising a finished one. It never leaves the process.
 */
export class UnbuiltSoapRequest {
	readonly [UNBUILT_SOAP_REQUEST] = true;

	constructor(
		readonly soapRequest: SoapRequest,
		/** The version of the envelope's namespaces, and of the derived endpoint. */
		readonly apiVersion: string,
		/** NetSuite's clock minus this machine's, added to the passport timestamp only. */
		readonly clockOffsetMs = 0,
	) {}
}

export function isUnbuiltSoapRequest(body: unknown): body is UnbuiltSoapRequest {
	return typeof body === 'object' && body !== null && (body as Record<symbol, unknown>)[UNBUILT_SOAP_REQUEST] === true;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null || body === '') throw new NotASoapEnvelopeError('is empty');
	throw new NotASoapEnvelopeError('is not text');
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
	if (isUnbuiltSoapRequest(request.body)) {
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
