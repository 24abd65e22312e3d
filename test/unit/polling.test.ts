import { estimatedRemainingMs, keptReadings, nextPoll, type PollObservation, type PollSettings } from '../../nodes/NetSuiteAsync/polling';
import { backoffDelayMs } from '../../nodes/NetSuiteAsync/transport/backoff';

const settings: PollSettings = { intervalMs: 5000, timeoutMs: 600000, maxIntervalMs: 30000, adaptive: true };
const observation = (atMs: number, status = 'pending', percentCompleted = 0, estRemainingDuration = 0): PollObservation => ({
	atMs,
	status,
	percentCompleted,
	estRemainingDuration,
});

describe('poll schedule', () => {
	it('is done on each terminal status', () => {
		for (const status of ['finished', 'finishedWithErrors', 'failed']) {
			expect(nextPoll(settings, 0, [observation(0, status)], 0)).toEqual({ action: 'done' });
		}
	});

	it('grows 5 s → 7.5 s → 11.25 s … up to the 30 s cap when NetSuite gives no estimate', () => {
		const history: PollObservation[] = [];
		const delays: number[] = [];
		for (let poll = 0; poll < 7; poll++) {
			history.push(observation(0));
			delays.push((nextPoll(settings, 0, history, 0) as { delayMs: number }).delayMs);
		}
		expect(delays).toEqual([5000, 7500, 11250, 16875, 25312.5, 30000, 30000]);
	});

	it('keeps the interval fixed when adaptive is off', () => {
		const fixed = { ...settings, adaptive: false };
		expect(nextPoll(fixed, 0, [observation(0), observation(1), observation(2), observation(3)], 3)).toEqual({ action: 'wait', delayMs: 5000 });
	});

	it('follows estRemainingDuration when it carries one, within the interval and four caps', () => {
		expect(nextPoll(settings, 0, [observation(0, 'processing', 50, 42)], 0)).toEqual({ action: 'wait', delayMs: 42000 });
		expect(nextPoll(settings, 0, [observation(0, 'processing', 90, 1)], 0)).toEqual({ action: 'wait', delayMs: 5000 });
		expect(nextPoll(settings, 0, [observation(0, 'processing', 5, 3600)], 0)).toEqual({ action: 'wait', delayMs: 120000 });
	});

	it('extrapolates from percentCompleted when estRemainingDuration is 0.0', () => {
		const history = [observation(0, 'processing', 10), observation(10000, 'processing', 30)];
		expect(estimatedRemainingMs(history)).toBe(35000);
		// The pending reading at 0 % is not a progress baseline.
		expect(estimatedRemainingMs([observation(0, 'pending', 0), observation(10000, 'processing', 30)])).toBeUndefined();
		expect(nextPoll(settings, 0, history, 10000)).toEqual({ action: 'wait', delayMs: 35000 });
	});

	it('ignores progress that did not move', () => {
		expect(estimatedRemainingMs([observation(0, 'processing', 30), observation(10000, 'processing', 30)])).toBeUndefined();
	});

	it('never sleeps past the deadline, and times out once it has passed', () => {
		const short = { ...settings, timeoutMs: 12000 };
		expect(nextPoll(short, 0, [observation(0), observation(5000), observation(10000)], 10000)).toEqual({ action: 'wait', delayMs: 2000 });
		expect(nextPoll(short, 0, [observation(12000)], 12000)).toEqual({ action: 'timeout' });
	});

	it('treats unknown statuses as still running', () => {
		expect(nextPoll(settings, 0, [observation(0, 'retry')], 0)).toEqual({ action: 'wait', delayMs: 5000 });
	});
});

describe('retry backoff', () => {
	it('doubles from the base with equal jitter, capped at 30 s', () => {
		expect([1, 2, 3, 4].map((retry) => backoffDelayMs(retry, () => 0, 1000))).toEqual([500, 1000, 2000, 4000]);
		expect([1, 2, 3, 4].map((retry) => backoffDelayMs(retry, () => 1, 1000))).toEqual([1000, 2000, 4000, 8000]);
		expect(backoffDelayMs(10, () => 1, 1000)).toBe(30000);
	});
});

describe('keptReadings (the schedule a Still Running item carries)', () => {
	it('keeps the latest and, below it, each reading a later rate could start from', () => {
		const history = [
			observation(0, 'pending', 0),
			observation(5000, 'processing', 10),
			observation(10000, 'processing', 30),
			observation(15000, 'processing', 20),
			observation(20000, 'processing', 30),
			observation(25000, 'processing', 0),
		];
		expect(keptReadings(history).map((entry) => entry.atMs)).toEqual([5000, 15000, 20000, 25000]);
	});

	it('gives every decision nextPoll gives with the whole history', () => {
		const percents = [0, 0, 5, 5, 12, 12, 12, 20, 35, 35, 50, 49, 70, 90];
		const full: PollObservation[] = [];
		let kept: PollObservation[] = [];
		for (const [index, percent] of percents.entries()) {
			const reading = observation(index * 7000, 'processing', percent);
			full.push(reading);
			kept = keptReadings([...kept, reading]);
			expect(nextPoll(settings, 0, kept, reading.atMs, full.length)).toEqual(nextPoll(settings, 0, full, reading.atMs));
		}
		expect(kept.length).toBeLessThan(full.length);
	});
});
