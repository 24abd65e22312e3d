import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { schemaView } from '../suitetalk/records/schemaView';
import { SUBMIT_OPERATION_RULES } from '../suitetalk/submitOperations';
import { description as checkAsyncStatusDescription } from './checkAsyncStatus.operation';
import { optionsCollection } from './sharedOptions';

const showFor = { operation: ['submitAsyncJob'] };
const showWhenWaiting = { operation: ['submitAsyncJob'], waitForResults: [true] };
const LIST_OPERATIONS = ['asyncAddList', 'asyncUpdateList', 'asyncUpsertList', 'asyncDeleteList', 'asyncGetList', 'asyncInitializeList'];

const operationOptions: INodePropertyOptions[] = [
	{ name: 'Add (asyncAddList)', value: 'asyncAddList', description: 'Create new records' },
	{ name: 'Delete (asyncDeleteList)', value: 'asyncDeleteList', description: 'Delete records by internalId or externalId' },
	{ name: 'Get (asyncGetList)', value: 'asyncGetList', description: 'Read records by internalId or externalId' },
	{ name: 'Initialize (asyncInitializeList)', value: 'asyncInitializeList', description: 'Create unsaved records from others (e.g. an invoice from a sales order)' },
	{ name: 'Search (asyncSearch)', value: 'asyncSearch', description: 'Run one basic, advanced or saved search per item' },
	{ name: 'Update (asyncUpdateList)', value: 'asyncUpdateList', description: 'Change existing records by internalId or externalId' },
	{ name: 'Upsert (asyncUpsertList)', value: 'asyncUpsertList', description: 'Create or update records by externalId' },
];

function typeOptions(names: readonly string[]): INodePropertyOptions[] {
	return [...new Set(names)].sort((a, b) => a.localeCompare(b)).map((name) => ({ name, value: name }));
}

/** Check Async Status's waiting parameter, shown here while waiting for results: one definition for both. */
function waitingParameter(name: string): INodeProperties {
	const source = checkAsyncStatusDescription.find((property) => property.name === name);
	if (!source) throw new Error(`Check Async Status has no parameter "${name}"`);
	return { ...source, displayOptions: { show: showWhenWaiting } };
}

function waitingOption(name: string): INodeProperties {
	const options = checkAsyncStatusDescription.find((property) => property.name === 'options')?.options as INodeProperties[] | undefined;
	const source = options?.find((option) => option.name === name);
	if (!source) throw new Error(`Check Async Status has no option "${name}"`);
	return { ...source, displayOptions: { show: { '/waitForResults': [true] } } };
}

const maxima = LIST_OPERATIONS.map((name) => `${SUBMIT_OPERATION_RULES[name as keyof typeof SUBMIT_OPERATION_RULES].maxPerJob} ${name.replace(/^async|List$/g, '').toLowerCase()}`).join(', ');

export const description: INodeProperties[] = [
	{
		displayName: 'Async Operation',
		name: 'asyncOperation',
		type: 'options',
		noDataExpression: true,
		options: operationOptions,
		default: 'asyncAddList',
		displayOptions: { show: showFor },
		description: 'The SuiteTalk asynchronous operation each job runs',
	},
	{
		displayName: 'Record Type',
		name: 'recordType',
		type: 'options',
		options: typeOptions(schemaView.recordTypeNames()),
		default: 'customer',
		displayOptions: { show: { ...showFor, asyncOperation: LIST_OPERATIONS } },
		description:
			'The NetSuite record type (RecordType name, e.g. customer, salesOrder, customRecord); an expression may give each item its own. For Initialize: the type to create.',
	},
	{
		displayName: 'Record Type',
		name: 'recordType',
		type: 'options',
		options: typeOptions(schemaView.searchTypeNames()),
		default: 'customer',
		displayOptions: { show: { ...showFor, asyncOperation: ['asyncSearch'] } },
		description:
			'The record type to search; transactions are searched as "transaction", items as "item"',
	},
	{
		displayName: 'Record',
		name: 'record',
		type: 'json',
		default: '={{ $json }}',
		displayOptions: { show: showFor },
		description:
			'One record per item, in the shape Get Async Result emits: fields by NetSuite name, internalId/externalId as plain fields, references as {"internalId": "1"}, sublists as arrays, customFieldList as [{"scriptId", "value"}], null to clear a field. Delete/Get: the internalId or externalId. Initialize: {"reference": {"type", "internalId"}}. Search: criteria (basic), or criteria/columns/savedSearchId (advanced).',
	},
	{
		displayName: 'Wait for Results',
		name: 'waitForResults',
		type: 'boolean',
		default: false,
		displayOptions: { show: showFor },
		description:
			'Whether to wait until each job is done and return one item per input item with its result (or one per record found). Off: one item per job with its jobId, for Check Async Status.',
	},
	waitingParameter('pollInterval'),
	waitingParameter('pollTimeout'),
	optionsCollection(showFor, [
		waitingOption('adaptivePolling'),
		waitingOption('maxPollInterval'),
		{
			displayName: 'Preferences',
			name: 'preferences',
			type: 'collection',
			placeholder: 'Add Preference',
			default: {},
			displayOptions: { show: { '/asyncOperation': LIST_OPERATIONS } },
			description: 'Request-level preferences sent in the SOAP header with each job',
			options: [
				{
					displayName: 'Disable Mandatory Custom Field Validation',
					name: 'disableMandatoryCustomFieldValidation',
					type: 'boolean',
					default: false,
					description: 'Whether mandatory custom fields may be left empty (preferences header)',
				},
				{
					displayName: 'Disable System Notes for Custom Fields',
					name: 'disableSystemNotesForCustomFields',
					type: 'boolean',
					default: false,
					description: 'Whether changes to custom fields leave no system notes (preferences header; an audit trade-off)',
				},
				{
					displayName: 'Ignore Read-Only Fields',
					name: 'ignoreReadOnlyFields',
					type: 'boolean',
					default: false,
					description:
						'Whether read-only fields in the records (e.g. createdDate of a record read earlier) are ignored instead of failing the record (preferences header)',
				},
				{
					displayName: 'Run Server SuiteScript and Trigger Workflows',
					name: 'runServerSuiteScriptAndTriggerWorkflows',
					type: 'options',
					options: [
						{ name: 'Account Default', value: 'default' },
						{ name: 'Yes', value: 'true' },
						{ name: 'No', value: 'false' },
					],
					default: 'default',
					description:
						'Whether user-event scripts and workflows run for these records (preferences header). "No" needs the permission "Control SuiteScript and Workflow Triggers in Web Services Request".',
				},
				{
					displayName: 'Warning as Error',
					name: 'warningAsError',
					type: 'boolean',
					default: false,
					description: 'Whether a warning fails the record instead of letting it through (preferences header)',
				},
			],
		},
		{
			displayName: 'Records per Job',
			name: 'recordsPerJob',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2000 },
			default: 0,
			displayOptions: { show: { '/asyncOperation': LIST_OPERATIONS } },
			description: `Items per submitted job, in input order. 0: NetSuite's maximum for the operation (${maxima}).`,
		},
		{
			displayName: 'Search Preferences',
			name: 'searchPreferences',
			type: 'collection',
			placeholder: 'Add Search Preference',
			default: {},
			displayOptions: { show: { '/asyncOperation': ['asyncSearch'] } },
			description: 'Search preferences sent in the SOAP header with each search',
			options: [
				{
					displayName: 'Body Fields Only',
					name: 'bodyFieldsOnly',
					type: 'boolean',
					default: true,
					description: 'Whether searches return records without their sublists (searchPreferences; ignored by advanced searches)',
				},
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 5, maxValue: 2000 },
					default: 1000,
					description: 'Records per result page of a search, 5 to 2,000 (searchPreferences). Each page read counts toward NetSuite\'s 20 result calls per job.',
				},
				{
					displayName: 'Return Search Columns',
					name: 'returnSearchColumns',
					type: 'boolean',
					default: true,
					description: 'Whether an advanced or saved search returns its columns as rows (searchPreferences); off returns whole records',
				},
			],
		},
	]),
];
