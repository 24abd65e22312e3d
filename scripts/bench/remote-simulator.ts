/** Parent side of simulator-process.ts: the simulator calls the benchmark needs, over IPC. */
import { fork, type ChildProcess } from 'child_process';
import { join } from 'path';

import type { JobOptions, SimulatorCounters, SimulatorOptions } from '../../test/simulator/types';
import type { SimulatorCall, SimulatorHello } from './simulator-process';
import type { SimulatorTarget } from './workflow';

const START_TIMEOUT_MS = 30_000;

export class RemoteSimulator implements SimulatorTarget {
	private nextId = 0;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	private constructor(
		private readonly child: ChildProcess,
		readonly endpointUrl: string,
		readonly credentials: Record<string, string>,
	) {
		child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
			const entry = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!entry) return;
			this.pending.delete(message.id!);
			if (message.error) entry.reject(new Error(`simulator process: ${message.error}`));
			else entry.resolve(message.result);
		});
		child.on('exit', (code) => {
			for (const entry of this.pending.values()) entry.reject(new Error(`simulator process exited (${code})`));
			this.pending.clear();
		});
	}

	static start(options: SimulatorOptions = {}): Promise<RemoteSimulator> {
		const child = fork(join(__dirname, 'simulator-process.ts'), [], {
			execArgv: process.execArgv,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			env: { ...process.env, SIMULATOR_OPTIONS: JSON.stringify(options) },
		});
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error('the simulator process did not start'));
			}, START_TIMEOUT_MS);
			child.once('message', (message: { hello?: SimulatorHello }) => {
				clearTimeout(timer);
				if (!message.hello) return reject(new Error('the simulator process sent no hello'));
				resolve(new RemoteSimulator(child, message.hello.endpointUrl, message.hello.credentials));
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the simulator process exited (${code}) before starting`));
			});
		});
	}

	private call<T>(call: SimulatorCall): Promise<T> {
		const id = ++this.nextId;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ id, call });
		});
	}

	async addJobs(jobs: Array<{ jobId: string; options: JobOptions }>): Promise<void> {
		await this.call({ method: 'addJobs', jobs });
	}

	async setLatency(ms: number): Promise<void> {
		await this.call({ method: 'setLatency', ms });
	}

	async setConcurrencyLimit(limit: number | undefined): Promise<void> {
		await this.call({ method: 'setConcurrencyLimit', limit: limit ?? null });
	}

	async resetCounters(): Promise<void> {
		await this.call({ method: 'resetCounters' });
	}

	counters(): Promise<SimulatorCounters> {
		return this.call<SimulatorCounters>({ method: 'counters' });
	}

	recordCount(recordType: string): Promise<number> {
		return this.call<number>({ method: 'recordCount', recordType });
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		await this.call({ method: 'close' }).catch(() => undefined);
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}
}
