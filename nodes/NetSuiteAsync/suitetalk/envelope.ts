import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

import {
	coreNamespace,
	messagesNamespace,
	SOAP_ENVELOPE_NS,
	versionOfMessagesNamespace,
	XMLNS_NS,
} from './namespaces';
import type { TokenPassport } from './passport';
import { keepAmpersandsLiteral, literalText } from './xmlText';
import type { AsyncSubmitOperation } from './submitOperations';

export type SoapOperation = 'checkAsyncStatus' | 'getAsyncResult' | 'getServerTime' | AsyncSubmitOperation;

export interface SoapRequest {
	operation: SoapOperation;
	/** The body element's children, in schema order. Values are text: xmlbuilder2 escapes them. */
	fields: Array<[name: string, value: string]>;
	/**
	 * A finished operation element (the submissions' records), serialised once by the node with its
	 * own namespace declarations: signing a retry must not rebuild hundreds of records.
	 */
	bodyXml?: string;
	/** Finished SOAP header entries beside the passport (preferences, searchPreferences). */
	headerXml?: string;
}

/**
 * Builds a request envelope. Without a passport it is what the credential's test sends for signing;
 * the node's own requests are built here by the credential with the passport in place, so that
 * nothing is parsed again on the way out.
 */
export function buildRequestEnvelope(apiVersion: string, request: SoapRequest, passport?: TokenPassport): string {
	if (request.bodyXml !== undefined) return envelopeAround(apiVersion, request.bodyXml, request.headerXml ?? '', passport);
	const messages = messagesNamespace(apiVersion);
	const envelope = create({ version: '1.0', encoding: 'UTF-8' })
		.ele(SOAP_ENVELOPE_NS, 'soapenv:Envelope')
		.att(XMLNS_NS, 'xmlns:platformMsgs', messages);
	const header = envelope.ele(SOAP_ENVELOPE_NS, 'soapenv:Header');
	if (passport) appendPassport(header, passport, apiVersion);
	const operation = envelope.ele(SOAP_ENVELOPE_NS, 'soapenv:Body').ele(messages, `platformMsgs:${request.operation}`);
	for (const [name, value] of request.fields) {
		operation.ele(messages, `platformMsgs:${name}`).txt(literalText(value));
	}
	return envelope.end({ prettyPrint: false });
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Well-formed fragments that each declare their own namespaces, joined as text: the envelope is the
 * same XML xmlbuilder2 would write, without parsing the finished body again.
 */
function envelopeAround(apiVersion: string, bodyXml: string, headerXml: string, passport?: TokenPassport): string {
	let passportXml = '';
	if (passport) {
		const header = fragment().ele(SOAP_ENVELOPE_NS, 'soapenv:Header');
		appendPassport(header, passport, apiVersion);
		const headerText = header.end({ prettyPrint: false });
		passportXml = headerText.slice(headerText.indexOf('>') + 1, headerText.lastIndexOf('<'));
	}
	return (
		`${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}">` +
		`<soapenv:Header>${passportXml}${headerXml}</soapenv:Header>` +
		`<soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`
	);
}

/** tokenPassport in the messages namespace, its children in core, in the order the XSD demands. */
function appendPassport(header: XMLBuilder, passport: TokenPassport, apiVersion: string): void {
	const core = coreNamespace(apiVersion);
	const tokenPassport = header
		.ele(messagesNamespace(apiVersion), 'platformMsgs:tokenPassport')
		.att(XMLNS_NS, 'xmlns:platformCore', core);
	tokenPassport.ele(core, 'platformCore:account').txt(passport.account);
	tokenPassport.ele(core, 'platformCore:consumerKey').txt(passport.consumerKey);
	tokenPassport.ele(core, 'platformCore:token').txt(passport.token);
	tokenPassport.ele(core, 'platformCore:nonce').txt(passport.nonce);
	tokenPassport.ele(core, 'platformCore:timestamp').txt(passport.timestamp);
	tokenPassport.ele(core, 'platformCore:signature').att('algorithm', 'HMAC_SHA256').txt(passport.signature);
}

export class NotASoapEnvelopeError extends Error {
	constructor(reason: string) {
		super(
			`The NetSuite TBA API credential signs SOAP envelopes only, and the request body ${reason}. ` +
				'Send the envelope as raw XML (Content-Type text/xml) with a soapenv:Envelope root.',
		);
		this.name = 'NotASoapEnvelopeError';
	}
}

function isElementNamed(node: XMLBuilder, namespace: string | undefined, localName: string): boolean {
	const domNode = node.node as unknown as { nodeType: number; localName?: string; namespaceURI?: string | null };
	return (
		domNode.nodeType === 1 &&
		domNode.localName === localName &&
		(namespace === undefined || domNode.namespaceURI === namespace)
	);
}

/**
 * The passport's namespace must carry the same version as the operation it authenticates, which
 * may differ from the credential's default when a person writes the envelope themselves.
 */
function envelopeApiVersion(envelope: XMLBuilder, body: XMLBuilder): string | undefined {
	let version: string | undefined;
	body.each(
		(child) => {
			if (version) return;
			const domNode = child.node as unknown as { nodeType: number; namespaceURI?: string | null };
			if (domNode.nodeType === 1) version = versionOfMessagesNamespace(domNode.namespaceURI);
		},
		false,
		true,
	);
	if (version) return version;
	// Templates that leave the operation unqualified still declare the messages namespace on the root.
	const declarations = (envelope.node as unknown as { attributes: ArrayLike<{ value: string }> }).attributes;
	for (let index = 0; index < declarations.length && !version; index++) {
		version = versionOfMessagesNamespace(declarations[index].value);
	}
	return version;
}

function parseEnvelope(envelopeXml: string): XMLBuilder {
	let document: XMLBuilder | undefined;
	try {
		document = create(envelopeXml);
	} catch {
		document = undefined;
	}
	if (!document) throw new NotASoapEnvelopeError('is not well-formed XML');
	return document;
}

export interface SignedEnvelope {
	xml: string;
	/** Local name of the Body's first element: the SOAPAction when the request names none. */
	operation?: string;
	/** The version the envelope's own namespaces carry, if any. */
	envelopeApiVersion?: string;
}

function operationName(body: XMLBuilder): string | undefined {
	const first = body.first();
	const domNode = first?.node as unknown as { nodeType: number; localName?: string } | undefined;
	return domNode?.nodeType === 1 ? domNode.localName : undefined;
}

/**
 * Header elements that authenticate a request. Beside a tokenPassport NetSuite refuses each of them
 * ("Ambiguous authentication"): a template's placeholder or stale passport, a login `passport`, an
 * `applicationInfo` from a user/password integration.
 */
const AUTHENTICATION_HEADERS = ['tokenPassport', 'passport', 'applicationInfo'];

/** Replaces any authentication already in the Header with `passport`. */
export function insertPassport(envelopeXml: string, passport: TokenPassport, fallbackApiVersion: string): SignedEnvelope {
	if (/<!DOCTYPE/i.test(envelopeXml)) throw new NotASoapEnvelopeError('contains a DOCTYPE, which SOAP forbids');
	const document = parseEnvelope(envelopeXml);
	keepAmpersandsLiteral(document);
	const envelope = document.root();
	if (!isElementNamed(envelope, SOAP_ENVELOPE_NS, 'Envelope')) {
		throw new NotASoapEnvelopeError('has no SOAP 1.1 Envelope root element');
	}
	const body = envelope.find((child) => isElementNamed(child, SOAP_ENVELOPE_NS, 'Body'), false, false);
	if (!body) throw new NotASoapEnvelopeError('has no soapenv:Body');

	let header = envelope.find((child) => isElementNamed(child, SOAP_ENVELOPE_NS, 'Header'), false, false);
	if (!header) {
		header = envelope.ele(SOAP_ENVELOPE_NS, 'soapenv:Header');
		(envelope.node as unknown as { insertBefore: (a: unknown, b: unknown) => void }).insertBefore(
			header.node,
			body.node,
		);
	}
	const replaced = header.filter((child) => AUTHENTICATION_HEADERS.some((name) => isElementNamed(child, undefined, name)), false, false);
	for (const stale of replaced) stale.remove();

	const ownVersion = envelopeApiVersion(envelope, body);
	const apiVersion = ownVersion ?? fallbackApiVersion;
	appendPassport(header, passport, apiVersion);
	return {
		xml: document.end({ prettyPrint: false }),
		operation: operationName(body),
		envelopeApiVersion: ownVersion,
	};
}
