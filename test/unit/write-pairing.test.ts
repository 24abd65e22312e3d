import { pairResults, type SubmittedItem } from '../../nodes/NetSuiteAsync/actions/submitAsyncJob.pairing';
import type { WrittenNode } from '../../nodes/NetSuiteAsync/suitetalk/records/write';

const node: WrittenNode = { prefix: 'platformMsgs', name: 'record', attributes: [], children: [] };

function item(itemIndex: number, ids: { internalId?: string; externalId?: string }): SubmittedItem {
	return { itemIndex, entry: { node, recordType: 'customer', ...ids } };
}

function result(index: number, ids: { internalId?: string | null; externalId?: string | null }, isSuccess = true) {
	return { jobId: 'J', index, recordType: 'customer', internalId: null, externalId: null, ...ids, isSuccess, afterSubmitFailed: false, errors: [], warnings: [] };
}

describe('pairing a job\'s results with the items it carried', () => {
	it('pairs by position (results sorted by index), external IDs compared without case', () => {
		const items = [item(4, { externalId: 'A-1' }), item(7, { externalId: 'A-2' })];
		const paired = pairResults('J', 'asyncUpsertList', items, [result(2, { internalId: '12', externalId: 'a-2' }), result(1, { internalId: '11', externalId: 'A-1' }, false)]);
		expect(paired).toEqual([
			{ itemIndex: 4, json: result(1, { internalId: '11', externalId: 'A-1' }, false) },
			{ itemIndex: 7, json: result(2, { internalId: '12', externalId: 'a-2' }) },
		]);
	});

	it('a result naming another record at that position is an error for that item, not a mispairing', () => {
		const paired = pairResults('J', 'asyncUpdateList', [item(0, { internalId: '5' }), item(1, { internalId: '6' })], [result(1, { internalId: '6' }), result(2, { internalId: '5' })]);
		expect(paired.map((outcome) => ('error' in outcome ? outcome.error.message : 'ok'))).toEqual([
			'Result 1 of job "J" names internalId "6", but the record submitted at that position has "5"',
			'Result 2 of job "J" names internalId "5", but the record submitted at that position has "6"',
		]);
	});

	it('add compares only externalId (NetSuite assigns the internalId); initialize compares nothing', () => {
		expect(pairResults('J', 'asyncAddList', [item(0, { internalId: '1', externalId: 'X' })], [result(1, { internalId: '900', externalId: 'X' })])).toEqual([
			{ itemIndex: 0, json: result(1, { internalId: '900', externalId: 'X' }) },
		]);
		const read = { jobId: 'J', index: 1, isSuccess: true, internalId: null, record: { recordType: 'Invoice' }, errors: [], warnings: [] };
		expect(pairResults('J', 'asyncInitializeList', [item(3, { internalId: '5123' })], [read])).toEqual([{ itemIndex: 3, json: { ...read, afterSubmitFailed: false } }]);
	});

	it('with fewer results than records, only results an ID proves are paired; the rest are errors', () => {
		const paired = pairResults('J', 'asyncUpsertList', [item(0, { externalId: 'A' }), item(1, { externalId: 'B' }), item(2, { externalId: 'C' })], [result(1, { externalId: 'C' }), result(2, { externalId: 'A' })]);
		expect(paired[0]).toEqual({ itemIndex: 0, json: result(2, { externalId: 'A' }) });
		expect('error' in paired[1] && paired[1].error.message).toBe('Job "J" answered 2 results for 3 records, and none of them names this record\'s internalId or externalId');
		expect(paired[2]).toEqual({ itemIndex: 2, json: result(1, { externalId: 'C' }) });
	});
});
