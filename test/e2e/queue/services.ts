/**
 * The services n8n's queue mode needs, from Debian's packages, private to one test run:
 * redis-server (Bull's queue) and a PostgreSQL cluster (n8n warns that scaling mode is "not
 * officially supported with sqlite", and a main plus two workers writing one SQLite file is not
 * what anyone runs). Each listens on 127.0.0.1 on a free port with its data in a temp folder.
 *
 * PostgreSQL refuses to run as root, so as root initdb and postgres run as the `postgres` user.
 * stopServices() is synchronous so exit handlers can call it; every service also dies with its
 * process group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, killGroup, onCleanup } from '../../../scripts/e2e/n8n';

export interface Service {
	name: string;
	port: number;
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid) killGroup(child.pid, signal);
}

/** SIGKILLs every service still running (for exit handlers). */
export function stopServices(): void {
	for (const child of running) signalGroup(child, 'SIGKILL');
	running.clear();
}

interface Owner {
	uid: number;
	gid: number;
}

function startProcess(name: string, command: string, args: string[], logFile: string, owner?: Owner): ChildProcess {
	const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...owner });
	running.add(child);
	const log = createWriteStream(logFile);
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	child.on('close', () => running.delete(child));
	child.on('error', (error) => log.write(`[${name}] ${error.message}\n`));
	return child;
}

function stopper(child: ChildProcess, gracefulSignal: NodeJS.Signals): () => Promise<void> {
	return async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
		signalGroup(child, gracefulSignal);
		const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
		await closed;
		clearTimeout(timer);
	};
}

async function waitUntil(what: string, probe: () => Promise<boolean>, child: ChildProcess, logFile: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await probe())) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see ${logFile}`);
		if (Date.now() > deadline) throw new Error(`${what} did not become ready within 60 s; see ${logFile}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		let answer = '';
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

export async function startRedis(logDir: string): Promise<Service> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-redis-'));
	onCleanup(dir);
	const logFile = join(logDir, 'queue-redis.log');
	const child = startProcess(
		'redis',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		logFile,
	);
	await waitUntil('redis-server', () => redisPing(port), child, logFile);
	return { name: 'redis', port, stop: stopper(child, 'SIGTERM') };
}

function postgresBin(program: string): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const version of versions) {
		const candidate = join(root, version, 'bin', program);
		if (existsSync(candidate)) return candidate;
	}
	throw new Error(`${program} not found under ${root}: apt-get install postgresql`);
}

function postgresOwner(): Owner | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const uid = id('-u');
	const gid = id('-g');
	if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root needs the "postgres" user (Debian package postgresql)');
	return { uid, gid };
}

export interface Postgres extends Service {
	/** DB_* variables that point n8n at the cluster's database. */
	env: NodeJS.ProcessEnv;
}

export async function startPostgres(logDir: string): Promise<Postgres> {
	const owner = postgresOwner();
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	onCleanup(dir);
	const dataDir = join(dir, 'data');
	mkdirSync(dataDir);
	if (owner) {
		chownSync(dir, owner.uid, owner.gid);
		chownSync(dataDir, owner.uid, owner.gid);
	}
	const user = 'n8n';
	const init = spawnSync(
		postgresBin('initdb'),
		['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
		{ encoding: 'utf8', cwd: dir, ...owner },
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const logFile = join(logDir, 'queue-postgres.log');
	const child = startProcess(
		'postgres',
		postgresBin('postgres'),
		[
			'-D', dataDir, '-p', String(port), '-k', dir,
			'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
			'-c', 'max_connections=100',
		],
		logFile,
		owner,
	);
	const ready = () =>
		Promise.resolve(spawnSync(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user]).status === 0);
	await waitUntil('postgres', ready, child, logFile);
	const created = spawnSync(postgresBin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, 'n8n'], { encoding: 'utf8' });
	if (created.status !== 0) throw new Error(`createdb failed:\n${created.stderr}`);
	return {
		name: 'postgres',
		port,
		// SIGINT: PostgreSQL's fast shutdown (ends sessions, no waiting for clients).
		stop: stopper(child, 'SIGINT'),
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}
