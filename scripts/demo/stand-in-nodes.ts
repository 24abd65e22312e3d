import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

/**
 * Minimal stand-ins for three of n8n's built-in nodes that the examples use, so the demo can run
 * them through n8n's engine without installing n8n-nodes-base. They read only the parameters the
 * examples set. The real nodes run the same examples in real n8n (npm run test:e2e).
 */

function description(
	name: string,
	displayName: string,
	outputs: number,
	properties: INodeType['description']['properties'] = [],
): INodeType['description'] {
	return {
		displayName,
		name,
		group: ['transform'],
		version: [1, 2, 2.2, 4.2],
		description: `Demo stand-in for n8n's ${displayName} node`,
		defaults: { name: displayName },
		inputs: ['main'],
		outputs: Array.from({ length: outputs }, () => 'main'),
		credentials: [{ name: 'netSuiteTbaApi', required: false }],
		properties,
	} as INodeType['description'];
}

export const noOpStandIn: INodeType = {
	description: description('noOp', 'No Operation', 1),
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

/** Supports the examples' form: every condition is a boolean "is true" / "is false" check. */
export const ifStandIn: INodeType = {
	description: description('if', 'If', 2, [
		{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { version: 2 } } },
		{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
	]),
	async execute(this: IExecuteFunctions) {
		const matched: INodeExecutionData[] = [];
		const other: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const conditions = this.getNodeParameter('conditions.conditions', itemIndex, []) as Array<{
				leftValue: unknown;
				operator: { operation: string };
			}>;
			const pass = conditions.every(({ leftValue, operator }) => (operator.operation === 'true' ? leftValue === true : leftValue === false));
			(pass ? matched : other).push({ json: item.json, pairedItem: { item: itemIndex } });
		}
		return [matched, other];
	},
};

/** POST with a predefined credential and a raw body, answering { data: <response text> } like the real node. */
export const httpRequestStandIn: INodeType = {
	description: description('httpRequest', 'HTTP Request', 1, [
		{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'none' },
		{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
		{ displayName: 'Send Headers', name: 'sendHeaders', type: 'boolean', default: false },
		{
			displayName: 'Header Parameters',
			name: 'headerParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					name: 'parameters',
					displayName: 'Parameter',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{ displayName: 'Send Body', name: 'sendBody', type: 'boolean', default: false },
		{ displayName: 'Body Content Type', name: 'contentType', type: 'string', default: 'json' },
		{ displayName: 'Content Type', name: 'rawContentType', type: 'string', default: '' },
		{ displayName: 'Body', name: 'body', type: 'string', default: '' },
		{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
	]),
	async execute(this: IExecuteFunctions) {
		const output: INodeExecutionData[] = [];
		for (const itemIndex of this.getInputData().keys()) {
			const headers: IDataObject = {};
			const headerParameters = this.getNodeParameter('headerParameters.parameters', itemIndex, []) as Array<{ name: string; value: string }>;
			for (const { name, value } of headerParameters) headers[name] = value;
			headers['Content-Type'] = this.getNodeParameter('rawContentType', itemIndex, 'text/xml') as string;
			const data = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				this.getNodeParameter('nodeCredentialType', itemIndex) as string,
				{
					method: 'POST',
					url: this.getNodeParameter('url', itemIndex) as string,
					headers,
					body: this.getNodeParameter('body', itemIndex) as string,
					encoding: 'text',
					json: false,
				},
			)) as string;
			output.push({ json: { data }, pairedItem: { item: itemIndex } });
		}
		return [output];
	},
};

/**
 * n8n's Wait node, "After Time Interval": waits `amount` `unit`s (once, for all its items, like the
 * real one), then passes the items on. The real node parks waits of 65 s or more in n8n's database;
 * this one only sleeps, which is all the engine outside n8n's server can do.
 */
export const waitStandIn: INodeType = {
	description: { ...description('wait', 'Wait', 1, [
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 5 },
		{ displayName: 'Unit', name: 'unit', type: 'string', default: 'seconds' },
	]), version: [1, 1.1] },
	async execute(this: IExecuteFunctions) {
		const amount = Number(this.getNodeParameter('amount', 0));
		const unit = this.getNodeParameter('unit', 0) as string;
		const seconds = amount * ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 } as Record<string, number>)[unit];
		if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`Wait stand-in: cannot wait ${amount} ${unit}`);
		const signal = this.getExecutionCancelSignal();
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, seconds * 1000);
			signal?.addEventListener('abort', () => {
				clearTimeout(timer);
				resolve();
			});
		});
		return [this.getInputData()];
	},
};
