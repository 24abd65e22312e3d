import { fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

import { XMLNS_NS } from '../namespaces';
import { literalText } from '../xmlText';
import { prefixOf, type SchemaView } from './schemaView';
import type { WrittenNode } from './write';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The parts of xmlbuilder2's DOM whose values a reused element tree takes from the next entry. */
interface ValueSlots {
	attributes: Array<{ value: string }>;
	texts: Array<{ data: string }>;
}

/**
 * An entry's element tree built once in xmlbuilder2's DOM, then reused for every entry of the same
 * shape: only attribute values and texts change, and xmlbuilder2 still escapes every one of them.
 * Creating DOM nodes was 90 % of xmlbuilder2's cost; a chunk of 200 customers has one or a few shapes.
 *
 * The tree holds names as the schema model gives them (`listRel:entityId`) and no namespace
 * declarations: the operation element declares every prefix the entries use, once. Left to resolve
 * namespaces itself, xmlbuilder2 re-derived the same prefix map at every element of every record,
 * most of what remained of its time; the bytes it writes are the same.
 */
interface Skeleton extends ValueSlots {
	fragment: XMLBuilder;
}

function collectPrefixes(node: WrittenNode, prefixes: Set<string>): void {
	prefixes.add(node.prefix);
	if (node.xsiType) prefixes.add(prefixOf(node.xsiType));
	for (const child of node.children) collectPrefixes(child, prefixes);
}

/** Everything but the values: names, types, which attributes, whether there is text. */
function sameShape(a: WrittenNode, b: WrittenNode): boolean {
	if (a.name !== b.name || a.prefix !== b.prefix || a.xsiType !== b.xsiType || (a.text === undefined) !== (b.text === undefined)) return false;
	if (a.attributes.length !== b.attributes.length || a.children.length !== b.children.length) return false;
	for (let index = 0; index < a.attributes.length; index++) if (a.attributes[index][0] !== b.attributes[index][0]) return false;
	for (let index = 0; index < a.children.length; index++) if (!sameShape(a.children[index], b.children[index])) return false;
	return true;
}

/** The same as a key, for entries whose shape differs from the one before. */
function shapeOf(node: WrittenNode): string {
	let shape = `<${node.prefix}:${node.name} ${node.xsiType ?? ''}`;
	for (const attribute of node.attributes) shape += ` ${attribute[0]}`;
	if (node.text !== undefined) shape += ' #';
	for (const child of node.children) shape += shapeOf(child);
	return `${shape}>`;
}

function append(parent: XMLBuilder, node: WrittenNode, slots: ValueSlots): void {
	const element = parent.ele(`${node.prefix}:${node.name}`);
	if (node.xsiType) element.att('xsi:type', node.xsiType);
	const domElement = element.node as unknown as { getAttributeNode(name: string): { value: string }; lastChild: { data: string } };
	for (const [name, value] of node.attributes) {
		element.att(name, literalText(value));
		slots.attributes.push(domElement.getAttributeNode(name));
	}
	if (node.text !== undefined) {
		element.txt(literalText(node.text));
		slots.texts.push(domElement.lastChild);
	}
	for (const child of node.children) append(element, child, slots);
}

/** Fills a skeleton's slots in the order `append` collected them. */
function assignValues(node: WrittenNode, slots: ValueSlots, position: { attribute: number; text: number }): void {
	for (const attribute of node.attributes) slots.attributes[position.attribute++].value = literalText(attribute[1]);
	if (node.text !== undefined) slots.texts[position.text++].data = literalText(node.text);
	for (const child of node.children) assignValues(child, slots, position);
}

/** The operation element: every prefix declared, its own attributes and text. */
function openElement(root: WrittenNode, uris: ReadonlyMap<string, string>): XMLBuilder {
	const element = fragment().ele(uris.get(root.prefix) as string, `${root.prefix}:${root.name}`);
	for (const [prefix, uri] of uris) if (prefix !== root.prefix) element.att(XMLNS_NS, `xmlns:${prefix}`, uri);
	element.att(XMLNS_NS, 'xmlns:xsi', XSI_NS);
	if (root.xsiType) element.att(XSI_NS, 'xsi:type', root.xsiType);
	for (const [name, value] of root.attributes) element.att(name, literalText(value));
	if (root.text !== undefined) element.txt(literalText(root.text));
	return element;
}

/**
 * One element (the operation, or a SOAP header entry) with `children` in it, every prefix declared
 * once on it (`xsi` and the prefixes used in `xsi:type` values included), as a standalone fragment.
 */
export function serializeElement(view: SchemaView, apiVersion: string, root: WrittenNode, children: readonly WrittenNode[] = []): string {
	const entries = [...root.children, ...children];
	// Entries by shape; the first of each shape stands for it (its prefixes are those of all).
	const representatives: WrittenNode[] = [];
	const shapeOfEntry: number[] = [];
	const shapeByKey = new Map<string, number>();
	for (const entry of entries) {
		const previous = shapeOfEntry.length > 0 ? shapeOfEntry[shapeOfEntry.length - 1] : -1;
		let shape = previous >= 0 && sameShape(entry, representatives[previous]) ? previous : shapeByKey.get(shapeOf(entry));
		if (shape === undefined) {
			shape = representatives.length;
			representatives.push(entry);
			shapeByKey.set(shapeOf(entry), shape);
		}
		shapeOfEntry.push(shape);
	}

	const prefixes = new Set<string>([root.prefix]);
	if (root.xsiType) prefixes.add(prefixOf(root.xsiType));
	for (const representative of representatives) collectPrefixes(representative, prefixes);
	const uris = new Map([...prefixes].sort().map((prefix) => [prefix, view.namespaceUri(prefix, apiVersion)]));

	// An empty text keeps the tags apart however many children follow.
	const shell = openElement(root, uris).txt('').end({ prettyPrint: false });
	const closing = shell.lastIndexOf('</');
	const skeletons: Skeleton[] = [];
	// Joined, not concatenated: xmlbuilder2 returns each entry as a rope of its tags and values,
	// which held three times the bytes of the flat string a join copies them into.
	const parts = [shell.slice(0, closing)];
	for (const [index, entry] of entries.entries()) {
		let skeleton = skeletons[shapeOfEntry[index]];
		if (skeleton) {
			assignValues(entry, skeleton, { attribute: 0, text: 0 });
		} else {
			skeleton = { fragment: fragment(), attributes: [], texts: [] };
			append(skeleton.fragment, entry, skeleton);
			skeletons[shapeOfEntry[index]] = skeleton;
		}
		parts.push(skeleton.fragment.end({ prettyPrint: false }));
	}
	parts.push(shell.slice(closing));
	return parts.join('');
}
