import { readFileSync } from 'fs';
import { join } from 'path';

import { readAsyncStatus } from '../../nodes/NetSuiteAsync/suitetalk/asyncStatus';
import { classifyResponse } from '../../nodes/NetSuiteAsync/suitetalk/classifyResponse';
import { readFault } from '../../nodes/NetSuiteAsync/suitetalk/faults';
import { parseXml, readNsId } from '../../nodes/NetSuiteAsync/suitetalk/xml';

const sample = (name: string) => readFileSync(join(__dirname, '../fixtures/samples', name), 'utf8');

describe('checkAsyncStatus responses', () => {
	it('reads sample 00b, whose response element resets the namespace with xmlns=""', () => {
		const document = parseXml(sample('00b-checkAsyncStatus-response-finished.xml'));
		expect(readAsyncStatus(document)).toEqual({
			jobId: 'ASYNCWEBSERVICES_TSTDRV2782962_080120231326469820838822226_7',
			status: 'finished',
			percentCompleted: 100,
			estRemainingDuration: 0,
			isDone: true,
		});
		expect(readNsId(document)).toBe('WEBSERVICES_TSTDRV2782962_0801202313264586731598001367_e5f75');
	});

	const statusXml = (status: string, prefixStyle: 'numbered' | 'default') =>
		prefixStyle === 'numbered'
			? `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns0:checkAsyncStatusResponse xmlns:ns0="urn:messages_2025_2.platform.webservices.netsuite.com"><ns1:asyncStatusResult xmlns:ns1="urn:core_2025_2.platform.webservices.netsuite.com"><ns1:jobId>J</ns1:jobId><ns1:status>${status}</ns1:status><ns1:percentCompleted>12.5</ns1:percentCompleted><ns1:estRemainingDuration>30.0</ns1:estRemainingDuration></ns1:asyncStatusResult></ns0:checkAsyncStatusResponse></soapenv:Body></soapenv:Envelope>`
			: `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><checkAsyncStatusResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"><asyncStatusResult xmlns="urn:core_2025_2.platform.webservices.netsuite.com"><status>${status}</status><jobId>J</jobId><estRemainingDuration>30.0</estRemainingDuration><percentCompleted>12.5</percentCompleted></asyncStatusResult></checkAsyncStatusResponse></Body></Envelope>`;

	it.each(['numbered', 'default'] as const)('reads %s prefixes and any child order', (style) => {
		expect(readAsyncStatus(parseXml(statusXml('processing', style)))).toEqual({
			jobId: 'J',
			status: 'processing',
			percentCompleted: 12.5,
			estRemainingDuration: 30,
			isDone: false,
		});
	});

	it.each([
		['pending', false],
		['processing', false],
		['retry', false],
		['someFutureStatus', false],
		['finished', true],
		['finishedWithErrors', true],
		['failed', true],
	])('status %s is done: %s', (status, isDone) => {
		expect(readAsyncStatus(parseXml(statusXml(status, 'numbered'))).isDone).toBe(isDone);
	});

	it('refuses a non-numeric percentCompleted', () => {
		const xml = statusXml('processing', 'numbered').replace('12.5', 'half');
		expect(() => readAsyncStatus(parseXml(xml))).toThrow('NetSuite\'s asyncStatusResult has a non-numeric ("half") percentCompleted');
	});

	it('refuses an answer without asyncStatusResult', () => {
		expect(() => readAsyncStatus(parseXml(sample('06-deleteList-mixed-success-failure-numbered-prefixes.xml')))).toThrow(
			'NetSuite answered without an asyncStatusResult element',
		);
	});
});

describe('faults (PROTOCOL §6)', () => {
	it('reads sample 09: element and code disagree, the code wins', () => {
		expect(readFault(parseXml(sample('09-fault-UNEXPECTED_ERROR-in-invalidCredentialsFault-HTTP500-real.xml')), 500)).toEqual({
			code: 'UNEXPECTED_ERROR',
			message: 'An unexpected error occurred.',
			faultElement: 'invalidCredentialsFault',
			faultCode: 'soapenv:Server.userException',
			nsId: undefined,
			httpStatus: 500,
			retryable: false,
		});
	});

	it('reads sample 14 as retryable WS_CONCUR_SESSION_DISALLWD', () => {
		const fault = readFault(parseXml(sample('14-fault-exceededRequestLimitFault-WS_CONCUR_SESSION_DISALLWD.xml')), 500);
		expect(fault).toMatchObject({
			code: 'WS_CONCUR_SESSION_DISALLWD',
			message: 'Only one request may be made against a session at a time',
			faultElement: 'exceededRequestLimitFault',
			retryable: true,
		});
	});

	it('falls back to faultstring when detail holds only the Axis hostname', () => {
		const xml = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Something broke</faultstring><detail><ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">h1</ns1:hostname></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
		expect(readFault(parseXml(xml), 500)).toMatchObject({ code: 'Server', message: 'Something broke', faultElement: undefined, retryable: false });
	});

	it('is not a fault when the body has none (sample 16 reports its error in a status)', () => {
		expect(readFault(parseXml(sample('16-getDataCenterUrls-DATA_REQD-status-error-oracle-doc.xml')), 200)).toBeUndefined();
	});
});

describe('classifying an HTTP answer', () => {
	it('an HTML 503 page is a retryable transport problem', () => {
		expect(classifyResponse(503, '<!DOCTYPE html><html><body>Down for maintenance</body></html>')).toEqual({
			kind: 'transport',
			problem: {
				code: 'HTML_RESPONSE',
				message: 'NetSuite answered HTTP 503 with an HTML page instead of SOAP XML (maintenance, an outage or a proxy in between)',
				retryable: true,
				httpStatus: 503,
			},
		});
	});

	it('an empty 200 is retryable', () => {
		expect(classifyResponse(200, '  ')).toMatchObject({ kind: 'transport', problem: { code: 'EMPTY_RESPONSE', retryable: true } });
	});

	it('a truncated body is retryable malformed XML with the start of the body in the message', () => {
		const outcome = classifyResponse(200, '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><checkAsync');
		expect(outcome).toMatchObject({ kind: 'transport', problem: { code: 'MALFORMED_XML', retryable: true, httpStatus: 200 } });
		expect((outcome as { problem: { message: string } }).problem.message).toContain('The response starts with: <soapenv:Envelope');
	});

	it('a DOCTYPE (entity expansion) is refused and not retried', () => {
		const billionLaughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>';
		expect(classifyResponse(200, billionLaughs)).toMatchObject({ kind: 'transport', problem: { code: 'DOCTYPE_REFUSED', retryable: false } });
	});

	it('a fault sent with HTTP 200 is still a fault', () => {
		const xml = sample('14-fault-exceededRequestLimitFault-WS_CONCUR_SESSION_DISALLWD.xml');
		expect(classifyResponse(200, xml)).toMatchObject({ kind: 'fault', fault: { code: 'WS_CONCUR_SESSION_DISALLWD', httpStatus: 200 } });
	});

	it('a SOAP answer with nsId is ok', () => {
		expect(classifyResponse(200, sample('00b-checkAsyncStatus-response-finished.xml'))).toMatchObject({
			kind: 'ok',
			nsId: 'WEBSERVICES_TSTDRV2782962_0801202313264586731598001367_e5f75',
		});
	});
});

describe('entity decoding', () => {
	it('decodes the five XML entities and numeric references in one pass, and nothing else', () => {
		expect(parseXml('<a q="1&#10;2">x&#xd;y &amp;#233; &#233; &lt;b&gt; &quot;&apos; &nbsp;</a>')).toEqual({
			a: { '#text': 'x\ry &#233; é <b> "\' &nbsp;', '@_q': '1\n2' },
		});
	});
});
