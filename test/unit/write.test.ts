import { buildRequestEnvelope } from '../../nodes/NetSuiteAsync/suitetalk/envelope';
import { schemaView } from '../../nodes/NetSuiteAsync/suitetalk/records/schemaView';
import { serializeElement } from '../../nodes/NetSuiteAsync/suitetalk/records/serialize';
import { RecordFieldError, RecordWriter } from '../../nodes/NetSuiteAsync/suitetalk/records/write';
import { SubmitEntryBuilder } from '../../nodes/NetSuiteAsync/suitetalk/submitEntries';
import type { AsyncSubmitOperation } from '../../nodes/NetSuiteAsync/suitetalk/submitOperations';
import { describeErrors, validateEnvelopes } from '../xsd/validate';

/*
 * Expected XML written by hand from SUBMIT.md §1.5 (the validated example envelopes): the same
 * elements, order, namespaces and attributes, compacted; prefixes declared once on the operation.
 */

const NS = {
	platformMsgs: 'urn:messages_2025_2.platform.webservices.netsuite.com',
	platformCore: 'urn:core_2025_2.platform.webservices.netsuite.com',
	platformCommon: 'urn:common_2025_2.platform.webservices.netsuite.com',
	listRel: 'urn:relationships_2025_2.lists.webservices.netsuite.com',
	tranSales: 'urn:sales_2025_2.transactions.webservices.netsuite.com',
	setupCustom: 'urn:customization_2025_2.setup.webservices.netsuite.com',
	xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

function compact(xml: string): string {
	return xml.replace(/>\s+</g, '><').trim();
}

/** `<platformMsgs:op xmlns:…>` with the listed prefixes in alphabetical order, then xsi. */
function opening(operation: string, prefixes: Array<keyof typeof NS>): string {
	const declarations = prefixes.map((prefix) => ` xmlns:${prefix}="${NS[prefix]}"`).join('');
	return `<platformMsgs:${operation} xmlns:platformMsgs="${NS.platformMsgs}"${declarations} xmlns:xsi="${NS.xsi}">`;
}

const builder = new SubmitEntryBuilder(schemaView);
const envelopes: string[] = [];

function body(operation: AsyncSubmitOperation, entries: Array<[recordType: string, record: unknown]>): string {
	const nodes = entries.map(([recordType, record]) => builder.build(operation, recordType, record).node);
	const xml = serializeElement(schemaView, '2025_2', { prefix: 'platformMsgs', name: operation, attributes: [], children: [] }, nodes);
	envelopes.push(buildRequestEnvelope('2025_2', { operation, fields: [], bodyXml: xml }));
	return xml;
}

function refusal(operation: AsyncSubmitOperation, recordType: string, record: unknown): RecordFieldError {
	try {
		builder.build(operation, recordType, record);
	} catch (error) {
		if (error instanceof RecordFieldError) return error;
		throw error;
	}
	throw new Error('the record was accepted');
}

describe('writer: SUBMIT.md §1.5 examples', () => {
	it('(1) a customer in XSD order whatever the key order: namespaces of the declaring types, enum completed, address sublist, all custom field kinds', () => {
		const customer = {
			customFieldList: [
				{ scriptId: 'custentity_source', type: 'StringCustomFieldRef', value: 'n8n' },
				{ scriptId: 'custentity_vip', type: 'BooleanCustomFieldRef', value: true },
				{ scriptId: 'custentity_score', type: 'LongCustomFieldRef', value: 25 },
				{ scriptId: 'custentity_rate', type: 'DoubleCustomFieldRef', value: '2.35' },
				{ scriptId: 'custentity_first_contact', type: 'DateCustomFieldRef', value: '2025-03-16T00:00:00.000-07:00' },
				{ scriptId: 'custentity_tier', type: 'SelectCustomFieldRef', value: { internalId: '2', name: 'Gold' } },
				{ scriptId: 'custentity_regions', type: 'MultiSelectCustomFieldRef', value: [{ internalId: '1' }, { externalId: 'EMEA' }] },
			],
			addressbookList: [
				{
					label: 'Main',
					addressbookAddress: { zip: '02110', state: 'MA', city: 'Boston', addr1: '1 Main St', addressee: 'Example Co', country: 'unitedStates' },
					defaultBilling: true,
					defaultShipping: 'true',
				},
			],
			creditLimit: 2500.5,
			subsidiary: { internalId: '1' },
			email: 'ap@example.com',
			companyName: 'Example Co & Sons',
			isPerson: false,
			entityId: 'Example Co',
			externalId: 'N8N-CUST-001',
		};
		expect(body('asyncAddList', [['customer', customer]])).toBe(
			compact(`${opening('asyncAddList', ['listRel', 'platformCommon', 'platformCore'])}
			<platformMsgs:record xsi:type="listRel:Customer" externalId="N8N-CUST-001">
				<listRel:entityId>Example Co</listRel:entityId>
				<listRel:isPerson>false</listRel:isPerson>
				<listRel:companyName>Example Co &amp; Sons</listRel:companyName>
				<listRel:email>ap@example.com</listRel:email>
				<listRel:subsidiary internalId="1"/>
				<listRel:creditLimit>2500.5</listRel:creditLimit>
				<listRel:addressbookList>
					<listRel:addressbook>
						<listRel:defaultShipping>true</listRel:defaultShipping>
						<listRel:defaultBilling>true</listRel:defaultBilling>
						<listRel:label>Main</listRel:label>
						<listRel:addressbookAddress>
							<platformCommon:country>_unitedStates</platformCommon:country>
							<platformCommon:addressee>Example Co</platformCommon:addressee>
							<platformCommon:addr1>1 Main St</platformCommon:addr1>
							<platformCommon:city>Boston</platformCommon:city>
							<platformCommon:state>MA</platformCommon:state>
							<platformCommon:zip>02110</platformCommon:zip>
						</listRel:addressbookAddress>
					</listRel:addressbook>
				</listRel:addressbookList>
				<listRel:customFieldList>
					<platformCore:customField xsi:type="platformCore:StringCustomFieldRef" scriptId="custentity_source"><platformCore:value>n8n</platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:BooleanCustomFieldRef" scriptId="custentity_vip"><platformCore:value>true</platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:LongCustomFieldRef" scriptId="custentity_score"><platformCore:value>25</platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:DoubleCustomFieldRef" scriptId="custentity_rate"><platformCore:value>2.35</platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:DateCustomFieldRef" scriptId="custentity_first_contact"><platformCore:value>2025-03-16T00:00:00.000-07:00</platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:SelectCustomFieldRef" scriptId="custentity_tier"><platformCore:value internalId="2"><platformCore:name>Gold</platformCore:name></platformCore:value></platformCore:customField>
					<platformCore:customField xsi:type="platformCore:MultiSelectCustomFieldRef" scriptId="custentity_regions"><platformCore:value internalId="1"/><platformCore:value externalId="EMEA"/></platformCore:customField>
				</listRel:customFieldList>
			</platformMsgs:record></platformMsgs:asyncAddList>`),
		);
	});

	it('(2) an update: null fields and nullFieldList first (platformCore), bare enum completed, date-only as midnight Pacific, keyed sublist merge', () => {
		const salesOrder = {
			internalId: '5123',
			itemList: {
				replaceAll: false,
				item: [
					{ line: 2, quantity: 10 },
					{ rate: '19.99', price: { internalId: '-1' }, quantity: 1, item: { internalId: '380', type: 'inventoryItem' } },
				],
			},
			memo: 'Updated by n8n',
			orderStatus: 'pendingFulfillment',
			tranDate: '2025-11-03',
			shipMethod: null,
			nullFieldList: ['custbody_hold_reason'],
			customFieldList: [{ scriptId: 'custbody_n8n_run', value: 'run-42' }],
		};
		expect(body('asyncUpdateList', [['salesOrder', salesOrder], ['customer', { externalId: 'N8N-CUST-001', companyName: 'Example Co (renamed)' }]])).toBe(
			compact(`${opening('asyncUpdateList', ['listRel', 'platformCore', 'tranSales'])}
			<platformMsgs:record xsi:type="tranSales:SalesOrder" internalId="5123">
				<platformCore:nullFieldList>
					<platformCore:name>custbody_hold_reason</platformCore:name>
					<platformCore:name>shipMethod</platformCore:name>
				</platformCore:nullFieldList>
				<tranSales:tranDate>2025-11-03T00:00:00.000-08:00</tranSales:tranDate>
				<tranSales:orderStatus>_pendingFulfillment</tranSales:orderStatus>
				<tranSales:memo>Updated by n8n</tranSales:memo>
				<tranSales:itemList replaceAll="false">
					<tranSales:item><tranSales:quantity>10</tranSales:quantity><tranSales:line>2</tranSales:line></tranSales:item>
					<tranSales:item>
						<tranSales:item internalId="380" type="inventoryItem"/>
						<tranSales:quantity>1</tranSales:quantity>
						<tranSales:price internalId="-1"/>
						<tranSales:rate>19.99</tranSales:rate>
					</tranSales:item>
				</tranSales:itemList>
				<tranSales:customFieldList>
					<platformCore:customField xsi:type="platformCore:StringCustomFieldRef" scriptId="custbody_n8n_run"><platformCore:value>run-42</platformCore:value></platformCore:customField>
				</tranSales:customFieldList>
			</platformMsgs:record>
			<platformMsgs:record xsi:type="listRel:Customer" externalId="N8N-CUST-001"><listRel:companyName>Example Co (renamed)</listRel:companyName></platformMsgs:record>
			</platformMsgs:asyncUpdateList>`),
		);
	});

	it('a date-only value in summer gets Pacific daylight time', () => {
		const xml = body('asyncAddList', [['customer', { custentity: undefined, dateCreated: undefined, startDate: '2025-07-04' }]]);
		expect(xml).toContain('<listRel:startDate>2025-07-04T00:00:00.000-07:00</listRel:startDate>');
	});

	it('(3) an upsert: RecordRef by externalId, custom record type by script ID (CustomizationRef substituted for RecordRef)', () => {
		const xml = body('asyncUpsertList', [
			['customer', { externalId: 'N8N-CUST-002', subsidiary: { externalId: 'SUB-UK' }, companyName: 'Sample Ltd' }],
			[
				'customRecord',
				{
					customFieldList: [{ scriptId: 'custrecord_brand_owner', type: 'SelectCustomFieldRef', value: { internalId: '7', typeId: '-4' } }],
					recType: { type: 'customRecordType', scriptId: 'customrecord_brand' },
					name: 'Brand 7',
					externalId: 'BRAND-7',
				},
			],
		]);
		expect(xml).toBe(
			compact(`${opening('asyncUpsertList', ['listRel', 'platformCore', 'setupCustom'])}
			<platformMsgs:record xsi:type="listRel:Customer" externalId="N8N-CUST-002">
				<listRel:companyName>Sample Ltd</listRel:companyName>
				<listRel:subsidiary externalId="SUB-UK"/>
			</platformMsgs:record>
			<platformMsgs:record xsi:type="setupCustom:CustomRecord" externalId="BRAND-7">
				<setupCustom:name>Brand 7</setupCustom:name>
				<setupCustom:recType xsi:type="platformCore:CustomizationRef" type="customRecordType" scriptId="customrecord_brand"/>
				<setupCustom:customFieldList>
					<platformCore:customField xsi:type="platformCore:SelectCustomFieldRef" scriptId="custrecord_brand_owner"><platformCore:value internalId="7" typeId="-4"/></platformCore:customField>
				</setupCustom:customFieldList>
			</platformMsgs:record></platformMsgs:asyncUpsertList>`),
		);
	});

	it('(4)/(5) delete and get: RecordRef with the RecordType value, CustomRecordRef for custom records; other fields of the item ignored', () => {
		const xml = body('asyncDeleteList', [
			['customer', { internalId: '983', companyName: 'ignored for a delete' }],
			['salesOrder', { externalId: 'SO-2025-0001' }],
			['customRecord', { internalId: '102', recType: { internalId: '139' } }],
			['customRecord', { externalId: 'BRAND-7', scriptId: 'customrecord_brand' }],
			['customer', '87'],
		]);
		expect(xml).toBe(
			compact(`${opening('asyncDeleteList', ['platformCore'])}
			<platformMsgs:baseRef xsi:type="platformCore:RecordRef" internalId="983" type="customer"/>
			<platformMsgs:baseRef xsi:type="platformCore:RecordRef" externalId="SO-2025-0001" type="salesOrder"/>
			<platformMsgs:baseRef xsi:type="platformCore:CustomRecordRef" internalId="102" typeId="139"/>
			<platformMsgs:baseRef xsi:type="platformCore:CustomRecordRef" externalId="BRAND-7" scriptId="customrecord_brand"/>
			<platformMsgs:baseRef xsi:type="platformCore:RecordRef" internalId="87" type="customer"/>
			</platformMsgs:asyncDeleteList>`),
		);
	});

	it('(6) initialize: the type from Record Type, references in core', () => {
		const xml = body('asyncInitializeList', [
			['invoice', { reference: { type: 'salesOrder', internalId: '5123' } }],
			['customerPayment', { auxReference: { type: 'arAccount', internalId: '122' }, reference: { type: 'customer', internalId: '176' } }],
		]);
		expect(xml).toBe(
			compact(`${opening('asyncInitializeList', ['platformCore'])}
			<platformMsgs:initializeRecord><platformCore:type>invoice</platformCore:type><platformCore:reference type="salesOrder" internalId="5123"/></platformMsgs:initializeRecord>
			<platformMsgs:initializeRecord><platformCore:type>customerPayment</platformCore:type><platformCore:reference type="customer" internalId="176"/><platformCore:auxReference type="arAccount" internalId="122"/></platformMsgs:initializeRecord>
			</platformMsgs:asyncInitializeList>`),
		);
	});

	it('(7) advanced search with criteria and columns; (7b) basic search with a custom field; (7c) saved search', () => {
		const advanced = {
			columns: { basic: ['tranId', 'internalId', 'entity', 'amount'] },
			criteria: {
				basic: {
					type: { operator: 'anyOf', searchValue: ['_salesOrder'] },
					mainLine: true,
					lastModifiedDate: { operator: 'onOrAfter', searchValue: '2025-11-01T00:00:00.000Z' },
				},
			},
		};
		expect(body('asyncSearch', [['transaction', advanced]])).toBe(
			compact(`${opening('asyncSearch', ['platformCommon', 'platformCore', 'tranSales'])}
			<platformMsgs:searchRecord xsi:type="tranSales:TransactionSearchAdvanced">
				<tranSales:criteria><tranSales:basic>
					<platformCommon:lastModifiedDate operator="onOrAfter"><platformCore:searchValue>2025-11-01T00:00:00.000Z</platformCore:searchValue></platformCommon:lastModifiedDate>
					<platformCommon:mainLine><platformCore:searchValue>true</platformCore:searchValue></platformCommon:mainLine>
					<platformCommon:type operator="anyOf"><platformCore:searchValue>_salesOrder</platformCore:searchValue></platformCommon:type>
				</tranSales:basic></tranSales:criteria>
				<tranSales:columns><tranSales:basic>
					<platformCommon:amount/><platformCommon:entity/><platformCommon:internalId/><platformCommon:tranId/>
				</tranSales:basic></tranSales:columns>
			</platformMsgs:searchRecord></platformMsgs:asyncSearch>`),
		);
		expect(
			body('asyncSearch', [
				[
					'customer',
					{
						customFieldList: [{ scriptId: 'custentity_source', type: 'SearchStringCustomField', operator: 'is', searchValue: 'n8n' }],
						isInactive: false,
						email: { operator: 'contains', searchValue: '@example.com' },
					},
				],
			]),
		).toBe(
			compact(`${opening('asyncSearch', ['listRel', 'platformCommon', 'platformCore'])}
			<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic>
				<platformCommon:email operator="contains"><platformCore:searchValue>@example.com</platformCore:searchValue></platformCommon:email>
				<platformCommon:isInactive><platformCore:searchValue>false</platformCore:searchValue></platformCommon:isInactive>
				<platformCommon:customFieldList>
					<platformCore:customField xsi:type="platformCore:SearchStringCustomField" scriptId="custentity_source" operator="is"><platformCore:searchValue>n8n</platformCore:searchValue></platformCore:customField>
				</platformCommon:customFieldList>
			</listRel:basic></platformMsgs:searchRecord></platformMsgs:asyncSearch>`),
		);
		expect(body('asyncSearch', [['customer', { savedSearchScriptId: 'customsearch_n8n_customers' }]])).toBe(
			`${opening('asyncSearch', ['listRel'])}<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_n8n_customers"/></platformMsgs:asyncSearch>`,
		);
	});

	it('a record as Get Async Result emits it (recordType marker, select value with name, strings for numbers) writes back', () => {
		const fetched = {
			recordType: 'Customer',
			internalId: '1201',
			externalId: 'C-1',
			companyName: 'Acme',
			creditLimit: '0100.50',
			subsidiary: { internalId: '1', name: 'Parent Company' },
			customFieldList: [{ scriptId: 'custentity_tier', internalId: '77', type: 'SelectCustomFieldRef', value: { internalId: '2', typeId: '5', name: 'Gold' } }],
		};
		const xml = body('asyncUpdateList', [['customer', fetched]]);
		expect(xml).toContain('<platformMsgs:record xsi:type="listRel:Customer" internalId="1201" externalId="C-1">');
		expect(xml).toContain('<listRel:creditLimit>0100.50</listRel:creditLimit>');
		expect(xml).toContain('<listRel:subsidiary internalId="1"><platformCore:name>Parent Company</platformCore:name></listRel:subsidiary>');
		expect(xml).toContain(
			'<platformCore:customField xsi:type="platformCore:SelectCustomFieldRef" internalId="77" scriptId="custentity_tier"><platformCore:value internalId="2" typeId="5"><platformCore:name>Gold</platformCore:name></platformCore:value></platformCore:customField>',
		);
	});

	it('records of one shape share an element tree, yet each keeps its own values, escaped (the reuse in the serializer)', () => {
		const xml = body('asyncUpsertList', [
			['customer', { entityId: 'a <b> & "c"', externalId: 'A&1', companyName: 'R&D > Sales' }],
			['customer', { companyName: '', externalId: 'B"2', entityId: 'plain' }],
			['customer', { externalId: 'C3', entityId: 'x', subsidiary: { internalId: '1' } }],
			['customer', { externalId: 'D4', entityId: 'd', companyName: 'Dee' }],
		]);
		expect(xml).toBe(
			`${opening('asyncUpsertList', ['listRel'])}` +
				'<platformMsgs:record xsi:type="listRel:Customer" externalId="A&amp;1"><listRel:entityId>a &lt;b&gt; &amp; "c"</listRel:entityId><listRel:companyName>R&amp;D &gt; Sales</listRel:companyName></platformMsgs:record>' +
				'<platformMsgs:record xsi:type="listRel:Customer" externalId="B&quot;2"><listRel:entityId>plain</listRel:entityId><listRel:companyName></listRel:companyName></platformMsgs:record>' +
				'<platformMsgs:record xsi:type="listRel:Customer" externalId="C3"><listRel:entityId>x</listRel:entityId><listRel:subsidiary internalId="1"/></platformMsgs:record>' +
				'<platformMsgs:record xsi:type="listRel:Customer" externalId="D4"><listRel:entityId>d</listRel:entityId><listRel:companyName>Dee</listRel:companyName></platformMsgs:record>' +
				'</platformMsgs:asyncUpsertList>',
		);
	});

	it('an element with children of its own (a SOAP header entry) keeps its text apart from them', () => {
		const header = new RecordWriter(schemaView).elementNode('platformMsgs', 'preferences', 'platformMsgs:Preferences', { ignoreReadOnlyFields: true, warningAsError: 'false' }, 'preferences');
		expect(serializeElement(schemaView, '2025_2', header)).toBe(
			`<platformMsgs:preferences xmlns:platformMsgs="${NS.platformMsgs}" xmlns:xsi="${NS.xsi}">` +
				'<platformMsgs:warningAsError>false</platformMsgs:warningAsError><platformMsgs:ignoreReadOnlyFields>true</platformMsgs:ignoreReadOnlyFields>' +
				'</platformMsgs:preferences>',
		);
	});

	afterAll(async () => {
		const results = await validateEnvelopes(envelopes);
		for (const [index, result] of results.entries()) {
			if (!result.valid) throw new Error(`envelope ${index} is not schema-valid: ${describeErrors(result)}`);
		}
	}, 60_000);
});

describe('writer: refusals name the field and the fix', () => {
	it.each([
		['an unknown field, with the closest names', 'asyncAddList', 'customer', { compnyName: 'x' }, 'Field "compnyName": Customer has no field "compnyName"; did you mean "companyName"?'],
		['a string where a reference is expected', 'asyncAddList', 'customer', { subsidiary: '1' }, 'Field "subsidiary": the text "1" where RecordRef (an object) is expected'],
		['an object where a value is expected', 'asyncAddList', 'customer', { companyName: { text: 'x' } }, 'Field "companyName": an object where a single value is expected'],
		['a value outside the enumeration', 'asyncAddList', 'salesOrder', { orderStatus: 'shipped' }, 'Field "orderStatus": "shipped" is not one of its values'],
		['a malformed number', 'asyncAddList', 'customer', { creditLimit: '1,000.00' }, 'Field "creditLimit": "1,000.00" is not a number'],
		['a malformed date', 'asyncAddList', 'customer', { startDate: '03/16/2025' }, 'Field "startDate": "03/16/2025" is not a date and time'],
		['a custom field without a script ID', 'asyncAddList', 'customer', { customFieldList: [{ internalId: '77', value: 'x' }] }, 'Field "customFieldList.customField[0]": a custom field without "scriptId"'],
		['an unknown custom field kind', 'asyncAddList', 'customer', { customFieldList: [{ scriptId: 'custentity_x', type: 'Strng', value: 'x' }] }, 'Field "customFieldList.customField[0]": "Strng" is not a kind of CustomFieldRef'],
		['null inside a sublist line', 'asyncAddList', 'customer', { addressbookList: [{ label: null }] }, 'Field "addressbookList.addressbook[0].label": null cannot clear a field of CustomerAddressbook'],
		['an unknown record type, with the closest names', 'asyncAddList', 'custmer', {}, '"custmer" is not a NetSuite record type; did you mean "customer"?'],
		['upsert without externalId', 'asyncUpsertList', 'customer', { companyName: 'x' }, 'Field "externalId": upsert needs an externalId'],
		['upsert with internalId', 'asyncUpsertList', 'customer', { externalId: 'a', internalId: '1' }, 'Field "internalId": upsert cannot carry an internalId'],
		['upsert of a type without external IDs', 'asyncUpsertList', 'accountingPeriod', { externalId: 'a' }, 'accountingPeriod records have no external ID'],
		['update without a reference', 'asyncUpdateList', 'customer', { companyName: 'x' }, "update needs the record's internalId or externalId"],
		['delete without a reference', 'asyncDeleteList', 'customer', { companyName: 'x' }, "delete needs the record's internalId or externalId"],
		['a Get Async Result item instead of its record', 'asyncUpdateList', 'customer', { jobId: 'J', record: { internalId: '1' } }, 'Record is a whole Get Async Result item'],
	] as Array<[string, AsyncSubmitOperation, string, unknown, string]>)('%s', (_, operation, recordType, record, message) => {
		const error = refusal(operation, recordType, record);
		expect(error.message.startsWith(message)).toBe(true);
		expect(error.fix.length).toBeGreaterThan(10);
	});

	it('an enum refusal lists the valid values', () => {
		expect(refusal('asyncAddList', 'salesOrder', { orderStatus: 'shipped' }).fix).toBe(
			'Valid values: _pendingApproval, _pendingFulfillment, _cancelled, _partiallyFulfilled, _pendingBillingPartFulfilled, _pendingBilling, _fullyBilled, _closed, _undefined.',
		);
	});
});
