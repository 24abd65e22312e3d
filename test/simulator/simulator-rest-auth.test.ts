import { constants, createPrivateKey, sign } from 'crypto';

import { ORACLE_NONCE, ORACLE_TBA, ORACLE_TIMESTAMP } from '../fixtures/oracle-tba-example';
import { OAuth1Verifier } from './rest/oauth1-check';
import { testPrivateKeyPem, type TestKeyName } from './rest/test-keys';
import type { Simulator } from './server';
import { useSimulator } from './test-client';
import { NonceMemory } from './tba-rules';

/**
 * The simulator's REST authentication. OAuth 1.0a is pinned to Oracle's published worked examples
 * [O:section_1534941088] (values copied from the notes §2.1.5, not computed by any code here); the
 * token endpoint to JWTs assembled by hand in this file with node's crypto.
 */

const ORACLE = ORACLE_TBA;
const ORACLE_TIME_MS = Number(ORACLE_TIMESTAMP) * 1000;

function oracleHeader(signature: string, overrides: Record<string, string> = {}): string {
	const fields: Record<string, string> = {
		realm: '123456',
		oauth_consumer_key: ORACLE.consumerKey,
		oauth_token: ORACLE.tokenId,
		oauth_nonce: ORACLE_NONCE,
		oauth_timestamp: ORACLE_TIMESTAMP,
		oauth_signature_method: 'HMAC-SHA256',
		oauth_version: '1.0',
		oauth_signature: signature,
		...overrides,
	};
	return `OAuth ${Object.entries(fields)
		.map(([name, value]) => `${name}="${value}"`)
		.join(', ')}`;
}

/** Oracle's REST example: GET …/record/v1/employee/40, signature B5OIWznZ…0zY= (percent-encoded in the header). */
const REST_EXAMPLE = {
	method: 'GET',
	origin: 'https://123456.suitetalk.api.netsuite.com',
	target: '/services/rest/record/v1/employee/40',
	signature: 'B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D',
};
/** Oracle's RESTlet example with four query parameters; the page lost the signature's leading `+`. */
const RESTLET_EXAMPLE = {
	method: 'POST',
	origin: 'https://123456.restlets.api.netsuite.com',
	target: '/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
	signature: '%2BKK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ%3D',
};

describe('OAuth 1.0a verifier against Oracle\'s worked examples', () => {
	function verifier(clockMs = ORACLE_TIME_MS): OAuth1Verifier {
		return new OAuth1Verifier(ORACLE, () => clockMs, new NonceMemory());
	}

	it('accepts Oracle\'s REST record example and its RESTlet example with signed query parameters', () => {
		// Oracle uses one nonce for both examples, so each gets its own verifier.
		for (const example of [REST_EXAMPLE, RESTLET_EXAMPLE]) {
			expect(verifier().verify({ ...example, authorization: oracleHeader(example.signature) })).toBeUndefined();
		}
	});

	it('signs a form-encoded body\'s parameters like the query\'s: Oracle\'s RESTlet values as a form give its signature', () => {
		const asForm = {
			...RESTLET_EXAMPLE,
			target: '/app/site/hosting/restlet.nl',
			formBody: 'script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
		};
		expect(verifier().verify({ ...asForm, authorization: oracleHeader(asForm.signature) })).toBeUndefined();
		const unsignedForm = { ...asForm, formBody: `${asForm.formBody}&extra=1` };
		expect(verifier().verify({ ...unsignedForm, authorization: oracleHeader(asForm.signature) })).toBe('InvalidSignature');
	});

	it('refuses the RESTlet signature as the page prints it (leading + lost)', () => {
		const printed = { ...RESTLET_EXAMPLE, signature: 'KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ%3D' };
		expect(verifier().verify({ ...printed, authorization: oracleHeader(printed.signature) })).toBe('InvalidSignature');
	});

	it('refuses what a careless client changes: method, path, an unsigned query, the host', () => {
		const cases = [
			{ ...REST_EXAMPLE, method: 'POST' },
			{ ...REST_EXAMPLE, target: '/services/rest/record/v1/employee/41' },
			{ ...REST_EXAMPLE, target: `${REST_EXAMPLE.target}?fields=email` },
			{ ...REST_EXAMPLE, origin: 'https://123456.restlets.api.netsuite.com' },
		];
		for (const example of cases) {
			expect(verifier().verify({ ...example, authorization: oracleHeader(REST_EXAMPLE.signature) })).toBe('InvalidSignature');
		}
	});

	it('names the Login Audit Trail reason of each malformed header', () => {
		const reasons = [
			[{ realm: '123456_sb1' }, 'InvalidAccount'],
			[{ oauth_signature_method: 'HMAC-SHA1' }, 'UnknownAlgorithm'],
			[{ oauth_version: '1.1' }, 'VersionRejected'],
			[{ oauth_consumer_key: 'other' }, 'UnknownConsumerKey'],
			[{ oauth_token: 'other' }, 'UnknownToken'],
			[{ oauth_nonce: 'abc' }, 'InvalidNonce'],
			[{ oauth_timestamp: 'soon' }, 'InvalidTimestamp'],
			[{ oauth_signature: '' }, 'ParameterRejected'],
		] as const;
		for (const [overrides, reason] of reasons) {
			expect(verifier().verify({ ...REST_EXAMPLE, authorization: oracleHeader(REST_EXAMPLE.signature, overrides) })).toBe(reason);
		}
		const doubled = `${oracleHeader(REST_EXAMPLE.signature)}, oauth_nonce="second1234"`;
		expect(verifier().verify({ ...REST_EXAMPLE, authorization: doubled })).toBe('ParameterRejected');
		expect(verifier().verify({ ...REST_EXAMPLE, authorization: 'OAuth garbage' })).toBe('ParameterRejected');
	});

	it('allows ±5 minutes of clock difference, not more', () => {
		const request = { ...REST_EXAMPLE, authorization: oracleHeader(REST_EXAMPLE.signature) };
		expect(verifier(ORACLE_TIME_MS + 300_000).verify(request)).toBeUndefined();
		expect(verifier(ORACLE_TIME_MS - 300_000).verify(request)).toBeUndefined();
		expect(verifier(ORACLE_TIME_MS + 301_000).verify(request)).toBe('InvalidTimestamp');
		expect(verifier(ORACLE_TIME_MS - 301_000).verify(request)).toBe('InvalidTimestamp');
	});

	it('refuses a nonce the second time, also when the SOAP passport check spent it', () => {
		const nonces = new NonceMemory();
		const check = new OAuth1Verifier(ORACLE, () => ORACLE_TIME_MS, nonces);
		const request = { ...REST_EXAMPLE, authorization: oracleHeader(REST_EXAMPLE.signature) };
		expect(check.verify(request)).toBeUndefined();
		expect(check.verify(request)).toBe('NonceUsed');

		const shared = new NonceMemory();
		expect(shared.use(ORACLE.tokenId, ORACLE_NONCE)).toBe(true);
		expect(new OAuth1Verifier(ORACLE, () => ORACLE_TIME_MS, shared).verify(request)).toBe('NonceUsed');
	});
});

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

interface AssertionParts {
	header?: Record<string, unknown>;
	payload?: Record<string, unknown>;
	key?: TestKeyName;
	/** How the bytes are signed (default: what `alg` asks for). */
	signer?: 'pss' | 'pkcs1' | 'ecdsa-der';
}

const DIGESTS: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

/** A client assertion assembled by hand: JOSE header and payload, signed with node's crypto. */
function assertion(simulator: Simulator, parts: AssertionParts = {}): string {
	const now = Math.floor(Date.now() / 1000);
	const header = { typ: 'JWT', alg: 'PS256', kid: 'simulator-certificate-id-rsa', ...parts.header };
	const payload = {
		iss: simulator.rest.m2m.clientId,
		scope: ['rest_webservices'],
		aud: simulator.rest.tokenUrl(),
		iat: now,
		exp: now + 3600,
		...parts.payload,
	};
	const input = `${base64url(header)}.${base64url(payload)}`;
	const key = createPrivateKey(testPrivateKeyPem(parts.key ?? 'rsa-3072'));
	const alg = String(header.alg);
	const digest = DIGESTS[alg.slice(2)] ?? 'sha256';
	const signer = parts.signer ?? (alg.startsWith('PS') ? 'pss' : alg.startsWith('ES') ? 'ecdsa' : 'pkcs1');
	const signature =
		signer === 'pss'
			? sign(digest, Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 })
			: signer === 'pkcs1'
				? sign(digest, Buffer.from(input), key)
				: sign(digest, Buffer.from(input), { key, dsaEncoding: signer === 'ecdsa-der' ? 'der' : 'ieee-p1363' });
	return `${input}.${signature.toString('base64url')}`;
}

async function requestToken(simulator: Simulator, jwt: string, overrides: Record<string, string> = {}) {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		client_assertion: jwt,
		...overrides,
	});
	const response = await fetch(simulator.rest.tokenUrl(), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OAuth 2.0 M2M token endpoint and bearer tokens', () => {
	let simulator: Simulator;
	useSimulator(
		(started) => {
			simulator = started;
			simulator.rest.addCertificate({ certificateId: 'cert-ec-p256', publicKeyPem: testPrivateKeyPem('ec-p256') });
			simulator.rest.addCertificate({ certificateId: 'cert-ec-p521', publicKeyPem: testPrivateKeyPem('ec-p521') });
		},
		() => {
			simulator.rest.setAccessTokenLifetimeSeconds(3600);
			simulator.rest.setAllowedScopes(['rest_webservices', 'restlets']);
		},
	);

	function catalog(authorization?: string) {
		return fetch(`${simulator.url}/services/rest/record/v1/metadata-catalog`, {
			headers: authorization ? { Authorization: authorization } : {},
		});
	}

	it('issues a 60-minute bearer token for PS256, ES256 and ES512 assertions, and accepts it', async () => {
		const issuedBefore = simulator.rest.issuedTokens;
		for (const parts of [
			{},
			{ header: { alg: 'ES256', kid: 'cert-ec-p256' }, key: 'ec-p256' as const },
			{ header: { alg: 'ES512', kid: 'cert-ec-p521' }, key: 'ec-p521' as const },
		]) {
			const token = await requestToken(simulator, assertion(simulator, parts));
			expect(token.status).toBe(200);
			expect(token.body.expires_in).toBe(3600);
			expect(token.body.token_type).toBe('Bearer');
			expect(typeof token.body.access_token).toBe('string');
			const response = await catalog(`Bearer ${String(token.body.access_token)}`);
			expect(response.status).toBe(200);
		}
		expect(simulator.rest.issuedTokens - issuedBefore).toBe(3);
		expect(simulator.counters.authFailures).toEqual([]);
	});

	it('answers every assertion problem with the same opaque invalid_grant; the reason goes to the audit trail', async () => {
		const now = Math.floor(Date.now() / 1000);
		const cases: Array<[AssertionParts, string]> = [
			[{ header: { kid: 'unknown-certificate' } }, 'MissingKey'],
			[{ header: { kid: undefined } }, 'MissingKeyId'],
			[{ key: 'rsa-3072-other' }, 'InvalidSignature'],
			[{ header: { alg: 'RS256' } }, 'UnsupportedAlgo'],
			[{ signer: 'pkcs1' }, 'InvalidSignature'],
			[{ header: { alg: 'ES256', kid: 'cert-ec-p256' }, key: 'ec-p256', signer: 'ecdsa-der' }, 'InvalidSignature'],
			[{ header: { alg: 'ES256', kid: 'cert-ec-p521' }, key: 'ec-p521' }, 'InvalidSignature'],
			[{ payload: { iss: 'another-client' } }, 'InvalidIssuer'],
			[{ payload: { aud: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token' } }, 'InvalidAudience'],
			[{ payload: { iat: now, exp: now + 3601 } }, 'TokenValidityTooBroad'],
			[{ payload: { iat: now - 3600, exp: now - 1 } }, 'AssertionExpired'],
			[{ payload: { iat: now + 600, exp: now + 1200 } }, 'AssertionNotYetValid'],
			[{ payload: { scope: ['suite_analytics'] } }, 'ScopeMismatched'],
			[{ payload: { scope: 'rest_webservices restlets' } }, 'ScopeMismatched'],
			[{ payload: { scope: undefined } }, 'ScopeMismatched'],
			[{ header: { typ: undefined } }, 'MalformedAssertion'],
		];
		for (const [parts, reason] of cases) {
			simulator.resetCounters();
			const token = await requestToken(simulator, assertion(simulator, parts));
			expect({ reason, status: token.status, body: token.body }).toEqual({ reason, status: 400, body: { error: 'invalid_grant' } });
			expect(simulator.counters.authFailures).toEqual([{ reason }]);
		}
	});

	it('reads a comma-separated scope and refuses a scope the integration record does not have', async () => {
		const both = await requestToken(simulator, assertion(simulator, { payload: { scope: 'rest_webservices,restlets' } }));
		expect(both.status).toBe(200);
		simulator.rest.setAllowedScopes(['rest_webservices']);
		const refused = await requestToken(simulator, assertion(simulator, { payload: { scope: ['rest_webservices', 'restlets'] } }));
		expect(refused).toEqual({ status: 400, body: { error: 'invalid_grant' } });
		expect(simulator.counters.authFailures).toEqual([{ reason: 'ScopeMismatched' }]);
	});

	it('refuses a wrong grant or assertion type before looking at the assertion', async () => {
		const jwt = assertion(simulator);
		expect(await requestToken(simulator, jwt, { grant_type: 'authorization_code' })).toEqual({
			status: 400,
			body: { error: 'unsupported_grant_type' },
		});
		expect(await requestToken(simulator, jwt, { client_assertion_type: 'jwt' })).toEqual({
			status: 400,
			body: { error: 'invalid_request' },
		});
	});

	it('refuses an expired, an unknown, a wrong-scope and a missing bearer token with NetSuite\'s INVALID_LOGIN', async () => {
		const restOnly = await requestToken(simulator, assertion(simulator));
		const bearer = `Bearer ${String(restOnly.body.access_token)}`;
		const restlet = await fetch(`${simulator.url}/app/site/hosting/restlet.nl?script=6&deploy=1`, { headers: { Authorization: bearer } });
		expect(restlet.status).toBe(401);
		expect(await restlet.json()).toEqual({ error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } });

		expect((await catalog(bearer)).status).toBe(200);
		simulator.rest.expireAccessTokens();
		const expired = await catalog(bearer);
		expect(expired.status).toBe(401);
		expect(await expired.json()).toEqual({
			type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2',
			title: 'Unauthorized',
			status: 401,
			'o:errorDetails': [
				{
					detail:
						'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
					'o:errorCode': 'INVALID_LOGIN',
				},
			],
		});
		expect((await catalog('Bearer not-a-token')).status).toBe(401);
		expect((await catalog()).status).toBe(401);
		expect(simulator.counters.authFailures).toEqual([
			{ reason: 'ScopeMismatched' },
			{ reason: 'AccessTokenExpired' },
			{ reason: 'InvalidAccessToken' },
			{ reason: 'MissingAuthorization' },
		]);
	});

	it('reports the shortened lifetime in expires_in and ends the token with it', async () => {
		simulator.rest.setAccessTokenLifetimeSeconds(1);
		const requestedAt = Date.now();
		const token = await requestToken(simulator, assertion(simulator));
		expect(token.body.expires_in).toBe(1);
		const bearer = `Bearer ${String(token.body.access_token)}`;
		let status = 200;
		while (status === 200) {
			status = (await catalog(bearer)).status;
			if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(status).toBe(401);
		// Refused only once the second is over; measured from before the token was asked for, so never early.
		expect(Date.now() - requestedAt).toBeGreaterThanOrEqual(1000);
	});
});
