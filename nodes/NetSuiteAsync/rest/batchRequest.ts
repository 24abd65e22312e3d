import { createHash } from 'crypto';

/**
 * REST batch requests (notes §1.10, [O:article_0127092747]): ≤ 100 records of one record type per
 * request, always asynchronous. What each of the Submit operation's choices becomes in REST.
 */
export const REST_BATCH_LIMIT = 100;
export const COLLECTION_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=collection';

export type RestSubmitOperation = 'asyncAddList' | 'asyncUpdateList' | 'asyncUpsertList' | 'asyncDeleteList' | 'asyncGetList';

const METHODS: Record<RestSubmitOperation, 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET'> = {
	asyncAddList: 'POST',
	asyncUpdateList: 'PATCH',
	asyncUpsertList: 'PUT',
	asyncDeleteList: 'DELETE',
	asyncGetList: 'GET',
};

export function isRestSubmitOperation(operation: string): operation is RestSubmitOperation {
	return operation in METHODS;
}

export class RestRecordError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'RestRecordError';
	}
}

const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;

export function checkRecordType(recordType: string): void {
	if (!RECORD_TYPE.test(recordType)) {
		throw new RestRecordError(`Record Type "${recordType.slice(0, 80)}" is not a REST record type name`, 'Use the REST record type as in the metadata catalog, e.g. customer or salesOrder.');
	}
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/**
 * One record as the batch body carries it, or (delete, get) the reference the `ids` list carries.
 * Refuses, before any request, what the REST operation cannot identify.
 */
export function restBatchEntry(operation: RestSubmitOperation, record: unknown): { item?: Record<string, unknown>; reference?: string } {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		throw new RestRecordError('Record is not a JSON object', 'Map an object with the record\'s REST fields, e.g. {{ $json }}.');
	}
	const fields = record as Record<string, unknown>;
	const id = text(fields.id);
	const externalId = text(fields.externalId);
	if (fields.internalId !== undefined && id === undefined) {
		throw new RestRecordError('Record has "internalId", a SOAP field name', 'REST names the internal ID "id": rename the field.');
	}
	if (operation === 'asyncAddList') {
		if (id !== undefined) throw new RestRecordError('Record has an "id": an added record gets its ID from NetSuite', 'Remove "id", or use Update.');
		return { item: fields };
	}
	if (operation === 'asyncUpsertList') {
		if (externalId === undefined || id !== undefined) {
			throw new RestRecordError('Upsert needs "externalId" and no "id" (REST PUT upserts by external ID only)', 'Give each record an externalId and remove "id", or use Update.');
		}
		return { item: fields };
	}
	if (id === undefined && externalId === undefined) {
		throw new RestRecordError('Record has neither "id" nor "externalId"', 'Give the internal ID as "id" or the external ID as "externalId".');
	}
	if (operation === 'asyncUpdateList') return { item: fields };
	const reference = id ?? `eid:${externalId}`;
	if (reference.includes(',')) throw new RestRecordError(`The ID "${reference}" contains a comma, which the ids list cannot carry`, 'Fix the ID.');
	return { reference };
}

export interface RestBatchRequest {
	method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET';
	url: string;
	headers: Record<string, string>;
	body?: { items: Array<Record<string, unknown>> };
}

/** A UUID (RFC 4122 layout, version 5 style) from the request's content: the same chunk gets the same key. */
export function idempotencyKeyOf(parts: string[]): string {
	const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
	hex[12] = '5';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const joined = hex.join('');
	return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20, 32)}`;
}

export function restBatchRequest(
	operation: RestSubmitOperation,
	recordType: string,
	entries: Array<{ item?: Record<string, unknown>; reference?: string }>,
	keySalt: string,
): RestBatchRequest & { idempotencyKey: string } {
	const method = METHODS[operation];
	const path = `/services/rest/record/v1/${recordType}`;
	const references = entries.map((entry) => entry.reference as string);
	const url =
		method === 'DELETE'
			? `${path}?ids=${references.map(encodeURIComponent).join(',')}`
			: method === 'GET'
				? `${path}?expandRecords=true&ids=${references.map(encodeURIComponent).join(',')}`
				: path;
	const body = method === 'DELETE' || method === 'GET' ? undefined : { items: entries.map((entry) => entry.item as Record<string, unknown>) };
	const idempotencyKey = idempotencyKeyOf([keySalt, method, url, JSON.stringify(body ?? null)]);
	return {
		method,
		url,
		idempotencyKey,
		headers: {
			Prefer: 'respond-async',
			'X-NetSuite-Idempotency-Key': idempotencyKey,
			...(body ? { 'Content-Type': COLLECTION_CONTENT_TYPE } : {}),
		},
		...(body ? { body } : {}),
	};
}
