import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { toNodeError } from '../../nodes/NetSuiteAsync/actions/toNodeError';
import { InvalidCredentialError } from '../../nodes/NetSuiteAsync/suitetalk/credentialData';
import { SuiteTalkFaultError, SuiteTalkTransportError } from '../../nodes/NetSuiteAsync/transport/errors';

const node: INode = {
	id: 'n1',
	name: 'NetSuite Async',
	type: 'n8n-nodes-netsuite-async.netSuiteAsync',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('errors per item', () => {
	it('gives every item its own error, with its own index, from one credential problem', () => {
		const problem = new InvalidCredentialError('The NetSuite TBA API credential is missing: tokenSecret');
		const errors = [0, 1, 2].map((itemIndex) => toNodeError(node, problem, itemIndex));
		expect(new Set(errors).size).toBe(3);
		expect(errors.map((error) => error.context.itemIndex)).toEqual([0, 1, 2]);
		expect(errors.map((error) => error.message)).toEqual(Array(3).fill('The NetSuite TBA API credential is missing: tokenSecret'));
	});

	it("copies one n8n NodeOperationError (e.g. getCredentials') per item instead of re-indexing the same object", () => {
		const shared = new NodeOperationError(node, 'Node "NetSuite Async" does not have any credentials set', { description: 'Select one' });
		const [first, second] = [0, 1].map((itemIndex) => toNodeError(node, shared, itemIndex));
		expect(first).not.toBe(second);
		expect([first.context.itemIndex, second.context.itemIndex]).toEqual([0, 1]);
		expect([first.message, first.description]).toEqual(['Node "NetSuite Async" does not have any credentials set', 'Select one']);
	});
});

describe('NodeApiError from our own data', () => {
	it('keeps a message that names a Node error code (n8n would swap it for its generic text)', () => {
		const error = toNodeError(node, new SuiteTalkTransportError('NETWORK_ERROR', 'The request to NetSuite failed before an answer arrived (ECONNREFUSED)', true, 5), 3, 'JOB_1');
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The request to NetSuite failed before an answer arrived (ECONNREFUSED)');
		expect(error.context).toMatchObject({ itemIndex: 3, errorCode: 'NETWORK_ERROR', retries: 5, jobId: 'JOB_1' });
	});

	it('carries the fault as data: code, nsId, retries, HTTP status', () => {
		const fault = { code: 'WS_REQUEST_BLOCKED', message: 'Request blocked.', faultElement: 'exceededConcurrentRequestLimitFault', nsId: 'WEBSERVICES_1', httpStatus: 500, retryable: true };
		const error = toNodeError(node, new SuiteTalkFaultError(fault, 2), 1) as NodeApiError;
		expect(error.message).toBe("NetSuite's concurrency limit stayed exceeded (WS_REQUEST_BLOCKED)");
		expect(error.httpCode).toBe('500');
		expect(error.description).toMatch(/ \(after 2 retries\)$/);
		expect(error.context).toMatchObject({ itemIndex: 1, faultCode: 'WS_REQUEST_BLOCKED', faultMessage: 'Request blocked.', nsId: 'WEBSERVICES_1', retries: 2 });
	});
});
