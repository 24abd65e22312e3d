import { createHash } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * An index of NetSuite's 2025_2 XSDs (test/fixtures/xsd/2025_2), read from the files' text.
 *
 * The schemas use a small subset of XML Schema: named complexTypes and simpleTypes, global elements,
 * sequences, extensions, attributes and enumerations; no groups, choices, wildcards, anonymous types
 * or substitution groups. That makes two things cheap and exact: the closure of the components a
 * document needs (validate.ts compiles only that, not 2.8 MB of schema), and the element sequence of
 * a type with its base types (the simulator's record store orders and shapes fields by it).
 */

export const SCHEMA_VERSION = '2025_2';
export const XSD_ROOT = join(__dirname, '..', 'fixtures', 'xsd', SCHEMA_VERSION, 'xsd');
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** `{namespace}local`, the key of every schema component. */
export type QName = string;

export function qname(namespace: string, local: string): QName {
	return `{${namespace}}${local}`;
}

export function splitQName(key: QName): { namespace: string; local: string } {
	const close = key.indexOf('}');
	return { namespace: key.slice(1, close), local: key.slice(close + 1) };
}

export interface ElementDecl {
	name: string;
	/** The namespace the element is in: the target namespace of the schema declaring it (elementFormDefault=qualified). */
	namespace: string;
	type?: QName;
	ref?: QName;
	minOccurs: number;
	/** maxOccurs > 1 */
	repeats: boolean;
}

export interface TypeDef {
	key: QName;
	kind: 'complexType' | 'simpleType';
	abstract: boolean;
	base?: QName;
	/** This type's own sequence (base types' elements not included). */
	elements: ElementDecl[];
	attributes: string[];
	enumeration: string[];
	simpleContent: boolean;
}

interface Component {
	key: QName;
	/** 'T' type, 'E' global element */
	space: 'T' | 'E';
	text: string;
	/** Components this one references whatever the document holds, as space-prefixed keys. */
	refs: string[];
	/** A type's sequence elements: their type is needed only when the document uses the name, or it is required. */
	elementRefs: Array<{ name: string; required: boolean; ref?: string; token: string }>;
}

interface SchemaFile {
	path: string;
	namespace: string;
	rootOpen: string;
	rootClose: string;
	imports: string[];
	importTag: string;
	components: Component[];
}

/** One XML tag (groups: closing slash, name, attributes, self-closing slash), or a comment, CDATA or PI. */
export const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
/** The version in a NetSuite URN (`urn:core_2024_2.platform…`): groups prefix, version, suffix. */
export const NETSUITE_URN_VERSION =
	/(urn:(?:types\.)?[a-z]+_)(\d{4}_\d)(\.(?:platform|lists|transactions|setup|activities|general|documents)\.webservices\.netsuite\.com)/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function attributesOf(source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const match of source.matchAll(ATTRIBUTE)) attributes.set(match[1], match[2] ?? match[3] ?? '');
	return attributes;
}

function local(name: string): string {
	return name.slice(name.indexOf(':') + 1);
}

export class SchemaIndex {
	readonly types = new Map<QName, TypeDef>();
	readonly elements = new Map<QName, ElementDecl>();
	private readonly files: SchemaFile[] = [];
	private readonly components = new Map<string, { file: SchemaFile; component: Component }>();
	private readonly flattened = new Map<QName, ElementDecl[]>();
	/** sha256 of every schema file read, in order: changes whenever the schemas do. */
	readonly fingerprint: string;
	private readonly contentHash = createHash('sha256');

	constructor(root: string) {
		for (const group of readdirSync(root).sort()) {
			for (const name of readdirSync(join(root, group)).sort()) {
				if (name.endsWith('.xsd')) this.read(join(root, group, name));
			}
		}
		this.fingerprint = this.contentHash.digest('hex');
	}

	/** The type's elements in document order: base types' sequences first. */
	sequence(typeKey: QName): ElementDecl[] {
		const cached = this.flattened.get(typeKey);
		if (cached) return cached;
		const type = this.types.get(typeKey);
		const own = type?.elements ?? [];
		const result = type?.base ? [...this.sequence(type.base), ...own] : own;
		this.flattened.set(typeKey, result);
		return result;
	}

	/** Attribute names the type declares, base types included. */
	attributes(typeKey: QName): string[] {
		const type = this.types.get(typeKey);
		if (!type) return [];
		return type.base ? [...this.attributes(type.base), ...type.attributes] : type.attributes;
	}

	/** Whether `typeKey` is `ancestorKey` or derives from it. */
	derivesFrom(typeKey: QName, ancestorKey: QName): boolean {
		for (let current: QName | undefined = typeKey; current; current = this.types.get(current)?.base) {
			if (current === ancestorKey) return true;
		}
		return false;
	}

	/** The element's type, following `ref` to the global element. */
	elementType(element: ElementDecl): QName | undefined {
		return element.type ?? (element.ref ? this.elements.get(element.ref)?.type : undefined);
	}

	/** The element called `name` in the type's sequence (bases included). */
	child(typeKey: QName, name: string): ElementDecl | undefined {
		return this.sequence(typeKey).find((element) => element.name === name);
	}

	/** Every type and global element: to compile the whole model (slow), e.g. to check pruning. */
	allComponentKeys(): QName[] {
		return [...this.components.values()].map((entry) => entry.component.key);
	}

	/**
	 * The schema files needed to validate a document that uses these components (types and global
	 * elements, by key): each file keeps its own text for the components in the closure, and its
	 * imports without a schemaLocation (the caller imports every file once).
	 */
	prunedSchemas(seeds: Iterable<QName>, usedNames?: ReadonlySet<string>): Array<{ namespace: string; text: string }> {
		const wanted = new Set<string>();
		const pending: string[] = [];
		const keeps = (element: Component['elementRefs'][number]) => element.required || !usedNames || usedNames.has(element.name);
		for (const seed of seeds) {
			for (const space of ['T', 'E']) {
				const id = space + seed;
				if (this.components.has(id) && !wanted.has(id)) {
					wanted.add(id);
					pending.push(id);
				}
			}
		}
		while (pending.length > 0) {
			const entry = this.components.get(pending.pop() as string);
			const elementRefs = (entry?.component.elementRefs ?? []).filter(keeps).map((element) => element.ref);
			for (const ref of [...(entry?.component.refs ?? []), ...elementRefs]) {
				if (ref === undefined) continue;
				if (!wanted.has(ref) && this.components.has(ref)) {
					wanted.add(ref);
					pending.push(ref);
				}
			}
		}
		const result: Array<{ namespace: string; text: string }> = [];
		for (const file of this.files) {
			const kept = file.components.filter((component) => wanted.has(component.space + component.key));
			if (kept.length === 0) continue;
			const imports = file.imports.map((namespace) => `<${file.importTag} namespace="${namespace}"/>`);
			result.push({
				namespace: file.namespace,
				text: [file.rootOpen, ...imports, ...kept.map((component) => withoutUnusedElements(component, keeps)), file.rootClose].join('\n'),
			});
		}
		return result;
	}

	private read(path: string): void {
		const text = readFileSync(path, 'utf8');
		this.contentHash.update(path.split(/[\\/]/).slice(-2).join('/')).update(text);
		let prefixes = new Map<string, string>();
		let file: SchemaFile | undefined;
		let depth = 0;
		let componentStart = -1;
		let componentTag: { name: string; attributes: Map<string, string> } | undefined;
		let current: TypeDef | undefined;
		let refs = new Set<string>();
		let elementRefs: Component['elementRefs'] = [];

		const resolve = (value: string | undefined): QName | undefined => {
			if (value === undefined) return undefined;
			const colon = value.indexOf(':');
			const namespace = prefixes.get(colon === -1 ? '' : value.slice(0, colon));
			return namespace === undefined ? undefined : qname(namespace, value.slice(colon + 1));
		};
		const reference = (space: 'T' | 'E', value: string | undefined): QName | undefined => {
			const key = resolve(value);
			if (key && !key.startsWith(`{${XSD_NS}}`)) refs.add(space + key);
			return key;
		};

		for (const match of text.matchAll(TOKEN)) {
			const [token, closing, tagName, rawAttributes, selfClosing] = match;
			if (tagName === undefined) continue;
			const name = local(tagName);
			if (closing) {
				depth -= 1;
				if (depth === 1 && componentTag && file) this.finishComponent(file, componentTag, text.slice(componentStart, (match.index ?? 0) + token.length), current, refs, elementRefs);
				if (depth === 1) componentTag = undefined;
				if (depth === 0 && file) {
					file.rootClose = token;
					this.files.push(file);
				}
				continue;
			}
			const attributes = attributesOf(rawAttributes);
			if (depth === 0) {
				prefixes = new Map();
				for (const [key, value] of attributes) {
					if (key === 'xmlns') prefixes.set('', value);
					else if (key.startsWith('xmlns:')) prefixes.set(key.slice(6), value);
				}
				file = {
					path,
					namespace: attributes.get('targetNamespace') ?? '',
					rootOpen: token,
					rootClose: '',
					imports: [],
					importTag: tagName,
					components: [],
				};
			} else if (depth === 1 && file) {
				if (name === 'import') {
					file.imports.push(attributes.get('namespace') ?? '');
					file.importTag = tagName;
				} else {
					componentStart = match.index ?? 0;
					componentTag = { name, attributes };
					refs = new Set();
					elementRefs = [];
					current = undefined;
					const key = qname(file.namespace, attributes.get('name') ?? '');
					if (name === 'complexType' || name === 'simpleType') {
						current = {
							key,
							kind: name,
							abstract: attributes.get('abstract') === 'true',
							elements: [],
							attributes: [],
							enumeration: [],
							simpleContent: false,
						};
					} else if (name === 'element') {
						const element: ElementDecl = {
							name: attributes.get('name') ?? '',
							namespace: file.namespace,
							type: reference('T', attributes.get('type')),
							minOccurs: 1,
							repeats: false,
						};
						this.elements.set(key, element);
					}
					if (selfClosing && file) {
						this.finishComponent(file, componentTag, token, current, refs, elementRefs);
						componentTag = undefined;
					}
				}
			} else if (current && file) {
				if (name === 'extension' || name === 'restriction') current.base = reference('T', attributes.get('base'));
				else if (name === 'simpleContent') current.simpleContent = true;
				else if (name === 'enumeration') current.enumeration.push(attributes.get('value') ?? '');
				else if (name === 'attribute') {
					reference('T', attributes.get('type'));
					current.attributes.push(attributes.get('name') ?? '');
				} else if (name === 'element') {
					const max = attributes.get('maxOccurs') ?? '1';
					const element: ElementDecl = {
						name: attributes.get('name') ?? local(attributes.get('ref') ?? ''),
						namespace: attributes.get('ref') ? splitQName(resolve(attributes.get('ref')) ?? '{}').namespace : file.namespace,
						type: resolve(attributes.get('type')),
						ref: resolve(attributes.get('ref')),
						minOccurs: Number(attributes.get('minOccurs') ?? '1'),
						repeats: max === 'unbounded' || Number(max) > 1,
					};
					current.elements.push(element);
					const target = element.ref ? `E${element.ref}` : element.type && !element.type.startsWith(`{${XSD_NS}}`) ? `T${element.type}` : undefined;
					elementRefs.push({ name: element.name, required: element.minOccurs > 0, ref: target, token });
				}
			}
			if (!selfClosing) depth += 1;
		}
	}

	private finishComponent(
		file: SchemaFile,
		tag: { name: string; attributes: Map<string, string> },
		text: string,
		type: TypeDef | undefined,
		refs: Set<string>,
		elementRefs: Component['elementRefs'],
	): void {
		const key = qname(file.namespace, tag.attributes.get('name') ?? '');
		if (type) this.types.set(key, type);
		const space = tag.name === 'element' ? 'E' : 'T';
		const component: Component = { key, space, text, refs: [...refs], elementRefs };
		file.components.push(component);
		this.components.set(space + key, { file, component });
	}
}

/**
 * A type's text without the optional elements the document never names. Exact for validity: a
 * sequence of optional and required particles accepts a child list without name X exactly when the
 * same sequence with X's optional particles removed does. Only libxml2's "Expected is …" hints shrink.
 */
function withoutUnusedElements(component: Component, keeps: (element: Component['elementRefs'][number]) => boolean): string {
	let text = component.text;
	for (const element of component.elementRefs) if (!keeps(element)) text = text.replace(element.token, '');
	return text;
}

let shared: SchemaIndex | undefined;

/** Parsed once per process (≈ 0.2 s). */
export function schemaIndex(): SchemaIndex {
	shared ??= new SchemaIndex(XSD_ROOT);
	return shared;
}
