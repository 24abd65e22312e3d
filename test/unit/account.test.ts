import {
	accountHostLabel,
	derivedEndpointUrl,
	isHttpUrl,
	isValidAccountId,
	passportAccountId,
} from '../../nodes/NetSuiteAsync/suitetalk/account';
import { endpointUrlFor, readCredentialData } from '../../nodes/NetSuiteAsync/suitetalk/credentialData';

describe('account IDs (PROTOCOL §1, §3)', () => {
	it.each([
		['1234567', '1234567', '1234567'],
		['1234567_SB1', '1234567-sb1', '1234567_SB1'],
		['123456_RP', '123456-rp', '123456_RP'],
		['TSTDRV2782962', 'tstdrv2782962', 'TSTDRV2782962'],
		['1234567_sb1', '1234567-sb1', '1234567_SB1'],
	])('%s → host %s, passport %s', (accountId, host, passport) => {
		expect(accountHostLabel(accountId)).toBe(host);
		expect(passportAccountId(accountId)).toBe(passport);
		expect(isValidAccountId(accountId)).toBe(true);
	});

	it.each(['', ' ', '1234567 SB1', 'https://1234567.app.netsuite.com', '1234567_SB1_X', '12.34'])(
		'refuses %p',
		(accountId) => expect(isValidAccountId(accountId)).toBe(false),
	);

	it('derives the SOAP endpoint without a _0 suffix', () => {
		expect(derivedEndpointUrl('1234567_SB1', '2025_2')).toBe(
			'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2',
		);
	});

	it('accepts only http(s) endpoint overrides', () => {
		expect(isHttpUrl('http://127.0.0.1:8787/services/NetSuitePort_2025_2')).toBe(true);
		expect(isHttpUrl('ftp://example.com')).toBe(false);
		expect(isHttpUrl('not a url')).toBe(false);
	});
});

describe('credential data', () => {
	const valid = {
		accountId: '1234567_SB1',
		consumerKey: 'ck',
		consumerSecret: 'cs-secret-value',
		tokenId: 'tk',
		tokenSecret: 'ts-secret-value',
		apiVersion: '2024_1',
		endpointUrl: '',
	};

	it('uses the override when set, else the derived URL for the version', () => {
		expect(endpointUrlFor(readCredentialData(valid))).toBe(
			'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_1',
		);
		expect(endpointUrlFor(readCredentialData({ ...valid, endpointUrl: 'http://proxy.local/ns' }))).toBe('http://proxy.local/ns');
	});

	it('defaults the API version to 2025_2', () => {
		expect(readCredentialData({ ...valid, apiVersion: '' }).apiVersion).toBe('2025_2');
	});

	it.each([
		[{ accountId: 'acct 1' }, 'The Account ID "acct 1" is not in NetSuite\'s format. Copy it from Setup > Company > Company Information (e.g. 1234567 or 1234567_SB1).'],
		[{ endpointUrl: 'ftp://x' }, 'The Endpoint URL "ftp://x" is not an http(s) URL. Leave it empty to use the URL derived from the Account ID.'],
		[{ apiVersion: '2025.2' }, 'The API Version "2025.2" is not in NetSuite\'s format YYYY_N (e.g. 2025_2).'],
		[{ consumerSecret: '', tokenSecret: ' ' }, 'The NetSuite TBA API credential is missing: consumerSecret, tokenSecret'],
	])('refuses %p with a message that names the field', (override, message) => {
		expect(() => readCredentialData({ ...valid, ...override })).toThrow(message);
	});
});

describe('job id input', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { readJobId } = require('../../nodes/NetSuiteAsync/actions/inputValidation') as typeof import('../../nodes/NetSuiteAsync/actions/inputValidation');
	const submission = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><asyncUpsertListResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"><platformCore:asyncStatusResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com"><platformCore:jobId>ASYNCWEBSERVICES_1234567_SB1_1_1</platformCore:jobId><platformCore:status>pending</platformCore:status><platformCore:percentCompleted>0.0</platformCore:percentCompleted><platformCore:estRemainingDuration>0.0</platformCore:estRemainingDuration></platformCore:asyncStatusResult></asyncUpsertListResponse></soapenv:Body></soapenv:Envelope>`;

	it('takes a plain id, trimmed, and a number from an expression', () => {
		expect(readJobId('  JOB_1 ')).toBe('JOB_1');
		expect(readJobId(42)).toBe('42');
	});

	it("reads the id out of an async submission's SOAP response", () => {
		expect(readJobId(submission)).toBe('ASYNCWEBSERVICES_1234567_SB1_1_1');
	});

	it.each([
		[null, 'The Job ID is null'],
		[['J'], 'The Job ID is an array'],
		[{ id: 'J' }, 'The Job ID is an object'],
		[undefined, 'The Job ID is missing'],
		['J'.repeat(10240), 'The Job ID is 10240 characters long, more than a NetSuite job id can be'],
		['JOB\u0001', 'The Job ID contains control characters, which XML cannot carry'],
		['<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>', 'The Job ID is XML, but not an async submission response with an asyncStatusResult/jobId'],
	])('refuses %p', (value, message) => {
		expect(() => readJobId(value)).toThrow(message);
	});
});
