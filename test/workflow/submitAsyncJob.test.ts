import type { IDataObject } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { chainWorkflow, ITEMS_TYPE, runWorkflow } from '../harness';
import { startSimulator, type Simulator } from '../simulator/server';
import { describeErrors, validateEnvelopes } from '../xsd/validate';
import { credentialData, FAST_RETRIES, NODE_NAME, NODE_TYPE, runNetSuite, type OnError } from './netsuite-workflow';

/*
 * Submit Async Job through n8n's engine against the simulator, which validates every envelope
 * against the 2025_2 XSDs on its own (an invalid one is a SOAP fault, failing the test), keeps the
 * records, and reports per-record failures where a test scripts them.
 */

let simulator: Simulator;
const sentEnvelopes: string[] = [];

beforeAll(async () => {
	simulator = await startSimulator({ submitJobScript: { durationMs: 150, pendingMs: 50 } });
});
afterAll(async () => {
	// Every envelope the node built in this file, validated again after the fact (passport included).
	const results = await validateEnvelopes(sentEnvelopes);
	await simulator.close();
	const invalid = results.map((result, index) => (result.valid ? undefined : `#${index}: ${describeErrors(result)}`)).filter(Boolean);
	expect(invalid).toEqual([]);
}, 120_000);
beforeEach(() => {
	simulator.resetCounters();
	simulator.records.clear();
	simulator.clearRecordFailures();
});
afterEach(() => {
	for (const request of simulator.requests) if (request.operation.startsWith('async')) sentEnvelopes.push(request.body);
});

/** Jobs submitted during `run` (the simulator keeps every id it ever gave). */
async function newJobs<T>(run: () => Promise<T>): Promise<{ result: T; jobIds: string[] }> {
	const before = simulator.submittedJobIds.length;
	const result = await run();
	return { result, jobIds: simulator.submittedJobIds.slice(before) };
}

const WAIT = { waitForResults: true, pollInterval: 0.05, pollTimeout: 30 };

function submit(asyncOperation: string, items: IDataObject[], parameters: IDataObject = {}, onError?: OnError) {
	const { options, ...rest } = parameters;
	return runNetSuite(simulator, {
		items,
		onError,
		parameters: {
			operation: 'submitAsyncJob',
			asyncOperation,
			recordType: 'customer',
			record: '={{ $json }}',
			...rest,
			options: { ...FAST_RETRIES, ...(options as IDataObject | undefined) },
		},
	});
}

function customer(index: number, overrides: IDataObject = {}): IDataObject {
	const id = String(index).padStart(3, '0');
	return { externalId: `C-${id}`, companyName: `Customer ${id}`, email: `c${id}@example.com`, ...overrides };
}

describe('Submit Async Job: upsert in chunks, results paired to items', () => {
	it('450 customers go out as jobs of 200/200/50 in input order and come back as 450 items paired with their inputs, failures where NetSuite put them', async () => {
		const items = Array.from({ length: 450 }, (_, index) => customer(index));
		// Index 17: a business rule (company without a name); 321: a scripted script failure; 449: a warning.
		items[17] = customer(17, { companyName: '' });
		simulator.scriptRecordFailures({ match: { externalId: 'C-321' }, code: 'INVALID_FLD_VALUE', message: 'You have entered an Invalid Field Value for the following field: email' });
		simulator.scriptRecordFailures({ match: { externalId: 'C-449' }, code: 'DUP_ENTITY', message: 'This entity may be a duplicate', type: 'WARN' });

		const { result, jobIds } = await newJobs(() => submit('asyncUpsertList', items, WAIT));
		expect(result.status).toBe('success');

		expect(jobIds).toHaveLength(3);
		expect(jobIds.map((jobId) => simulator.jobs.get(jobId)?.recordCount)).toEqual([200, 200, 50]);
		expect(simulator.counters.byOperation.asyncUpsertList).toBe(3);

		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs).toHaveLength(450);
		outputs.forEach((output, index) => {
			expect(output.pairedItem).toEqual({ item: index });
			expect(output.json.externalId).toBe(`C-${String(index).padStart(3, '0')}`);
			expect(output.json.jobId).toBe(jobIds[Math.floor(index / 200)]);
			expect(output.json.index).toBe((index % 200) + 1);
		});
		const failed = outputs.map((output, index) => (output.json.isSuccess === false ? index : -1)).filter((index) => index >= 0);
		expect(failed).toEqual([17, 321]);
		expect(outputs[17].json).toMatchObject({ isSuccess: false, internalId: null, afterSubmitFailed: false, warnings: [] });
		expect(outputs[17].json.errors).toEqual([{ code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name', type: 'ERROR' }]);
		expect(outputs[321].json.errors).toEqual([
			{ code: 'INVALID_FLD_VALUE', message: 'You have entered an Invalid Field Value for the following field: email', type: 'ERROR' },
		]);
		expect(outputs[449].json).toMatchObject({ isSuccess: true, errors: [], warnings: [{ code: 'DUP_ENTITY', message: 'This entity may be a duplicate', type: 'WARN' }] });
		// What the items say was saved is what the store holds.
		expect(simulator.records.count('customer')).toBe(448);
		expect(outputs[5].json.internalId).toBe(simulator.records.get('customer', { externalId: 'C-005' })?.internalId);
	}, 120_000);

	it('without waiting: one item per job (jobId, status, operation, type, count, item indexes) paired with all its items, ready for Check Async Status', async () => {
		const items = Array.from({ length: 5 }, (_, index) => customer(index));
		const { result, jobIds } = await newJobs(() => submit('asyncAddList', items, { options: { recordsPerJob: 2 } }));
		expect(result.status).toBe('success');
		const [first, second, third] = jobIds;
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((output) => output.json)).toEqual([
			{ jobId: first, status: 'pending', asyncOperation: 'asyncAddList', recordType: 'customer', recordCount: 2, itemIndexes: [0, 1] },
			{ jobId: second, status: 'pending', asyncOperation: 'asyncAddList', recordType: 'customer', recordCount: 2, itemIndexes: [2, 3] },
			{ jobId: third, status: 'pending', asyncOperation: 'asyncAddList', recordType: 'customer', recordCount: 1, itemIndexes: [4] },
		]);
		expect(outputs.map((output) => output.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }, { item: 3 }], { item: 4 }]);
	});

	it('without waiting, the job items chain into Check Async Status (Poll Until Done, Fetch Results When Done) with its defaults', async () => {
		const credentials = { netSuiteTbaApi: { id: '1', name: 'NetSuite simulator' } };
		const workflow = chainWorkflow(
			{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify([customer(1), customer(2), customer(3)]) } },
			{
				name: 'Submit',
				type: NODE_TYPE,
				parameters: { operation: 'submitAsyncJob', asyncOperation: 'asyncAddList', recordType: 'customer', record: '={{ $json }}', options: { recordsPerJob: 2 } },
				credentials,
			},
			{
				name: 'Wait',
				type: NODE_TYPE,
				parameters: { operation: 'checkAsyncStatus', pollUntilDone: true, pollInterval: 0.05, pollTimeout: 30, options: { fetchResultsWhenDone: true } },
				credentials,
			},
		);
		const result = await runWorkflow(workflow, {
			nodeTypes: { [NODE_TYPE]: new NetSuiteAsync() },
			credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi() },
			credentials: { netSuiteTbaApi: credentialData(simulator) },
		});
		expect(result.status).toBe('success');
		expect(result.items('Submit').map((job) => job.itemIndexes)).toEqual([[0, 1], [2]]);
		expect(result.items('Wait').map((record) => [record.externalId, record.isSuccess, record.index])).toEqual([
			['C-001', true, 1],
			['C-002', true, 2],
			['C-003', true, 1],
		]);
	}, 30_000);

	it('preferences travel in the SOAP header of each job (only the ones set)', async () => {
		const result = await submit('asyncAddList', [customer(1)], {
			options: { preferences: { warningAsError: true, ignoreReadOnlyFields: true, runServerSuiteScriptAndTriggerWorkflows: 'false' } },
		});
		expect(result.status).toBe('success');
		expect(simulator.jobs.get(simulator.submittedJobIds.at(-1) as string)?.preferences).toEqual({
			warningAsError: 'true',
			ignoreReadOnlyFields: 'true',
			runServerSuiteScriptAndTriggerWorkflows: 'false',
		});
	});
});

describe('Submit Async Job: round trip, delete, get, search', () => {
	it('get → change one field → update → get: the change and nothing else', async () => {
		const [seeded] = simulator.records.seed('customer', [
			{ externalId: 'RT-1', fields: { companyName: 'Round Trip Co', email: 'rt@example.com', phone: '0123 456', isPerson: 'false', creditLimit: '00100.5' } },
		]);
		const get = async () => {
			const run = await submit('asyncGetList', [{ internalId: seeded.internalId }], WAIT);
			expect(run.status).toBe('success');
			const [item] = run.items(NODE_NAME);
			expect(item).toMatchObject({ isSuccess: true, internalId: seeded.internalId, externalId: 'RT-1' });
			return item.record as IDataObject;
		};
		const before = await get();
		const changed = { ...before, email: 'changed@example.com' };
		const update = await submit('asyncUpdateList', [changed], { ...WAIT, options: { preferences: { ignoreReadOnlyFields: true } } });
		expect(update.items(NODE_NAME)).toEqual([
			expect.objectContaining({ isSuccess: true, internalId: seeded.internalId, externalId: 'RT-1', errors: [], warnings: [] }),
		]);
		const after = await get();
		expect(after).toEqual({ ...before, email: 'changed@example.com' });
	}, 60_000);

	it('a fetched record upserts back by externalId once its internalId is left out', async () => {
		simulator.records.seed('customer', [{ externalId: 'RT-2', fields: { companyName: 'Upsert Co', email: 'u@example.com' } }]);
		const fetched = (await submit('asyncGetList', [{ externalId: 'RT-2' }], WAIT)).items(NODE_NAME)[0].record as IDataObject;
		const { internalId, ...withoutInternalId } = fetched;
		const upsert = await submit('asyncUpsertList', [{ ...withoutInternalId, companyName: 'Upsert Co (new name)' }], WAIT);
		expect(upsert.items(NODE_NAME)[0]).toMatchObject({ isSuccess: true, internalId, externalId: 'RT-2' });
		expect(simulator.records.get('customer', { externalId: 'rt-2' })?.fields).toMatchObject({ companyName: 'Upsert Co (new name)', email: 'u@example.com' });
		expect(simulator.records.count('customer')).toBe(1);
	}, 60_000);

	it('delete by internalId and by externalId, then get: deleted records are reported missing, paired with their items', async () => {
		const [a, b, c] = simulator.records.seed('customer', [
			{ externalId: 'D-1', fields: { companyName: 'A' } },
			{ externalId: 'D-2', fields: { companyName: 'B' } },
			{ externalId: 'D-3', fields: { companyName: 'C' } },
		]);
		const deleted = await submit('asyncDeleteList', [{ internalId: a.internalId }, { externalId: 'D-2' }], WAIT);
		expect(deleted.items(NODE_NAME).map((item) => [item.isSuccess, item.internalId ?? item.externalId])).toEqual([
			[true, a.internalId],
			[true, b.internalId],
		]);
		expect(simulator.records.count('customer')).toBe(1);
		const got = await submit('asyncGetList', [{ internalId: a.internalId }, { externalId: 'D-3' }, { externalId: 'D-2' }], WAIT);
		const items = got.items(NODE_NAME);
		expect(items.map((item) => item.isSuccess)).toEqual([false, true, false]);
		expect(items[0].errors).toEqual([{ code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.', type: 'ERROR' }]);
		expect(items[1]).toMatchObject({ internalId: c.internalId, externalId: 'D-3', afterSubmitFailed: false });
		expect((items[1].record as IDataObject).companyName).toBe('C');
		expect(got.outputs(NODE_NAME)[0].map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	}, 60_000);

	it('a basic search per item: one item per record found, paired with the search that found it; search preferences in the header', async () => {
		simulator.records.seed('customer', [
			{ externalId: 'S-1', fields: { companyName: 'Acme Rockets', email: 'a@acme.test' } },
			{ externalId: 'S-2', fields: { companyName: 'Acme Anvils', email: 'b@acme.test' } },
			{ externalId: 'S-3', fields: { companyName: 'Globex', email: 'g@globex.test' } },
		]);
		const result = await submit(
			'asyncSearch',
			[{ companyName: { operator: 'startsWith', searchValue: 'Acme' } }, { email: { operator: 'contains', searchValue: 'globex' } }],
			{ ...WAIT, options: { searchPreferences: { pageSize: 50, bodyFieldsOnly: false } } },
		);
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((output) => [output.pairedItem, output.json.externalId, (output.json.record as IDataObject).companyName])).toEqual([
			[{ item: 0 }, 'S-1', 'Acme Rockets'],
			[{ item: 0 }, 'S-2', 'Acme Anvils'],
			[{ item: 1 }, 'S-3', 'Globex'],
		]);
		expect(simulator.jobs.get(simulator.submittedJobIds.at(-1) as string)?.searchPreferences).toEqual({ bodyFieldsOnly: 'false', pageSize: '50' });
	}, 60_000);

	it('an advanced search with columns: one row per record with the selected columns', async () => {
		simulator.records.seed('customer', [
			{ externalId: 'A-1', fields: { companyName: 'Initech', email: 'i@initech.test', phone: '555' } },
			{ externalId: 'A-2', fields: { companyName: 'Umbrella', email: 'u@umbrella.test' } },
		]);
		const result = await submit(
			'asyncSearch',
			[{ criteria: { basic: { companyName: { operator: 'is', searchValue: 'Initech' } } }, columns: { basic: ['companyName', 'email', 'externalId'] } }],
			WAIT,
		);
		expect(result.status).toBe('success');
		const rows = result.items(NODE_NAME);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ recordType: 'CustomerSearchRow' });
		expect((rows[0].record as IDataObject).basic).toMatchObject({ companyName: 'Initech', email: 'i@initech.test' });
		expect(simulator.jobs.get(simulator.submittedJobIds.at(-1) as string)?.recordCount).toBe(1);
	}, 60_000);
});

describe('Submit Async Job: initialize', () => {
	it('initializes an invoice from a stored sales order: one read result per item with the unsaved record', async () => {
		const [customerRecord] = simulator.records.seed('customer', [{ externalId: 'I-1', fields: { companyName: 'Init Co' } }]);
		const [order] = simulator.records.seed('salesOrder', [{ externalId: 'SO-1', fields: { entity: { internalId: customerRecord.internalId } } }]);
		const result = await submit('asyncInitializeList', [{ reference: { type: 'salesOrder', internalId: order.internalId } }], { ...WAIT, recordType: 'invoice' });
		expect(result.status).toBe('success');
		const [item] = result.items(NODE_NAME);
		expect(item).toMatchObject({ isSuccess: true, afterSubmitFailed: false, errors: [] });
		expect((item.record as IDataObject).recordType).toBe('Invoice');
		expect(simulator.jobs.get(simulator.submittedJobIds.at(-1) as string)).toMatchObject({ operation: 'asyncInitializeList', recordCount: 1 });
	}, 30_000);
});

describe('Submit Async Job: bad input is refused before any request', () => {
	const bad: Array<[string, string, IDataObject, string]> = [
		['unknown record type', 'custmer', customer(1), '"custmer" is not a NetSuite record type; did you mean "customer"?'],
		['unknown field', 'customer', customer(2, { compnyName: 'x' }), 'Field "compnyName": Customer has no field "compnyName"; did you mean "companyName"?'],
		['string where a reference is expected', 'customer', customer(3, { subsidiary: '1' }), 'Field "subsidiary": the text "1" where RecordRef (an object) is expected'],
		['object where a value is expected', 'customer', customer(4, { email: { address: 'x' } }), 'Field "email": an object where a single value is expected'],
		['value outside the enumeration', 'customer', customer(5, { emailPreference: 'html' }), 'Field "emailPreference": "html" is not one of its values'],
		['upsert without externalId', 'customer', { companyName: 'No key' }, 'Field "externalId": upsert needs an externalId'],
		['upsert with internalId', 'customer', customer(7, { internalId: '12' }), 'Field "internalId": upsert cannot carry an internalId'],
		['custom field without scriptId', 'customer', customer(8, { customFieldList: [{ value: 'x' }] }), 'Field "customFieldList.customField[0]": a custom field without "scriptId"'],
	];

	it('stops the workflow on the first bad item and sends nothing', async () => {
		const items = [customer(0), ...bad.map(([, type, record]) => ({ ...record, type }))];
		const result = await submit('asyncUpsertList', items, { recordType: '={{ $json.type ?? "customer" }}', record: '={{ Object.fromEntries(Object.entries($json).filter(([key]) => key !== "type")) }}' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(bad[0][3]);
		expect(result.error?.itemIndex).toBe(1);
		expect(result.error?.description).toContain('Pick Record Type from the list');
		expect(simulator.requests).toHaveLength(0);
	});

	it('with On Error "continue": each bad item is an error item naming its field and fix, the good ones are still submitted', async () => {
		const items = [customer(0), ...bad.map(([, type, record]) => ({ ...record, type })), customer(99)];
		const { result, jobIds } = await newJobs(() =>
			submit(
				'asyncUpsertList',
				items,
				{ ...WAIT, recordType: '={{ $json.type ?? "customer" }}', record: '={{ Object.fromEntries(Object.entries($json).filter(([key]) => key !== "type")) }}' },
				'continueRegularOutput',
			),
		);
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((output) => output.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(outputs[0].json).toMatchObject({ isSuccess: true, externalId: 'C-000' });
		expect(outputs.at(-1)?.json).toMatchObject({ isSuccess: true, externalId: 'C-099' });
		bad.forEach(([, , , message], index) => {
			expect(outputs[index + 1].json.error).toContain(message);
			expect(typeof (outputs[index + 1].json.details as IDataObject).description).toBe('string');
		});
		expect(jobIds.map((jobId) => simulator.jobs.get(jobId)?.recordCount)).toEqual([2]);
	}, 60_000);

	it('with On Error "error output": bad items leave on the error output, results on the main one', async () => {
		const result = await submit('asyncAddList', [customer(0), customer(1, { isPerson: 'maybe' })], WAIT, 'continueErrorOutput');
		const [main, errors] = result.outputs(NODE_NAME);
		expect(main.map((output) => [output.pairedItem, output.json.isSuccess])).toEqual([[{ item: 0 }, true]]);
		expect(errors.map((output) => output.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors[0].json.error).toContain('Field "isPerson": "maybe" is not a boolean');
	}, 60_000);

	it.each([
		['asyncUpdateList', { companyName: 'x' }, "update needs the record's internalId or externalId"],
		['asyncDeleteList', { companyName: 'x' }, "delete needs the record's internalId or externalId"],
	])('%s without a reference', async (operation, record, message) => {
		const result = await submit(operation, [record]);
		expect(result.error?.message).toContain(message);
		expect(simulator.requests).toHaveLength(0);
	});

	it('a job over NetSuite\'s 100 MB request limit is refused for its items before sending, naming the fix', async () => {
		const result = await submit('asyncAddList', [customer(1), customer(2)], { record: '={{ { ...$json, comments: "x".repeat(52 * 1024 * 1024) } }}' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("The job for items 0–1 would be 105 MB, over NetSuite's 100 MB per request");
		expect(result.error?.description).toBe('Lower Options > Records per Job so that each job stays under 100 MB.');
		expect(simulator.requests).toHaveLength(0);
	}, 120_000);

	it('the same externalId twice in one run is refused for the second item', async () => {
		const result = await submit('asyncUpsertList', [customer(1), customer(2), { ...customer(3), externalId: 'c-001' }], {}, 'continueRegularOutput');
		const outputs = result.outputs(NODE_NAME)[0];
		expect(outputs.map((output) => output.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], { item: 2 }]);
		expect(outputs[0].json).toMatchObject({ recordCount: 2, itemIndexes: [0, 1] });
		expect(outputs[1].json.error).toContain('Field "externalId": item 0 has the same externalId "c-001"');
	});
});

describe('Submit Async Job: never submitted twice', () => {
	it('an add that timed out after it was sent is not repeated; the error says the job may exist and where to look', async () => {
		simulator.injectFaults('HANG', 1, { operation: 'asyncAddList' });
		const result = await submit('asyncAddList', [customer(1), customer(2)], { options: { requestTimeout: 1, maxRetries: 3 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^The asyncAddList submission of items 0–1 may have reached NetSuite, but no answer came back: /);
		expect(result.error?.description).toContain('The job may exist');
		expect(result.error?.description).toContain('Setup > Integration > Web Services Process Status');
		expect(simulator.counters.byOperation.asyncAddList).toBe(1);
	}, 30_000);

	it('a job still running at Poll Timeout is an error naming the job to read later, never a reason to submit again', async () => {
		const { result, jobIds } = await newJobs(() => submit('asyncAddList', [customer(1), customer(2)], { ...WAIT, pollInterval: 0.02, pollTimeout: 0.02 }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(new RegExp(`^Job "${jobIds[0]}" was still (pending|processing) .* when Poll Timeout \\(0\\.02 s\\) passed`));
		expect(result.error?.description).toBe(
			`The job keeps running in NetSuite: read its results later with Get Async Result (Job ID ${jobIds[0]}) instead of submitting the records again, or raise Poll Timeout.`,
		);
		expect(simulator.counters.byOperation.asyncAddList).toBe(1);
	}, 30_000);

	it('an add refused for concurrency (certainly not taken) is sent again and succeeds', async () => {
		simulator.injectFaults('WS_REQUEST_BLOCKED', 1, { operation: 'asyncAddList' });
		const result = await submit('asyncAddList', [customer(1)], WAIT);
		expect(result.status).toBe('success');
		expect(result.items(NODE_NAME)[0]).toMatchObject({ isSuccess: true, externalId: 'C-001' });
		expect(simulator.counters.byOperation.asyncAddList).toBe(2);
		expect(simulator.records.count('customer')).toBe(1);
	}, 30_000);

	it('an upsert by externalId that timed out is safe to send again', async () => {
		simulator.injectFaults('HANG', 1, { operation: 'asyncUpsertList' });
		const result = await submit('asyncUpsertList', [customer(1)], { ...WAIT, options: { requestTimeout: 1, maxRetries: 2 } });
		expect(result.status).toBe('success');
		expect(simulator.counters.byOperation.asyncUpsertList).toBe(2);
		expect(simulator.records.count('customer')).toBe(1);
	}, 30_000);
});
