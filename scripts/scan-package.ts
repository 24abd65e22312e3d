/**
 * `npm run scan` (= npm run build && tsx scripts/scan-package.ts): n8n's community-package scanner,
 * @n8n/scan-community-package, on this package before it is published.
 *
 * The scanner's CLI only takes a name on the npm registry (it downloads the published tarball and
 * the source its provenance attests), so this script calls its `analyzePackage(dir, patterns)` on
 * the two things the CLI would scan, with the same file patterns:
 *   - source:  the repository's package.json and nodes/, credentials/ (`SOURCE_FILE_PATTERNS`);
 *   - tarball: `npm pack` of the built package, unpacked: its compiled .js and package.json.
 *
 * Every finding is printed. The expected ones are the rules against runtime dependencies: the
 * `dependencies` field (no-runtime-dependencies) and the imports of xmlbuilder2 and fast-xml-parser
 * (no-restricted-imports), both deliberate (the package is not for n8n Cloud; see the README).
 * Any other finding, or a scan that cannot run, exits 1. docs/community-checks.md lists the findings.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import { pathToFileURL } from 'url';

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
	expected: boolean;
}

/** xmlbuilder2 and fast-xml-parser are the package's two deliberate runtime dependencies. */
const EXPECTED_IMPORT = /^(Import|Require|Dynamic import) of '(xmlbuilder2|fast-xml-parser)(\/[^']*)?' is not allowed/;

function isExpected(finding: Omit<Finding, 'expected'>): boolean {
	if (finding.severity !== 'error') return false;
	if (finding.rule === '@n8n/community-nodes/no-runtime-dependencies') return finding.file === 'package.json';
	if (finding.rule === '@n8n/community-nodes/no-restricted-imports') return EXPECTED_IMPORT.test(finding.message);
	return false;
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
		findings.push({ ...finding, expected: isExpected(finding) });
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
		console.log(
			`   ${f.expected ? 'expected  ' : 'UNEXPECTED'} ${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message}`,
		);
	}
	return { findings };
}

async function main(): Promise<void> {
	const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [ROOT] });
	// The scanner makes a temporary folder when loaded (for the downloads of its CLI); remove it on exit.
	(require(require.resolve('tmp', { paths: [dirname(scannerPath)] })) as { setGracefulCleanup(): void }).setGracefulCleanup();
	const scanner = (await import(pathToFileURL(scannerPath).href)) as Scanner;
	const version = (require(join(ROOT, 'node_modules', '@n8n', 'scan-community-package', 'package.json')) as { version: string })
		.version;
	console.log(`@n8n/scan-community-package ${version}`);

	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	const failures: string[] = [];
	let unexpected = 0;
	let expected = 0;
	try {
		const distMissing = readdirSync(ROOT).includes('dist') ? [] : ['dist/ is missing: run npm run build first'];
		failures.push(...distMissing);
		const legs: Array<[string, string, string[]]> = [['source', ROOT, scanner.SOURCE_FILE_PATTERNS]];
		if (!distMissing.length) {
			const { tarball, dir } = packAndUnpack(work);
			console.log(`packed ${relative(work, tarball)}`);
			legs.push(['tarball', dir, TARBALL_FILE_PATTERNS]);
		}
		for (const [label, dir, patterns] of legs) {
			const { findings, failure } = await scan(scanner, label, dir, patterns);
			if (failure) failures.push(failure);
			expected += findings.filter((f) => f.expected).length;
			unexpected += findings.filter((f) => !f.expected).length;
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}

	console.log(
		`\nscan: ${expected} expected finding${expected === 1 ? '' : 's'} (runtime dependencies xmlbuilder2, fast-xml-parser), ` +
			`${unexpected} unexpected`,
	);
	for (const failure of failures) console.log(`error: ${failure}`);
	if (unexpected > 0 || failures.length > 0) {
		console.log('Fix the unexpected findings (or, for a deliberate choice, list it in scripts/scan-package.ts and docs/community-checks.md).');
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
