/**
 * `npm run bench`: the package against the ways people poll NetSuite today, in one run.
 *   1. polling policy on a simulated clock   (polling-policy.ts)
 *   2. per-request CPU overhead              (overhead.ts)
 *   3. fan-out through n8n's engine           (fan-out.ts)
 *  3b. account-aware concurrency, off vs on  (fan-out.ts)
 *   4. a 10,000-row result, time and memory  (results-memory.ts, in a child process)
 * Prints one table per part, writes them to scripts/bench/last-results.md, and exits non-zero when
 * a correctness check inside fails (a lost item, a wrong count, a policy copy that drifted).
 */
import '../../test/setup-env';

import { writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

import { runAccountConcurrencyBench, runFanOutBench } from './fan-out';
import { runOverheadInChild } from './overhead-child';
import { RemoteSimulator } from './remote-simulator';
import { runPollingBench } from './polling-policy';
import { runResultsMemoryBench } from './results-memory';
import { fixed, megabytes, ratio, Report } from './table';

const RUNTIME_BUDGET_S = 180;

async function main(): Promise<void> {
	const started = performance.now();
	const report = new Report();
	const machine = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at start`;
	console.log(`n8n-nodes-netsuite-async benchmark — ${machine}`);

	const timings: string[] = [];
	const timed = async <T>(label: string, part: () => Promise<T> | T): Promise<T> => {
		const start = performance.now();
		const value = await part();
		timings.push(`${label} ${fixed((performance.now() - start) / 1000, 1)} s`);
		return value;
	};

	// CPU-bound and noise-sensitive: in a clean child process, before anything else runs.
	const overhead = await timed('overhead', () => runOverheadInChild(report));
	const polling = await timed('polling', () => runPollingBench(report));
	const simulator = await RemoteSimulator.start();
	let fanOut: Awaited<ReturnType<typeof runFanOutBench>> | undefined;
	let learnt: Awaited<ReturnType<typeof runAccountConcurrencyBench>> | undefined;
	let results: Awaited<ReturnType<typeof runResultsMemoryBench>> | undefined;
	try {
		fanOut = await timed('fan-out', () => runFanOutBench(report, simulator));
		learnt = await timed('concurrency', () => runAccountConcurrencyBench(report, simulator));
		results = await timed('results', () => runResultsMemoryBench(report, simulator));
	} catch (error) {
		report.check(false, `benchmark crashed: ${(error as Error).stack ?? error}`);
	} finally {
		await simulator.close();
	}

	const runtimeS = (performance.now() - started) / 1000;
	const c5 = fanOut?.runs.find((run) => run.concurrency === 5);
	const c10 = fanOut?.runs.find((run) => run.concurrency === 10);
	const idealMs = Math.ceil(500 / 5) * 20;
	const child = results?.report;
	const { summary } = polling;
	report.add({
		title: 'Summary: goals from the issue',
		headers: ['Goal', 'Measured', 'Verdict'],
		rows: [
			['1. ≥ 3× fewer status requests than fixed 5 s on jobs > 2 min', `worst class ${ratio(summary.minRequestRatio)}`, summary.minRequestRatio >= 3 ? 'met' : 'NOT MET'],
			['1. mean notice delay no worse than fixed 30 s on those jobs', `worst class ${ratio(summary.maxDelayRatio, 2)} of fixed 30 s`, summary.maxDelayRatio <= 1 ? 'met' : 'NOT MET'],
			[
				'2. own overhead < 0.1 % of a 300 ms round trip (300 µs)',
				overhead ? `${fixed(overhead.oursUs, 0)} µs CPU (DIY ${fixed(overhead.diyUs, 0)} µs)` : 'not run',
				overhead?.goalMet ? 'met' : 'NOT MET',
			],
			['3. concurrency 10 survives WS_REQUEST_BLOCKED with zero lost items', c10 ? `${c10.blocked} blocked, ${c10.lost} lost` : 'not run', c10 && c10.lost === 0 ? 'met' : 'NOT MET'],
			['3. wall time at concurrency 5 vs ideal ⌈500/5⌉ × 20 ms', c5 ? `${fixed(c5.nodeMs / 1000, 2)} s = ${ratio(c5.nodeMs / idealMs, 2)}` : 'not run', 'reported'],
			['3. wall time at concurrency 10 (over the limit) vs ideal', c10 ? `${fixed(c10.nodeMs / 1000, 2)} s = ${ratio(c10.nodeMs / idealMs, 2)}` : 'not run', 'reported'],
			...[5, 10, 20].map((concurrency) => {
				const run = learnt?.find((entry) => entry.learning && entry.concurrency === concurrency);
				const before = learnt?.find((entry) => !entry.learning && entry.concurrency === concurrency);
				return [
					`3b. ${concurrency} at once vs account limit 5: wall ≤ 1.3× ideal, blocked ≤ 5 %, 0 lost`,
					run
						? `${ratio(run.wallRatio, 2)}, ${fixed(run.blockedShare * 100, 1)} % blocked, ${run.lost} lost (before: ${before ? `${ratio(before.wallRatio, 2)}, ${fixed(before.blockedShare * 100, 1)} %, ${before.lost} lost` : 'not run'})`
						: 'not run',
					run?.goalMet ? 'met' : 'NOT MET',
				];
			}),
			['4. 10,000-row result: time to emit, peak RSS', child ? `${fixed(child.nodeMs / 1000, 2)} s, ${megabytes(child.maxRssKb * 1024)}` : 'not run', 'reported'],
			['npm run bench under 3 minutes', `${fixed(runtimeS, 0)} s (${timings.join(', ')})`, runtimeS < RUNTIME_BUDGET_S ? 'met' : 'NOT MET'],
			['correctness checks inside the benchmark', report.failures.length ? `${report.failures.length} failed` : 'all passed', report.failures.length ? 'FAILED' : 'passed'],
		],
	});

	const header = [
		'## Benchmark results',
		'',
		`\`npm run bench\` on ${machine}, ${new Date().toISOString().slice(0, 10)}; total ${fixed(runtimeS, 0)} s.`,
	].join('\n');
	writeFileSync(join(__dirname, 'last-results.md'), report.markdown(header));
	console.log(`Tables written to scripts/bench/last-results.md. Total ${fixed(runtimeS, 1)} s.`);

	if (report.failures.length) {
		console.error(`\n${report.failures.length} correctness check(s) failed:\n- ${report.failures.join('\n- ')}`);
		process.exitCode = 1;
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exitCode = 1;
});
