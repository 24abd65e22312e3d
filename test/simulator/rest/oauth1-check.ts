import { createHmac } from 'crypto';

import { NonceMemory, NONCE_PATTERN, sameText, TIMESTAMP_PATTERN, TIMESTAMP_TOLERANCE_SECONDS } from '../tba-rules';
import type { SimulatorCredentials } from '../types';
import type { RestAuthFailureReason } from './types';

/**
 * NetSuite's TBA check for REST web services and RESTlets (OAuth 1.0a, HMAC-SHA256), written from
 * Oracle's recipe [O:section_1534941088] without the package's oauth1.ts, so that a client bug
 * (unsigned query, unencoded value, lower-case realm, port in the base URL) fails here.
 */

export interface OAuth1Request {
	method: string;
	/** `http://127.0.0.1:1234`: what the client addressed (scheme and Host header). */
	origin: string;
	/** Path and query as received. */
	target: string;
	authorization: string;
	/** An `application/x-www-form-urlencoded` body, whose parameters are signed like the query's. */
	formBody?: string;
}

const REQUIRED = [
	'realm',
	'oauth_consumer_key',
	'oauth_token',
	'oauth_nonce',
	'oauth_timestamp',
	'oauth_signature_method',
	'oauth_version',
	'oauth_signature',
] as const;

/** RFC 3986 percent-encoding: everything but `A–Z a–z 0–9 - . _ ~`. */
function rfc3986(value: string): string {
	return Array.from(Buffer.from(value, 'utf8'))
		.map((byte) => {
			const char = String.fromCharCode(byte);
			return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		})
		.join('');
}

function formDecode(value: string): string {
	return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** `OAuth realm="1", oauth_token="…"` → pairs, or undefined when the header is not an OAuth one or is malformed. */
export function parseOAuthHeader(header: string): Array<[string, string]> | undefined {
	const match = /^OAuth\s+(.*)$/is.exec(header.trim());
	if (!match) return undefined;
	const pairs: Array<[string, string]> = [];
	const pattern = /\s*([A-Za-z_]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
	let consumed = 0;
	for (let found = pattern.exec(match[1]); found; found = pattern.exec(match[1])) {
		try {
			pairs.push([found[1], decodeURIComponent(found[2])]);
		} catch {
			return undefined;
		}
		consumed = pattern.lastIndex;
	}
	return consumed === match[1].length ? pairs : undefined;
}

export class OAuth1Verifier {
	constructor(
		private readonly credentials: SimulatorCredentials,
		private readonly clockMs: () => number,
		private readonly nonces: NonceMemory,
	) {}

	/** undefined when the request is authenticated; else the Login Audit Trail reason. */
	verify(request: OAuth1Request): RestAuthFailureReason | undefined {
		const pairs = parseOAuthHeader(request.authorization);
		if (!pairs) return 'ParameterRejected';
		const fields = new Map<string, string>();
		for (const [name, value] of pairs) {
			if (fields.has(name)) return 'ParameterRejected';
			fields.set(name, value);
		}
		if (REQUIRED.some((name) => !fields.get(name))) return 'ParameterRejected';
		const field = (name: (typeof REQUIRED)[number]): string => fields.get(name) as string;

		if (field('oauth_version') !== '1.0') return 'VersionRejected';
		if (field('oauth_signature_method') !== 'HMAC-SHA256') return 'UnknownAlgorithm';
		// Exact comparison on purpose: NetSuite compares the realm case-sensitively.
		if (field('realm') !== this.credentials.accountId.toUpperCase()) return 'InvalidAccount';
		if (field('oauth_consumer_key') !== this.credentials.consumerKey) return 'UnknownConsumerKey';
		if (field('oauth_token') !== this.credentials.tokenId) return 'UnknownToken';
		const nonce = field('oauth_nonce');
		const timestamp = field('oauth_timestamp');
		if (!NONCE_PATTERN.test(nonce)) return 'InvalidNonce';
		if (!TIMESTAMP_PATTERN.test(timestamp)) return 'InvalidTimestamp';
		if (Math.abs(Number(timestamp) - this.clockMs() / 1000) > TIMESTAMP_TOLERANCE_SECONDS) return 'InvalidTimestamp';

		const expected = this.expectedSignature(request, fields);
		if (expected === undefined || !sameText(field('oauth_signature'), expected)) return 'InvalidSignature';

		// Only a correctly signed request burns its nonce; otherwise anyone could exhaust them.
		return this.nonces.use(field('oauth_token'), nonce) ? undefined : 'NonceUsed';
	}

	private expectedSignature(request: OAuth1Request, fields: Map<string, string>): string | undefined {
		const questionMark = request.target.indexOf('?');
		const path = questionMark === -1 ? request.target : request.target.slice(0, questionMark);
		const query = [questionMark === -1 ? '' : request.target.slice(questionMark + 1), request.formBody ?? '']
			.filter((part) => part !== '')
			.join('&');
		const origin = new URL(request.origin);
		// URL drops the scheme's default port and lower-cases scheme and host, as the recipe asks.
		const baseUrl = `${origin.protocol}//${origin.host}${path}`;

		const parameters: Array<[string, string]> = [];
		for (const [name, value] of fields) {
			if (name !== 'realm' && name !== 'oauth_signature') parameters.push([rfc3986(name), rfc3986(value)]);
		}
		try {
			for (const piece of query.split('&')) {
				if (piece === '') continue;
				const equals = piece.indexOf('=');
				const name = equals === -1 ? piece : piece.slice(0, equals);
				const value = equals === -1 ? '' : piece.slice(equals + 1);
				parameters.push([rfc3986(formDecode(name)), rfc3986(formDecode(value))]);
			}
		} catch {
			return undefined;
		}
		parameters.sort(([nameA, valueA], [nameB, valueB]) =>
			nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
		);
		const parameterString = parameters.map(([name, value]) => `${name}=${value}`).join('&');
		const baseString = [request.method.toUpperCase(), rfc3986(baseUrl), rfc3986(parameterString)].join('&');
		const key = `${rfc3986(this.credentials.consumerSecret)}&${rfc3986(this.credentials.tokenSecret)}`;
		return createHmac('sha256', key).update(baseString, 'utf8').digest('base64');
	}
}
