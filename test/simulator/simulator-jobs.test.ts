import type { Simulator } from './server';
import { asyncStatusOf, at, body, checkStatus, faultOf, getResult, sleep, soapCall, textOf, useSimulator } from './test-client';

let simulator: Simulator;
useSimulator((started) => (simulator = started));

describe('checkAsyncStatus with a steps script', () => {
	it('advances one step per call and repeats the last one', async () => {
		simulator.addJob('JOB_STEPS', {
			script: {
				steps: [
					{ status: 'pending' },
					{ status: 'processing', percentCompleted: 45, estRemainingDuration: 12 },
					{ status: 'processing', percentCompleted: 87.5, estRemainingDuration: 2.25 },
					{ status: 'finished' },
				],
			},
		});
		const seen = [];
		for (let call = 0; call < 6; call++) seen.push(asyncStatusOf(await checkStatus(simulator, 'JOB_STEPS')));
		expect(seen).toEqual([
			{ jobId: 'JOB_STEPS', status: 'pending', percentCompleted: '0.0', estRemainingDuration: '0.0' },
			{ jobId: 'JOB_STEPS', status: 'processing', percentCompleted: '45.0', estRemainingDuration: '12.0' },
			{ jobId: 'JOB_STEPS', status: 'processing', percentCompleted: '87.5', estRemainingDuration: '2.25' },
			{ jobId: 'JOB_STEPS', status: 'finished', percentCompleted: '100.0', estRemainingDuration: '0.0' },
			{ jobId: 'JOB_STEPS', status: 'finished', percentCompleted: '100.0', estRemainingDuration: '0.0' },
			{ jobId: 'JOB_STEPS', status: 'finished', percentCompleted: '100.0', estRemainingDuration: '0.0' },
		]);
		expect(simulator.counters.statusChecksByJob).toEqual({ JOB_STEPS: 6 });
		expect(simulator.counters.byOperation).toEqual({ checkAsyncStatus: 6 });
	});

	it('passes unknown statuses (retry, something new) through verbatim', async () => {
		simulator.addJob('JOB_ODD', { script: { steps: [{ status: 'retry' }, { status: 'queuedSomewhereNew' }] } });
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_ODD')).status).toBe('retry');
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_ODD')).status).toBe('queuedSomewhereNew');
	});

	it('answers in the checkAsyncStatusResponse/asyncStatusResult shape with an HTTP 200', async () => {
		simulator.addJob('JOB_SHAPE', { script: { steps: [{ status: 'failed' }] } });
		const reply = await checkStatus(simulator, 'JOB_SHAPE');
		expect(reply.status).toBe(200);
		expect(reply.text).toContain('<checkAsyncStatusResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com">');
		expect(reply.text).toContain(
			'<platformCore:asyncStatusResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">' +
				'<platformCore:jobId>JOB_SHAPE</platformCore:jobId><platformCore:status>failed</platformCore:status>' +
				'<platformCore:percentCompleted>100.0</platformCore:percentCompleted>' +
				'<platformCore:estRemainingDuration>0.0</platformCore:estRemainingDuration></platformCore:asyncStatusResult>',
		);
	});
});

describe('checkAsyncStatus with a time-based script', () => {
	it('goes pending → processing (with progress) → finished on the wall clock', async () => {
		simulator.addJob('JOB_TIMED', { script: { durationMs: 1200, pendingMs: 300, informativeProgress: true } });
		const pending = asyncStatusOf(await checkStatus(simulator, 'JOB_TIMED'));
		expect(pending).toEqual({ jobId: 'JOB_TIMED', status: 'pending', percentCompleted: '0.0', estRemainingDuration: '0.0' });

		await sleep(700);
		const processing = asyncStatusOf(await checkStatus(simulator, 'JOB_TIMED'));
		expect(processing.status).toBe('processing');
		const percent = Number(processing.percentCompleted);
		const remaining = Number(processing.estRemainingDuration);
		expect(percent).toBeGreaterThan(30);
		expect(percent).toBeLessThan(90);
		expect(remaining).toBeGreaterThan(0);
		expect(remaining).toBeLessThanOrEqual(0.5);
		expect(processing.percentCompleted).toMatch(/^\d+\.\d$/);

		await sleep(600);
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_TIMED'))).toEqual({
			jobId: 'JOB_TIMED',
			status: 'finished',
			percentCompleted: '100.0',
			estRemainingDuration: '0.0',
		});
	});

	it('reports 0.0 progress throughout when informativeProgress is false, and the scripted final status', async () => {
		simulator.addJob('JOB_OPAQUE', {
			script: { durationMs: 600, pendingMs: 100, informativeProgress: false, finalStatus: 'failed' },
		});
		await sleep(300);
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_OPAQUE'))).toEqual({
			jobId: 'JOB_OPAQUE',
			status: 'processing',
			percentCompleted: '0.0',
			estRemainingDuration: '0.0',
		});
		await sleep(400);
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_OPAQUE')).status).toBe('failed');
	});

	it('ends in finishedWithErrors by default when a result record failed', async () => {
		simulator.addJob('JOB_MIXED_TIMED', {
			script: { durationMs: 0 },
			results: { kind: 'write', records: [{ isSuccess: true, internalId: '1' }, { isSuccess: false }] },
		});
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_MIXED_TIMED')).status).toBe('finishedWithErrors');
	});
});

describe('unknown job ids', () => {
	it('checkAsyncStatus answers an asyncFault INVALID_JOB_ID with HTTP 500', async () => {
		const reply = await checkStatus(simulator, 'ASYNCWEBSERVICES_NOPE_1');
		expect(reply.status).toBe(500);
		expect(faultOf(reply)).toEqual({
			faultcode: 'soapenv:Server.userException',
			faultstring: 'You have specified an invalid Job Id',
			element: 'asyncFault',
			code: 'INVALID_JOB_ID',
			message: 'You have specified an invalid Job Id',
			hostname: 'simulator-java001.suitetalk.invalid',
		});
		expect(simulator.counters.statusChecksByJob).toEqual({});
	});

	it('does not trim: a job id with surrounding whitespace is unknown', async () => {
		simulator.addJob('JOB_TRIM', { script: { steps: [{ status: 'finished' }] } });
		expect(faultOf(await checkStatus(simulator, ' JOB_TRIM '))?.code).toBe('INVALID_JOB_ID');
	});

	it('getAsyncResult answers INVALID_JOB_ID too', async () => {
		expect(faultOf(await getResult(simulator, 'NOPE', 1))?.code).toBe('INVALID_JOB_ID');
	});
});

describe('async submits', () => {
	const listRel = 'xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com"';
	const customers =
		`<platformMsgs:record xsi:type="listRel:Customer" externalId="EXT-1" ${listRel}><listRel:companyName>One</listRel:companyName></platformMsgs:record>` +
		`<platformMsgs:record xsi:type="listRel:Customer" ${listRel}><listRel:companyName>Two</listRel:companyName></platformMsgs:record>`;

	it('asyncAddList creates a pending job that finishes after ~3 s with one write result per record', async () => {
		const reply = await soapCall(simulator, { operation: 'asyncAddList', rawBody: customers });
		expect(reply.status).toBe(200);
		const status = asyncStatusOf(reply);
		expect(status.status).toBe('pending');
		expect(status.percentCompleted).toBe('0.0');
		expect(status.estRemainingDuration).toBe('0.0');
		expect(status.jobId).toMatch(/^ASYNCWEBSERVICES_1234567_SB1_\d{27}_\d$/);
		expect(at(body(reply), 'asyncAddListResponse', 'asyncStatusResult')).toBeDefined();
		expect(simulator.submittedJobIds).toContain(status.jobId);

		const jobId = status.jobId as string;
		expect(faultOf(await getResult(simulator, jobId, 1))?.code).toBe('JOB_NOT_COMPLETE');
		await sleep(1500);
		expect(asyncStatusOf(await checkStatus(simulator, jobId)).status).toBe('processing');
		await sleep(1700);
		expect(asyncStatusOf(await checkStatus(simulator, jobId)).status).toBe('finished');

		const result = await getResult(simulator, jobId, 1);
		expect(result.status).toBe(200);
		const asyncResult = at(body(result), 'getAsyncResultResponse', 'asyncResult') as Record<string, unknown>;
		expect(asyncResult['@_xsi:type']).toBe('platformMsgs:AsyncAddListResult');
		const responses = at(asyncResult, 'writeResponseList', 'writeResponse') as unknown[];
		expect(responses).toHaveLength(2);
		expect(at(responses, 0, 'status', '@_isSuccess')).toBe('true');
		expect(at(responses, 0, 'baseRef', '@_externalId')).toBe('EXT-1');
		expect(at(responses, 0, 'baseRef', '@_type')).toBe('customer');
		expect(at(responses, 0, 'baseRef', '@_internalId')).toMatch(/^\d+$/);
		expect(at(responses, 1, 'baseRef', '@_externalId')).toBeUndefined();
		expect(at(responses, 1, 'baseRef', '@_internalId')).not.toBe(at(responses, 0, 'baseRef', '@_internalId'));
	});

	it('asyncDeleteList echoes each baseRef and answers asyncDeleteListResponse', async () => {
		const refs =
			'<platformMsgs:baseRef internalId="42" type="customer" xsi:type="platformCore:RecordRef" xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com"/>' +
			'<platformMsgs:baseRef externalId="EXT-9" type="customer" xsi:type="platformCore:RecordRef" xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com"/>';
		const reply = await soapCall(simulator, { operation: 'asyncDeleteList', rawBody: refs });
		const jobId = at(body(reply), 'asyncDeleteListResponse', 'asyncStatusResult', 'jobId') as string;
		expect(typeof jobId).toBe('string');
		await sleep(3100);
		const result = await getResult(simulator, jobId, 1);
		const asyncResult = at(body(result), 'getAsyncResultResponse', 'asyncResult');
		expect(at(asyncResult, '@_xsi:type')).toBe('platformMsgs:AsyncDeleteListResult');
		const refsBack = (at(asyncResult, 'writeResponseList', 'writeResponse') as unknown[]).map((entry) =>
			at(entry, 'baseRef'),
		);
		expect(refsBack).toEqual([
			{ '@_internalId': '42', '@_type': 'customer', '@_xsi:type': 'platformCore:RecordRef', '@_xmlns:platformCore': 'urn:core_2025_2.platform.webservices.netsuite.com' },
			{ '@_externalId': 'EXT-9', '@_type': 'customer', '@_xsi:type': 'platformCore:RecordRef', '@_xmlns:platformCore': 'urn:core_2025_2.platform.webservices.netsuite.com' },
		]);
	});

	it('a job submitted through 2024_2 is read through 2024_2 only', async () => {
		const record =
			'<platformMsgs:record xsi:type="listRel:Customer" externalId="EXT-2024" xmlns:listRel="urn:relationships_2024_2.lists.webservices.netsuite.com">' +
			'<listRel:companyName>Old endpoint</listRel:companyName></platformMsgs:record>';
		const reply = await soapCall(simulator, { operation: 'asyncUpsertList', rawBody: record, version: '2024_2' });
		const jobId = textOf(at(body(reply), 'asyncUpsertListResponse', 'asyncStatusResult', 'jobId')) as string;
		expect(reply.text).toContain('urn:core_2024_2.platform.webservices.netsuite.com');
		await sleep(3100);
		expect(faultOf(await getResult(simulator, jobId, 1))?.code).toBe('INVALID_WS_VERSION');
		const result = await getResult(simulator, jobId, 1, '2024_2');
		expect(at(body(result), 'getAsyncResultResponse', 'asyncResult', '@_xsi:type')).toBe('platformMsgs:AsyncUpsertListResult');
	});
});

describe('requests the simulator does not serve', () => {
	it('an unknown operation is an Axis client fault', async () => {
		const reply = await soapCall(simulator, { operation: 'asyncSomethingElse' });
		expect(reply.status).toBe(500);
		expect(faultOf(reply)).toMatchObject({
			faultcode: 'soapenv:Client',
			faultstring: "No such operation 'asyncSomethingElse'",
			element: undefined,
		});
	});

	it('an envelope in another version than the endpoint is refused before the passport is read', async () => {
		const reply = await soapCall(simulator, { operation: 'getServerTime', version: '2024_2', endpointVersion: '2025_2' });
		expect(reply.status).toBe(500);
		expect(faultOf(reply)?.faultstring).toBe(
			'org.xml.sax.SAXException: the request uses namespaces of version 2024_2 but was sent to the NetSuitePort_2025_2 endpoint',
		);
		expect(simulator.counters.authFailures).toEqual([]);
	});
});
