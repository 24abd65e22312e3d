/**
 * `npm run scan` (= npm run build && tsx scripts/scan-package.ts): what n8n checks before a community
 * package is verified, run on this package before it is published. Passes only with ZERO findings.
 *
 * 1. @n8n/scan-community-package's `analyzePackage(dir, patterns)` on the two things its CLI scans
 *    for a published package (the CLI only takes a registry name), with the same file patterns:
 *      - source:  the repository's package.json and nodes/, credentials/ (`SOURCE_FILE_PATTERNS`);
 *      - tarball: `npm pack` of the built package, unpacked: its .js files and package.json.
 * 2. The GuardDog `threat-*` YARA rules of n8n's newer scanner over every file of the unpacked
 *    tarball (scripts/scan/yara.ts; needs Debian's `yara`).
 * 3. The tarball holds no dependency: package.json has no `dependencies` and `npm pack` put no
 *    node_modules in it.
 *
 * Every finding is printed; any finding, or a check that cannot run, exits 1. docs/community-checks.md
 * describes the checks and the last results.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import { pathToFileURL } from 'url';

import { runYaraRules, yaraVersion, type YaraReport } from './scan/yara';

interface AnalyzeResult {
	passed: boolean;
	message?: string;
	/** ESLint's "stylish" report of every linted file with a problem. */
	details?: string;
	error?: unknown;
}

interface Scanner {
	analyzePackage(packageDir: string, filePatterns?: string[]): Promise<AnalyzeResult>;
	SOURCE_FILE_PATTERNS: string[];
}

/** What analyzePackageByName lints in the unpacked tarball. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const ROOT = resolve(__dirname, '..');

interface Finding {
	file: string;
	line: number;
	column: number;
	severity: string;
	message: string;
	rule: string;
}

/** Reads ESLint's stylish report: a file's path on its own line, then "  line:col  severity  message  rule". */
function parseStylish(details: string, baseDir: string): Finding[] {
	// eslint-disable-next-line no-control-regex
	const text = details.replace(/\u001b\[[0-9;]*m/g, '');
	const findings: Finding[] = [];
	let file = '';
	for (const line of text.split('\n')) {
		if (/^\S/.test(line) && !line.startsWith('✖')) {
			file = relative(baseDir, line.trim());
			continue;
		}
		const match = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)\s{2,}(\S+)\s*$/.exec(line);
		if (!match) continue;
		const finding = {
			file,
			line: Number(match[1]),
			column: Number(match[2]),
			severity: match[3],
			message: match[4].replace(/\s*\[autofixable\]$/, ''),
			rule: match[5],
		};
		findings.push(finding);
	}
	return findings;
}

function run(command: string, args: string[], cwd: string): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

/** `npm pack` of the repository (built already), unpacked into a fresh folder. */
function packAndUnpack(work: string): { tarball: string; dir: string } {
	const output = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
	const packed = JSON.parse(output.slice(output.indexOf('['))) as Array<{ filename: string }>;
	const tarball = join(work, packed[0].filename);
	const dir = join(work, 'package');
	run('mkdir', ['-p', dir], work);
	run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], work);
	return { tarball, dir };
}

async function scan(
	scanner: Scanner,
	label: string,
	dir: string,
	patterns: string[],
): Promise<{ findings: Finding[]; failure?: string }> {
	console.log(`\n== ${label}: ${dir} (${patterns.join(', ')})`);
	const result = await scanner.analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`   passed${result.message ? ` (${result.message})` : ''}: no findings`);
		return { findings: [] };
	}
	if (!result.details) {
		return { findings: [], failure: `${label}: the scan did not run: ${result.message ?? 'no details'}` };
	}
	const findings = parseStylish(result.details, dir);
	if (findings.length === 0) {
		return { findings, failure: `${label}: the scanner failed but its report could not be read:\n${result.details}` };
	}
	for (const f of findings) {
		console.log(`   FINDING ${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message}`);
	}
	return { findings };
}

function printYara(report: YaraReport): number {
	console.log(`   ${report.rules.length} threat-* rules × ${report.filesScanned} files`);
	for (const failure of report.failures) console.log(`   RULE FAILED ${failure}`);
	for (const finding of report.findings) {
		console.log(`   FINDING ${finding.file} ${finding.rule}`);
		for (const text of finding.strings) console.log(`      ${text}`);
	}
	for (const match of report.outOfScope) {
		console.log(`   (not a finding: ${match.rule} matched ${match.file}, a file outside the rule's path_include)`);
	}
	if (report.findings.length === 0 && report.failures.length === 0) console.log('   passed: no findings');
	return report.findings.length;
}

/** What n8n's installer would fetch besides the package itself. */
function bundledDependencyProblems(packageDir: string): string[] {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
	const problems: string[] = [];
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const value = manifest[field];
		if (value && Object.keys(value).length > 0) problems.push(`package.json ${field} is not empty: ${JSON.stringify(value)}`);
	}
	if (existsSync(join(packageDir, 'node_modules'))) problems.push('the tarball contains node_modules/');
	return problems;
}

async function main(): Promise<void> {
	const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [ROOT] });
	// The scanner makes a temporary folder when loaded (for the downloads of its CLI); remove it on exit.
	(require(require.resolve('tmp', { paths: [dirname(scannerPath)] })) as { setGracefulCleanup(): void }).setGracefulCleanup();
	const scanner = (await import(pathToFileURL(scannerPath).href)) as Scanner;
	const version = (require(join(ROOT, 'node_modules', '@n8n', 'scan-community-package', 'package.json')) as { version: string })
		.version;
	const yara = yaraVersion();
	console.log(`@n8n/scan-community-package ${version}; yara ${yara ?? 'NOT INSTALLED'}`);

	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	const failures: string[] = [];
	let findings = 0;
	try {
		const distMissing = readdirSync(ROOT).includes('dist') ? [] : ['dist/ is missing: run npm run build first'];
		failures.push(...distMissing);
		const legs: Array<[string, string, string[]]> = [['source', ROOT, scanner.SOURCE_FILE_PATTERNS]];
		let unpacked: string | undefined;
		if (!distMissing.length) {
			const { tarball, dir } = packAndUnpack(work);
			console.log(`packed ${relative(work, tarball)}`);
			legs.push(['tarball', dir, TARBALL_FILE_PATTERNS]);
			unpacked = dir;
		}
		for (const [label, dir, patterns] of legs) {
			const result = await scan(scanner, label, dir, patterns);
			if (result.failure) failures.push(result.failure);
			findings += result.findings.length;
		}
		if (unpacked) {
			console.log(`\n== GuardDog threat-* YARA rules (scripts/scan/guarddog-rules) over every file of ${unpacked}`);
			if (yara) {
				const report = runYaraRules(unpacked);
				findings += printYara(report);
				failures.push(...report.failures.map((failure) => `YARA rule did not run: ${failure}`));
			} else {
				failures.push('yara is not installed (Debian: apt-get install -y yara); the YARA rules did not run');
			}
			console.log(`\n== self-contained tarball (no dependency for n8n's installer to fetch)`);
			const problems = bundledDependencyProblems(unpacked);
			for (const problem of problems) console.log(`   FINDING ${problem}`);
			if (problems.length === 0) console.log('   passed: no dependencies, no node_modules');
			findings += problems.length;
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}

	console.log(`\nscan: ${findings} finding${findings === 1 ? '' : 's'}`);
	for (const failure of failures) console.log(`error: ${failure}`);
	if (findings > 0 || failures.length > 0) {
		console.log('The package must pass with zero findings: fix each one (docs/community-checks.md).');
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
