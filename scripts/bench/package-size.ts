/**
 * Part 5: what installing and loading the package costs. The bundle is rebuilt (scripts/build/bundle.ts,
 * plus the icons and codex), `npm pack --dry-run` gives the tarball's packed and unpacked size, and
 * fresh Node processes time `require()` of the built node and credential the way n8n loads them:
 * with n8n-workflow already in memory (n8n has loaded it before any community package).
 */
import { spawnSync } from 'child_process';
import { join, resolve } from 'path';

import { bundlePackage } from '../build/bundle';
import { fixed, median, type Report } from './table';

const ROOT = resolve(__dirname, '..', '..');
const LOAD_RUNS = 15;
/** An empty process spends ~1 s loading n8n-workflow itself; fewer runs keep the bench short. */
const COLD_LOAD_RUNS = 5;
export const PACKED_GOAL_BYTES = 1024 * 1024;
export const REQUIRE_GOAL_MS = 150;

export interface PackageBenchResult {
	packedBytes: number;
	unpackedBytes: number;
	files: number;
	nodeRequireMs: number;
	credentialRequireMs: number;
	/** Node module including n8n-workflow itself, for a process that has loaded nothing. */
	coldNodeRequireMs: number;
}

interface PackResult {
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

function runOrThrow(command: string, args: string[]): string {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	return result.stdout;
}

const NODE_FILE = join(ROOT, 'dist/nodes/NetSuiteAsync/NetSuiteAsync.node.js');
const CREDENTIAL_FILE = join(ROOT, 'dist/credentials/NetSuiteTbaApi.credentials.js');

/** One fresh process: milliseconds to require each file (JSON on stdout). */
function timeRequires(preloadN8nWorkflow: boolean): { node: number; credential: number } {
	const script = `
		const { performance } = require('perf_hooks');
		${preloadN8nWorkflow ? "require('n8n-workflow');" : ''}
		let start = performance.now();
		const { NetSuiteAsync } = require(${JSON.stringify(NODE_FILE)});
		const node = performance.now() - start;
		start = performance.now();
		const { NetSuiteTbaApi } = require(${JSON.stringify(CREDENTIAL_FILE)});
		const credential = performance.now() - start;
		if (new NetSuiteAsync().description.name !== 'netSuiteAsync' || new NetSuiteTbaApi().name !== 'netSuiteTbaApi') process.exit(3);
		process.stdout.write(JSON.stringify({ node, credential }));`;
	return JSON.parse(runOrThrow(process.execPath, ['-e', script])) as { node: number; credential: number };
}

export async function runPackageBench(report: Report): Promise<PackageBenchResult> {
	await bundlePackage();
	runOrThrow('npx', ['gulp', 'build:assets']);
	const packOutput = runOrThrow('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
	const [pack] = JSON.parse(packOutput.slice(packOutput.indexOf('['))) as PackResult[];
	const manifest = require(join(ROOT, 'package.json')) as { dependencies?: Record<string, string> };
	report.check(Object.keys(manifest.dependencies ?? {}).length === 0, `package.json has runtime dependencies: ${JSON.stringify(manifest.dependencies)}`);
	report.check(!pack.files.some((file) => file.path.includes('node_modules/')), 'the tarball contains node_modules/');

	const warm = Array.from({ length: LOAD_RUNS }, () => timeRequires(true));
	const cold = Array.from({ length: COLD_LOAD_RUNS }, () => timeRequires(false));
	const result: PackageBenchResult = {
		packedBytes: pack.size,
		unpackedBytes: pack.unpackedSize,
		files: pack.entryCount,
		nodeRequireMs: median(warm.map((run) => run.node)),
		credentialRequireMs: median(warm.map((run) => run.credential)),
		coldNodeRequireMs: median(cold.map((run) => run.node)),
	};
	const kib = (bytes: number) => `${fixed(bytes / 1024, 0)} KiB`;
	report.add({
		title: '5. Package: tarball size and load time',
		headers: ['Measure', 'Value', 'Goal'],
		rows: [
			['tarball, packed (npm pack)', kib(result.packedBytes), `≤ ${kib(PACKED_GOAL_BYTES)}`],
			['tarball, unpacked', `${kib(result.unpackedBytes)} in ${result.files} files`, ''],
			...pack.files
				.filter((file) => file.path.endsWith('.js'))
				.map((file) => [`  ${file.path}`, kib(file.size), '']),
			['require() node module, n8n-workflow loaded (median)', `${fixed(result.nodeRequireMs, 1)} ms`, `≤ ${REQUIRE_GOAL_MS} ms`],
			['require() credential module after it (median)', `${fixed(result.credentialRequireMs, 1)} ms`, ''],
			['require() node module in an empty process, n8n-workflow included', `${fixed(result.coldNodeRequireMs, 1)} ms`, ''],
		],
		notes: [
			`Load times: median of ${LOAD_RUNS} fresh \`node\` processes (${COLD_LOAD_RUNS} for the empty-process row), ${process.version}. The .js.map files are in the unpacked size.`,
		],
	});
	return result;
}
