import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { description as checkAsyncStatusDescription, configuredOutputs } from './actions/checkAsyncStatus.operation';
import { description as getAsyncResultDescription } from './actions/getAsyncResult.operation';
import { jobIdProperty } from './actions/jobId.description';
import { M2M_AUTHENTICATION, TBA_AUTHENTICATION } from './actions/restAccess';
import { restResultProperties } from './actions/restGetAsyncResult.operation';
import { restSubmitProperties } from './actions/restSubmitAsyncJob.operation';
import { router } from './actions/router';
import { description as submitAsyncJobDescription } from './actions/submitAsyncJob.description';
import { netSuiteTbaApiTest } from './methods/credentialTest';

export class NetSuiteAsync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetSuite Async',
		name: 'netSuiteAsync',
		icon: { light: 'file:netsuite.svg', dark: 'file:netsuite.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "getAsyncResult" ? "Get Async Result" : $parameter["operation"] === "submitAsyncJob" ? "Submit Async Job: " + $parameter["asyncOperation"] : "Check Async Status" }}',
		description: 'Submit, check and wait for NetSuite SuiteTalk SOAP asynchronous jobs, and read their results',
		defaults: { name: 'NetSuite Async' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// One output, or "Done" and "Still Running" when Check Async Status splits them (as n8n's Switch node does it).
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{ name: 'netSuiteTbaApi', required: true, testedBy: 'netSuiteTbaApiTest', displayOptions: { show: { authentication: [TBA_AUTHENTICATION] } } },
			{ name: 'netSuiteOAuth2M2mApi', required: true, displayOptions: { show: { authentication: [M2M_AUTHENTICATION] } } },
		],
		properties: [
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'SuiteTalk SOAP', value: 'soap', description: 'Jobs submitted through SOAP (asyncAddList, asyncSearch, …)' },
					{ name: 'SuiteTalk REST', value: 'rest', description: 'Jobs submitted through REST with Prefer: respond-async. A SOAP job cannot be read through REST.' },
				],
				default: 'soap',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Token-Based Authentication (TBA)', value: TBA_AUTHENTICATION },
					{ name: 'OAuth 2.0 Machine to Machine', value: M2M_AUTHENTICATION, description: 'SuiteTalk REST only' },
				],
				default: TBA_AUTHENTICATION,
			},
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
						name: 'Submit Async Job',
						value: 'submitAsyncJob',
						description: 'Send items as records to an async add, update, upsert, delete, get, initialize or search job',
						action: 'Submit async job',
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
			...restResultProperties,
			...restSubmitProperties,
			...submitAsyncJobDescription,
		],
	};

	// n8n tests a credential with the credential type's own `test` when it has one; the credential
	// therefore has none, so that this test (which reads the answer) is the one n8n runs, for the
	// HTTP Request node's users too.
	methods = { credentialTest: { netSuiteTbaApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
