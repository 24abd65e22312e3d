import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from './server';
import {
	at,
	body,
	faultOf,
	nowSeconds,
	nsIdOf,
	passportXml,
	postRaw,
	signPassport,
	soapCall,
	textOf,
	useSimulator,
	type PassportOverrides,
	type SoapReply,
} from './test-client';

let simulator: Simulator;
useSimulator((started) => (simulator = started), () => simulator.setClockOffsetMs(0));

function serverTime(header?: string, headers?: Record<string, string>): Promise<SoapReply> {
	return soapCall(simulator, { operation: 'getServerTime', header, headers });
}

function withPassport(overrides: PassportOverrides): Promise<SoapReply> {
	return serverTime(passportXml(signPassport(simulator.credentials, overrides)));
}

function expectInvalidLogin(reply: SoapReply): void {
	expect(reply.status).toBe(500);
	expect(reply.contentType).toBe('text/xml; charset=utf-8');
	expect(faultOf(reply)).toEqual({
		faultcode: 'soapenv:Server.userException',
		faultstring: 'Invalid login attempt.',
		element: 'invalidCredentialsFault',
		code: 'INVALID_LOGIN_ATTEMPT',
		message: 'Invalid login attempt.',
		hostname: 'simulator-java001.suitetalk.invalid',
	});
	expect(nsIdOf(reply)).toMatch(/^WEBSERVICES_1234567_SB1_\d+_[0-9a-f]+$/);
}

describe('credentials', () => {
	it('exposes obviously fake, valid credentials for account 1234567_SB1', () => {
		expect(simulator.credentials).toEqual({
			accountId: '1234567_SB1',
			consumerKey: 'simulator-consumer-key-not-a-secret',
			consumerSecret: 'simulator-consumer-secret-not-a-secret',
			tokenId: 'simulator-token-id-not-a-secret',
			tokenSecret: 'simulator-token-secret-not-a-secret',
		});
		expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(simulator.endpointUrl()).toBe(`${simulator.url}/services/NetSuitePort_2025_2`);
		expect(simulator.endpointUrl('2024_1')).toBe(`${simulator.url}/services/NetSuitePort_2024_1`);
	});
});

describe('a correctly signed passport', () => {
	it('is accepted and getServerTime answers with the simulated clock', async () => {
		simulator.setClockOffsetMs(-3_600_000);
		const reply = await withPassport({ timestamp: nowSeconds(-3_600_000) });
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('text/xml; charset=utf-8');
		const result = at(body(reply), 'getServerTimeResponse', 'getServerTimeResult');
		expect(at(result, 'status', '@_isSuccess')).toBe('true');
		const serverTime = Date.parse(textOf(at(result, 'serverTime')) ?? '');
		expect(Math.abs(serverTime - (Date.now() - 3_600_000))).toBeLessThan(5000);
		expect(nsIdOf(reply)).toMatch(/^WEBSERVICES_1234567_SB1_/);
		expect(simulator.counters.authFailures).toEqual([]);
		expect(simulator.counters.byOperation).toEqual({ getServerTime: 1 });
	});

	it('accepts the algorithm spelled HMAC-SHA256', async () => {
		expect((await withPassport({ algorithm: 'HMAC-SHA256' })).status).toBe(200);
	});

	it('accepts a timestamp 295 s off the NetSuite clock', async () => {
		expect((await withPassport({ timestamp: nowSeconds(-295_000) })).status).toBe(200);
		expect((await withPassport({ timestamp: nowSeconds(295_000) })).status).toBe(200);
	});

	it('accepts the unqualified passport of the sample 03 template', async () => {
		const template = readFileSync(
			join(__dirname, '../fixtures/samples/03-checkAsyncStatus-request-TBA-jjknowledgebase.xml'),
			'utf8',
		);
		const passport = signPassport(simulator.credentials);
		const request = template
			.replace(/<!--[\s\S]*?-->/, '')
			.replace(/_2021_2\./g, '_2025_2.')
			.replace('{{accountId}}', passport.account)
			.replace('{{consumerKey}}', passport.consumerKey)
			.replace('{{tokenId}}', passport.token)
			.replace('{{nonce}}', passport.nonce)
			.replace('{{timestamp}}', passport.timestamp)
			.replace('{{signature}}', passport.signature);
		simulator.addJob('ASYNCWEBSERVICES_TSTDRV2782962_080120231326469820838822226_7', {
			script: { steps: [{ status: 'finished' }] },
		});
		const reply = await postRaw(simulator, request, { headers: { SOAPAction: 'checkAsyncStatus' } });
		expect(reply.status).toBe(200);
		expect(textOf(at(body(reply), 'checkAsyncStatusResponse', 'asyncStatusResult', 'status'))).toBe('finished');
	});
});

describe('each passport failure is an invalid login, with its Login Audit Trail reason', () => {
	const cases: Array<[string, PassportOverrides]> = [
		['InvalidSignature', { consumerSecret: 'wrong-secret' }],
		['InvalidSignature', { signature: 'not-the-signature' }],
		['InvalidTimestamp', { timestamp: nowSeconds(-310_000) }],
		['InvalidTimestamp', { timestamp: nowSeconds(310_000) }],
		['InvalidTimestamp', { timestamp: '1.5e9' }],
		['InvalidAccount', { account: '1234567_sb1' }],
		['InvalidAccount', { account: '7654321' }],
		['UnknownConsumerKey', { consumerKey: 'someone-else' }],
		['UnknownToken', { token: 'revoked-token' }],
		['InvalidNonce', { nonce: 'abc12' }],
		['InvalidNonce', { nonce: 'a'.repeat(65) }],
		['InvalidNonce', { nonce: 'abc-123_456' }],
		['UnsupportedAlgorithm', { algorithm: 'HMAC_SHA1' }],
		['UnsupportedAlgorithm', { algorithm: 'HMAC-SHA1' }],
		['MissingTokenPassportRequiredFields', { algorithm: null }],
		['MissingTokenPassportRequiredFields', { nonce: '' }],
	];
	it.each(cases)('%s (%j)', async (reason, overrides) => {
		const reply = await withPassport(overrides);
		expectInvalidLogin(reply);
		expect(simulator.counters.authFailures).toEqual([{ reason }]);
		expect(simulator.counters.totalRequests).toBe(1);
	});

	it('NonceUsed: the same passport twice', async () => {
		const passport = passportXml(signPassport(simulator.credentials));
		expect((await serverTime(passport)).status).toBe(200);
		expectInvalidLogin(await serverTime(passport));
		expect(simulator.counters.authFailures).toEqual([{ reason: 'NonceUsed' }]);
	});

	it('NonceUsed: a reused nonce with a new timestamp', async () => {
		const nonce = 'Nonce0Reused0With0New0Timestamp';
		expect((await withPassport({ nonce, timestamp: nowSeconds(-10_000) })).status).toBe(200);
		expectInvalidLogin(await withPassport({ nonce }));
		expect(simulator.counters.authFailures).toEqual([{ reason: 'NonceUsed' }]);
	});

	it('a badly signed passport does not burn its nonce', async () => {
		const nonce = 'NonceOfAFailedAttempt000';
		expectInvalidLogin(await withPassport({ nonce, tokenSecret: 'wrong' }));
		expect((await withPassport({ nonce })).status).toBe(200);
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }]);
	});

	it('a hex signature instead of Base64 is InvalidSignature', async () => {
		const good = signPassport(simulator.credentials);
		const hex = Buffer.from(good.signature, 'base64').toString('hex');
		expectInvalidLogin(await withPassport({ nonce: good.nonce, timestamp: good.timestamp, signature: hex }));
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }]);
	});

	it('the clock offset moves the accepted window (InvalidTimestamp for a correct local clock)', async () => {
		simulator.setClockOffsetMs(10 * 60_000);
		expectInvalidLogin(await withPassport({}));
		expect((await withPassport({ timestamp: nowSeconds(10 * 60_000) })).status).toBe(200);
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidTimestamp' }]);
	});

	it('MissingPassport: no tokenPassport at all', async () => {
		expectInvalidLogin(await serverTime(''));
		expect(simulator.counters.authFailures).toEqual([{ reason: 'MissingPassport' }]);
	});

	it('MultipleTokenPassports: two passports in one header', async () => {
		const two = passportXml(signPassport(simulator.credentials)) + passportXml(signPassport(simulator.credentials));
		expectInvalidLogin(await serverTime(two));
		expect(simulator.counters.authFailures).toEqual([{ reason: 'MultipleTokenPassports' }]);
	});
});

describe('ambiguous authentication', () => {
	function expectAmbiguous(reply: SoapReply): void {
		expect(reply.status).toBe(500);
		expect(faultOf(reply)).toMatchObject({
			faultstring: 'Ambiguous authentication',
			element: 'invalidCredentialsFault',
			code: 'INVALID_LOGIN_ATTEMPT',
			message: 'Ambiguous authentication',
		});
		expect(simulator.counters.authFailures).toEqual([{ reason: 'AmbiguousAuthentication' }]);
	}

	it('tokenPassport plus applicationInfo', async () => {
		const applicationInfo =
			'<platformMsgs:applicationInfo><platformMsgs:applicationId>APP-ID</platformMsgs:applicationId></platformMsgs:applicationInfo>';
		expectAmbiguous(await serverTime(passportXml(signPassport(simulator.credentials)) + applicationInfo));
	});

	it('tokenPassport plus a session cookie', async () => {
		expectAmbiguous(await serverTime(undefined, { Cookie: 'JSESSIONID=abc123' }));
	});
});
