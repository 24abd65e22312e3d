import { isTerminalStatus } from './suitetalk/statuses';

export interface PollSettings {
	/** First wait, and the shortest wait ever scheduled. */
	intervalMs: number;
	/** Deadline measured from the first status request. */
	timeoutMs: number;
	/** When false, every wait is `intervalMs` (the fixed schedule people hand-build today). */
	adaptive: boolean;
	/** Longest wait the growing schedule reaches without a progress estimate. */
	maxIntervalMs: number;
	/** Each blind wait is this many times the previous one (default GROWTH_FACTOR; the benchmark tries others). */
	growth?: number;
	/** A forecast is trusted as one wait up to this many Max Poll Intervals (default ESTIMATE_HORIZON_FACTOR). */
	horizonFactor?: number;
}

export interface PollObservation {
	atMs: number;
	status: string;
	percentCompleted: number;
	estRemainingDuration: number;
}

export type PollDecision =
	| { action: 'done' }
	| { action: 'timeout' }
	| { action: 'wait'; delayMs: number };

export const GROWTH_FACTOR = 1.5;
/** An estimate further out than this is not trusted as a single wait. */
export const ESTIMATE_HORIZON_FACTOR = 4;

/**
 * NetSuite's estRemainingDuration is usually 0.0 (pending jobs, many job types); when it is
 * not, or when percentCompleted moves, the job's own forecast beats a blind schedule.
 */
export function estimatedRemainingMs(history: readonly PollObservation[]): number | undefined {
	const latest = history[history.length - 1];
	if (!latest) return undefined;
	if (latest.estRemainingDuration > 0) return latest.estRemainingDuration * 1000;
	// A 0 % reading is usually the pending phase, not slow progress: measuring the rate from it
	// makes short jobs look long.
	const earlier = [...history]
		.reverse()
		.find((entry) => entry.percentCompleted > 0 && entry.percentCompleted < latest.percentCompleted);
	if (!earlier || latest.percentCompleted <= 0 || latest.percentCompleted >= 100) return undefined;
	const percentPerMs = (latest.percentCompleted - earlier.percentCompleted) / (latest.atMs - earlier.atMs);
	if (!(percentPerMs > 0) || !Number.isFinite(percentPerMs)) return undefined;
	return (100 - latest.percentCompleted) / percentPerMs;
}

function blindDelayMs(settings: PollSettings, pollsSoFar: number): number {
	if (!settings.adaptive) return settings.intervalMs;
	const grown = settings.intervalMs * (settings.growth ?? GROWTH_FACTOR) ** Math.max(0, pollsSoFar - 1);
	return Math.min(Math.max(settings.maxIntervalMs, settings.intervalMs), grown);
}

/**
 * Decides what follows the latest status. Pure: the poll loop owns the clock and the waiting,
 * so this can be driven on a simulated clock by tests and the benchmark.
 */
export function nextPoll(
	settings: PollSettings,
	startedAtMs: number,
	history: readonly PollObservation[],
	nowMs: number,
	/** Checks so far, when `history` is compacted (keptReadings) or some checks got no answer. */
	polls: number = history.length,
): PollDecision {
	const latest = history[history.length - 1];
	if (latest && isTerminalStatus(latest.status)) return { action: 'done' };
	const remainingMs = startedAtMs + settings.timeoutMs - nowMs;
	if (remainingMs <= 0) return { action: 'timeout' };

	let delayMs = blindDelayMs(settings, polls);
	if (settings.adaptive) {
		const estimateMs = estimatedRemainingMs(history);
		if (estimateMs !== undefined) {
			const horizonMs =
				Math.max(settings.maxIntervalMs, settings.intervalMs) * (settings.horizonFactor ?? ESTIMATE_HORIZON_FACTOR);
			delayMs = Math.min(Math.max(estimateMs, settings.intervalMs), horizonMs);
		}
	}
	// The last request lands exactly on the deadline rather than sleeping past it.
	return { action: 'wait', delayMs: Math.max(0, Math.min(delayMs, remainingMs)) };
}

/** Readings a schedule keeps: enough for every forecast in practice, small enough to travel in an item. */
export const MAX_KEPT_READINGS = 20;

/**
 * The readings that can still matter to `estimatedRemainingMs`: the latest, and for the rate the
 * most recent earlier reading below each later level of progress. A reading with a later one at
 * the same or lower progress is never chosen again, so dropping it changes no decision; so the
 * schedule carried in a "Still Running" item continues exactly as Poll Until Done's would.
 */
export function keptReadings(history: readonly PollObservation[]): PollObservation[] {
	const latest = history[history.length - 1];
	if (!latest) return [];
	const kept = [latest];
	// 0 % readings never serve as a rate's start, so they hide nothing either.
	let lowestLater = latest.percentCompleted > 0 ? latest.percentCompleted : Infinity;
	for (let index = history.length - 2; index >= 0 && kept.length < MAX_KEPT_READINGS; index--) {
		const reading = history[index];
		if (reading.percentCompleted > 0 && reading.percentCompleted < lowestLater) {
			kept.unshift(reading);
			lowestLater = reading.percentCompleted;
		}
	}
	return kept;
}
