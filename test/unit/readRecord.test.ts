import { customFieldToJson, recordJsonObject, recordToJson, searchRowToJson } from '../../nodes/NetSuiteAsync/suitetalk/records/read';
import { child, childText, parseXml, text, type XmlElement } from '../../nodes/NetSuiteAsync/suitetalk/xml';

const NS =
	'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com" ' +
	'xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com"';

/** Parses `<root …namespaces>xml</root>` and returns its `name` child. */
function element(xml: string, name = 'record') {
	return child(parseXml(`<root ${NS}>${xml}</root>`).root, name);
}

describe('recordToJson', () => {
	it('turns the record attributes and xsi:type into plain fields', () => {
		const record = recordToJson(
			element('<record internalId="12" externalId="00012" xsi:type="listRel:Customer" xmlns:x="urn:x"><listRel:entityId>00012</listRel:entityId></record>'),
		);
		expect(record).toEqual({
			recordType: 'Customer',
			internalId: '12',
			externalId: '00012',
			fields: { internalId: '12', externalId: '00012', entityId: '00012' },
		});
		expect(recordJsonObject(record)).toEqual({ recordType: 'Customer', internalId: '12', externalId: '00012', entityId: '00012' });
	});

	it("keeps a RecordRef's own type attribute and drops its xsi:type", () => {
		const { fields } = recordToJson(
			element(
				'<record xsi:type="listRel:Customer"><listRel:entity internalId="12" type="customer" xsi:type="platformCore:RecordRef"><platformCore:name>ACME</platformCore:name></listRel:entity></record>',
			),
		);
		expect(fields.entity).toEqual({ internalId: '12', type: 'customer', name: 'ACME' });
	});

	it('never converts values: leading zeros, decimals and booleans stay the strings sent; entities are decoded', () => {
		const { fields } = recordToJson(
			element(
				'<record><listRel:zip>00501</listRel:zip><listRel:phone>0612345678</listRel:phone><listRel:balance>10.50</listRel:balance>' +
					'<listRel:isInactive>false</listRel:isInactive><listRel:companyName>R&amp;D &lt;Labs&gt; &#233;</listRel:companyName>' +
					'<listRel:count>1e3</listRel:count></record>',
			),
		);
		expect(fields).toEqual({ zip: '00501', phone: '0612345678', balance: '10.50', isInactive: 'false', companyName: 'R&D <Labs> é', count: '1e3' });
	});

	it('decodes entities in attribute values', () => {
		const { fields } = recordToJson(element('<record><listRel:parent internalId="7"><platformCore:name>A &amp; B</platformCore:name></listRel:parent><listRel:x name="C &amp; D"/></record>'));
		expect(fields).toEqual({ parent: { internalId: '7', name: 'A & B' }, x: { name: 'C & D' } });
	});

	it('makes repeated siblings an array and any …List wrapper an array, even of one item', () => {
		const { fields } = recordToJson(
			element(
				'<record><listRel:tag>a</listRel:tag><listRel:tag>b</listRel:tag>' +
					'<listRel:subsidiaryList><platformCore:recordRef internalId="1" type="subsidiary"/></listRel:subsidiaryList>' +
					'<listRel:contactRolesList replaceAll="false"><listRel:contactRoles><listRel:contact internalId="3"/></listRel:contactRoles><listRel:contactRoles><listRel:contact internalId="4"/></listRel:contactRoles></listRel:contactRolesList>' +
					'</record>',
			),
		);
		expect(fields).toEqual({
			tag: ['a', 'b'],
			subsidiaryList: [{ internalId: '1', type: 'subsidiary' }],
			contactRolesList: [{ contact: { internalId: '3' } }, { contact: { internalId: '4' } }],
		});
	});

	it('leaves a …List field that is not a wrapper alone', () => {
		const { fields } = recordToJson(
			element('<record><listRel:isPriceList>false</listRel:isPriceList><listRel:mixedList><listRel:a>1</listRel:a><listRel:b>2</listRel:b></listRel:mixedList></record>'),
		);
		expect(fields).toEqual({ isPriceList: 'false', mixedList: { a: '1', b: '2' } });
	});

	it('drops namespace declarations everywhere, including xmlns=""', () => {
		const { fields } = recordToJson(
			element('<record xmlns:a="urn:a"><listRel:name xmlns="">Plain</listRel:name><listRel:ref xmlns:b="urn:b" internalId="9"/><listRel:empty xmlns=""/></record>'),
		);
		expect(fields).toEqual({ name: 'Plain', ref: { internalId: '9' }, empty: '' });
	});

	it('keeps text next to remaining attributes under #text, and reads xsi:nil as null', () => {
		const { fields } = recordToJson(element('<record><listRel:amount currency="EUR">0.10</listRel:amount><listRel:email xsi:nil="true"/></record>'));
		expect(fields).toEqual({ amount: { currency: 'EUR', '#text': '0.10' }, email: null });
	});

	it('does not depend on prefixes: default namespaces and numbered prefixes read alike', () => {
		const prefixed = recordToJson(element('<record xsi:type="listRel:Customer" internalId="1"><listRel:entityId>A</listRel:entityId></record>'));
		const numbered = recordToJson(
			element('<ns1:record xmlns:ns1="urn:m" xmlns:ns2="urn:r" ns0:type="ns2:Customer" xmlns:ns0="http://www.w3.org/2001/XMLSchema-instance" internalId="1"><ns2:entityId>A</ns2:entityId></ns1:record>'),
		);
		const unprefixed = recordToJson(element('<record xmlns="urn:r" xsi:type="Customer" internalId="1"><entityId>A</entityId></record>'));
		expect(numbered).toEqual(prefixed);
		expect(unprefixed).toEqual(prefixed);
	});

	it('converts custom fields of every shape', () => {
		const { fields } = recordToJson(
			element(
				'<record><listRel:customFieldList>' +
					'<platformCore:customField scriptId="c_str" internalId="1" xsi:type="platformCore:StringCustomFieldRef"><platformCore:value>0042</platformCore:value></platformCore:customField>' +
					'<platformCore:customField xsi:type="platformCore:SelectCustomFieldRef" scriptId="c_sel"><platformCore:value internalId="5" typeId="2"><platformCore:name>x</platformCore:name></platformCore:value></platformCore:customField>' +
					'<platformCore:customField scriptId="c_multi" xsi:type="platformCore:MultiSelectCustomFieldRef"><platformCore:value internalId="1" typeId="2"/><platformCore:value internalId="2" typeId="2"/></platformCore:customField>' +
					'<platformCore:customField scriptId="c_multi_none" xsi:type="platformCore:MultiSelectCustomFieldRef"/>' +
					'<platformCore:customField scriptId="c_empty" xsi:type="platformCore:StringCustomFieldRef"/>' +
					'</listRel:customFieldList></record>',
			),
		);
		expect(fields.customFieldList).toEqual([
			{ scriptId: 'c_str', internalId: '1', type: 'StringCustomFieldRef', value: '0042' },
			{ scriptId: 'c_sel', type: 'SelectCustomFieldRef', value: { internalId: '5', typeId: '2', name: 'x' } },
			{ scriptId: 'c_multi', type: 'MultiSelectCustomFieldRef', value: [{ internalId: '1', typeId: '2' }, { internalId: '2', typeId: '2' }] },
			{ scriptId: 'c_multi_none', type: 'MultiSelectCustomFieldRef', value: [] },
			{ scriptId: 'c_empty', type: 'StringCustomFieldRef', value: null },
		]);
	});

	it('reads an empty custom field list as an empty array', () => {
		expect(recordToJson(element('<record><listRel:customFieldList/></record>')).fields.customFieldList).toEqual([]);
	});

	it('exposes customFieldToJson for a single field', () => {
		expect(customFieldToJson(element('<platformCore:customField scriptId="s" xsi:type="platformCore:DateCustomFieldRef"><platformCore:value>2024-01-01T00:00:00.000-08:00</platformCore:value></platformCore:customField>', 'customField')!)).toEqual({
			scriptId: 's',
			type: 'DateCustomFieldRef',
			value: '2024-01-01T00:00:00.000-08:00',
		});
	});

	it('handles a missing element', () => {
		expect(recordToJson(undefined)).toEqual({ fields: {} });
	});
});

describe('searchRowToJson', () => {
	it('flattens columns to their searchValue and keeps repeated values as arrays', () => {
		const row = searchRowToJson(
			element(
				'<platformCore:searchRow xsi:type="listRel:CustomerSearchRow"><listRel:basic>' +
					'<platformCore:externalId><platformCore:searchValue externalId="X-01"/></platformCore:externalId>' +
					'<platformCore:otherRefNum><platformCore:searchValue>PO-1</platformCore:searchValue><platformCore:searchValue>PO-2</platformCore:searchValue></platformCore:otherRefNum>' +
					'<platformCore:labelOnly><platformCore:customLabel>Nothing</platformCore:customLabel></platformCore:labelOnly>' +
					'<platformCore:zip><platformCore:customLabel>Zip</platformCore:customLabel><platformCore:searchValue>01234</platformCore:searchValue></platformCore:zip>' +
					'</listRel:basic></platformCore:searchRow>',
				'searchRow',
			),
		);
		expect(row).toEqual({
			recordType: 'CustomerSearchRow',
			externalId: 'X-01',
			fields: { basic: { externalId: { externalId: 'X-01' }, otherRefNum: ['PO-1', 'PO-2'], labelOnly: null, zip: '01234' } },
		});
	});
});

describe('character references', () => {
	it('decodes numeric references in text and attributes, once', () => {
		const { fields } = recordToJson(
			element('<record><listRel:memo>line 1&#xd;&#10;line 2 &#233; &amp;#233;</listRel:memo><listRel:ref internalId="1" label="a&#10;b"/></record>'),
		);
		expect(fields).toEqual({ memo: 'line 1\r\nline 2 é &#233;', ref: { internalId: '1', label: 'a\nb' } });
	});
});

describe('parser: text as sent', () => {
	it('keeps padding, whitespace-only values and text around CDATA, and ignores indentation between elements', () => {
		const document = parseXml(
			'<r>\n  <memo>  padded memo  </memo>\n  <blank>   </blank>\n  <mixed>pre <![CDATA[mid & <b>]]> post</mixed>\n' +
				'  <padded>  <![CDATA[mid]]>  </padded>\n  <after><![CDATA[mid]]>  </after>\n  <nested>\n    <leaf>x</leaf>\n  </nested>\n</r>',
		);
		const root = document.r as XmlElement;
		// Indentation between child elements is not kept at all.
		expect(root).not.toHaveProperty('#text');
		expect(root.nested).toEqual({ leaf: 'x' });
		expect(childText(root, 'after')).toBe('mid  ');
		expect(childText(root, 'memo')).toBe('  padded memo  ');
		expect(childText(root, 'blank')).toBe('   ');
		expect(childText(root, 'mixed')).toBe('pre mid & <b> post');
		expect(childText(root, 'padded')).toBe('  mid  ');
		expect(text(child(root, 'nested'))).toBeUndefined();
		expect(childText(child(root, 'nested'), 'leaf')).toBe('x');
	});

	it('makes no element an array by its name: a single record is an element, repeated siblings an array', () => {
		const document = parseXml('<r><one><record internalId="1"/></one><two><record internalId="1"/><record internalId="2"/></two></r>') as Record<string, any>;
		expect(document.r.one.record).toEqual({ '@_internalId': '1' });
		expect(document.r.two.record).toHaveLength(2);
	});
});

describe('recordToJson by the schema model', () => {
	it('reads billAddressList of a SalesOrder as a RecordRef and itemList as a sublist', () => {
		const record = recordToJson(
			element(
				'<record xsi:type="tranSales:SalesOrder" internalId="1" xmlns:tranSales="urn:sales_2025_2.transactions.webservices.netsuite.com">' +
					'<tranSales:billAddressList internalId="433"><platformCore:name>123 Happy Lane</platformCore:name></tranSales:billAddressList>' +
					'<tranSales:itemList><tranSales:item><tranSales:line>1</tranSales:line></tranSales:item></tranSales:itemList>' +
					'<tranSales:salesTeamList/></record>',
			),
		);
		expect(recordJsonObject(record)).toEqual({
			recordType: 'SalesOrder',
			internalId: '1',
			billAddressList: { internalId: '433', name: '123 Happy Lane' },
			itemList: [{ line: '1' }],
			salesTeamList: [],
		});
	});

	it('never lets the xsi:type overwrite a Note\'s recordType field, even when the field is absent', () => {
		const note = recordToJson(element('<record xsi:type="generalComm:Note" internalId="9"><title>t</title></record>'));
		expect(note.recordType).toBe('Note');
		expect(recordJsonObject(note)).toEqual({ internalId: '9', title: 't' });
	});
});
