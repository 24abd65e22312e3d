import { constants, createPublicKey, generateKeyPairSync, verify } from 'crypto';

import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import {
	keyAlgorithmProblem,
	keySizeHint,
	normalisePem,
	readPrivateKey,
	signClientAssertion,
	type M2mAlgorithm,
} from '../../nodes/NetSuiteAsync/rest/jwtAssertion';
import {
	AccessTokenExpiringError,
	readM2mCredential,
	readTokenResponse,
	requestAccessToken,
	tokenRequestForm,
	withBearerToken,
} from '../../nodes/NetSuiteAsync/rest/m2mToken';
import { testPrivateKeyPem, type TestKeyName } from '../simulator/rest/test-keys';

const NOW_MS = 1_760_000_000_000;
const clock = () => NOW_MS;

function decode(segment: string): unknown {
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

const fields = {
	accountId: '1234567_sb1',
	clientId: 'client-id',
	certificateId: 'cert-id',
	privateKey: testPrivateKeyPem('rsa-3072'),
	algorithm: 'PS256',
	scopes: ['rest_webservices', 'restlets'],
	accountDomainUrl: '',
};

describe('client assertion (JWT) signed with node\'s crypto', () => {
	const cases: Array<[M2mAlgorithm, TestKeyName, number]> = [
		['PS256', 'rsa-3072', 384],
		['PS384', 'rsa-3072', 384],
		['PS512', 'rsa-3072', 384],
		['ES256', 'ec-p256', 64],
		['ES384', 'ec-p384', 96],
		['ES512', 'ec-p521', 132],
	];
	it.each(cases)('%s: header, claims and a signature the public key verifies (%s, %i signature bytes)', (algorithm, keyName, bytes) => {
		const key = readPrivateKey(testPrivateKeyPem(keyName));
		const jwt = signClientAssertion(
			{
				algorithm,
				certificateId: 'cert-id',
				clientId: 'client-id',
				scopes: ['rest_webservices'],
				audience: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
				issuedAtSeconds: 1_760_000_000,
				expiresAtSeconds: 1_760_003_000,
				jwtId: 'jti-1',
			},
			key,
		);
		const [header, payload, signature] = jwt.split('.');
		expect(decode(header)).toEqual({ typ: 'JWT', alg: algorithm, kid: 'cert-id' });
		expect(decode(payload)).toEqual({
			iss: 'client-id',
			scope: ['rest_webservices'],
			aud: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
			iat: 1_760_000_000,
			exp: 1_760_003_000,
			jti: 'jti-1',
		});
		const raw = Buffer.from(signature, 'base64url');
		expect(raw.length).toBe(bytes);
		const digest = `sha${algorithm.slice(2)}`;
		const publicKey = createPublicKey(key);
		const input = Buffer.from(`${header}.${payload}`);
		const holds = algorithm.startsWith('PS')
			? verify(digest, input, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(algorithm.slice(2)) / 8 }, raw)
			: verify(digest, input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw);
		expect(holds).toBe(true);
	});

	it('says what to change when the key does not fit the algorithm', () => {
		const rsa = readPrivateKey(testPrivateKeyPem('rsa-3072'));
		const p256 = readPrivateKey(testPrivateKeyPem('ec-p256'));
		expect(keyAlgorithmProblem(rsa, 'ES256')).toBe(
			'The Private Key is an RSA key but the Algorithm is ES256, which needs an EC key. Choose PS256, PS384 or PS512.',
		);
		expect(keyAlgorithmProblem(p256, 'PS256')).toBe('The Private Key is an EC key but the Algorithm is PS256, which needs an RSA key. Choose ES256.');
		expect(keyAlgorithmProblem(p256, 'ES512')).toBe('The Algorithm ES512 needs an EC key on curve P-521; this key is on P-256. Choose ES256.');
		expect(keyAlgorithmProblem(rsa, 'PS512')).toBeUndefined();
	});

	it('reads a PEM pasted on one line (spaces or literal \\n) and refuses a certificate or public key', () => {
		const pem = testPrivateKeyPem('ec-p256');
		const key = readPrivateKey(pem);
		for (const pasted of [pem.replace(/\n/g, ' '), pem.replace(/\n/g, '\\n'), `  ${pem}  `]) {
			expect(readPrivateKey(pasted).export({ format: 'jwk' })).toEqual(key.export({ format: 'jwk' }));
		}
		expect(normalisePem(pem.replace(/\n/g, ' '))).toBe(pem);
		const publicPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
		expect(() => readPrivateKey(publicPem)).toThrow('holds a certificate or public key');
		expect(() => readPrivateKey('not a key')).toThrow('is not a PEM private key');
	});
});

describe('reading the credential, before any request', () => {
	it('derives the token URL host from the account ID and keeps an Account Domain URL', () => {
		const credential = readM2mCredential(fields);
		expect(credential.domainUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
		expect(readM2mCredential({ ...fields, accountDomainUrl: 'http://127.0.0.1:9/' }).domainUrl).toBe('http://127.0.0.1:9');
	});

	it('names each wrong field without echoing the key', () => {
		expect(() => readM2mCredential({ ...fields, certificateId: '', privateKey: '' })).toThrow(
			'The NetSuite OAuth2 M2M API credential is missing: certificateId, privateKey',
		);
		expect(() => readM2mCredential({ ...fields, algorithm: 'RS256' })).toThrow('RS256 is no longer accepted');
		expect(() => readM2mCredential({ ...fields, scopes: [] })).toThrow('The Scopes must be rest_webservices, restlets or both.');
		expect(() => readM2mCredential({ ...fields, scopes: ['suite_analytics'] })).toThrow('(not suite_analytics)');
		expect(() => readM2mCredential({ ...fields, algorithm: 'ES256' })).toThrow('is an RSA key but the Algorithm is ES256');
		let message = '';
		try {
			readM2mCredential({ ...fields, privateKey: `${fields.privateKey.slice(0, 200)}` });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toBe(
			'The Private Key is not a PEM private key node can read. Paste the whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.',
		);
	});

	it('posts the client-credentials form with an assertion for the token URL', () => {
		const form = new URLSearchParams(tokenRequestForm(readM2mCredential(fields), clock));
		expect(form.get('grant_type')).toBe('client_credentials');
		expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		const [, payload] = String(form.get('client_assertion')).split('.');
		expect(decode(payload)).toMatchObject({
			aud: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
			iat: NOW_MS / 1000,
			exp: NOW_MS / 1000 + 3000,
			scope: ['rest_webservices', 'restlets'],
		});
	});
});

describe('the token answer, caching and the bearer header', () => {
	const url = 'https://a.example/services/rest/auth/oauth2/v1/token';

	it('renews a 60-minute token one minute early, a 10-second one a second early', () => {
		expect(readTokenResponse({ statusCode: 200, body: { access_token: 'T', expires_in: 3600 } }, url, clock)).toEqual({
			accessToken: 'T',
			renewAtMs: NOW_MS + 3_540_000,
		});
		expect(readTokenResponse({ statusCode: 200, body: '{"access_token":"T","expires_in":10}' }, url, clock).renewAtMs).toBe(NOW_MS + 9_000);
	});

	it('names a small RSA key only when NetSuite refuses the assertion (an older certificate may still be valid)', () => {
		const small = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		expect(keyAlgorithmProblem(small, 'PS256')).toBeUndefined();
		const hint = keySizeHint(small);
		expect(hint).toBe('This Private Key is a 2048-bit RSA key; NetSuite accepts new certificates only with 3072 or 4096 bits (openssl req -x509 -newkey rsa:4096 …).');
		expect(() => readTokenResponse({ statusCode: 400, body: { error: 'invalid_grant' } }, url, clock, hint)).toThrow(
			`NetSuite refused the client assertion (invalid_grant). ${hint} NetSuite gives the reason only`,
		);
		expect(keySizeHint(readPrivateKey(testPrivateKeyPem('rsa-3072')))).toBeUndefined();
		expect(keySizeHint(readPrivateKey(testPrivateKeyPem('ec-p256')))).toBeUndefined();
	});

	it('turns NetSuite\'s refusals into advice that names the Login Audit Trail details', () => {
		const refused = () => readTokenResponse({ statusCode: 400, body: { error: 'invalid_grant' } }, url, clock);
		expect(refused).toThrow('NetSuite refused the client assertion (invalid_grant). NetSuite gives the reason only in its Login Audit Trail');
		expect(refused).toThrow('"MissingKey" = the Certificate ID matches no active certificate');
		expect(refused).toThrow('"InvalidSignature" = the Private Key is not the one of the certificate');
		expect(refused).toThrow('"ScopeMismatched" = a chosen scope is not enabled');
		expect(() => readTokenResponse({ statusCode: 503, body: '<html>down</html>' }, url, clock)).toThrow(
			`NetSuite's token endpoint ${url} did not issue a token (HTTP 503: NetSuite or a proxy is unavailable; try again later). The credential was not checked.`,
		);
		expect(() => readTokenResponse({ statusCode: 200, body: {} }, url, clock)).toThrow('answered HTTP 200 without an access token');
	});

	it('adds the bearer token, and refuses to send one past its renewal time so that n8n renews it first', () => {
		const stored = { accessToken: 'T1', accessTokenRenewAt: String(NOW_MS + 1) };
		expect(withBearerToken(stored, { url: 'x', headers: { authorization: 'old', Accept: 'a' } }, clock)).toEqual({
			url: 'x',
			headers: { Accept: 'a', Authorization: 'Bearer T1' },
		});
		const expiring = { accessToken: 'T1', accessTokenRenewAt: String(NOW_MS) };
		expect(() => withBearerToken(expiring, { url: 'x' }, clock)).toThrow(AccessTokenExpiringError);
		let status: number | undefined;
		try {
			withBearerToken({ accessToken: '', accessTokenRenewAt: '' }, { url: 'x' }, clock);
		} catch (error) {
			status = (error as AccessTokenExpiringError).response.status;
		}
		expect(status).toBe(401);
	});

	it('replaces a transport error (which carries the assertion) with one that names only the URL and the code', async () => {
		const failing = async () => {
			throw Object.assign(new Error('connect ECONNREFUSED with body client_assertion=eyJ…'), { code: 'ECONNREFUSED' });
		};
		let message = '';
		try {
			await requestAccessToken(failing, { ...fields, accountDomainUrl: 'http://127.0.0.1:9' });
		} catch (error) {
			message = (error as Error).message;
			expect((error as { cause?: unknown }).cause).toBeUndefined();
		}
		expect(message).toBe(
			"Could not reach NetSuite's token endpoint http://127.0.0.1:9/services/rest/auth/oauth2/v1/token (ECONNREFUSED). Check the Account ID, the Account Domain URL and the network. The credential was not checked.",
		);
	});

	it('registers the saved-workflow name, a hidden expirable token, and no RS256', () => {
		const type = new NetSuiteM2mOAuth2Api();
		expect(type.name).toBe('netSuiteOAuth2M2mApi');
		const token = type.properties.find((property) => property.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		const algorithm = type.properties.find((property) => property.name === 'algorithm');
		expect(algorithm?.default).toBe('PS256');
		expect((algorithm?.options ?? []).map((option) => (option as { value: string }).value)).toEqual([
			'PS256',
			'PS384',
			'PS512',
			'ES256',
			'ES384',
			'ES512',
		]);
	});
});
