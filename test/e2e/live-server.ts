/**
 * What the long-running real-n8n tests (restart/, queue/) share: this package built, packed and
 * installed into a fresh sandbox, the simulator credential and the test's workflows imported with
 * n8n's CLI, a `n8n start` with the owner, a public-API key and the workflows published, a timeline log,
 * and a checklist of assertions that reports every failure instead of stopping at the first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { installExitHandlers, N8nSandbox, npmPack, run, type WorkflowImport } from '../../scripts/e2e/n8n';
import { activateWorkflow, createApiKey, loginCookie } from '../../scripts/e2e/n8n-api';
import type { Simulator } from '../simulator/server';
import { killServers, OWNER, setupOwner, startN8n, type N8nServer } from '../ui/n8n-server';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
export const API_VERSION = '2025_2';
export const CREDENTIAL = { id: 'nsLiveCred', name: 'NetSuite TBA (simulator)' };

const started = Date.now();

export function elapsed(at = Date.now()): string {
	return `+${((at - started) / 1000).toFixed(1).padStart(6)} s`;
}

export function logger(tag: string): (message: string) => void {
	return (message) => process.stdout.write(`[${tag} ${new Date().toISOString().slice(11, 19)} ${elapsed()}] ${message}\n`);
}

export async function sleepMs(ms: number): Promise<void> {
	await new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Polls `probe` every `everyMs` until it returns a value other than undefined; throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 1000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
		await sleepMs(everyMs);
	}
}

/** Collects named checks; `report()` prints them and returns how many failed. */
export class Checklist {
	private readonly results: Array<{ ok: boolean; name: string; detail: string }> = [];

	check(ok: boolean, name: string, detail = ''): boolean {
		this.results.push({ ok, name, detail });
		return ok;
	}

	equal(actual: unknown, expected: unknown, name: string): boolean {
		const a = JSON.stringify(actual);
		const e = JSON.stringify(expected);
		return this.check(a === e, name, a === e ? a : `expected ${e}, got ${a}`);
	}

	report(log: (message: string) => void): number {
		for (const { ok, name, detail } of this.results) log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
		const failed = this.results.filter((result) => !result.ok).length;
		log(`${this.results.length - failed} passed, ${failed} failed`);
		return failed;
	}
}

/** `npm run build`, `npm pack`, and the Community Nodes style install into the sandbox. */
export async function installThisPackage(sandbox: N8nSandbox, work: string, log: (message: string) => void): Promise<void> {
	log('npm run build ...');
	const build = await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 300_000 });
	if (build.exitCode !== 0) throw new Error(`npm run build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
	const tarball = await npmPack(ROOT, join(work, 'tarballs'));
	log(`installing ${tarball.split('/').pop()} into ${sandbox.nodesDir}`);
	await sandbox.installPackage(tarball);
}

export function loadWorkflow(file: string): WorkflowImport {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowImport;
}

/** Imports the simulator credential (under CREDENTIAL's id and name) and the workflows with n8n's CLI. */
export async function importWorkflows(
	sandbox: N8nSandbox,
	simulator: Simulator,
	workflows: WorkflowImport[],
	log: (message: string) => void,
): Promise<void> {
	const data = { ...simulator.credentials, apiVersion: API_VERSION, endpointUrl: simulator.endpointUrl(API_VERSION) };
	await sandbox.importCredentials([{ ...CREDENTIAL, type: 'netSuiteTbaApi', data }]);
	await sandbox.importWorkflows(workflows);
	log(`imported the credential and ${workflows.length} workflow(s)`);
}

export interface MainServer {
	server: N8nServer;
	apiKey: string;
}

/**
 * `n8n start`. On the first start of a user folder also the owner, an API key and the workflows
 * published (all three live in the database, so a restart passes `apiKey` and skips them).
 */
export async function startMain(
	sandbox: N8nSandbox,
	options: { env?: NodeJS.ProcessEnv; logFile: string; apiKey?: string; publish?: WorkflowImport[] },
): Promise<MainServer> {
	const server = await startN8n({ sandbox, env: options.env, logFile: options.logFile, startTimeoutMs: 180_000 });
	if (options.apiKey) return { server, apiKey: options.apiKey };
	await setupOwner(server);
	const cookie = await loginCookie(server.baseUrl, OWNER);
	const apiKey = await createApiKey(server.baseUrl, cookie);
	for (const workflow of options.publish ?? []) await activateWorkflow(server.baseUrl, apiKey, workflow.id);
	return { server, apiKey };
}

/**
 * Processes started here die with this script: on exit, on Ctrl-C / SIGTERM, and before the
 * sandbox folders go (scripts/e2e/n8n.ts' handlers run after these).
 */
export function installLiveExitHandlers(extraStop: () => void = () => undefined): void {
	const stopAll = (): void => {
		killServers();
		extraStop();
	};
	process.on('exit', stopAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stopAll);
	installExitHandlers();
}

/**
 * Runs a live test's main, which returns how many checks failed, and ends the process with its
 * verdict: exit 1 on a failed check or a crash (the crash's stack logged), 0 otherwise.
 */
export function runLiveTest(main: () => Promise<number>, log: (message: string) => void): void {
	main()
		.then((failed) => process.exit(failed === 0 ? 0 : 1))
		.catch((error: unknown) => {
			log(`FAIL ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			process.exit(1);
		});
}
