import { fragment } from 'xmlbuilder2';

import { buildRequestEnvelope, insertPassport } from '../../nodes/NetSuiteAsync/suitetalk/envelope';
import { schemaView } from '../../nodes/NetSuiteAsync/suitetalk/records/schemaView';
import { serializeElement } from '../../nodes/NetSuiteAsync/suitetalk/records/serialize';
import { SubmitEntryBuilder } from '../../nodes/NetSuiteAsync/suitetalk/submitEntries';
import { attribute, child, children, childText, parseXml } from '../../nodes/NetSuiteAsync/suitetalk/xml';

// Values that look like entity references: xmlbuilder2 alone would send them decoded or malformed.
const TRICKY = ['AT&amp;T', 'R&D;', '&#60;b&#62;', 'Smith & Sons', '&', '&&amp;', 'x&lt;y', '<&>"\''];

const passport = { account: '1234567_SB1', consumerKey: 'ck', token: 'tk', nonce: 'n0nce', timestamp: '1700000000', signature: 'c2ln' };

describe('text reaches NetSuite exactly as given, "&" included', () => {
	it('xmlbuilder2 4.x leaves an "&" that starts an entity-shaped run alone (why literalText exists; fails if that changes)', () => {
		expect(fragment().ele('a').txt('AT&amp;T R&D;').end()).toBe('<a>AT&amp;T R&D;</a>');
	});

	it.each(TRICKY)('a request field %p', (value) => {
		const xml = buildRequestEnvelope('2025_2', { operation: 'checkAsyncStatus', fields: [['jobId', value]] });
		expect(childText(child(child(child(parseXml(xml), 'Envelope'), 'Body'), 'checkAsyncStatus'), 'jobId')).toBe(value);
	});

	it('record values and attributes, in reused element trees too', () => {
		const builder = new SubmitEntryBuilder(schemaView);
		const entries = TRICKY.map((value, index) =>
			builder.build('asyncUpsertList', 'customer', { externalId: `${value}-${index}`, companyName: value }).node,
		);
		const xml = serializeElement(schemaView, '2025_2', { prefix: 'platformMsgs', name: 'asyncUpsertList', attributes: [], children: [] }, entries);
		const records = children(child(parseXml(xml), 'asyncUpsertList'), 'record');
		expect(records.map((record) => childText(record, 'companyName'))).toEqual(TRICKY);
		expect(records.map((record) => attribute(record, 'externalId'))).toEqual(TRICKY.map((value, index) => `${value}-${index}`));
	});

	it('an envelope typed into HTTP Request keeps its encoded text when the passport goes in', () => {
		const envelope =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="urn:messages_2025_2.platform.webservices.netsuite.com">' +
			'<soapenv:Body><platformMsgs:checkAsyncStatus><platformMsgs:jobId note="AT&amp;amp;T">R&amp;D; AT&amp;amp;T</platformMsgs:jobId></platformMsgs:checkAsyncStatus></soapenv:Body></soapenv:Envelope>';
		const signed = insertPassport(envelope, passport, '2025_2');
		const jobId = child(child(child(child(parseXml(signed.xml), 'Envelope'), 'Body'), 'checkAsyncStatus'), 'jobId');
		expect(childText(child(child(child(parseXml(signed.xml), 'Envelope'), 'Body'), 'checkAsyncStatus'), 'jobId')).toBe('R&D; AT&amp;T');
		expect(attribute(jobId, 'note')).toBe('AT&amp;T');
	});
});
