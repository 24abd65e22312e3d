import { InvalidCredentialError } from '../shared/credentialError';
import type { Clock, RandomSource } from '../shared/nonce';
import { headerName, urlKeyOf, type HttpRequestTarget } from '../shared/requestTarget';
import { readTbaSecrets } from '../shared/tbaSecrets';
import { freshOAuth1AuthorizationHeader } from './oauth1';

type ArrayFormat = 'indices' | 'brackets' | 'repeat' | 'comma';

/** What REST signing reads of n8n's request options (IHttpRequestOptions and the legacy request options). */
export interface RestHttpRequest extends HttpRequestTarget {
	method?: string;
	qs?: Record<string, unknown>;
	/** IHttpRequestOptions: how `qs` arrays are written. */
	arrayFormat?: ArrayFormat;
	/** Legacy request options (HTTP Request node): the same, chosen by the person. */
	qsStringifyOptions?: { arrayFormat?: string };
	useQuerystring?: boolean;
	/** Legacy request options: a form-encoded body. */
	form?: unknown;
	/**
	 * NetSuite's clock minus this machine's, from a refusal's `Date` header: added to the OAuth
	 * timestamp, as the SOAP passport does. n8n drops unknown options before sending.
	 */
	clockOffsetMs?: number;
}

const REST_PATH_PREFIX = '/services/rest/';
const RESTLET_PATH = '/app/site/hosting/restlet.nl';

/** REST web services and RESTlets take an OAuth 1.0a header; everything else this credential signs is SOAP. */
export function isRestUrl(url: URL): boolean {
	return url.pathname.startsWith(REST_PATH_PREFIX) || url.pathname === RESTLET_PATH;
}

/** The absolute URL the request names, or undefined when it names none (a SOAP request of this package's node). */
export function requestUrl(request: RestHttpRequest): URL | undefined {
	const target = request[urlKeyOf(request)];
	if (typeof target !== 'string' || target === '' || target === '/') return undefined;
	try {
		return request.baseURL ? new URL(target, request.baseURL) : new URL(target);
	} catch {
		return undefined;
	}
}

function arrayFormatOf(request: RestHttpRequest): ArrayFormat {
	const chosen = request.arrayFormat ?? request.qsStringifyOptions?.arrayFormat;
	if (chosen === 'indices' || chosen === 'brackets' || chosen === 'repeat' || chosen === 'comma') return chosen;
	if (request.useQuerystring) return 'repeat';
	// The defaults of what would otherwise serialise `qs`: n8n's legacy adapter uses indices, axios brackets.
	return urlKeyOf(request) === 'uri' ? 'indices' : 'brackets';
}

function scalarText(name: string, value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InvalidCredentialError(
		`Query parameter "${name}" is an object: a NetSuite TBA signature covers flat query values only. Send it as text.`,
	);
}

/**
 * The `qs` options as `name=value` pairs in the order and array format they would be sent in, so
 * that the query is written into the URL once and what is signed is exactly what is sent.
 */
function queryPairs(request: RestHttpRequest): Array<[string, string]> {
	const format = arrayFormatOf(request);
	const pairs: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(request.qs ?? {})) {
		if (value === undefined || value === null) continue;
		if (!Array.isArray(value)) {
			pairs.push([name, scalarText(name, value)]);
			continue;
		}
		const items = value.filter((item) => item !== undefined && item !== null).map((item) => scalarText(name, item));
		if (format === 'comma') {
			if (items.length) pairs.push([name, items.join(',')]);
			continue;
		}
		items.forEach((item, index) => {
			const key = format === 'repeat' ? name : format === 'brackets' ? `${name}[]` : `${name}[${index}]`;
			pairs.push([key, item]);
		});
	}
	return pairs;
}

function withQuery(url: URL, pairs: Array<[string, string]>): URL {
	if (pairs.length === 0) return url;
	const merged = new URL(url.href);
	const added = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
	merged.search = merged.search ? `${merged.search}&${added}` : `?${added}`;
	return merged;
}

/**
 * Adds a fresh OAuth 1.0a `Authorization` header (TBA for REST web services and RESTlets) to one
 * request. `qs` moves into the URL first, so the query NetSuite receives is the one signed.
 */
export function signRestRequest<T extends RestHttpRequest>(
	credentialFields: Record<string, unknown>,
	request: T,
	clock: Clock = Date.now,
	random?: RandomSource,
): Omit<T, 'qs' | 'clockOffsetMs'> & { headers: Record<string, unknown> } {
	const secrets = readTbaSecrets(credentialFields);
	const contentType = headerName(request.headers ?? {}, 'content-type');
	if ((contentType && /x-www-form-urlencoded/i.test(String(request.headers?.[contentType]))) || request.form !== undefined) {
		// OAuth 1.0a signs form parameters like query parameters; unsigned, NetSuite refuses the request as an invalid login.
		throw new InvalidCredentialError(
			'The NetSuite TBA API credential does not sign form-encoded (application/x-www-form-urlencoded) bodies. Send the body as JSON, or the values as query parameters.',
		);
	}
	const named = requestUrl(request);
	if (!named) throw new InvalidCredentialError('A NetSuite REST request needs an absolute URL to sign.');
	const url = withQuery(named, queryPairs(request));
	const offsetMs =
		typeof request.clockOffsetMs === 'number' && Number.isFinite(request.clockOffsetMs) ? request.clockOffsetMs : 0;
	const signingClock = offsetMs ? () => clock() + offsetMs : clock;
	const method = (request.method ?? 'GET').toUpperCase();
	const authorization = random
		? freshOAuth1AuthorizationHeader(secrets, method, url, signingClock, random)
		: freshOAuth1AuthorizationHeader(secrets, method, url, signingClock);

	const headers: Record<string, unknown> = { ...(request.headers ?? {}) };
	const existing = headerName(headers, 'authorization');
	if (existing) delete headers[existing];
	headers.Authorization = authorization;
	const { qs: _written, clockOffsetMs: _applied, ...rest } = request;
	return { ...rest, [urlKeyOf(request)]: url.href, headers };
}
