/**
 * Submit envelopes for tests: SUBMIT.md §1.5's examples with a freshly signed passport, and an
 * envelope around any operation body with the usual prefixes declared once on the Envelope.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { passportXml, postRaw, signPassport, type SoapReply } from './test-client';
import type { Simulator, SubmitOperation } from './types';

const EXAMPLES = join(__dirname, '..', 'fixtures', 'submit');
const PASSPORT = /<platformMsgs:tokenPassport>[\s\S]*?<\/platformMsgs:tokenPassport>/;

export const PREFIXES: Record<string, string> = {
	soapenv: 'http://schemas.xmlsoap.org/soap/envelope/',
	xsi: 'http://www.w3.org/2001/XMLSchema-instance',
	platformMsgs: 'urn:messages_2025_2.platform.webservices.netsuite.com',
	platformCore: 'urn:core_2025_2.platform.webservices.netsuite.com',
	platformCommon: 'urn:common_2025_2.platform.webservices.netsuite.com',
	listRel: 'urn:relationships_2025_2.lists.webservices.netsuite.com',
	listAcct: 'urn:accounting_2025_2.lists.webservices.netsuite.com',
	tranSales: 'urn:sales_2025_2.transactions.webservices.netsuite.com',
	setupCustom: 'urn:customization_2025_2.setup.webservices.netsuite.com',
};

/** An example file (e.g. `1-asyncAddList.xml`) with its placeholder passport replaced by a valid one. */
export function exampleEnvelope(simulator: Simulator, file: string): string {
	const text = readFileSync(join(EXAMPLES, file), 'utf8');
	return text.replace(PASSPORT, passportXml(signPassport(simulator.credentials)));
}

export interface SubmitEnvelopeOptions {
	/** `<platformMsgs:preferences>` children, in XSD order as given. */
	preferences?: Record<string, string>;
	searchPreferences?: Record<string, string>;
}

export function submitEnvelope(simulator: Simulator, operation: SubmitOperation, inner: string, options: SubmitEnvelopeOptions = {}): string {
	const declarations = Object.entries(PREFIXES)
		.map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
		.join(' ');
	const block = (name: string, values: Record<string, string> | undefined) =>
		values
			? `<platformMsgs:${name}>${Object.entries(values)
					.map(([key, value]) => `<platformMsgs:${key}>${value}</platformMsgs:${key}>`)
					.join('')}</platformMsgs:${name}>`
			: '';
	return (
		`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope ${declarations}><soapenv:Header>` +
		passportXml(signPassport(simulator.credentials)) +
		block('preferences', options.preferences) +
		block('searchPreferences', options.searchPreferences) +
		`</soapenv:Header><soapenv:Body><platformMsgs:${operation}>${inner}</platformMsgs:${operation}></soapenv:Body></soapenv:Envelope>`
	);
}

export function send(simulator: Simulator, operation: string, envelope: string): Promise<SoapReply> {
	return postRaw(simulator, envelope, { headers: { SOAPAction: operation } });
}
