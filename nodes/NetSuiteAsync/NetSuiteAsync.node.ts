import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { description as checkAsyncStatusDescription, configuredOutputs } from './actions/checkAsyncStatus.operation';
import { description as getAsyncResultDescription } from './actions/getAsyncResult.operation';
import { jobIdProperty } from './actions/jobId.description';
import { router } from './actions/router';

export class NetSuiteAsync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetSuite Async',
		name: 'netSuiteAsync',
		icon: { light: 'file:netsuite.svg', dark: 'file:netsuite.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "getAsyncResult" ? "Get Async Result" : "Check Async Status" }}',
		description: 'Check and wait for NetSuite SuiteTalk SOAP asynchronous jobs, and read their results',
		defaults: { name: 'NetSuite Async' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// One output, or "Done" and "Still Running" when Check Async Status splits them (as n8n's Switch node does it).
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'netSuiteTbaApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Check Async Status',
						value: 'checkAsyncStatus',
						description: 'Read the status of an async job, once or until it is done',
						action: 'Check async status',
					},
					{
						name: 'Get Async Result',
						value: 'getAsyncResult',
						description: 'Read what a finished job wrote, read or found: one item per record',
						action: 'Get async result',
					},
				],
				default: 'checkAsyncStatus',
			},
			jobIdProperty,
			...checkAsyncStatusDescription,
			...getAsyncResultDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
