export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 30000;

/**
 * Exponential backoff with "equal jitter": never less than half the step, so retries of many
 * items spread out instead of hitting NetSuite's concurrency limit again together.
 */
export function backoffDelayMs(retryNumber: number, random: () => number, baseMs = BACKOFF_BASE_MS): number {
	const step = Math.min(BACKOFF_CAP_MS, baseMs * 2 ** Math.max(0, retryNumber - 1));
	return Math.round(step / 2 + random() * (step / 2));
}
