import { faultAdvice } from '../../nodes/NetSuiteAsync/suitetalk/faultAdvice';
import type { SuiteTalkFault } from '../../nodes/NetSuiteAsync/suitetalk/faults';

const fault = (code: string, extra: Partial<SuiteTalkFault> = {}): SuiteTalkFault => ({
	code,
	message: `message of ${code}`,
	httpStatus: 500,
	retryable: false,
	...extra,
});

describe('fault advice: what happened and what to do', () => {
	it.each([
		['INVALID_LOGIN_ATTEMPT', 'NetSuite refused the token passport: Invalid login attempt.', 'View Login Audit Trail'],
		['INVALID_LOGIN_CREDENTIALS', 'NetSuite refused the token passport: Invalid login attempt.', 'clock is correct'],
		['INVALID_JOB_ID', 'NetSuite does not know job "J1" (INVALID_JOB_ID)', 'purges jobs 30 days after submission'],
		['INVALID_JOBID', 'NetSuite does not know job "J1" (INVALID_JOBID)', 'getAsyncResult has been called 20 times'],
		['WS_REQUEST_BLOCKED', "NetSuite's concurrency limit stayed exceeded (WS_REQUEST_BLOCKED)", 'Items Processed at Once'],
		['WS_CONCUR_SESSION_DISALLWD', "NetSuite's concurrency limit stayed exceeded (WS_CONCUR_SESSION_DISALLWD)", 'concurrency slots'],
		['ACCT_TEMP_UNAVAILABLE', 'NetSuite is temporarily unavailable (ACCT_TEMP_UNAVAILABLE)', 'maintenance window'],
		['JOB_NOT_COMPLETE', 'Job "J1" has not finished yet (JOB_NOT_COMPLETE)', 'Fetch Results When Done'],
		['INVALID_PAGE_INDEX', 'Job "J1" has no such result page (INVALID_PAGE_INDEX)', 'totalPages'],
		['INVALID_WS_VERSION', 'Job "J1" was submitted through another SuiteTalk version (INVALID_WS_VERSION)', 'API Version'],
		['INSUFFICIENT_PERMISSION', "The token's role is not allowed to do this (INSUFFICIENT_PERMISSION)", 'permission'],
		['SOME_NEW_CODE', 'NetSuite returned a fault: message of SOME_NEW_CODE (SOME_NEW_CODE)', 'error codes'],
	])('%s', (code, message, hint) => {
		const advice = faultAdvice(fault(code), 'J1');
		expect(advice.message).toBe(message);
		expect(advice.description).toContain(hint);
	});

	it('names an element/code mismatch in invalidCredentialsFault as a credentials check problem', () => {
		expect(faultAdvice(fault('UNEXPECTED_ERROR', { faultElement: 'invalidCredentialsFault', message: 'An unexpected error occurred.' })).message).toBe(
			'NetSuite could not check the credentials: An unexpected error occurred. (UNEXPECTED_ERROR)',
		);
	});

	it('adds the nsId for NetSuite support', () => {
		expect(faultAdvice(fault('SOME_NEW_CODE', { nsId: 'WEBSERVICES_1_2' })).description).toContain(
			'NetSuite request reference (nsId) for support: WEBSERVICES_1_2.',
		);
	});
});
