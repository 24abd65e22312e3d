import { startSimulator, type FaultKind, type Simulator } from './server';
import { faultOf, getResult, passportXml, signPassport, soapCall } from './test-client';

let simulator: Simulator;
let jobCounter = 0;

beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(() => simulator.close());

function newJob(): string {
	const jobId = `CHARGE_JOB_${++jobCounter}`;
	simulator.addJob(jobId, { script: { steps: [{ status: 'finished' }] } });
	return jobId;
}

/** One injected fault on a getAsyncResult, then how many calls the job was charged. */
async function chargedFor(kind: FaultKind): Promise<number> {
	const jobId = newJob();
	simulator.injectFaults(kind, 1, { operation: 'getAsyncResult', jobId });
	await getResult(simulator, jobId, 1).catch(() => undefined);
	return simulator.counters.resultCallsByJob[jobId] ?? 0;
}

describe('getAsyncResult budget: what NetSuite charges, faults included', () => {
	// Answers lost or broken after NetSuite ran the call.
	it.each<FaultKind>(['TRUNCATED', 'RESET', 'MALFORMED_XML', 'EMPTY_200', 'HTML_502', 'FAULTSTRING_ONLY', 'UNKNOWN_CODE', 'INVALID_JOB_ID'])(
		'%s after the passport check is charged',
		async (kind) => {
			expect(await chargedFor(kind)).toBe(1);
		},
	);

	// Refusals before processing: concurrency, maintenance, the load balancer's 503 page.
	it.each<FaultKind>(['WS_REQUEST_BLOCKED', 'WS_CONCUR_SESSION_DISALLWD', 'ACCT_TEMP_UNAVAILABLE', 'HTML_503', 'FAULT_AS_200'])(
		'%s is not charged',
		async (kind) => {
			expect(await chargedFor(kind)).toBe(0);
		},
	);

	it('a reset on a request whose passport fails is not charged', async () => {
		const jobId = newJob();
		simulator.injectFaults('RESET', 1, { operation: 'getAsyncResult', jobId });
		const bad = passportXml(signPassport(simulator.credentials, { tokenSecret: 'wrong' }));
		await soapCall(simulator, { operation: 'getAsyncResult', header: bad, fields: [['jobId', jobId], ['pageIndex', '1']] }).catch(() => undefined);
		expect(simulator.counters.resultCallsByJob[jobId] ?? 0).toBe(0);
	});

	it('a hang is charged as soon as the call arrives', async () => {
		const own = await startSimulator();
		try {
			own.addJob('HANG_JOB', { script: { steps: [{ status: 'finished' }] } });
			own.injectFaults('HANG', 1, { operation: 'getAsyncResult' });
			const hanging = getResult(own, 'HANG_JOB', 1).catch(() => 'failed');
			for (let waited = 0; own.inFlight === 0 && waited < 100; waited++) await new Promise((resolve) => setImmediate(resolve));
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(own.counters.resultCallsByJob.HANG_JOB).toBe(1);
			await own.close();
			expect(await hanging).toBe('failed');
		} finally {
			await own.close();
		}
	});

	it('from call 21 the job is INVALID_JOB_ID, faulted calls counted among the 20', async () => {
		const jobId = newJob();
		simulator.injectFaults('TRUNCATED', 5, { operation: 'getAsyncResult', jobId });
		simulator.injectFaults('WS_REQUEST_BLOCKED', 3, { operation: 'getAsyncResult', jobId });
		const codes: Array<string | number> = [];
		for (let call = 1; call <= 24; call++) {
			const reply = await getResult(simulator, jobId, 1);
			codes.push(faultOf(reply)?.code ?? reply.status);
		}
		// 5 truncated (charged) + 3 blocked (free) + 15 good answers = 20 charged, then INVALID_JOB_ID.
		expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
		expect(codes.slice(5, 8)).toEqual(['WS_REQUEST_BLOCKED', 'WS_REQUEST_BLOCKED', 'WS_REQUEST_BLOCKED']);
		expect(codes.slice(8, 23)).toEqual(Array(15).fill(200));
		expect(codes[23]).toBe('INVALID_JOB_ID');
		expect(simulator.counters.resultCallsByJob[jobId]).toBe(21);
	});
});
