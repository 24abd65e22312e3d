/**
 * The SuiteTalk simulator in a process of its own, driven over IPC by remote-simulator.ts, so
 * that its CPU time (parsing requests, checking passports, writing responses) is not charged to
 * the node being measured: NetSuite does not run inside n8n either.
 */
import { startSimulator, type Simulator } from '../../test/simulator/server';
import type { JobOptions, SimulatorOptions } from '../../test/simulator/types';

export type SimulatorCall =
	| { method: 'addJobs'; jobs: Array<{ jobId: string; options: JobOptions }> }
	| { method: 'setLatency'; ms: number }
	| { method: 'setConcurrencyLimit'; limit: number | null }
	| { method: 'resetCounters' }
	| { method: 'counters' }
	| { method: 'recordCount'; recordType: string }
	| { method: 'close' };

export interface SimulatorHello {
	endpointUrl: string;
	credentials: Record<string, string>;
}

let simulator: Simulator | undefined;

function handle(call: SimulatorCall): unknown {
	const target = simulator!;
	switch (call.method) {
		case 'addJobs':
			for (const job of call.jobs) target.addJob(job.jobId, job.options);
			return call.jobs.length;
		case 'setLatency':
			return target.setLatency(call.ms);
		case 'setConcurrencyLimit':
			return target.setConcurrencyLimit(call.limit ?? undefined);
		case 'resetCounters':
			return target.resetCounters();
		case 'counters':
			return target.counters;
		case 'recordCount':
			return target.records.count(call.recordType);
		case 'close':
			return target.close().then(() => setImmediate(() => process.exit(0)));
	}
}

process.on('message', (message: { id: number; call: SimulatorCall }) => {
	Promise.resolve()
		.then(() => handle(message.call))
		.then(
			(result) => process.send!({ id: message.id, result }),
			(error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
		);
});

/** Options from the parent (e.g. the submit benchmark's short jobs, without XSD validation). */
const options = process.env.SIMULATOR_OPTIONS ? (JSON.parse(process.env.SIMULATOR_OPTIONS) as SimulatorOptions) : {};

startSimulator(options).then(
	(started) => {
		simulator = started;
		const hello: SimulatorHello = { endpointUrl: started.endpointUrl(), credentials: { ...started.credentials } };
		process.send!({ hello });
	},
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
// The parent going away must not leave a simulator behind.
process.on('disconnect', () => process.exit(0));
