import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { validateEnvelope, validateEnvelopes } from './validate';

const EXAMPLES = join(__dirname, '..', 'fixtures', 'submit');
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const ADD = example('1-asyncAddList.xml');
const REL = '{urn:relationships_2025_2.lists.webservices.netsuite.com}';
const MSGS = '{urn:messages_2025_2.platform.webservices.netsuite.com}';

/** Each variant breaks one rule of SUBMIT.md §5 and must fail with libxml2's message for it. */
const BROKEN: Array<[string, string, { line: number; element?: string; message: string }]> = [
	[
		'fields out of XSD order',
		ADD.replace(
			'<listRel:entityId>Example Co</listRel:entityId>\n        <listRel:isPerson>false</listRel:isPerson>',
			'<listRel:isPerson>false</listRel:isPerson>\n        <listRel:entityId>Example Co</listRel:entityId>',
		),
		{ line: 26, element: 'entityId', message: `Element '${REL}entityId': This element is not expected.` },
	],
	[
		'an element the type does not have',
		ADD.replace('<listRel:email>ap@example.com</listRel:email>', '<listRel:emial>ap@example.com</listRel:emial>'),
		{ line: 28, element: 'emial', message: `Element '${REL}emial': This element is not expected.` },
	],
	[
		'a record without xsi:type',
		ADD.replace('<platformMsgs:record xsi:type="listRel:Customer" externalId="N8N-CUST-001">', '<platformMsgs:record externalId="N8N-CUST-001">'),
		{ line: 24, element: 'record', message: `Element '${MSGS}record': The type definition is abstract.` },
	],
	[
		'an attribute the type does not declare (typeId on a RecordRef)',
		ADD.replace('<listRel:subsidiary internalId="1"/>', '<listRel:subsidiary internalId="1" typeId="3"/>'),
		{
			line: 29,
			element: 'subsidiary',
			message: `Element '${REL}subsidiary', attribute 'typeId': The attribute 'typeId' is not allowed.`,
		},
	],
	[
		'a misspelled operation',
		ADD.replace(/asyncAddList>/g, 'asyncAddLisst>'),
		{
			line: 23,
			element: 'asyncAddLisst',
			message: `Element '${MSGS}asyncAddLisst': No matching global element declaration available, but demanded by the strict wildcard.`,
		},
	],
	[
		'a preference that is not a boolean',
		ADD.replace('<platformMsgs:warningAsError>false</platformMsgs:warningAsError>', '<platformMsgs:warningAsError>no</platformMsgs:warningAsError>'),
		{
			line: 18,
			element: 'warningAsError',
			message: `Element '${MSGS}warningAsError': 'no' is not a valid value of the atomic type 'xs:boolean'.`,
		},
	],
	[
		'XML that is not well-formed',
		ADD.replace('</listRel:email>', '</listRel:emil>'),
		{ line: 28, message: 'Opening and ending tag mismatch: email line 28 and emil' },
	],
];

describe('XSD validation of SOAP envelopes (2025_2)', () => {
	it("validates every example envelope of SUBMIT.md §1.5, in one xmllint run", async () => {
		const names = readdirSync(EXAMPLES).filter((name) => name.endsWith('.xml')).sort();
		expect(names).toHaveLength(9);
		const results = await validateEnvelopes(names.map(example));
		expect(Object.fromEntries(names.map((name, index) => [name, results[index]]))).toEqual(
			Object.fromEntries(names.map((name) => [name, { valid: true, errors: [] }])),
		);
	});

	it.each(BROKEN)('refuses %s', async (_label, xml, error) => {
		expect(await validateEnvelope(xml)).toEqual({ valid: false, errors: [error] });
	});

	it('refuses an enum value not in the enumeration, naming the value', async () => {
		const result = await validateEnvelope(ADD.replace('_unitedStates', 'US'));
		expect(result.valid).toBe(false);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].element).toBe('country');
		expect(result.errors[0].message).toMatch(
			/^Element '\{urn:common_2025_2\.platform\.webservices\.netsuite\.com\}country': \[facet 'enumeration'\] The value 'US' is not an element of the set \{'_afghanistan', .*'_unitedStates', .*\}\.$/,
		);
	});

	it('refuses an xsi:type that names no type, and a record type used as a search', async () => {
		const unknownType = await validateEnvelope(ADD.replace('xsi:type="listRel:Customer"', 'xsi:type="listRel:Custommer"'));
		expect(unknownType.errors.map((error) => error.message)).toEqual([
			`Element '${MSGS}record', attribute '{http://www.w3.org/2001/XMLSchema-instance}type': The QName value '${REL}Custommer' of the xsi:type attribute does not resolve to a type definition.`,
			`Element '${MSGS}record': The type definition is abstract.`,
		]);
		const search = example('7b-asyncSearch-basic.xml').replace('xsi:type="listRel:CustomerSearch"', 'xsi:type="listRel:Customer"');
		const wrongBase = await validateEnvelope(search);
		expect(wrongBase.valid).toBe(false);
		expect(wrongBase.errors[0].message).toBe(
			`Element '${MSGS}searchRecord', attribute '{http://www.w3.org/2001/XMLSchema-instance}type': The type definition '${REL}Customer', specified by xsi:type, is blocked or not validly derived from the type definition of the element declaration.`,
		);
	});

	it('reads documents of another endpoint version with the 2025_2 schemas', async () => {
		const older = example('5-asyncGetList.xml').replace(/_2025_2\./g, '_2024_2.');
		expect(older).toContain('urn:messages_2024_2.platform.webservices.netsuite.com');
		expect(await validateEnvelope(older)).toEqual({ valid: true, errors: [] });
	});

	it('skips Header blocks no schema declares, but validates the passport', async () => {
		const withUnknownHeader = ADD.replace('<soapenv:Header>', '<soapenv:Header><x:trace xmlns:x="urn:example">1</x:trace>');
		expect((await validateEnvelope(withUnknownHeader)).valid).toBe(true);
		const passportOutOfOrder = ADD.replace(
			'<platformCore:account>1234567_SB1</platformCore:account>\n      <platformCore:consumerKey>CONSUMER_KEY</platformCore:consumerKey>',
			'<platformCore:consumerKey>CONSUMER_KEY</platformCore:consumerKey>\n      <platformCore:account>1234567_SB1</platformCore:account>',
		);
		expect((await validateEnvelope(passportOutOfOrder)).errors[0]?.element).toBe('consumerKey');
	});

	it('gives the same verdicts when the whole schema is compiled (the pruning is exact)', async () => {
		const documents = [ADD, example('7-asyncSearch.xml'), ...BROKEN.map(([, xml]) => xml)];
		const pruned = await validateEnvelopes(documents);
		const whole = await validateEnvelopes(documents, { wholeSchema: true });
		// One batch keeps each document's verdict and errors apart.
		expect(pruned.map((result) => result.valid)).toEqual([true, true, ...BROKEN.map(() => false)]);
		expect(pruned.slice(2).map((result) => result.errors)).toEqual(BROKEN.map(([, , error]) => [error]));
		expect(pruned).toEqual(whole);
	}, 60_000);
});
