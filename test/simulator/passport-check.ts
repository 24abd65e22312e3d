import { createHmac } from 'crypto';

import { NonceMemory, NONCE_PATTERN, sameText, TIMESTAMP_PATTERN, TIMESTAMP_TOLERANCE_SECONDS } from './tba-rules';

import type { PassportFields } from './request';
import type { AuthFailureReason, SimulatorCredentials } from './types';

/**
 * NetSuite's TBA check for SOAP, written independently of the client's passport.ts so that a
 * client bug (wrong base string, hex instead of Base64, lower-case account) fails here.
 */

export interface AuthContext {
	passports: PassportFields[];
	hasApplicationInfo: boolean;
	hasLoginPassport: boolean;
	hasCookie: boolean;
}

const ACCEPTED_ALGORITHMS = new Set(['HMAC_SHA256', 'HMAC-SHA256']);

export class PassportVerifier {
	constructor(
		private readonly credentials: SimulatorCredentials,
		private readonly clockMs: () => number,
		/** Shared with the REST check: a nonce is spent for the token whichever protocol used it. */
		private readonly nonces = new NonceMemory(),
	) {}

	/** undefined when the request is authenticated; else the Login Audit Trail reason. */
	verify(context: AuthContext): AuthFailureReason | undefined {
		if (context.passports.length === 0) return 'MissingPassport';
		if (context.passports.length > 1) return 'MultipleTokenPassports';
		if (context.hasApplicationInfo || context.hasLoginPassport || context.hasCookie) return 'AmbiguousAuthentication';

		const passport = context.passports[0];
		const { account, consumerKey, token, nonce, timestamp, signature, algorithm } = passport;
		if (!account || !consumerKey || !token || !nonce || !timestamp || !signature || algorithm === undefined) {
			return 'MissingTokenPassportRequiredFields';
		}
		if (!ACCEPTED_ALGORITHMS.has(algorithm)) return 'UnsupportedAlgorithm';
		// Exact comparison on purpose: NetSuite refuses `1234567_sb1` for account 1234567_SB1.
		if (account !== this.credentials.accountId.toUpperCase()) return 'InvalidAccount';
		if (consumerKey !== this.credentials.consumerKey) return 'UnknownConsumerKey';
		if (token !== this.credentials.tokenId) return 'UnknownToken';
		if (!NONCE_PATTERN.test(nonce)) return 'InvalidNonce';
		if (!TIMESTAMP_PATTERN.test(timestamp)) return 'InvalidTimestamp';
		const skewSeconds = Math.abs(Number(timestamp) - this.clockMs() / 1000);
		if (skewSeconds > TIMESTAMP_TOLERANCE_SECONDS) return 'InvalidTimestamp';
		if (!sameText(signature, this.expectedSignature(account, nonce, timestamp))) return 'InvalidSignature';

		// Only a correctly signed passport burns its nonce; otherwise anyone could exhaust them.
		return this.nonces.use(token, nonce) ? undefined : 'NonceUsed';
	}

	private expectedSignature(account: string, nonce: string, timestamp: string): string {
		const { consumerKey, consumerSecret, tokenId, tokenSecret } = this.credentials;
		const baseString = `${account}&${consumerKey}&${tokenId}&${nonce}&${timestamp}`;
		return createHmac('sha256', `${consumerSecret}&${tokenSecret}`).update(baseString, 'utf8').digest('base64');
	}
}
