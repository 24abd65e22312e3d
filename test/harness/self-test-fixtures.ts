/**
 * Tiny node and credential types used by harness.test.ts to prove the harness works
 * independently of the real NetSuite node. Not used by the real workflow tests.
 */
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	VersionedNodeType,
	sleep,
} from 'n8n-workflow';

function describe(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: `harness self-test node ${name}`,
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/** Credential whose `authenticate` is a FUNCTION (like netSuiteTbaApi): adds `x-test-auth`. */
export const testCredentialType: ICredentialType = {
	name: 'testCred',
	displayName: 'Test Credential',
	properties: [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scheme', name: 'scheme', type: 'string', default: 'Token' },
	],
	authenticate: async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			'x-test-auth': `${String(credentials.scheme)} ${String(credentials.token)}`,
		},
	}),
};

/** Credential with a generic (declarative) `authenticate`, resolved like n8n's CLI does. */
export const genericCredentialType: ICredentialType = {
	name: 'genericCred',
	displayName: 'Generic Credential',
	properties: [
		{ displayName: 'Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: {
			headers: { 'x-api-key': '={{$credentials.apiKey}}' },
			qs: { static: 'yes' },
		},
	},
};

/**
 * 'test.http': per item, `httpRequestWithAuthentication(<credentialType param>, …)` to `url`
 * with the item json as body; outputs the JSON response. Uses the standard n8n
 * continueOnFail pattern.
 */
export const httpNodeType: INodeType = {
	description: describe('http', {
		credentials: [
			{ name: 'testCred', required: false },
			{ name: 'genericCred', required: false },
		],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'POST' },
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: 'testCred' },
		],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					this.getNodeParameter('credentialType', i) as string,
					{
						method: this.getNodeParameter('method', i) as IHttpRequestMethods,
						url: this.getNodeParameter('url', i) as string,
						body: items[i].json,
						json: true,
					},
				)) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	},
};

/**
 * 'test.fail': items whose json has `fail: true` fail — NodeOperationError (kind 'operation')
 * or NodeApiError httpCode 500 (kind 'api'), both with `itemIndex`. With `catchErrors` it uses
 * the standard `if (this.continueOnFail())` pattern; without, it always throws.
 */
export const failNodeType: INodeType = {
	description: describe('fail', {
		properties: [
			{ displayName: 'Kind', name: 'kind', type: 'string', default: 'operation' },
			{ displayName: 'Catch Errors', name: 'catchErrors', type: 'boolean', default: false },
		],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (items[i].json.fail === true) {
					if (this.getNodeParameter('kind', i) === 'api') {
						throw new NodeApiError(
							this.getNode(),
							{ message: 'upstream said no' } as JsonObject,
							{ itemIndex: i, httpCode: '500', message: 'API call failed', description: 'api details' },
						);
					}
					throw new NodeOperationError(this.getNode(), `Item ${i} is bad`, {
						itemIndex: i,
						description: 'operation details',
					});
				}
				out.push({ json: { ok: items[i].json.n }, pairedItem: { item: i } });
			} catch (error) {
				if (this.getNodeParameter('catchErrors', i) === true && this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	},
};

/** 'test.sleep': waits `ms`, honouring the execution cancel signal unless `ignoreSignal`. */
export const sleepNodeType: INodeType = {
	description: describe('sleep', {
		properties: [
			{ displayName: 'Ms', name: 'ms', type: 'number', default: 10000 },
			{ displayName: 'Ignore Signal', name: 'ignoreSignal', type: 'boolean', default: false },
		],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const ms = this.getNodeParameter('ms', 0) as number;
		const ignore = this.getNodeParameter('ignoreSignal', 0) as boolean;
		await sleep(ms, ignore ? undefined : this.getExecutionCancelSignal());
		return [this.getInputData()];
	},
};

/** 'test.passthrough': returns the input unchanged WITHOUT setting pairedItem (engine assigns it). */
export const passthroughNodeType: INodeType = {
	description: describe('passthrough'),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item) => ({ json: { ...item.json, seen: true } }))];
	},
};

/** 'test.log': logs via `this.logger` (Container Logger) with metadata, passes items through. */
export const logNodeType: INodeType = {
	description: describe('log', {
		properties: [{ displayName: 'Message', name: 'message', type: 'string', default: 'hello' }],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const message = this.getNodeParameter('message', 0) as string;
		this.logger.info(message, { node: this.getNode().name, secretish: message });
		return [this.getInputData()];
	},
};

/** 'test.credKeys': outputs the sorted KEYS of `getCredentials('testCred')` (never values). */
export const credKeysNodeType: INodeType = {
	description: describe('credKeys', { credentials: [{ name: 'testCred', required: true }] }),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('testCred');
		return [[{ json: { keys: Object.keys(credentials).sort() }, pairedItem: { item: 0 } }]];
	},
};

class VersionTagV1 implements INodeType {
	description = describe('versioned', { version: 1 });
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, i) => ({ json: { ...item.json, v: 1 }, pairedItem: { item: i } }))];
	}
}
class VersionTagV2 implements INodeType {
	description = describe('versioned', { version: 2 });
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, i) => ({ json: { ...item.json, v: 2 }, pairedItem: { item: i } }))];
	}
}
/** 'test.versioned': IVersionedNodeType; adds `v: <typeVersion>`. */
export class VersionedTestNode extends VersionedNodeType {
	constructor() {
		super(
			{ 1: new VersionTagV1(), 2: new VersionTagV2() },
			{
				displayName: 'versioned',
				name: 'versioned',
				group: ['transform'],
				description: 'harness self-test versioned node',
				defaultVersion: 2,
			},
		);
	}
}

export const selfTestNodeTypes = {
	'test.http': httpNodeType,
	'test.fail': failNodeType,
	'test.sleep': sleepNodeType,
	'test.passthrough': passthroughNodeType,
	'test.log': logNodeType,
	'test.credKeys': credKeysNodeType,
	'test.versioned': new VersionedTestNode(),
};

export const selfTestCredentialTypes = {
	testCred: testCredentialType,
	genericCred: genericCredentialType,
};
