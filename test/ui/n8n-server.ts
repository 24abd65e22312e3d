/**
 * A real `n8n start` for the editor UI test: its own user folder, encryption key and ports (an
 * N8nSandbox from scripts/e2e/n8n.ts), this package installed from its `npm pack` tarball into
 * `.n8n/nodes`, the owner account created through `POST /rest/owner/setup`.
 *
 * The server runs in its own process group; stop() kills the whole group (n8n starts task-runner
 * children) and is safe to call more than once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

import { N8nSandbox } from '../../scripts/e2e/n8n';

export const OWNER = {
	email: 'ui-test@example.com',
	firstName: 'UI',
	lastName: 'Test',
	password: 'UiTest-Password-1',
};

export interface N8nServer {
	sandbox: N8nSandbox;
	baseUrl: string;
	port: number;
	/** Milliseconds from spawn to /healthz/readiness answering 200. */
	startupMs: number;
	/** Everything n8n printed so far (stdout and stderr interleaved). */
	output(): string;
	stop(): Promise<void>;
	/** Sends `signal` to the whole process group at once (SIGKILL: a crash, no graceful shutdown) and waits for the exit. */
	kill(signal: NodeJS.Signals): Promise<void>;
	pid: number;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Live n8n children of this process, killed by killServers() from exit handlers. */
const liveServers = new Set<ChildProcess>();

export function killServers(): void {
	for (const child of liveServers) killGroup(child, 'SIGKILL');
	liveServers.clear();
}

export async function startN8n(options: {
	sandbox: N8nSandbox;
	/** Where n8n's output goes as it comes (also kept in memory for output()). */
	logFile?: string;
	startTimeoutMs?: number;
	env?: NodeJS.ProcessEnv;
	/**
	 * `main` (default): `n8n start`, ready when /healthz/readiness and /rest/settings answer.
	 * `worker`: `n8n worker` (queue mode), ready when its health server (QUEUE_HEALTH_CHECK_PORT) says so.
	 */
	role?: 'main' | 'worker';
	/** Extra command-line flags, e.g. `--concurrency=5` for a worker. */
	flags?: string[];
}): Promise<N8nServer> {
	const { sandbox } = options;
	const role = options.role ?? 'main';
	const env = { ...(await sandbox.env()), ...options.env };
	if (role === 'worker') {
		env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
		env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
		env.QUEUE_HEALTH_CHECK_PORT ??= env.N8N_PORT;
	}
	const port = Number(role === 'worker' ? env.QUEUE_HEALTH_CHECK_PORT : env.N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	env.N8N_HOST = '127.0.0.1';
	env.N8N_PROTOCOL = 'http';
	env.N8N_EDITOR_BASE_URL = `${baseUrl}/`;
	env.WEBHOOK_URL = `${baseUrl}/`;
	env.N8N_SECURE_COOKIE = 'false';

	let log: WriteStream | undefined;
	if (options.logFile) {
		mkdirSync(dirname(options.logFile), { recursive: true });
		log = createWriteStream(options.logFile);
	}
	let output = '';
	const started = Date.now();
	const child = spawn(sandbox.paths.nodeBin, [sandbox.paths.n8nBin, role === 'worker' ? 'worker' : 'start', ...(options.flags ?? [])], {
		cwd: sandbox.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	liveServers.add(child);
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const closed = new Promise<void>((resolve) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			liveServers.delete(child);
			log?.end();
			resolve();
		});
	});
	for (const stream of [child.stdout, child.stderr]) {
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			output += chunk;
			log?.write(chunk);
			if (process.env.N8N_E2E_VERBOSE === '1') process.stdout.write(chunk.replace(/^(?=.)/gm, '[n8n] '));
		});
	}

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return await closed;
		stopped = true;
		if (!exited) {
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 8000);
			await closed;
			clearTimeout(timer);
		}
		killGroup(child, 'SIGKILL'); // leftovers of the group
	};
	const kill = async (signal: NodeJS.Signals): Promise<void> => {
		stopped = true;
		if (!exited) killGroup(child, signal);
		await closed;
		killGroup(child, 'SIGKILL');
	};

	try {
		const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
		for (;;) {
			if (exited) throw new Error(`n8n exited during startup (code ${exited.code}, signal ${exited.signal}):\n${output.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not become ready within ${options.startTimeoutMs ?? 120_000} ms:\n${output.slice(-4000)}`);
			try {
				const response = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				if (response.ok) break;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		// The editor's settings must answer too (the front end loads them first).
		while (role === 'main') {
			const response = await fetch(`${baseUrl}/rest/settings`).catch(() => undefined);
			if (response?.ok) break;
			if (Date.now() > deadline) throw new Error('n8n /rest/settings did not answer');
			await sleep(250);
		}
	} catch (error) {
		await stop();
		throw error;
	}

	return { sandbox, baseUrl, port, startupMs: Date.now() - started, output: () => output, stop, kill, pid: child.pid ?? 0 };
}

/** Creates the instance owner (first start only). */
export async function setupOwner(server: N8nServer): Promise<void> {
	const response = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok) {
		throw new Error(`POST /rest/owner/setup answered ${response.status}: ${(await response.text()).slice(0, 1000)}`);
	}
}
