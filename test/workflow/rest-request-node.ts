import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const REST_REQUEST_TYPE = 'test.restRequest';

/**
 * What n8n's HTTP Request node does with a predefined credential, per item: `transport: 'legacy'`
 * is its `requestWithAuthentication` with `uri` and `qs` (HTTP Request v3+), `httpRequest` the
 * `httpRequestWithAuthentication` a node like ours uses. Outputs the JSON answer.
 */
export const restRequestNodeType: INodeType = {
	description: {
		displayName: 'REST Request',
		name: 'restRequest',
		group: ['transform'],
		version: 1,
		description: 'Sends one authenticated REST request per item (test helper)',
		defaults: { name: 'REST Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'netSuiteTbaApi', required: false },
			{ name: 'netSuiteOAuth2M2mApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: 'netSuiteTbaApi' },
			{ displayName: 'Transport', name: 'transport', type: 'string', default: 'httpRequest' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Query', name: 'qs', type: 'json', default: '{}' },
			// What a node that learnt NetSuite's clock from a refusal's Date header passes on (signRestRequest's clockOffsetMs).
			{ displayName: 'Clock Offset (ms)', name: 'clockOffsetMs', type: 'number', default: 0 },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const credentialType = this.getNodeParameter('credentialType', itemIndex) as string;
			const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
			const url = this.getNodeParameter('url', itemIndex) as string;
			const rawQs = this.getNodeParameter('qs', itemIndex) as string | IDataObject;
			const qs = (typeof rawQs === 'string' ? JSON.parse(rawQs) : rawQs) as IDataObject;
			const clockOffsetMs = this.getNodeParameter('clockOffsetMs', itemIndex, 0) as number;
			const offset = clockOffsetMs ? { clockOffsetMs } : {};
			try {
				const response: unknown =
					this.getNodeParameter('transport', itemIndex) === 'legacy'
						? await this.helpers.requestWithAuthentication.call(this, credentialType, { method, uri: url, qs, json: true }, undefined, itemIndex)
						: await this.helpers.httpRequestWithAuthentication.call(this, credentialType, { method, url, qs, json: true, ...offset });
				output.push({ json: response as IDataObject, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	},
};
