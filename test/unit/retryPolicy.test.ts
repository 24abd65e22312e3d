import {
	faultDelivery,
	htmlPageDelivery,
	mayHaveBeenProcessed,
	mayRepeat,
	RETRY_POLICY,
	retryPolicyFor,
	thrownErrorDelivery,
} from '../../nodes/NetSuiteAsync/transport/retryPolicy';
import { SuiteTalkFaultError, SuiteTalkTransportError } from '../../nodes/NetSuiteAsync/transport/errors';

describe('per-operation retry policy', () => {
	it('repeats only harmless operations after a failure that may have been processed', () => {
		const repeatable = Object.entries(RETRY_POLICY)
			.filter(([operation]) => mayRepeat(operation, 'mayHaveBeenProcessed'))
			.map(([operation]) => operation)
			.sort();
		expect(repeatable).toEqual(['asyncGetList', 'asyncSearch', 'asyncUpsertList', 'checkAsyncStatus', 'getServerTime']);
	});

	it('repeats every operation, the costly ones too, when NetSuite certainly did not process it', () => {
		for (const operation of [...Object.keys(RETRY_POLICY), 'someFutureOperation']) {
			expect(mayRepeat(operation, 'notProcessed')).toBe(true);
		}
	});

	it('treats an operation without a declared policy as costly', () => {
		expect(retryPolicyFor('someFutureOperation').repeat).toBe('onlyIfNotProcessed');
		expect(mayRepeat('someFutureOperation', 'mayHaveBeenProcessed')).toBe(false);
		expect(retryPolicyFor('toString').repeat).toBe('onlyIfNotProcessed');
	});

	it('gives every operation a one-line reason', () => {
		for (const policy of Object.values(RETRY_POLICY)) {
			expect(policy.why).toMatch(/^[A-Z].{10,200}\.$/);
			expect(policy.why).not.toContain('\n');
		}
	});

	it('counts only a refused or unresolvable connection as never sent', () => {
		expect(thrownErrorDelivery('ECONNREFUSED', 'request')).toBe('notProcessed');
		expect(thrownErrorDelivery('ENOTFOUND', 'request')).toBe('notProcessed');
		expect(thrownErrorDelivery('ECONNRESET', 'request')).toBe('mayHaveBeenProcessed');
		expect(thrownErrorDelivery('ECONNRESET', 'body')).toBe('mayHaveBeenProcessed');
		expect(thrownErrorDelivery('ETIMEDOUT', 'request')).toBe('mayHaveBeenProcessed');
		expect(thrownErrorDelivery(undefined, 'request')).toBe('mayHaveBeenProcessed');
	});

	it('reads concurrency, maintenance and login faults as answered before processing', () => {
		expect(faultDelivery({ code: 'WS_REQUEST_BLOCKED' })).toBe('notProcessed');
		expect(faultDelivery({ code: 'WS_CONCUR_SESSION_DISALLWD' })).toBe('notProcessed');
		expect(faultDelivery({ code: 'ACCT_TEMP_UNAVAILABLE' })).toBe('notProcessed');
		expect(faultDelivery({ code: 'INVALID_LOGIN_ATTEMPT' })).toBe('notProcessed');
		expect(faultDelivery({ code: 'SOME_NEW_CODE', faultElement: 'exceededConcurrentRequestLimitFault' })).toBe('notProcessed');
		expect(faultDelivery({ code: 'JOB_NOT_COMPLETE', faultElement: 'asyncFault' })).toBe('mayHaveBeenProcessed');
		expect(faultDelivery({ code: 'UNEXPECTED_ERROR' })).toBe('mayHaveBeenProcessed');
	});

	it("counts only the load balancer's 503 page as an HTML answer before processing", () => {
		expect(htmlPageDelivery(503)).toBe('notProcessed');
		expect(htmlPageDelivery(502)).toBe('mayHaveBeenProcessed');
		expect(htmlPageDelivery(504)).toBe('mayHaveBeenProcessed');
		expect(htmlPageDelivery(200)).toBe('mayHaveBeenProcessed');
	});

	it('tells a caller from the thrown error whether the request may have been processed', () => {
		const fault = { message: 'm', httpStatus: 500, retryable: true };
		expect(mayHaveBeenProcessed(new SuiteTalkFaultError({ ...fault, code: 'WS_REQUEST_BLOCKED' }, 5))).toBe(false);
		expect(mayHaveBeenProcessed(new SuiteTalkFaultError({ ...fault, code: 'UNEXPECTED_ERROR' }, 0))).toBe(true);
		expect(mayHaveBeenProcessed(new SuiteTalkTransportError('TIMEOUT', 't', true, 0))).toBe(true);
		expect(mayHaveBeenProcessed(new SuiteTalkTransportError('NETWORK_ERROR', 'r', true, 5, undefined, 'notProcessed'))).toBe(false);
		expect(mayHaveBeenProcessed(new Error('anything else'))).toBe(true);
	});
});
