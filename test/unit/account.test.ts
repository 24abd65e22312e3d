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
