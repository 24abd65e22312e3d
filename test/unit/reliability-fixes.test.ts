import { PassThrough } from 'stream';

import { readJobId } from '../../nodes/NetSuiteAsync/actions/inputValidation';
import { readAsyncStatus } from '../../nodes/NetSuiteAsync/suitetalk/asyncStatus';
import { classifyResponse } from '../../nodes/NetSuiteAsync/suitetalk/classifyResponse';
import { clockSkewMs, describeClockSkew } from '../../nodes/NetSuiteAsync/suitetalk/clockSkew';
import { faultAdvice } from '../../nodes/NetSuiteAsync/suitetalk/faultAdvice';
import type { SuiteTalkFault } from '../../nodes/NetSuiteAsync/suitetalk/faults';
import { parseXml } from '../../nodes/NetSuiteAsync/suitetalk/xml';
import { readBodyText, ResponseTimeoutError } from '../../nodes/NetSuiteAsync/transport/responseBody';

/** Unit-level checks of the fixes the reliability matrix (test/reliability/) found. */

describe('clock skew from the Date header', () => {
	const now = Date.parse('2025-06-01T12:00:00Z');

	it.each([
		[{ date: 'Sun, 01 Jun 2025 12:06:00 GMT' }, 6 * 60 * 1000],
		[{ Date: 'Sun, 01 Jun 2025 11:54:00 GMT' }, -6 * 60 * 1000],
		[{ date: ['Sun, 01 Jun 2025 12:00:01 GMT'] }, 1000],
		[{ date: 'not a date' }, undefined],
		[{}, undefined],
		[undefined, undefined],
	])('%p → %p ms', (headers, expected) => {
		expect(clockSkewMs(headers, now)).toBe(expected);
	});

	it('names the skew only beyond 4 minutes, with its direction', () => {
		expect(describeClockSkew(undefined)).toBeUndefined();
		expect(describeClockSkew(4 * 60 * 1000)).toBeUndefined();
		expect(describeClockSkew(6 * 60 * 1000 - 700)).toEqual({ amount: 'about 6 minutes', seconds: 359, direction: 'behind' });
		expect(describeClockSkew(-61 * 60 * 1000)).toEqual({ amount: 'about 61 minutes', seconds: 3660, direction: 'ahead of' });
	});

	const invalidLogin: SuiteTalkFault = {
		code: 'INVALID_LOGIN_ATTEMPT',
		message: 'Invalid login attempt.',
		faultElement: 'invalidCredentialsFault',
		httpStatus: 500,
		retryable: false,
	};

	it('only an invalid login mentions the clock', () => {
		expect(faultAdvice({ ...invalidLogin, clockSkewMs: 2000 }).message).toBe('NetSuite refused the token passport: Invalid login attempt.');
		expect(faultAdvice({ ...invalidLogin, clockSkewMs: 6 * 60 * 1000 }).message).toContain('clock skew');
		expect(faultAdvice({ ...invalidLogin, code: 'INVALID_JOB_ID', clockSkewMs: 6 * 60 * 1000 }).message).not.toContain('clock');
	});
});

describe('reading a body within the request timeout', () => {
	it('drops a body that trickles past the deadline', async () => {
		const body = new PassThrough();
		const timer = setInterval(() => body.write(' '), 20);
		const started = Date.now();
		await expect(readBodyText(body, 1024 * 1024, undefined, 150)).rejects.toBeInstanceOf(ResponseTimeoutError);
		clearInterval(timer);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(body.destroyed).toBe(true);
	});

	it('reads a body that ends in time, and leaves no timer behind', async () => {
		const body = new PassThrough();
		setTimeout(() => body.end('<a/>'), 10);
		await expect(readBodyText(body, 1024, undefined, 5000)).resolves.toBe('<a/>');
	});
});

describe('4xx answers that are not SOAP', () => {
	it.each([
		[404, 'Not Found', 'HTTP_ERROR', false],
		[403, '<!DOCTYPE html><html><body>Forbidden</body></html>', 'HTML_RESPONSE', false],
		[408, 'Request Timeout', 'MALFORMED_XML', true],
		[429, 'Too Many Requests', 'MALFORMED_XML', true],
		[502, 'Bad Gateway', 'MALFORMED_XML', true],
		[503, '<html><body>maintenance</body></html>', 'HTML_RESPONSE', true],
		[200, '<html><body>captive portal</body></html>', 'HTML_RESPONSE', true],
	])('HTTP %p %p → %p, retryable %p', (status, body, code, retryable) => {
		const outcome = classifyResponse(status, body);
		expect(outcome.kind).toBe('transport');
		if (outcome.kind !== 'transport') return;
		expect([outcome.problem.code, outcome.problem.retryable]).toEqual([code, retryable]);
	});
});

describe('duplicated asyncStatusResult fields', () => {
	const status = (inner: string) =>
		parseXml(
			`<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><checkAsyncStatusResponse><asyncStatusResult>${inner}<percentCompleted>0.0</percentCompleted><estRemainingDuration>0.0</estRemainingDuration></asyncStatusResult></checkAsyncStatusResponse></Body></Envelope>`,
		);

	it('refuses values that disagree', () => {
		expect(() => readAsyncStatus(status('<jobId>J</jobId><status>pending</status><status>finished</status><status>pending</status>'))).toThrow(
			'NetSuite\'s asyncStatusResult has 2 different status values ("pending", "finished")',
		);
	});

	it('accepts identical repeats', () => {
		expect(readAsyncStatus(status('<jobId>J</jobId><jobId> J </jobId><status>pending</status>'))).toMatchObject({ jobId: 'J', status: 'pending' });
	});
});

describe('job ids XML cannot carry', () => {
	it.each([
		['JOB\uFFFE', 'U+FFFE'],
		['JOB\uFFFF', 'U+FFFF'],
		['JOB\uD800', 'U+D800'],
		['\uDC00JOB', 'U+DC00'],
		['JOB\uDC00\uD800', 'U+DC00'],
	])('refuses %p', (value, codePoint) => {
		expect(() => readJobId(value)).toThrow(`The Job ID contains ${codePoint}, which XML cannot carry`);
	});

	it('accepts characters outside the BMP (a proper surrogate pair) and other Unicode', () => {
		expect(readJobId('JOB_😀_é_\u0085')).toBe('JOB_😀_é_\u0085');
	});
});
