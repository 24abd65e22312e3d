import { createHmac } from 'crypto';

import {
	oauth1AuthorizationHeader,
	percentEncode,
	signatureBaseString,
} from '../../nodes/NetSuiteAsync/rest/oauth1';
import { isRestUrl, signRestRequest, type RestHttpRequest } from '../../nodes/NetSuiteAsync/rest/signRestRequest';
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { ORACLE_NONCE, ORACLE_TBA, ORACLE_TIMESTAMP } from '../fixtures/oracle-tba-example';

/**
 * Oracle's worked examples [O:section_1534941088] (notes §2.1.5). The expected values are Oracle's
 * base strings typed out by hand and an HMAC-SHA256 of them with node's crypto, never the code under test.
 */
const ORACLE = ORACLE_TBA;
const NONCE = ORACLE_NONCE;
const TIMESTAMP = ORACLE_TIMESTAMP;
const ORACLE_KEY = `${ORACLE.consumerSecret}&${ORACLE.tokenSecret}`;

const REST_BASE_STRING =
	'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0';
const RESTLET_BASE_STRING =
	'POST&https%3A%2F%2F123456.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0%26script%3D6%26testParam%3DsomeOtherValue';

function hmac(baseString: string): string {
	return createHmac('sha256', ORACLE_KEY).update(baseString).digest('base64');
}

function headerFields(header: string): Record<string, string> {
	expect(header.startsWith('OAuth ')).toBe(true);
	return Object.fromEntries(
		header
			.slice('OAuth '.length)
			.split(', ')
			.map((part) => {
				const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
				if (!match) throw new Error(`Not a header field: ${part}`);
				return [match[1], decodeURIComponent(match[2])];
			}),
	);
}

describe('OAuth 1.0a signature (TBA for REST) against Oracle\'s worked examples', () => {
	it('the hand-typed base strings give Oracle\'s published signatures', () => {
		expect(hmac(REST_BASE_STRING)).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
		// Oracle's page prints this one without its leading "+" (lost in rendering).
		expect(hmac(RESTLET_BASE_STRING)).toBe('+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=');
	});

	it('builds Oracle\'s REST record base string and header', () => {
		const url = new URL('https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40');
		const oauth = {
			oauth_consumer_key: ORACLE.consumerKey,
			oauth_token: ORACLE.tokenId,
			oauth_nonce: NONCE,
			oauth_timestamp: TIMESTAMP,
			oauth_signature_method: 'HMAC-SHA256',
			oauth_version: '1.0',
		};
		expect(signatureBaseString('get', url, oauth)).toBe(REST_BASE_STRING);
		const header = oauth1AuthorizationHeader(ORACLE, 'GET', url, NONCE, TIMESTAMP);
		expect(header).toContain('oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"');
		expect(headerFields(header)).toEqual({ realm: '123456', ...oauth, oauth_signature: hmac(REST_BASE_STRING) });
	});

	it('signs the RESTlet example\'s query parameters, sorted among the oauth_* ones', () => {
		const url = new URL(
			'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
		);
		const header = oauth1AuthorizationHeader(ORACLE, 'POST', url, NONCE, TIMESTAMP);
		expect(headerFields(header).oauth_signature).toBe('+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=');
	});

	it('writes the realm upper case with _ whatever form the account ID was typed in', () => {
		const url = new URL('https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/7');
		for (const accountId of ['1234567_sb1', '1234567-SB1', ' 1234567_SB1 ']) {
			expect(headerFields(oauth1AuthorizationHeader({ ...ORACLE, accountId }, 'GET', url, NONCE, TIMESTAMP)).realm).toBe(
				'1234567_SB1',
			);
		}
	});

	it('percent-encodes per RFC 3986: unreserved characters only stay', () => {
		expect(percentEncode("A-z0._~ !*'()+/=&%é")).toBe('A-z0._~%20%21%2A%27%28%29%2B%2F%3D%26%25%C3%A9');
	});

	it('drops the default port, lower-cases scheme and host, and keeps another port', () => {
		const oauth = { oauth_nonce: 'n' };
		expect(signatureBaseString('GET', new URL('HTTPS://Example.COM:443/services/rest/x?a=1'), oauth)).toBe(
			'GET&https%3A%2F%2Fexample.com%2Fservices%2Frest%2Fx&a%3D1%26oauth_nonce%3Dn',
		);
		expect(signatureBaseString('GET', new URL('http://127.0.0.1:8787/services/rest/x'), oauth)).toBe(
			'GET&http%3A%2F%2F127.0.0.1%3A8787%2Fservices%2Frest%2Fx&oauth_nonce%3Dn',
		);
	});

	it('signs a query value with a space, a plus and a repeated name as the server decodes them', () => {
		const url = new URL('https://h.example/services/rest/query?q=a+b&q=c%2Bd&z=%21');
		// Hand-written: names sorted, then values; + is a space, %2B a plus; each encoded once, then the whole again.
		expect(signatureBaseString('GET', url, {})).toBe(
			'GET&https%3A%2F%2Fh.example%2Fservices%2Frest%2Fquery&q%3Da%2520b%26q%3Dc%252Bd%26z%3D%2521',
		);
	});
});

describe('signRestRequest: one request of n8n signed for REST', () => {
	const credential = { ...ORACLE, apiVersion: '2025_2', endpointUrl: '' };
	const clock = () => Number(TIMESTAMP) * 1000;
	const fixedNonce = (size: number) => Buffer.alloc(size, 0x5a);

	it('reproduces Oracle\'s RESTlet signature when the query comes as n8n\'s qs option', () => {
		const signed = signRestRequest(
			credential,
			{
				method: 'POST',
				url: 'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl',
				qs: { script: 6, deploy: '1', customParam: 'someValue', testParam: 'someOtherValue' },
			},
			clock,
			// hex of 16 bytes is never Oracle's nonce, so compute the expectation with this nonce.
			fixedNonce,
		);
		expect(signed.url).toBe(
			'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
		);
		expect((signed as RestHttpRequest).qs).toBeUndefined();
		const nonce = '5a'.repeat(16);
		const expected = hmac(RESTLET_BASE_STRING.replace(`oauth_nonce%3D${NONCE}`, `oauth_nonce%3D${nonce}`));
		const fields = headerFields(String(signed.headers?.Authorization));
		expect(fields.oauth_nonce).toBe(nonce);
		expect(fields.oauth_signature).toBe(expected);
	});

	it('writes qs arrays in the format that would be sent, and keeps the uri key of the HTTP Request node', () => {
		const base = { method: 'GET', qs: { id: ['1', '2'] } };
		const target = 'https://h.example/services/rest/record/v1/customer';
		expect(signRestRequest(credential, { ...base, url: target }, clock).url).toBe(`${target}?id%5B%5D=1&id%5B%5D=2`);
		expect(signRestRequest(credential, { ...base, url: target, arrayFormat: 'repeat' as const }, clock).url).toBe(
			`${target}?id=1&id=2`,
		);
		const legacy: RestHttpRequest = signRestRequest(credential, { ...base, uri: target }, clock);
		expect(legacy.uri).toBe(`${target}?id%5B0%5D=1&id%5B1%5D=2`);
		expect(legacy.url).toBeUndefined();
		expect(() => signRestRequest(credential, { url: target, qs: { filter: { a: 1 } } }, clock)).toThrow(
			'Query parameter "filter" is an object',
		);
	});

	it('adds the clock offset to the timestamp, replaces an Authorization header, and signs afresh every time', () => {
		const request = { url: 'https://h.example/services/rest/record/v1/customer/1', headers: { authorization: 'Bearer old' } };
		const shifted = signRestRequest(credential, { ...request, clockOffsetMs: -125_000 }, clock);
		expect(shifted.headers).toEqual({ Authorization: expect.stringMatching(/^OAuth realm="123456", /) });
		expect(headerFields(String(shifted.headers?.Authorization)).oauth_timestamp).toBe(String(Number(TIMESTAMP) - 125));
		expect((shifted as RestHttpRequest).clockOffsetMs).toBeUndefined();
		const nonces = new Set(
			Array.from({ length: 50 }, () => headerFields(String(signRestRequest(credential, request).headers?.Authorization)).oauth_nonce),
		);
		expect(nonces.size).toBe(50);
	});

	it('refuses a form-encoded body before any request (its parameters would have to be signed)', () => {
		const url = 'https://h.example/app/site/hosting/restlet.nl?script=1&deploy=1';
		const message = 'does not sign form-encoded (application/x-www-form-urlencoded) bodies';
		expect(() =>
			signRestRequest(credential, { url, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
		).toThrow(message);
		expect(() => signRestRequest(credential, { uri: url, method: 'POST', form: { a: 1 } })).toThrow(message);
	});

	it('refuses a credential with a missing secret, naming the field and not echoing any value', () => {
		expect(() => signRestRequest({ ...credential, tokenSecret: '' }, { url: 'https://h.example/services/rest/x' })).toThrow(
			'The NetSuite TBA API credential is missing: tokenSecret',
		);
	});
});

describe('NetSuite TBA API credential: REST or SOAP by URL', () => {
	const credential = { ...ORACLE, apiVersion: '2025_2', endpointUrl: '' };

	it('gives REST web services, SuiteQL and RESTlets an OAuth header and leaves their body alone', async () => {
		const type = new NetSuiteTbaApi();
		for (const url of [
			'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/customer/7',
			'https://123456.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql',
			'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1',
		]) {
			expect(isRestUrl(new URL(url))).toBe(true);
			const signed = await type.authenticate(credential, { method: 'POST', url, body: { q: 'SELECT id FROM customer' } });
			expect(signed.body).toEqual({ q: 'SELECT id FROM customer' });
			expect(String(signed.headers?.Authorization)).toMatch(/^OAuth realm="123456", oauth_consumer_key="ef40/);
		}
	});

	it('keeps the tokenPassport for a SOAP endpoint', async () => {
		const signed = await new NetSuiteTbaApi().authenticate(credential, {
			method: 'POST',
			url: 'https://123456.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2',
			body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getServerTime xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"/></soapenv:Body></soapenv:Envelope>',
		});
		expect(signed.headers?.Authorization).toBeUndefined();
		expect(String(signed.body)).toContain('tokenPassport');
	});
});
