import { constants, createPublicKey, randomBytes, verify, type KeyObject } from 'crypto';

import type { RestAuthFailureReason, RestScope, SimulatorCertificate, SimulatorM2mCredentials } from './types';

/**
 * NetSuite's OAuth 2.0 client credentials (M2M) token endpoint [O:section_162755359851],
 * [O:section_162790605110], verifying the client assertion with node's crypto, independently of the
 * package's jwtAssertion.ts.
 */

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const KNOWN_SCOPES: ReadonlySet<string> = new Set<RestScope>(['rest_webservices', 'restlets', 'suite_analytics']);
/** "exp must be less than 60 minutes greater than iat"; Oracle's own sample uses exactly 3600. */
const MAX_ASSERTION_VALIDITY_SECONDS = 3600;
/** How far in the future an `iat` may be (clock skew); NetSuite's tolerance is not documented. */
const IAT_TOLERANCE_SECONDS = 300;

interface AlgorithmRule {
	digest: string;
	keyType: 'rsa' | 'ec';
	/** EC only: the curve the key must be on. */
	curve?: string;
	/** RSA-PSS salt = digest length. */
	saltLength?: number;
}

const ALGORITHMS: Record<string, AlgorithmRule> = {
	PS256: { digest: 'sha256', keyType: 'rsa', saltLength: 32 },
	PS384: { digest: 'sha384', keyType: 'rsa', saltLength: 48 },
	PS512: { digest: 'sha512', keyType: 'rsa', saltLength: 64 },
	ES256: { digest: 'sha256', keyType: 'ec', curve: 'prime256v1' },
	ES384: { digest: 'sha384', keyType: 'ec', curve: 'secp384r1' },
	ES512: { digest: 'sha512', keyType: 'ec', curve: 'secp521r1' },
};

export interface TokenGrant {
	accessToken: string;
	scopes: RestScope[];
	expiresInSeconds: number;
}

export type TokenOutcome = { ok: true; grant: TokenGrant } | { ok: false; error: string; reason: RestAuthFailureReason };

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** Oracle's table says "separated by a comma"; Oracle's sample assertion sends a JSON array. Both are read. */
function requestedScopes(scope: unknown): string[] | undefined {
	if (typeof scope === 'string') return scope.split(',').map((part) => part.trim());
	if (Array.isArray(scope) && scope.every((part) => typeof part === 'string')) return scope as string[];
	return undefined;
}

function isNumericDate(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export class TokenEndpoint {
	private readonly keys = new Map<string, KeyObject>();

	constructor(
		private readonly m2m: SimulatorM2mCredentials,
		private readonly clockMs: () => number,
	) {
		for (const certificate of m2m.certificates) this.register(certificate);
	}

	register(certificate: SimulatorCertificate): void {
		this.keys.set(certificate.certificateId, createPublicKey(certificate.publicKeyPem));
	}

	/** One POST to the token endpoint: its form body and the URL it was sent to (the assertion's `aud`). */
	exchange(formBody: string, tokenUrl: string, lifetimeSeconds: number): TokenOutcome {
		const form = new URLSearchParams(formBody);
		if (form.get('grant_type') !== 'client_credentials') {
			return { ok: false, error: 'unsupported_grant_type', reason: 'UnsupportedGrantType' };
		}
		const assertion = form.get('client_assertion');
		if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
			return { ok: false, error: 'invalid_request', reason: 'InvalidRequest' };
		}
		const refusal = (reason: RestAuthFailureReason): TokenOutcome => ({ ok: false, error: 'invalid_grant', reason });

		const parts = assertion.split('.');
		const header = parts.length === 3 ? decodeSegment(parts[0]) : undefined;
		const payload = parts.length === 3 ? decodeSegment(parts[1]) : undefined;
		if (!header || !payload || header.typ !== 'JWT') return refusal('MalformedAssertion');
		const rule = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
		if (!rule) return refusal('UnsupportedAlgo');
		if (typeof header.kid !== 'string' || header.kid === '') return refusal('MissingKeyId');
		const key = this.keys.get(header.kid);
		if (!key) return refusal('MissingKey');
		if (!this.signatureHolds(key, rule, `${parts[0]}.${parts[1]}`, parts[2])) return refusal('InvalidSignature');

		if (payload.iss !== this.m2m.clientId) return refusal('InvalidIssuer');
		const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
		if (!audiences.includes(tokenUrl)) return refusal('InvalidAudience');
		const { iat, exp } = payload;
		if (!isNumericDate(iat) || !isNumericDate(exp)) return refusal('MalformedAssertion');
		if (exp - iat > MAX_ASSERTION_VALIDITY_SECONDS) return refusal('TokenValidityTooBroad');
		const nowSeconds = this.clockMs() / 1000;
		if (exp <= nowSeconds) return refusal('AssertionExpired');
		if (iat > nowSeconds + IAT_TOLERANCE_SECONDS) return refusal('AssertionNotYetValid');
		const scopes = requestedScopes(payload.scope);
		if (!scopes || scopes.length === 0) return refusal('ScopeMismatched');
		const allowed = new Set<string>(this.m2m.allowedScopes);
		if (!scopes.every((scope) => KNOWN_SCOPES.has(scope) && allowed.has(scope))) return refusal('ScopeMismatched');

		return {
			ok: true,
			grant: {
				accessToken: randomBytes(32).toString('base64url'),
				scopes: [...new Set(scopes)] as RestScope[],
				expiresInSeconds: lifetimeSeconds,
			},
		};
	}

	private signatureHolds(key: KeyObject, rule: AlgorithmRule, signingInput: string, signature: string): boolean {
		if (key.asymmetricKeyType !== rule.keyType) return false;
		if (rule.curve && key.asymmetricKeyDetails?.namedCurve !== rule.curve) return false;
		if (!/^[A-Za-z0-9_-]+$/.test(signature)) return false;
		const input = Buffer.from(signingInput, 'utf8');
		const bytes = Buffer.from(signature, 'base64url');
		try {
			return rule.keyType === 'rsa'
				? verify(rule.digest, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: rule.saltLength }, bytes)
				: verify(rule.digest, input, { key, dsaEncoding: 'ieee-p1363' }, bytes);
		} catch {
			return false;
		}
	}
}
