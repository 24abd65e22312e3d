/**
 * `retry` (in the XSD since 2018_2) and any value NetSuite adds later are treated as "still
 * running": only these three end a job.
 */
export const TERMINAL_STATUSES: readonly string[] = ['finished', 'finishedWithErrors', 'failed'];

export function isTerminalStatus(status: string): boolean {
	return TERMINAL_STATUSES.includes(status);
}

/** Statuses a person may choose to treat as an item error. */
export const UNSUCCESSFUL_STATUSES: readonly string[] = ['failed', 'finishedWithErrors'];
