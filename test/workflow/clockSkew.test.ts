import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { NODE_NAME, runNetSuite } from './netsuite-workflow';

let simulator: Simulator;
useSimulator((started) => (simulator = started), () => simulator.setClockOffsetMs(0));

const finished = { steps: [{ status: 'finished', percentCompleted: 100 }] };

describe('clock skew corrects itself (NetSuite allows ±5 minutes)', () => {
	it("learns the offset from the first refusal's Date header and signs every later request of the run with it", async () => {
		simulator.addJob('SKEW_PAGES', {
			script: finished,
			results: { kind: 'search', records: Array.from({ length: 6 }, (_, i) => ({ recordType: 'Customer', internalId: String(i + 1) })), pageSize: 2 },
		});
		simulator.setClockOffsetMs(10 * 60 * 1000);
		const result = await runNetSuite(simulator, {
			parameters: { operation: 'getAsyncResult', jobId: 'SKEW_PAGES', options: { retryWait: 0.01 } },
		});
		expect(result.status).toBe('success');
		expect(result.items(NODE_NAME).map((item) => item.internalId)).toEqual(['1', '2', '3', '4', '5', '6']);
		// One refused passport for the whole run, then three pages each read once.
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidTimestamp' }]);
		expect(simulator.counters.byOperation.getAsyncResult).toBe(4);
		expect(simulator.counters.resultPagesByJob.SKEW_PAGES).toEqual([1, 2, 3]);
		const warnings = result.logs.filter((line) => line.includes('retrying once with the timestamp corrected'));
		expect(warnings).toHaveLength(1);
		// The Date header has 1-second resolution: 600 s, give or take the second it was cut at.
		expect(warnings[0]).toMatch(/its clock differs from this machine's by (599|600|601) s/);
	});

	it('a skew under 4 minutes is not "corrected": a refusal then is about something else', async () => {
		simulator.addJob('SKEW_SMALL', { script: finished });
		simulator.setClockOffsetMs(3 * 60 * 1000);
		const result = await runNetSuite(simulator, {
			parameters: { operation: 'checkAsyncStatus', jobId: 'SKEW_SMALL' },
			credential: { ...simulator.credentials, tokenSecret: 'wrong', apiVersion: '2025_2', endpointUrl: simulator.endpointUrl() },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('NetSuite refused the token passport: Invalid login attempt.');
		expect(simulator.counters.byOperation.checkAsyncStatus).toBe(1);
		expect(result.logs.some((line) => line.includes('timestamp corrected'))).toBe(false);
	});
});
