import { Agent, request as httpRequest } from 'http';

import { XMLValidator } from 'fast-xml-parser';

import { startSimulator, type FaultKind, type Simulator } from './server';
import {
	asyncStatusOf,
	checkStatus,
	faultOf,
	nsIdOf,
	passportXml,
	postRaw,
	signPassport,
	sleep,
	soapCall,
	soapEnvelope,
	undeclaredPrefixes,
	useSimulator,
	type SoapReply,
} from './test-client';

let simulator: Simulator;
useSimulator(
	(started) => {
		simulator = started;
		simulator.addJob('JOB_OK', { script: { steps: [{ status: 'finished' }] } });
	},
	() => {
		simulator.clearFaults();
		simulator.setLatency(0);
		simulator.setConcurrencyLimit(undefined);
	},
);

const serverTime = (headers?: Record<string, string>) => soapCall(simulator, { operation: 'getServerTime', headers });
const HOSTNAME = 'simulator-java001.suitetalk.invalid';

describe('SOAP faults on demand (HTTP 500 unless noted)', () => {
	const cases: Array<[FaultKind, number, Record<string, string | undefined>]> = [
		[
			'WS_REQUEST_BLOCKED',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'SuiteTalk concurrent request limit exceeded. Request blocked.',
				element: 'exceededConcurrentRequestLimitFault',
				code: 'WS_REQUEST_BLOCKED',
				message: 'SuiteTalk concurrent request limit exceeded. Request blocked.',
				hostname: HOSTNAME,
			},
		],
		[
			'FAULT_AS_200',
			200,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'SuiteTalk concurrent request limit exceeded. Request blocked.',
				element: 'exceededConcurrentRequestLimitFault',
				code: 'WS_REQUEST_BLOCKED',
				message: 'SuiteTalk concurrent request limit exceeded. Request blocked.',
				hostname: HOSTNAME,
			},
		],
		[
			'WS_CONCUR_SESSION_DISALLWD',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'Only one request may be made against a session at a time',
				element: 'exceededRequestLimitFault',
				code: 'WS_CONCUR_SESSION_DISALLWD',
				message: 'Only one request may be made against a session at a time',
				hostname: HOSTNAME,
			},
		],
		[
			'ACCT_TEMP_UNAVAILABLE',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring:
					'The account you are trying to access is currently unavailable while we undergo our regularly scheduled maintenance.',
				element: 'invalidCredentialsFault',
				code: 'ACCT_TEMP_UNAVAILABLE',
				message:
					'The account you are trying to access is currently unavailable while we undergo our regularly scheduled maintenance.',
				hostname: HOSTNAME,
			},
		],
		[
			'INVALID_JOB_ID',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'You have specified an invalid Job Id',
				element: 'asyncFault',
				code: 'INVALID_JOB_ID',
				message: 'You have specified an invalid Job Id',
				hostname: HOSTNAME,
			},
		],
		[
			'INVALID_JOBID',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'You have specified an invalid Job Id',
				element: 'asyncFault',
				code: 'INVALID_JOBID',
				message: 'You have specified an invalid Job Id',
				hostname: HOSTNAME,
			},
		],
		[
			'UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'An unexpected error occurred.',
				element: 'invalidCredentialsFault',
				code: 'UNEXPECTED_ERROR',
				message: 'An unexpected error occurred.',
				hostname: HOSTNAME,
			},
		],
		[
			'INSUFFICIENT_PERMISSION',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: "Permission Violation: You need a higher level of the 'Web Services' permission to access this page.",
				element: 'insufficientPermissionFault',
				code: 'INSUFFICIENT_PERMISSION',
				message: "Permission Violation: You need a higher level of the 'Web Services' permission to access this page.",
				hostname: HOSTNAME,
			},
		],
		[
			'FAULTSTRING_ONLY',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'An unexpected error occurred. Error ID: simulator0faultstring0only',
				element: undefined,
				code: undefined,
				message: undefined,
				hostname: HOSTNAME,
			},
		],
		[
			'UNKNOWN_CODE',
			500,
			{
				faultcode: 'soapenv:Server.userException',
				faultstring: 'A fault code no client has seen before.',
				element: 'unexpectedErrorFault',
				code: 'SOME_NEW_CODE',
				message: 'A fault code no client has seen before.',
				hostname: HOSTNAME,
			},
		],
	];

	it.each(cases)('%s', async (kind, status, expected) => {
		simulator.injectFaults(kind, 1);
		const reply = await checkStatus(simulator, 'JOB_OK');
		expect(reply.status).toBe(status);
		expect(reply.contentType).toBe('text/xml; charset=utf-8');
		expect(faultOf(reply)).toEqual(expected);
		expect(nsIdOf(reply)).toMatch(/^WEBSERVICES_1234567_SB1_/);
		expect(undeclaredPrefixes(reply.text)).toEqual([]);
		// One fault only; it counts as a request; the job was not consulted.
		expect((await checkStatus(simulator, 'JOB_OK')).status).toBe(200);
		expect(simulator.counters.totalRequests).toBe(2);
		expect(simulator.counters.byOperation).toEqual({ checkAsyncStatus: 2 });
		expect(simulator.counters.statusChecksByJob).toEqual({ JOB_OK: 1 });
	});

	it('UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS mirrors sample 09', async () => {
		simulator.injectFaults('UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS', 1);
		const reply = await serverTime();
		expect(reply.text).toContain(
			'<soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>An unexpected error occurred.</faultstring>' +
				'<detail><platformFaults:invalidCredentialsFault xmlns:platformFaults="urn:faults_2025_2.platform.webservices.netsuite.com">' +
				'<platformFaults:code>UNEXPECTED_ERROR</platformFaults:code><platformFaults:message>An unexpected error occurred.</platformFaults:message>' +
				'</platformFaults:invalidCredentialsFault><ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">simulator-java001.suitetalk.invalid</ns1:hostname>' +
				'</detail></soapenv:Fault>',
		);
	});
});

describe('transport faults on demand', () => {
	it('HTML_503: an HTML maintenance page with HTTP 503', async () => {
		simulator.injectFaults('HTML_503', 1);
		const reply = await serverTime();
		expect(reply.status).toBe(503);
		expect(reply.contentType).toBe('text/html; charset=utf-8');
		expect(reply.text).toContain('<title>503 Service Temporarily Unavailable</title>');
		expect(reply.doc).toBeUndefined();
	});

	it('MALFORMED_XML: HTTP 200 with tags that do not match', async () => {
		simulator.injectFaults('MALFORMED_XML', 1);
		const reply = await serverTime();
		expect(reply.status).toBe(200);
		expect(reply.text).toContain('<status>finished</asyncStatus>');
		expect(XMLValidator.validate(reply.text)).not.toBe(true);
	});

	it('EMPTY_200: HTTP 200 with an empty body', async () => {
		simulator.injectFaults('EMPTY_200', 1);
		const reply = await serverTime();
		expect([reply.status, reply.text, reply.contentType]).toEqual([200, '', 'text/xml; charset=utf-8']);
	});

	it('TRUNCATED: HTTP 200 whose body stops mid-element (a complete HTTP message)', async () => {
		simulator.injectFaults('TRUNCATED', 1);
		const reply = await checkStatus(simulator, 'JOB_OK');
		expect(reply.status).toBe(200);
		expect(reply.text.startsWith('<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope')).toBe(true);
		expect(reply.text).not.toContain('</soapenv:Envelope>');
		expect(reply.text).toMatch(/<[^>]*$/);
		expect(XMLValidator.validate(reply.text)).not.toBe(true);
	});

	it('RESET: the connection dies after the headers and part of the body', async () => {
		simulator.injectFaults('RESET', 1);
		await expect(serverTime()).rejects.toThrow();
		expect((await serverTime()).status).toBe(200);
		expect(simulator.counters.totalRequests).toBe(2);
	});

	it('HANG: never answers, until close() ends the socket', async () => {
		const own = await startSimulator();
		own.injectFaults('HANG', 1);
		const hanging = soapCall(own, { operation: 'getServerTime' }).then(
			() => 'answered',
			() => 'failed',
		);
		const outcome = await Promise.race([hanging, sleep(500).then(() => 'still waiting')]);
		expect(outcome).toBe('still waiting');
		expect(own.inFlight).toBe(1);
		await own.close();
		expect(await hanging).toBe('failed');
	});

	it('pre-passport kinds hit even a request with a bad passport; SOAP kinds wait for a good one', async () => {
		simulator.injectFaults('HTML_503', 1);
		const bad = passportXml(signPassport(simulator.credentials, { tokenSecret: 'wrong' }));
		expect((await soapCall(simulator, { operation: 'getServerTime', header: bad })).status).toBe(503);
		expect(simulator.counters.authFailures).toEqual([]);

		simulator.injectFaults('WS_REQUEST_BLOCKED', 1);
		const refused = await soapCall(simulator, { operation: 'getServerTime', header: bad });
		expect(faultOf(refused)?.code).toBe('INVALID_LOGIN_ATTEMPT');
		expect(faultOf(await serverTime())?.code).toBe('WS_REQUEST_BLOCKED');
		expect((await serverTime()).status).toBe(200);
	});
});

describe('matching and counting injected faults', () => {
	it('delivers exactly `count` faults, then answers normally', async () => {
		simulator.injectFaults('WS_REQUEST_BLOCKED', 3);
		const codes = [];
		for (let call = 0; call < 5; call++) codes.push(faultOf(await serverTime())?.code ?? 'ok');
		expect(codes).toEqual(['WS_REQUEST_BLOCKED', 'WS_REQUEST_BLOCKED', 'WS_REQUEST_BLOCKED', 'ok', 'ok']);
	});

	it('matches on operation and job id', async () => {
		simulator.addJob('JOB_OTHER', { script: { steps: [{ status: 'processing' }] } });
		simulator.injectFaults('ACCT_TEMP_UNAVAILABLE', 1, { operation: 'checkAsyncStatus', jobId: 'JOB_OTHER' });
		simulator.injectFaults('INVALID_JOBID', 1, { operation: 'getAsyncResult' });
		expect((await serverTime()).status).toBe(200);
		expect((await checkStatus(simulator, 'JOB_OK')).status).toBe(200);
		expect(faultOf(await checkStatus(simulator, 'JOB_OTHER'))?.code).toBe('ACCT_TEMP_UNAVAILABLE');
		expect(asyncStatusOf(await checkStatus(simulator, 'JOB_OTHER')).status).toBe('processing');
		const result = await soapCall(simulator, {
			operation: 'getAsyncResult',
			fields: [
				['jobId', 'JOB_OK'],
				['pageIndex', '1'],
			],
		});
		expect(faultOf(result)?.code).toBe('INVALID_JOBID');
	});

	it('clearFaults drops what is left', async () => {
		simulator.injectFaults('EMPTY_200', 5);
		simulator.clearFaults();
		expect((await serverTime()).text).toContain('getServerTimeResponse');
	});
});

describe('concurrency governance', () => {
	it('blocks the 6th request in flight with a limit of 5', async () => {
		simulator.setConcurrencyLimit(5);
		simulator.setLatency(400);
		const replies = await Promise.all(Array.from({ length: 6 }, () => serverTime()));
		const outcomes = replies.map((reply) => (reply.status === 200 ? 'ok' : faultOf(reply)?.code)).sort();
		expect(outcomes).toEqual(['WS_REQUEST_BLOCKED', 'ok', 'ok', 'ok', 'ok', 'ok']);
		const blocked = replies.find((reply) => reply.status !== 200) as SoapReply;
		expect(blocked.status).toBe(500);
		expect(faultOf(blocked)?.element).toBe('exceededConcurrentRequestLimitFault');
		expect(simulator.counters.blockedByConcurrency).toBe(1);
		expect(simulator.counters.maxInFlight).toBe(6);
		await sleep(20);
		expect(simulator.inFlight).toBe(0);

		simulator.setLatency(0);
		expect((await serverTime()).status).toBe(200);
	});

	it('lets requests through once earlier ones have ended', async () => {
		simulator.setConcurrencyLimit(1);
		for (let call = 0; call < 3; call++) expect((await serverTime()).status).toBe(200);
		expect(simulator.counters.blockedByConcurrency).toBe(0);
		expect(simulator.counters.maxInFlight).toBe(1);
	});

	it('counts blocked requests per job they named, and none for a request without a job', async () => {
		simulator.setConcurrencyLimit(1);
		simulator.setLatency(300);
		const first = serverTime();
		await sleep(100); // the slot-holder arrives first
		const replies = await Promise.all([first, checkStatus(simulator, 'JOB_OK'), checkStatus(simulator, 'JOB_OK')]);
		expect(replies.map((reply) => reply.status)).toEqual([200, 500, 500]);
		expect(simulator.counters.blockedByJob).toEqual({ JOB_OK: 2 });
		expect(simulator.counters.blockedByConcurrency).toBe(2);
		simulator.setLatency(0);
	});
});

describe('HTTP', () => {
	it('delays every response by the latency', async () => {
		simulator.setLatency(300);
		const started = Date.now();
		await serverTime();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('refuses a body over 10 MB with HTTP 413', async () => {
		const big = soapEnvelope(simulator.credentials, { operation: 'getServerTime', rawBody: 'x'.repeat(10 * 1024 * 1024 + 1) });
		const reply = await postRaw(simulator, big);
		expect(reply.status).toBe(413);
		expect(simulator.requests).toHaveLength(0);
	});

	it('accepts a body just under 10 MB', async () => {
		const padding = `<!--${'x'.repeat(9 * 1024 * 1024)}-->`;
		const reply = await soapCall(simulator, { operation: 'getServerTime', rawBody: padding });
		expect(reply.status).toBe(200);
	});

	it('answers 404 off the endpoint path and 405 for GET', async () => {
		expect((await fetch(`${simulator.url}/services/NetSuitePort_2025_2_0`, { method: 'POST', body: '' })).status).toBe(404);
		expect((await fetch(`${simulator.url}/app/login`, { method: 'POST', body: '' })).status).toBe(404);
		const get = await fetch(simulator.endpointUrl());
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
	});

	it('answers a non-XML body with an Axis client fault', async () => {
		const reply = await postRaw(simulator, 'this is not xml', { headers: { SOAPAction: 'getServerTime' } });
		expect(reply.status).toBe(500);
		expect(faultOf(reply)?.faultcode).toBe('soapenv:Client');
		expect(simulator.counters.byOperation).toEqual({ getServerTime: 1 });
	});

	it('gives every response a unique nsId', async () => {
		const ids = new Set<string | undefined>();
		for (let call = 0; call < 20; call++) ids.add(nsIdOf(await serverTime()));
		expect(ids.size).toBe(20);
	});

	it('logs requests with operation, job id, raw body and headers, bounded to the last 2000', async () => {
		await checkStatus(simulator, 'JOB_OK');
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0]).toMatchObject({ operation: 'checkAsyncStatus', jobId: 'JOB_OK' });
		expect(simulator.requests[0].body).toContain('<platformMsgs:jobId>JOB_OK</platformMsgs:jobId>');
		expect(simulator.requests[0].headers.soapaction).toBe('checkAsyncStatus');

		const agent = new Agent({ keepAlive: true, maxSockets: 20 });
		const post = () =>
			new Promise<void>((resolve, reject) => {
				const url = new URL(simulator.endpointUrl());
				const request = httpRequest(
					{ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'Content-Type': 'text/xml' } },
					(response) => response.resume().on('end', resolve),
				);
				request.on('error', reject);
				request.end('<x/>');
			});
		for (let batch = 0; batch < 21; batch++) await Promise.all(Array.from({ length: 100 }, post));
		agent.destroy();
		expect(simulator.requests).toHaveLength(2000);
		expect(simulator.counters.totalRequests).toBe(2101);
	});

	it('resetCounters zeroes the counters in place', async () => {
		const counters = simulator.counters;
		await serverTime();
		simulator.resetCounters();
		expect(counters).toEqual({
			totalRequests: 0,
			byOperation: {},
			statusChecksByJob: {},
			resultCallsByJob: {},
			resultPagesByJob: {},
			authFailures: [],
			maxInFlight: 0,
			blockedByConcurrency: 0,
			blockedByJob: {},
		});
	});
});

describe('the namespace checker used by these tests', () => {
	it('catches undeclared element and xsi:type prefixes', () => {
		expect(
			undeclaredPrefixes(
				'<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><p:b/><c xsi:type="q:T"/><d xmlns:r="u" xsi:type="r:T"/></a>',
			),
		).toEqual(['p:b', 'q:T']);
	});
});
