/**
 * SuiteTalk REST asynchronous processing (notes/rest-async.md §1): `Prefer: respond-async` on a
 * record request or a batch request gives 202 + Location; the job, its tasks, each task's status
 * and result are read under `/services/rest/async/v1/job/…`. Records live in a small JSON store of
 * this file (REST record shapes are not the SOAP XSD's).
 */
import { restErrorBody, type RestErrorDetail } from './errors';

export const ASYNC_JOB_PATH = /^\/services\/rest\/async\/v1\/job\/([^/]+)(?:\/task\/?(?:([^/]+)(?:\/(result))?)?)?\/?$/;
const RECORD_PATH = /^\/services\/rest\/record\/v1\/([A-Za-z][A-Za-z0-9_]*)(?:\/([^/]+))?\/?$/;
export const COLLECTION_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=collection';
export const BATCH_LIMIT = 100;

export interface RestAnswer {
	status: number;
	body: string;
	headers?: Record<string, string>;
}

/**
 * A job's lifecycle, by status checks as the SOAP jobs are: it reports `pending` for the first
 * `pendingChecks` reads of the job, then completes (its tasks too) (its tasks run at submission, so their results
 * exist once it does). `progress` is what the completed job reports (`succeeded` even with failed items).
 */
export interface RestJobScript {
	pendingChecks?: number;
	progress?: string;
}

interface TaskOutcome {
	status: number;
	body?: unknown;
	location?: string;
}

interface RestJob {
	id: string;
	tasks: TaskOutcome[];
	checks: number;
	script: Required<RestJobScript>;
	idempotencyKey?: string;
	method: string;
	recordType: string;
}

interface StoredRecord {
	id: string;
	externalId?: string;
	fields: Record<string, unknown>;
}

export interface RestAsyncCounters {
	jobChecks: Record<string, number>;
	taskListReads: Record<string, number>;
	taskStatusReads: Record<string, number>;
	taskResultReads: Record<string, number>;
	submits: number;
}

export function emptyRestAsyncCounters(): RestAsyncCounters {
	return { jobChecks: {}, taskListReads: {}, taskStatusReads: {}, taskResultReads: {}, submits: 0 };
}

function error(status: number, code: string, detail: string, extra: Partial<RestErrorDetail> = {}): RestAnswer {
	return { status, body: restErrorBody(status, [{ detail, 'o:errorCode': code, ...extra }]) };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

export class RestAsyncService {
	readonly counters: RestAsyncCounters = emptyRestAsyncCounters();
	private readonly jobs = new Map<string, RestJob>();
	private readonly keys = new Map<string, string>();
	private readonly records = new Map<string, Map<string, StoredRecord>>();
	private nextJobId = 1001;
	private nextRecordId = 501;
	private script: Required<RestJobScript> = { pendingChecks: 0, progress: 'succeeded' };
	private failures: Array<{ path: RegExp; status: number; code: string; remaining: number }> = [];

	constructor(private readonly baseUrl: () => string) {}

	/** The lifecycle of jobs submitted from now on. */
	setJobScript(script: RestJobScript): void {
		this.script = { pendingChecks: script.pendingChecks ?? 0, progress: script.progress ?? 'succeeded' };
	}

	seed(recordType: string, records: Array<{ id?: string; externalId?: string; fields?: Record<string, unknown> }>): string[] {
		return records.map((record) => this.store(recordType, record.fields ?? {}, record.externalId, record.id).id);
	}

	record(recordType: string, id: string): StoredRecord | undefined {
		return this.table(recordType).get(id);
	}

	recordCount(recordType: string): number {
		return this.table(recordType).size;
	}

	jobIds(): string[] {
		return [...this.jobs.keys()];
	}

	resetCounters(): void {
		Object.assign(this.counters, emptyRestAsyncCounters());
	}

	/** A job (for tests that need one without submitting): tasks given as their outcomes. */
	addJob(tasks: TaskOutcome[], script: RestJobScript = {}): string {
		return this.createJob('POST', 'customer', tasks, { pendingChecks: script.pendingChecks ?? 0, progress: script.progress ?? 'succeeded' });
	}

	/** The next `count` requests whose path matches answer `status` with `code` instead (e.g. 503 for an outage). */
	scriptFailure(path: RegExp, status: number, code: string, count = 1): void {
		this.failures.push({ path, status, code, remaining: count });
	}

	handles(path: string): boolean {
		return ASYNC_JOB_PATH.test(path) || RECORD_PATH.test(path);
	}

	answer(method: string, url: string, headers: Record<string, string | string[] | undefined>, body: string): RestAnswer {
		const parsed = new URL(url, 'http://simulator.invalid');
		const path = parsed.pathname;
		const failure = this.failures.find((entry) => entry.remaining > 0 && entry.path.test(path));
		if (failure) {
			failure.remaining -= 1;
			return error(failure.status, failure.code, `Scripted failure ${failure.status} for ${method} ${path}.`);
		}
		const jobPath = ASYNC_JOB_PATH.exec(path);
		if (jobPath) {
			if (method !== 'GET') return error(405, 'INVALID_REQUEST', `${method} is not allowed on the async job service.`);
			return this.readJob(jobPath[1], jobPath[2], jobPath[3] === 'result', path.includes('/task'));
		}
		const recordPath = RECORD_PATH.exec(path);
		if (!recordPath) return error(404, 'NONEXISTENT_ID', `The simulator has no REST endpoint ${method} ${path}.`);
		const prefer = (headerValue(headers, 'prefer') ?? '').toLowerCase();
		if (!/(^|[,\s])respond-async($|[,\s])/.test(prefer)) {
			return error(400, 'INVALID_REQUEST', 'The simulator answers record requests only asynchronously: send "Prefer: respond-async".', {
				'o:errorHeader': 'Prefer',
			});
		}
		const key = headerValue(headers, 'x-netsuite-idempotency-key');
		if (key !== undefined) {
			if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(key)) {
				return error(400, 'INVALID_REQUEST', 'The idempotency key must be a UUID (RFC 4122).', { 'o:errorHeader': 'X-NetSuite-Idempotency-Key' });
			}
			const existing = this.keys.get(key.toLowerCase());
			if (existing) {
				return {
					status: 400,
					body: restErrorBody(
						400,
						[
							{
								detail: 'A request with the same idempotency key is already submitted. See the "Location" header for a link to the previously submitted job',
								'o:errorCode': 'IDEMPOTENCY_ERROR',
							},
						],
						'Conflict',
					),
					headers: { 'Preference-Applied': 'respond-async', Location: this.jobLocation(existing) },
				};
			}
		}
		const outcome = this.submit(method, recordPath[1], recordPath[2], parsed.searchParams, headers, body);
		if ('status' in outcome) return outcome;
		this.counters.submits += 1;
		const jobId = this.createJob(method, recordPath[1], outcome.tasks, this.script, key?.toLowerCase());
		return { status: 202, body: '', headers: { 'Preference-Applied': 'respond-async', Location: this.jobLocation(jobId) } };
	}

	private jobLocation(jobId: string): string {
		return `${this.baseUrl()}/services/rest/async/v1/job/${jobId}`;
	}

	private createJob(method: string, recordType: string, tasks: TaskOutcome[], script: Required<RestJobScript>, idempotencyKey?: string): string {
		const id = String(this.nextJobId++);
		this.jobs.set(id, { id, tasks, checks: 0, script: { ...script }, idempotencyKey, method, recordType });
		if (idempotencyKey) this.keys.set(idempotencyKey, id);
		return id;
	}

	private table(recordType: string): Map<string, StoredRecord> {
		let table = this.records.get(recordType);
		if (!table) this.records.set(recordType, (table = new Map()));
		return table;
	}

	private store(recordType: string, fields: Record<string, unknown>, externalId?: string, id?: string): StoredRecord {
		const record = { id: id ?? String(this.nextRecordId++), externalId, fields };
		this.table(recordType).set(record.id, record);
		return record;
	}

	private find(recordType: string, reference: { id?: string; externalId?: string }): StoredRecord | undefined {
		const table = this.table(recordType);
		if (reference.id !== undefined) return table.get(reference.id);
		if (reference.externalId !== undefined) return [...table.values()].find((record) => record.externalId === reference.externalId);
		return undefined;
	}

	private recordUrl(recordType: string, id: string): string {
		return `${this.baseUrl()}/services/rest/record/v1/${recordType}/${id}`;
	}

	private missing(recordType: string, what: string): TaskOutcome {
		return {
			status: 404,
			body: JSON.parse(restErrorBody(404, [{ detail: `The record instance does not exist. Provide a valid record instance ID (${recordType} ${what}).`, 'o:errorCode': 'NONEXISTENT_ID' }])),
		};
	}

	/** One record operation, run at submission; its outcome is the task's result. */
	private runOne(method: string, recordType: string, item: Record<string, unknown>): TaskOutcome {
		const { id, externalId, ...fields } = item as { id?: unknown; externalId?: unknown } & Record<string, unknown>;
		const idText = id === undefined ? undefined : String(id);
		const externalText = externalId === undefined ? undefined : String(externalId);
		if (method === 'POST') {
			if (typeof fields.companyName !== 'string' && recordType === 'customer' && fields.isPerson !== true) {
				return {
					status: 400,
					body: JSON.parse(restErrorBody(400, [{ detail: 'Please enter value(s) for: Company Name', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'companyName' }])),
				};
			}
			if (externalText !== undefined && this.find(recordType, { externalId: externalText })) {
				return {
					status: 400,
					body: JSON.parse(restErrorBody(400, [{ detail: 'A record with the same external ID already exists.', 'o:errorCode': 'DUP_RCRD' }])),
				};
			}
			const record = this.store(recordType, fields, externalText);
			return { status: 204, location: this.recordUrl(recordType, record.id) };
		}
		if (method === 'PATCH') {
			const record = this.find(recordType, { id: idText, externalId: idText === undefined ? externalText : undefined });
			if (!record) return this.missing(recordType, idText ?? `eid:${externalText}`);
			Object.assign(record.fields, fields);
			return { status: 204, location: this.recordUrl(recordType, record.id) };
		}
		if (method === 'PUT') {
			const existing = this.find(recordType, { externalId: externalText });
			if (existing) Object.assign(existing.fields, fields);
			const record = existing ?? this.store(recordType, fields, externalText);
			return { status: 204, location: this.recordUrl(recordType, record.id) };
		}
		const reference = idText!.startsWith('eid:') ? { externalId: idText!.slice(4) } : { id: idText };
		const record = this.find(recordType, reference);
		if (!record) return this.missing(recordType, idText!);
		if (method === 'DELETE') {
			this.table(recordType).delete(record.id);
			return { status: 204 };
		}
		return { status: 200, body: { links: [{ rel: 'self', href: this.recordUrl(recordType, record.id) }], id: record.id, ...(record.externalId ? { externalId: record.externalId } : {}), ...record.fields } };
	}

	private submit(
		method: string,
		recordType: string,
		recordId: string | undefined,
		query: URLSearchParams,
		headers: Record<string, string | string[] | undefined>,
		body: string,
	): { tasks: TaskOutcome[] } | RestAnswer {
		if (!['POST', 'PATCH', 'PUT', 'DELETE', 'GET'].includes(method)) return error(405, 'INVALID_REQUEST', `${method} is not a record method.`);
		if (recordId !== undefined) {
			// A single-record request: one task.
			if (method === 'POST') return error(405, 'INVALID_REQUEST', 'POST names no record ID: create with POST on the record type.');
			const read = method === 'PATCH' || method === 'PUT' ? this.jsonBody(body, headers, 'application/json') : { json: {} };
			if ('answer' in read) return read.answer;
			const parsed = read.json;
			const item = recordId.startsWith('eid:') ? { ...parsed, ...(method === 'PUT' ? { externalId: recordId.slice(4) } : { externalId: recordId.slice(4) }) } : { ...parsed, id: recordId };
			if (method === 'PUT' && !recordId.startsWith('eid:')) return error(400, 'INVALID_REQUEST', 'PUT (upsert) needs an external ID: /record/v1/{type}/eid:{externalId}.');
			return { tasks: [this.runOne(method, recordType, method === 'GET' || method === 'DELETE' ? { id: recordId } : item)] };
		}
		if (method === 'GET' || method === 'DELETE') {
			const ids = (query.get('ids') ?? '').split(',').filter((id) => id !== '');
			if (ids.length === 0) return error(400, 'INVALID_REQUEST', 'Batch requests need the "ids" query parameter.', { 'o:errorQueryParam': 'ids' });
			if (method === 'GET' && query.get('expandRecords') !== 'true') {
				return error(400, 'INVALID_REQUEST', 'Batch GET needs expandRecords=true.', { 'o:errorQueryParam': 'expandRecords' });
			}
			if (ids.length > BATCH_LIMIT) return error(400, 'INVALID_REQUEST', `A batch request holds at most ${BATCH_LIMIT} records; this one has ${ids.length}.`);
			return { tasks: ids.map((id) => this.runOne(method, recordType, { id })) };
		}
		const read = this.jsonBody(body, headers, COLLECTION_CONTENT_TYPE);
		if ('answer' in read) return read.answer;
		const parsed = read.json;
		const items = (parsed as { items?: unknown }).items;
		if (!Array.isArray(items) || items.length === 0 || items.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
			return error(400, 'INVALID_CONTENT', 'A batch body is {"items": [ … ]} with one object per record.');
		}
		if (items.length > BATCH_LIMIT) return error(400, 'INVALID_REQUEST', `A batch request holds at most ${BATCH_LIMIT} records; this one has ${items.length}.`);
		for (const [index, item] of (items as Array<Record<string, unknown>>).entries()) {
			if (method === 'PATCH' && item.id === undefined && item.externalId === undefined) {
				return error(400, 'INVALID_REQUEST', `Item ${index} has neither id nor externalId: an update must name its record.`, { 'o:errorPath': `items[${index}]` });
			}
			if (method === 'PUT' && (item.id !== undefined || item.externalId === undefined)) {
				return error(400, 'INVALID_REQUEST', `Item ${index}: PUT requests only support external ID for the upsert operation.`, { 'o:errorPath': `items[${index}]` });
			}
		}
		return { tasks: (items as Array<Record<string, unknown>>).map((item) => this.runOne(method, recordType, item)) };
	}

	private jsonBody(
		body: string,
		headers: Record<string, string | string[] | undefined>,
		contentType: string,
	): { json: Record<string, unknown> } | { answer: RestAnswer } {
		const sent = (headerValue(headers, 'content-type') ?? '').toLowerCase().replace(/\s+/g, '');
		if (!sent.startsWith(contentType.toLowerCase().replace(/\s+/g, ''))) {
			return { answer: error(400, 'INVALID_CONTENT', `Content-Type must be "${contentType}" for this request; it was "${sent}".`, { 'o:errorHeader': 'Content-Type' }) };
		}
		try {
			const value: unknown = JSON.parse(body);
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return { answer: error(400, 'INVALID_CONTENT', 'The body must be a JSON object.') };
			return { json: value as Record<string, unknown> };
		} catch {
			return { answer: error(400, 'INVALID_CONTENT', 'The body is not valid JSON.') };
		}
	}

	private readJob(jobId: string, taskId: string | undefined, result: boolean, tasksPath: boolean): RestAnswer {
		const job = this.jobs.get(jobId);
		if (!job) return error(404, 'NONEXISTENT_ID', `The async job ${jobId} does not exist.`);
		const jobUrl = this.jobLocation(job.id);
		const completed = job.checks >= job.script.pendingChecks;
		if (!tasksPath) {
			this.counters.jobChecks[jobId] = (this.counters.jobChecks[jobId] ?? 0) + 1;
			const done = completed;
			job.checks += 1;
			return {
				status: 200,
				body: JSON.stringify({
					links: [{ rel: 'self', href: jobUrl }],
					completed: done,
					id: job.id,
					progress: done ? job.script.progress : 'pending',
					task: { links: [{ rel: 'self', href: `${jobUrl}/task` }] },
				}),
			};
		}
		if (taskId === undefined) {
			this.counters.taskListReads[jobId] = (this.counters.taskListReads[jobId] ?? 0) + 1;
			const items = job.tasks.map((_, index) => ({ links: [{ rel: 'self', href: `${jobUrl}/task/${index + 1}` }] }));
			return { status: 200, body: JSON.stringify({ count: items.length, items, links: [{ rel: 'self', href: `${jobUrl}/task` }] }) };
		}
		const index = Number(taskId) - 1;
		const task = Number.isInteger(index) ? job.tasks[index] : undefined;
		if (!task) return error(404, 'NONEXISTENT_ID', `The task ${taskId} of async job ${jobId} does not exist.`);
		const counterKey = `${jobId}/${taskId}`;
		if (!result) {
			this.counters.taskStatusReads[counterKey] = (this.counters.taskStatusReads[counterKey] ?? 0) + 1;
			const taskUrl = `${jobUrl}/task/${taskId}`;
			return {
				status: 200,
				body: JSON.stringify({
					links: [
						{ rel: 'related', href: `${taskUrl}/result` },
						{ rel: 'self', href: taskUrl },
					],
					completed,
					id: taskId,
					// A task "succeeded" even when its operation failed; the result says what happened.
					progress: completed ? 'succeeded' : 'pending',
				}),
			};
		}
		this.counters.taskResultReads[counterKey] = (this.counters.taskResultReads[counterKey] ?? 0) + 1;
		if (!completed) return error(400, 'INVALID_REQUEST', `The task ${taskId} of async job ${jobId} has not completed.`);
		return {
			status: task.status,
			body: task.body === undefined ? '' : JSON.stringify(task.body),
			headers: task.location ? { Location: task.location } : undefined,
		};
	}
}
