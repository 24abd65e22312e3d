/**
 * Browser test of the n8n editor with this package installed: a REAL n8n (2.41.1 on Node 24, from
 * scripts/e2e/ensure-n8n.sh), Debian's Chromium driven by playwright-core, the SuiteTalk simulator
 * in this process. A plain script, not jest:
 *
 *   npm run test:ui   (= ensure-n8n.sh && ensure-chromium.sh && npm run build && tsx test/ui/run-ui.ts)
 *
 * Scenarios, each asserting what the page shows:
 *   1 node panel   "NetSuite" lists NetSuite Async with its own icon; "async status" finds it and its
 *                  actions (Check async status, Get async result, Submit async job)
 *   2 parameters   after a Manual Trigger: Job ID's default expression; Poll Until Done shows/hides
 *                  Poll Interval and Poll Timeout (and the polling-only Options); Get Async Result's
 *                  fields (Page Index only for One Page)
 *   3 credential   created through the modal with the simulator's values: "Connection tested
 *                  successfully"; a wrong token secret: the Login Audit Trail message; API Version
 *                  2024_2 with a 2024_2 endpoint: success with a 2024_2 envelope; a concurrency
 *                  block: the concurrency message, not a refused passport; the secrets never on the
 *                  page nor in the browser console
 *   4 run          Execute workflow against the simulator: status finished, percentCompleted 100, the
 *                  poll count (also counted by the simulator), the canvas subtitle; a bad job id: the
 *                  node's error message and advice
 *   5 submit       examples/submit-upsert-and-route.json pasted onto a new workflow: Submit Async Job's
 *                  parameters (Async Operation, searchable Record Type, Record, Wait for Results and its
 *                  polling settings, Records per Job / Preferences); run: 3 saved, 1 failed with
 *                  NetSuite's error text
 *   6 split        examples/wait-loop-long-job.json: Check job's outputs Done and Still Running
 *
 * Screenshots (1400×900, light theme) go to test-results/ui/; with UI_UPDATE_DOCS=1 (or
 * --update-docs) also to docs/ui-*.png, the README's pictures. A failing step saves
 * test-results/ui-<step>.png and test-results/ui-<step>.console.log.
 *
 * Env: UI_TIMEOUT_MS (whole run, default 480000), CHROMIUM_BIN (default /usr/bin/chromium),
 * UI_HEADED=1 (needs a display), UI_KEEP_OPEN=1 (at the first failure, or at the end, keep n8n and the
 * browser running with Chrome DevTools on 127.0.0.1:9333 until Ctrl-C; test/ui/attach.ts runs snippets
 * against that page), N8N_E2E_VERBOSE=1 (echo n8n's output). n8n, Chromium and the simulator are
 * always stopped and the temporary folders removed, also on a failure, the hard timeout or a signal.
 * The last line printed is "N passed, N failed[, N skipped]"; the exit code is 1 on any failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Dialog, type Locator, type Page } from 'playwright-core';

import { cleanupAll, N8nSandbox, npmPack, readN8nPaths } from '../../scripts/e2e/n8n';
import { seedDemoJobs } from '../simulator/demo-jobs';
import { startSimulator, type Simulator } from '../simulator/server';
import { killServers, OWNER, setupOwner, startN8n, type N8nServer } from './n8n-server';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SHOTS = join(RESULTS, 'ui');
const DOCS = join(ROOT, 'docs');
const EXAMPLES = join(ROOT, 'examples');
const NODE_DIST = join(ROOT, 'dist', 'nodes', 'NetSuiteAsync', 'NetSuiteAsync.node.js');
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const UPDATE_DOCS = process.env.UI_UPDATE_DOCS === '1' || process.argv.includes('--update-docs');
const KEEP_OPEN = process.env.UI_KEEP_OPEN === '1';
/** UI_KEEP_OPEN=1 is for a person at the keyboard: no hard timeout then. */
const HARD_TIMEOUT_MS = KEEP_OPEN ? 2 ** 31 - 1 : Number(process.env.UI_TIMEOUT_MS || 480_000);
const VIEWPORT = { width: 1400, height: 900 };
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

const API_VERSION = '2025_2';
/** pending → processing 40 % → processing 80 % → finished: 4 status checks when polled. */
const UI_JOB = 'UI_JOB_POLLED';
const UI_JOB_POLLS = 4;
const BAD_JOB = 'UI_NO_SUCH_JOB';
const WRONG_TOKEN_SECRET = 'ui-wrong-token-secret-5f1c';
const CREDENTIAL_NAME = 'NetSuite simulator';

// ---------------------------------------------------------------------------------------------
// Bookkeeping

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
const startedAt = Date.now();
const timings: Array<[string, number]> = [];

function log(message: string): void {
	process.stdout.write(`[ui ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

class AssertionError extends Error {}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new AssertionError(message);
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const value = await fn();
	const ms = Date.now() - started;
	timings.push([what, ms]);
	log(`${what}: ${(ms / 1000).toFixed(1)} s`);
	return value;
}

// ---------------------------------------------------------------------------------------------
// Browser state and artifacts

interface ConsoleLine {
	at: string;
	type: string;
	text: string;
}

const consoleLines: ConsoleLine[] = [];
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let server: N8nServer | undefined;
let simulator: Simulator | undefined;
let sandbox: N8nSandbox | undefined;
let sandboxParent: string | undefined;
let workDir: string | undefined;

function consoleText(): string {
	return consoleLines.map((line) => `${line.at} [${line.type}] ${line.text}`).join('\n');
}

async function saveFailureArtifacts(stepName: string): Promise<void> {
	mkdirSync(RESULTS, { recursive: true });
	const slug = stepName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
	const png = join(RESULTS, `ui-${slug}.png`);
	const logFile = join(RESULTS, `ui-${slug}.console.log`);
	try {
		if (page && !page.isClosed()) await page.screenshot({ path: png, timeout: 10_000 });
	} catch (error) {
		log(`(no failure screenshot: ${(error as Error).message.split('\n')[0]})`);
	}
	writeFileSync(logFile, `${consoleText()}\n`);
	log(`saved ${png} and ${logFile}`);
}

/** Pictures for the README: always under test-results/ui/, also docs/ with UI_UPDATE_DOCS=1. */
async function picture(name: string): Promise<void> {
	const p = currentPage();
	mkdirSync(SHOTS, { recursive: true });
	const file = join(SHOTS, `${name}.png`);
	await closeNotifications(p);
	await p.mouse.move(5, VIEWPORT.height - 5); // no hover tooltips in the picture
	await p
		.locator('input:focus, textarea:focus')
		.evaluateAll((elements) => elements.forEach((element) => (element as unknown as { blur(): void }).blur()))
		.catch(() => undefined);
	await p.waitForTimeout(300);
	const buffer = await p.screenshot();
	writeFileSync(file, buffer);
	if (UPDATE_DOCS) {
		mkdirSync(DOCS, { recursive: true });
		writeFileSync(join(DOCS, `${name}.png`), buffer);
	}
}

async function closeNotifications(p: Page): Promise<void> {
	for (const button of await p.locator('.el-notification__closeBtn:visible').all()) {
		await button.click().catch(() => undefined);
	}
	await p.locator('.el-notification').first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
}

function currentPage(): Page {
	assert(page && !page.isClosed(), 'the browser page is not open');
	return page;
}

let blocked: string | undefined;

async function step(name: string, fn: (p: Page) => Promise<void>): Promise<void> {
	if (blocked) {
		skipped++;
		log(`SKIP ${name}: ${blocked}`);
		return;
	}
	const started = Date.now();
	try {
		await fn(currentPage());
		passed++;
		const ms = Date.now() - started;
		timings.push([name, ms]);
		log(`PASS ${name} (${(ms / 1000).toFixed(1)} s)`);
	} catch (error) {
		if (aborted) {
			log(`${name}: cut short (${blocked})`);
			return;
		}
		failed++;
		const detail = error instanceof AssertionError ? error.message : ((error as Error).stack ?? String(error));
		failures.push(`${name}: ${detail.split('\n')[0]}`);
		log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${indent(detail)}`);
		await saveFailureArtifacts(name);
		blocked = `an earlier step (${name}) failed`;
		if (KEEP_OPEN) await keepOpen();
	}
}

async function keepOpen(): Promise<void> {
	log(`UI_KEEP_OPEN=1: n8n at ${server?.baseUrl}, DevTools at http://127.0.0.1:9333; Ctrl-C to stop`);
	await new Promise(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Page helpers (n8n 2.41 marks its elements with data-test-id)

async function textOf(locator: Locator): Promise<string> {
	return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's text matches; the error shows what it said last. */
async function expectText(locator: Locator, expected: string | RegExp, what: string, timeout = 15_000): Promise<string> {
	const deadline = Date.now() + timeout;
	let last = '';
	for (;;) {
		try {
			last = await textOf(locator.first());
		} catch (error) {
			last = `(not readable: ${(error as Error).message.split('\n')[0]})`;
		}
		const ok = typeof expected === 'string' ? last.includes(expected) : expected.test(last);
		if (ok) return last;
		if (Date.now() > deadline) {
			throw new AssertionError(`${what}: expected ${String(expected)}, the page shows: ${JSON.stringify(last.slice(0, 1500))}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function expectVisible(locator: Locator, what: string, timeout = 15_000): Promise<void> {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch {
		throw new AssertionError(`${what}: not visible after ${timeout} ms`);
	}
}

async function expectHidden(locator: Locator, what: string, timeout = 10_000): Promise<void> {
	try {
		await locator.first().waitFor({ state: 'hidden', timeout });
	} catch {
		throw new AssertionError(`${what}: still visible after ${timeout} ms`);
	}
}

function nodeCreator(p: Page): Locator {
	return p.getByTestId('node-creator');
}

function creatorItem(p: Page, name: string): Locator {
	return nodeCreator(p).getByTestId('item-iterator-item').filter({ hasText: name });
}

async function searchNodes(p: Page, text: string): Promise<void> {
	const bar = p.getByTestId('node-creator-search-bar');
	await bar.waitFor({ state: 'visible' });
	await bar.fill('');
	await bar.pressSequentially(text, { delay: 15 }); // typed, as a person does
}

function ndv(p: Page): Locator {
	return p.getByTestId('ndv');
}

function parameterNames(p: Page): Promise<string[]> {
	return ndv(p)
		.getByTestId('node-parameters')
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((elements) =>
			elements
				.map((element) => element.getAttribute('data-test-id') ?? '')
				.filter((id) => /^parameter-input-[a-zA-Z]+$/.test(id) && id !== 'parameter-input-field' && id !== 'parameter-input-item')
				.map((id) => id.slice('parameter-input-'.length)),
		);
}

async function expectParameters(p: Page, expected: { shown: string[]; hidden: string[] }, what: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	let names: string[] = [];
	for (;;) {
		names = await parameterNames(p);
		const ok = expected.shown.every((n) => names.includes(n)) && expected.hidden.every((n) => !names.includes(n));
		if (ok) return;
		if (Date.now() > deadline) {
			throw new AssertionError(
				`${what}: expected ${JSON.stringify(expected)}, the panel shows parameters ${JSON.stringify(names)}`,
			);
		}
		await p.waitForTimeout(200);
	}
}

async function selectOption(p: Page, parameter: string, option: string): Promise<void> {
	await ndv(p).getByTestId(`parameter-input-${parameter}`).click();
	await p.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
	await p.waitForTimeout(200);
	const value = await ndv(p).getByTestId(`parameter-input-${parameter}`).locator('input').first().inputValue();
	assert(value === option, `${parameter}: expected "${option}" selected, the field shows "${value}"`);
}

async function setSwitch(p: Page, parameter: string, on: boolean): Promise<void> {
	const input = ndv(p).getByTestId(`parameter-input-${parameter}`);
	const isOn = async () => (await input.locator('[role=switch]').getAttribute('aria-checked')) === 'true';
	if ((await isOn()) !== on) await input.locator('.el-switch').click();
	const deadline = Date.now() + 5000;
	while ((await isOn()) !== on) {
		assert(Date.now() < deadline, `${parameter}: the switch did not turn ${on ? 'on' : 'off'}`);
		await p.waitForTimeout(100);
	}
}

/** Sets a string parameter to a fixed value (switching it from an expression first). */
async function setFixedString(p: Page, parameter: string, value: string): Promise<void> {
	const input = ndv(p).getByTestId(`parameter-input-${parameter}`);
	if (await input.getByTestId('inline-expression-editor-input').isVisible()) {
		await input.hover();
		await ndv(p).getByTestId(`${parameter}-parameter-input-options-container`).getByTestId('radio-button-fixed').click();
		await expectHidden(input.getByTestId('inline-expression-editor-input'), `${parameter} expression editor`);
	}
	const field = input.locator('input, textarea').first();
	await field.fill(value);
	await field.blur();
}

async function setNumber(p: Page, parameter: string, value: string): Promise<void> {
	const field = ndv(p).getByTestId(`parameter-input-${parameter}`).locator('input').first();
	await field.fill(value);
	await field.blur();
}

/** The names the Options collection's "Add Option" list offers. */
async function optionsOffered(p: Page): Promise<string[]> {
	await ndv(p).getByTestId('collection-parameter-add').click();
	const items = p.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor({ state: 'visible' });
	const names = (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
	await p.keyboard.press('Escape');
	await items.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
	return names;
}

async function closeNdv(p: Page): Promise<void> {
	if (await ndv(p).isVisible()) {
		await p.getByTestId('ndv-close-button').click();
		await expectHidden(ndv(p), 'node details view');
	}
}

async function openNode(p: Page, name: string): Promise<void> {
	await p.getByTestId('canvas-node').filter({ hasText: name }).first().dblclick();
	await expectVisible(ndv(p), `node details view of ${name}`);
}

/** Every place on the page a secret could show up: visible text, HTML, non-password fields. */
async function assertSecretNotShown(p: Page, secrets: string[], where: string): Promise<void> {
	const text = await p.locator('body').innerText();
	// The HTML with password fields' own value attributes left out (they hold what was typed).
	const html = await p.locator('html').evaluate((root) => {
		const clone = root.cloneNode(true) as typeof root;
		clone.querySelectorAll('input[type="password"]').forEach((input: { removeAttribute(name: string): void }) => input.removeAttribute('value'));
		return clone.outerHTML;
	});
	const fields = await p.locator('input, textarea').evaluateAll((elements) =>
		elements.map((element) => ({
			type: element.getAttribute('type') ?? element.tagName.toLowerCase(),
			value: (element as unknown as { value: string }).value,
		})),
	);
	for (const secret of secrets) {
		assert(!text.includes(secret), `${where}: a secret is visible on the page`);
		const at = html.indexOf(secret);
		assert(at < 0, `${where}: a secret is in the page's HTML: …${html.slice(Math.max(0, at - 200), at).replace(/\s+/g, ' ')}<SECRET>…`);
		for (const field of fields) {
			if (field.value.includes(secret)) {
				assert(field.type === 'password', `${where}: a secret is in a ${field.type} field (not masked)`);
			}
		}
		assert(!consoleText().includes(secret), `${where}: a secret is in the browser console`);
	}
}

// ---------------------------------------------------------------------------------------------
// Setup

function addUiJobs(sim: Simulator): void {
	seedDemoJobs(sim);
	sim.addJob(UI_JOB, {
		script: {
			steps: [
				{ status: 'pending', percentCompleted: 0 },
				{ status: 'processing', percentCompleted: 40, estRemainingDuration: 0 },
				{ status: 'processing', percentCompleted: 80, estRemainingDuration: 0 },
				{ status: 'finished', percentCompleted: 100 },
			],
		},
		results: { kind: 'write', operation: 'asyncUpsertList', records: [{ isSuccess: true, internalId: '501', externalId: 'UI-1' }] },
	});
}

async function setUp(): Promise<void> {
	assert(existsSync(NODE_DIST), `${NODE_DIST} is missing: run "npm run build" first (npm run test:ui does)`);
	assert(existsSync(CHROMIUM_BIN), `${CHROMIUM_BIN} is missing: run "bash scripts/ui/ensure-chromium.sh" (npm run test:ui does)`);
	const paths = readN8nPaths();
	log(`n8n ${paths.n8nVersion} on Node ${paths.nodeVersion}; Chromium ${CHROMIUM_BIN}; screenshots ${UPDATE_DOCS ? `${SHOTS} and ${DOCS}` : SHOTS}`);

	workDir = mkdtempSync(join(tmpdir(), 'n8n-ui-work-'));
	const tarball = await timed('npm pack', () => npmPack(ROOT, join(workDir!, 'tarballs')));

	// The sandbox's user folder goes under a parent of our own (N8nSandbox uses os.tmpdir()).
	sandboxParent = mkdtempSync(join(tmpdir(), 'n8n-ui-'));
	const previousTmp = process.env.TMPDIR;
	process.env.TMPDIR = sandboxParent;
	try {
		sandbox = N8nSandbox.create();
	} finally {
		if (previousTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previousTmp;
	}
	// Self-contained (issue 13): the tarball brings no other package, as npm or as n8n installs it.
	await timed('install the package alone, then into .n8n/nodes', () => sandbox!.installSelfContainedPackage(tarball, workDir!));

	simulator = await startSimulator({ port: Number(process.env.UI_SIMULATOR_PORT ?? 0) });
	addUiJobs(simulator);
	log(`simulator at ${simulator.endpointUrl(API_VERSION)}`);

	server = await timed('n8n start (fresh user folder: migrations + package load)', () =>
		startN8n({ sandbox: sandbox!, logFile: join(RESULTS, 'ui-n8n.log') }),
	);
	log(`n8n at ${server.baseUrl}`);
	await setupOwner(server);

	selectors.setTestIdAttribute('data-test-id');
	browser = await timed('launch Chromium', () =>
		chromium.launch({
			executablePath: CHROMIUM_BIN,
			headless: process.env.UI_HEADED !== '1',
			args: KEEP_OPEN ? [...CHROMIUM_ARGS, '--remote-debugging-port=9333'] : CHROMIUM_ARGS,
			timeout: 60_000,
		}),
	);
	context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
	page = await context.newPage();
	page.setDefaultTimeout(20_000);
	page.on('console', (message) =>
		consoleLines.push({ at: new Date().toISOString().slice(11, 23), type: message.type(), text: message.text() }),
	);
	page.on('pageerror', (error) =>
		consoleLines.push({ at: new Date().toISOString().slice(11, 23), type: 'pageerror', text: error.stack ?? error.message }),
	);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function signIn(p: Page): Promise<void> {
	const t0 = Date.now();
	// n8n goes to ?redirect= after signing in: one load of the editor instead of two.
	await p.goto(`${server!.baseUrl}/signin?redirect=${encodeURIComponent('/workflow/new')}`, { waitUntil: 'domcontentloaded' });
	await p.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email, { timeout: 60_000 });
	log(`  sign-in form shown after ${((Date.now() - t0) / 1000).toFixed(1)} s (first load of the editor)`);
	await p.getByTestId('password').locator('input').fill(OWNER.password);
	await p.getByTestId('form-submit-button').click();
	await p.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 30_000, waitUntil: 'domcontentloaded' });
	if (!p.url().includes('/workflow/')) await p.goto(`${server!.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await expectVisible(p.getByTestId('canvas-plus-button'), 'empty canvas ("Add first step")', 60_000);
}

async function addManualTrigger(p: Page): Promise<void> {
	await p.getByTestId('canvas-plus-button').click();
	await searchNodes(p, 'manual');
	await creatorItem(p, 'Manual Trigger').first().click();
	await expectVisible(p.getByTestId('canvas-trigger-node'), 'Manual Trigger on the canvas');
	await closeNdv(p); // some versions open the trigger's panel
	await expectHidden(nodeCreator(p), 'node panel after adding the trigger');
}

async function scenarioNodePanel(p: Page): Promise<void> {
	await addManualTrigger(p);
	// The trigger's "+" handle: what follows it is connected to it.
	await p.getByTestId('canvas-trigger-node').locator('xpath=ancestor::*[@data-test-id="canvas-node"][1]').getByTestId('canvas-handle-plus-wrapper').click().catch(async () => {
		await p.getByTestId('canvas-handle-plus-wrapper').first().click();
	});
	await expectVisible(nodeCreator(p), 'node panel');
	await expectText(p.getByTestId('nodes-list-header'), 'What happens next?', 'node panel title');

	await searchNodes(p, 'NetSuite');
	const item = creatorItem(p, 'NetSuite Async');
	await expectVisible(item, '"NetSuite Async" in the results for "NetSuite"');
	await expectText(item.getByTestId('node-creator-item-name'), /^NetSuite Async$/, 'item name');
	await expectText(item.getByTestId('node-creator-item-description'), 'NetSuite SuiteTalk SOAP asynchronous jobs', 'item description');

	// Its own icon: an <img> of the package's SVG that loaded, not n8n's letter placeholder.
	const icon = item.locator('.n8n-node-icon').first();
	const iconInfo = await icon.evaluate((element) => {
		const img = element.querySelector('img');
		return {
			src: img?.getAttribute('src') ?? null,
			loaded: img ? img.complete && img.naturalWidth > 0 : false,
			text: (element.textContent ?? '').trim(),
		};
	});
	assert(iconInfo.src?.includes('n8n-nodes-netsuite-async') && iconInfo.src.endsWith('netsuite.svg'), `icon src: ${JSON.stringify(iconInfo)}`);
	assert(iconInfo.loaded, `the icon image did not load: ${JSON.stringify(iconInfo)}`);
	assert(iconInfo.text === '', `the icon shows a letter placeholder "${iconInfo.text}"`);
	const iconResponse = await p.request.get(new URL(iconInfo.src, server!.baseUrl).toString());
	assert(iconResponse.ok() && (await iconResponse.text()).includes('<svg'), `icon URL answered ${iconResponse.status()}`);
	await picture('ui-1-node-panel');

	// "async status": the node (by its alias) and, inside it, the Check async status action.
	await searchNodes(p, 'async status');
	await expectVisible(creatorItem(p, 'NetSuite Async'), '"NetSuite Async" in the results for "async status"');
	await creatorItem(p, 'NetSuite Async').first().click();
	const action = nodeCreator(p).getByText('Check async status', { exact: true });
	await expectVisible(action, 'the "Check async status" action');
	await expectVisible(nodeCreator(p).getByText('Get async result', { exact: true }), 'the "Get async result" action');
	await expectVisible(nodeCreator(p).getByText('Submit async job', { exact: true }), 'the "Submit async job" action');
	await picture('ui-1-node-actions');
}

async function scenarioParameters(p: Page): Promise<void> {
	await nodeCreator(p).getByText('Check async status', { exact: true }).click();
	await expectVisible(ndv(p), 'node details view of NetSuite Async');
	await expectText(p.getByTestId('node-title-container'), 'NetSuite Async', 'node title');

	// Connected after the trigger: the input panel offers the trigger, not "No input connected".
	await expectText(p.getByTestId('ndv-input-panel'), /When clicking|Manual Trigger|Execute previous nodes|No input data/i, 'input panel');
	const inputText = await textOf(p.getByTestId('ndv-input-panel'));
	assert(!inputText.includes('No input connected'), `the node is not connected to the trigger: ${inputText}`);

	const operation = await ndv(p).getByTestId('parameter-input-operation').locator('input').first().inputValue();
	assert(operation === 'Check Async Status', `Operation shows "${operation}"`);

	const jobId = ndv(p).getByTestId('parameter-input-jobId');
	await expectVisible(jobId.getByTestId('inline-expression-editor-input'), 'Job ID as an expression');
	await expectText(jobId, '{{ $json.jobId }}', 'Job ID default');

	await expectParameters(p, { shown: ['operation', 'jobId', 'pollUntilDone'], hidden: ['pollInterval', 'pollTimeout', 'pages', 'pageIndex', 'outputMode'] }, 'Check Async Status, polling off');
	const pollingOptions = ['Adaptive Interval', 'Max Poll Interval (Seconds)', 'When Timed Out', 'Fetch Results When Done'];
	const alwaysOptions = ['Error on Failed Job', 'Items Processed at Once', 'Max Retries', 'First Retry Wait (Seconds)', 'Request Timeout (Seconds)'];
	let offered = await optionsOffered(p);
	assert(alwaysOptions.every((o) => offered.includes(o)), `Options offers ${JSON.stringify(offered)}`);
	assert(pollingOptions.every((o) => !offered.includes(o)), `with polling off, Options still offers polling options: ${JSON.stringify(offered)}`);

	await setSwitch(p, 'pollUntilDone', true);
	await expectParameters(p, { shown: ['pollInterval', 'pollTimeout'], hidden: [] }, 'Poll Until Done on');
	const interval = await ndv(p).getByTestId('parameter-input-pollInterval').locator('input').first().inputValue();
	const timeout = await ndv(p).getByTestId('parameter-input-pollTimeout').locator('input').first().inputValue();
	assert(Number(interval) === 5, `Poll Interval default shows "${interval}"`);
	assert(Number(timeout) === 1800, `Poll Timeout default shows "${timeout}"`);
	await expectText(ndv(p).getByTestId('node-parameters'), 'Poll Interval (Seconds)', 'Poll Interval label');
	await expectText(ndv(p).getByTestId('node-parameters'), 'Poll Timeout (Seconds)', 'Poll Timeout label');
	offered = await optionsOffered(p);
	assert([...alwaysOptions, ...pollingOptions].every((o) => offered.includes(o)), `with polling on, Options offers ${JSON.stringify(offered)}`);
	await picture('ui-2-node-parameters');

	await setSwitch(p, 'pollUntilDone', false);
	await expectParameters(p, { shown: ['pollUntilDone'], hidden: ['pollInterval', 'pollTimeout'] }, 'Poll Until Done off');

	await selectOption(p, 'operation', 'Get Async Result');
	await expectParameters(p, { shown: ['jobId', 'pages', 'outputMode'], hidden: ['pollUntilDone', 'pollInterval', 'pollTimeout', 'pageIndex'] }, 'Get Async Result');
	assert((await ndv(p).getByTestId('parameter-input-pages').locator('input').first().inputValue()) === 'All Pages', 'Pages default');
	assert((await ndv(p).getByTestId('parameter-input-outputMode').locator('input').first().inputValue()) === 'One Item per Record', 'Output default');
	await selectOption(p, 'pages', 'One Page');
	await expectParameters(p, { shown: ['pageIndex'], hidden: [] }, 'Pages: One Page');
	await picture('ui-2-get-async-result');
	await selectOption(p, 'pages', 'All Pages');
	await expectParameters(p, { shown: [], hidden: ['pageIndex'] }, 'Pages: All Pages');

	await selectOption(p, 'operation', 'Check Async Status');
	await expectParameters(p, { shown: ['pollUntilDone'], hidden: ['pages', 'outputMode'] }, 'back to Check Async Status');
}

function credentialModal(p: Page): Locator {
	return p.locator('.el-dialog').filter({ has: p.getByTestId('credential-save-button') });
}

async function fillCredentialField(p: Page, name: string, value: string): Promise<void> {
	const field = credentialModal(p).getByTestId(`parameter-input-${name}`).locator('input').first();
	await field.fill(value);
}

async function expectCredentialChosen(p: Page): Promise<void> {
	const field = ndv(p).getByTestId('node-credentials-select').locator('input').first();
	const deadline = Date.now() + 10_000;
	let value = '';
	while ((value = await field.inputValue()) !== CREDENTIAL_NAME) {
		assert(Date.now() < deadline, `the node's Credential field shows "${value}", not "${CREDENTIAL_NAME}"`);
		await p.waitForTimeout(200);
	}
}

/**
 * The Test button ("Retry" beside the result) tests again. Reopening the modal starts a test of
 * its own, and n8n ignores the button while one runs: wait until the simulator has been quiet.
 */
async function pressRetry(p: Page, modal: Locator): Promise<void> {
	const sim = simulator!;
	const serverTimeCalls = () => sim.counters.byOperation.getServerTime ?? 0;
	let seen = serverTimeCalls();
	for (let quietSince = Date.now(); Date.now() - quietSince < 1000; ) {
		await p.waitForTimeout(100);
		if (serverTimeCalls() !== seen) {
			seen = serverTimeCalls();
			quietSince = Date.now();
		}
	}
	let tested = false;
	for (let attempt = 1; attempt <= 3 && !tested; attempt++) {
		const before = serverTimeCalls();
		await modal.getByRole('button', { name: /Retry/ }).click();
		const deadline = Date.now() + 5000;
		while (!(tested = serverTimeCalls() > before) && Date.now() < deadline) await p.waitForTimeout(100);
		if (!tested) log(`  the Test button sent no getServerTime (attempt ${attempt})`);
	}
	assert(tested, 'the Test button sent no getServerTime');
}

/** Save, and wait until the credential test that Save starts has reached the simulator. */
async function saveAndWaitForTest(p: Page, modal: Locator, what: string): Promise<void> {
	const serverTimeCalls = () => simulator!.counters.byOperation.getServerTime ?? 0;
	const before = serverTimeCalls();
	await modal.getByTestId('credential-save-button').click();
	const deadline = Date.now() + 20_000;
	while (serverTimeCalls() === before) {
		assert(Date.now() < deadline, `${what}: Save sent no getServerTime`);
		await p.waitForTimeout(100);
	}
}

async function expectCouldNotConnect(p: Page, modal: Locator, what: string): Promise<void> {
	await expectText(modal, 'Couldn’t connect with these settings', what, 20_000).catch(async () => {
		await expectText(modal, /Couldn.t connect/i, what, 5000);
	});
	const details = modal.getByText('More details');
	if (await details.isVisible()) await details.click();
}

async function scenarioCredential(p: Page): Promise<void> {
	const sim = simulator!;
	const secrets = [sim.credentials.tokenSecret, sim.credentials.consumerSecret, WRONG_TOKEN_SECRET];

	await expectText(ndv(p).getByTestId('node-credentials-slot'), 'Connect to NetSuite TBA', 'credential slot before any credential');
	await ndv(p).getByTestId('node-credentials-empty-state').click();
	const modal = credentialModal(p);
	await expectVisible(modal, 'credential modal');
	await expectText(modal, 'NetSuite TBA API', 'credential type in the modal');
	for (const field of ['accountId', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'apiVersion', 'endpointUrl']) {
		await expectVisible(modal.getByTestId(`parameter-input-${field}`), `credential field ${field}`);
	}
	for (const field of ['consumerSecret', 'tokenSecret']) {
		const type = await modal.getByTestId(`parameter-input-${field}`).locator('input').first().getAttribute('type');
		assert(type === 'password', `${field} is a ${type} field, not a password field`);
	}
	const apiVersion = await modal.getByTestId('parameter-input-apiVersion').locator('input').first().inputValue();
	assert(apiVersion === API_VERSION, `API Version default shows "${apiVersion}"`);

	await modal.getByTestId('credential-name').click();
	await modal.getByTestId('credential-name').getByTestId('inline-edit-input').fill(CREDENTIAL_NAME);
	await modal.getByTestId('credential-name').getByTestId('inline-edit-input').press('Enter');
	await fillCredentialField(p, 'accountId', sim.credentials.accountId);
	await fillCredentialField(p, 'consumerKey', sim.credentials.consumerKey);
	await fillCredentialField(p, 'consumerSecret', sim.credentials.consumerSecret);
	await fillCredentialField(p, 'tokenId', sim.credentials.tokenId);
	await fillCredentialField(p, 'tokenSecret', sim.credentials.tokenSecret);
	await fillCredentialField(p, 'endpointUrl', sim.endpointUrl(API_VERSION));
	const checksBefore = sim.counters.byOperation.getServerTime ?? 0;
	await modal.getByTestId('credential-save-button').click();

	// Saving tests the credential; n8n closes a new credential's modal when the test passes.
	const successTag = p.getByTestId('credentials-config-container-test-success');
	await Promise.race([
		expectHidden(modal, 'credential modal after Save', 20_000),
		expectVisible(successTag, 'test result', 20_000),
	]).catch(() => undefined);
	if (!(await modal.isVisible())) {
		await expectCredentialChosen(p);
		await ndv(p).getByTestId('credential-edit-button').click();
		await expectVisible(modal, 'credential modal (reopened)');
	}
	await expectText(modal, 'Connection tested successfully', 'credential test after Save');
	assert((sim.counters.byOperation.getServerTime ?? 0) > checksBefore, 'the simulator saw no getServerTime from the credential test');

	await pressRetry(p, modal);
	await expectText(modal, 'Connection tested successfully', 'credential test after the Test button');
	await assertSecretNotShown(p, secrets, 'after a successful test');
	await picture('ui-3-credential-ok');

	// A wrong token secret: the node's credential test reads NetSuite's refusal and says what it means.
	const authFailuresBefore = sim.counters.authFailures.length;
	await fillCredentialField(p, 'tokenSecret', WRONG_TOKEN_SECRET);
	await modal.getByTestId('credential-save-button').click();
	await expectCouldNotConnect(p, modal, 'credential test with a wrong token secret');
	assert(sim.counters.authFailures.length > authFailuresBefore, 'the simulator refused no passport');
	await expectText(modal, 'NetSuite refused the token passport: Invalid login attempt.', 'failure message');
	await expectText(modal, 'View Login Audit Trail', 'failure message points at the Login Audit Trail');
	await assertSecretNotShown(p, secrets, 'after a failed test');
	await picture('ui-3-credential-wrong-secret');

	// Back to the right secret, saved and tested, for the run.
	await fillCredentialField(p, 'tokenSecret', sim.credentials.tokenSecret);
	await modal.getByTestId('credential-save-button').click();
	await expectText(modal, 'Connection tested successfully', 'credential test with the right secret again', 20_000);
	await assertSecretNotShown(p, secrets, 'after fixing the secret');

	// API Version 2024_2 with a 2024_2 endpoint: the test speaks 2024_2 (before, it always sent 2025_2).
	await fillCredentialField(p, 'apiVersion', '2024_2');
	await fillCredentialField(p, 'endpointUrl', sim.endpointUrl('2024_2'));
	await saveAndWaitForTest(p, modal, 'API Version 2024_2');
	await expectText(modal, 'Connection tested successfully', 'credential test with API Version 2024_2', 20_000);
	const lastServerTime = [...sim.requests].reverse().find((request) => request.operation === 'getServerTime');
	assert(lastServerTime?.body.includes('urn:messages_2024_2.platform.webservices.netsuite.com'), 'the 2024_2 test sent no 2024_2 envelope');

	// A concurrency block is not a refused passport.
	sim.injectFaults('WS_REQUEST_BLOCKED', 1, { operation: 'getServerTime' });
	await fillCredentialField(p, 'apiVersion', API_VERSION);
	await fillCredentialField(p, 'endpointUrl', sim.endpointUrl(API_VERSION));
	await saveAndWaitForTest(p, modal, 'concurrency block');
	await expectCouldNotConnect(p, modal, 'credential test during a concurrency block');
	await expectText(modal, 'NetSuite did not check the credential this time: SuiteTalk concurrent request limit exceeded. Request blocked. (WS_REQUEST_BLOCKED)', 'concurrency message');
	const blockedText = await textOf(modal);
	assert(!blockedText.includes('refused the token passport'), `a concurrency block reads as a refused passport:\n${blockedText}`);
	await picture('ui-3-credential-concurrency');
	await pressRetry(p, modal);
	await expectText(modal, 'Connection tested successfully', 'credential test once the block is over', 20_000);
	await modal.locator('.el-dialog__headerbtn, .el-dialog__close').first().click();
	await expectHidden(modal, 'credential modal closed');
	await expectCredentialChosen(p);
}

async function runWorkflow(p: Page): Promise<void> {
	await closeNdv(p);
	await closeNotifications(p);
	await p.getByTestId('execute-workflow-button').click();
}

async function scenarioRun(p: Page): Promise<void> {
	const sim = simulator!;
	await setFixedString(p, 'jobId', UI_JOB);
	await setSwitch(p, 'pollUntilDone', true);
	await setNumber(p, 'pollInterval', '0.5');
	await setNumber(p, 'pollTimeout', '60');

	const checksBefore = sim.counters.statusChecksByJob[UI_JOB] ?? 0;
	await runWorkflow(p);
	await expectVisible(p.locator('.el-notification').filter({ hasText: 'Workflow executed successfully' }), 'the "Workflow executed successfully" message', 60_000);
	const checks = (sim.counters.statusChecksByJob[UI_JOB] ?? 0) - checksBefore;
	assert(checks === UI_JOB_POLLS, `the simulator saw ${checks} status checks for ${UI_JOB}, expected ${UI_JOB_POLLS}`);

	const node = p.getByTestId('canvas-node').filter({ hasText: 'NetSuite Async' }).first();
	await expectText(node, 'Check Async Status', 'subtitle of the node on the canvas');

	await openNode(p, 'NetSuite Async');
	const output = p.getByTestId('output-panel');
	await expectVisible(output.getByTestId('node-run-status-success'), 'the success mark of the output');
	await expectText(output.getByTestId('ndv-items-count'), '1 item', 'output item count');
	await output.getByTestId('radio-button-json').click();
	await expectText(output, /"jobId": "UI_JOB_POLLED"/, 'jobId in the output (JSON view)');
	await expectText(output, /"status": "finished"/, 'status in the output');
	await expectText(output, /"percentCompleted": 100,/, 'percentCompleted in the output');
	await expectText(output, /"isDone": true/, 'isDone in the output');
	await expectText(output, new RegExp(`"polls": ${UI_JOB_POLLS},`), 'polls in the output');
	await expectText(output, /"timedOut": false/, 'timedOut in the output');
	await picture('ui-4-run-output');

	// A job id NetSuite does not know: the node's own message in the output panel.
	await setFixedString(p, 'jobId', BAD_JOB);
	await runWorkflow(p);
	await expectText(p.locator('.el-notification').filter({ hasText: 'Problem in node' }), `NetSuite does not know job "${BAD_JOB}" (INVALID_JOB_ID)`, 'the error message after the run', 60_000);
	await openNode(p, 'NetSuite Async');
	await expectVisible(output.getByTestId('node-run-status-danger'), 'the error mark of the output');
	await expectText(output.getByTestId('node-error-message'), `NetSuite does not know job "${BAD_JOB}" (INVALID_JOB_ID)`, 'the node error in the output panel');
	await expectText(output.getByTestId('node-error-description'), 'You have specified an invalid Job Id', 'the error description');
	await expectText(output.getByTestId('node-error-description'), 'purges jobs 30 days after submission', 'the error advice');
	await picture('ui-4-bad-job-id');
	assert(!consoleText().includes(sim.credentials.tokenSecret), 'the token secret is in the browser console');
}

/**
 * An examples/ workflow imported the way a person pastes it: a new workflow, then the file's JSON
 * pasted onto the canvas (n8n reads the paste event's text). The unsaved workflow is left behind.
 */
async function importExample(p: Page, file: string, firstNode: string): Promise<void> {
	const json = readFileSync(join(EXAMPLES, file), 'utf8');
	await closeNdv(p);
	const acceptLeaving = (dialog: Dialog) => void dialog.accept().catch(() => undefined);
	p.on('dialog', acceptLeaving);
	try {
		await p.goto(`${server!.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	} finally {
		p.off('dialog', acceptLeaving);
	}
	await expectVisible(p.getByTestId('canvas-plus-button'), `empty canvas before importing ${file}`, 60_000);
	await p.locator('body').click({ position: { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 } });
	// A string: this project's TypeScript has no DOM types.
	await p.evaluate(
		`(() => { const data = new DataTransfer(); data.setData('text/plain', ${JSON.stringify(json)}); ` +
			`document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); })()`,
	);
	await expectVisible(p.getByTestId('canvas-node').filter({ hasText: firstNode }), `"${firstNode}" on the canvas after pasting ${file}`);
	await closeNotifications(p);
	await p.getByTestId('zoom-to-fit').click(); // the whole example in the pictures
}

/** The example's credential reference is someone else's: pick the one created in scenario 3. */
async function chooseCredential(p: Page): Promise<void> {
	const select = ndv(p).getByTestId('node-credentials-select');
	await expectVisible(select, 'the node\'s Credential field');
	if ((await select.locator('input').first().inputValue()) !== CREDENTIAL_NAME) {
		await select.click();
		await p.locator('.el-select-dropdown__item:visible', { hasText: CREDENTIAL_NAME }).first().click();
	}
	await expectCredentialChosen(p);
}

async function inputValue(p: Page, parameter: string): Promise<string> {
	return ndv(p).getByTestId(`parameter-input-${parameter}`).locator('input').first().inputValue();
}

const SUBMIT_EXAMPLE = { file: 'submit-upsert-and-route.json', node: 'Upsert customers', saved: 'Saved records (write internalIds back here)', failed: 'Failed records (fix and retry here)' };

async function scenarioSubmitParameters(p: Page): Promise<void> {
	await importExample(p, SUBMIT_EXAMPLE.file, SUBMIT_EXAMPLE.node);
	const node = p.getByTestId('canvas-node').filter({ hasText: SUBMIT_EXAMPLE.node }).first();
	await expectText(node, 'Submit Async Job: asyncUpsertList', 'subtitle of Upsert customers on the canvas');
	await openNode(p, SUBMIT_EXAMPLE.node);
	await chooseCredential(p);

	assert((await inputValue(p, 'operation')) === 'Submit Async Job', `Operation shows "${await inputValue(p, 'operation')}"`);
	assert((await inputValue(p, 'asyncOperation')) === 'Upsert (asyncUpsertList)', `Async Operation shows "${await inputValue(p, 'asyncOperation')}"`);
	assert((await inputValue(p, 'recordType')) === 'customer', `Record Type shows "${await inputValue(p, 'recordType')}"`);
	await expectText(ndv(p).getByTestId('parameter-input-record'), '{{ $json }}', 'Record');
	const submitShown = ['operation', 'asyncOperation', 'recordType', 'record', 'waitForResults'];
	await expectParameters(p, { shown: [...submitShown, 'pollInterval', 'pollTimeout'], hidden: ['jobId', 'pollUntilDone', 'splitOutputs', 'pages'] }, 'Submit Async Job, waiting');
	assert(Number(await inputValue(p, 'pollInterval')) === 1, 'Poll Interval of the example');

	// Record Type is a searchable list of the schema's record types.
	await ndv(p).getByTestId('parameter-input-recordType').click();
	await p.keyboard.type('salesord', { delay: 15 });
	const typeItems = p.locator('.el-select-dropdown__item:visible');
	await expectText(typeItems, /^salesOrder$/, 'Record Type list filtered by "salesord"');
	const filtered = (await typeItems.allInnerTexts()).map((text) => text.trim());
	assert(filtered.every((name) => /salesord/i.test(name)), `Record Type list for "salesord" offers ${JSON.stringify(filtered)}`);
	await p.keyboard.press('Escape');
	await expectHidden(typeItems, 'Record Type list closed');
	assert((await inputValue(p, 'recordType')) === 'customer', 'Record Type still customer after searching');

	const submitOptions = ['Records per Job', 'Preferences', 'Adaptive Interval', 'Max Poll Interval (Seconds)'];
	let offered = await optionsOffered(p);
	assert(submitOptions.every((o) => offered.includes(o)), `waiting, Options offers ${JSON.stringify(offered)}`);
	await picture('ui-5-submit-parameters');

	await setSwitch(p, 'waitForResults', false);
	await expectParameters(p, { shown: submitShown, hidden: ['pollInterval', 'pollTimeout'] }, 'Wait for Results off');
	offered = await optionsOffered(p);
	assert(offered.includes('Records per Job') && offered.includes('Preferences'), `not waiting, Options offers ${JSON.stringify(offered)}`);
	assert(!offered.includes('Adaptive Interval'), `not waiting, Options still offers the polling options: ${JSON.stringify(offered)}`);
	await setSwitch(p, 'waitForResults', true);
	await expectParameters(p, { shown: ['pollInterval', 'pollTimeout'], hidden: [] }, 'Wait for Results on again');
	// n8n gives a parameter it showed again its default: back to the example's values for the run.
	await setNumber(p, 'pollInterval', '1');
	await setNumber(p, 'pollTimeout', '900');
	assert(Number(await inputValue(p, 'pollInterval')) === 1, `Poll Interval shows "${await inputValue(p, 'pollInterval')}" after setting 1`);
}

async function scenarioSubmitRun(p: Page): Promise<void> {
	const sim = simulator!;
	const submittedBefore = sim.submittedJobIds.length;
	await runWorkflow(p);
	await expectVisible(p.locator('.el-notification').filter({ hasText: 'Workflow executed successfully' }), 'the "Workflow executed successfully" message', 90_000);
	const submitted = sim.submittedJobIds.slice(submittedBefore);
	assert(submitted.length === 1, `the simulator received ${submitted.length} jobs, expected 1`);

	const output = p.getByTestId('output-panel');
	await openNode(p, SUBMIT_EXAMPLE.node);
	await expectText(output.getByTestId('ndv-items-count'), '4 items', 'items out of Upsert customers');
	await closeNdv(p);

	await openNode(p, SUBMIT_EXAMPLE.saved);
	await expectText(output.getByTestId('ndv-items-count'), '3 items', 'items on the saved branch');
	await output.getByTestId('radio-button-json').click();
	for (const id of ['N8N-DEMO-001', 'N8N-DEMO-002', 'N8N-DEMO-004']) {
		await expectText(output, `"externalId": "${id}"`, `${id} on the saved branch`);
	}
	const savedText = await textOf(output);
	assert(!savedText.includes('N8N-DEMO-003'), 'N8N-DEMO-003 is on the saved branch');
	assert((savedText.match(/"isSuccess": true/g) ?? []).length === 3, `the saved branch's isSuccess values: ${savedText.slice(0, 800)}`);
	await closeNdv(p);

	await openNode(p, SUBMIT_EXAMPLE.failed);
	await expectText(output.getByTestId('ndv-items-count'), '1 item', 'items on the failed branch');
	await output.getByTestId('radio-button-json').click();
	await expectText(output, '"externalId": "N8N-DEMO-003"', 'the failed record');
	await expectText(output, '"isSuccess": false', 'isSuccess of the failed record');
	await expectText(output, `"jobId": "${submitted[0]}"`, 'jobId of the failed record');
	await expectText(output, '"code": "USER_ERROR"', 'error code of the failed record');
	await expectText(output, '"message": "Please enter value(s) for: Company Name"', 'error text of the failed record');
	await picture('ui-5-submit-run');
	assert(!consoleText().includes(sim.credentials.tokenSecret), 'the token secret is in the browser console');
}

/** The labels of a node's output handles on the canvas ("" for an unnamed output). */
async function expectOutputLabels(p: Page, nodeName: string, expected: string[], what: string): Promise<void> {
	const handles = p.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${nodeName}"]`);
	const deadline = Date.now() + 10_000;
	let labels: string[] = [];
	while (JSON.stringify((labels = (await handles.allInnerTexts()).map((text) => text.trim()))) !== JSON.stringify(expected)) {
		assert(Date.now() < deadline, `${what}: the outputs of ${nodeName} are labelled ${JSON.stringify(labels)}, expected ${JSON.stringify(expected)}`);
		await p.waitForTimeout(200);
	}
}

async function scenarioSplitOutputs(p: Page): Promise<void> {
	const checkNode = 'Check job';
	await importExample(p, 'wait-loop-long-job.json', checkNode);
	await expectOutputLabels(p, checkNode, ['Done', 'Still Running'], 'Split Done and Still Running on');
	await picture('ui-6-split-outputs');

	// The switch is what makes the two outputs: off, one unnamed output.
	await openNode(p, checkNode);
	await expectParameters(p, { shown: ['splitOutputs', 'pollInterval', 'pollTimeout'], hidden: [] }, 'Split Done and Still Running on');
	await setSwitch(p, 'splitOutputs', false);
	await closeNdv(p);
	await expectOutputLabels(p, checkNode, [''], 'Split Done and Still Running off');
}

// ---------------------------------------------------------------------------------------------

async function cleanup(): Promise<void> {
	await context?.close().catch(() => undefined);
	await browser?.close().catch(() => undefined);
	await server?.stop().catch(() => undefined);
	killServers();
	await simulator?.close().catch(() => undefined);
	removeFolders();
}

/** Synchronous, so exit handlers can use it too. */
function removeFolders(): void {
	killServers();
	cleanupAll(); // scripts/e2e/n8n.ts: its children and sandboxes
	for (const dir of [sandboxParent, workDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

let cleanupPromise: Promise<void> | undefined;
function cleanupOnce(): Promise<void> {
	cleanupPromise ??= cleanup();
	return cleanupPromise;
}

let finished = false;
function finish(code: number): void {
	if (finished) return;
	finished = true;
	mkdirSync(RESULTS, { recursive: true });
	writeFileSync(join(RESULTS, 'ui-console.log'), `${consoleText()}\n`);
	const total = (Date.now() - startedAt) / 1000;
	log(`timings: ${timings.map(([what, ms]) => `${what} ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
	log(`wall time ${total.toFixed(1)} s`);
	if (failures.length) log(`failures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
	process.exit(code);
}

let aborted = false;

/** Hard timeout or a signal: artifacts, then everything stopped, then exit 1 (20 s at most). */
function abort(why: string): void {
	if (aborted) return;
	aborted = true;
	blocked = why;
	failed++;
	failures.push(why);
	log(why);
	setTimeout(() => {
		removeFolders();
		finish(1);
	}, 20_000).unref();
	void saveFailureArtifacts('timeout')
		.catch(() => undefined)
		.then(() => cleanupOnce())
		.finally(() => finish(1));
}

async function main(): Promise<void> {
	const hardTimer = setTimeout(() => abort(`hard timeout: the UI run took longer than ${HARD_TIMEOUT_MS / 1000} s`), HARD_TIMEOUT_MS);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => abort(`stopped by ${signal}`));
	}
	process.on('exit', removeFolders);

	try {
		try {
			await timed('setup', setUp);
		} catch (error) {
			failed++;
			failures.push(`setup: ${(error as Error).message.split('\n')[0]}`);
			log(`FAIL setup\n${indent((error as Error).stack ?? String(error))}`);
			await saveFailureArtifacts('setup');
			blocked = 'setup failed';
		}
		await step('sign in through the page', signIn);
		await step('1 node panel: "NetSuite" and "async status"', scenarioNodePanel);
		await step('2 parameters: Job ID default, Poll Until Done, operation switch', scenarioParameters);
		await step('3 credential: create, test OK, wrong token secret, API Version 2024_2, concurrency block, no secret shown', scenarioCredential);
		await step('4 run: poll to finished, then a bad job id', scenarioRun);
		await step('5 submit: import submit-upsert-and-route, Submit Async Job parameters', scenarioSubmitParameters);
		await step('5 submit: run, saved and failed branches', scenarioSubmitRun);
		await step('6 split: Check Async Status outputs Done and Still Running', scenarioSplitOutputs);
		if (KEEP_OPEN && !blocked) await keepOpen();
	} finally {
		clearTimeout(hardTimer);
		await cleanupOnce();
	}
	if (aborted) return; // abort() finishes
	finish(failed > 0 ? 1 : 0);
}

void main();
