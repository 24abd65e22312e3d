import type { IDataObject } from 'n8n-workflow';

import { keptReadings, MAX_KEPT_READINGS, type PollObservation } from '../polling';
import { InvalidInputError } from './inputValidation';

/**
 * Where a job's schedule stands between two passes of a Check → Still Running → Wait → Check loop.
 * It travels in the "Still Running" item (`polls`, `firstCheckedAt`, `pollState`), so the next
 * pass continues the schedule, and its deadline, instead of starting over; nothing is kept in
 * the process, which is what lets the loop survive an n8n restart during a long Wait.
 */
export interface ScheduleState {
	polls: number;
	firstCheckedAtMs: number;
	readings: PollObservation[];
}

const FIX =
	'Connect the "Still Running" output through a Wait node back into this node without changing polls, firstCheckedAt and pollState, or remove pollState from the item to start a new schedule.';

function damaged(what: string): InvalidInputError {
	return new InvalidInputError(`The item's loop state from the previous check is damaged: ${what}`, FIX);
}

function readReading(value: unknown, index: number): PollObservation {
	const entry = (value ?? {}) as Record<string, unknown>;
	const numbers = ['atMs', 'percentCompleted', 'estRemainingDuration'] as const;
	for (const key of numbers) {
		if (typeof entry[key] !== 'number' || !Number.isFinite(entry[key])) throw damaged(`pollState.readings[${index}].${key} is not a number`);
	}
	if (typeof entry.status !== 'string') throw damaged(`pollState.readings[${index}].status is not a string`);
	return {
		atMs: entry.atMs as number,
		status: entry.status,
		percentCompleted: entry.percentCompleted as number,
		estRemainingDuration: entry.estRemainingDuration as number,
	};
}

/**
 * The schedule an incoming item continues, or undefined for a fresh start: an item without
 * pollState, or whose pollState belongs to another job (a different job id fed into the loop).
 */
export function readScheduleState(json: IDataObject, jobId: string): ScheduleState | undefined {
	const pollState = json.pollState as IDataObject | undefined;
	if (pollState === undefined || pollState === null) return undefined;
	if (typeof pollState !== 'object' || Array.isArray(pollState)) throw damaged('pollState is not an object');
	if (pollState.jobId !== jobId) return undefined;
	const polls = json.polls;
	if (typeof polls !== 'number' || !Number.isInteger(polls) || polls < 1) throw damaged(`polls is ${JSON.stringify(polls) ?? 'missing'}`);
	const firstCheckedAtMs = typeof json.firstCheckedAt === 'string' ? Date.parse(json.firstCheckedAt) : Number.NaN;
	if (Number.isNaN(firstCheckedAtMs)) throw damaged(`firstCheckedAt is ${JSON.stringify(json.firstCheckedAt) ?? 'missing'}, not an ISO date`);
	const readings = pollState.readings;
	if (!Array.isArray(readings) || readings.length > MAX_KEPT_READINGS) {
		throw damaged(`pollState.readings is not a list of at most ${MAX_KEPT_READINGS} readings`);
	}
	return { polls, firstCheckedAtMs, readings: readings.map(readReading) };
}

/** The fields a "Still Running" item carries for the next pass. */
export function scheduleStateFields(jobId: string, state: ScheduleState): IDataObject {
	return {
		polls: state.polls,
		firstCheckedAt: new Date(state.firstCheckedAtMs).toISOString(),
		pollState: { jobId, readings: keptReadings(state.readings) as unknown as IDataObject[] },
	};
}
