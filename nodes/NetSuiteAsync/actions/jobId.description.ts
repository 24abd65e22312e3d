import type { INodeProperties } from 'n8n-workflow';

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '={{ $json.jobId }}',
	required: true,
	displayOptions: { hide: { operation: ['submitAsyncJob'] } },
	placeholder: 'ASYNCWEBSERVICES_1234567_0801202313264698208388222_7',
	description:
		'The jobId an async submission (asyncAddList, asyncUpsertList, asyncSearch, …) returned. With API SuiteTalk REST: the REST job ID or the Location URL of the submission (relative or absolute). By default it is read from the incoming item.',
};
