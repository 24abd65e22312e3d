/**
 * NetSuite's SuiteTalk XSDs → the compact schema model the node reads and writes records by
 * (`nodes/NetSuiteAsync/suitetalk/schema/model-<version>.json`; its shape is documented in
 * `schema/model.ts`).
 *
 *   npm run generate:schema [-- <xsd folder> [<output file>]]
 *
 * Defaults: test/fixtures/xsd/2025_2 → nodes/NetSuiteAsync/suitetalk/schema/model-2025_2.json.
 * The output is deterministic (a test regenerates it and compares bytes). Any XSD construct the
 * model cannot express (choice, group, anonymous types, lists, unions) stops the generator rather
 * than being skipped, so a newer schema version cannot silently lose fields.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

import type { SearchKind } from '../nodes/NetSuiteAsync/suitetalk/schema/model';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XSD_PREFIX = 'xsd';
const NETSUITE_VERSION = /_(\d{4}_\d)\./;
export const VERSION_PLACEHOLDER = '{version}';

type Node = Record<string, unknown>;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	transformTagName: (name) => name.slice(name.indexOf(':') + 1),
	parseTagValue: false,
	parseAttributeValue: false,
	isArray: (name) =>
		['element', 'complexType', 'simpleType', 'attribute', 'enumeration', 'import'].includes(name.slice(name.indexOf(':') + 1)),
});

const KNOWN_SCHEMA_CHILDREN = new Set(['import', 'element', 'complexType', 'simpleType']);
const KNOWN_COMPLEX_TYPE_CHILDREN = new Set(['sequence', 'attribute', 'complexContent', 'simpleContent']);

interface SchemaFile {
	path: string;
	targetNamespace: string;
	/** Prefix → namespace URI as declared on this file's root element. */
	declared: Map<string, string>;
	defaultNamespace?: string;
	root: Node;
}

/** `[name, type]` when minOccurs 0 / maxOccurs 1, else `[name, type, min, max]` (+ default). */
type ElementTuple = [string, string] | [string, string, number, number | 'unbounded'] | [string, string, number, number | 'unbounded', string];
/** `[name, type]`, or `[name, type, use]`, or `[name, type, use, default]`. */
type AttributeTuple = [string, string] | [string, string, 'required' | 'optional'] | [string, string, 'required' | 'optional', string];

interface ComplexTypeEntry {
	base?: string;
	abstract?: true;
	/** simpleContent: the element's own text has this type. */
	text?: string;
	attributes?: AttributeTuple[];
	elements?: ElementTuple[];
}

interface SimpleTypeEntry {
	base: string;
	enumeration?: string[];
}

export interface GeneratedModel {
	version: string;
	namespaces: Record<string, string>;
	recordTypes: Record<string, string | null>;
	searchTypes: Record<string, SearchKind>;
	elements: Record<string, string>;
	complexTypes: Record<string, ComplexTypeEntry>;
	simpleTypes: Record<string, SimpleTypeEntry>;
}

function asArray<T>(value: T | T[] | undefined): T[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function attr(node: Node, name: string): string | undefined {
	const value = node[`@_${name}`];
	return typeof value === 'string' ? value : undefined;
}

function requireAttr(node: Node, name: string, where: string): string {
	const value = attr(node, name);
	if (value === undefined) throw new Error(`${where}: missing attribute ${name}`);
	return value;
}

function childKeys(node: Node): string[] {
	return Object.keys(node).filter((key) => !key.startsWith('@_') && key !== '#text');
}

function assertOnly(node: Node, allowed: Set<string>, where: string): void {
	for (const key of childKeys(node)) {
		if (!allowed.has(key)) throw new Error(`${where}: unsupported XSD construct <${key}>`);
	}
}

function listXsdFiles(folder: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(folder).sort()) {
		const path = join(folder, entry);
		if (statSync(path).isDirectory()) found.push(...listXsdFiles(path));
		else if (entry.endsWith('.xsd')) found.push(path);
	}
	return found;
}

function readSchemaFile(path: string, base: string): SchemaFile {
	const document = parser.parse(readFileSync(path, 'utf8')) as Node;
	const root = document.schema as Node | undefined;
	if (!root) throw new Error(`${path}: no <schema> root`);
	const declared = new Map<string, string>();
	let defaultNamespace: string | undefined;
	for (const [key, value] of Object.entries(root)) {
		if (typeof value !== 'string') continue;
		if (key.startsWith('@_xmlns:')) declared.set(key.slice('@_xmlns:'.length), value);
		else if (key === '@_xmlns') defaultNamespace = value;
	}
	return {
		path: relative(base, path),
		targetNamespace: requireAttr(root, 'targetNamespace', path),
		declared,
		defaultNamespace,
		root,
	};
}

/** Namespace with its release replaced by `{version}`, so one table serves every YYYY_N endpoint. */
function namespaceTemplate(uri: string): string {
	return uri.replace(NETSUITE_VERSION, `_${VERSION_PLACEHOLDER}.`);
}

export function generateSchemaModel(xsdFolder: string): GeneratedModel {
	const files = listXsdFiles(xsdFolder).map((path) => readSchemaFile(path, xsdFolder));
	if (files.length === 0) throw new Error(`No .xsd files under ${xsdFolder}`);

	// The prefix each file declares for its own namespace is Oracle's alias (SUBMIT.md §2.2); other
	// files may spell the same namespace differently, so every QName is re-prefixed through its URI.
	const prefixOfNamespace = new Map<string, string>([[XSD_NS, XSD_PREFIX]]);
	const namespaces: Record<string, string> = {};
	let version: string | undefined;
	for (const file of files) {
		const own = [...file.declared].find(([, uri]) => uri === file.targetNamespace);
		if (!own) throw new Error(`${file.path}: declares no prefix for its own namespace ${file.targetNamespace}`);
		const [prefix] = own;
		if (namespaces[prefix] !== undefined) throw new Error(`${file.path}: prefix ${prefix} used by two schema files`);
		prefixOfNamespace.set(file.targetNamespace, prefix);
		namespaces[prefix] = namespaceTemplate(file.targetNamespace);
		const fileVersion = NETSUITE_VERSION.exec(file.targetNamespace)?.[1];
		if (!fileVersion || (version !== undefined && version !== fileVersion)) {
			throw new Error(`${file.path}: namespace ${file.targetNamespace} has no or a different release than ${version}`);
		}
		version = fileVersion;
	}

	function qualify(file: SchemaFile, qname: string): string {
		const colon = qname.indexOf(':');
		const uri = colon < 0 ? file.defaultNamespace : file.declared.get(qname.slice(0, colon));
		const prefix = uri === undefined ? undefined : prefixOfNamespace.get(uri);
		if (prefix === undefined) throw new Error(`${file.path}: cannot resolve the namespace of ${qname}`);
		return `${prefix}:${qname.slice(colon + 1)}`;
	}

	const elements: Record<string, string> = {};
	const complexTypes: Record<string, ComplexTypeEntry> = {};
	const simpleTypes: Record<string, SimpleTypeEntry> = {};

	for (const file of files) {
		assertOnly(file.root, KNOWN_SCHEMA_CHILDREN, file.path);
		const ownPrefix = prefixOfNamespace.get(file.targetNamespace)!;
		for (const element of asArray(file.root.element as Node[])) {
			const name = requireAttr(element, 'name', file.path);
			elements[`${ownPrefix}:${name}`] = qualify(file, requireAttr(element, 'type', `${file.path} element ${name}`));
		}
		for (const simpleType of asArray(file.root.simpleType as Node[])) {
			const name = requireAttr(simpleType, 'name', file.path);
			const where = `${file.path} simpleType ${name}`;
			assertOnly(simpleType, new Set(['restriction']), where);
			const restriction = simpleType.restriction as Node;
			assertOnly(restriction, new Set(['enumeration']), where);
			const entry: SimpleTypeEntry = { base: qualify(file, requireAttr(restriction, 'base', where)) };
			const values = asArray(restriction.enumeration as Node[]).map((value) => requireAttr(value, 'value', where));
			if (values.length > 0) entry.enumeration = values;
			simpleTypes[`${ownPrefix}:${name}`] = entry;
		}
	}

	for (const file of files) {
		const ownPrefix = prefixOfNamespace.get(file.targetNamespace)!;
		for (const complexType of asArray(file.root.complexType as Node[])) {
			const name = requireAttr(complexType, 'name', file.path);
			const where = `${file.path} complexType ${name}`;
			assertOnly(complexType, KNOWN_COMPLEX_TYPE_CHILDREN, where);
			const entry: ComplexTypeEntry = {};
			let body: Node = complexType;
			const content = (complexType.complexContent ?? complexType.simpleContent) as Node | undefined;
			if (content !== undefined) {
				assertOnly(content, new Set(['extension']), where);
				const extension = content.extension as Node;
				assertOnly(extension, new Set(['sequence', 'attribute']), where);
				const base = qualify(file, requireAttr(extension, 'base', where));
				if (complexType.simpleContent !== undefined) entry.text = base;
				else entry.base = base;
				body = extension;
			}
			if (attr(complexType, 'abstract') === 'true') entry.abstract = true;

			const attributes = asArray(body.attribute as Node[]).map((attribute): AttributeTuple => {
				const tuple: AttributeTuple = [
					requireAttr(attribute, 'name', where),
					qualify(file, requireAttr(attribute, 'type', where)),
				];
				const use = attr(attribute, 'use') as 'required' | 'optional' | undefined;
				const defaultValue = attr(attribute, 'default');
				if (use !== undefined || defaultValue !== undefined) {
					return defaultValue === undefined ? [...tuple, use ?? 'optional'] : [...tuple, use ?? 'optional', defaultValue];
				}
				return tuple;
			});
			if (attributes.length > 0) entry.attributes = attributes;

			const sequence = body.sequence as Node | undefined;
			if (sequence !== undefined && typeof sequence === 'object') {
				assertOnly(sequence, new Set(['element']), where);
				const tuples = asArray(sequence.element as Node[]).map((element): ElementTuple => {
					const ref = attr(element, 'ref');
					let elementName: string;
					let type: string;
					if (ref !== undefined) {
						// A referenced global element keeps its own namespace: the name is written qualified.
						elementName = qualify(file, ref);
						const referenced = elements[elementName];
						if (referenced === undefined) throw new Error(`${where}: unknown element ref ${ref}`);
						type = referenced;
						if (elementName.startsWith(`${ownPrefix}:`)) elementName = elementName.slice(ownPrefix.length + 1);
					} else {
						elementName = requireAttr(element, 'name', where);
						type = qualify(file, requireAttr(element, 'type', `${where} element ${elementName}`));
					}
					const min = Number(attr(element, 'minOccurs') ?? '1');
					const maxText = attr(element, 'maxOccurs') ?? '1';
					const max: number | 'unbounded' = maxText === 'unbounded' ? 'unbounded' : Number(maxText);
					const defaultValue = attr(element, 'default');
					if (defaultValue !== undefined) return [elementName, type, min, max, defaultValue];
					return min === 0 && max === 1 ? [elementName, type] : [elementName, type, min, max];
				});
				if (tuples.length > 0) entry.elements = tuples;
			}
			const qualified = `${ownPrefix}:${name}`;
			if (complexTypes[qualified] !== undefined) throw new Error(`${where}: declared twice`);
			complexTypes[qualified] = entry;
		}
	}

	function reaches(type: string, ancestor: string): boolean {
		for (let current: string | undefined = complexTypes[type]?.base; current !== undefined; current = complexTypes[current]?.base) {
			if (current === ancestor) return true;
		}
		return false;
	}

	const recordTypeValues = new Set(simpleTypes['platformCoreTyp:RecordType']?.enumeration ?? []);
	const recordTypes: Record<string, string | null> = {};
	const searchTypes: Record<string, SearchKind> = {};
	for (const type of Object.keys(complexTypes)) {
		const local = type.slice(type.indexOf(':') + 1);
		const concrete = complexTypes[type].abstract !== true;
		if (reaches(type, 'platformCore:Record')) {
			// RecordType values are the type name lower-camel-cased (SUBMIT.md §2.4); subrecords have none.
			const value = local[0].toLowerCase() + local.slice(1);
			recordTypes[type] = recordTypeValues.has(value) ? value : null;
		} else if (!concrete) continue;
		// Search types are what an xsi:type may name: the abstract bases (SearchRecordBasic, SearchRowBasic) are not.
		else if (reaches(type, 'platformCore:SearchRecordBasic')) searchTypes[type] = 'basic';
		else if (reaches(type, 'platformCore:SearchRecord')) {
			searchTypes[type] = complexTypes[type].attributes?.some(([attributeName]) => attributeName === 'savedSearchId') ? 'advanced' : 'search';
		} else if (reaches(type, 'platformCore:SearchRowBasic')) searchTypes[type] = 'rowBasic';
		else if (reaches(type, 'platformCore:SearchRow')) searchTypes[type] = 'row';
	}

	return {
		version: version!,
		namespaces: sortKeys(namespaces),
		recordTypes: sortKeys(recordTypes),
		searchTypes: sortKeys(searchTypes),
		elements: sortKeys(elements),
		complexTypes: sortKeys(complexTypes),
		simpleTypes: sortKeys(simpleTypes),
	};
}

function sortKeys<T>(map: Record<string, T>): Record<string, T> {
	const sorted: Record<string, T> = {};
	for (const key of Object.keys(map).sort()) sorted[key] = map[key];
	return sorted;
}

/** One table entry per line: small diffs when a release changes a type, still plain JSON. */
export function serializeSchemaModel(model: GeneratedModel): string {
	const sections = Object.entries(model).map(([key, value]) => {
		if (typeof value !== 'object' || value === null) return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
		const lines = Object.entries(value as Record<string, unknown>).map(
			([entryKey, entryValue]) => `${JSON.stringify(entryKey)}:${JSON.stringify(entryValue)}`,
		);
		return `${JSON.stringify(key)}:{\n${lines.join(',\n')}\n}`;
	});
	return `{\n${sections.join(',\n')}\n}\n`;
}

export const DEFAULT_XSD_FOLDER = resolve(__dirname, '../test/fixtures/xsd/2025_2');
export const DEFAULT_MODEL_FILE = resolve(__dirname, '../nodes/NetSuiteAsync/suitetalk/schema/model-2025_2.json');

if (require.main === module) {
	const [xsdFolder = DEFAULT_XSD_FOLDER, output = DEFAULT_MODEL_FILE] = process.argv.slice(2);
	const text = serializeSchemaModel(generateSchemaModel(resolve(xsdFolder)));
	writeFileSync(output, text);
	process.stdout.write(`${output}: ${text.length} bytes\n`);
}
