import { constants, createPrivateKey, randomBytes, sign, type KeyObject } from 'crypto';

/**
 * The client assertion of NetSuite's OAuth 2.0 client credentials (M2M) flow [O:section_162790605110],
 * signed with node's crypto: no JWT library, so the package stays dependency-free.
 */

export const M2M_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type M2mAlgorithm = (typeof M2M_ALGORITHMS)[number];

interface AlgorithmRule {
	digest: 'sha256' | 'sha384' | 'sha512';
	keyType: 'rsa' | 'ec';
	/** EC: the one curve the algorithm is defined on (RFC 7518 §3.4). */
	curve?: string;
	curveName?: string;
}

const RULES: Record<M2mAlgorithm, AlgorithmRule> = {
	PS256: { digest: 'sha256', keyType: 'rsa' },
	PS384: { digest: 'sha384', keyType: 'rsa' },
	PS512: { digest: 'sha512', keyType: 'rsa' },
	ES256: { digest: 'sha256', keyType: 'ec', curve: 'prime256v1', curveName: 'P-256' },
	ES384: { digest: 'sha384', keyType: 'ec', curve: 'secp384r1', curveName: 'P-384' },
	ES512: { digest: 'sha512', keyType: 'ec', curve: 'secp521r1', curveName: 'P-521' },
};
const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const ALGORITHM_FOR_CURVE: Record<string, M2mAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
/** NetSuite accepts certificates with RSA keys of 3072 or 4096 bits [O:subsect_162755332391]. */
const MIN_RSA_BITS = 3072;

export function isM2mAlgorithm(value: unknown): value is M2mAlgorithm {
	return typeof value === 'string' && (M2M_ALGORITHMS as readonly string[]).includes(value);
}

export interface AssertionClaims {
	algorithm: M2mAlgorithm;
	certificateId: string;
	clientId: string;
	scopes: string[];
	/** The token endpoint URL the assertion is sent to. */
	audience: string;
	issuedAtSeconds: number;
	expiresAtSeconds: number;
	/** Unique per assertion; Oracle's own sample carries one. */
	jwtId: string;
}

export class PrivateKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PrivateKeyError';
	}
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * A PEM pasted into a one-line password field arrives with its line breaks turned into spaces or
 * into the two characters `\n`; the base64 body is re-wrapped so that node's crypto reads it.
 */
export function normalisePem(text: string): string {
	const unescaped = text.replace(/\\r\\n|\\n/g, '\n').trim();
	const block = PEM_BLOCK.exec(unescaped);
	if (!block) return unescaped;
	const label = block[1];
	const lines = block[2].trim().split(/\r?\n/);
	// Encrypted PKCS#1 keys keep `Proc-Type:`/`DEK-Info:` headers; leave such a block as it is.
	if (lines.some((line) => line.includes(':'))) return block[0];
	const body = block[2].replace(/\s+/g, '');
	return `-----BEGIN ${label}-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** The private key, or a message saying what was pasted instead and what to paste. Never echoes the key. */
export function readPrivateKey(pem: string): KeyObject {
	const text = normalisePem(pem);
	if (/-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY)-----/.test(text)) {
		throw new PrivateKeyError(
			'The Private Key field holds a certificate or public key. Paste the private key that belongs to the certificate uploaded to NetSuite (-----BEGIN PRIVATE KEY-----).',
		);
	}
	if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
		throw new PrivateKeyError(
			'The Private Key is encrypted with a passphrase. Export it without one (openssl pkcs8 -topk8 -nocrypt -in key.pem).',
		);
	}
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey(text);
	} catch {
		key = undefined;
	}
	if (!key) {
		throw new PrivateKeyError(
			'The Private Key is not a PEM private key node can read. Paste the whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.',
		);
	}
	return key;
}

/**
 * A hint for NetSuite's refusal, not a refusal of our own: a certificate uploaded before NetSuite
 * asked for 3072 bits may still be valid, so a smaller key is sent and only named if refused.
 */
export function keySizeHint(key: KeyObject): string | undefined {
	const bits = key.asymmetricKeyDetails?.modulusLength;
	if ((key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') || bits === undefined || bits >= MIN_RSA_BITS) {
		return undefined;
	}
	return `This Private Key is a ${bits}-bit RSA key; NetSuite accepts new certificates only with 3072 or 4096 bits (openssl req -x509 -newkey rsa:4096 …).`;
}

/** Undefined when the key can sign with the algorithm NetSuite will verify; else what to change. */
export function keyAlgorithmProblem(key: KeyObject, algorithm: M2mAlgorithm): string | undefined {
	const rule = RULES[algorithm];
	const type = key.asymmetricKeyType;
	if (type === 'rsa-pss' || type === 'rsa') {
		if (rule.keyType !== 'rsa') {
			return `The Private Key is an RSA key but the Algorithm is ${algorithm}, which needs an EC key. Choose PS256, PS384 or PS512.`;
		}
		return undefined;
	}
	if (type === 'ec') {
		const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
		if (rule.keyType !== 'ec') {
			const fitting = ALGORITHM_FOR_CURVE[curve];
			return `The Private Key is an EC key but the Algorithm is ${algorithm}, which needs an RSA key.${fitting ? ` Choose ${fitting}.` : ''}`;
		}
		if (curve !== rule.curve) {
			const fitting = ALGORITHM_FOR_CURVE[curve];
			return `The Algorithm ${algorithm} needs an EC key on curve ${rule.curveName}; this key is on ${CURVE_NAMES[curve] ?? curve}.${fitting ? ` Choose ${fitting}.` : ' NetSuite accepts P-256, P-384 and P-521.'}`;
		}
		return undefined;
	}
	return `The Private Key is a ${type ?? 'unknown'} key; NetSuite accepts RSA (PS256/PS384/PS512) and EC (ES256/ES384/ES512) keys.`;
}

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function newJwtId(): string {
	return randomBytes(16).toString('hex');
}

/** `header.payload.signature`: RSA-PSS with salt = digest length, or ECDSA in JOSE `r‖s` form. */
export function signClientAssertion(claims: AssertionClaims, key: KeyObject): string {
	const header = { typ: 'JWT', alg: claims.algorithm, kid: claims.certificateId };
	const payload = {
		iss: claims.clientId,
		scope: claims.scopes,
		aud: claims.audience,
		iat: claims.issuedAtSeconds,
		exp: claims.expiresAtSeconds,
		jti: claims.jwtId,
	};
	const signingInput = `${base64url(header)}.${base64url(payload)}`;
	const rule = RULES[claims.algorithm];
	const data = Buffer.from(signingInput, 'utf8');
	const signature =
		rule.keyType === 'rsa'
			? sign(rule.digest, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST })
			: sign(rule.digest, data, { key, dsaEncoding: 'ieee-p1363' });
	return `${signingInput}.${signature.toString('base64url')}`;
}
