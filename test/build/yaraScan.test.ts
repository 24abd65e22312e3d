/**
 * scripts/scan/yara.ts, the YARA leg of `npm run scan`, on small packages made here: it must find
 * what GuardDog's rules flag, in the files each rule is written for, and fail on a broken rule.
 * Needs Debian's `yara` (.ci/run installs it).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { RULES_DIR, ruleAppliesTo, runYaraRules, yaraVersion } from '../../scripts/scan/yara';

let work: string;

beforeAll(() => {
	if (!yaraVersion()) throw new Error('yara is not installed: bash scripts/scan/ensure-yara.sh (Debian: apt-get install -y yara)');
});
beforeEach(() => {
	work = mkdtempSync(join(tmpdir(), 'yara-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function writePackage(files: Record<string, string>): string {
	const dir = join(work, 'package');
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(dir, path, '..'), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	return dir;
}

/** Three quoted 160-character base64 runs: GuardDog's obfuscation rule wants at least three. */
const BASE64_PAYLOADS = ['A', 'B', 'C'].map((letter) => `const ${letter.toLowerCase()} = "${letter.repeat(160)}";`).join('\n');

describe('YARA leg of npm run scan', () => {
	it('reports nothing for a clean package, having run every threat-* rule over every file', () => {
		const dir = writePackage({
			'package.json': JSON.stringify({ name: 'clean', version: '1.0.0', peerDependencies: { 'n8n-workflow': '*' } }),
			'dist/index.js': 'exports.add = (a, b) => a + b;\n',
		});
		const report = runYaraRules(dir);
		expect(report.rules.length).toBe(43);
		expect(report.filesScanned).toBe(2);
		expect(report).toMatchObject({ findings: [], failures: [], outOfScope: [] });
	});

	it('finds obfuscation in a .js file, and only notes the same text in a file the rule is not written for', () => {
		const dir = writePackage({ 'package.json': '{"name":"p","version":"1.0.0"}', 'dist/payload.js': BASE64_PAYLOADS, 'docs/payload.txt': BASE64_PAYLOADS });
		const report = runYaraRules(dir);
		expect(report.findings.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: 'threat-runtime-obfuscation', file: 'dist/payload.js' }]);
		expect(report.findings[0].strings[0]).toMatch(/^0x[0-9a-f]+:\$b64_1: "AAAA/);
		expect(report.outOfScope.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: 'threat-runtime-obfuscation', file: 'docs/payload.txt' }]);
	});

	it('finds a dependency fetched over plain HTTP in package.json', () => {
		const dir = writePackage({ 'package.json': JSON.stringify({ name: 'p', version: '1.0.0', dependencies: { helper: 'http://203.0.113.7/helper.tgz' } }) });
		expect(runYaraRules(dir).findings.map((finding) => finding.rule)).toEqual(['threat-npm-http-dependency']);
	});

	it('counts a rule that does not compile as a failure, not as a pass', () => {
		const rules = join(work, 'rules');
		mkdirSync(rules);
		copyFileSync(join(RULES_DIR, 'threat-runtime-obfuscation.yar'), join(rules, 'threat-runtime-obfuscation.yar'));
		writeFileSync(join(rules, 'threat-broken.yar'), 'rule threat_broken { condition: $missing }\n');
		const report = runYaraRules(writePackage({ 'index.js': '1;\n' }), rules);
		expect(report.rules).toEqual(['threat-broken.yar', 'threat-runtime-obfuscation.yar']);
		expect(report.failures).toHaveLength(1);
		expect(report.failures[0]).toMatch(/^threat-broken\.yar: yara exit 1: error: rule "threat_broken" in .*threat-broken\.yar\(1\): undefined string "\$missing"/);
	});

	it.each([
		['*/package.json,package.json', 'package.json', true],
		['*/package.json,package.json', 'dist/nodes/Foo/Foo.node.js', false],
		['*.js,*.ts', 'dist/nodes/Foo/Foo.node.js', true],
		['*.js,*.ts', 'dist/nodes/Foo/Foo.node.js.map', false],
		[undefined, 'dist/nodes/Foo/netsuite.svg', true],
	])('path_include %j selects %s: %s', (include, path, applies) => {
		const rule = `rule threat_x {\n    meta:\n        ${include === undefined ? '' : `path_include = "${include}"`}\n    condition: true\n}`;
		expect(ruleAppliesTo(rule, path)).toBe(applies);
	});
});
