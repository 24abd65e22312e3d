/**
 * Part 4: time and memory to turn a 10,000-row, 5-page search result into 10,000 n8n items with the
 * real node's Get Async Result (All Pages, One Item per Record), measured in a child process.
 */
import { fork } from 'child_process';
import { join } from 'path';

import type { SearchRecord } from '../../test/simulator/types';
import type { RemoteSimulator } from './remote-simulator';
import type { ChildReport, ChildRequest } from './results-child';
import { fixed, megabytes, type Report } from './table';

const ROWS = 10_000;
const PAGE_SIZE = 2_000;
const CHILD_TIMEOUT_MS = 90_000;
const JOB_ID = 'BENCH_SEARCH_10K';
const WARMUP_JOB_ID = 'BENCH_SEARCH_WARMUP';

/** A customer search row the way NetSuite returns one: a handful of body fields and RecordRefs. */
export function customer(index: number): SearchRecord {
	return {
		recordType: 'Customer',
		internalId: String(10_000 + index),
		externalId: `CUST-${String(index).padStart(6, '0')}`,
		fields: {
			entityId: `Customer ${index}`,
			companyName: `Company ${index} & Sons Ltd.`,
			email: `customer${index}@example.com`,
			phone: `+1 555 ${String(index % 10_000).padStart(4, '0')}`,
			isInactive: 'false',
			dateCreated: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
			subsidiary: { internalId: '1', name: 'Parent Company', type: 'subsidiary' },
			salesRep: { internalId: String(200 + (index % 17)), name: `Rep ${index % 17}` },
			terms: { internalId: '2', name: 'Net 30' },
			balance: `${(index * 13.37) % 10_000}`,
		},
	};
}

function runChild(request: ChildRequest): Promise<ChildReport> {
	return new Promise((resolve, reject) => {
		const child = fork(join(__dirname, 'results-child.ts'), [], {
			execArgv: [...process.execArgv, '--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the results child did not answer within ${CHILD_TIMEOUT_MS / 1000} s`));
		}, CHILD_TIMEOUT_MS);
		child.once('message', (message: { report?: ChildReport; error?: string }) => {
			clearTimeout(timer);
			if (message.report) resolve(message.report);
			else reject(new Error(`the results child failed: ${message.error}`));
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the results child exited with code ${code} before reporting`));
		});
		child.send(request);
	});
}

export interface ResultsMemoryResult {
	report?: ChildReport;
}

export async function runResultsMemoryBench(report: Report, simulator: RemoteSimulator): Promise<ResultsMemoryResult> {
	const finished = { steps: [{ status: 'finished', percentCompleted: 100 }] };
	const search = (rows: number) => ({ kind: 'search' as const, records: Array.from({ length: rows }, (_, index) => customer(index + 1)), pageSize: PAGE_SIZE });
	await simulator.addJobs([
		{ jobId: JOB_ID, options: { script: finished, results: search(ROWS) } },
		{ jobId: WARMUP_JOB_ID, options: { script: finished, results: search(200) } },
	]);
	await simulator.resetCounters();

	let child: ChildReport | undefined;
	try {
		child = await runChild({
			endpointUrl: simulator.endpointUrl,
			credentials: simulator.credentials,
			warmupJobId: WARMUP_JOB_ID,
			jobId: JOB_ID,
		});
	} catch (error) {
		report.check(false, `results: ${(error as Error).message}`);
		return {};
	}
	const pages = (await simulator.counters()).resultPagesByJob[JOB_ID] ?? [];
	const expectedPages = Array.from({ length: Math.ceil(ROWS / PAGE_SIZE) }, (_, index) => index + 1);
	report.check(child.status === 'success', `results: the workflow ended ${child.status}${child.error ? `: ${child.error}` : ''}`);
	report.check(child.items === ROWS && child.badIndexes === 0, `results: ${child.items} items out of ${ROWS}, ${child.badIndexes} with a wrong index/jobId/record`);
	report.check(JSON.stringify(pages) === JSON.stringify(expectedPages), `results: pages read ${JSON.stringify(pages)}, expected each of ${JSON.stringify(expectedPages)} once`);

	const perThousand = (ms: number) => `${fixed((ms / ROWS) * 1000, 0)} ms`;
	report.add({
		title: `4. Results: a ${ROWS.toLocaleString('en-US')}-row search (${expectedPages.length} pages of ${PAGE_SIZE}) read by Get Async Result (All Pages, One Item per Record)`,
		headers: ['Measure', 'Value'],
		rows: [
			['items out (index 1…10,000 in order, checked)', `${child.items.toLocaleString('en-US')} (${child.badIndexes} wrong)`],
			['getAsyncResult calls (each page once, checked)', `${pages.length}: ${pages.join(', ')}`],
			['time to emit: node execution', `${fixed(child.nodeMs / 1000, 2)} s (${perThousand(child.nodeMs)} per 1,000 rows)`],
			['time to emit: whole workflow run', `${fixed(child.runMs / 1000, 2)} s`],
			['peak RSS (kernel maxRSS of the child)', megabytes(child.maxRssKb * 1024)],
			['peak RSS sampled during the run / baseline before it', `${megabytes(child.peakRss)} / ${megabytes(child.baseline.rss)} (+${megabytes(child.peakRss - child.baseline.rss)})`],
			['peak V8 heap used sampled during the run / baseline', `${megabytes(child.peakHeapUsed)} / ${megabytes(child.baseline.heapUsed)} (+${megabytes(child.peakHeapUsed - child.baseline.heapUsed)})`],
			['heap used right after the run (items held by n8n)', megabytes(child.after.heapUsed)],
		],
		notes: [
			`Measured in a child process (n8n engine, node and credential loaded and warmed up on a 200-row job first), memory sampled every 2 ms (${child.samples} samples; a sampled peak is a lower bound), the simulator in a process of its own. Every row is a Customer with 10 body fields, 3 of them RecordRefs.`,
		],
	});
	return { report: child };
}
