import { fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

import { XMLNS_NS } from '../namespaces';
import { prefixOf, type SchemaView } from './schemaView';
import type { WrittenNode } from './write';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

function collectPrefixes(node: WrittenNode, prefixes: Set<string>): void {
	prefixes.add(node.prefix);
	if (node.xsiType) prefixes.add(prefixOf(node.xsiType));
	for (const child of node.children) collectPrefixes(child, prefixes);
}

function append(parent: XMLBuilder, node: WrittenNode, uris: ReadonlyMap<string, string>): void {
	const element = parent.ele(uris.get(node.prefix) as string, `${node.prefix}:${node.name}`);
	if (node.xsiType) element.att(XSI_NS, 'xsi:type', node.xsiType);
	for (const [name, value] of node.attributes) element.att(name, value);
	if (node.text !== undefined) element.txt(node.text);
	for (const child of node.children) append(element, child, uris);
}

/**
 * One element (the operation, or a SOAP header entry) with `children` in it, every prefix declared
 * once on it (`xsi` and the prefixes used in `xsi:type` values included), as a standalone fragment.
 */
export function serializeElement(view: SchemaView, apiVersion: string, root: WrittenNode, children: readonly WrittenNode[] = []): string {
	const prefixes = new Set<string>();
	collectPrefixes(root, prefixes);
	for (const child of children) collectPrefixes(child, prefixes);
	const uris = new Map([...prefixes].sort().map((prefix) => [prefix, view.namespaceUri(prefix, apiVersion)]));
	const document = fragment();
	const element = document.ele(uris.get(root.prefix) as string, `${root.prefix}:${root.name}`);
	for (const [prefix, uri] of uris) if (prefix !== root.prefix) element.att(XMLNS_NS, `xmlns:${prefix}`, uri);
	element.att(XMLNS_NS, 'xmlns:xsi', XSI_NS);
	if (root.xsiType) element.att(XSI_NS, 'xsi:type', root.xsiType);
	for (const [name, value] of root.attributes) element.att(name, value);
	if (root.text !== undefined) element.txt(root.text);
	for (const child of [...root.children, ...children]) append(element, child, uris);
	return document.end({ prettyPrint: false });
}
