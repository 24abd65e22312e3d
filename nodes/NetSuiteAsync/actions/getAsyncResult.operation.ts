import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AsyncResultPage, WriteResultRecord } from '../suitetalk/asyncResult';
import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import type { CallSettings } from '../transport/callSuiteTalk';
import { readJobReference, readWholeNumber } from './inputValidation';
import type { ItemOperation } from './itemOperation';
import {
	DEFAULT_MAX_PAGE_MEGABYTES,
	readJobResults,
	recordOutput,
	RESULT_CALL_BUDGET,
	RESULT_PAGE_LIMIT_MAX_BYTES,
	type PageSelection,
} from './readJobResults';
import { optionsCollection, readCallSettings } from './sharedOptions';
import { ItemOutcomeError } from './toNodeError';

const showFor = { operation: ['getAsyncResult'] };

export type ResultOutputMode = 'perRecord' | 'summary';

const MEGABYTE = 1024 * 1024;
/**
 * NetSuite ends a request after 15 minutes; a shorter timeout here would abandon a page NetSuite is
 * still sending, and that call counts toward the job's 20 without giving its records.
 */
export const RESULT_REQUEST_TIMEOUT_SECONDS = 900;

const maxPageSizeOption: INodeProperties = {
	displayName: 'Max Page Size (MB)',
	name: 'maxPageMegabytes',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: RESULT_PAGE_LIMIT_MAX_BYTES / MEGABYTE },
	default: DEFAULT_MAX_PAGE_MEGABYTES,
	description:
		"A larger result page fails the item instead of exhausting n8n's memory (reading a page takes about seven times its size in memory). Prefer smaller pages (page size, fewer columns, bodyFieldsOnly); raise this only if n8n has the memory.",
};

/** The shared options, with the Request Timeout default raised to NetSuite's own limit. */
function resultOptionsCollection(): INodeProperties {
	const collection = optionsCollection(showFor, [maxPageSizeOption]);
	return {
		...collection,
		options: (collection.options as INodeProperties[]).map((option) =>
			option.name === 'requestTimeout'
				? {
						...option,
						default: RESULT_REQUEST_TIMEOUT_SECONDS,
						description:
							"How long one getAsyncResult request may take (NetSuite's own limit is 15 minutes). A request that times out is not repeated: NetSuite may have answered it, and it counted toward the job's 20 calls.",
					}
				: option,
		),
	};
}

export const description: INodeProperties[] = [
	{
		displayName: 'Pages',
		name: 'pages',
		type: 'options',
		options: [
			{ name: 'All Pages', value: 'all', description: 'Read every result page, each once' },
			{ name: 'One Page', value: 'one', description: 'Read only the page given by Page Index' },
		],
		default: 'all',
		// REST has no pages: a REST job's results are read task by task.
		displayOptions: { show: { ...showFor, api: ['soap'] } },
		description: `Each page read counts toward NetSuite's limit of ${RESULT_CALL_BUDGET} getAsyncResult calls per job`,
	},
	{
		displayName: 'Page Index',
		name: 'pageIndex',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { ...showFor, api: ['soap'], pages: ['one'] } },
		description: 'The 1-based page to read',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{ name: 'One Item per Record', value: 'perRecord', description: 'Each written, read or found record becomes an item' },
			{
				name: 'One Summary Item per Job',
				value: 'summary',
				description: 'Counts of successes, failures and warnings, with the records as an array',
			},
		],
		default: 'perRecord',
		displayOptions: { show: { ...showFor, api: ['soap'] } },
	},
	resultOptionsCollection(),
];

export interface ResultParameters {
	jobId: string;
	selection: PageSelection;
	outputMode: ResultOutputMode;
	call: CallSettings;
	/** Pages larger than this fail the item before they are parsed. */
	pageLimitBytes?: number;
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number, credential: NetSuiteTbaCredentialData): ResultParameters {
	const { jobId, apiVersion } = readJobReference(ctx.getNodeParameter('jobId', itemIndex, ''), credential);
	const selection: PageSelection =
		ctx.getNodeParameter('pages', itemIndex, 'all') === 'one'
			? { kind: 'one', pageIndex: readWholeNumber(ctx.getNodeParameter('pageIndex', itemIndex, 1), 'Page Index', 1, 100000) }
			: { kind: 'all' };
	const outputMode = ctx.getNodeParameter('outputMode', itemIndex, 'perRecord') === 'summary' ? 'summary' : 'perRecord';
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const pageMegabytes = readWholeNumber(
		options.maxPageMegabytes ?? DEFAULT_MAX_PAGE_MEGABYTES,
		'Max Page Size (MB)',
		1,
		RESULT_PAGE_LIMIT_MAX_BYTES / MEGABYTE,
	);
	return {
		jobId,
		selection,
		outputMode,
		call: readCallSettings(ctx, itemIndex, { ...credential, apiVersion }, pageMegabytes * MEGABYTE, RESULT_REQUEST_TIMEOUT_SECONDS),
		pageLimitBytes: pageMegabytes * MEGABYTE,
	};
}

function countSummary(records: IDataObject[]): IDataObject {
	let successCount = 0;
	let failureCount = 0;
	let warningCount = 0;
	let afterSubmitFailedCount = 0;
	for (const record of records) {
		if (record.isSuccess === false) failureCount++;
		else successCount++;
		if (Array.isArray(record.warnings) && record.warnings.length > 0) warningCount++;
		if ((record as unknown as WriteResultRecord).afterSubmitFailed === true) afterSubmitFailedCount++;
	}
	return { successCount, failureCount, warningCount, afterSubmitFailedCount };
}

/** Reads a finished job's results in the chosen output mode; also used by Fetch Results When Done. */
export async function fetchResults(ctx: IExecuteFunctions, parameters: ResultParameters): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const listErrors: IDataObject[] = [];
	const onPage = (page: AsyncResultPage) => {
		if (!page.isSuccess && page.records.length === 0) {
			const reasons = page.errors.map((error) => `${error.message} (${error.code})`).join('; ') || 'no reason given';
			throw new ItemOutcomeError(
				`NetSuite reports job "${parameters.jobId}" as unsuccessful on result page ${page.pageIndex}: ${reasons}`,
				'The job itself failed (for a search: its criteria or permissions). Fix the cause and submit the job again.',
				{ pageIndex: page.pageIndex },
			);
		}
		for (const record of page.records) records.push(recordOutput(parameters.jobId, page, record));
		for (const error of page.errors) listErrors.push({ ...error, pageIndex: page.pageIndex });
	};
	const totals = await readJobResults(
		ctx,
		parameters.jobId,
		parameters.selection,
		parameters.call,
		onPage,
		parameters.pageLimitBytes,
	);
	if (parameters.outputMode === 'perRecord') return records;
	return [
		{
			jobId: parameters.jobId,
			resultType: totals.resultType,
			kind: totals.kind,
			totalRecords: totals.totalRecords,
			totalPages: totals.totalPages,
			pagesRead: totals.pagesRead,
			resultCallsUsed: totals.resultCallsUsed,
			...countSummary(records),
			listErrors,
			records,
		},
	];
}

export const getAsyncResult: ItemOperation<ResultParameters> = {
	readParameters,
	execute: async (ctx, parameters) => await fetchResults(ctx, parameters),
};
