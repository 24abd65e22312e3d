/**
 * 10,000 customers upserted by Submit Async Job through n8n's engine against the simulator (in its
 * own process, short jobs, XSD validation off so that xmllint's time is not counted): 50 jobs of
 * 200, waited for, results paired back. Counts what could go missing on the way.
 */
import { performance } from 'perf_hooks';

import { RemoteSimulator } from './remote-simulator';
import { fixed, megabytes, type Report } from './table';
import { NODE_NAME, runNode } from './workflow';

const CUSTOMERS = 10_000;
const PER_JOB = 200;

export async function runSubmitEngineBench(report: Report): Promise<{ wallMs: number; lost: number }> {
	const simulator = await RemoteSimulator.start({ validateXsd: false, submitJobScript: { durationMs: 500, pendingMs: 100 } });
	try {
		const items = Array.from({ length: CUSTOMERS }, (_, index) => {
			const id = String(index).padStart(5, '0');
			return { externalId: `BENCH-${id}`, companyName: `Bench Customer ${id}`, email: `b${id}@example.com`, subsidiary: { internalId: '1' } };
		});
		const rssBefore = process.memoryUsage().rss;
		const started = performance.now();
		const result = await runNode(
			simulator,
			{
				operation: 'submitAsyncJob',
				asyncOperation: 'asyncUpsertList',
				recordType: 'customer',
				record: '={{ $json }}',
				waitForResults: true,
				pollInterval: 0.2,
				pollTimeout: 600,
				options: { recordsPerJob: PER_JOB },
			},
			items,
		);
		const wallMs = performance.now() - started;
		const rssAfter = process.memoryUsage().rss;
		const outputs = result.status === 'success' ? result.outputs(NODE_NAME)[0] : [];
		const counters = await simulator.counters();
		const stored = await simulator.recordCount('customer');
		const paired = outputs.filter((output, index) => {
			const pairedItem = output.pairedItem as { item: number } | undefined;
			return pairedItem?.item === index && output.json.externalId === items[index].externalId && output.json.isSuccess === true;
		}).length;
		const submissions = counters.byOperation.asyncUpsertList ?? 0;
		const lost = CUSTOMERS - paired;
		report.check(result.status === 'success', `submit engine: the run ended ${result.status}${result.error ? `: ${result.error.message}` : ''}`);
		report.check(submissions === CUSTOMERS / PER_JOB, `submit engine: ${submissions} submissions, expected ${CUSTOMERS / PER_JOB}`);
		report.check(lost === 0, `submit engine: ${lost} of ${CUSTOMERS} items without their own successful result`);
		report.check(stored === CUSTOMERS, `submit engine: the simulator holds ${stored} customers, expected ${CUSTOMERS}`);
		report.add({
			title: 'Submit: 10,000 customers upserted through n8n\'s engine (Submit Async Job, Wait for Results)',
			headers: ['Customers', 'Jobs submitted', 'Items out, paired and saved', 'Lost', 'Wall time', 'Customers/s', 'RSS growth'],
			rows: [
				[
					String(CUSTOMERS),
					String(submissions),
					String(paired),
					String(lost),
					`${fixed(wallMs / 1000, 1)} s`,
					fixed((CUSTOMERS / wallMs) * 1000, 0),
					megabytes(Math.max(0, rssAfter - rssBefore)),
				],
			],
			notes: [
				`Simulated jobs take 0.5 s each and run first in, first out; status checks ${counters.byOperation.checkAsyncStatus ?? 0}, result reads ${counters.byOperation.getAsyncResult ?? 0} (one per job). The wall time is the node's building and reading plus the simulator's, not NetSuite's queue.`,
			],
		});
		return { wallMs, lost };
	} finally {
		await simulator.close();
	}
}
