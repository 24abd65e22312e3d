import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A parsed element: child elements keyed by local name (prefixes are dropped, since NetSuite uses
 * every prefix style), attributes under `@_` with their prefixes kept (`@_xsi:type` must not
 * collide with a RecordRef's own `@_type`), text under `#text` when the element also has
 * attributes or children.
 */
export type XmlElement = { [key: string]: XmlValue };
export type XmlValue = string | XmlElement | XmlValue[];

export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

/** Elements that repeat in SuiteTalk responses: always arrays, so one record and many read alike. */
const REPEATED_ELEMENTS = new Set([
	'writeResponse',
	'readResponse',
	'statusDetail',
	'record',
	'searchRow',
]);

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

function localName(qualifiedName: string): string {
	return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

const XML_PREDEFINED_ENTITIES = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: ATTRIBUTE_PREFIX,
	textNodeName: TEXT_KEY,
	transformTagName: localName,
	// Values stay the strings NetSuite sent: an id like 007 or a zip code must not become a number.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
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
	isArray: (name) => REPEATED_ELEMENTS.has(localName(name)),
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

export function text(element: XmlValue | undefined): string | undefined {
	if (typeof element === 'string') return element;
	if (!isElement(element)) return undefined;
	const value = element[TEXT_KEY];
	if (typeof value === 'string') return value;
	const hasChildren = Object.keys(element).some((key) => !key.startsWith(ATTRIBUTE_PREFIX));
	return hasChildren ? undefined : '';
}

export function childText(parent: XmlValue | undefined, name: string): string | undefined {
	return text(child(parent, name));
}

/** An attribute by local name, ignoring namespace declarations and any prefix. */
export function attribute(element: XmlValue | undefined, name: string, prefixed = false): string | undefined {
	if (!isElement(element)) return undefined;
	for (const [key, value] of Object.entries(element)) {
		if (!key.startsWith(ATTRIBUTE_PREFIX) || typeof value !== 'string') continue;
		const qualified = key.slice(ATTRIBUTE_PREFIX.length);
		if (qualified.startsWith('xmlns')) continue;
		const hasPrefix = qualified.includes(':');
		if (hasPrefix === prefixed && localName(qualified) === name) return value;
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
