import { signRestRequest } from '../../nodes/NetSuiteAsync/rest/signRestRequest';
import { soapEnvelope, useSimulator } from './test-client';
import type { Simulator } from './server';

/**
 * The simulator's REST async service over HTTP, each request signed with TBA (the simulator checks
 * the OAuth 1.0a header itself): as strict as NetSuite about what makes a request asynchronous and
 * what a batch may hold.
 */

let simulator: Simulator;

useSimulator(
	(started) => (simulator = started),
	() => {
		simulator.restAsync.setJobScript({});
		simulator.setLatency(0);
		simulator.setConcurrencyLimit(undefined);
	},
);

const COLLECTION = 'application/vnd.oracle.resource+json; type=collection';
const KEY = '2f1c7a52-9b1e-4d7a-8c3e-5a6b7c8d9e0f';

interface Reply {
	status: number;
	headers: Headers;
	json?: Record<string, unknown>;
}

async function rest(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
	const signed = signRestRequest({ ...simulator.credentials }, { method, url: `${simulator.url}${path}`, headers });
	const response = await fetch(signed.url as string, {
		method,
		headers: signed.headers as Record<string, string>,
		...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

function errorCode(reply: Reply): unknown {
	return (reply.json?.['o:errorDetails'] as Array<Record<string, unknown>>)?.[0]?.['o:errorCode'];
}

const batch = (count: number, prefix: string) => ({ items: Array.from({ length: count }, (_, index) => ({ externalId: `${prefix}${index}`, companyName: `C ${index}` })) });

describe('REST async submission', () => {
	it('a batch POST with Prefer: respond-async answers 202, Preference-Applied and an absolute Location; the job completes with one task per record', async () => {
		const reply = await rest('POST', '/services/rest/record/v1/customer', { Prefer: 'respond-async', 'Content-Type': COLLECTION }, batch(2, 'S'));
		expect(reply.status).toBe(202);
		expect(reply.headers.get('preference-applied')).toBe('respond-async');
		const location = reply.headers.get('location') as string;
		expect(location).toMatch(new RegExp(`^${simulator.url}/services/rest/async/v1/job/\\d+$`));
		const jobPath = new URL(location).pathname;
		const job = await rest('GET', jobPath);
		expect(job.json).toEqual({
			links: [{ rel: 'self', href: location }],
			completed: true,
			id: jobPath.split('/').pop(),
			progress: 'succeeded',
			task: { links: [{ rel: 'self', href: `${location}/task` }] },
		});
		const tasks = await rest('GET', `${jobPath}/task`);
		expect(tasks.json?.count).toBe(2);
		const result = await rest('GET', `${jobPath}/task/1/result`);
		expect(result.status).toBe(204);
		expect(result.headers.get('location')).toMatch(new RegExp(`^${simulator.url}/services/rest/record/v1/customer/\\d+$`));
	});

	it.each([
		['no Prefer header', { 'Content-Type': COLLECTION }, batch(1, 'P'), 400, 'INVALID_REQUEST'],
		['a collection sent as application/json', { Prefer: 'respond-async', 'Content-Type': 'application/json' }, batch(1, 'J'), 400, 'INVALID_CONTENT'],
		['101 records', { Prefer: 'respond-async', 'Content-Type': COLLECTION }, batch(101, 'L'), 400, 'INVALID_REQUEST'],
		['a body without items', { Prefer: 'respond-async', 'Content-Type': COLLECTION }, { records: [] }, 400, 'INVALID_CONTENT'],
		['an idempotency key that is not a UUID', { Prefer: 'respond-async', 'Content-Type': COLLECTION, 'X-NetSuite-Idempotency-Key': 'run-1' }, batch(1, 'K'), 400, 'INVALID_REQUEST'],
	])('refuses %s synchronously, creating no job', async (_, headers, body, status, code) => {
		const jobsBefore = simulator.restAsync.jobIds().length;
		const reply = await rest('POST', '/services/rest/record/v1/customer', headers as Record<string, string>, body);
		expect([reply.status, errorCode(reply)]).toEqual([status, code]);
		expect(simulator.restAsync.jobIds().length).toBe(jobsBefore);
	});

	it('upsert (PUT) items must name an external ID and no id; update (PATCH) items must name one or the other', async () => {
		const headers = { Prefer: 'respond-async', 'Content-Type': COLLECTION };
		const put = await rest('PUT', '/services/rest/record/v1/customer', headers, { items: [{ id: '5', externalId: 'X' }] });
		expect([put.status, errorCode(put)]).toEqual([400, 'INVALID_REQUEST']);
		const patch = await rest('PATCH', '/services/rest/record/v1/customer', headers, { items: [{ companyName: 'No key' }] });
		expect([patch.status, errorCode(patch)]).toEqual([400, 'INVALID_REQUEST']);
	});

	it('the same idempotency key again: HTTP 400 IDEMPOTENCY_ERROR with the first job\'s Location, no second job', async () => {
		const headers = { Prefer: 'respond-async', 'Content-Type': COLLECTION, 'X-NetSuite-Idempotency-Key': KEY };
		const first = await rest('POST', '/services/rest/record/v1/customer', headers, batch(1, 'I'));
		const jobs = simulator.restAsync.jobIds().length;
		const second = await rest('POST', '/services/rest/record/v1/customer', headers, batch(1, 'I'));
		expect([second.status, errorCode(second), second.json?.title]).toEqual([400, 'IDEMPOTENCY_ERROR', 'Conflict']);
		expect(second.headers.get('location')).toBe(first.headers.get('location'));
		expect(simulator.restAsync.jobIds().length).toBe(jobs);
	});
});

describe('REST async job lifecycle', () => {
	it('is pending for the scripted number of job checks, then completed; a task result before that is refused', async () => {
		const jobId = simulator.restAsync.addJob([{ status: 204 }], { pendingChecks: 2 });
		const path = `/services/rest/async/v1/job/${jobId}`;
		const early = await rest('GET', `${path}/task/1/result`);
		expect([early.status, errorCode(early)]).toEqual([400, 'INVALID_REQUEST']);
		const readings = [];
		for (let check = 0; check < 3; check++) {
			const job = await rest('GET', path);
			readings.push([job.json?.completed, job.json?.progress]);
		}
		expect(readings).toEqual([
			[false, 'pending'],
			[false, 'pending'],
			[true, 'succeeded'],
		]);
		expect((await rest('GET', `${path}/task/1/result`)).status).toBe(204);
		const missing = await rest('GET', '/services/rest/async/v1/job/424242');
		expect([missing.status, errorCode(missing)]).toEqual([404, 'NONEXISTENT_ID']);
	});

	it('REST and SOAP requests share the account\'s concurrency limit: a REST request beyond it gets 429', async () => {
		simulator.setConcurrencyLimit(1);
		// Long enough that the REST request arrives while the SOAP one is held, however busy the cores are.
		simulator.setLatency(2000);
		const soap = fetch(simulator.endpointUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'getServerTime' },
			body: soapEnvelope(simulator.credentials, { operation: 'getServerTime' }),
		});
		while (simulator.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const jobId = simulator.restAsync.addJob([{ status: 204 }]);
		const refused = await rest('GET', `/services/rest/async/v1/job/${jobId}`);
		expect((await soap).status).toBe(200);
		expect(refused.status).toBe(429);
		expect(simulator.counters.blockedByConcurrency).toBe(1);
	});
});
