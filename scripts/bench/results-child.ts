/**
 * Child process of part 4 (results-memory.ts): reads one job's results with the real node's Get
 * Async Result through n8n's engine while sampling its own memory, so the peak is this run's and
 * not the benchmark's or the simulator's. Talks to the parent over IPC.
 */
import '../../test/setup-env';

import { performance } from 'perf_hooks';

import { NODE_NAME, runNode } from './workflow';

export interface ChildRequest {
	endpointUrl: string;
	credentials: Record<string, string>;
	warmupJobId: string;
	jobId: string;
}

export interface ChildReport {
	baseline: NodeJS.MemoryUsage;
	peakRss: number;
	peakHeapUsed: number;
	peakExternal: number;
	after: NodeJS.MemoryUsage;
	maxRssKb: number;
	runMs: number;
	nodeMs: number;
	items: number;
	badIndexes: number;
	status: string;
	error?: string;
	samples: number;
}

async function readResults(request: ChildRequest, jobId: string) {
	return await runNode(request, { operation: 'getAsyncResult', jobId, pages: 'all', outputMode: 'perRecord' }, [{}]);
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(request: ChildRequest): Promise<ChildReport> {
	// Loads and compiles everything once, on a small job, so the measured run is only the results.
	await readResults(request, request.warmupJobId);
	gc?.();
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;
	let peakHeapUsed = baseline.heapUsed;
	let peakExternal = baseline.external;
	let samples = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		samples++;
		peakRss = Math.max(peakRss, usage.rss);
		peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
		peakExternal = Math.max(peakExternal, usage.external);
	};
	const sampler = setInterval(sample, 2);

	const start = performance.now();
	const result = await readResults(request, request.jobId);
	const runMs = performance.now() - start;
	clearInterval(sampler);
	sample();

	const items = result.status === 'success' ? result.items(NODE_NAME) : [];
	let badIndexes = 0;
	items.forEach((json, position) => {
		if (json.index !== position + 1 || json.jobId !== request.jobId || typeof json.record !== 'object') badIndexes++;
	});
	const task = result.runData[NODE_NAME]?.at(-1);
	return {
		baseline,
		peakRss,
		peakHeapUsed,
		peakExternal,
		after: process.memoryUsage(),
		maxRssKb: process.resourceUsage().maxRSS,
		runMs,
		nodeMs: task?.executionTime ?? Number.NaN,
		items: items.length,
		badIndexes,
		status: result.status,
		error: result.error?.message ?? result.nodeError(NODE_NAME)?.message,
		samples,
	};
}

process.once('message', (request: ChildRequest) => {
	main(request).then(
		(report) => process.send!({ report }, () => process.exit(0)),
		(error: Error) => process.send!({ error: error.stack ?? error.message }, () => process.exit(1)),
	);
});
