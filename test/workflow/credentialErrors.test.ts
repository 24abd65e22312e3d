import { startSimulator, type Simulator } from '../simulator/server';
import { credentialData, NODE_NAME, runNetSuite } from './netsuite-workflow';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => {
	await simulator.close();
});
beforeEach(() => simulator.resetCounters());

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
