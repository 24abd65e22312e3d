import { signSoapRequest, UnbuiltSoapRequest } from '../../nodes/NetSuiteAsync/suitetalk/signRequest';
import { readAsyncStatus } from '../../nodes/NetSuiteAsync/suitetalk/asyncStatus';
import { faultAdvice } from '../../nodes/NetSuiteAsync/suitetalk/faultAdvice';
import { readFault } from '../../nodes/NetSuiteAsync/suitetalk/faults';
import { parseXml } from '../../nodes/NetSuiteAsync/suitetalk/xml';
import { TBA_CREDENTIAL } from '../fixtures/tba-credential';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

function statusAnswer(inner: string) {
	return parseXml(
		`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><checkAsyncStatusResponse><asyncStatusResult>${inner}</asyncStatusResult></checkAsyncStatusResponse></soapenv:Body></soapenv:Envelope>`,
	);
}

describe('review R10: tolerate missing progress fields, bound server text', () => {
	it('a finished status without percentCompleted and estRemainingDuration reads them as 0', () => {
		expect(readAsyncStatus(statusAnswer('<jobId>J</jobId><status>finished</status>'))).toEqual({
			jobId: 'J',
			status: 'finished',
			percentCompleted: 0,
			estRemainingDuration: 0,
			isDone: true,
		});
		expect(readAsyncStatus(statusAnswer('<jobId>J</jobId><status>processing</status><percentCompleted/><estRemainingDuration> </estRemainingDuration>'))).toMatchObject({
			percentCompleted: 0,
			estRemainingDuration: 0,
			isDone: false,
		});
	});

	it('a progress value that is there but not a number is still refused', () => {
		expect(() => readAsyncStatus(statusAnswer('<jobId>J</jobId><status>finished</status><percentCompleted>lots</percentCompleted>'))).toThrow(
			`NetSuite's asyncStatusResult has a non-numeric ("lots") percentCompleted`,
		);
	});

	it('caps a fault message from the server at 1,000 characters, in the fault and in the advice', () => {
		const long = 'x'.repeat(5000);
		const document = parseXml(
			`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${long}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
		);
		const fault = readFault(document, 500)!;
		expect(fault.message).toBe(`${'x'.repeat(1000)}… (5000 characters)`);
		const advice = faultAdvice({ code: 'SOME_NEW_CODE', message: long, httpStatus: 500, retryable: false });
		expect(advice.message).toBe(`NetSuite returned a fault: ${'x'.repeat(1000)}… (5000 characters) (SOME_NEW_CODE)`);
	});

	it('names the clock offset in seconds and the corrected retry that still failed', () => {
		const advice = faultAdvice({
			code: 'INVALID_LOGIN_ATTEMPT',
			message: 'Invalid login attempt.',
			httpStatus: 500,
			retryable: false,
			clockSkewMs: 7 * 60 * 1000 + 400,
			clockCorrectedMs: 7 * 60 * 1000,
		});
		expect(advice.message).toBe(
			"NetSuite refused the token passport: Invalid login attempt. This machine's clock is about 7 minutes behind NetSuite's (clock skew: off by 420 s; NetSuite allows ±5 minutes).",
		);
		expect(advice.description).toContain(
			'The node retried once with the passport timestamp corrected by 420 s and NetSuite still refused it',
		);
	});
});

describe('clock offset in the unbuilt request', () => {
	const credential = TBA_CREDENTIAL;
	const timestampOf = (xml: string) => /<platformCore:timestamp>(\d+)<\/platformCore:timestamp>/.exec(xml)?.[1];
	const sign = (clockOffsetMs?: number) =>
		signSoapRequest(
			credential,
			{ url: '', body: new UnbuiltSoapRequest({ operation: 'getServerTime', fields: [] }, '2025_2', clockOffsetMs) },
			() => 1_700_000_000_000,
		).body;

	it('moves the passport timestamp by clockOffsetMs, and only the timestamp', () => {
		expect(timestampOf(sign())).toBe('1700000000');
		const corrected = sign(420_000);
		expect(timestampOf(corrected)).toBe('1700000420');
		expect(corrected).not.toContain('clockOffset');
		expect(timestampOf(sign(-360_500))).toBe('1699999639');
	});

	it('ignores an offset that is not a finite number', () => {
		expect(timestampOf(sign(Number.NaN))).toBe('1700000000');
		expect(timestampOf(sign(Number.POSITIVE_INFINITY))).toBe('1700000000');
	});
});
