/** NetSuite refuses a passport whose timestamp is more than 5 minutes off; warn a little before that. */
export const CLOCK_SKEW_WARNING_MS = 4 * 60 * 1000;
export const PASSPORT_TIMESTAMP_TOLERANCE_MINUTES = 5;

function headerValue(headers: unknown, name: string): unknown {
	if (typeof headers !== 'object' || headers === null) return undefined;
	const entries = headers as Record<string, unknown>;
	if (name in entries) return entries[name];
	const key = Object.keys(entries).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : entries[key];
}

/**
 * NetSuite's clock minus this machine's, from the HTTP `Date` header of an answer (1-second
 * resolution, so good to about a second); undefined when the header is missing or unreadable.
 */
export function clockSkewMs(headers: unknown, localNowMs: number): number | undefined {
	const value = headerValue(headers, 'date');
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const serverMs = Date.parse(text);
	return Number.isFinite(serverMs) ? serverMs - localNowMs : undefined;
}

/** Large enough that NetSuite's ±5 minutes may be the reason a passport was refused. */
export function isClockSkewed(skewMs: number | undefined): skewMs is number {
	return skewMs !== undefined && Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS;
}

/** The skew in words ("about 6 minutes", "behind") when it is large enough to break passports, else undefined. */
export function describeClockSkew(
	skewMs: number | undefined,
): { amount: string; seconds: number; direction: 'behind' | 'ahead of' } | undefined {
	if (!isClockSkewed(skewMs)) return undefined;
	const minutes = Math.round(Math.abs(skewMs) / 60000);
	// A positive skew means NetSuite's clock is ahead, so this machine's is behind.
	return {
		amount: `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
		seconds: Math.round(Math.abs(skewMs) / 1000),
		direction: skewMs > 0 ? 'behind' : 'ahead of',
	};
}
