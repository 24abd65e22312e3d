import { buildRequestEnvelope, insertPassport } from '../../nodes/NetSuiteAsync/suitetalk/envelope';
import { parseXml, child, childText, attribute } from '../../nodes/NetSuiteAsync/suitetalk/xml';
import { signSoapRequest, UnbuiltSoapRequest } from '../../nodes/NetSuiteAsync/suitetalk/signRequest';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TBA_CREDENTIAL } from '../fixtures/tba-credential';

const passport = {
	account: '1234567_SB1',
	consumerKey: 'ck',
	token: 'tk',
	nonce: 'n0nce',
	timestamp: '1700000000',
	signature: 'c2lnbmF0dXJl',
};

describe('request envelope', () => {
	it('is SOAP 1.1 with the operation in the versioned messages namespace and no whitespace around values', () => {
		expect(buildRequestEnvelope('2025_2', { operation: 'checkAsyncStatus', fields: [['jobId', 'JOB_1']] })).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>' +
				'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="urn:messages_2025_2.platform.webservices.netsuite.com">' +
				'<soapenv:Header/><soapenv:Body><platformMsgs:checkAsyncStatus><platformMsgs:jobId>JOB_1</platformMsgs:jobId></platformMsgs:checkAsyncStatus></soapenv:Body></soapenv:Envelope>',
		);
	});

	it('escapes XML metacharacters in values', () => {
		const xml = buildRequestEnvelope('2025_2', { operation: 'getAsyncResult', fields: [['jobId', `A<B&C"D'E`], ['pageIndex', '2']] });
		expect(xml).toContain('<platformMsgs:jobId>A&lt;B&amp;C"D\'E</platformMsgs:jobId><platformMsgs:pageIndex>2</platformMsgs:pageIndex>');
		expect(childText(child(child(child(parseXml(xml), 'Envelope'), 'Body'), 'getAsyncResult'), 'jobId')).toBe(`A<B&C"D'E`);
	});
});

describe('passport insertion', () => {
	const envelope = buildRequestEnvelope('2024_1', { operation: 'checkAsyncStatus', fields: [['jobId', 'J']] });

	it('puts tokenPassport (messages ns) with core-namespace children in PROTOCOL §3 order into the Header', () => {
		const signed = insertPassport(envelope, passport, '2025_2');
		expect(signed.operation).toBe('checkAsyncStatus');
		expect(signed.envelopeApiVersion).toBe('2024_1');
		expect(signed.xml).toContain(
			'<soapenv:Header><platformMsgs:tokenPassport xmlns:platformCore="urn:core_2024_1.platform.webservices.netsuite.com">' +
				'<platformCore:account>1234567_SB1</platformCore:account><platformCore:consumerKey>ck</platformCore:consumerKey>' +
				'<platformCore:token>tk</platformCore:token><platformCore:nonce>n0nce</platformCore:nonce>' +
				'<platformCore:timestamp>1700000000</platformCore:timestamp>' +
				'<platformCore:signature algorithm="HMAC_SHA256">c2lnbmF0dXJl</platformCore:signature></platformMsgs:tokenPassport></soapenv:Header>',
		);
	});

	it('replaces a passport already present instead of adding a second one', () => {
		const once = insertPassport(envelope, passport, '2025_2').xml;
		const twice = insertPassport(once, { ...passport, nonce: 'second' }, '2025_2').xml;
		expect(twice.match(/tokenPassport>/g)).toHaveLength(1);
		expect(twice).toContain('<platformCore:nonce>second</platformCore:nonce>');
	});

	it('fills the template of sample 04 (unqualified passport placeholders) with a passport of the declared version', () => {
		const template = readFileSync(join(__dirname, '../fixtures/samples/04-getAsyncResult-request-TBA-jjknowledgebase.xml'), 'utf8');
		const signed = insertPassport(template.replace(/<!--[\s\S]*?-->/, ''), passport, '2025_2');
		expect(signed.envelopeApiVersion).toBe('2021_2');
		expect(signed.operation).toBe('getAsyncResult');
		expect(signed.xml).not.toContain('{{signature}}');
		const header = child(child(parseXml(signed.xml), 'Envelope'), 'Header');
		const tokenPassport = child(header, 'tokenPassport');
		expect(childText(tokenPassport, 'signature')).toBe('c2lnbmF0dXJl');
		expect(attribute(child(tokenPassport, 'signature'), 'algorithm')).toBe('HMAC_SHA256');
	});

	it('creates a Header when the envelope has none, before the Body', () => {
		const signed = insertPassport(
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getServerTime xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"/></soapenv:Body></soapenv:Envelope>',
			passport,
			'2023_2',
		);
		expect(signed.xml.indexOf('<soapenv:Header>')).toBeLessThan(signed.xml.indexOf('<soapenv:Body>'));
		expect(signed.envelopeApiVersion).toBe('2025_2');
	});

	it.each([
		['not xml at all', 'is not well-formed XML'],
		['<root/>', 'has no SOAP 1.1 Envelope root element'],
		['<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>', 'has no soapenv:Body'],
		['<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'contains a DOCTYPE, which SOAP forbids'],
	])('refuses %p', (body, reason) => {
		expect(() => insertPassport(body, passport, '2025_2')).toThrow(reason);
	});
});

// Lower case, as users often type it: the signed passport must still carry the account upper-cased.
const credential = { ...TBA_CREDENTIAL, accountId: '1234567_sb1' };

describe('signing a request (the credential\'s authenticate)', () => {
	const body = buildRequestEnvelope('2024_2', { operation: 'checkAsyncStatus', fields: [['jobId', 'J']] });

	it('fills the endpoint from the envelope version, sets text/xml and SOAPAction, drops cookies', () => {
		const signed = signSoapRequest(credential, { url: '', headers: { Cookie: 'JSESSIONID=1', 'content-type': 'application/json' }, body }, () => 1700000000000, (size) => Buffer.alloc(size, 2));
		expect(signed.url).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2');
		expect(signed.headers).toEqual({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'checkAsyncStatus' });
		expect(signed.body).toContain('<platformCore:account>1234567_SB1</platformCore:account>');
		expect(signed.body).toContain(`<platformCore:nonce>${'02'.repeat(16)}</platformCore:nonce>`);
		expect(signed.body).toContain('<platformCore:timestamp>1700000000</platformCore:timestamp>');
	});

	it('keeps a URL the request already has, and the SOAPAction it names', () => {
		const signed = signSoapRequest(credential, { url: 'http://127.0.0.1:1/x', headers: { soapaction: 'asyncUpsertList' }, body });
		expect(signed.url).toBe('http://127.0.0.1:1/x');
		expect(signed.headers).toEqual({ soapaction: 'asyncUpsertList', 'Content-Type': 'text/xml; charset=utf-8' });
	});

	it('gives every request a new nonce', () => {
		const first = signSoapRequest(credential, { url: '', body }).body as string;
		const second = signSoapRequest(credential, { url: '', body }).body as string;
		const nonce = (xml: string) => /<platformCore:nonce>(\w+)</.exec(xml)?.[1];
		expect(nonce(first)).not.toBe(nonce(second));
	});

	it('refuses a body that is not an envelope, without echoing secrets', () => {
		expect(() => signSoapRequest(credential, { url: '', body: { some: 'json' } })).toThrow(
			'The NetSuite TBA API credential signs SOAP envelopes only, and the request body is not text.',
		);
	});
});

describe("the node's own requests: built once, with the passport in place", () => {
	const clock = () => 1700000000000;
	const random = (size: number) => Buffer.alloc(size, 3);

	it('gives the same envelope as signing the built, unsigned one', () => {
		const request = { operation: 'checkAsyncStatus' as const, fields: [['jobId', 'J<1>'] as [string, string]] };
		const structured = signSoapRequest(credential, { url: '', headers: {}, body: new UnbuiltSoapRequest(request, '2024_2') }, clock, random);
		const parsed = signSoapRequest(credential, { url: '', body: buildRequestEnvelope('2024_2', request) }, clock, random);
		expect(structured.body).toBe(parsed.body);
		expect(structured.url).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2024_2');
		expect(structured.headers).toEqual({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'checkAsyncStatus' });
	});
});
