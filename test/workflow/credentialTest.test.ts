/**
 * The credential test n8n runs on Save / Test in the credential screen, found the way n8n 2.41's
 * CredentialsTester finds it (the node's `credentials[].testedBy` → `methods.credentialTest`),
 * run in n8n-core's real CredentialTestContext (its legacy `request` helper, the only one it has)
 * against the SuiteTalk simulator and small local servers.
 */
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialType,
	INodeCredentialTestResult,
	IWorkflowBase,
} from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteAsync } from '../../nodes/NetSuiteAsync/NetSuiteAsync.node';
import { createAdditionalData, startLocalServer, TestCredentialsHelper, type LocalServer } from '../harness';
import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';

let simulator: Simulator;
useSimulator(
	(started) => (simulator = started),
	() => {
		simulator.clearFaults();
		simulator.setClockOffsetMs(0);
	},
);

/** What CredentialsTester.getCredentialTestFunction returns for netSuiteTbaApi. */
function credentialTestFunction(): ICredentialTestFunction {
	// With a `test` of its own on the credential type, n8n would run that one instead.
	expect((new NetSuiteTbaApi() as ICredentialType).test).toBeUndefined();
	const node = new NetSuiteAsync();
	const entry = node.description.credentials?.find((credential) => credential.name === 'netSuiteTbaApi');
	expect(typeof entry?.testedBy).toBe('string');
	const tests: Record<string, ICredentialTestFunction> = node.methods.credentialTest;
	const test = tests[entry!.testedBy as string];
	expect(test).toBeDefined();
	return test;
}

async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const { additionalData } = createAdditionalData({
		credentialsHelper: new TestCredentialsHelper({}, {}),
		mode: 'internal',
		executionId: 'credential-test',
		workflowData: { id: 'credential-test', name: 'credential test', nodes: [], connections: {} } as unknown as IWorkflowBase,
	});
	const context = new CredentialTestContext(additionalData);
	return await credentialTestFunction().call(context, { id: '1', name: 'NetSuite', type: 'netSuiteTbaApi', data });
}

function simulatorCredential(apiVersion = '2025_2', override: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { ...simulator.credentials, apiVersion, endpointUrl: simulator.endpointUrl(apiVersion), ...override };
}

const serverTimeCalls = () => simulator.counters.byOperation.getServerTime ?? 0;

describe('credential test against the simulator', () => {
	it('succeeds with a getServerTimeResponse, through the API Version the credential names', async () => {
		expect(await testCredential(simulatorCredential('2025_2'))).toEqual({
			status: 'OK',
			message: 'NetSuite accepted the token passport (SuiteTalk 2025_2)',
		});
		expect(serverTimeCalls()).toBe(1);
	});

	it('succeeds with API Version 2024_2 and a 2024_2 endpoint (the envelope carries 2024_2 namespaces)', async () => {
		expect(await testCredential(simulatorCredential('2024_2'))).toEqual({
			status: 'OK',
			message: 'NetSuite accepted the token passport (SuiteTalk 2024_2)',
		});
		expect(serverTimeCalls()).toBe(1);
		expect(simulator.counters.authFailures).toEqual([]);
	});

	it('says a wrong token secret is a refused passport, points at the Login Audit Trail, and shows no secret', async () => {
		const wrong = 'wrong-token-secret-value';
		const result = await testCredential(simulatorCredential('2025_2', { tokenSecret: wrong }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^NetSuite refused the token passport: Invalid login attempt\. Check the credential's Account ID/);
		expect(result.message).toContain('View Login Audit Trail');
		for (const secret of [wrong, simulator.credentials.tokenSecret, simulator.credentials.consumerSecret]) {
			expect(result.message).not.toContain(secret);
		}
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }]);
	});

	it('names a clock that is off instead of the secrets', async () => {
		simulator.setClockOffsetMs(10 * 60 * 1000);
		const result = await testCredential(simulatorCredential());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^NetSuite refused the token passport: Invalid login attempt\. This machine's clock is about 10 minutes behind NetSuite's/);
	});

	it.each([
		['WS_REQUEST_BLOCKED', 'SuiteTalk concurrent request limit exceeded. Request blocked. (WS_REQUEST_BLOCKED)'],
		['WS_CONCUR_SESSION_DISALLWD', 'Only one request may be made against a session at a time (WS_CONCUR_SESSION_DISALLWD)'],
		['ACCT_TEMP_UNAVAILABLE', 'The account you are trying to access is currently unavailable while we undergo our regularly scheduled maintenance. (ACCT_TEMP_UNAVAILABLE)'],
	] as const)('reports %s as what it is, not as a refused passport', async (kind, nsWords) => {
		simulator.injectFaults(kind, 1, { operation: 'getServerTime' });
		expect(await testCredential(simulatorCredential())).toEqual({
			status: 'Error',
			message: `NetSuite did not check the credential this time: ${nsWords}. This clears by itself (a concurrency block or maintenance) and does not mean the credential was refused: test again in a moment.`,
		});
	});

	it('gives a permission fault its own advice, not the passport one', async () => {
		simulator.injectFaults('INSUFFICIENT_PERMISSION', 1, { operation: 'getServerTime' });
		const result = await testCredential(simulatorCredential());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The token's role is not allowed to do this \(INSUFFICIENT_PERMISSION\)\. NetSuite: Permission Violation/);
		expect(result.message).not.toContain('passport');
	});

	it('reports an HTML 503 from the load balancer as an outage page, not a refusal', async () => {
		simulator.injectFaults('HTML_503', 1);
		const result = await testCredential(simulatorCredential());
		expect(result).toEqual({
			status: 'Error',
			message:
				"NetSuite answered HTTP 503 with an HTML page instead of SOAP XML (maintenance, an outage or a proxy in between). Check the Endpoint URL (leave it empty to use the one derived from the Account ID and API Version) and any proxy in between: a proxy's or login page's answer is not NetSuite's.",
		});
	});

	it('refuses an Endpoint URL of another version than API Version before sending anything', async () => {
		const result = await testCredential(simulatorCredential('2025_2', { endpointUrl: simulator.endpointUrl('2024_2') }));
		expect(result).toEqual({
			status: 'Error',
			message:
				'The Endpoint URL is for SuiteTalk 2024_2 (NetSuitePort_2024_2) but the API Version is 2025_2. Set API Version to 2024_2, or use an Endpoint URL ending in NetSuitePort_2025_2.',
		});
		expect(simulator.requests).toEqual([]);
	});
});

describe('credential test against something that is not NetSuite', () => {
	let server: LocalServer;
	let answer: { status: number; contentType: string; body: string };
	beforeAll(async () => {
		server = await startLocalServer((_request, response) => {
			response.writeHead(answer.status, { 'Content-Type': answer.contentType });
			response.end(answer.body);
		});
	});
	afterAll(async () => await server.close());

	const proxied = () => ({ ...simulator.credentials, apiVersion: '2025_2', endpointUrl: `${server.url}/services/NetSuitePort_2025_2` });

	it("does not take a proxy's 200 HTML login page for success", async () => {
		answer = { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>Please sign in</body></html>' };
		const result = await testCredential(proxied());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^NetSuite answered HTTP 200 with an HTML page instead of SOAP XML/);
		expect(server.requests.at(-1)?.body).toContain('<platformMsgs:getServerTime/>');
	});

	it('does not take a 200 SOAP answer without getServerTimeResponse for success', async () => {
		answer = {
			status: 200,
			contentType: 'text/xml',
			body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><pingResponse/></soapenv:Body></soapenv:Envelope>',
		};
		expect(await testCredential(proxied())).toEqual({
			status: 'Error',
			message:
				"The Endpoint URL answered HTTP 200 with a SOAP envelope, but not with NetSuite's getServerTimeResponse. Check the Endpoint URL (leave it empty to use the one derived from the Account ID and API Version) and any proxy in between: a proxy's or login page's answer is not NetSuite's.",
		});
	});

	it('names the network error when nothing answers', async () => {
		const closed = await startLocalServer(() => undefined);
		const url = `${closed.url}/services/NetSuitePort_2025_2`;
		await closed.close();
		const result = await testCredential({ ...simulator.credentials, apiVersion: '2025_2', endpointUrl: url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`^The request to ${url.replace(/[.]/g, '\\.')} failed before NetSuite answered \\(ECONNREFUSED\\)\\.`));
	});
});
