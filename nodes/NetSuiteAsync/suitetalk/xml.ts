import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A parsed element: child elements keyed by local name (prefixes are dropped, since NetSuite uses
 * every prefix style), attributes under `@_` with their prefixes kept (`@_xsi:type` must not
 * collide with a RecordRef's own `@_type`), text under `#text` when the element also has
 * attributes or children. Text is kept exactly as sent (CDATA joined with the text around it);
 * the whitespace that indents child elements is dropped while parsing, and `text()` of an element
 * with children is undefined whatever remains. Repeated
 * siblings are an array, a single one is not: whether a field is a list is the schema's call
 * (records/read.ts), never the parser's.
 */
export type XmlElement = { [key: string]: XmlValue };
export type XmlValue = string | XmlElement | XmlValue[];

export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

const BODY_EXCERPT_LENGTH = 200;

/**
 * Why a body was not read, for decisions (never the message, which quotes the body):
 * `not-well-formed` may be a cut-off or garbled answer; `doctype` and `refused-by-parser` (nesting
 * limit, reserved names) are the parser's verdict on a complete document and come out the same every time.
 */
export type XmlParseErrorKind = 'doctype' | 'not-well-formed' | 'refused-by-parser';

export class XmlParseError extends Error {
	constructor(
		readonly kind: XmlParseErrorKind,
		reason: string,
		readonly bodyExcerpt: string,
	) {
		super(`${reason}. The response starts with: ${bodyExcerpt}`);
		this.name = 'XmlParseError';
	}
}

export function localName(qualifiedName: string): string {
	return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

const XML_PREDEFINED_ENTITIES = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

/*
 * Whitespace between child elements is indentation, not data: it is dropped while parsing (a
 * pretty-printed page's tree is a third larger with it). The parser reports it as text of a
 * non-leaf element. The one non-leaf text that is data, the text after a CDATA section of a leaf
 * (`<memo><![CDATA[x]]>  </memo>`), is reported right after that CDATA section, for the same
 * element, so it is kept. Parsing is synchronous: the state is reset per document.
 */
let previousTextElement: string | undefined;

function dropIndentation(tagName: string, value: string, _path: unknown, _hasAttributes: boolean, isLeafNode: boolean): string | undefined {
	const previous = previousTextElement;
	previousTextElement = tagName;
	return !isLeafNode && previous !== tagName && value.trim() === '' ? '' : undefined;
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: ATTRIBUTE_PREFIX,
	textNodeName: TEXT_KEY,
	transformTagName: localName,
	// Values stay the strings NetSuite sent: an id like 007 or a zip code must not become a number.
	parseTagValue: false,
	parseAttributeValue: false,
	// Record values are the strings NetSuite sent, padding included; readers trim protocol values
	// (ids, codes, statuses, numbers) themselves.
	trimValues: false,
	tagValueProcessor: dropIndentation,
	// Only XML's five predefined and numeric references (&#xd; &#233;, which serializers emit for CR and
	// line breaks) are decoded, in one pass; a DOCTYPE is refused before parsing. Passing the names
	// as an object also skips fast-xml-parser's HTML table (&nbsp; is not XML), at a third of the cost.
	processEntities: true,
	// The typings say boolean, the parser (5.12) also takes a name → text map.
	htmlEntities: XML_PREDEFINED_ENTITIES as unknown as boolean,
	// Callbacks get the tag name only: building a path string per element doubled the parse time.
	jPath: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	maxNestedTags: 100,
});

function excerpt(body: string): string {
	const head = body.slice(0, BODY_EXCERPT_LENGTH).replace(/\s+/g, ' ').trim();
	return body.length > BODY_EXCERPT_LENGTH ? `${head}…` : head || '(empty body)';
}

export function parseXml(body: string): XmlElement {
	// SOAP 1.1 forbids a DTD; refusing it closes entity expansion and external entities at once.
	if (/<!DOCTYPE/i.test(body)) throw new XmlParseError('doctype', 'The response contains a DOCTYPE, which SOAP forbids', excerpt(body));
	const validation = XMLValidator.validate(body);
	if (validation !== true) {
		throw new XmlParseError('not-well-formed', `The response is not well-formed XML (${validation.err.msg})`, excerpt(body));
	}
	let parsed: XmlElement | undefined;
	let failure: unknown;
	try {
		previousTextElement = undefined;
		parsed = parser.parse(body) as XmlElement;
	} catch (error) {
		failure = error;
	}
	if (!parsed) {
		throw new XmlParseError('refused-by-parser', `The response could not be parsed as XML (${(failure as Error)?.message ?? 'no content'})`, excerpt(body));
	}
	return parsed;
}

export function isElement(value: XmlValue | undefined): value is XmlElement {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first child element of that local name (a string-only element is returned as `{#text}`). */
export function child(parent: XmlValue | undefined, name: string): XmlElement | undefined {
	if (!isElement(parent)) return undefined;
	const value = Array.isArray(parent[name]) ? (parent[name] as XmlValue[])[0] : parent[name];
	if (value === undefined) return undefined;
	return typeof value === 'string' ? { [TEXT_KEY]: value } : isElement(value) ? value : undefined;
}

export function children(parent: XmlValue | undefined, name: string): XmlElement[] {
	if (!isElement(parent)) return [];
	const value = parent[name];
	const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return list.map((entry) => (typeof entry === 'string' ? { [TEXT_KEY]: entry } : entry)).filter(isElement);
}

/** True when the element has a child element (attributes and text are not children). */
export function hasChildElements(element: XmlElement): boolean {
	for (const key in element) if (key !== TEXT_KEY && !key.startsWith(ATTRIBUTE_PREFIX)) return true;
	return false;
}

/** An element's text as sent; undefined for an element with child elements (its `#text` is indentation). */
export function text(element: XmlValue | undefined): string | undefined {
	if (typeof element === 'string') return element;
	if (!isElement(element) || hasChildElements(element)) return undefined;
	const value = element[TEXT_KEY];
	return typeof value === 'string' ? value : '';
}

export function childText(parent: XmlValue | undefined, name: string): string | undefined {
	return text(child(parent, name));
}

/**
 * An attribute by local name: unprefixed (`internalId`) by default, prefixed (`xsi:type`, whatever
 * the prefix) with `prefixed`. Namespace declarations are never attributes. Runs once per element
 * of a 2,000-record page, so it reads keys in place instead of building an entries array.
 */
export function attribute(element: XmlValue | undefined, name: string, prefixed = false): string | undefined {
	if (!isElement(element)) return undefined;
	if (!prefixed) {
		const value = element[ATTRIBUTE_PREFIX + name];
		return typeof value === 'string' ? value : undefined;
	}
	const suffix = `:${name}`;
	for (const key in element) {
		if (!key.startsWith(ATTRIBUTE_PREFIX) || !key.endsWith(suffix) || key.startsWith(`${ATTRIBUTE_PREFIX}xmlns:`)) continue;
		const value = element[key];
		if (typeof value === 'string') return value;
	}
	return undefined;
}

/** `xsi:type="ns2:RecordRef"` → `RecordRef`, whatever prefix either side uses. */
export function xsiType(element: XmlValue | undefined): string | undefined {
	const value = attribute(element, 'type', true);
	return value === undefined ? undefined : localName(value);
}

export function soapBody(document: XmlElement): XmlElement | undefined {
	return child(child(document, 'Envelope'), 'Body');
}

/** NetSuite's request id (`Header/documentInfo/nsId`), the reference its support asks for. */
export function readNsId(document: XmlElement): string | undefined {
	return childText(child(child(child(document, 'Envelope'), 'Header'), 'documentInfo'), 'nsId') || undefined;
}
