import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { chainWorkflow, ITEMS_TYPE, runWorkflow, secretsScan, type WorkflowRunResult } from '../harness';
import { testPrivateKeyPem, type TestKeyName } from '../simulator/rest/test-keys';
import type { Simulator } from '../simulator/server';
import { useSimulator } from '../simulator/test-client';
import { REST_REQUEST_TYPE, restRequestNodeType } from './rest-request-node';

/**
 * REST requests signed by each credential, run by n8n's engine (preAuthentication, authenticate,
 * the 401 retry of n8n-core's request helpers) against the simulator, which checks the OAuth 1.0a
 * header and the client assertion independently of the package's signers.
 */

let simulator: Simulator;
useSimulator((started) => (simulator = started), () => simulator.rest.setAccessTokenLifetimeSeconds(3600));

function tbaCredential(): ICredentialDataDecryptedObject {
	return { ...simulator.credentials, apiVersion: '2025_2', endpointUrl: '' };
}

function m2mCredential(key: TestKeyName = 'rsa-3072'): ICredentialDataDecryptedObject {
	return {
		accountId: '1234567_SB1',
		clientId: simulator.rest.m2m.clientId,
		certificateId: 'simulator-certificate-id-rsa',
		privateKey: testPrivateKeyPem(key),
		algorithm: 'PS256',
		scopes: ['rest_webservices', 'restlets'],
		accountDomainUrl: simulator.url,
	};
}

interface RestRun {
	credentialType: 'netSuiteTbaApi' | 'netSuiteOAuth2M2mApi';
	url: string;
	items?: IDataObject[];
	method?: string;
	qs?: IDataObject;
	transport?: 'httpRequest' | 'legacy';
	clockOffsetMs?: number;
	/** n8n's credential store, carried from run to run. */
	store: Record<string, ICredentialDataDecryptedObject>;
}

async function runRest(run: RestRun): Promise<WorkflowRunResult> {
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{
			name: 'REST',
			type: REST_REQUEST_TYPE,
			parameters: {
				credentialType: run.credentialType,
				transport: run.transport ?? 'httpRequest',
				method: run.method ?? 'GET',
				url: run.url,
				qs: JSON.stringify(run.qs ?? {}),
				clockOffsetMs: run.clockOffsetMs ?? 0,
			},
			credentials: { [run.credentialType]: { id: '1', name: 'NetSuite simulator' } },
		},
	);
	return await runWorkflow(workflow, {
		nodeTypes: { [REST_REQUEST_TYPE]: restRequestNodeType },
		credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi(), netSuiteOAuth2M2mApi: new NetSuiteM2mOAuth2Api() },
		credentials: run.store,
		persistCredentials: true,
	});
}

function restRequests(): Array<{ operation: string; authorization: string }> {
	return simulator.requests
		.filter((request) => request.operation.startsWith('REST '))
		.map((request) => ({ operation: request.operation, authorization: String(request.headers.authorization ?? '') }));
}

describe('NetSuite TBA API credential on REST (OAuth 1.0a)', () => {
	it('signs REST record calls and a RESTlet with its query, for both of n8n\'s request helpers, a fresh nonce each', async () => {
		const store = { netSuiteTbaApi: tbaCredential() };
		const catalog = await runRest({
			credentialType: 'netSuiteTbaApi',
			url: `${simulator.url}/services/rest/record/v1/metadata-catalog`,
			items: [{}, {}],
			store,
		});
		expect(catalog.status).toBe('success');
		expect(catalog.items('REST').map((item) => (item.items as IDataObject[])[0].name)).toEqual(['customer', 'customer']);

		const restlet = await runRest({
			credentialType: 'netSuiteTbaApi',
			transport: 'legacy',
			method: 'POST',
			url: `${simulator.url}/app/site/hosting/restlet.nl?script=6`,
			qs: { deploy: 1, customParam: 'some value & more', ids: [3, 4] },
			store,
		});
		expect(restlet.status).toBe('success');
		expect(restlet.items('REST')).toEqual([
			{
				script: '6',
				deploy: '1',
				method: 'POST',
				account: '1234567_SB1',
				scheme: 'tba',
				// The HTTP Request node's legacy request writes arrays with indices.
				query: { script: '6', deploy: '1', customParam: 'some value & more', 'ids[0]': '3', 'ids[1]': '4' },
			},
		]);
		expect(simulator.counters.authFailures).toEqual([]);
		const headers = restRequests().map((request) => request.authorization);
		expect(headers).toHaveLength(3);
		expect(headers.every((header) => header.startsWith('OAuth realm="1234567_SB1", '))).toBe(true);
		expect(new Set(headers.map((header) => /oauth_nonce="([^"]+)"/.exec(header)?.[1])).size).toBe(3);
		const { consumerSecret, tokenSecret } = simulator.credentials;
		expect(secretsScan(catalog, [consumerSecret, tokenSecret])).toEqual([]);
		expect(secretsScan(restlet, [consumerSecret, tokenSecret])).toEqual([]);
	});

	it('NetSuite\'s clock 10 minutes ahead: refused without the offset, accepted with it', async () => {
		simulator.setClockOffsetMs(600_000);
		try {
			const store = { netSuiteTbaApi: tbaCredential() };
			const url = `${simulator.url}/services/rest/record/v1/metadata-catalog`;
			const plain = await runRest({ credentialType: 'netSuiteTbaApi', url, store });
			expect(plain.status).toBe('error');
			expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidTimestamp' }, { reason: 'InvalidTimestamp' }]);
			simulator.resetCounters();
			const corrected = await runRest({ credentialType: 'netSuiteTbaApi', url, store, clockOffsetMs: 600_000 });
			expect(corrected.status).toBe('success');
			expect(simulator.counters.authFailures).toEqual([]);
		} finally {
			simulator.setClockOffsetMs(0);
		}
	});

	it('a wrong token secret gets NetSuite\'s 401 (n8n repeats a 401 once, signed afresh), no secret in the error', async () => {
		const store = { netSuiteTbaApi: { ...tbaCredential(), tokenSecret: 'wrong-secret-value-for-this-test' } };
		const result = await runRest({
			credentialType: 'netSuiteTbaApi',
			url: `${simulator.url}/services/rest/record/v1/metadata-catalog`,
			store,
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('REST')?.httpCode).toBe('401');
		// n8n-core's httpRequestWithAuthentication sends a request refused with 401 once more after
		// preAuthentication, which TBA does not have: the repeat carries a new nonce and is refused too.
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }, { reason: 'InvalidSignature' }]);
		const nonces = restRequests().map((request) => /oauth_nonce="([^"]+)"/.exec(request.authorization)?.[1]);
		expect(nonces).toHaveLength(2);
		expect(nonces[0]).not.toBe(nonces[1]);
		expect(secretsScan(result, ['wrong-secret-value-for-this-test', simulator.credentials.consumerSecret])).toEqual([]);
	});
});

describe('NetSuite OAuth2 M2M API credential', () => {
	it('fetches one token and uses it for every item and the next run (cached in the credential)', async () => {
		const store = { netSuiteOAuth2M2mApi: m2mCredential() };
		const issuedBefore = simulator.rest.issuedTokens;
		const url = `${simulator.url}/services/rest/record/v1/metadata-catalog`;
		const first = await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, items: [{}, {}, {}], store });
		const second = await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, items: [{}, {}], store });
		expect([first.status, second.status]).toEqual(['success', 'success']);
		expect(second.items('REST')).toHaveLength(2);
		expect(simulator.rest.issuedTokens - issuedBefore).toBe(1);
		const token = String(store.netSuiteOAuth2M2mApi.accessToken);
		expect(token).not.toBe('');
		const calls = restRequests().filter((request) => !request.operation.includes('/oauth2/'));
		expect(calls.map((request) => request.authorization)).toEqual(Array(5).fill(`Bearer ${token}`));
		expect(simulator.counters.byOperation['REST POST /services/rest/auth/oauth2/v1/token']).toBe(1);
		expect(simulator.counters.authFailures).toEqual([]);
		const keyBody = testPrivateKeyPem('rsa-3072').split('\n')[1];
		expect(secretsScan(first, [token, keyBody])).toEqual([]);
		expect(secretsScan(second, [token, keyBody])).toEqual([]);
	});

	it('a token NetSuite has expired gets a 401, a new token, and the request once more', async () => {
		const store = { netSuiteOAuth2M2mApi: m2mCredential() };
		const url = `${simulator.url}/app/site/hosting/restlet.nl?script=7&deploy=2`;
		await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, store });
		const oldToken = String(store.netSuiteOAuth2M2mApi.accessToken);
		simulator.rest.expireAccessTokens();
		simulator.resetCounters();
		const issuedBefore = simulator.rest.issuedTokens;

		const result = await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, items: [{}, {}], store });
		expect(result.status).toBe('success');
		expect(result.items('REST').map((item) => item.scheme)).toEqual(['oauth2', 'oauth2']);
		expect(simulator.rest.issuedTokens - issuedBefore).toBe(1);
		const newToken = String(store.netSuiteOAuth2M2mApi.accessToken);
		expect(newToken).not.toBe(oldToken);
		expect(restRequests()).toEqual([
			{ operation: 'REST GET /app/site/hosting/restlet.nl', authorization: `Bearer ${oldToken}` },
			{ operation: 'REST POST /services/rest/auth/oauth2/v1/token', authorization: '' },
			{ operation: 'REST GET /app/site/hosting/restlet.nl', authorization: `Bearer ${newToken}` },
			{ operation: 'REST GET /app/site/hosting/restlet.nl', authorization: `Bearer ${newToken}` },
		]);
		expect(simulator.counters.authFailures).toEqual([{ reason: 'AccessTokenExpired' }]);
	});

	it('renews a token in its last moments before sending anything with it', async () => {
		simulator.rest.setAccessTokenLifetimeSeconds(1);
		const store = { netSuiteOAuth2M2mApi: m2mCredential() };
		const url = `${simulator.url}/services/rest/record/v1/metadata-catalog`;
		await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, store });
		const renewAt = Number(store.netSuiteOAuth2M2mApi.accessTokenRenewAt);
		// Past the renewal time (0.9 s into a 1 s token), so the stored token must not be sent again.
		while (Date.now() <= renewAt) await new Promise((resolve) => setTimeout(resolve, 50));
		simulator.resetCounters();
		const issuedBefore = simulator.rest.issuedTokens;

		const result = await runRest({ credentialType: 'netSuiteOAuth2M2mApi', url, store });
		expect(result.status).toBe('success');
		expect(simulator.rest.issuedTokens - issuedBefore).toBe(1);
		expect(restRequests().map((request) => request.operation)).toEqual([
			'REST POST /services/rest/auth/oauth2/v1/token',
			'REST GET /services/rest/record/v1/metadata-catalog',
		]);
		expect(simulator.counters.authFailures).toEqual([]);
	});

	it('a key that is not the certificate\'s: NetSuite\'s invalid_grant explained, nothing sent to the REST endpoint', async () => {
		const store = { netSuiteOAuth2M2mApi: m2mCredential('rsa-3072-other') };
		const result = await runRest({
			credentialType: 'netSuiteOAuth2M2mApi',
			url: `${simulator.url}/services/rest/record/v1/metadata-catalog`,
			store,
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('REST');
		expect(error?.message).toContain('NetSuite refused the client assertion (invalid_grant)');
		expect(error?.message).toContain('"InvalidSignature" = the Private Key is not the one of the certificate');
		expect(restRequests().map((request) => request.operation)).toEqual(['REST POST /services/rest/auth/oauth2/v1/token']);
		expect(simulator.counters.authFailures).toEqual([{ reason: 'InvalidSignature' }]);
		expect(secretsScan(result, [testPrivateKeyPem('rsa-3072-other').split('\n')[1]])).toEqual([]);
	});

	it('an EC key with a PS algorithm is refused before any request, saying which algorithm fits', async () => {
		const store = { netSuiteOAuth2M2mApi: { ...m2mCredential('ec-p256') } };
		const result = await runRest({
			credentialType: 'netSuiteOAuth2M2mApi',
			url: `${simulator.url}/services/rest/record/v1/metadata-catalog`,
			store,
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('REST')?.message).toContain(
			'The Private Key is an EC key but the Algorithm is PS256, which needs an RSA key. Choose ES256.',
		);
		expect(restRequests()).toEqual([]);
	});
});
