import { readFileSync } from 'fs';
import { join, resolve } from 'path';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { readJobReference } from '../../nodes/NetSuiteAsync/actions/inputValidation';
import { testCredentialData } from '../../nodes/NetSuiteAsync/methods/credentialTest';
import { readCredentialData } from '../../nodes/NetSuiteAsync/suitetalk/credentialData';
import { buildRequestEnvelope, insertPassport } from '../../nodes/NetSuiteAsync/suitetalk/envelope';
import { signSoapRequest, UnbuiltSoapRequest } from '../../nodes/NetSuiteAsync/suitetalk/signRequest';
import { child, parseXml } from '../../nodes/NetSuiteAsync/suitetalk/xml';
import { TBA_CREDENTIAL } from '../fixtures/tba-credential';

/** n8n's own choice of target for a legacy request (what the HTTP Request node sends): `url ?? uri`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveLegacyRequestTarget } = require(resolve(__dirname, '../../node_modules/@n8n/backend-network/dist/http/axios/utils.js')) as {
	resolveLegacyRequestTarget(request: object): string | undefined;
};

const credentials = TBA_CREDENTIAL;
const serverTime =
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="urn:messages_2025_2.platform.webservices.netsuite.com"><soapenv:Header/><soapenv:Body><platformMsgs:getServerTime/></soapenv:Body></soapenv:Envelope>';
const DERIVED = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2';

describe('the URL typed into n8n\'s HTTP Request node (legacy `uri`)', () => {
	it('is the URL n8n sends to after signing (review D1)', async () => {
		const typed = 'https://proxy.example.com/services/NetSuitePort_2025_2';
		const signed = await new NetSuiteTbaApi().authenticate(credentials, { method: 'POST', uri: typed, body: serverTime } as never);
		expect(resolveLegacyRequestTarget(signed)).toBe(typed);
		expect(signed).not.toHaveProperty('url');
	});

	it("wins over the credential's own Endpoint URL too", async () => {
		const typed = 'http://127.0.0.1:9/services/NetSuitePort_2025_2';
		const withEndpoint = { ...credentials, endpointUrl: 'https://elsewhere.example.com/services/NetSuitePort_2025_2' };
		const signed = await new NetSuiteTbaApi().authenticate(withEndpoint, { method: 'POST', uri: typed, body: serverTime } as never);
		expect(resolveLegacyRequestTarget(signed)).toBe(typed);
	});

	it('is filled in under the key it came with when the request names none', async () => {
		const signed = await new NetSuiteTbaApi().authenticate(credentials, { method: 'POST', uri: '', body: serverTime } as never);
		expect(signed).toMatchObject({ uri: DERIVED });
		expect(resolveLegacyRequestTarget(signed)).toBe(DERIVED);
		const modern = signSoapRequest(credentials, { url: '', body: serverTime });
		expect(modern.url).toBe(DERIVED);
		expect(modern).not.toHaveProperty('uri');
	});
});

describe('the unbuilt request is recognised by its class only (review R10)', () => {
	it('builds the envelope from an UnbuiltSoapRequest, with its own version', () => {
		const signed = signSoapRequest(credentials, { url: '', body: new UnbuiltSoapRequest({ operation: 'getServerTime', fields: [] }, '2024_2') });
		expect(signed.body).toContain('<platformMsgs:getServerTime/>');
		expect(signed.body).toContain('urn:messages_2024_2.platform.webservices.netsuite.com');
		expect(signed.url).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2');
	});

	it('refuses the same shape as plain JSON (what an HTTP Request JSON body would be)', () => {
		const json = JSON.parse(JSON.stringify({ suiteTalkRequest: { operation: 'getServerTime', fields: [], apiVersion: '2025_2' } }));
		expect(() => signSoapRequest(credentials, { url: '', body: json })).toThrow(
			'The NetSuite TBA API credential signs SOAP envelopes only, and the request body is not text.',
		);
		expect(() => signSoapRequest(credentials, { url: '', body: JSON.parse(JSON.stringify(new UnbuiltSoapRequest({ operation: 'getServerTime', fields: [] }, '2025_2'))) })).toThrow(
			'the request body is not text',
		);
	});
});

describe('Endpoint URL version against API Version (review R3)', () => {
	it('refuses a mismatch before anything is signed, naming both fields', () => {
		const mismatch = { ...credentials, apiVersion: '2025_2', endpointUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2' };
		const message =
			'The Endpoint URL is for SuiteTalk 2024_2 (NetSuitePort_2024_2) but the API Version is 2025_2. Set API Version to 2024_2, or use an Endpoint URL ending in NetSuitePort_2025_2.';
		expect(() => readCredentialData(mismatch)).toThrow(message);
		expect(() => signSoapRequest(mismatch, { url: '', body: serverTime })).toThrow(message);
	});

	it.each([
		['https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2', '2024_2'],
		['https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2/', '2024_2'],
		['http://127.0.0.1:8080/soap-proxy', '2025_2'],
		['http://127.0.0.1:8080/NetSuitePort_2024_2_extra', '2025_2'],
	])('accepts %s with API Version %s', (endpointUrl, apiVersion) => {
		expect(readCredentialData({ ...credentials, endpointUrl, apiVersion }).endpointUrl).toBe(endpointUrl);
	});
});

describe('other authentication beside the tokenPassport (review R4)', () => {
	const passport = { account: '1234567_SB1', consumerKey: 'ck', token: 'tk', nonce: 'n0nce', timestamp: '1700000000', signature: 'c2ln' };
	const messages = 'urn:messages_2025_2.platform.webservices.netsuite.com';
	const withLogin =
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="${messages}" xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com"><soapenv:Header>` +
		'<platformMsgs:applicationInfo><platformMsgs:applicationId>APP-ID</platformMsgs:applicationId></platformMsgs:applicationInfo>' +
		'<platformMsgs:passport><platformCore:email>a@b.c</platformCore:email><platformCore:password>pw</platformCore:password><platformCore:account>1234567</platformCore:account></platformMsgs:passport>' +
		'<platformMsgs:preferences><platformMsgs:warningAsError>false</platformMsgs:warningAsError></platformMsgs:preferences>' +
		'</soapenv:Header><soapenv:Body><platformMsgs:getServerTime/></soapenv:Body></soapenv:Envelope>';

	it('removes applicationInfo and a login passport, keeps the other headers, adds one tokenPassport', () => {
		const header = child(child(parseXml(insertPassport(withLogin, passport, '2025_2').xml), 'Envelope'), 'Header');
		expect(Object.keys(header ?? {}).filter((key) => !key.startsWith('@_')).sort()).toEqual(['preferences', 'tokenPassport']);
	});
});

describe('a Job ID that is a submission answer', () => {
	const credential = readCredentialData(credentials);
	const fault = readFileSync(join(__dirname, '../fixtures/samples/14-fault-exceededRequestLimitFault-WS_CONCUR_SESSION_DISALLWD.xml'), 'utf8');
	const submission = (version: string) =>
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><asyncUpsertListResponse xmlns="urn:messages_${version}.platform.webservices.netsuite.com"><platformCore:asyncStatusResult xmlns:platformCore="urn:core_${version}.platform.webservices.netsuite.com"><platformCore:jobId>ASYNCWEBSERVICES_1234567_SB1_9_9</platformCore:jobId><platformCore:status>pending</platformCore:status><platformCore:percentCompleted>0.0</platformCore:percentCompleted><platformCore:estRemainingDuration>0.0</platformCore:estRemainingDuration></platformCore:asyncStatusResult></asyncUpsertListResponse></soapenv:Body></soapenv:Envelope>`;

	it('that is a fault says the submission itself failed, with its code (sample 14)', () => {
		expect(() => readJobReference(fault, credential)).toThrow(
			'The Job ID is a SOAP fault, not a job: the submission itself failed: Only one request may be made against a session at a time (WS_CONCUR_SESSION_DISALLWD)',
		);
	});

	it("is read through the submission's own version when the credential derives the endpoint", () => {
		expect(readJobReference(submission('2024_2'), credential)).toEqual({ jobId: 'ASYNCWEBSERVICES_1234567_SB1_9_9', apiVersion: '2024_2' });
		expect(readJobReference(submission('2025_2'), credential)).toEqual({ jobId: 'ASYNCWEBSERVICES_1234567_SB1_9_9', apiVersion: '2025_2' });
		expect(readJobReference('PLAIN_ID', credential)).toEqual({ jobId: 'PLAIN_ID', apiVersion: '2025_2' });
	});

	it('from another version is refused before any request when the Endpoint URL is fixed', () => {
		const fixed = readCredentialData({ ...credentials, endpointUrl: 'http://127.0.0.1:1/services/NetSuitePort_2025_2' });
		expect(() => readJobReference(submission('2024_2'), fixed)).toThrow(
			"The Job ID is a submission answer from SuiteTalk 2024_2 (urn:messages_2024_2), but the credential's API Version is 2025_2 with a fixed Endpoint URL; NetSuite reads a job only through the version that submitted it",
		);
		expect(readJobReference(submission('2025_2'), fixed).apiVersion).toBe('2025_2');
	});

	it('builds the request of a 2024_2 submission with 2024_2 namespaces for the 2024_2 endpoint', () => {
		const { jobId, apiVersion } = readJobReference(submission('2024_2'), credential);
		const signed = signSoapRequest(credentials, { url: '', body: new UnbuiltSoapRequest({ operation: 'checkAsyncStatus', fields: [['jobId', jobId]] }, apiVersion) });
		expect(signed.url).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2');
		expect(signed.body).toBe(
			buildRequestEnvelope('2024_2', { operation: 'checkAsyncStatus', fields: [['jobId', jobId]] }, undefined).replace(
				'<soapenv:Header/>',
				/<soapenv:Header>.*<\/soapenv:Header>/.exec(signed.body)![0],
			),
		);
	});
});

describe('the credential test without an Endpoint URL', () => {
	it("asks the endpoint derived for the credential's own API Version, in that version's namespaces", async () => {
		const sent: Array<Record<string, unknown>> = [];
		const answer =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getServerTimeResponse xmlns="urn:messages_2024_2.platform.webservices.netsuite.com"><getServerTimeResult><platformCore:status xmlns:platformCore="urn:core_2024_2.platform.webservices.netsuite.com" isSuccess="true"/></getServerTimeResult></getServerTimeResponse></soapenv:Body></soapenv:Envelope>';
		const helpers = {
			request: async (options: object) => {
				sent.push(options as Record<string, unknown>);
				return { statusCode: 200, headers: {}, body: Buffer.from(answer) };
			},
		};
		const result = await testCredentialData(helpers as never, { ...credentials, apiVersion: '2024_2' });
		expect(result).toEqual({ status: 'OK', message: 'NetSuite accepted the token passport (SuiteTalk 2024_2)' });
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			method: 'POST',
			uri: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'getServerTime' },
			resolveWithFullResponse: true,
			simple: false,
		});
		expect(sent[0].body).toContain('<platformMsgs:getServerTime/>');
		expect(sent[0].body).toContain('xmlns:platformMsgs="urn:messages_2024_2.platform.webservices.netsuite.com"');
		expect(sent[0].body).toContain('<platformCore:account>1234567_SB1</platformCore:account>');
	});

	it('reads isSuccess="false" as a failed getServerTime, with its detail', async () => {
		const answer =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getServerTimeResponse><getServerTimeResult><status isSuccess="false"><statusDetail type="ERROR"><code>UNEXPECTED_ERROR</code><message>An unexpected error occurred.</message></statusDetail></status></getServerTimeResult></getServerTimeResponse></soapenv:Body></soapenv:Envelope>';
		const helpers = { request: async () => ({ statusCode: 200, headers: {}, body: answer }) };
		expect(await testCredentialData(helpers as never, credentials)).toEqual({
			status: 'Error',
			message: 'NetSuite accepted the token passport but getServerTime failed: An unexpected error occurred. (UNEXPECTED_ERROR)',
		});
	});
});
