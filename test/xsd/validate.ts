import { execFile } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { attributesOf, NETSUITE_URN_VERSION, qname, SCHEMA_VERSION, schemaIndex, TOKEN, type QName } from './schema-index';

/**
 * Validates SOAP envelopes against NetSuite's 2025_2 XSDs (test/fixtures/xsd/2025_2) with libxml2's
 * xmllint. The Body must hold exactly one element the schemas declare (the operation, e.g.
 * `platformMsgs:asyncAddList`), validated strictly; Header blocks the schemas declare
 * (`tokenPassport`, `preferences`, `searchPreferences`, …) are validated too, unknown ones skipped
 * as SOAP allows.
 *
 * Speed: compiling all 46 schemas takes xmllint ≈ 1.5 s, and xmllint cannot keep a compiled schema.
 * So each run compiles only the closure of the components the documents use (schema-index.ts), and
 * those pruned files are written once per distinct set of components and reused.
 */

export interface XsdError {
	/** Line in the validated document (as given). */
	line: number;
	/** Local name of the element libxml2 reports on, e.g. `record`. */
	element?: string;
	/** libxml2's message, e.g. `Element '{urn:…}record': The type definition is abstract.` */
	message: string;
}

export interface XsdResult {
	valid: boolean;
	errors: XsdError[];
}

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const SOAP_ENVELOPE_XSD = join(__dirname, 'soap-envelope.xsd');
const XMLLINT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Bump when the pruned output changes, so no process reuses schema files an older version wrote. */
const PRUNED_FORMAT = 1;
/**
 * Pruned schemas are content-addressed and shared by every process of this checkout (jest workers are
 * killed without an exit event, so per-process directories would pile up); documents are written per
 * batch and removed after it.
 */
let cachePath: string | undefined;

/** Per checkout, pruning format and schema content. */
function cacheDirectory(): string {
	cachePath ??= join(
		tmpdir(),
		`netsuite-xsd-cache-${createHash('sha256').update(`${__dirname}\u0000${PRUNED_FORMAT}\u0000${schemaIndex().fingerprint}`).digest('hex').slice(0, 12)}`,
	);
	return cachePath;
}
const wrappers = new Map<string, string>();

/** Written under a temporary name and renamed, so a concurrent reader never sees half a file. */
function writeAtomically(path: string, text: string): void {
	const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	writeFileSync(temporary, text);
	renameSync(temporary, path);
}

/** Components the document names: elements the schemas declare globally, and every xsi:type. */
function seedsOf(xml: string, names: Set<string>): Set<QName> {
	const seeds = new Set<QName>();
	const scopes: Array<Map<string, string>> = [new Map()];
	const index = schemaIndex();
	for (const match of xml.matchAll(TOKEN)) {
		const [, closing, tagName, rawAttributes, selfClosing] = match;
		if (tagName === undefined) continue;
		if (closing) {
			scopes.pop();
			continue;
		}
		const attributes = attributesOf(rawAttributes);
		const scope = new Map(scopes[scopes.length - 1]);
		for (const [name, value] of attributes) {
			if (name === 'xmlns') scope.set('', value);
			else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
		}
		const resolve = (name: string, useDefault: boolean): QName | undefined => {
			const colon = name.indexOf(':');
			const namespace = colon === -1 ? (useDefault ? scope.get('') : '') : scope.get(name.slice(0, colon));
			return namespace === undefined ? undefined : qname(namespace, name.slice(colon + 1));
		};
		names.add(tagName.slice(tagName.indexOf(':') + 1));
		const element = resolve(tagName, true);
		if (element && index.elements.has(element)) seeds.add(element);
		for (const [name, value] of attributes) {
			const colon = name.indexOf(':');
			if (colon !== -1 && name.slice(colon + 1) === 'type' && scope.get(name.slice(0, colon)) === XSI_NS) {
				const type = resolve(value.trim(), true);
				if (type) seeds.add(type);
			}
		}
		if (!selfClosing) scopes.push(scope);
	}
	return seeds;
}

/** The wrapper schema for this set of components, written on first use. */
function wrapperFor(seeds: Set<QName>, names: Set<string> | undefined): string {
	const key = createHash('sha256')
		.update([...seeds].sort().join('\n'))
		.update('\u0000')
		.update(names ? [...names].sort().join('\n') : '*')
		.digest('hex')
		.slice(0, 24);
	const cached = wrappers.get(key);
	if (cached && existsSync(cached)) return cached;
	const directory = join(cacheDirectory(), key);
	const wrapper = join(directory, 'wrapper.xsd');
	// The wrapper is written last: when it exists, so do the pruned files it imports.
	if (existsSync(wrapper)) {
		wrappers.set(key, wrapper);
		return wrapper;
	}
	mkdirSync(directory, { recursive: true });
	const imports = schemaIndex()
		.prunedSchemas(seeds, names)
		.map((schema, position) => {
			const path = join(directory, `${position}.xsd`);
			writeAtomically(path, schema.text);
			return `<xs:import namespace="${schema.namespace}" schemaLocation="${path}"/>`;
		});
	imports.push(`<xs:import namespace="http://schemas.xmlsoap.org/soap/envelope/" schemaLocation="${SOAP_ENVELOPE_XSD}"/>`);
	writeAtomically(
		wrapper,
		`<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports.join('\n')}\n</xs:schema>\n`,
	);
	wrappers.set(key, wrapper);
	return wrapper;
}

function runXmllint(args: string[]): Promise<{ code: number; stderr: string }> {
	return new Promise((resolve, reject) => {
		execFile('xmllint', args, { timeout: XMLLINT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES }, (error, _stdout, stderr) => {
			const code = error ? (error as NodeJS.ErrnoException & { code?: unknown }).code : 0;
			if (code === 'ENOENT') {
				reject(new Error('xmllint is not installed: apt-get install libxml2-utils (Debian/Ubuntu) or brew install libxml2.'));
				return;
			}
			resolve({ code: typeof code === 'number' ? code : error ? 1 : 0, stderr });
		});
	});
}

/** `file:12: element record: Schemas validity error : Element '…': …` and parser errors alike. */
const ERROR_LINE = /^(.*?):(\d+): (?:element ([^:]+): )?([^:]*?(?:error|warning)) : (.*)$/;

/** One xmllint run for all of them (the schema is compiled once): use it for many envelopes. */
export interface ValidateOptions {
	/** Compile all 46 schemas instead of what the documents use (≈ 1.5 s; the same verdicts, fuller hints). */
	wholeSchema?: boolean;
}

export async function validateEnvelopes(xmls: string[], options: ValidateOptions = {}): Promise<XsdResult[]> {
	if (xmls.length === 0) return [];
	// NetSuite's namespaces carry the endpoint version; the 2025_2 schemas validate other versions' documents.
	const documents = xmls.map((xml) => xml.replace(NETSUITE_URN_VERSION, `$1${SCHEMA_VERSION}$3`));
	const seeds = new Set<QName>();
	const names = new Set<string>();
	for (const document of documents) for (const seed of seedsOf(document, names)) seeds.add(seed);
	const wrapper = options.wholeSchema ? wrapperFor(new Set(schemaIndex().allComponentKeys()), undefined) : wrapperFor(seeds, names);
	mkdirSync(cacheDirectory(), { recursive: true });
	const batch = mkdtempSync(join(cacheDirectory(), 'batch-'));
	const paths = documents.map((document, position) => {
		const path = join(batch, `envelope-${position}.xml`);
		writeFileSync(path, document);
		return path;
	});
	try {
		const { code, stderr } = await runXmllint(['--noout', '--nonet', '--schema', wrapper, ...paths]);
		const results: XsdResult[] = paths.map(() => ({ valid: true, errors: [] }));
		const byPath = new Map(paths.map((path, position) => [path, results[position]]));
		for (const line of stderr.split('\n')) {
			const match = ERROR_LINE.exec(line);
			const result = match ? byPath.get(match[1]) : undefined;
			if (match && result && !/warning$/.test(match[4])) {
				// The pruned schema lists only the elements the document uses in its hints: leave them out.
				const message = match[5].replace(/ Expected is .*$/, '').trim();
				result.errors.push({ line: Number(match[2]), element: match[3]?.trim(), message });
			}
			const failed = /^(.*) fails to validate$/.exec(line);
			if (failed && byPath.has(failed[1])) (byPath.get(failed[1]) as XsdResult).valid = false;
		}
		for (const result of results) if (result.errors.length > 0) result.valid = false;
		if (code !== 0 && results.every((result) => result.valid)) {
			throw new Error(`xmllint failed (exit ${code}) without naming a document:\n${stderr.slice(0, 4000)}`);
		}
		return results;
	} finally {
		rmSync(batch, { recursive: true, force: true });
	}
}

export async function validateEnvelope(xml: string, options: ValidateOptions = {}): Promise<XsdResult> {
	return (await validateEnvelopes([xml], options))[0];
}

/** The errors as lines for a test failure or a fault string. */
export function describeErrors(result: XsdResult): string {
	return result.errors.map((error) => `line ${error.line}: ${error.message}`).join('\n');
}

/** Throws an Error listing every schema violation; for tests. */
export async function assertSchemaValid(xml: string): Promise<void> {
	const result = await validateEnvelope(xml);
	if (!result.valid) throw new Error(`The envelope is not valid against the ${SCHEMA_VERSION} XSDs:\n${describeErrors(result)}`);
}
