import type { SoapFault } from './faults';
import type {
	JobOptions,
	JobScript,
	RecordFailureRule,
	RecordStoreView,
	SubmitOperation,
	SubmittedJob,
} from './types';

export const SUBMIT_OPERATIONS: readonly SubmitOperation[] = [
	'asyncAddList',
	'asyncUpdateList',
	'asyncUpsertList',
	'asyncDeleteList',
	'asyncGetList',
	'asyncInitializeList',
	'asyncSearch',
];

export function isSubmitOperation(operation: string): operation is SubmitOperation {
	return (SUBMIT_OPERATIONS as readonly string[]).includes(operation);
}

export type SubmitOutcome = { fault: SoapFault } | { job: JobOptions; submitted: Omit<SubmittedJob, 'jobId'> };

export class SubmitService {
	readonly jobs = { get: (jobId: string): SubmittedJob | undefined => this.submittedJobs.get(jobId) };
	readonly records: RecordStoreView = undefined as unknown as RecordStoreView;
	private readonly submittedJobs = new Map<string, SubmittedJob>();

	constructor(private readonly options: { validateXsd: boolean; jobScript?: JobScript }) {}

	async submit(operation: SubmitOperation, rawBody: string, apiVersion: string): Promise<SubmitOutcome> {
		throw new Error(`not yet: ${operation} ${rawBody.length} ${apiVersion} ${String(this.options.validateXsd)}`);
	}

	recordJob(jobId: string, submitted: Omit<SubmittedJob, 'jobId'>): void {
		this.submittedJobs.set(jobId, { jobId, ...submitted });
	}

	scriptFailure(rule: RecordFailureRule): void {
		void rule;
	}

	clearFailures(): void {}
}
