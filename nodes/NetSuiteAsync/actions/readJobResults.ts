import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	readAsyncResultPage,
	type AsyncResultPage,
	type ReadResultRecord,
	type SearchResultRecord,
	type WriteResultRecord,
} from '../suitetalk/asyncResult';
import { callSuiteTalk, type CallSettings } from '../transport/callSuiteTalk';
import { ItemOutcomeError } from './toNodeError';

/** NetSuite answers at most 20 getAsyncResult calls per job (each page counts) within 30 days. */
export const RESULT_CALL_BUDGET = 20;
/** A 2,000-record page of full records runs to tens of MB; beyond this it is not NetSuite talking. */
export const RESULT_PAGE_LIMIT_BYTES = 256 * 1024 * 1024;

export type PageSelection = { kind: 'all' } | { kind: 'one'; pageIndex: number };

export interface ResultTotals {
	resultType: string;
	kind: AsyncResultPage['kind'];
	pagesRead: number[];
	totalPages: number;
	totalRecords: number;
}

/** Per-record output: every key present on every item, so downstream IF and Set nodes see one shape. */
export function recordOutput(jobId: string, page: AsyncResultPage, record: AsyncResultPage['records'][number]): IDataObject {
	const common = {
		jobId,
		index: record.index,
		recordType: record.recordType ?? null,
		internalId: record.internalId ?? null,
		externalId: record.externalId ?? null,
	};
	if (page.kind === 'write') {
		const write = record as WriteResultRecord;
		return {
			...common,
			...(write.typeId === undefined ? {} : { typeId: write.typeId }),
			isSuccess: write.isSuccess,
			afterSubmitFailed: write.afterSubmitFailed,
			errors: write.errors as unknown as IDataObject[],
			warnings: write.warnings as unknown as IDataObject[],
		};
	}
	if (page.kind === 'read') {
		const read = record as ReadResultRecord;
		return {
			...common,
			isSuccess: read.isSuccess,
			record: (read.record ?? null) as IDataObject,
			errors: read.errors as unknown as IDataObject[],
			warnings: read.warnings as unknown as IDataObject[],
		};
	}
	const found = record as SearchResultRecord;
	return {
		...common,
		record: found.record as IDataObject,
		pageIndex: page.pageIndex,
		totalPages: page.totalPages,
		totalRecords: page.totalRecords ?? null,
	};
}

async function readPage(ctx: IExecuteFunctions, jobId: string, pageIndex: number, call: CallSettings): Promise<AsyncResultPage> {
	const { document } = await callSuiteTalk(
		ctx,
		{ operation: 'getAsyncResult', fields: [['jobId', jobId], ['pageIndex', String(pageIndex)]] },
		{ ...call, maxResponseBytes: RESULT_PAGE_LIMIT_BYTES },
	);
	return readAsyncResultPage(document);
}

/**
 * Reads each wanted page exactly once and hands it to `onPage` before fetching the next, so only
 * the page in flight is held as XML. Never used to poll: that is checkAsyncStatus's job.
 */
export async function readJobResults(
	ctx: IExecuteFunctions,
	jobId: string,
	selection: PageSelection,
	call: CallSettings,
	onPage: (page: AsyncResultPage) => void,
): Promise<ResultTotals> {
	const firstIndex = selection.kind === 'one' ? selection.pageIndex : 1;
	const first = await readPage(ctx, jobId, firstIndex, call);
	onPage(first);
	const totals: ResultTotals = {
		resultType: first.resultType,
		kind: first.kind,
		pagesRead: [firstIndex],
		totalPages: first.totalPages,
		totalRecords: first.totalRecords ?? first.records.length,
	};
	if (selection.kind === 'one' || first.totalPages <= 1) return totals;
	if (first.totalPages > RESULT_CALL_BUDGET) {
		throw new ItemOutcomeError(
			`Job "${jobId}" has ${first.totalPages} result pages, more than the ${RESULT_CALL_BUDGET} getAsyncResult calls NetSuite allows per job`,
			`Page 1 was read (it counted as one call). Read the other pages in separate runs with Pages "One Page", or submit the search again with a larger page size (up to 2,000 rows per page) so that it fits in ${RESULT_CALL_BUDGET} pages.`,
			{ totalPages: first.totalPages },
		);
	}
	for (let pageIndex = 2; pageIndex <= first.totalPages; pageIndex++) {
		onPage(await readPage(ctx, jobId, pageIndex, call));
		totals.pagesRead.push(pageIndex);
	}
	return totals;
}
