import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { resetAccountConcurrencyForTests } from '../../nodes/NetSuiteAsync/transport/accountConcurrency';
import { MIN_WAIT_SECONDS, overrideMinWaitSecondsForTests } from '../../nodes/NetSuiteAsync/waitFloor';
import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { secretsScan } from '../harness';
import { credentialData, FAST_RETRIES, NODE_NAME, runNetSuite, stable, steps } from './netsuite-workflow';

let simulator: Simulator;
useSimulator(
	(started) => (simulator = started),
	() => {
		simulator.setPrefixStyle('platformCore');
		simulator.setLatency(0);
		simulator.setConcurrencyLimit(undefined);
		simulator.setClockOffsetMs(0);
		simulator.clearFaults();
		// The learnt window is per process: each test starts from what a fresh n8n would know.
		resetAccountConcurrencyForTests();
	},
);

describe('Check Async Status, once', () => {
	it('returns typed status fields read from the incoming item\'s jobId', async () => {
		simulator.addJob('JOB_ONCE', steps(['processing', 45, 12]));
		const result = await runNetSuite(simulator, { parameters: {}, items: [{ jobId: 'JOB_ONCE' }] });
		expect(result.status).toBe('success');
		const [output] = result.outputs(NODE_NAME)[0];
		expect(output.pairedItem).toEqual({ item: 0 });
		const { nsId, ...fields } = stable(output.json);
		expect(fields).toEqual({
			jobId: 'JOB_ONCE',
			status: 'processing',
			percentCompleted: 45,
			estRemainingDuration: 12,
			isDone: false,
		});
		expect(nsId).toMatch(/^WEBSERVICES_1234567_SB1_/);
		expect(simulator.counters.statusChecksByJob.JOB_ONCE).toBe(1);
		expect(simulator.counters.authFailures).toEqual([]);
	});

	it.each(['platformCore', 'numbered', 'defaultNamespace', 'emptyXmlns'] as const)(
		'reads the answer in the %s prefix style',
		async (style) => {
			simulator.setPrefixStyle(style);
			simulator.addJob(`JOB_STYLE_${style}`, steps(['finished', 100, 0]));
			const result = await runNetSuite(simulator, { parameters: { jobId: `JOB_STYLE_${style}` } });
			expect(result.items(NODE_NAME).map((json) => [json.status, json.percentCompleted, json.isDone])).toEqual([
				['finished', 100, true],
			]);
		},
	);

	it('sends a job id with XML metacharacters escaped and reads it back intact', async () => {
		const jobId = `JOB<&"'>`;
		simulator.addJob(jobId, steps(['pending']));
		const result = await runNetSuite(simulator, { parameters: { jobId } });
		expect(result.items(NODE_NAME)[0].jobId).toBe(jobId);
		expect(simulator.counters.statusChecksByJob[jobId]).toBe(1);
	});
});

describe('Poll Until Done', () => {
	it('polls pending → processing → finished, a new passport for every request', async () => {
		simulator.addJob('JOB_POLL', steps(['pending'], ['processing', 50], ['finished', 100]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_POLL', pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10 },
		});
		const { nsId, ...fields } = stable(result.items(NODE_NAME)[0]);
		expect(fields).toEqual({
			jobId: 'JOB_POLL',
			status: 'finished',
			percentCompleted: 100,
			estRemainingDuration: 0,
			isDone: true,
			polls: 3,
			timedOut: false,
		});
		expect(typeof nsId).toBe('string');
		expect(simulator.counters.statusChecksByJob.JOB_POLL).toBe(3);
		expect(simulator.counters.authFailures).toEqual([]);
		const nonces = simulator.requests.map((request) => /nonce>(\w+)</.exec(request.body)?.[1]);
		expect(new Set(nonces).size).toBe(3);
	});

	it.each(['failed', 'finishedWithErrors'])('a job that ends %s is a normal item by default', async (status) => {
		simulator.addJob(`JOB_${status}`, steps(['processing', 10], [status, 100]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: `JOB_${status}`, pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10 },
		});
		expect(result.status).toBe('success');
		expect(result.items(NODE_NAME).map((json) => [json.status, json.isDone, json.polls])).toEqual([[status, true, 2]]);
	});

	it('a job that ends failed is an item error with Error on Failed Job', async () => {
		simulator.addJob('JOB_FAIL_ERR', steps(['failed', 100]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_FAIL_ERR', pollUntilDone: true, pollInterval: 0.02, pollTimeout: 10, options: { errorOnUnsuccessfulJob: true } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Job "JOB_FAIL_ERR" ended failed');
		expect(result.error?.itemIndex).toBe(0);
	});

	it('times out with an error that says what to do', async () => {
		simulator.addJob('JOB_SLOW', steps(['processing', 20]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_SLOW', pollUntilDone: true, pollInterval: 0.05, pollTimeout: 0.2, options: { adaptivePolling: false } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Job "JOB_SLOW" was still processing \(20% done\) when Poll Timeout \(0\.2 s\) passed, after \d+ status checks$/);
		expect(result.error?.description).toContain('When Timed Out');
		const checks = simulator.counters.statusChecksByJob.JOB_SLOW;
		// 0 s, 0.05, 0.1, 0.15, 0.2 (the deadline itself): never more, however slow the machine.
		expect(checks).toBeGreaterThanOrEqual(2);
		expect(checks).toBeLessThanOrEqual(5);
	});

	it('returns the last status with timedOut: true when asked to', async () => {
		simulator.addJob('JOB_SLOW_RETURN', steps(['pending']));
		const result = await runNetSuite(simulator, {
			parameters: {
				jobId: 'JOB_SLOW_RETURN',
				pollUntilDone: true,
				pollInterval: 0.05,
				pollTimeout: 0.15,
				options: { onTimeout: 'returnLastStatus' },
			},
		});
		const json = result.items(NODE_NAME)[0];
		expect([json.status, json.isDone, json.timedOut]).toEqual(['pending', false, true]);
		expect(json.polls).toBe(simulator.counters.statusChecksByJob.JOB_SLOW_RETURN);
	});

	it('stops waiting within a second when the execution is cancelled', async () => {
		simulator.addJob('JOB_CANCEL', steps(['processing', 5]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_CANCEL', pollUntilDone: true, pollInterval: 30, pollTimeout: 600 },
			cancelAfterMs: 300,
		});
		expect(result.status).toBe('canceled');
		expect(result.settledAfterCancel).toBe(true);
		expect(result.settledAtMs! - result.cancelledAtMs!).toBeGreaterThanOrEqual(0);
		expect(result.settledAtMs! - result.cancelledAtMs!).toBeLessThan(1000);
		expect(simulator.counters.statusChecksByJob.JOB_CANCEL).toBe(1);
	});
});

describe('Poll Until Done through an outage (review R1)', () => {
	it.each(['ACCT_TEMP_UNAVAILABLE', 'WS_REQUEST_BLOCKED'] as const)(
		'%s outlasting Max Retries several times is waited out, and the job ends finished',
		async (fault) => {
			const jobId = `JOB_OUTAGE_${fault}`;
			simulator.addJob(jobId, steps(['processing', 40], ['finished', 100]));
			// Max Retries 5: each check makes 6 attempts. 40 faults: 6 checks fail outright, the 7th
			// succeeds on its 5th attempt (processing), the 8th reads finished. Scaled down from a
			// minute of trouble inside a 10-minute Poll Timeout: the floor is lowered for the suite.
			simulator.injectFaults(fault, 40, { operation: 'checkAsyncStatus' });
			const result = await runNetSuite(simulator, {
				parameters: {
					jobId,
					pollUntilDone: true,
					pollInterval: 0.05,
					pollTimeout: 600,
					options: { ...FAST_RETRIES, maxPollInterval: 0.2 },
				},
			});
			expect(result.status).toBe('success');
			const { nsId, ...fields } = stable(result.items(NODE_NAME)[0]);
			expect(fields).toEqual({
				jobId,
				status: 'finished',
				percentCompleted: 100,
				estRemainingDuration: 0,
				isDone: true,
				polls: 8,
				timedOut: false,
			});
			expect(typeof nsId).toBe('string');
			expect(simulator.counters.byOperation.checkAsyncStatus).toBe(42);
			expect(simulator.counters.statusChecksByJob[jobId]).toBe(2);
			const unanswered = result.logs.filter((line) => line.includes('NetSuite async job polled') && line.includes(`(${fault})`));
			expect(unanswered).toHaveLength(6);
		},
	);

	it('an outage that outlasts Poll Timeout fails the item at the deadline, naming the last problem', async () => {
		simulator.addJob('JOB_OUTAGE_LONG', steps(['processing', 10]));
		simulator.injectFaults('ACCT_TEMP_UNAVAILABLE', 100_000, { operation: 'checkAsyncStatus' });
		const started = Date.now();
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_OUTAGE_LONG', pollUntilDone: true, pollInterval: 0.05, pollTimeout: 1, options: FAST_RETRIES },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Job "JOB_OUTAGE_LONG": no status check succeeded before Poll Timeout \(1 s\) passed, after \d+ status checks; the last check got no answer: .+ \(ACCT_TEMP_UNAVAILABLE\)$/,
		);
		expect(result.error?.context).toMatchObject({ lastProblem: expect.stringMatching(/\(ACCT_TEMP_UNAVAILABLE\)$/) });
		// it waited for the deadline instead of failing after the first check's retries
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(simulator.counters.byOperation.checkAsyncStatus).toBeGreaterThan(6);
	});
});

describe('the 1 s floor on poll and retry waits (review R6)', () => {
	beforeAll(() => overrideMinWaitSecondsForTests());
	afterAll(() => overrideMinWaitSecondsForTests(0.01));

	it('the editor offers nothing below 1 s', () => {
		const properties = new NetSuiteAsync().description.properties;
		const minValueOf = (name: string) =>
			[...properties, ...properties.flatMap((property) => (property.options ?? []) as typeof properties)]
				.filter((property) => property.name === name)
				.map((property) => property.typeOptions?.minValue);
		expect(MIN_WAIT_SECONDS).toBe(1);
		expect(minValueOf('pollInterval')).toEqual([1, 1, 1]);
		expect(minValueOf('pollTimeout')).toEqual([1, 1, 1]);
		expect(minValueOf('maxPollInterval')).toEqual([1, 1, 1]);
		expect(minValueOf('retryWait')).toEqual([1, 1, 1]);
	});

	it.each([
		[{ pollUntilDone: true, pollInterval: 0.5 }, 'Poll Interval is number 0.5', 'Set Poll Interval to a number of seconds of at least 1.'],
		[{ pollUntilDone: true, options: { maxPollInterval: 0.2 } }, 'Max Poll Interval is number 0.2', 'Set Max Poll Interval to a number of seconds of at least 1.'],
		[{ pollUntilDone: true, pollTimeout: 0 }, 'Poll Timeout is number 0', 'Set Poll Timeout to a number of seconds of at least 1.'],
		[{ options: { retryWait: 0 } }, 'First Retry Wait is number 0', 'Set First Retry Wait to a number of seconds of at least 1.'],
	])('refuses %p at run time, before any request', async (parameters, message, fix) => {
		const result = await runNetSuite(simulator, { parameters: { jobId: 'J', ...parameters } });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBe(fix);
		expect(simulator.counters.totalRequests).toBe(0);
	});
});

describe('governance and faults', () => {
	it('retries WS_REQUEST_BLOCKED with a fresh passport and succeeds', async () => {
		simulator.addJob('JOB_BLOCKED', steps(['finished', 100]));
		simulator.injectFaults('WS_REQUEST_BLOCKED', 2, { jobId: 'JOB_BLOCKED' });
		const result = await runNetSuite(simulator, { parameters: { jobId: 'JOB_BLOCKED', options: FAST_RETRIES } });
		expect(result.items(NODE_NAME)[0].status).toBe('finished');
		expect(simulator.counters.byOperation.checkAsyncStatus).toBe(3);
		expect(simulator.counters.authFailures).toEqual([]);
	});

	it('gives up after Max Retries with a message about the concurrency limit', async () => {
		simulator.addJob('JOB_ALWAYS_BLOCKED', steps(['finished', 100]));
		simulator.injectFaults('WS_REQUEST_BLOCKED', 10, { jobId: 'JOB_ALWAYS_BLOCKED' });
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_ALWAYS_BLOCKED', options: { ...FAST_RETRIES, maxRetries: 2 } },
		});
		expect(result.error?.message).toBe("NetSuite's concurrency limit stayed exceeded (WS_REQUEST_BLOCKED)");
		expect(result.error?.description).toContain('(after 2 retries)');
		expect(result.error?.httpCode).toBe('500');
		expect(simulator.counters.byOperation.checkAsyncStatus).toBe(3);
	});

	it('does not retry an invalid login and points at the Login Audit Trail', async () => {
		simulator.addJob('JOB_LOGIN', steps(['finished', 100]));
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'JOB_LOGIN', options: FAST_RETRIES },
			credential: credentialData(simulator, { tokenSecret: 'wrong-token-secret' }),
		});
		expect(result.error?.message).toBe('NetSuite refused the token passport: Invalid login attempt.');
		expect(result.error?.description).toContain('View Login Audit Trail');
		expect(result.error?.context).toMatchObject({ faultCode: 'INVALID_LOGIN_ATTEMPT', itemIndex: 0, jobId: 'JOB_LOGIN' });
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }]);
		expect(simulator.counters.totalRequests).toBe(1);
	});

	it('does not retry an unknown job id and says why ids expire', async () => {
		const result = await runNetSuite(simulator, { parameters: { jobId: 'NO_SUCH_JOB', options: FAST_RETRIES } });
		expect(result.error?.message).toBe('NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)');
		expect(result.error?.description).toContain('purges jobs 30 days after submission');
		expect(simulator.counters.totalRequests).toBe(1);
	});

	it('retries an HTML 503 page and then succeeds', async () => {
		simulator.addJob('JOB_503', steps(['pending']));
		simulator.injectFaults('HTML_503', 1, { jobId: 'JOB_503' });
		const result = await runNetSuite(simulator, { parameters: { jobId: 'JOB_503', options: FAST_RETRIES } });
		expect(result.items(NODE_NAME)[0].status).toBe('pending');
	});
});

describe('items and On Error', () => {
	const mixedItems = [{ jobId: 'JOB_A' }, { jobId: 'NO_SUCH_JOB' }, { jobId: 'JOB_B' }];
	const addJobs = () => {
		simulator.addJob('JOB_A', steps(['finished', 100]));
		simulator.addJob('JOB_B', steps(['pending']));
	};

	it('stop workflow: the first failing item stops it, naming the item', async () => {
		addJobs();
		const result = await runNetSuite(simulator, { parameters: {}, items: mixedItems });
		expect(result.status).toBe('error');
		expect(result.error?.itemIndex).toBe(1);
		expect(result.error?.message).toBe('NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)');
	});

	it('continue (regular output): one item per input, in order, the failed one carrying its error', async () => {
		addJobs();
		const result = await runNetSuite(simulator, { parameters: {}, items: mixedItems, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs.map((item) => item.json.status ?? item.json.error)).toEqual([
			'finished',
			'NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)',
			'pending',
		]);
		const { details, ...error } = outputs[1].json as { details: Record<string, unknown> };
		expect(error).toEqual({ error: 'NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)' });
		expect(details).toMatchObject({ jobId: 'NO_SUCH_JOB', faultCode: 'INVALID_JOB_ID', httpCode: '500', retries: 0 });
		expect(details.description).toContain('purges jobs 30 days after submission');
	});

	it('continue (error output): failures go to the error output with their input item', async () => {
		addJobs();
		const result = await runNetSuite(simulator, { parameters: {}, items: mixedItems, onError: 'continueErrorOutput' });
		const [success, failure] = result.outputs(NODE_NAME);
		expect(success.map((item) => [item.json.jobId, item.pairedItem])).toEqual([
			['JOB_A', { item: 0 }],
			['JOB_B', { item: 2 }],
		]);
		expect(failure.map((item) => [item.json.jobId, item.json.error, item.pairedItem])).toEqual([
			['NO_SUCH_JOB', 'NetSuite does not know job "NO_SUCH_JOB" (INVALID_JOB_ID)', { item: 1 }],
		]);
	});

	it('20 items with 4 at once keep their order and pairing', async () => {
		const items = Array.from({ length: 20 }, (_, index) => ({ jobId: `JOB_MANY_${index}` }));
		items.forEach(({ jobId }, index) => simulator.addJob(jobId, steps([index % 2 ? 'pending' : 'finished', index])));
		// Long enough that 4 requests overlap even when both cores are busy preparing them.
		simulator.setLatency(100);
		const result = await runNetSuite(simulator, { parameters: { options: { concurrency: 4 } }, items });
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((item) => [item.json.jobId, item.json.percentCompleted, item.pairedItem])).toEqual(
			items.map(({ jobId }, index) => [jobId, index, { item: index }]),
		);
		expect(simulator.counters.maxInFlight).toBe(4);
	});
});

describe('account-aware concurrency', () => {
	const jobs = (prefix: string, count: number) => {
		const items = Array.from({ length: count }, (_, index) => ({ jobId: `${prefix}_${index}` }));
		for (const { jobId } of items) simulator.addJob(jobId, steps(['processing', 40]));
		return items;
	};

	it('with 10 allowed against an account at 5: the first probe\'s round of refusals, then about one per 8 windows of answers; without learning, a storm', async () => {
		const run = async (prefix: string) => {
			const items = jobs(prefix, 60);
			simulator.resetCounters();
			const result = await runNetSuite(simulator, { parameters: { options: { concurrency: 10, ...FAST_RETRIES, maxRetries: 10 } }, items });
			expect(result.items(NODE_NAME).map((json) => [json.jobId, json.status])).toEqual(items.map(({ jobId }) => [jobId, 'processing']));
			expect(simulator.counters.totalRequests).toBe(60 + simulator.counters.blockedByConcurrency);
			return simulator.counters.blockedByConcurrency;
		};
		// Requests must overlap for a storm to show, also when both cores are busy.
		simulator.setLatency(100);
		simulator.setConcurrencyLimit(5);
		const learning = await run('JOB_AIMD_ON');
		resetAccountConcurrencyForTests({ adaptive: false });
		const without = await run('JOB_AIMD_OFF');
		// the probe widens the window by at most one per answer before the first refusal comes back (≤ 10 − 5
		// over); after that, one refusal each time the window creeps past 5 (every ~40 answers here)
		expect(learning).toBeLessThanOrEqual(8);
		expect(without).toBeGreaterThan(learning);
	});

	it('shrinks to the account\'s limit when NetSuite refuses, logs it, and loses nothing', async () => {
		const items = jobs('JOB_AIMD_THREE', 30);
		simulator.setLatency(30);
		simulator.setConcurrencyLimit(3);
		const result = await runNetSuite(simulator, { parameters: { options: { concurrency: 10, ...FAST_RETRIES } }, items });
		expect(result.status).toBe('success');
		expect(result.items(NODE_NAME).map((json) => [json.jobId, json.status])).toEqual(items.map(({ jobId }) => [jobId, 'processing']));
		const refusals = result.logs.filter((line) => line.includes('NetSuite account concurrency window changed') && line.includes('"reason":"refused"'));
		// the first refusal halves the window, wherever the probe had taken it (5 or a little more)
		expect(refusals[0]).toMatch(/"from":(5,"to":2|6,"to":3|7,"to":3|8,"to":4),"reason":"refused"/);
		// the first probe's round over the limit, then at most one each time the window grows past 3 again
		expect(simulator.counters.blockedByConcurrency).toBeGreaterThanOrEqual(2);
		expect(simulator.counters.blockedByConcurrency).toBeLessThanOrEqual(8);
		expect(simulator.counters.totalRequests).toBe(30 + simulator.counters.blockedByConcurrency);
	});
});

describe('bad input is refused before any request', () => {
	it.each([
		[{ jobId: '={{ "" }}' }, 'The Job ID is empty'],
		[{ jobId: '   ' }, 'The Job ID is empty'],
		[{ jobId: 'J', pollUntilDone: true, pollInterval: -1 }, 'Poll Interval is number -1'],
		[{ jobId: 'J', pollUntilDone: true, pollInterval: 10, pollTimeout: 5 }, 'Poll Timeout (5 s) is shorter than Poll Interval (10 s), so the job could never be checked twice'],
	])('%p', async (parameters, message) => {
		const result = await runNetSuite(simulator, { parameters });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(simulator.counters.totalRequests).toBe(0);
	});

	it('names the item whose expression resolved to nothing, and sends nothing for any item', async () => {
		const result = await runNetSuite(simulator, { parameters: {}, items: [{ jobId: 'JOB_A' }, { other: 1 }] });
		expect(result.error?.message).toBe('The Job ID is missing');
		expect(result.error?.itemIndex).toBe(1);
		expect(simulator.counters.totalRequests).toBe(0);
	});

	it.each([
		[{ accountId: 'not an account' }, 'The Account ID "not an account" is not in NetSuite\'s format'],
		[{ endpointUrl: 'ftp://example.com' }, 'The Endpoint URL "ftp://example.com" is not an http(s) URL'],
	])('refuses a credential with %p', async (override, message) => {
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'J' },
			credential: { ...credentialData(simulator), ...override },
		});
		expect(result.error?.message).toContain(message);
		expect(simulator.counters.totalRequests).toBe(0);
	});
});

describe('secrets', () => {
	it('never appear in outputs, errors, descriptions or logs', async () => {
		simulator.addJob('JOB_SECRET', steps(['pending'], ['finished', 100]));
		const wrong = credentialData(simulator, { consumerSecret: 'wrong-consumer-secret-value' });
		const runs = [
			await runNetSuite(simulator, { parameters: { jobId: 'JOB_SECRET', pollUntilDone: true, pollInterval: 0.02, pollTimeout: 5 } }),
			await runNetSuite(simulator, { parameters: { jobId: 'JOB_SECRET' }, credential: wrong }),
			await runNetSuite(simulator, { parameters: { jobId: 'NO_SUCH_JOB' }, onError: 'continueRegularOutput' }),
			await runNetSuite(simulator, { parameters: { jobId: 'NO_SUCH_JOB' }, onError: 'continueErrorOutput' }),
		];
		const signatures = simulator.requests
			.map((request) => /signature[^>]*>([^<]+)</.exec(request.body)?.[1])
			.filter((value): value is string => Boolean(value));
		expect(signatures.length).toBeGreaterThanOrEqual(4);
		const secrets = [simulator.credentials.consumerSecret, simulator.credentials.tokenSecret, 'wrong-consumer-secret-value', ...signatures];
		for (const run of runs) {
			expect(run.logs.length).toBeGreaterThan(0);
			expect(secretsScan(run, secrets)).toEqual([]);
		}
	});
});
