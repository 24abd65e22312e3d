import { DEMO_FAILING_EXTERNAL_ID, seedDemoJobs } from './demo-jobs';
import { startSimulator, type Simulator } from './server';
import { exampleEnvelope, send, submitEnvelope, type SubmitEnvelopeOptions } from './submit-envelopes';
import { asyncStatusOf, at, body, faultOf, getResult, textOf, type Parsed, type SoapReply } from './test-client';
import { validateEnvelopes } from '../xsd/validate';
import type { SubmitOperation } from './types';

let simulator: Simulator;

beforeEach(async () => {
	// Jobs finish at once: these tests are about what the store does, simulator-jobs.test.ts about timing.
	simulator = await startSimulator({ submitJobScript: { steps: [{ status: 'finished' }] } });
});
afterEach(() => simulator.close());

interface WriteView {
	isSuccess: string;
	internalId?: string;
	externalId?: string;
	type?: string;
	code?: string;
	message?: string;
	afterSubmitFailed?: string;
	detailType?: string;
}

async function jobOf(reply: SoapReply): Promise<string> {
	expect(faultOf(reply)).toBeUndefined();
	expect(reply.status).toBe(200);
	const status = asyncStatusOf(reply);
	expect(status.status).toBe('pending');
	return status.jobId as string;
}

async function resultOf(reply: SoapReply, page = 1): Promise<Parsed> {
	const result = await getResult(simulator, await jobOf(reply), page);
	expect(result.status).toBe(200);
	return at(body(result), 'getAsyncResultResponse', 'asyncResult') as Parsed;
}

async function writes(reply: SoapReply): Promise<WriteView[]> {
	const asyncResult = await resultOf(reply);
	return ((at(asyncResult, 'writeResponseList', 'writeResponse') as Parsed[]) ?? []).map((response) => {
		const detail = at(response, 'status', 'statusDetail', 0) as Parsed | undefined;
		const view: WriteView = { isSuccess: at(response, 'status', '@_isSuccess') as string };
		const ref = (at(response, 'baseRef') ?? {}) as Parsed;
		for (const key of ['internalId', 'externalId', 'type'] as const) if (ref[`@_${key}`] !== undefined) view[key] = ref[`@_${key}`] as string;
		if (detail) {
			view.detailType = detail['@_type'] as string;
			view.code = textOf(detail.code);
			view.message = textOf(detail.message);
			if (detail.afterSubmitFailed !== undefined) view.afterSubmitFailed = textOf(detail.afterSubmitFailed);
		}
		return view;
	});
}

function submit(operation: SubmitOperation, inner: string, options?: SubmitEnvelopeOptions): Promise<SoapReply> {
	return send(simulator, operation, submitEnvelope(simulator, operation, inner, options));
}

const customer = (externalId: string, fields = '<listRel:companyName>Acme</listRel:companyName>', attributes = '') =>
	`<platformMsgs:record xsi:type="listRel:Customer" externalId="${externalId}"${attributes}>${fields}</platformMsgs:record>`;

describe("SUBMIT.md's example envelopes against the record store", () => {
	it('(1) asyncAddList stores the customer with its sublist and custom fields, and answers per record in order', async () => {
		simulator.records.seed('customer', [{ internalId: '42', fields: { companyName: 'Parent' } }]);
		const reply = await send(simulator, 'asyncAddList', exampleEnvelope(simulator, '1-asyncAddList.xml'));
		expect(at(body(reply), 'asyncAddListResponse', 'asyncStatusResult', 'percentCompleted')).toBe('0.0');
		const jobId = asyncStatusOf(reply).jobId as string;
		const results = await writes(reply);
		const customerId = simulator.records.get('customer', { externalId: 'n8n-cust-001' })?.internalId as string;
		const contactId = simulator.records.get('contact', { externalId: 'N8N-CONT-001' })?.internalId as string;
		expect(results).toEqual([
			{ isSuccess: 'true', internalId: customerId, externalId: 'N8N-CUST-001', type: 'customer' },
			{ isSuccess: 'true', internalId: contactId, externalId: 'N8N-CONT-001', type: 'contact' },
		]);
		expect(Number(contactId)).toBeGreaterThan(Number(customerId));

		const stored = simulator.records.get('customer', { internalId: customerId });
		expect(stored?.fields.companyName).toBe('Example Co & Sons');
		expect(stored?.fields.subsidiary).toEqual({ internalId: '1' });
		const addressbook = (stored?.fields.addressbookList as { addressbook: Array<Record<string, unknown>> }).addressbook;
		expect(addressbook).toHaveLength(1);
		expect(addressbook[0]).toMatchObject({
			label: 'Main',
			addressbookAddress: { country: '_unitedStates', addr1: '1 Main St', city: 'Boston', state: 'MA', zip: '02110' },
		});
		expect(addressbook[0].internalId).toMatch(/^\d+$/);
		expect((stored?.fields.customFieldList as { customField: unknown[] }).customField).toEqual([
			{ scriptId: 'custentity_source', xsiType: 'StringCustomFieldRef', value: 'n8n' },
			{ scriptId: 'custentity_vip', xsiType: 'BooleanCustomFieldRef', value: 'true' },
			{ scriptId: 'custentity_score', xsiType: 'LongCustomFieldRef', value: '25' },
			{ scriptId: 'custentity_rate', xsiType: 'DoubleCustomFieldRef', value: '2.35' },
			{ scriptId: 'custentity_first_contact', xsiType: 'DateCustomFieldRef', value: '2025-03-16T00:00:00.000-07:00' },
			{ scriptId: 'custentity_tier', xsiType: 'SelectCustomFieldRef', value: { internalId: '2' } },
			{ scriptId: 'custentity_regions', xsiType: 'MultiSelectCustomFieldRef', value: [{ internalId: '1' }, { externalId: 'EMEA' }] },
		]);
		expect(simulator.records.get('contact', { internalId: contactId })?.fields.company).toEqual({ internalId: '42', type: 'customer' });
		expect(simulator.jobs.get(jobId)).toEqual({
			jobId,
			operation: 'asyncAddList',
			recordCount: 2,
			preferences: { warningAsError: 'false', ignoreReadOnlyFields: 'true' },
			searchPreferences: {},
			apiVersion: '2025_2',
		});
		expect(simulator.counters.byOperation.asyncAddList).toBe(1);
	});

	it('(2) asyncUpdateList merges fields, keeps a replaceAll="false" sublist and reports the missing record', async () => {
		simulator.records.seed('customer', [{ externalId: 'N8N-CUST-001', fields: { companyName: 'Example Co', email: 'ap@example.com' } }]);
		simulator.records.seed('salesOrder', [
			{
				internalId: '5123',
				fields: {
					memo: 'old',
					shipMethod: { internalId: '9' },
					itemList: { item: [{ item: { internalId: '11' }, quantity: '1' }, { item: { internalId: '12' }, quantity: '3' }] },
				},
			},
		]);
		const results = await writes(await send(simulator, 'asyncUpdateList', exampleEnvelope(simulator, '2-asyncUpdateList.xml')));
		expect(results.map((result) => [result.isSuccess, result.internalId, result.type])).toEqual([
			['true', '5123', 'salesOrder'],
			['true', simulator.records.get('customer', { externalId: 'N8N-CUST-001' })?.internalId, 'customer'],
		]);
		const order = simulator.records.get('salesOrder', { internalId: '5123' })?.fields;
		expect(order?.memo).toBe('Updated by n8n');
		expect(order?.orderStatus).toBe('_pendingFulfillment');
		expect(order?.shipMethod).toBeUndefined();
		expect((order?.itemList as { item: unknown[] }).item).toEqual([
			{ item: { internalId: '11' }, quantity: '1', line: '1' },
			{ item: { internalId: '12' }, quantity: '10', line: '2' },
			{ item: { internalId: '380', type: 'inventoryItem' }, quantity: '1', price: { internalId: '-1' }, rate: '19.99', line: '3' },
		]);
		expect(simulator.records.get('customer', { externalId: 'N8N-CUST-001' })?.fields).toEqual({
			companyName: 'Example Co (renamed)',
			email: 'ap@example.com',
		});
	});

	it('(3) asyncUpsertList updates by externalId, adds the new one, refuses an unknown reference', async () => {
		simulator.records.seed('subsidiary', [{ internalId: '1', externalId: 'SUB-US', fields: { name: 'US' } }]);
		const [existing] = simulator.records.seed('customer', [{ externalId: 'N8N-CUST-001', fields: { companyName: 'Old', email: 'x@example.com' } }]);
		const results = await writes(await send(simulator, 'asyncUpsertList', exampleEnvelope(simulator, '3-asyncUpsertList.xml')));
		const brand = simulator.records.get('customRecord', { externalId: 'BRAND-7' });
		const brandRef = at(await resultOf(await send(simulator, 'asyncUpsertList', exampleEnvelope(simulator, '3-asyncUpsertList.xml'))), 'writeResponseList', 'writeResponse', 2, 'baseRef');
		expect(brandRef).toMatchObject({ '@_xsi:type': 'platformCore:CustomRecordRef', '@_scriptId': 'customrecord_brand', '@_internalId': brand?.internalId });
		expect(results).toEqual([
			{ isSuccess: 'true', internalId: existing.internalId, externalId: 'N8N-CUST-001', type: 'customer' },
			{
				isSuccess: 'false',
				externalId: 'N8N-CUST-002',
				type: 'customer',
				detailType: 'ERROR',
				code: 'INVALID_KEY_OR_REF',
				message: 'Invalid subsidiary reference key SUB-UK.',
			},
			{ isSuccess: 'true', internalId: brand?.internalId, externalId: 'BRAND-7' },
		]);
		expect(simulator.records.get('customer', { externalId: 'N8N-CUST-001' })?.fields).toEqual({
			companyName: 'Example Co',
			email: 'x@example.com',
			subsidiary: { internalId: '1' },
		});
		expect(simulator.records.count('customer')).toBe(1);
		expect(brand?.fields.recType).toEqual({ xsiType: 'CustomizationRef', type: 'customRecordType', scriptId: 'customrecord_brand' });
	});

	it('(4) asyncDeleteList removes what exists and reports what does not, echoing each reference', async () => {
		simulator.records.seed('customer', [{ internalId: '983', fields: { companyName: 'Gone' } }]);
		const brandType = { xsiType: 'CustomizationRef', type: 'customRecordType', scriptId: 'customrecord_brand' };
		simulator.records.seed('customRecord', [
			{ internalId: '102', fields: { name: 'x', recType: { internalId: '139' } } },
			{ externalId: 'BRAND-7', fields: { name: 'Brand 7', recType: brandType } },
			{ internalId: '103', fields: { name: 'other type', recType: { internalId: '140' } } },
		]);
		const results = await writes(await send(simulator, 'asyncDeleteList', exampleEnvelope(simulator, '4-asyncDeleteList.xml')));
		const missing = { detailType: 'ERROR', code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' };
		expect(results).toEqual([
			{ isSuccess: 'true', internalId: '983', type: 'customer' },
			{ isSuccess: 'false', externalId: 'SO-2025-0001', type: 'salesOrder', ...missing },
			{ isSuccess: 'true', internalId: '102' },
			{ isSuccess: 'true', internalId: expect.stringMatching(/^\d+$/), externalId: 'BRAND-7' },
		]);
		expect(simulator.records.count('customer')).toBe(0);
		expect(simulator.records.all('customRecord').map((record) => record.internalId)).toEqual(['103']);
		// A custom record of another type is not found through typeId 139.
		const wrongType = await writes(
			await submit('asyncDeleteList', '<platformMsgs:baseRef xsi:type="platformCore:CustomRecordRef" typeId="139" internalId="103"/>'),
		);
		expect(wrongType).toEqual([{ isSuccess: 'false', internalId: '103', ...missing }]);
	});

	it('(5) asyncGetList reads stored records back in XSD order, and RCRD_DSNT_EXIST for the rest', async () => {
		simulator.records.seed('customer', [
			{ internalId: '87', fields: { email: 'a@example.com', companyName: 'Eighty Seven', subsidiary: { internalId: '1' } } },
			{ externalId: 'N8N-CUST-001', fields: { companyName: 'By external id' } },
		]);
		const asyncResult = await resultOf(await send(simulator, 'asyncGetList', exampleEnvelope(simulator, '5-asyncGetList.xml')));
		expect(asyncResult['@_xsi:type']).toBe('platformMsgs:AsyncGetListResult');
		const responses = at(asyncResult, 'readResponseList', 'readResponse') as Parsed[];
		expect(responses.map((response) => at(response, 'status', '@_isSuccess'))).toEqual(['true', 'true', 'false', 'false']);
		expect(at(responses, 0, 'record', 0)).toEqual({
			'@_internalId': '87',
			'@_xsi:type': 'listRel:Customer',
			'@_xmlns:listRel': 'urn:relationships_2025_2.lists.webservices.netsuite.com',
			companyName: 'Eighty Seven',
			email: 'a@example.com',
			subsidiary: { '@_internalId': '1' },
		});
		expect(at(responses, 1, 'record', 0, 'companyName')).toBe('By external id');
		expect(textOf(at(responses, 2, 'status', 'statusDetail', 0, 'code'))).toBe('RCRD_DSNT_EXIST');
		// Fields come back in the XSD's order (companyName before email), not the seed's.
		const raw = (await getResult(simulator, simulator.submittedJobIds[0], 1)).text;
		expect(raw.indexOf('<listRel:companyName>Eighty Seven')).toBeLessThan(raw.indexOf('<listRel:email>a@example.com'));
	});

	it('(6) asyncInitializeList returns templates from stored references, INVALID_KEY_OR_REF without one', async () => {
		simulator.records.seed('salesOrder', [{ internalId: '5123', fields: { entity: { internalId: '176' }, memo: 'order memo' } }]);
		const asyncResult = await resultOf(await send(simulator, 'asyncInitializeList', exampleEnvelope(simulator, '6-asyncInitializeList.xml')));
		const responses = at(asyncResult, 'readResponseList', 'readResponse') as Parsed[];
		expect(at(responses, 0, 'record', 0)).toMatchObject({
			'@_xsi:type': 'tranSales:Invoice',
			entity: { '@_internalId': '176' },
			createdFrom: { '@_internalId': '5123' },
			memo: 'order memo',
		});
		expect(at(responses, 0, 'record', 0, '@_internalId')).toBeUndefined();
		expect(textOf(at(responses, 1, 'status', 'statusDetail', 0, 'code'))).toBe('INVALID_KEY_OR_REF');
		expect(textOf(at(responses, 1, 'status', 'statusDetail', 0, 'message'))).toBe('Invalid customer reference key 176.');
	});

	it('(7) asyncSearch: a transaction search with columns returns rows of the sales orders that match', async () => {
		simulator.records.seed('salesOrder', [
			{ internalId: '1', fields: { tranId: 'SO1', entity: { internalId: '7', name: 'Acme' }, lastModifiedDate: '2025-11-05T10:00:00.000Z' } },
			{ internalId: '2', fields: { tranId: 'SO2', lastModifiedDate: '2025-10-05T10:00:00.000Z' } },
		]);
		simulator.records.seed('invoice', [{ internalId: '3', fields: { tranId: 'INV3', lastModifiedDate: '2025-11-06T10:00:00.000Z' } }]);
		const reply = await send(simulator, 'asyncSearch', exampleEnvelope(simulator, '7-asyncSearch.xml'));
		expect(simulator.jobs.get(asyncStatusOf(reply).jobId as string)?.searchPreferences).toEqual({
			bodyFieldsOnly: 'true',
			returnSearchColumns: 'true',
			pageSize: '1000',
		});
		const result = at(await resultOf(reply), 'searchResult') as Parsed;
		expect(textOf(result.totalRecords)).toBe('1');
		expect(textOf(result.pageSize)).toBe('1000');
		const row = at(result, 'searchRowList', 'searchRow', 0) as Parsed;
		expect(row['@_xsi:type']).toBe('tranSales:TransactionSearchRow');
		expect(at(row, 'basic')).toMatchObject({
			internalId: { searchValue: { '@_internalId': '1' } },
			tranId: { searchValue: 'SO1' },
			entity: { searchValue: { '@_internalId': '7', name: 'Acme' } },
		});
	});

	it('(7b) a basic customer search filters on email, a checkbox and a custom field; bodyFieldsOnly leaves sublists out', async () => {
		const vip = (source: string) => ({ customField: [{ xsiType: 'StringCustomFieldRef', scriptId: 'custentity_source', value: source }] });
		simulator.records.seed('customer', [
			{ internalId: '1', fields: { companyName: 'A', email: 'a@example.com', customFieldList: vip('n8n'), addressbookList: { addressbook: [{ label: 'Main' }] } } },
			{ internalId: '2', fields: { companyName: 'B', email: 'b@example.com', isInactive: 'true', customFieldList: vip('n8n') } },
			{ internalId: '3', fields: { companyName: 'C', email: 'c@example.org', customFieldList: vip('n8n') } },
			{ internalId: '4', fields: { companyName: 'D', email: 'd@example.com', customFieldList: vip('csv') } },
		]);
		const result = at(await resultOf(await send(simulator, 'asyncSearch', exampleEnvelope(simulator, '7b-asyncSearch-basic.xml'))), 'searchResult');
		const records = at(result, 'recordList', 'record') as Parsed[];
		expect(records.map((record) => record['@_internalId'])).toEqual(['1']);
		expect(records[0].companyName).toBe('A');
		expect(records[0].addressbookList).toBeUndefined();
	});

	it('(7c) a saved search returns every record of its type (the simulator has no saved-search definitions)', async () => {
		simulator.records.seed('customer', [{ fields: { companyName: 'A' } }, { fields: { companyName: 'B' } }]);
		const result = at(await resultOf(await send(simulator, 'asyncSearch', exampleEnvelope(simulator, '7c-asyncSearch-saved.xml'))), 'searchResult');
		expect(textOf(at(result, 'totalRecords'))).toBe('2');
	});
});

describe('limits and structural faults (nothing is stored, no job is created)', () => {
	it('refuses 401 records on asyncAddList with MAX_RCRDS_EXCEEDED and takes 400', async () => {
		const records = (count: number) => Array.from({ length: count }, (_, index) => customer(`LIMIT-${index}`)).join('');
		const over = await submit('asyncAddList', records(401));
		expect(over.status).toBe(500);
		expect(faultOf(over)).toMatchObject({
			faultcode: 'soapenv:Server.userException',
			element: 'exceededRecordCountFault',
			code: 'MAX_RCRDS_EXCEEDED',
			message: 'The maximum number ( 400 ) of records allowed for a asyncAddList operation has been exceeded.',
		});
		expect(simulator.submittedJobIds).toEqual([]);
		expect(simulator.records.count('customer')).toBe(0);
		expect(await writes(await submit('asyncAddList', records(400)))).toHaveLength(400);
		expect(simulator.records.count('customer')).toBe(400);
	});

	it.each([
		['asyncUpdateList', 200, 'record'],
		['asyncUpsertList', 200, 'record'],
		['asyncDeleteList', 400, 'baseRef'],
		['asyncGetList', 2000, 'baseRef'],
	] as const)('refuses %s over %i', async (operation, limit, element) => {
		const item =
			element === 'record'
				? (index: number) => customer(`L-${index}`)
				: (index: number) => `<platformMsgs:baseRef xsi:type="platformCore:RecordRef" type="customer" internalId="${index + 1}"/>`;
		const reply = await submit(operation, Array.from({ length: limit + 1 }, (_, index) => item(index)).join(''));
		expect(faultOf(reply)?.code).toBe('MAX_RCRDS_EXCEEDED');
		expect(faultOf(reply)?.message).toBe(`The maximum number ( ${limit} ) of records allowed for a ${operation} operation has been exceeded.`);
	});

	it.each(['4', '2001'])('refuses a search pageSize of %s', async (pageSize) => {
		const reply = await submit('asyncSearch', '<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>', {
			searchPreferences: { pageSize },
		});
		expect(faultOf(reply)).toMatchObject({ code: 'INVALID_SEARCH_PAGE_SIZE', message: 'Invalid search page size.' });
	});

	it('answers a schema-invalid envelope with an Axis SAXException fault naming the element', async () => {
		const reply = await submit('asyncAddList', customer('X-1', '<listRel:email>a@b.c</listRel:email><listRel:companyName>Late</listRel:companyName>'));
		expect(reply.status).toBe(500);
		const fault = faultOf(reply);
		expect(fault?.faultcode).toBe('soapenv:Server.userException');
		expect(fault?.faultstring).toMatch(
			/^org\.xml\.sax\.SAXException: line 1: Element '\{urn:relationships_2025_2\.lists\.webservices\.netsuite\.com\}companyName': This element is not expected\.$/,
		);
		expect(simulator.records.count('customer')).toBe(0);
		expect(simulator.submittedJobIds).toEqual([]);
	});

	it('checks the passport before the schema: a bad passport on an invalid body is INVALID_LOGIN_ATTEMPT', async () => {
		const envelope = submitEnvelope(simulator, 'asyncAddList', '<platformMsgs:record/>').replace(/<platformCore:signature([^>]*)>[^<]*</, '<platformCore:signature$1>AAAA<');
		expect(faultOf(await send(simulator, 'asyncAddList', envelope))?.code).toBe('INVALID_LOGIN_ATTEMPT');
	});
});

describe('per-record rules', () => {
	it('upsert: externalId required, internalId refused, types without externalId refused', async () => {
		const results = await writes(
			await submit(
				'asyncUpsertList',
				'<platformMsgs:record xsi:type="listRel:Customer"><listRel:companyName>No id</listRel:companyName></platformMsgs:record>' +
					customer('UP-1', undefined, ' internalId="5"') +
					'<platformMsgs:record xsi:type="listAcct:State" internalId="3"><listAcct:fullName>X</listAcct:fullName></platformMsgs:record>' +
					customer('UP-2'),
			),
		);
		expect(results.map(({ isSuccess, code, message }) => [isSuccess, code, message])).toEqual([
			['false', 'USER_ERROR', 'This operation requies a value for externalId.'],
			['false', 'USER_ERROR', 'You cannot set internalId with upsert.'],
			['false', 'INVALID_RCRD_TYPE', 'state does not support external ID and cannot be used with upsert'],
			['true', undefined, undefined],
		]);
		expect(simulator.records.count('customer')).toBe(1);
	});

	it('add: a duplicate externalId in the same group (any case) is DUP_ENTITY; a company customer needs companyName', async () => {
		simulator.records.seed('contact', [{ externalId: 'E-1', fields: { firstName: 'Ada' } }]);
		const results = await writes(
			await submit(
				'asyncAddList',
				customer('e-1') + customer('E-2', '<listRel:email>x@example.com</listRel:email>') + customer('E-3', '<listRel:isPerson>true</listRel:isPerson><listRel:lastName>L</listRel:lastName>'),
			),
		);
		expect(results.map(({ isSuccess, code, message }) => [isSuccess, code, message])).toEqual([
			['false', 'DUP_ENTITY', 'This entity already exists.'],
			['false', 'USER_ERROR', 'Please enter value(s) for: Company Name'],
			['true', undefined, undefined],
		]);
	});

	it('update: a record that does not exist is RCRD_DSNT_EXIST; nullFieldList clears a field and a custom field', async () => {
		const [stored] = simulator.records.seed('customer', [
			{
				fields: {
					companyName: 'Acme',
					phone: '555',
					customFieldList: { customField: [{ xsiType: 'StringCustomFieldRef', scriptId: 'custentity_a', value: '1' }, { xsiType: 'StringCustomFieldRef', scriptId: 'custentity_b', value: '2' }] },
				},
			},
		]);
		const results = await writes(
			await submit(
				'asyncUpdateList',
				'<platformMsgs:record xsi:type="listRel:Customer" internalId="999999"><listRel:companyName>X</listRel:companyName></platformMsgs:record>' +
					`<platformMsgs:record xsi:type="listRel:Customer" internalId="${stored.internalId}"><platformCore:nullFieldList><platformCore:name>phone</platformCore:name><platformCore:name>custentity_a</platformCore:name></platformCore:nullFieldList></platformMsgs:record>`,
			),
		);
		expect(results.map(({ isSuccess, code }) => [isSuccess, code])).toEqual([
			['false', 'RCRD_DSNT_EXIST'],
			['true', undefined],
		]);
		expect(simulator.records.get('customer', { internalId: stored.internalId })?.fields).toEqual({
			companyName: 'Acme',
			customFieldList: { customField: [{ xsiType: 'StringCustomFieldRef', scriptId: 'custentity_b', value: '2' }] },
		});
	});

	it('update: replaceAll="true" (the default) keeps only the submitted address lines', async () => {
		const [stored] = simulator.records.seed('customer', [
			{ fields: { companyName: 'Acme', addressbookList: { addressbook: [{ label: 'One' }, { label: 'Two' }] } } },
		]);
		const lines = (stored.fields.addressbookList as { addressbook: Array<{ internalId: string }> }).addressbook;
		await writes(
			await submit(
				'asyncUpdateList',
				`<platformMsgs:record xsi:type="listRel:Customer" internalId="${stored.internalId}"><listRel:addressbookList>` +
					`<listRel:addressbook><listRel:label>Two (kept)</listRel:label><listRel:internalId>${lines[1].internalId}</listRel:internalId></listRel:addressbook>` +
					'<listRel:addressbook><listRel:label>Three</listRel:label></listRel:addressbook></listRel:addressbookList></platformMsgs:record>',
			),
		);
		const after = (simulator.records.get('customer', { internalId: stored.internalId })?.fields.addressbookList as { addressbook: Array<{ label: string }> }).addressbook;
		expect(after.map((line) => line.label)).toEqual(['Two (kept)', 'Three']);
	});

	it('read-only fields: INSUFFICIENT_PERMISSION unless ignoreReadOnlyFields, which drops them', async () => {
		const record = customer('RO-1', '<listRel:companyName>Acme</listRel:companyName><listRel:balance>12.5</listRel:balance>');
		const refused = await writes(await submit('asyncAddList', record));
		expect(refused[0]).toMatchObject({ isSuccess: 'false', code: 'INSUFFICIENT_PERMISSION' });
		expect(refused[0].message).toMatch(/^You do not have permissions to set a value for element balance due to one of the following reasons/);
		const accepted = await writes(await submit('asyncAddList', record, { preferences: { ignoreReadOnlyFields: 'true' } }));
		expect(accepted[0].isSuccess).toBe('true');
		expect(simulator.records.get('customer', { externalId: 'RO-1' })?.fields).toEqual({ companyName: 'Acme' });
	});

	it('a RecordRef to a stored type must name a stored record; refs to types the store does not hold pass', async () => {
		simulator.records.seed('subsidiary', [{ internalId: '1', fields: { name: 'Parent' } }]);
		const results = await writes(
			await submit(
				'asyncAddList',
				customer('R-1', '<listRel:companyName>A</listRel:companyName><listRel:subsidiary internalId="1"/>') +
					customer('R-2', '<listRel:companyName>B</listRel:companyName><listRel:subsidiary internalId="99"/>') +
					customer('R-3', '<listRel:companyName>C</listRel:companyName><listRel:terms internalId="99"/>'),
			),
		);
		expect(results.map(({ isSuccess, code, message }) => [isSuccess, code, message])).toEqual([
			['true', undefined, undefined],
			['false', 'INVALID_KEY_OR_REF', 'Invalid subsidiary reference key 99.'],
			['true', undefined, undefined],
		]);
	});
});

describe('scripted per-record failures', () => {
	it('fails records by index and by externalId, only for the operation and type asked, only `times` times', async () => {
		simulator.scriptRecordFailures({ match: { index: 1 }, code: 'USER_ERROR', message: 'Please enter value(s) for: Email', operation: 'asyncAddList' });
		simulator.scriptRecordFailures({ match: { externalId: 'sf-3' }, recordType: 'customer', code: 'UNEXPECTED_ERROR', message: 'Boom', times: 1 });
		simulator.scriptRecordFailures({ match: { externalId: 'SF-1' }, recordType: 'contact', code: 'NEVER', message: 'not a contact' });
		const first = await writes(await submit('asyncAddList', customer('SF-1') + customer('SF-2') + customer('SF-3')));
		expect(first.map(({ isSuccess, externalId, code, message }) => [isSuccess, externalId, code, message])).toEqual([
			['true', 'SF-1', undefined, undefined],
			['false', 'SF-2', 'USER_ERROR', 'Please enter value(s) for: Email'],
			['false', 'SF-3', 'UNEXPECTED_ERROR', 'Boom'],
		]);
		// The index rule applies to asyncAddList only; the externalId rule was used up.
		const second = await writes(await submit('asyncUpsertList', customer('SF-2') + customer('SF-3')));
		expect(second.map((result) => result.isSuccess)).toEqual(['true', 'true']);
		simulator.clearRecordFailures();
		expect((await writes(await submit('asyncAddList', customer('SF-4') + customer('SF-5')))).map((result) => result.isSuccess)).toEqual(['true', 'true']);
	});

	it('a WARN is a success with a warning, an error under warningAsError', async () => {
		simulator.scriptRecordFailures({ match: { externalId: 'W-1' }, type: 'WARN', code: 'WARNING', message: 'Possible duplicate.' });
		expect((await writes(await submit('asyncAddList', customer('W-1'))))[0]).toMatchObject({
			isSuccess: 'true',
			detailType: 'WARN',
			code: 'WARNING',
			message: 'Possible duplicate.',
		});
		const strict = await writes(await submit('asyncUpsertList', customer('W-1'), { preferences: { warningAsError: 'true' } }));
		expect(strict[0]).toMatchObject({ isSuccess: 'false', detailType: 'ERROR', code: 'WARNING' });
	});

	it('afterSubmitFailed: the record is saved, and reported failed with afterSubmitFailed=true', async () => {
		simulator.scriptRecordFailures({ match: { externalId: 'AS-1' }, code: 'USER_ERROR', message: 'An afterSubmit script failed', afterSubmitFailed: true });
		const [result] = await writes(await submit('asyncAddList', customer('AS-1')));
		const stored = simulator.records.get('customer', { externalId: 'AS-1' });
		expect(result).toEqual({
			isSuccess: 'false',
			internalId: stored?.internalId,
			externalId: 'AS-1',
			type: 'customer',
			detailType: 'ERROR',
			code: 'USER_ERROR',
			message: 'An afterSubmit script failed',
			afterSubmitFailed: 'true',
		});
		const [withoutScripts] = await writes(
			await submit('asyncUpsertList', customer('AS-1'), { preferences: { runServerSuiteScriptAndTriggerWorkflows: 'false' } }),
		);
		expect(withoutScripts).toEqual({ isSuccess: 'true', internalId: stored?.internalId, externalId: 'AS-1', type: 'customer' });
	});
});

describe('search paging and advanced columns', () => {
	it('pages by searchPreferences.pageSize; an advanced search with columns returns only those columns', async () => {
		simulator.records.seed(
			'customer',
			Array.from({ length: 12 }, (_, index) => ({ fields: { companyName: `Co ${index}`, entityId: `E${index}`, email: `${index}@x.com` } })),
		);
		const reply = await submit(
			'asyncSearch',
			'<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced"><listRel:criteria><listRel:basic>' +
				'<platformCommon:companyName operator="startsWith"><platformCore:searchValue>co 1</platformCore:searchValue></platformCommon:companyName>' +
				'</listRel:basic></listRel:criteria><listRel:columns><listRel:basic><platformCommon:entityId/><platformCommon:internalId/></listRel:basic></listRel:columns></platformMsgs:searchRecord>',
			{ searchPreferences: { pageSize: '5' } },
		);
		const result = at(await resultOf(reply), 'searchResult') as Parsed;
		expect([textOf(result.totalRecords), textOf(result.totalPages)]).toEqual(['3', '1']);
		const basics = (at(result, 'searchRowList', 'searchRow') as Parsed[]).map((row) => at(row, 'basic') as Parsed);
		expect(basics.map((basic) => at(basic, 'entityId', 'searchValue'))).toEqual(['E1', 'E10', 'E11']);
		expect(basics.every((basic) => basic.email === undefined && basic.companyName === undefined)).toBe(true);

		const all = await submit('asyncSearch', '<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>', { searchPreferences: { pageSize: '5' } });
		const jobId = asyncStatusOf(all).jobId as string;
		const pageThree = at(body(await getResult(simulator, jobId, 3)), 'getAsyncResultResponse', 'asyncResult', 'searchResult') as Parsed;
		expect([textOf(pageThree.totalRecords), textOf(pageThree.totalPages), textOf(pageThree.pageIndex)]).toEqual(['12', '3', '3']);
		expect((at(pageThree, 'recordList', 'record') as Parsed[]).map((record) => record.companyName)).toEqual(['Co 10', 'Co 11']);
	});
});

describe('search preferences', () => {
	it('returnSearchColumns=false gives records despite columns; bodyFieldsOnly=false keeps sublists', async () => {
		simulator.records.seed('customer', [{ fields: { companyName: 'A', addressbookList: { addressbook: [{ label: 'Main' }] } } }]);
		const advanced =
			'<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced"><listRel:columns><listRel:basic><platformCommon:companyName/></listRel:basic></listRel:columns></platformMsgs:searchRecord>';
		const records = at(await resultOf(await submit('asyncSearch', advanced, { searchPreferences: { returnSearchColumns: 'false' } })), 'searchResult', 'recordList', 'record') as Parsed[];
		expect(records.map((record) => record.companyName)).toEqual(['A']);
		expect(records[0].addressbookList).toBeUndefined();
		const basic = '<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>';
		const full = at(await resultOf(await submit('asyncSearch', basic, { searchPreferences: { bodyFieldsOnly: 'false' } })), 'searchResult', 'recordList', 'record', 0);
		expect(at(full, 'addressbookList', 'addressbook', 'label')).toBe('Main');
	});
});

describe('the store accessors', () => {
	it('seed assigns ids, get finds by either id (external ids case-insensitively), seed refuses unknown fields', () => {
		const [one] = simulator.records.seed('Customer', [{ externalId: 'Ext-A', fields: { companyName: 'A' } }]);
		expect(one).toEqual({ type: 'customer', recordType: 'Customer', internalId: one.internalId, externalId: 'Ext-A', fields: { companyName: 'A' } });
		expect(simulator.records.get('customer', { externalId: 'EXT-a' })).toEqual(one);
		expect(simulator.records.get('customer', { internalId: one.internalId })).toEqual(one);
		expect(simulator.records.all('customer')).toEqual([one]);
		expect(() => simulator.records.seed('customer', [{ fields: { companyNmae: 'typo' } }])).toThrow('Customer seed: Customer has no field "companyNmae"');
		expect(() => simulator.records.seed('customers', [{}])).toThrow('The simulator knows no record type "customers"');
		simulator.records.clear();
		expect(simulator.records.count('customer')).toBe(0);
	});
});

describe('the demo store', () => {
	it('holds the demo customers and fails the scripted external id', async () => {
		seedDemoJobs(simulator);
		expect(simulator.records.count('customer')).toBe(12);
		expect(simulator.records.get('customer', { externalId: 'DEMO-CUST-001' })?.fields).toEqual({
			entityId: 'Demo Customer 1',
			companyName: 'Smith & Sons <Demo>',
			email: 'ap1001@example.com',
			subsidiary: { internalId: '1' },
		});
		const results = await writes(
			await submit(
				'asyncUpsertList',
				customer(DEMO_FAILING_EXTERNAL_ID) + customer('DEMO-CUST-002', '<listRel:companyName>Renamed</listRel:companyName><listRel:subsidiary internalId="3"/>'),
			),
		);
		expect(results.map(({ isSuccess, code, message }) => [isSuccess, code, message])).toEqual([
			['false', 'USER_ERROR', 'Please enter value(s) for: Email'],
			['false', 'INVALID_KEY_OR_REF', 'Invalid subsidiary reference key 3.'],
		]);
	});
});

describe('the answers are NetSuite-shaped', () => {
	it('every submit answer and getAsyncResult page computed from the store validates against the 2025_2 XSDs', async () => {
		simulator.records.seed('customer', [{ internalId: '87', fields: { companyName: 'A', email: 'a@x.com', subsidiary: { internalId: '1' } } }]);
		simulator.records.seed('salesOrder', [
			{ internalId: '5123', fields: { entity: { internalId: '87' }, tranId: 'SO1', lastModifiedDate: '2025-11-05T00:00:00Z', itemList: { item: [{ quantity: '2' }] } } },
		]);
		const submissions: Array<[SubmitOperation, string]> = [
			['asyncAddList', exampleEnvelope(simulator, '1-asyncAddList.xml')],
			['asyncUpdateList', exampleEnvelope(simulator, '2-asyncUpdateList.xml')],
			['asyncUpsertList', exampleEnvelope(simulator, '3-asyncUpsertList.xml')],
			['asyncGetList', exampleEnvelope(simulator, '5-asyncGetList.xml')],
			['asyncInitializeList', exampleEnvelope(simulator, '6-asyncInitializeList.xml')],
			['asyncSearch', exampleEnvelope(simulator, '7-asyncSearch.xml')],
			['asyncSearch', exampleEnvelope(simulator, '7b-asyncSearch-basic.xml')],
			[
				'asyncSearch',
				submitEnvelope(
					simulator,
					'asyncSearch',
					'<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced"><listRel:columns><listRel:basic>' +
						'<platformCommon:companyName/><platformCommon:email/><platformCommon:internalId/></listRel:basic></listRel:columns></platformMsgs:searchRecord>',
				),
			],
			['asyncDeleteList', exampleEnvelope(simulator, '4-asyncDeleteList.xml')],
		];
		const answers: string[] = [];
		for (const [operation, envelope] of submissions) {
			const reply = await send(simulator, operation, envelope);
			answers.push(reply.text, (await getResult(simulator, await jobOf(reply), 1)).text);
		}
		expect(answers.some((answer) => answer.includes('searchRowList'))).toBe(true);
		expect(answers.some((answer) => answer.includes('CustomRecordRef'))).toBe(true);
		const results = await validateEnvelopes(answers);
		expect(results.filter((result) => !result.valid)).toEqual([]);
	});
});
