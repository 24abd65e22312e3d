import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	readAsyncResultPage,
	type AsyncResultPage,
	type ReadResultRecord,
	type SearchResultRecord,
	type WriteResultRecord,
} from '../suitetalk/asyncResult';
import { callSuiteTalk, type AttemptLedger, type CallSettings } from '../transport/callSuiteTalk';
import { SuiteTalkFaultError, SuiteTalkTransportError } from '../transport/errors';
import { ResultReadInterruptedError } from './resultReadError';
import { ItemOutcomeError } from './toNodeError';

/** NetSuite answers at most 20 getAsyncResult calls per job (each page counts) within 30 days. */
export const RESULT_CALL_BUDGET = 20;
/**
 * Default Max Page Size. Reading a page takes 6.5–7.6 MB of memory per MB of XML (npm run bench,
 * part 5), so 64 MB needs ~0.5 GB on top of n8n, which a default Node heap still has, where the
 * old 256 MB needed ~1.9 GB; a 2,000-record page of full records is tens of MB.
 */
export const DEFAULT_MAX_PAGE_MEGABYTES = 64;
export const RESULT_PAGE_LIMIT_BYTES = DEFAULT_MAX_PAGE_MEGABYTES * 1024 * 1024;
/** Raising Max Page Size beyond this is a crash of n8n, not a larger page. */
export const RESULT_PAGE_LIMIT_MAX_BYTES = 1024 * 1024 * 1024;

export type PageSelection = { kind: 'all' } | { kind: 'one'; pageIndex: number };

export interface ResultTotals {
	resultType: string;
	kind: AsyncResultPage['kind'];
	pagesRead: number[];
	totalPages: number;
	totalRecords: number;
	/** getAsyncResult requests sent for the job in this run, retries included. */
	resultCallsUsed: number;
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

/**
 * The job's getAsyncResult calls in this run, pages and retries alike: every request that left
 * this machine counts, whatever came back (NetSuite charges the ones it processed, and a timeout
 * or a broken answer gives no way to tell). Stops before the call that would exceed the budget.
 */
export class ResultCallCounter implements AttemptLedger {
	used = 0;
	readonly pagesRead: number[] = [];

	constructor(
		readonly jobId: string,
		readonly budget = RESULT_CALL_BUDGET,
	) {}

	get remaining(): number {
		return this.budget - this.used;
	}

	reserve(): void {
		if (this.used >= this.budget) {
			const failed = this.used - this.pagesRead.length;
			throw new ItemOutcomeError(
				`Job "${this.jobId}": stopped before getAsyncResult call ${this.budget + 1}; this run has used all ${this.budget} calls NetSuite allows per job (${this.pagesRead.length} read a page, ${failed} failed or broke off), 0 remain`,
				`NetSuite answers INVALID_JOB_ID for ever after a job's ${this.budget}th getAsyncResult call, so the node does not send another. Pages read: ${this.pagesRead.join(', ') || 'none'}. Calls NetSuite refused before processing them (concurrency blocks, maintenance) did not count on its side, so a few may remain: in a later run, read each missing page once with Pages "One Page" and Max Retries 0. If the job's results are gone, submit the job again.`,
				{ resultCallsUsed: this.used, resultCallsRemaining: 0, pagesRead: [...this.pagesRead] },
			);
		}
		this.used += 1;
	}

	release(): void {
		this.used -= 1;
	}
}

function pageTooLargeError(jobId: string, pageIndex: number, limitBytes: number): ItemOutcomeError {
	const megabytes = Math.round(limitBytes / (1024 * 1024));
	return new ItemOutcomeError(
		`Result page ${pageIndex} of job "${jobId}" is larger than ${megabytes} MB, the Max Page Size`,
		`Reading it could exhaust n8n's memory (reading a page takes about seven times its size in memory), so it was dropped; the call still counted toward the job's ${RESULT_CALL_BUDGET}. Make pages smaller: submit the search again with a smaller page size (searchPreferences pageSize), fewer columns (a saved search or advanced search with only the columns you need) or bodyFieldsOnly=true; or, if this n8n has the memory, raise Max Page Size.`,
		{ pageIndex, maxPageBytes: limitBytes },
	);
}

/** A page over the limit is the person's setting to change; any other failure keeps where the read stood. */
function readFailure(error: unknown, jobId: string, pageIndex: number, counter: ResultCallCounter, pageLimitBytes: number): unknown {
	if (error instanceof SuiteTalkTransportError && error.code === 'RESPONSE_TOO_LARGE') {
		return pageTooLargeError(jobId, pageIndex, pageLimitBytes);
	}
	// Only part-way through: a failure on the first page is the whole story, and callers read it as is.
	const partWay = counter.pagesRead.length > 0;
	if (partWay && (error instanceof SuiteTalkTransportError || error instanceof SuiteTalkFaultError)) {
		return new ResultReadInterruptedError(error, pageIndex, [...counter.pagesRead], counter.used, counter.budget);
	}
	return error;
}

async function readPage(
	ctx: IExecuteFunctions,
	jobId: string,
	pageIndex: number,
	call: CallSettings,
	counter: ResultCallCounter,
	pageLimitBytes: number,
): Promise<AsyncResultPage> {
	const { document } = await callSuiteTalk(
		ctx,
		{ operation: 'getAsyncResult', fields: [['jobId', jobId], ['pageIndex', String(pageIndex)]] },
		{ ...call, maxResponseBytes: pageLimitBytes, ledger: counter },
	).catch((error: unknown) => Promise.reject(readFailure(error, jobId, pageIndex, counter, pageLimitBytes)));
	const page = readAsyncResultPage(document);
	counter.pagesRead.push(pageIndex);
	return page;
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
	pageLimitBytes = RESULT_PAGE_LIMIT_BYTES,
): Promise<ResultTotals> {
	const counter = new ResultCallCounter(jobId);
	const firstIndex = selection.kind === 'one' ? selection.pageIndex : 1;
	const first = await readPage(ctx, jobId, firstIndex, call, counter, pageLimitBytes);
	onPage(first);
	const totals: ResultTotals = {
		resultType: first.resultType,
		kind: first.kind,
		pagesRead: counter.pagesRead,
		totalPages: first.totalPages,
		totalRecords: first.totalRecords ?? first.records.length,
		resultCallsUsed: counter.used,
	};
	if (selection.kind === 'one' || first.totalPages <= 1) return totals;
	const details = { totalPages: first.totalPages, resultCallsUsed: counter.used, resultCallsRemaining: counter.remaining };
	if (first.totalPages > RESULT_CALL_BUDGET) {
		throw new ItemOutcomeError(
			`Job "${jobId}" has ${first.totalPages} result pages, more than the ${RESULT_CALL_BUDGET} getAsyncResult calls NetSuite allows per job`,
			`Page 1 was read (it counted as one call). Read the other pages in separate runs with Pages "One Page", or submit the search again with a larger page size (up to 2,000 rows per page) so that it fits in ${RESULT_CALL_BUDGET} pages.`,
			details,
		);
	}
	if (first.totalPages - 1 > counter.remaining) {
		throw new ItemOutcomeError(
			`Job "${jobId}" has ${first.totalPages - 1} more result pages than page 1, but only ${counter.remaining} of its ${RESULT_CALL_BUDGET} getAsyncResult calls remain (${counter.used} used reading page 1)`,
			`Reading on would stop part-way with the job's calls spent. Read the other pages in later runs with Pages "One Page", one call each (Max Retries 0 keeps a failure from spending more), or submit the search again with a larger page size (up to 2,000 rows per page).`,
			details,
		);
	}
	for (let pageIndex = 2; pageIndex <= first.totalPages; pageIndex++) {
		onPage(await readPage(ctx, jobId, pageIndex, call, counter, pageLimitBytes));
		totals.resultCallsUsed = counter.used;
	}
	return totals;
}
