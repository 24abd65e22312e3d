import type { Simulator } from './server';
import type { SearchRecord, WriteRecord } from './types';

/** Jobs that `npm run simulator`, `npm run demo` and the examples/ workflows refer to by id. */
const DEMO_CUSTOMERS: SearchRecord[] = Array.from({ length: 12 }, (_, index) => ({
	recordType: 'Customer',
	internalId: String(1001 + index),
	externalId: `DEMO-CUST-${String(index + 1).padStart(3, '0')}`,
	fields: {
		entityId: `Demo Customer ${index + 1}`,
		companyName: index === 0 ? 'Smith & Sons <Demo>' : `Demo Company ${index + 1}`,
		zipCode: '00123',
		subsidiary: { internalId: '1', type: 'subsidiary', name: 'Demo Parent Co.' },
	},
}));

const MIXED_WRITES: WriteRecord[] = [
	{ isSuccess: true, internalId: '2001', externalId: 'DEMO-001', type: 'customer' },
	{
		isSuccess: true,
		internalId: '2002',
		externalId: 'DEMO-002',
		type: 'customer',
		details: [{ type: 'WARN', code: 'DUP_ENTITY', message: 'This entity may be a duplicate.' }],
	},
	{
		isSuccess: false,
		externalId: 'DEMO-003',
		type: 'customer',
		details: [{ type: 'ERROR', code: 'USER_ERROR', message: 'Please enter value(s) for: Company Name, Subsidiary' }],
	},
	{
		isSuccess: false,
		internalId: '2004',
		externalId: 'DEMO-004',
		type: 'customer',
		details: [
			{ type: 'ERROR', code: 'USER_ERROR', message: 'An afterSubmit script failed: demo', afterSubmitFailed: true },
		],
	},
];

/** External ID whose submission fails in the demo store (a missing required field, as NetSuite reports it). */
export const DEMO_FAILING_EXTERNAL_ID = 'DEMO-FAIL-001';

/**
 * The record store behind the seven submit operations: two subsidiaries (so a reference to any other
 * subsidiary is INVALID_KEY_OR_REF) and the twelve demo customers, by the ids the demo jobs use.
 * Seeding again resets these records to their demo values.
 */
export function seedDemoStore(simulator: Simulator): string[] {
	simulator.records.seed('subsidiary', [
		{ internalId: '1', externalId: 'DEMO-SUB-PARENT', fields: { name: 'Demo Parent Co.' } },
		{ internalId: '2', externalId: 'DEMO-SUB-UK', fields: { name: 'Demo UK Ltd' } },
	]);
	simulator.records.seed(
		'customer',
		DEMO_CUSTOMERS.map((customer) => ({
			internalId: customer.internalId,
			externalId: customer.externalId,
			fields: {
				entityId: String(customer.fields?.entityId),
				companyName: String(customer.fields?.companyName),
				email: `ap${customer.internalId}@example.com`,
				subsidiary: { internalId: '1' },
			},
		})),
	);
	simulator.clearRecordFailures();
	simulator.scriptRecordFailures({
		match: { externalId: DEMO_FAILING_EXTERNAL_ID },
		code: 'USER_ERROR',
		message: 'Please enter value(s) for: Email',
	});
	return [
		'Record store (asyncAddList … asyncSearch): subsidiaries 1, 2; customers 1001–1012 (DEMO-CUST-001 … 012)',
		`  a record with externalId ${DEMO_FAILING_EXTERNAL_ID} fails: USER_ERROR "Please enter value(s) for: Email"`,
	];
}

export function seedDemoJobs(simulator: Simulator): string[] {
	// REST jobs submitted by the examples report pending twice, so the demo shows the node polling them.
	simulator.restAsync.setJobScript({ pendingChecks: 2 });
	const finished = { steps: [{ status: 'finished' }] };
	simulator.addJob('DEMO_JOB_FINISHED', {
		script: finished,
		results: { kind: 'write', operation: 'asyncAddList', records: MIXED_WRITES.slice(0, 2) },
	});
	simulator.addJob('DEMO_JOB_FINISHED_WITH_ERRORS', {
		script: { steps: [{ status: 'finishedWithErrors' }] },
		results: { kind: 'write', operation: 'asyncUpsertList', records: MIXED_WRITES },
	});
	simulator.addJob('DEMO_JOB_SLOW', {
		script: { durationMs: 60_000, pendingMs: 5_000, informativeProgress: true },
		results: { kind: 'write', operation: 'asyncAddList', records: MIXED_WRITES },
	});
	simulator.addJob('DEMO_JOB_POLLED', {
		script: { durationMs: 6_000, pendingMs: 1_500, informativeProgress: true },
		results: { kind: 'write', operation: 'asyncUpsertList', records: MIXED_WRITES },
	});
	simulator.addJob('DEMO_JOB_FAILED', { script: { steps: [{ status: 'failed' }] } });
	simulator.addJob('DEMO_JOB_READ', {
		script: finished,
		results: {
			kind: 'read',
			operation: 'asyncGetList',
			records: [
				...DEMO_CUSTOMERS.slice(0, 3).map((record) => ({ ...record, isSuccess: true })),
				{
					isSuccess: false,
					recordType: 'Customer',
					details: [{ type: 'ERROR' as const, code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' }],
				},
			],
		},
	});
	simulator.addJob('DEMO_JOB_SEARCH', {
		script: finished,
		results: { kind: 'search', records: DEMO_CUSTOMERS, pageSize: 5 },
	});
	return [
		'DEMO_JOB_FINISHED              finished, 2 write results (one with a warning)',
		'DEMO_JOB_FINISHED_WITH_ERRORS  finishedWithErrors, 4 upsert results (2 failed, 1 afterSubmitFailed)',
		'DEMO_JOB_SLOW                  pending 5 s, then processing until 60 s after start, then finishedWithErrors',
		'DEMO_JOB_POLLED                pending 1.5 s, processing until 6 s after start, then finishedWithErrors',
		'DEMO_JOB_FAILED                failed',
		'DEMO_JOB_READ                  finished, asyncGetList: 3 customers and 1 missing record',
		'DEMO_JOB_SEARCH                finished, search: 12 customers in 3 pages of 5',
		...seedDemoStore(simulator),
	];
}
