import { readRestJobStatus, readTaskIds, readTaskResult } from '../../nodes/NetSuiteAsync/rest/asyncJob';
import { idempotencyKeyOf, restBatchEntry, restBatchRequest } from '../../nodes/NetSuiteAsync/rest/batchRequest';
import { readRestJobReference } from '../../nodes/NetSuiteAsync/rest/jobReference';

describe('REST job references', () => {
	it.each([
		['1234', '1234'],
		[1234, '1234'],
		['/services/rest/async/v1/job/1234', '1234'],
		['https://demo123.suitetalk.api.netsuite.com/services/rest/async/v1/job/1234', '1234'],
		['https://demo123.suitetalk.api.netsuite.com/services/rest/async/v1/job/1234/', '1234'],
		['  /services/rest/async/v1/job/77  ', '77'],
	])('%p names job %p', (given, jobId) => {
		expect(readRestJobReference(given)).toEqual({ jobId });
	});

	it.each([
		['', 'Job ID is empty'],
		['ASYNCWEBSERVICES_563214_053120061943428686160042948_4bee0685', '"ASYNCWEBSERVICES_563214_053120061943428686160042948_4bee0685" is a SOAP job ID: a SOAP job cannot be read through SuiteTalk REST'],
		['https://x/services/rest/record/v1/customer/5', '"https://x/services/rest/record/v1/customer/5" is neither a REST job ID nor a job URL'],
		['12 34', '"12 34" is neither a REST job ID nor a job URL'],
	])('%p is refused: %s', (given, problem) => {
		expect(readRestJobReference(given)).toMatchObject({ problem });
	});
});

describe('REST job status in the SOAP vocabulary', () => {
	it.each([
		[{ id: '1', completed: false, progress: 'pending' }, 'pending', false, 0],
		[{ id: '1', completed: false, progress: 'processing' }, 'processing', false, 0],
		[{ id: '1', completed: true, progress: 'succeeded' }, 'finished', true, 100],
		[{ id: '1', completed: true, progress: 'failed' }, 'failed', true, 100],
		// An unknown progress text is kept raw; `completed` decides whether the job is done.
		[{ id: '1', completed: true, progress: 'cancelled' }, 'finished', true, 100],
	])('%p → %s', (body, status, isDone, percentCompleted) => {
		expect(readRestJobStatus(body, '1')).toEqual({
			jobId: '1',
			status,
			isDone,
			percentCompleted,
			estRemainingDuration: 0,
			progress: body.progress,
			completed: body.completed,
		});
	});

	it('refuses an answer about another job or without completed/progress', () => {
		expect(() => readRestJobStatus({ id: '2', completed: true, progress: 'succeeded' }, '1')).toThrow('NetSuite answered about job "2" when asked about job "1"');
		expect(() => readRestJobStatus({ id: '1', progress: 100 }, '1')).toThrow('has no completed/progress fields');
	});
});

describe('REST tasks and their results', () => {
	it('takes task IDs from the self links (NetSuite sends no id there)', () => {
		const body = {
			count: 2,
			items: [
				{ links: [{ rel: 'self', href: 'https://a.suitetalk.api.netsuite.com/services/rest/async/v1/job/9/task/1' }] },
				{ links: [{ rel: 'self', href: 'https://a.suitetalk.api.netsuite.com/services/rest/async/v1/job/9/task/2' }] },
			],
		};
		expect(readTaskIds(body, '9')).toEqual(['1', '2']);
		expect(() => readTaskIds({ items: [{ links: [] }] }, '9')).toThrow('Task 1 of REST job "9" has no self link naming its ID');
	});

	it('reads a write (Location), a read (record) and a failure (o:errorDetails)', () => {
		expect(readTaskResult(204, 'https://a/services/rest/record/v1/customer/601', undefined)).toEqual({
			isSuccess: true,
			recordId: '601',
			location: 'https://a/services/rest/record/v1/customer/601',
			errors: [],
		});
		expect(readTaskResult(200, undefined, { id: '42', companyName: 'Acme' })).toEqual({ isSuccess: true, recordId: '42', record: { id: '42', companyName: 'Acme' }, errors: [] });
		expect(readTaskResult(404, undefined, { 'o:errorDetails': [{ detail: 'gone', 'o:errorCode': 'NONEXISTENT_ID' }] })).toEqual({
			isSuccess: false,
			errors: [{ code: 'NONEXISTENT_ID', detail: 'gone' }],
		});
		expect(readTaskResult(500, undefined, 'oops')).toEqual({ isSuccess: false, errors: [{ code: 'HTTP_500', detail: 'NetSuite answered HTTP 500' }] });
	});
});

describe('REST batch requests', () => {
	it('the idempotency key is a version-5-style UUID of the request content (value computed with Python hashlib)', () => {
		expect(idempotencyKeyOf(['', 'POST', '/services/rest/record/v1/customer', '{"items":[{"externalId":"A"}]}'])).toBe('ef51f210-33da-5ea1-b698-dcaed3100cdd');
		const request = restBatchRequest('asyncAddList', 'customer', [{ item: { externalId: 'A' } }], '');
		expect(request.idempotencyKey).toBe('ef51f210-33da-5ea1-b698-dcaed3100cdd');
		expect(restBatchRequest('asyncAddList', 'customer', [{ item: { externalId: 'A' } }], 'salt').idempotencyKey).not.toBe(request.idempotencyKey);
	});

	it('delete and get carry ids (external IDs as eid:) in the query; get expands records', () => {
		const entries = [restBatchEntry('asyncGetList', { id: 7 }), restBatchEntry('asyncGetList', { externalId: 'C 1' })];
		expect(restBatchRequest('asyncGetList', 'customer', entries, '').url).toBe('/services/rest/record/v1/customer?expandRecords=true&ids=7,eid%3AC%201');
		const removal = restBatchRequest('asyncDeleteList', 'customer', entries, '');
		expect([removal.method, removal.url, removal.body, removal.headers]).toEqual([
			'DELETE',
			'/services/rest/record/v1/customer?ids=7,eid%3AC%201',
			undefined,
			{ Prefer: 'respond-async', 'X-NetSuite-Idempotency-Key': removal.idempotencyKey },
		]);
	});

	it.each([
		['asyncAddList', { id: '5' }, 'Record has an "id": an added record gets its ID from NetSuite'],
		['asyncUpsertList', { companyName: 'x' }, 'Upsert needs "externalId" and no "id" (REST PUT upserts by external ID only)'],
		['asyncUpdateList', { companyName: 'x' }, 'Record has neither "id" nor "externalId"'],
		['asyncDeleteList', { internalId: '5' }, 'Record has "internalId", a SOAP field name'],
		['asyncGetList', [1], 'Record is not a JSON object'],
	] as const)('%s refuses %p before any request', (operation, record, message) => {
		expect(() => restBatchEntry(operation, record)).toThrow(message);
	});
});
