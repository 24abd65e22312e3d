import { restErrorOf, type RestErrorDetail } from './restErrors';

/** A REST job's status in the fields Check Async Status outputs for SOAP jobs, plus REST's own. */
export interface RestJobStatus {
	jobId: string;
	/** SOAP's vocabulary: pending, processing, finished, failed (REST has no finishedWithErrors at job level). */
	status: string;
	percentCompleted: number;
	estRemainingDuration: number;
	isDone: boolean;
	/** REST's own `progress` text, as NetSuite sent it. */
	progress: string;
	completed: boolean;
}

export class UnexpectedRestAnswerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnexpectedRestAnswerError';
	}
}

/**
 * `completed` decides whether the job is done (notes §1.5); `progress` is informational. A completed
 * job that "succeeded" may still hold failed items: only the task results tell (Get Async Result).
 */
export function readRestJobStatus(body: unknown, askedJobId: string): RestJobStatus {
	const job = body as { id?: unknown; completed?: unknown; progress?: unknown } | undefined;
	if (typeof job?.completed !== 'boolean' || typeof job.progress !== 'string') {
		throw new UnexpectedRestAnswerError(`NetSuite's answer about REST job "${askedJobId}" has no completed/progress fields`);
	}
	const jobId = job.id === undefined ? askedJobId : String(job.id);
	if (jobId !== askedJobId) {
		throw new UnexpectedRestAnswerError(`NetSuite answered about job "${jobId.slice(0, 80)}" when asked about job "${askedJobId}"`);
	}
	const progress = job.progress;
	let status: string;
	if (job.completed) status = progress === 'failed' ? 'failed' : 'finished';
	else status = progress === 'processing' ? 'processing' : 'pending';
	return {
		jobId,
		status,
		percentCompleted: job.completed ? 100 : 0,
		estRemainingDuration: 0,
		isDone: job.completed,
		progress,
		completed: job.completed,
	};
}

/** Task IDs from a task collection, taken from each item's self link (NetSuite sends no id there, notes §1.4). */
export function readTaskIds(body: unknown, jobId: string): string[] {
	const items = (body as { items?: unknown } | undefined)?.items;
	if (!Array.isArray(items)) throw new UnexpectedRestAnswerError(`NetSuite's task list of REST job "${jobId}" has no items`);
	return items.map((item: { id?: unknown; links?: Array<{ rel?: unknown; href?: unknown }> }, index) => {
		if (item?.id !== undefined) return String(item.id);
		const self = item?.links?.find((link) => link.rel === 'self')?.href;
		const match = typeof self === 'string' ? /\/task\/([^/?#]+)\/?$/.exec(self) : null;
		if (!match) throw new UnexpectedRestAnswerError(`Task ${index + 1} of REST job "${jobId}" has no self link naming its ID`);
		return decodeURIComponent(match[1]);
	});
}

export interface TaskState {
	completed: boolean;
	progress: string;
}

export function readTaskState(body: unknown, jobId: string, taskId: string): TaskState {
	const task = body as { completed?: unknown; progress?: unknown } | undefined;
	if (typeof task?.completed !== 'boolean') {
		throw new UnexpectedRestAnswerError(`NetSuite's status of task "${taskId}" of REST job "${jobId}" has no completed field`);
	}
	return { completed: task.completed, progress: typeof task.progress === 'string' ? task.progress : '' };
}

export interface TaskResult {
	isSuccess: boolean;
	recordId?: string;
	location?: string;
	record?: Record<string, unknown>;
	errors: RestErrorDetail[];
}

/**
 * The per-item truth (a task "succeeds" even when its operation failed): a 2xx result is the record
 * (async GET) or empty with the written record's URL in Location; an error status carries o:errorDetails.
 */
export function readTaskResult(status: number, location: string | undefined, body: unknown): TaskResult {
	if (status < 200 || status >= 300) {
		const errors = restErrorOf(body);
		return { isSuccess: false, errors: errors.length > 0 ? errors : [{ code: `HTTP_${status}`, detail: `NetSuite answered HTTP ${status}` }] };
	}
	const recordId = location ? /\/([^/?#]+)\/?$/.exec(location)?.[1] : undefined;
	const isRecord = typeof body === 'object' && body !== null && !Array.isArray(body);
	const record = isRecord ? (body as Record<string, unknown>) : undefined;
	return {
		isSuccess: true,
		...(recordId ? { recordId: decodeURIComponent(recordId) } : record?.id !== undefined ? { recordId: String(record.id) } : {}),
		...(location ? { location } : {}),
		...(record ? { record } : {}),
		errors: [],
	};
}
