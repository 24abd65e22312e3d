/**
 * End-to-end tests against a REAL n8n (2.41.1 on Node 24, installed by scripts/e2e/ensure-n8n.sh).
 * A plain script, not jest:  npm run test:e2e
 *   = bash scripts/e2e/ensure-n8n.sh && tsx test/e2e/run-e2e.ts
 *
 * 1. Infrastructure probe: a throwaway community package generated here is packed, installed
 *    like n8n's Community Nodes screen installs one, a credential and workflows are imported,
 *    executed with `n8n execute --id`, and the printed run data is checked.
 * 2. NetSuite scenarios (when the node source and test/simulator/server.ts exist): `npm run build`,
 *    `npm pack` of this repo, the same install, the SuiteTalk simulator started in this process,
 *    and the workflows of test/e2e/workflows/*.json executed against it.
 * 3. The examples/ workflows (in the same sandbox, imported with the scenarios): the simulator's
 *    demo jobs (seedDemoJobs), a credential with the id and name the examples reference, each
 *    example with an id added and its HTTP Request URL pointed at the simulator.
 *
 * Options: --only=probe | --only=netsuite.  Env: N8N_E2E_VERBOSE=1 (echo n8n's output),
 * N8N_E2E_KEEP=1 (keep the n8n user folders under /tmp).
 * The last line printed is "N passed, N failed[, N skipped]"; the exit code is 1 on any failure.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	cleanupAll,
	installExitHandlers,
	N8nSandbox,
	npmPack,
	onCleanup,
	readN8nPaths,
	run,
	type CredentialImport,
	type ExecuteResult,
	type WorkflowImport,
} from '../../scripts/e2e/n8n';
import { PROBE_NODE_TYPE, PROBE_SECRET, probeCredential, probeWorkflow, writeProbePackage } from './probe-package';

const ROOT = resolve(__dirname, '..', '..');
const WORKFLOWS_DIR = join(__dirname, 'workflows');

// ---------------------------------------------------------------------------------------------
// Minimal test bookkeeping

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function log(message: string): void {
	process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

class AssertionError extends Error {}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new AssertionError(message);
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
	if (actual !== expected) {
		throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

function assertIncludes(text: string, needle: string | RegExp, what: string): void {
	const ok = typeof needle === 'string' ? text.includes(needle) : needle.test(text);
	if (!ok) throw new AssertionError(`${what}: expected to contain ${String(needle)}, got:\n${text}`);
}

async function test(name: string, fn: () => Promise<void> | void): Promise<void> {
	const started = Date.now();
	try {
		await fn();
		passed++;
		log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		failed++;
		const detail = error instanceof Error ? (error instanceof AssertionError ? error.message : error.stack ?? error.message) : String(error);
		failures.push(`${name}: ${detail.split('\n')[0]}`);
		log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${indent(detail)}`);
	}
}

function skip(name: string, reason: string): void {
	skipped++;
	log(`SKIP ${name}: ${reason}`);
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}

/** For failure messages: what the run said, without the whole JSON. */
function summarize(result: ExecuteResult): string {
	const out = result.run ? JSON.stringify(result.run.data.resultData.runData, null, 1).slice(0, 3000) : '(no run data)';
	return `exit ${result.exitCode}, status ${result.run?.status}, error ${JSON.stringify(result.errorText)}\nrunData: ${out}`;
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	log(`${what} ...`);
	const value = await fn();
	log(`${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return value;
}

// ---------------------------------------------------------------------------------------------
// 1. Infrastructure probe

async function probeSuite(work: string): Promise<void> {
	const probeDir = writeProbePackage(join(work, 'probe-package'));
	const sandbox = N8nSandbox.create();
	try {
		let tarball = '';
		await test('probe: npm pack of a generated community package', async () => {
			tarball = await npmPack(probeDir, join(work, 'tarballs'));
			assert(/n8n-nodes-e2e-probe-0\.0\.1\.tgz$/.test(tarball), `unexpected tarball ${tarball}`);
		});
		if (!tarball) return;

		await test('probe: installed into .n8n/nodes/node_modules like the Community Nodes screen', async () => {
			const installed = await sandbox.installPackage(tarball);
			assertEqual(installed.name, 'n8n-nodes-e2e-probe', 'package name');
			assert(existsSync(join(installed.dir, 'dist', 'nodes', 'E2eProbe', 'E2eProbe.node.js')), 'node file installed');
			const manifest = JSON.parse(readFileSync(join(installed.dir, 'package.json'), 'utf8'));
			assert(!('peerDependencies' in manifest), 'peerDependencies stripped as n8n does');
			const nodesPackage = JSON.parse(readFileSync(join(sandbox.nodesDir, 'package.json'), 'utf8'));
			assertEqual(nodesPackage.dependencies['n8n-nodes-e2e-probe'], '0.0.1', '.n8n/nodes/package.json dependency');
		});

		await test('probe: n8n import:credentials and import:workflow', async () => {
			await timed('import:credentials', () => sandbox.importCredentials([probeCredential]));
			await timed('import:workflow', () =>
				sandbox.importWorkflows([probeWorkflow('e2eProbeOk', 'hello from e2e'), probeWorkflow('e2eProbeFail', 'fail')]),
			);
		});

		await test(`probe: n8n execute runs ${PROBE_NODE_TYPE} and its output is parsed`, async () => {
			const result = await timed('execute e2eProbeOk', () => sandbox.execute('e2eProbeOk'));
			assert(result.ok, `execution not successful: ${summarize(result)}`);
			assertEqual(result.run?.status, 'success', 'run status');
			assertEqual(result.run?.finished, true, 'run finished');
			const items = result.output('Probe');
			assertEqual(items.length, 1, 'items out of Probe');
			assertEqual(items[0].message, 'hello from e2e', 'message parameter echoed');
			assertEqual(items[0].secretLength, PROBE_SECRET.length, 'credential decrypted (secret length)');
			assert(String(items[0].nodeVersion).startsWith('v24.'), `n8n runs on Node 24, got ${items[0].nodeVersion}`);
		});

		await test('probe: a node error gives exit 1 and a parsed error', async () => {
			const result = await timed('execute e2eProbeFail', () => sandbox.execute('e2eProbeFail'));
			assert(!result.ok, 'execution should fail');
			assertEqual(result.exitCode, 1, 'exit code');
			assertEqual(result.run?.status, 'error', 'run status');
			assertEqual(result.error?.name, 'NodeOperationError', 'error name');
			assertIncludes(result.errorText, 'Probe failed on purpose', 'error message');
			assertIncludes(result.errorText, `secret length ${PROBE_SECRET.length}`, 'error description');
			assertEqual(result.run?.data.resultData.lastNodeExecuted, 'Probe', 'last node');
		});
	} finally {
		sandbox.cleanup();
	}
}

// ---------------------------------------------------------------------------------------------
// 2. NetSuite scenarios against the SuiteTalk simulator

interface SimulatorStep {
	status: string;
	percentCompleted: number;
	estRemainingDuration: number;
}

interface Simulator {
	url: string;
	endpointUrl(version?: string): string;
	credentials: { accountId: string; consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
	addJob(jobId: string, job: { script: { steps: SimulatorStep[] } }): void;
	/** Jobs created by async submits, in order. */
	readonly submittedJobIds: string[];
	/** Zeroes `counters` in place (jobs stay). */
	resetCounters(): void;
	/** Only the parts read here (test/simulator/types.ts has the full shape). */
	counters: {
		statusChecksByJob?: Record<string, number>;
		resultCallsByJob?: Record<string, number>;
		authFailures?: Array<{ reason: string }>;
	};
	requests: Array<{ operation: string; headers: Record<string, string | string[] | undefined> }>;
	/** REST authentication (test/simulator/rest/types.ts SimulatorRest): only the parts read here. */
	rest: {
		m2m: { clientId: string; certificates: Array<{ certificateId: string }> };
		readonly issuedTokens: number;
		expireAccessTokens(): void;
	};
	/** REST async jobs (test/simulator/rest/async-jobs.ts): only the parts read here. */
	restAsync: {
		setJobScript(script: { pendingChecks?: number }): void;
		jobIds(): string[];
		counters: { jobChecks: Record<string, number>; taskResultReads: Record<string, number> };
	};
	close(): Promise<void> | void;
}

const NODE_SOURCE = join(ROOT, 'nodes', 'NetSuiteAsync', 'NetSuiteAsync.node.ts');
const NODE_DIST = join(ROOT, 'dist', 'nodes', 'NetSuiteAsync', 'NetSuiteAsync.node.js');
/** N8N_E2E_SIMULATOR points at another module with the same startSimulator() (for debugging). */
const SIMULATOR = process.env.N8N_E2E_SIMULATOR || join(ROOT, 'test', 'simulator', 'server.ts');
const API_VERSION = '2025_2';

const SCENARIOS = ['check-once', 'poll-until-done', 'bad-job-id', 'wrong-token-secret', 'http-request-typed-url', 'rest-tba', 'rest-m2m'];
/** The start of every URL in rest-tba.json and rest-m2m.json, replaced by the simulator's URL at import. */
const SIMULATOR_URL_PLACEHOLDER = 'SIMULATOR_URL';
/** The test-only M2M key the simulator's default certificate belongs to (test/fixtures/m2m-keys/README.md). */
const M2M_TEST_KEY = join(ROOT, 'test', 'fixtures', 'm2m-keys', 'rsa-3072.private.pem');
/** The HTTP Request URL in http-request-typed-url.json, replaced by the simulator's endpoint at import. */
const TYPED_URL_PLACEHOLDER = 'SIMULATOR_ENDPOINT_URL';

const EXAMPLES_DIR = join(ROOT, 'examples');
/** `seedDemoJobs` adds the jobs the examples refer to by id (DEMO_JOB_*). */
const DEMO_JOBS = join(ROOT, 'test', 'simulator', 'demo-jobs.ts');
/** Each examples/ file and the id it is imported with (≤ 21 characters: n8n ignores longer ids). */
const EXAMPLES: Record<string, string> = {
	'check-async-status': 'exCheckAsyncStatus',
	'wait-for-job': 'exWaitForJob',
	'submit-upsert-then-wait': 'exSubmitUpsertWait',
	'wait-then-route-failed-records': 'exWaitRouteFailed',
	'submit-upsert-and-route': 'exSubmitUpsertRoute',
	'rest-submit-and-wait': 'exRestSubmitWait',
};
/** The credential the examples reference; imported under this id and name. */
const EXAMPLE_CREDENTIAL = { id: 'netsuite-tba', name: 'NetSuite TBA API' };

/**
 * An examples/ workflow as people import it, plus an id, and with the HTTP Request node's URL
 * (a real account's) replaced by the simulator's endpoint. Fails if the example references
 * another credential than EXAMPLE_CREDENTIAL.
 */
function loadExample(file: string, id: string, endpointUrl: string): WorkflowImport {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${file}.json`), 'utf8')) as WorkflowImport;
	const nodes = workflow.nodes as Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	for (const node of nodes) {
		const ref = node.credentials?.netSuiteTbaApi;
		if (ref) {
			assertEqual(ref.id, EXAMPLE_CREDENTIAL.id, `${file}: ${node.name}: credential id`);
			assertEqual(ref.name, EXAMPLE_CREDENTIAL.name, `${file}: ${node.name}: credential name`);
		}
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = endpointUrl;
	}
	return { ...workflow, id };
}

function exampleSummary(items: Array<Record<string, unknown>>): string {
	return JSON.stringify(items.map(({ externalId, isSuccess }) => ({ externalId, isSuccess })));
}

/** Resolves when `probe()` turns true (checked every 25 ms) or after `timeoutMs` (then false). */
async function waitFor(probe: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!probe()) {
		if (Date.now() >= deadline) return false;
		await new Promise((resolveWait) => setTimeout(resolveWait, 25));
	}
	return true;
}

function loadWorkflow(name: string): WorkflowImport {
	return JSON.parse(readFileSync(join(WORKFLOWS_DIR, `${name}.json`), 'utf8')) as WorkflowImport;
}

/** Points the HTTP Request nodes whose URL is the placeholder at `url`. */
function withTypedUrl(workflow: WorkflowImport, url: string): WorkflowImport {
	for (const node of workflow.nodes as Array<{ type: string; parameters: Record<string, unknown> }>) {
		if (node.type === 'n8n-nodes-base.httpRequest' && node.parameters.url === TYPED_URL_PLACEHOLDER) node.parameters.url = url;
	}
	return workflow;
}

/**
 * A credential's Endpoint URL that must never be used: a local server that counts what reaches it.
 * (HTTP Request's typed URL has to win over it.)
 */
async function startUnusedEndpoint(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
	let hits = 0;
	const server = createServer((request, response) => {
		hits++;
		request.resume();
		response.writeHead(404, { 'Content-Type': 'text/plain' });
		response.end('this is the credential\'s Endpoint URL, which the HTTP Request node must not use\n');
	});
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/services/NetSuitePort_${API_VERSION}`,
		hits: () => hits,
		close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
	};
}

/** Points the HTTP Request URLs that start with the placeholder at the simulator. */
function withSimulatorUrl(workflow: WorkflowImport, url: string): WorkflowImport {
	for (const node of workflow.nodes as Array<{ type: string; parameters: Record<string, unknown> }>) {
		const typed = node.parameters.url;
		if (node.type === 'n8n-nodes-base.httpRequest' && typeof typed === 'string' && typed.startsWith(SIMULATOR_URL_PLACEHOLDER)) {
			node.parameters.url = `${url}${typed.slice(SIMULATOR_URL_PLACEHOLDER.length)}`;
		}
	}
	return workflow;
}

function nodeCredentialRef(workflow: WorkflowImport, type = 'netSuiteTbaApi'): { id: string; name: string } {
	const node = (workflow.nodes as Array<{ credentials?: Record<string, { id: string; name: string }> }>).find(
		(n) => n.credentials?.[type],
	);
	assert(node, `workflow ${workflow.id} has no node with a ${type} credential`);
	return node.credentials![type];
}

async function netsuiteSuite(work: string): Promise<void> {
	const skipAll = (reason: string): void => {
		for (const s of SCENARIOS) skip(`netsuite: ${s}`, reason);
		for (const e of Object.keys(EXAMPLES)) skip(`example: ${e}`, reason);
	};
	if (!existsSync(NODE_SOURCE) && !existsSync(NODE_DIST)) {
		skipAll('the NetSuiteAsync node does not exist yet');
		return;
	}
	if (!existsSync(SIMULATOR)) {
		skipAll(`${SIMULATOR} does not exist yet`);
		return;
	}

	let tarball = '';
	await test('netsuite: npm run build and npm pack of this package', async () => {
		const build = await timed('npm run build', () => run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 300_000 }));
		assert(build.exitCode === 0, `npm run build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
		assert(existsSync(NODE_DIST), `${NODE_DIST} missing after the build`);
		tarball = await timed('npm pack', () => npmPack(ROOT, join(work, 'tarballs')));
	});
	if (!tarball) {
		skipAll('no package to install');
		return;
	}

	const workflows = SCENARIOS.map(loadWorkflow);
	let simulator: Simulator | undefined;
	let seedDemoJobs: ((simulator: Simulator) => string[]) | undefined;
	let unusedEndpoint: Awaited<ReturnType<typeof startUnusedEndpoint>> | undefined;
	const sandbox = N8nSandbox.create();
	try {
		await test('netsuite: simulator starts, package installs, credentials and workflows (scenarios + examples/) import', async () => {
			// A computed path keeps `npm run typecheck` green while the simulator is being written.
			const simulatorModule = (await import(SIMULATOR)) as { startSimulator(): Promise<Simulator> | Simulator };
			const demoJobsModule = (await import(DEMO_JOBS)) as { seedDemoJobs(simulator: Simulator): string[] };
			seedDemoJobs = demoJobsModule.seedDemoJobs;
			simulator = await simulatorModule.startSimulator();
			log(`simulator at ${simulator.url}, endpoint ${simulator.endpointUrl(API_VERSION)}`);

			// Self-contained (issue 13): the tarball brings no other package, as npm or as n8n installs it.
			const installed = await timed('install package (alone, then as n8n does)', () =>
				sandbox.installSelfContainedPackage(tarball, work),
			);
			assertEqual(installed.name, 'n8n-nodes-netsuite-async', 'package name');

			const data = { ...simulator.credentials, apiVersion: API_VERSION, endpointUrl: simulator.endpointUrl(API_VERSION) };
			const good = nodeCredentialRef(workflows[SCENARIOS.indexOf('check-once')]);
			const bad = nodeCredentialRef(workflows[SCENARIOS.indexOf('wrong-token-secret')]);
			const typedUrlWorkflow = withTypedUrl(workflows[SCENARIOS.indexOf('http-request-typed-url')], data.endpointUrl);
			const elsewhere = nodeCredentialRef(typedUrlWorkflow);
			unusedEndpoint = await startUnusedEndpoint();
			const restTba = withSimulatorUrl(workflows[SCENARIOS.indexOf('rest-tba')], simulator.url);
			const restM2m = withSimulatorUrl(workflows[SCENARIOS.indexOf('rest-m2m')], simulator.url);
			const m2mData = {
				accountId: simulator.credentials.accountId,
				clientId: simulator.rest.m2m.clientId,
				certificateId: simulator.rest.m2m.certificates[0].certificateId,
				privateKey: readFileSync(M2M_TEST_KEY, 'utf8'),
				algorithm: 'PS256',
				scopes: ['rest_webservices', 'restlets'],
				accountDomainUrl: simulator.url,
			};
			const credentials: CredentialImport[] = [
				{ ...nodeCredentialRef(restTba), type: 'netSuiteTbaApi', data: { ...data, endpointUrl: '' } },
				{ ...nodeCredentialRef(restM2m, 'netSuiteOAuth2M2mApi'), type: 'netSuiteOAuth2M2mApi', data: m2mData },
				{ ...good, type: 'netSuiteTbaApi', data },
				{ ...bad, type: 'netSuiteTbaApi', data: { ...data, tokenSecret: `${data.tokenSecret}-wrong` } },
				{ ...elsewhere, type: 'netSuiteTbaApi', data: { ...data, endpointUrl: unusedEndpoint.url } },
				{ ...EXAMPLE_CREDENTIAL, type: 'netSuiteTbaApi', data },
			];
			const examples = Object.entries(EXAMPLES).map(([file, id]) => loadExample(file, id, data.endpointUrl));
			await timed('import:credentials', () => sandbox.importCredentials(credentials));
			await timed('import:workflow', () => sandbox.importWorkflows([...workflows, ...examples]));

			seedDemoJobs(simulator);

			simulator.addJob('ASYNCWEBSERVICES_E2E_FINISHED', {
				script: { steps: [{ status: 'finished', percentCompleted: 100, estRemainingDuration: 0 }] },
			});
			simulator.addJob('ASYNCWEBSERVICES_E2E_POLLED', {
				script: {
					steps: [
						{ status: 'pending', percentCompleted: 0, estRemainingDuration: 0 },
						{ status: 'processing', percentCompleted: 50, estRemainingDuration: 0 },
						{ status: 'finished', percentCompleted: 100, estRemainingDuration: 0 },
					],
				},
			});
		});
		if (!simulator || !seedDemoJobs) {
			skipAll('setup failed');
			return;
		}

		await test('netsuite: check-once — a finished job, checked once', async () => {
			const result = await timed('execute nsE2eCheckOnce', () => sandbox.execute('nsE2eCheckOnce'));
			assert(result.ok, `execution not successful: ${summarize(result)}`);
			const items = result.output('NetSuite Async');
			assertEqual(items.length, 1, 'items out');
			assertEqual(items[0].jobId, 'ASYNCWEBSERVICES_E2E_FINISHED', 'jobId');
			assertEqual(items[0].status, 'finished', 'status');
			assertEqual(items[0].percentCompleted, 100, 'percentCompleted');
		});

		await test('netsuite: poll-until-done — pending → processing → finished in 3 polls', async () => {
			const result = await timed('execute nsE2ePollUntilDone', () => sandbox.execute('nsE2ePollUntilDone'));
			assert(result.ok, `execution not successful: ${summarize(result)}`);
			const items = result.output('NetSuite Async');
			assertEqual(items.length, 1, 'items out');
			assertEqual(items[0].status, 'finished', 'status');
			assertEqual(items[0].percentCompleted, 100, 'percentCompleted');
			assertEqual(items[0].polls, 3, 'polls');
			assertEqual(items[0].timedOut, false, 'timedOut');
			assertEqual(simulator!.counters.statusChecksByJob?.['ASYNCWEBSERVICES_E2E_POLLED'], 3, 'status checks the simulator saw');
		});

		await test('netsuite: bad-job-id — the error names the job id / INVALID_JOB_ID', async () => {
			const result = await timed('execute nsE2eBadJobId', () => sandbox.execute('nsE2eBadJobId'));
			assert(!result.ok, `execution should fail: ${summarize(result)}`);
			assertEqual(result.exitCode, 1, 'exit code');
			log(`error shown to the user:\n${indent(result.errorText)}`);
			assert(
				result.errorText.includes('ASYNCWEBSERVICES_E2E_NO_SUCH_JOB') || result.errorText.includes('INVALID_JOB_ID'),
				`error should mention the job id or INVALID_JOB_ID, got:\n${result.errorText}`,
			);
		});

		await test('netsuite: wrong-token-secret — Invalid login attempt, pointing at the Login Audit Trail', async () => {
			const authFailuresBefore = simulator!.counters.authFailures?.length ?? 0;
			const result = await timed('execute nsE2eWrongSecret', () => sandbox.execute('nsE2eWrongSecret'));
			assert(!result.ok, `execution should fail: ${summarize(result)}`);
			assertEqual(result.exitCode, 1, 'exit code');
			log(`error shown to the user:\n${indent(result.errorText)}`);
			assertIncludes(result.errorText, 'Invalid login attempt', 'error');
			assertIncludes(result.errorText, 'Login Audit Trail', 'error');
			assert(!result.errorText.includes(simulator!.credentials.tokenSecret), 'the error must not echo the token secret');
			const authFailures = simulator!.counters.authFailures ?? [];
			assert(authFailures.length > authFailuresBefore, 'the simulator saw the failed login');
			log(`simulator's auth failure reason: ${authFailures[authFailures.length - 1].reason}`);
		});

		await test("netsuite: http-request-typed-url — n8n's HTTP Request node sends to its own URL, not the credential's Endpoint URL", async () => {
			simulator!.resetCounters();
			const hitsBefore = unusedEndpoint!.hits();
			const result = await timed('execute nsE2eTypedUrl', () => sandbox.execute('nsE2eTypedUrl'));
			assert(result.ok, `execution not successful: ${summarize(result)}`);
			assertEqual(unusedEndpoint!.hits() - hitsBefore, 0, "requests that reached the credential's Endpoint URL");
			assertEqual(simulator!.counters.statusChecksByJob?.['ASYNCWEBSERVICES_E2E_FINISHED'], 1, 'status checks the simulator (the typed URL) saw');
			// The envelope typed into the node carried an applicationInfo header: the credential removes it, else NetSuite says "Ambiguous authentication".
			assertEqual(JSON.stringify(simulator!.counters.authFailures ?? []), '[]', 'passport failures the simulator saw');
			const response = result.output('HTTP Request');
			assertEqual(response.length, 1, 'items out of HTTP Request');
			assertIncludes(String(response[0].data), 'ASYNCWEBSERVICES_E2E_FINISHED', 'the SOAP answer');
			assertIncludes(String(response[0].data), '>finished<', 'the SOAP answer');
		});

		await test('netsuite: rest-tba — HTTP Request signs REST record calls and a RESTlet (query included) with the TBA credential', async () => {
			simulator!.resetCounters();
			const result = await timed('execute nsE2eRestTba', () => sandbox.execute('nsE2eRestTba'));
			assert(result.ok, `execution not successful: ${summarize(result)}`);
			assertEqual(JSON.stringify(simulator!.counters.authFailures ?? []), '[]', 'OAuth 1.0a failures the simulator saw');
			const echo = result.output('RESTlet');
			assertEqual(echo.length, 1, 'items out of RESTlet');
			assertEqual(JSON.stringify([echo[0].scheme, echo[0].method, echo[0].query]), JSON.stringify(['tba', 'POST', { script: '7', deploy: '2', note: 'a+b & c' }]), 'what the RESTlet saw');
			const headers = simulator!.requests.filter((r) => r.operation.startsWith('REST ')).map((r) => String(r.headers.authorization));
			assertEqual(headers.length, 2, 'REST requests');
			assert(headers.every((h) => h.startsWith('OAuth realm="1234567_SB1", ')), `OAuth headers: ${headers.join(' | ')}`);
		});

		await test('netsuite: rest-m2m — one token for two requests and the next execution (stored by n8n), a 401 after expiry gets a new token and one retry', async () => {
			simulator!.resetCounters();
			const issued = simulator!.rest.issuedTokens;
			const first = await timed('execute nsE2eRestM2m', () => sandbox.execute('nsE2eRestM2m'));
			assert(first.ok, `execution not successful: ${summarize(first)}`);
			assertEqual(first.output('RESTlet')[0]?.scheme, 'oauth2', 'scheme the RESTlet saw');
			const second = await timed('execute nsE2eRestM2m again', () => sandbox.execute('nsE2eRestM2m'));
			assert(second.ok, `second execution not successful: ${summarize(second)}`);
			assertEqual(simulator!.rest.issuedTokens - issued, 1, 'tokens issued for 4 requests in 2 executions');
			simulator!.rest.expireAccessTokens();
			const third = await timed('execute nsE2eRestM2m after expiry', () => sandbox.execute('nsE2eRestM2m'));
			assert(third.ok, `execution after expiry not successful: ${summarize(third)}`);
			assertEqual(simulator!.rest.issuedTokens - issued, 2, 'tokens issued after the expiry');
			assertEqual(JSON.stringify(simulator!.counters.authFailures ?? []), JSON.stringify([{ reason: 'AccessTokenExpired' }]), 'refusals the simulator saw');
			const privateKeyLine = readFileSync(M2M_TEST_KEY, 'utf8').split('\n')[1];
			for (const result of [first, second, third]) {
				assert(!result.stdout.includes(privateKeyLine) && !result.stderr.includes(privateKeyLine), 'the private key must not be printed');
			}
		});

		await examplesSuite(sandbox, simulator, seedDemoJobs);
	} finally {
		sandbox.cleanup();
		if (simulator) await simulator.close();
		if (unusedEndpoint) await unusedEndpoint.close();
	}
}

// ---------------------------------------------------------------------------------------------
// 3. The examples/ workflows, as people import them, against the simulator's demo jobs

async function examplesSuite(
	sandbox: N8nSandbox,
	simulator: Simulator,
	seedDemoJobs: (simulator: Simulator) => string[],
): Promise<void> {
	const checks = () => simulator.counters.statusChecksByJob ?? {};

	await test('example: check-async-status — DEMO_JOB_FINISHED, checked once', async () => {
		const before = checks().DEMO_JOB_FINISHED ?? 0;
		const result = await timed(`execute ${EXAMPLES['check-async-status']}`, () => sandbox.execute(EXAMPLES['check-async-status']));
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		const items = result.output('Check job status');
		assertEqual(items.length, 1, 'items out of Check job status');
		assertEqual(items[0].jobId, 'DEMO_JOB_FINISHED', 'jobId');
		assertEqual(items[0].status, 'finished', 'status');
		assertEqual(items[0].percentCompleted, 100, 'percentCompleted');
		assertEqual(items[0].isDone, true, 'isDone');
		assertEqual((checks().DEMO_JOB_FINISHED ?? 0) - before, 1, 'status checks the simulator saw');
	});

	await test('example: wait-for-job — DEMO_JOB_POLLED (6 s) polled until finishedWithErrors', async () => {
		// The job's clock starts when it is seeded, and n8n's start-up (5-15 s, with the machine's load)
		// can outlast the job's 6 s life. So the jobs are re-seeded every 250 ms until n8n's first check
		// arrives: that check sees a job at most 250 ms old (pending), and the node has to poll on.
		const before = checks().DEMO_JOB_POLLED ?? 0;
		const execution = timed(`execute ${EXAMPLES['wait-for-job']} (re-seeding the demo jobs until its first check)`, () =>
			sandbox.execute(EXAMPLES['wait-for-job']),
		);
		let executing = true;
		void execution.finally(() => (executing = false)).catch(() => undefined);
		let seededAt = Date.now();
		while (executing && (checks().DEMO_JOB_POLLED ?? 0) === before) {
			seedDemoJobs(simulator);
			seededAt = Date.now();
			await waitFor(() => !executing || (checks().DEMO_JOB_POLLED ?? 0) > before, 250);
		}
		const result = await execution;
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		const items = result.output('Wait for job');
		assertEqual(items.length, 1, 'items out of Wait for job');
		log(`DEMO_JOB_POLLED: ${JSON.stringify(items[0])} (${Date.now() - seededAt} ms after seeding)`);
		assertEqual(items[0].jobId, 'DEMO_JOB_POLLED', 'jobId');
		assertEqual(items[0].status, 'finishedWithErrors', 'status');
		assertEqual(items[0].percentCompleted, 100, 'percentCompleted');
		assertEqual(items[0].isDone, true, 'isDone');
		assertEqual(items[0].timedOut, false, 'timedOut');
		assert(typeof items[0].polls === 'number' && items[0].polls >= 2, `polls: expected ≥ 2, got ${JSON.stringify(items[0].polls)}`);
		assertEqual((checks().DEMO_JOB_POLLED ?? 0) - before, items[0].polls, 'status checks the simulator saw = polls');
	});

	await test('example: submit-upsert-then-wait — the real HTTP Request node signs with the credential, then wait + fetch', async () => {
		simulator.resetCounters();
		const submittedBefore = simulator.submittedJobIds.length;
		const result = await timed(`execute ${EXAMPLES['submit-upsert-then-wait']}`, () => sandbox.execute(EXAMPLES['submit-upsert-then-wait']));
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		assertEqual(JSON.stringify(simulator.counters.authFailures ?? []), '[]', 'passport failures the simulator saw');
		const submitted = simulator.submittedJobIds.slice(submittedBefore);
		assertEqual(submitted.length, 1, 'jobs submitted through the HTTP Request node');
		const response = result.output('Submit asyncUpsertList');
		assertEqual(response.length, 1, 'items out of Submit asyncUpsertList');
		assertIncludes(String(response[0].data), submitted[0], 'the SOAP answer the HTTP Request node returned');
		const items = result.output('Wait for the upsert');
		assertEqual(items.length, 2, `per-record items out of Wait for the upsert ${exampleSummary(items)}`);
		for (const [index, item] of items.entries()) {
			assertEqual(item.jobId, submitted[0], `item ${index} jobId`);
			assertEqual(item.isSuccess, true, `item ${index} isSuccess`);
			assertEqual(item.externalId, `N8N-CUST-00${index + 1}`, `item ${index} externalId`);
		}
		assertEqual(simulator.counters.resultCallsByJob?.[submitted[0]], 1, 'getAsyncResult calls for the job');
	});

	await test('example: wait-then-route-failed-records — the If node routes isSuccess false to Failed records', async () => {
		const result = await timed(`execute ${EXAMPLES['wait-then-route-failed-records']}`, () =>
			sandbox.execute(EXAMPLES['wait-then-route-failed-records']),
		);
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		const waited = result.output('Wait for job');
		assertEqual(waited.length, 1, 'items out of Wait for job');
		assertEqual(waited[0].status, 'finishedWithErrors', 'status');
		const records = result.output('Get records');
		assertEqual(records.length, 4, `items out of Get records ${exampleSummary(records)}`);
		const failedRecords = result.output('Failed records (alert or retry here)');
		const savedRecords = result.output('Saved records (write ids back here)');
		assertEqual(
			exampleSummary(failedRecords),
			JSON.stringify([
				{ externalId: 'DEMO-003', isSuccess: false },
				{ externalId: 'DEMO-004', isSuccess: false },
			]),
			'Failed records',
		);
		assertEqual(
			exampleSummary(savedRecords),
			JSON.stringify([
				{ externalId: 'DEMO-001', isSuccess: true },
				{ externalId: 'DEMO-002', isSuccess: true },
			]),
			'Saved records',
		);
	});

	await test('example: submit-upsert-and-route — Code node records upserted by Submit Async Job (wait), routed by isSuccess', async () => {
		const submittedBefore = simulator.submittedJobIds.length;
		const result = await timed(`execute ${EXAMPLES['submit-upsert-and-route']}`, () => sandbox.execute(EXAMPLES['submit-upsert-and-route']));
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		const submitted = simulator.submittedJobIds.slice(submittedBefore);
		assertEqual(submitted.length, 1, 'jobs Submit Async Job submitted');
		const upserted = result.output('Upsert customers');
		assertEqual(upserted.length, 4, `items out of Upsert customers ${exampleSummary(upserted)}`);
		for (const item of upserted) assertEqual(item.jobId, submitted[0], `jobId of ${String(item.externalId)}`);
		assertEqual(
			exampleSummary(result.output('Failed records (fix and retry here)')),
			JSON.stringify([{ externalId: 'N8N-DEMO-003', isSuccess: false }]),
			'Failed records',
		);
		assertEqual(
			exampleSummary(result.output('Saved records (write internalIds back here)')),
			JSON.stringify([
				{ externalId: 'N8N-DEMO-001', isSuccess: true },
				{ externalId: 'N8N-DEMO-002', isSuccess: true },
				{ externalId: 'N8N-DEMO-004', isSuccess: true },
			]),
			'Saved records',
		);
	});
	await test('example: rest-submit-and-wait — Submit Async Job (REST batch, TBA) then Check Async Status polls and reads each task once', async () => {
		simulator.restAsync.setJobScript({ pendingChecks: 2 });
		const jobsBefore = simulator.restAsync.jobIds().length;
		const result = await timed(`execute ${EXAMPLES['rest-submit-and-wait']}`, () => sandbox.execute(EXAMPLES['rest-submit-and-wait']));
		simulator.restAsync.setJobScript({});
		assert(result.ok, `execution not successful: ${summarize(result)}`);
		const jobs = simulator.restAsync.jobIds().slice(jobsBefore);
		assertEqual(jobs.length, 1, 'REST jobs submitted');
		const submitted = result.output('Submit REST batch');
		assertEqual(submitted.length, 1, 'items out of Submit REST batch');
		assertEqual(submitted[0].jobId, jobs[0], 'jobId');
		assertEqual(submitted[0].recordCount, 3, 'recordCount');
		assertEqual(simulator.restAsync.counters.jobChecks[jobs[0]], 3, 'job checks the simulator saw (2 pending, then completed)');
		const saved = result.output('Saved records');
		const failedRecords = result.output('Failed records (errors say why)');
		assertEqual(JSON.stringify(saved.map((item) => [item.taskId, item.isSuccess])), JSON.stringify([['1', true], ['2', true]]), 'Saved records');
		assertEqual(JSON.stringify(failedRecords.map((item) => [item.taskId, item.isSuccess, (item.errors as Array<{ code: string }>)[0]?.code])), JSON.stringify([['3', false, 'USER_ERROR']]), 'Failed records');
		for (const task of ['1', '2', '3']) assertEqual(simulator.restAsync.counters.taskResultReads[`${jobs[0]}/${task}`], 1, `result reads of task ${task}`);
	});
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	installExitHandlers();
	const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
	const started = Date.now();
	const work = mkdtempSync(join(tmpdir(), 'n8n-e2e-work-'));
	onCleanup(work);
	try {
		const paths = readN8nPaths();
		log(`n8n ${paths.n8nVersion} on Node ${paths.nodeVersion} from ${paths.cache}`);
		if (!only || only === 'probe') await probeSuite(work);
		if (!only || only === 'netsuite') await netsuiteSuite(work);
	} catch (error) {
		failed++;
		failures.push(`runner: ${error instanceof Error ? error.message : String(error)}`);
		log(`runner error: ${error instanceof Error ? error.stack : String(error)}`);
	} finally {
		rmSync(work, { recursive: true, force: true });
		cleanupAll();
	}
	log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	if (failures.length) log(`failures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	// Workflow files that no scenario uses are a mistake worth noticing.
	const unused = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json') && !SCENARIOS.includes(f.replace(/\.json$/, '')));
	if (unused.length) log(`note: workflows not used by any scenario: ${unused.join(', ')}`);
	process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	process.stdout.write(`runner crashed: ${error instanceof Error ? error.stack : String(error)}\n0 passed, 1 failed\n`);
	process.exitCode = 1;
});
