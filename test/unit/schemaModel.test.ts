import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	DEFAULT_MODEL_FILE,
	DEFAULT_XSD_FOLDER,
	generateSchemaModel,
	serializeSchemaModel,
} from '../../scripts/generate-schema-model';
import {
	attributesOf,
	builtinTypeOf,
	complexTypeNames,
	complexTypesNamed,
	concreteSubtypesOf,
	customFieldRefTypes,
	elementOf,
	elementsOf,
	enumerationOf,
	fieldShapeOf,
	globalElementType,
	isAbstract,
	namespaceUri,
	prefixOfNamespace,
	recordTypeByName,
	recordTypes,
	searchKindOf,
	searchTypes,
	sublistItemOf,
} from '../../nodes/NetSuiteAsync/suitetalk/schema/model';

// Expected values below are copied by hand from the XSD text in test/fixtures/xsd/2025_2 (file and
// line named where it helps), not from the generated model.

describe('generated schema model', () => {
	it('is up to date: regenerating from test/fixtures/xsd/2025_2 gives the committed bytes', () => {
		const committed = readFileSync(DEFAULT_MODEL_FILE, 'utf8');
		expect(serializeSchemaModel(generateSchemaModel(DEFAULT_XSD_FOLDER))).toBe(committed);
	});
});

describe('schema model generator', () => {
	function generateFrom(schemaBody: string) {
		const folder = mkdtempSync(join(tmpdir(), 'xsd-'));
		try {
			writeFileSync(
				join(folder, 'a.xsd'),
				'<schema xmlns="http://www.w3.org/2001/XMLSchema" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
					'xmlns:listA="urn:a_2031_1.lists.webservices.netsuite.com" targetNamespace="urn:a_2031_1.lists.webservices.netsuite.com" ' +
					`elementFormDefault="qualified">${schemaBody}</schema>`,
			);
			return generateSchemaModel(folder);
		} finally {
			rmSync(folder, { recursive: true });
		}
	}

	it('stops on an XSD construct the model cannot express instead of dropping fields', () => {
		expect(() =>
			generateFrom('<complexType name="T"><choice><element name="a" type="xsd:string"/><element name="b" type="xsd:string"/></choice></complexType>'),
		).toThrow('a.xsd complexType T: unsupported XSD construct <choice>');
	});

	it('reads another release into version-independent namespaces', () => {
		const model = generateFrom('<complexType name="T"><sequence><element name="a" type="xsd:string" minOccurs="1" maxOccurs="unbounded"/></sequence></complexType>');
		expect(model.version).toBe('2031_1');
		expect(model.namespaces).toEqual({ listA: 'urn:a_{version}.lists.webservices.netsuite.com' });
		expect(model.complexTypes).toEqual({ 'listA:T': { elements: [['a', 'xsd:string', 1, 'unbounded']] } });
	});
});

describe('schema model lookups', () => {
	it('maps prefixes to namespaces for any release, and back', () => {
		expect(namespaceUri('listRel', '2025_2')).toBe('urn:relationships_2025_2.lists.webservices.netsuite.com');
		expect(namespaceUri('platformCoreTyp', '2024_1')).toBe('urn:types.core_2024_1.platform.webservices.netsuite.com');
		expect(namespaceUri('docFileCab', '2025_2')).toBe('urn:filecabinet_2025_2.documents.webservices.netsuite.com');
		expect(namespaceUri('noSuchPrefix', '2025_2')).toBeUndefined();
		expect(prefixOfNamespace('urn:sales_2023_2.transactions.webservices.netsuite.com')).toEqual({ prefix: 'tranSales', version: '2023_2' });
		expect(prefixOfNamespace('urn:types.customers_2025_2.transactions.webservices.netsuite.com')).toEqual({
			prefix: 'tranCustomersTyp',
			version: '2025_2',
		});
		expect(prefixOfNamespace('urn:unknown_2025_2.lists.webservices.netsuite.com')).toBeUndefined();
	});

	it('has the 195 record types, with RecordType values', () => {
		const all = recordTypes();
		expect(all).toHaveLength(195);
		expect(all.filter((info) => info.recordType === undefined).map((info) => info.type)).toEqual([
			'platformCommon:Address',
			'platformCommon:InventoryDetail',
			'platformCommon:LandedCost',
			'setupCustom:CustomFieldType',
			'tranEmp:TimeEntry',
		]);
		expect(recordTypeByName('customer')).toEqual({ type: 'listRel:Customer', recordType: 'customer', prefix: 'listRel', localName: 'Customer' });
		expect(recordTypeByName('salesOrder')?.type).toBe('tranSales:SalesOrder');
		expect(recordTypeByName('customRecord')?.type).toBe('setupCustom:CustomRecord');
		// An enum value without a record type (SUBMIT.md §2.4).
		expect(recordTypeByName('customTransactionType')).toBeUndefined();
		expect(isAbstract('setupCustom:CustomFieldType')).toBe(true);
	});

	it('lists Customer elements in sequence order, inherited nullFieldList first in platformCore', () => {
		const names = elementsOf('listRel:Customer').slice(0, 6);
		expect(names.map(({ name, prefix, type }) => [name, prefix, type])).toEqual([
			['nullFieldList', 'platformCore', 'platformCore:NullField'],
			['customForm', 'listRel', 'platformCore:RecordRef'],
			['entityId', 'listRel', 'xsd:string'],
			['altName', 'listRel', 'xsd:string'],
			['isPerson', 'listRel', 'xsd:boolean'],
			['phoneticName', 'listRel', 'xsd:string'],
		]);
		expect(attributesOf('listRel:Customer').map((attribute) => attribute.name)).toEqual(['internalId', 'externalId']);
	});

	it('tells sublists from single references whatever the name says', () => {
		const addressbookList = elementOf('listRel:Customer', 'addressbookList')!;
		expect(addressbookList.type).toBe('listRel:CustomerAddressbookList');
		expect(fieldShapeOf(addressbookList)).toBe('sublist');
		expect(sublistItemOf(addressbookList.type)).toMatchObject({
			name: 'addressbook',
			prefix: 'listRel',
			type: 'listRel:CustomerAddressbook',
			minOccurs: 0,
			maxOccurs: Infinity,
			repeated: true,
		});
		expect(attributesOf('listRel:CustomerAddressbookList')).toEqual([
			{ name: 'replaceAll', type: 'xsd:boolean', required: false, default: 'true', declaredIn: 'listRel:CustomerAddressbookList' },
		]);
		expect(elementsOf('listRel:CustomerAddressbook').map((element) => element.name)).toEqual([
			'defaultShipping',
			'defaultBilling',
			'isResidential',
			'label',
			'addressbookAddress',
			'internalId',
		]);

		const billAddressList = elementOf('tranCust:CashRefund', 'billAddressList')!;
		expect(billAddressList.type).toBe('platformCore:RecordRef');
		expect(fieldShapeOf(billAddressList)).toBe('reference');

		const subsidiaryList = elementOf('listAcct:Account', 'subsidiaryList')!;
		expect(fieldShapeOf(subsidiaryList)).toBe('sublist');
		expect(sublistItemOf(subsidiaryList.type)).toMatchObject({ name: 'recordRef', prefix: 'platformCore', type: 'platformCore:RecordRef' });

		expect(fieldShapeOf(elementOf('listRel:Customer', 'companyName')!)).toBe('simple');
		expect(fieldShapeOf(elementOf('listRel:CustomerAddressbook', 'addressbookAddress')!)).toBe('complex');
	});

	it('counts the …List fields that are single RecordRefs: 37 in 2025_2', () => {
		// grep -h '<element' xsd/*/*.xsd | grep 'List"' | grep -c 'type="platformCore:RecordRef"' → 37
		let count = 0;
		for (const { type } of recordTypes()) {
			for (const element of elementsOf(type)) {
				if (element.declaredIn === type && element.name.endsWith('List') && element.type === 'platformCore:RecordRef') count += 1;
			}
		}
		expect(count).toBe(37);
	});

	it('resolves element refs into their own namespace', () => {
		// messages.xsd: AsyncAddListResult = ref writeResponseList; WriteResponseList = ref status (0..1), writeResponse (1..n).
		const shape = (type: string) => elementsOf(type).map(({ name, prefix, type: elementType, minOccurs, maxOccurs }) => [name, prefix, elementType, minOccurs, maxOccurs]);
		expect(shape('platformMsgs:AsyncAddListResult')).toEqual([['writeResponseList', 'platformMsgs', 'platformMsgs:WriteResponseList', 1, 1]]);
		expect(shape('platformMsgs:WriteResponseList')).toEqual([
			['status', 'platformCore', 'platformCore:Status', 0, 1],
			['writeResponse', 'platformMsgs', 'platformMsgs:WriteResponse', 1, Infinity],
		]);
		expect(globalElementType('platformMsgs:asyncAddList')).toBe('platformMsgs:AsyncAddListRequest');
		expect(elementsOf('platformMsgs:AsyncAddListRequest')[0]).toMatchObject({ name: 'record', type: 'platformCore:Record', minOccurs: 1, maxOccurs: Infinity });
	});

	it('keeps the Note record’s own record and recordType fields', () => {
		expect(elementOf('generalComm:Note', 'record')?.type).toBe('platformCore:RecordRef');
		expect(elementOf('generalComm:Note', 'recordType')?.type).toBe('platformCore:RecordRef');
	});

	it('has simple types with enumerations and their built-in base', () => {
		expect(enumerationOf('platformCoreTyp:AsyncStatusType')).toEqual(['failed', 'finishedWithErrors', 'pending', 'processing', 'finished', 'retry']);
		expect(enumerationOf('platformCoreTyp:RecordType')).toHaveLength(191);
		expect(builtinTypeOf('listRelTyp:EmailPreference')).toBe('xsd:string');
		expect(builtinTypeOf('xsd:dateTime')).toBe('xsd:dateTime');
		expect(attributesOf('platformCore:RecordRef').map(({ name, type }) => [name, type])).toEqual([
			['internalId', 'xsd:string'],
			['externalId', 'xsd:string'],
			['type', 'platformCoreTyp:RecordType'],
		]);
	});

	it('knows custom field types and search types', () => {
		expect(customFieldRefTypes().sort()).toEqual([
			'platformCore:BooleanCustomFieldRef',
			'platformCore:DateCustomFieldRef',
			'platformCore:DoubleCustomFieldRef',
			'platformCore:LongCustomFieldRef',
			'platformCore:MultiSelectCustomFieldRef',
			'platformCore:SelectCustomFieldRef',
			'platformCore:StringCustomFieldRef',
		]);
		expect(sublistItemOf('platformCore:CustomFieldList')).toMatchObject({ name: 'customField', type: 'platformCore:CustomFieldRef' });
		expect(searchKindOf('listRel:CustomerSearch')).toBe('search');
		expect(searchKindOf('listRel:CustomerSearchAdvanced')).toBe('advanced');
		expect(searchKindOf('platformCommon:CustomerSearchBasic')).toBe('basic');
		expect(searchKindOf('tranSales:TransactionSearchRow')).toBe('row');
		expect(searchKindOf('listRel:Customer')).toBeUndefined();
		expect(searchTypes('advanced')).toContain('tranSales:TransactionSearchAdvanced');
		// SUBMIT.md §2.5: 90 record types with Search + SearchAdvanced, plus 6 search-only Search and 5 SearchAdvanced
		// types; 92 record types with a SearchBasic plus 18 basic-only join types.
		expect(searchTypes('search')).toHaveLength(96);
		expect(searchTypes('advanced')).toHaveLength(95);
		expect(searchTypes('basic')).toHaveLength(110);
		expect(searchKindOf('platformCore:SearchRecordBasic')).toBeUndefined();
		expect(attributesOf('listRel:CustomerSearchAdvanced').map((attribute) => attribute.name)).toEqual(['savedSearchId', 'savedSearchScriptId']);
		expect(complexTypesNamed('CurrencyRate')).toEqual(['listAcct:CurrencyRate', 'platformCore:CurrencyRate']);
	});

	it('lists every complex type and the concrete subtypes an xsi:type may name', () => {
		// grep -c '<complexType' over the 46 XSDs → 1501
		expect(complexTypeNames()).toHaveLength(1501);
		// core.xsd lines 185-265: RecordRef, CustomRecordRef, CustomTransactionRef, InitializeRef, InitializeAuxRef extend
		// BaseRef; CustomizationRef extends RecordRef.
		expect(concreteSubtypesOf('platformCore:BaseRef')).toEqual([
			'platformCore:CustomRecordRef',
			'platformCore:CustomTransactionRef',
			'platformCore:CustomizationRef',
			'platformCore:InitializeAuxRef',
			'platformCore:InitializeRef',
			'platformCore:RecordRef',
		]);
		expect(concreteSubtypesOf('platformCore:Record')).toHaveLength(194);
	});
});
