import { join } from 'path';

import { chainWorkflow, connect } from './build-workflow';
import { startLocalServer, type LocalServer } from './local-server';
import { runWorkflow, secretsScan, type RunWorkflowOptions } from './run-workflow';
import { selfTestCredentialTypes, selfTestNodeTypes } from './self-test-fixtures';

const SECRET = 's3cr3t-token-value';
const THREE_ITEMS = JSON.stringify([{ n: 1 }, { n: 2, fail: true }, { n: 3 }]);

const base: RunWorkflowOptions = {
	nodeTypes: selfTestNodeTypes,
	credentialTypes: selfTestCredentialTypes,
	credentials: { testCred: { token: SECRET }, genericCred: { apiKey: SECRET } },
};

let server: LocalServer;
beforeAll(async () => {
	server = await startLocalServer((req, res) => {
		if (req.url.startsWith('/fail')) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'server exploded' }));
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ path: req.url, received: req.body ? JSON.parse(req.body) : null }));
	});
});
afterAll(async () => await server.close());
beforeEach(() => server.requests.splice(0));

describe('basic execution', () => {
	test('manual trigger → items: success, items and pairedItem', async () => {
		const result = await runWorkflow(
			chainWorkflow({ name: 'Items', type: 'test.items', parameters: { items: '[{"a":1},{"a":2}]' } }),
			{ nodeTypes: {} },
		);
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual(['Start', 'Items']);
		expect(result.outputs('Start')).toEqual([[{ json: {}, pairedItem: { item: 0 } }]]);
		expect(result.outputs('Items')).toEqual([
			[
				{ json: { a: 1 }, pairedItem: { item: 0 } },
				{ json: { a: 2 }, pairedItem: { item: 0 } },
			],
		]);
		expect(result.items('Items')).toEqual([{ a: 1 }, { a: 2 }]);
		expect(result.logs).toContain('debug: Workflow execution finished successfully {"workflowId":"test-workflow"}');
		expect(result.durationMs).toBeLessThan(1000);
	});

	test('engine assigns pairedItem when a node returns as many items as it got', async () => {
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'Items', type: 'test.items', parameters: { items: '[{"a":1},{"a":2},{"a":3}]' } },
				{ name: 'Pass', type: 'test.passthrough' },
			),
			base,
		);
		// the upstream node's recorded output is not rewritten by the engine's lineage tracking
		expect(result.outputs('Items')[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(result.outputs('Pass')).toEqual([
			[
				{ json: { a: 1, seen: true }, pairedItem: { item: 0 } },
				{ json: { a: 2, seen: true }, pairedItem: { item: 1 } },
				{ json: { a: 3, seen: true }, pairedItem: { item: 2 } },
			],
		]);
	});

	test('versioned node types resolve by typeVersion', async () => {
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'V1', type: 'test.versioned', typeVersion: 1 },
				{ name: 'V2', type: 'test.versioned', typeVersion: 2 },
			),
			base,
		);
		expect(result.items('V1')).toEqual([{ v: 1 }]);
		expect(result.items('V2')).toEqual([{ v: 2 }]);
	});

	test('unknown node type fails loudly', async () => {
		await expect(
			runWorkflow(chainWorkflow({ name: 'X', type: 'nope.missing' }), base),
		).rejects.toThrow(/Unknown node type "nope.missing"/);
	});

	test('a workflow JSON file exported from n8n loads (its pinData is ignored)', async () => {
		const result = await runWorkflow(join(__dirname, 'fixtures', 'exported-workflow.json'), base);
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['When clicking ‘Execute workflow’', 'Three Items', 'Pass']);
		expect(result.outputs('Pass')).toEqual([
			[
				{ json: { id: 'a', seen: true }, pairedItem: { item: 0 } },
				{ json: { id: 'b', seen: true }, pairedItem: { item: 1 } },
				{ json: { id: 'c', seen: true }, pairedItem: { item: 2 } },
			],
		]);
	});
});

describe('credentials', () => {
	test("credential type's authenticate FUNCTION is applied to httpRequestWithAuthentication", async () => {
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'Items', type: 'test.items', parameters: { items: '[{"q":1},{"q":2}]' } },
				{
					name: 'Call',
					type: 'test.http',
					parameters: { url: `${server.url}/echo` },
					credentials: { testCred: { id: '1', name: 'Test account' } },
				},
			),
			base,
		);
		expect(result.status).toBe('success');
		expect(server.requests.map((r) => [r.method, r.url, r.headers['x-test-auth'], r.body])).toEqual([
			['POST', '/echo', `Token ${SECRET}`, '{"q":1}'],
			['POST', '/echo', `Token ${SECRET}`, '{"q":2}'],
		]);
		expect(result.outputs('Call')).toEqual([
			[
				{ json: { path: '/echo', received: { q: 1 } }, pairedItem: { item: 0 } },
				{ json: { path: '/echo', received: { q: 2 } }, pairedItem: { item: 1 } },
			],
		]);
		expect(secretsScan(result, [SECRET])).toEqual([]);
	});

	test('generic (declarative) authenticate is resolved like n8n CLI does', async () => {
		const result = await runWorkflow(
			chainWorkflow({
				name: 'Call',
				type: 'test.http',
				parameters: { url: `${server.url}/echo`, credentialType: 'genericCred' },
				credentials: { genericCred: { id: '2', name: 'Generic' } },
			}),
			base,
		);
		expect(result.status).toBe('success');
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].headers['x-api-key']).toBe(SECRET);
		expect(server.requests[0].url).toBe('/echo?static=yes');
	});

	test('credential data gets property defaults, loses unknown fields, resolves expressions (like n8n CLI)', async () => {
		const options = {
			...base,
			credentials: { testCred: { token: '={{ "abc" + "def" }}', unknownField: 'dropped' } },
		};
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'Keys', type: 'test.credKeys', credentials: { testCred: { id: '1', name: 'Test account' } } },
				{
					name: 'Call',
					type: 'test.http',
					parameters: { url: `${server.url}/echo` },
					credentials: { testCred: { id: '1', name: 'Test account' } },
				},
			),
			options,
		);
		expect(result.status).toBe('success');
		expect(result.items('Keys')).toEqual([{ keys: ['scheme', 'token'] }]);
		expect(server.requests[0].headers['x-test-auth']).toBe('Token abcdef');
	});

	test('missing credential data → node error', async () => {
		const result = await runWorkflow(
			chainWorkflow({
				name: 'Call',
				type: 'test.http',
				parameters: { url: `${server.url}/echo` },
				credentials: { testCred: { id: '9', name: 'nope' } },
			}),
			{ ...base, credentials: {} },
		);
		expect(result.status).toBe('error');
		expect(result.nodeError('Call')?.message).toBe('Credential with ID "9" does not exist for type "testCred".');
		expect(server.requests).toHaveLength(0);
	});

	test('HTTP 500 from httpRequestWithAuthentication → NodeApiError, no secret leaked', async () => {
		const result = await runWorkflow(
			chainWorkflow({
				name: 'Call',
				type: 'test.http',
				parameters: { url: `${server.url}/fail` },
				credentials: { testCred: { id: '1', name: 'Test account' } },
			}),
			base,
		);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			node: 'Call',
			httpCode: '500',
			message: 'The service was not able to process your request',
			description: 'server exploded',
			context: { data: { message: 'server exploded' } },
		});
		expect(result.nodeError('Call')).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(secretsScan(result, [SECRET])).toEqual([]);
	});
});

describe('On Error settings', () => {
	const failWorkflow = (onError: string | undefined, parameters: object) => {
		const wf = chainWorkflow(
			{ name: 'Items', type: 'test.items', parameters: { items: THREE_ITEMS } },
			{ name: 'Fail', type: 'test.fail', parameters: { ...parameters }, ...(onError ? { onError } : {}) } as never,
			{ name: 'After', type: 'test.passthrough' },
		);
		if (onError === 'continueErrorOutput') {
			wf.nodes.push({ id: 'err', name: 'OnError', type: 'test.passthrough', typeVersion: 1, position: [0, 200], parameters: {} });
			connect(wf.connections, 'Fail', 'OnError', 1);
		}
		return wf;
	};

	test('stopWorkflow (default) + NodeOperationError with itemIndex', async () => {
		const result = await runWorkflow(failWorkflow(undefined, {}), base);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 1 is bad',
			description: 'operation details',
			node: 'Fail',
			itemIndex: 1,
			context: { itemIndex: 1 },
		});
		expect(result.nodeError('Fail')).toMatchObject({ message: 'Item 1 is bad', itemIndex: 1, node: 'Fail' });
		expect(result.outputs('Fail')).toEqual([]);
		expect(result.executedNodes).toEqual(['Start', 'Items', 'Fail']);
		expect(result.runData.After).toBeUndefined();
	});

	test('stopWorkflow + NodeApiError', async () => {
		const result = await runWorkflow(failWorkflow('stopWorkflow', { kind: 'api' }), base);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'API call failed',
			description: 'api details',
			httpCode: '500',
			node: 'Fail',
			itemIndex: 1,
		});
		expect(result.runData.After).toBeUndefined();
	});

	test('continueRegularOutput, node catches via continueOnFail(): error item inline', async () => {
		const result = await runWorkflow(failWorkflow('continueRegularOutput', { catchErrors: true }), base);
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.nodeError('Fail')).toBeUndefined();
		expect(result.outputs('Fail')).toEqual([
			[
				{ json: { ok: 1 }, pairedItem: { item: 0 } },
				{ json: { error: 'Item 1 is bad' }, pairedItem: { item: 1 } },
				{ json: { ok: 3 }, pairedItem: { item: 2 } },
			],
		]);
		expect(result.items('After')).toEqual([{ ok: 1, seen: true }, { error: 'Item 1 is bad', seen: true }, { ok: 3, seen: true }]);
	});

	test('continueErrorOutput, node catches via continueOnFail(): failed item on output 1, merged with its input', async () => {
		const result = await runWorkflow(failWorkflow('continueErrorOutput', { catchErrors: true }), base);
		expect(result.status).toBe('success');
		expect(result.outputs('Fail')).toEqual([
			[
				{ json: { ok: 1 }, pairedItem: { item: 0 } },
				{ json: { ok: 3 }, pairedItem: { item: 2 } },
			],
			[{ json: { n: 2, fail: true, error: 'Item 1 is bad' }, pairedItem: { item: 1 } }],
		]);
		expect(result.items('Fail', 1)).toEqual([{ n: 2, fail: true, error: 'Item 1 is bad' }]);
		expect(result.items('After')).toEqual([{ ok: 1, seen: true }, { ok: 3, seen: true }]);
		expect(result.items('OnError')).toEqual([{ n: 2, fail: true, error: 'Item 1 is bad', seen: true }]);
	});

	// n8n-core quirk: when the node THROWS (instead of catching with continueOnFail()),
	// both continue modes forward the node's INPUT items unchanged on output 0 and keep
	// the error only on the task; the error output gets nothing.
	test.each(['continueRegularOutput', 'continueErrorOutput'])(
		'%s, node throws: input items passed through on output 0, error kept on the task',
		async (onError) => {
			const result = await runWorkflow(failWorkflow(onError, { kind: 'api' }), base);
			expect(result.status).toBe('success');
			expect(result.error).toBeUndefined();
			expect(result.nodeError('Fail')).toMatchObject({ name: 'NodeApiError', httpCode: '500', itemIndex: 1 });
			expect(result.outputs('Fail')).toEqual([
				[
					{ json: { n: 1 }, pairedItem: { item: 0 } },
					{ json: { n: 2, fail: true }, pairedItem: { item: 1 } },
					{ json: { n: 3 }, pairedItem: { item: 2 } },
				],
			]);
			expect(result.items('After')).toHaveLength(3);
			if (onError === 'continueErrorOutput') expect(result.runData.OnError).toBeUndefined();
		},
	);

	// n8n-core quirk: if the node that threw-and-continued is the LAST node to run, the
	// execution still ends with status 'error' (WorkflowExecute keeps `executionError`).
	test('continueRegularOutput, node throws and is the last node → status error', async () => {
		const wf = chainWorkflow(
			{ name: 'Items', type: 'test.items', parameters: { items: THREE_ITEMS } },
			{ name: 'Fail', type: 'test.fail', onError: 'continueRegularOutput' },
		);
		const result = await runWorkflow(wf, base);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ message: 'Item 1 is bad', node: 'Fail' });
		expect(result.items('Fail')).toEqual([{ n: 1 }, { n: 2, fail: true }, { n: 3 }]);
	});
});

describe('cancellation', () => {
	test('cancelAfterMs aborts a node waiting on sleep(ms, getExecutionCancelSignal()) → canceled', async () => {
		const result = await runWorkflow(
			chainWorkflow({ name: 'Wait', type: 'test.sleep', parameters: { ms: 10000 } }, { name: 'After', type: 'test.passthrough' }),
			{ ...base, cancelAfterMs: 100 },
		);
		expect(result.status).toBe('canceled');
		expect(result.settledAfterCancel).toBe(true);
		expect(result.durationMs).toBeLessThan(1000);
		expect(result.runData.Wait[0].executionStatus).toBe('error');
		expect(result.nodeError('Wait')).toBeDefined();
		expect(result.runData.After).toBeUndefined();
	});

	test('a node ignoring the signal runs to its end, but nothing runs after it', async () => {
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'Wait', type: 'test.sleep', parameters: { ms: 300, ignoreSignal: true } },
				{ name: 'After', type: 'test.passthrough' },
			),
			{ ...base, cancelAfterMs: 50 },
		);
		expect(result.status).toBe('canceled');
		expect(result.engineStatus).toBe('canceled');
		expect(result.settledAfterCancel).toBe(true);
		expect(result.durationMs).toBeGreaterThanOrEqual(290);
		expect(result.items('Wait')).toEqual([{}]);
		expect(result.runData.After).toBeUndefined();
	});

	test('workflow finishing before cancelAfterMs is not canceled', async () => {
		const result = await runWorkflow(chainWorkflow({ name: 'Pass', type: 'test.passthrough' }), {
			...base,
			cancelAfterMs: 2000,
		});
		expect(result.status).toBe('success');
		expect(result.settledAfterCancel).toBeUndefined();
	});
});

describe('logs and secretsScan', () => {
	test("node's this.logger and n8n's LoggerProxy are captured with metadata", async () => {
		const seen: string[] = [];
		const result = await runWorkflow(
			chainWorkflow({ name: 'Log', type: 'test.log', parameters: { message: 'hello from node' } }),
			{ ...base, logger: (level, message) => seen.push(`${level}:${message}`) },
		);
		expect(result.logs).toContain('info: hello from node {"node":"Log","secretish":"hello from node"}');
		expect(result.logs).toContain('debug: Running node "Log" started {"node":"Log","workflowId":"test-workflow"}');
		expect(seen).toContain('info:hello from node');
	});

	test('secretsScan reports outputs, node errors and logs that contain a secret', async () => {
		const result = await runWorkflow(
			chainWorkflow(
				{ name: 'Leak', type: 'test.items', parameters: { items: JSON.stringify([{ token: SECRET }]) } },
				{ name: 'Log', type: 'test.log', parameters: { message: `token=${SECRET}` } },
				{ name: 'Fail', type: 'test.fail', parameters: {} },
			),
			base,
		);
		const found = secretsScan(result, [SECRET, 'not-present']);
		expect(found.some((f) => f.startsWith('output Leak#0 main[0][0]'))).toBe(true);
		expect(found.some((f) => f.startsWith('logs['))).toBe(true);
		expect(found.some((f) => f.startsWith('runData JSON'))).toBe(true);
		expect(found.every((f) => f.includes('secret #0'))).toBe(true);
		expect(secretsScan(result, ['not-present'])).toEqual([]);
	});

	test('secretsScan sees secrets in error messages', async () => {
		const result = await runWorkflow(
			chainWorkflow({ name: 'Items', type: 'test.items', parameters: { items: '[1]' } }),
			base,
		);
		expect(result.status).toBe('error');
		expect(secretsScan(result, ['must be an object'])).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^nodeError Items#0 message/),
				expect.stringMatching(/^workflow error message/),
			]),
		);
	});
});
