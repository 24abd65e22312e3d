import { createHmac, randomBytes } from 'crypto';

import { signingAccountId } from '../shared/accountId';
import { createNonce, unixSeconds, type Clock, type RandomSource } from '../shared/nonce';
import type { TbaSecrets } from '../shared/tbaSecrets';

/**
 * TBA for REST web services and RESTlets: an OAuth 1.0a `Authorization` header, HMAC-SHA256
 * [O:section_1534941088]. Unlike the SOAP passport, the method, the URL and every query parameter
 * are signed, and every value is percent-encoded.
 */

export const OAUTH_SIGNATURE_METHOD = 'HMAC-SHA256';

/** RFC 3986 §2.3 unreserved characters stay; everything else, `!*'()` included, becomes `%XX` (RFC 5849 §3.6). */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `scheme://host[:port]/path`: lower-case scheme and host, no default port, no query or fragment. */
function baseStringUri(url: URL): string {
	return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Query parameters as the server decodes them (`+` is a space), to be signed beside the `oauth_*` ones. */
function queryParameters(url: URL): Array<[string, string]> {
	return [...url.searchParams.entries()];
}

/** METHOD & enc(base URI) & enc(sorted `name=value` pairs), names and values encoded before sorting. */
export function signatureBaseString(method: string, url: URL, oauthParameters: Record<string, string>): string {
	const pairs = [...Object.entries(oauthParameters), ...queryParameters(url)]
		.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
		.sort(([nameA, valueA], [nameB, valueB]) =>
			nameA === nameB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : nameA < nameB ? -1 : 1,
		);
	const parameterString = pairs.map(([name, value]) => `${name}=${value}`).join('&');
	return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(parameterString)].join('&');
}

export function oauth1Signature(secrets: TbaSecrets, baseString: string): string {
	const key = `${percentEncode(secrets.consumerSecret)}&${percentEncode(secrets.tokenSecret)}`;
	return createHmac('sha256', key).update(baseString, 'utf8').digest('base64');
}

/** The header for one request; single use (NetSuite refuses a nonce it has seen). */
export function oauth1AuthorizationHeader(
	secrets: TbaSecrets,
	method: string,
	url: URL,
	nonce: string,
	timestamp: string,
): string {
	const oauthParameters: Record<string, string> = {
		oauth_consumer_key: secrets.consumerKey,
		oauth_token: secrets.tokenId,
		oauth_nonce: nonce,
		oauth_timestamp: timestamp,
		oauth_signature_method: OAUTH_SIGNATURE_METHOD,
		oauth_version: '1.0',
	};
	const signature = oauth1Signature(secrets, signatureBaseString(method, url, oauthParameters));
	// realm is not signed; NetSuite compares it case-sensitively with the upper-case account ID.
	const fields = { realm: signingAccountId(secrets.accountId), ...oauthParameters, oauth_signature: signature };
	return `OAuth ${Object.entries(fields)
		.map(([name, value]) => `${name}="${percentEncode(value)}"`)
		.join(', ')}`;
}

/** A fresh CSPRNG nonce and the current time (plus the caller's clock correction) for every request. */
export function freshOAuth1AuthorizationHeader(
	secrets: TbaSecrets,
	method: string,
	url: URL,
	clock: Clock = Date.now,
	random: RandomSource = randomBytes,
): string {
	return oauth1AuthorizationHeader(secrets, method, url, createNonce(random), unixSeconds(clock));
}
