/**
 * A getAsyncResult that failed part-way through a job's pages: the failure itself plus where the
 * read stood, because the person needs both to go on (which pages to read later with "One Page",
 * how many of the job's 20 calls this run spent).
 */
export class ResultReadInterruptedError extends Error {
	constructor(
		readonly failure: Error,
		readonly pageIndex: number,
		readonly pagesRead: number[],
		readonly resultCallsUsed: number,
		readonly budget: number,
	) {
		super(failure.message);
		this.name = 'ResultReadInterruptedError';
	}

	/** One sentence for the error description. */
	progress(): string {
		const pages = this.pagesRead.length ? `pages ${this.pagesRead.join(', ')} were read` : 'no page was read';
		return `Reading page ${this.pageIndex} failed; ${pages}; this run sent ${this.resultCallsUsed} of the job's ${this.budget} getAsyncResult calls.`;
	}
}
