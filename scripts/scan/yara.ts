/**
 * The YARA pass of n8n's newer community-package scanner (n8n-io/n8n PR #38095, scanner/yara.mjs),
 * run with Debian's `yara` instead of its WebAssembly YARA-X: every GuardDog `threat-*` rule in
 * ./guarddog-rules over every file of the unpacked tarball. A match in a file the rule is written
 * for (its `path_include` / `path_exclude` globs, matched against `package/<path>` and the file name,
 * as yara.mjs and GuardDog do) is a finding; a rule that does not compile is a failure, not a skip.
 */
import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { basename, join, relative, sep } from 'path';

export const RULES_DIR = join(__dirname, 'guarddog-rules');

export interface YaraFinding {
	rule: string;
	file: string;
	/** The rule's first matching strings, as yara prints them (offset:identifier: text). */
	strings: string[];
}

export interface YaraReport {
	rules: string[];
	filesScanned: number;
	findings: YaraFinding[];
	/** Rules that yara could not compile or run, with its message. */
	failures: string[];
	/** Matches outside the files a rule is written for (not findings; listed for the record). */
	outOfScope: YaraFinding[];
}

function globToRegExp(glob: string): RegExp {
	return new RegExp(`^${glob.trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

function metaValue(ruleSource: string, key: string): string | undefined {
	return new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm').exec(ruleSource)?.[1];
}

/** Whether a rule's path globs select this file (no path_include: every file). */
export function ruleAppliesTo(ruleSource: string, relativePath: string): boolean {
	const tarballPath = `package/${relativePath}`;
	const matches = (globs: string | undefined): boolean =>
		(globs ?? '')
			.split(',')
			.filter((glob) => glob.trim() !== '')
			.map(globToRegExp)
			.some((pattern) => pattern.test(tarballPath) || pattern.test(basename(relativePath)));
	const include = metaValue(ruleSource, 'path_include');
	return (include === undefined || matches(include)) && !matches(metaValue(ruleSource, 'path_exclude'));
}

function listFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
	);
}

/** Reads `yara -s` output: "rule_name /path" per match, then "0xOFFSET:$id: text" lines. */
function parseMatches(stdout: string, packageDir: string): YaraFinding[] {
	const matches: YaraFinding[] = [];
	for (const line of stdout.split('\n')) {
		if (line === '') continue;
		if (/^0x[0-9a-f]+:/.test(line)) {
			const current = matches[matches.length - 1];
			if (current && current.strings.length < 5) current.strings.push(line.slice(0, 200));
			continue;
		}
		const space = line.indexOf(' ');
		matches.push({
			rule: line.slice(0, space).replace(/_/g, '-'),
			file: relative(packageDir, line.slice(space + 1)).split(sep).join('/'),
			strings: [],
		});
	}
	return matches;
}

export function yaraVersion(): string | undefined {
	const result = spawnSync('yara', ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

export function runYaraRules(packageDir: string, rulesDir = RULES_DIR): YaraReport {
	const rules = readdirSync(rulesDir)
		.filter((name) => name.startsWith('threat-') && name.endsWith('.yar'))
		.sort();
	const report: YaraReport = {
		rules,
		filesScanned: listFiles(packageDir).length,
		findings: [],
		failures: [],
		outOfScope: [],
	};
	for (const rule of rules) {
		const rulePath = join(rulesDir, rule);
		const source = readFileSync(rulePath, 'utf8');
		// -w: GuardDog's rules carry warnings (slow regexes) that yara prints but that change no match.
		const result = spawnSync('yara', ['-w', '-r', '-s', rulePath, packageDir], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		if (result.error || result.status !== 0) {
			report.failures.push(`${rule}: ${result.error?.message ?? `yara exit ${result.status}: ${result.stderr.trim()}`}`);
			continue;
		}
		for (const match of parseMatches(result.stdout, packageDir)) {
			if (!match.rule.startsWith('threat-')) continue;
			(ruleAppliesTo(source, match.file) ? report.findings : report.outOfScope).push(match);
		}
	}
	return report;
}
