/**
 * Every status check and every retry takes one of the account's concurrency slots, which all of
 * its SOAP, REST and RESTlet integrations share: a poll or retry wait below a second would let one
 * item crowd out everything else on the account (review R6).
 */
export const MIN_WAIT_SECONDS = 1;

let minimumWaitSeconds = MIN_WAIT_SECONDS;

/** The shortest poll interval and first retry wait the node accepts. */
export function minWaitSeconds(): number {
	return minimumWaitSeconds;
}

/**
 * For the package's own test suite and demo only, which run the same schedules in milliseconds
 * against the simulator. Not reachable from a workflow: no parameter, credential or setting reads it.
 */
export function overrideMinWaitSecondsForTests(seconds: number = MIN_WAIT_SECONDS): void {
	minimumWaitSeconds = seconds;
}
