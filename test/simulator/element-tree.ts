import { XMLParser } from 'fast-xml-parser';

import { NETSUITE_URN_VERSION, qname, SCHEMA_VERSION, splitQName, type QName } from '../xsd/schema-index';
import { el, nsKeyOf, textEl, type XmlNode } from './xml-writer';

/**
 * A submitted SOAP request as a tree of namespace-resolved elements, the way the record store keeps
 * records. NetSuite URNs are normalised to the 2025_2 schemas the store is typed by, so a job
 * submitted through another endpoint version is stored the same way.
 */

export interface ElementNode {
	/** Namespace URI (NetSuite URNs at 2025_2). */
	namespace: string;
	name: string;
	/** Unqualified attributes (NetSuite's are all unqualified). */
	attributes: Record<string, string>;
	/** The resolved xsi:type, when present. */
	xsiType?: QName;
	children: ElementNode[];
	/** Character content of a simple element ('' when it has child elements). */
	text: string;
}

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	processEntities: true,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

type Ordered = Array<Record<string, unknown>>;

export function normaliseNamespace(uri: string): string {
	return uri.replace(NETSUITE_URN_VERSION, `$1${SCHEMA_VERSION}$3`);
}

const normalisedCache = new Map<string, string>();

function normalised(uri: string): string {
	let result = normalisedCache.get(uri);
	if (result === undefined) {
		result = normaliseNamespace(uri);
		normalisedCache.set(uri, result);
	}
	return result;
}

function build(entry: Record<string, unknown>, scope: Map<string, string>): ElementNode | undefined {
	const tag = Object.keys(entry).find((key) => key !== ':@' && key !== '#text');
	if (!tag) return undefined;
	const rawAttributes = (entry[':@'] ?? {}) as Record<string, string>;
	// Copied only where an element declares a prefix: most elements inherit their parent's scope as is.
	let inner = scope;
	for (const [name, value] of Object.entries(rawAttributes)) {
		if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
		if (inner === scope) inner = new Map(scope);
		inner.set(name === 'xmlns' ? '' : name.slice(6), value);
	}
	const resolve = (qualified: string): QName => {
		const colon = qualified.indexOf(':');
		const namespace = inner.get(colon === -1 ? '' : qualified.slice(0, colon)) ?? '';
		return qname(normalised(namespace), qualified.slice(colon + 1));
	};
	const node: ElementNode = { ...splitQNameAsNode(resolve(tag)), attributes: {}, children: [], text: '' };
	for (const [name, value] of Object.entries(rawAttributes)) {
		if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
		const colon = name.indexOf(':');
		if (colon === -1) node.attributes[name] = value;
		else if (inner.get(name.slice(0, colon)) === XSI_NS && name.slice(colon + 1) === 'type') node.xsiType = resolve(value.trim());
	}
	let text = '';
	for (const child of (entry[tag] ?? []) as Ordered) {
		if ('#text' in child) text += String(child['#text']);
		else {
			const built = build(child, inner);
			if (built) node.children.push(built);
		}
	}
	node.text = node.children.length > 0 ? '' : text;
	return node;
}

function splitQNameAsNode(key: QName): { namespace: string; name: string } {
	const { namespace, local } = splitQName(key);
	return { namespace, name: local };
}

/** The Envelope's root element; the caller has checked that the body is well-formed. */
export function parseElementTree(xml: string): ElementNode | undefined {
	const document = parser.parse(xml) as Ordered;
	for (const entry of document) {
		const node = build(entry, new Map());
		if (node) return node;
	}
	return undefined;
}

export function childrenNamed(node: ElementNode | undefined, name: string): ElementNode[] {
	return node ? node.children.filter((child) => child.name === name) : [];
}

export function childNamed(node: ElementNode | undefined, name: string): ElementNode | undefined {
	return node?.children.find((child) => child.name === name);
}

/** `{ child: text }` for a flat element such as preferences. */
export function textsOf(node: ElementNode | undefined): Record<string, string> {
	return Object.fromEntries((node?.children ?? []).map((child) => [child.name, child.text.trim()]));
}

/** For writing a stored element into a response (namespaces the writer knows). */
export function toXmlNode(node: ElementNode): XmlNode {
	const ns = nsKeyOf(node.namespace) ?? null;
	const xsiType = node.xsiType ? splitQName(node.xsiType) : undefined;
	const xsiNs = xsiType ? nsKeyOf(xsiType.namespace) : undefined;
	if (node.children.length === 0 && Object.keys(node.attributes).length === 0 && !xsiType) {
		return textEl(ns, node.name, node.text);
	}
	return el(ns, node.name, {
		attrs: Object.entries(node.attributes),
		xsiType: xsiType && xsiNs ? { ns: xsiNs, name: xsiType.local } : undefined,
		children: node.children.map(toXmlNode),
		text: node.children.length === 0 && node.text !== '' ? node.text : undefined,
	});
}
