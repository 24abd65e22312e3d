/**
 * The built package needs nothing but n8n-workflow (issue 13): the node and the credential are
 * bundled (scripts/build/bundle.ts) into a package folder whose node_modules holds only a link to
 * n8n-workflow, then loaded in a fresh Node process that checks an async job on the simulator.
 */
import { fork } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

import { bundlePackage } from '../../scripts/build/bundle';
import { startSimulator, type Simulator } from '../simulator/server';
import type { ChildInput, ChildOutput } from './bundle-child';

const ROOT = resolve(__dirname, '..', '..');

let work: string;
let packageDir: string;
let simulator: Simulator;

beforeAll(async () => {
	// A realpath: the child compares it with the paths Node gives its modules.
	work = realpathSync(mkdtempSync(join(tmpdir(), 'bundle-self-contained-')));
	const modules = join(work, 'node_modules');
	packageDir = join(modules, 'n8n-nodes-netsuite-async');
	await bundlePackage(join(packageDir, 'dist'));
	copyFileSync(join(ROOT, 'package.json'), join(packageDir, 'package.json'));
	mkdirSync(modules, { recursive: true });
	symlinkSync(dirname(require.resolve('n8n-workflow/package.json', { paths: [ROOT] })), join(modules, 'n8n-workflow'), 'dir');
	simulator = await startSimulator();
}, 60_000);

afterAll(async () => {
	await simulator?.close();
	if (work) rmSync(work, { recursive: true, force: true });
});

function runChild(input: ChildInput): Promise<ChildOutput> {
	const env = { ...process.env };
	delete env.NODE_PATH;
	const child = fork(join(__dirname, 'bundle-child.ts'), [], {
		cwd: ROOT,
		env,
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolveOutput, reject) => {
		child.once('message', (message: ChildOutput) => (message.error && !message.status ? reject(new Error(message.error)) : resolveOutput(message)));
		child.once('exit', (code) => reject(new Error(`child exited with ${code} before answering`)));
		child.send(input);
	});
}

it('loads the built node and credential with only n8n-workflow installed, and checks a job on the simulator', async () => {
	simulator.addJob('JOB_FROM_BUNDLE', { script: { steps: [{ status: 'processing', percentCompleted: 45, estRemainingDuration: 12 }] } });
	const output = await runChild({
		packageDir,
		jobId: 'JOB_FROM_BUNDLE',
		credentials: { ...simulator.credentials, apiVersion: '2025_2', endpointUrl: simulator.endpointUrl() },
	});

	expect(output.requestsFromPackage).toEqual(['crypto', 'n8n-workflow']);
	expect(output.resolvable).toEqual({
		'n8n-workflow': true,
		xmlbuilder2: false,
		'fast-xml-parser': false,
		'@oozcitak/dom': false,
		'js-yaml': false,
	});
	expect([output.nodeName, output.credentialName]).toEqual(['netSuiteAsync', 'netSuiteTbaApi']);
	// The OAuth 2.0 M2M credential is bundled too, needing only crypto and n8n-workflow (requestsFromPackage above).
	expect(output.manifestCredentialNames).toEqual(['netSuiteTbaApi', 'netSuiteOAuth2M2mApi']);
	expect(output.error).toBeUndefined();
	expect(output.status).toBe('success');
	expect(output.items).toHaveLength(1);
	const [item] = output.items as Array<{ json: Record<string, unknown>; pairedItem: unknown }>;
	expect(item.pairedItem).toEqual({ item: 0 });
	const { checkedAt, nsId, ...fields } = item.json;
	expect(fields).toEqual({ jobId: 'JOB_FROM_BUNDLE', status: 'processing', percentCompleted: 45, estRemainingDuration: 12, isDone: false });
	expect(Number.isNaN(Date.parse(String(checkedAt)))).toBe(false);
	expect(nsId).toMatch(/^WEBSERVICES_1234567_SB1_/);
	// The passport was signed by the bundled credential and accepted by the simulator's own check.
	expect(simulator.counters.statusChecksByJob.JOB_FROM_BUNDLE).toBe(1);
	expect(simulator.counters.authFailures).toEqual([]);
}, 60_000);
