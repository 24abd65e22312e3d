import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { credentialData, NODE_NAME, runNetSuite } from './netsuite-workflow';

let simulator: Simulator;
useSimulator((started) => (simulator = started));

const MISMATCH =
	'The Endpoint URL is for SuiteTalk 2024_2 (NetSuitePort_2024_2) but the API Version is 2025_2. Set API Version to 2024_2, or use an Endpoint URL ending in NetSuitePort_2025_2.';

describe('a credential whose Endpoint URL names another version than its API Version', () => {
	it('fails the run before any request, naming both fields', async () => {
		const result = await runNetSuite(simulator, {
			parameters: { jobId: 'J' },
			credential: { ...credentialData(simulator), endpointUrl: simulator.endpointUrl('2024_2') },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(MISMATCH);
		expect(result.error?.description).toBe('Open the NetSuite TBA API credential and correct the field named above.');
		expect(simulator.counters.totalRequests).toBe(0);
	});

	it('with On Error "continue" gives one error item per input item, each paired with its item', async () => {
		const result = await runNetSuite(simulator, {
			parameters: {},
			items: [{ jobId: 'J1' }, { jobId: 'J2' }, { jobId: 'J3' }],
			onError: 'continueRegularOutput',
			credential: { ...credentialData(simulator), endpointUrl: simulator.endpointUrl('2024_2') },
		});
		expect(result.status).toBe('success');
		const items = result.outputs(NODE_NAME)[0];
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.error)).toEqual([MISMATCH, MISMATCH, MISMATCH]);
		expect(simulator.counters.totalRequests).toBe(0);
	});
});

describe('a Job ID that is a whole submission answer', () => {
	const submission = (version: string) =>
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><asyncAddListResponse xmlns="urn:messages_${version}.platform.webservices.netsuite.com"><platformCore:asyncStatusResult xmlns:platformCore="urn:core_${version}.platform.webservices.netsuite.com"><platformCore:jobId>JOB_FROM_SUBMISSION</platformCore:jobId><platformCore:status>pending</platformCore:status><platformCore:percentCompleted>0.0</platformCore:percentCompleted><platformCore:estRemainingDuration>0.0</platformCore:estRemainingDuration></platformCore:asyncStatusResult></asyncAddListResponse></soapenv:Body></soapenv:Envelope>`;

	it('of the same version is checked through it', async () => {
		simulator.addJob('JOB_FROM_SUBMISSION', { script: { steps: [{ status: 'finished', percentCompleted: 100, estRemainingDuration: 0 }] } });
		const result = await runNetSuite(simulator, { parameters: {}, items: [{ jobId: submission('2025_2') }] });
		expect(result.status).toBe('success');
		expect(result.items(NODE_NAME)[0]).toMatchObject({ jobId: 'JOB_FROM_SUBMISSION', status: 'finished' });
	});

	it("of another version than the credential's fixed Endpoint URL is refused before any request", async () => {
		const result = await runNetSuite(simulator, { parameters: {}, items: [{ jobId: submission('2024_2') }] });
		expect(result.error?.message).toBe(
			"The Job ID is a submission answer from SuiteTalk 2024_2 (urn:messages_2024_2), but the credential's API Version is 2025_2 with a fixed Endpoint URL; NetSuite reads a job only through the version that submitted it",
		);
		expect(simulator.counters.totalRequests).toBe(0);
	});

	it('that is a SOAP fault says the submission itself failed, and sends nothing', async () => {
		const fault =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>SuiteTalk concurrent request limit exceeded. Request blocked.</faultstring><detail><platformFaults:exceededConcurrentRequestLimitFault xmlns:platformFaults="urn:faults_2025_2.platform.webservices.netsuite.com"><platformFaults:code>WS_REQUEST_BLOCKED</platformFaults:code><platformFaults:message>SuiteTalk concurrent request limit exceeded. Request blocked.</platformFaults:message></platformFaults:exceededConcurrentRequestLimitFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
		const result = await runNetSuite(simulator, { parameters: { operation: 'getAsyncResult' }, items: [{ jobId: fault }] });
		expect(result.error?.message).toBe(
			'The Job ID is a SOAP fault, not a job: the submission itself failed: SuiteTalk concurrent request limit exceeded. Request blocked. (WS_REQUEST_BLOCKED)',
		);
		expect(result.error?.itemIndex).toBe(0);
		expect(simulator.counters.totalRequests).toBe(0);
	});
});
