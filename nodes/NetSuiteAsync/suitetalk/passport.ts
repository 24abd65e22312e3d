import { createHmac, randomBytes } from 'crypto';

import { createNonce, unixSeconds, type Clock, type RandomSource } from '../shared/nonce';
import type { TbaSecrets } from '../shared/tbaSecrets';
import { passportAccountId } from './account';

// Re-exported so SOAP callers keep one import; REST code imports ../shared directly.
export { createNonce, unixSeconds, type Clock, type RandomSource } from '../shared/nonce';
export type { TbaSecrets } from '../shared/tbaSecrets';

/** The values of one `tokenPassport` header; single use (NetSuite rejects a reused nonce). */
export interface TokenPassport {
	account: string;
	consumerKey: string;
	token: string;
	nonce: string;
	timestamp: string;
	signature: string;
}

/**
 * SOAP TBA differs from REST OAuth 1.0: the base string is the raw values joined by `&`, with no
 * HTTP method, URL or percent-encoding, and the result is Base64 of the raw digest.
 */
export function passportSignature(
	secrets: TbaSecrets,
	account: string,
	nonce: string,
	timestamp: string,
): string {
	const key = `${secrets.consumerSecret}&${secrets.tokenSecret}`;
	const message = [account, secrets.consumerKey, secrets.tokenId, nonce, timestamp].join('&');
	return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

export function signPassport(
	secrets: TbaSecrets,
	nonce: string,
	timestamp: string,
): TokenPassport {
	const account = passportAccountId(secrets.accountId);
	return {
		account,
		consumerKey: secrets.consumerKey.trim(),
		token: secrets.tokenId.trim(),
		nonce,
		timestamp,
		signature: passportSignature(
			{ ...secrets, consumerKey: secrets.consumerKey.trim(), tokenId: secrets.tokenId.trim() },
			account,
			nonce,
			timestamp,
		),
	};
}

export function freshPassport(
	secrets: TbaSecrets,
	clock: Clock = Date.now,
	random: RandomSource = randomBytes,
): TokenPassport {
	return signPassport(secrets, createNonce(random), unixSeconds(clock));
}
