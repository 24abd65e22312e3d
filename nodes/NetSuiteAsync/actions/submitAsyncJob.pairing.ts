import type { IDataObject } from 'n8n-workflow';

import type { SubmitEntry } from '../suitetalk/submitEntries';
import type { AsyncSubmitOperation } from '../suitetalk/submitOperations';
import { ItemOutcomeError } from './toNodeError';

/**
 * Result i of a job ↔ the job's input item i (NetSuite processes list operations in submission
 * order, SUBMIT.md §3.14; for async jobs that is unverified, U2), cross-checked against the
 * externalId/internalId NetSuite echoes: a mismatch is an error, never another record's outcome.
 */

export interface SubmittedItem {
	itemIndex: number;
	entry: SubmitEntry;
}

export type PairedOutcome = { itemIndex: number; json: IDataObject } | { itemIndex: number; error: ItemOutcomeError };

/** Which identifiers NetSuite's answer carries back for the record as submitted. */
function comparedIds(operation: AsyncSubmitOperation): Array<'internalId' | 'externalId'> {
	// add assigns a new internalId; initialize answers with a new, unsaved record.
	if (operation === 'asyncAddList') return ['externalId'];
	if (operation === 'asyncInitializeList') return [];
	return ['internalId', 'externalId'];
}

function sameId(submitted: string | undefined, answered: unknown): boolean | undefined {
	if (submitted === undefined || typeof answered !== 'string' || answered === '') return undefined;
	// NetSuite compares external IDs without case.
	return submitted.toLowerCase() === answered.toLowerCase();
}

function mismatch(jobId: string, position: number, field: string, submitted: string, answered: unknown): ItemOutcomeError {
	return new ItemOutcomeError(
		`Result ${position} of job "${jobId}" names ${field} "${String(answered)}", but the record submitted at that position has "${submitted}"`,
		'NetSuite answered in another order than the records were sent, so this item was not paired with a result that may belong to another record. Read the job with Get Async Result and match the results by externalId.',
		{ jobId, position, [field]: submitted },
	);
}

function withReadDefaults(json: IDataObject): IDataObject {
	return json.afterSubmitFailed === undefined ? { ...json, afterSubmitFailed: false } : json;
}

export function pairResults(jobId: string, operation: AsyncSubmitOperation, items: SubmittedItem[], results: IDataObject[]): PairedOutcome[] {
	const fields = comparedIds(operation);
	const ordered = [...results].sort((a, b) => Number(a.index) - Number(b.index));
	if (ordered.length === items.length) {
		return items.map(({ itemIndex, entry }, position) => {
			const result = ordered[position];
			for (const field of fields) {
				if (sameId(entry[field], result[field]) === false) {
					return { itemIndex, error: mismatch(jobId, position + 1, field, entry[field] as string, result[field]) };
				}
			}
			return { itemIndex, json: withReadDefaults(result) };
		});
	}
	// A different count: pair only what an identifier proves, and say which items got nothing.
	const unused = new Set(ordered);
	return items.map(({ itemIndex, entry }) => {
		const match = [...unused].find((result) => fields.some((field) => sameId(entry[field], result[field]) === true));
		if (match) {
			unused.delete(match);
			return { itemIndex, json: withReadDefaults(match) };
		}
		return {
			itemIndex,
			error: new ItemOutcomeError(
				`Job "${jobId}" answered ${ordered.length} results for ${items.length} records, and none of them names this record's ${fields.join(' or ') || 'identifiers'}`,
				'NetSuite did not report on this record. Read the job with Get Async Result, or look the record up before submitting it again.',
				{ jobId, submitted: items.length, answered: ordered.length },
			),
		};
	});
}
