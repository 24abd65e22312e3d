import { isTerminalStatus } from './statuses';
import { child, children, soapBody, text, type XmlElement } from './xml';

export interface AsyncStatus {
	jobId: string;
	status: string;
	percentCompleted: number;
	estRemainingDuration: number;
	isDone: boolean;
}

export class UnexpectedResponseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnexpectedResponseError';
	}
}

/**
 * A missing or empty progress field reads as 0: PROTOCOL asks to tolerate both readings of shapes
 * nobody has verified, and refusing it would make a finished job's status unreadable. A value
 * that is there but not a number is refused: that is not a shape, it is garbage.
 */
function readProgress(value: string | undefined, field: string): number {
	const trimmed = value?.trim() ?? '';
	if (trimmed === '') return 0;
	const number = Number(trimmed);
	if (!Number.isFinite(number)) {
		throw new UnexpectedResponseError(
			`NetSuite's asyncStatusResult has a non-numeric (${JSON.stringify((value ?? '').slice(0, 40))}) ${field}`,
		);
	}
	return number;
}

/**
 * The field's text; a field repeated with different values is ambiguous (which status, which job?)
 * and refused rather than read as its first value. Identical repeats are harmless.
 */
function singleText(result: XmlElement, field: string): string | undefined {
	const values = children(result, field).map((element) => text(element));
	const distinct = [...new Set(values.map((value) => value?.trim()))];
	if (distinct.length > 1) {
		throw new UnexpectedResponseError(
			`NetSuite's asyncStatusResult has ${distinct.length} different ${field} values (${distinct
				.slice(0, 3)
				.map((value) => JSON.stringify((value ?? '').slice(0, 80)))
				.join(', ')})`,
		);
	}
	return values[0];
}

/** Reads `asyncStatusResult` from a checkAsyncStatus response (or from any async submit's response). */
export function readAsyncStatus(document: XmlElement): AsyncStatus {
	const body = soapBody(document);
	const response = body && Object.values(body).find((value) => child(value, 'asyncStatusResult'));
	const result = child(response, 'asyncStatusResult');
	if (!result) {
		throw new UnexpectedResponseError('NetSuite answered without an asyncStatusResult element');
	}
	const jobId = singleText(result, 'jobId')?.trim();
	const status = singleText(result, 'status')?.trim();
	if (!jobId) throw new UnexpectedResponseError("NetSuite's asyncStatusResult has no jobId");
	if (!status) throw new UnexpectedResponseError("NetSuite's asyncStatusResult has no status");
	return {
		jobId,
		status,
		percentCompleted: readProgress(singleText(result, 'percentCompleted'), 'percentCompleted'),
		estRemainingDuration: readProgress(singleText(result, 'estRemainingDuration'), 'estRemainingDuration'),
		isDone: isTerminalStatus(status),
	};
}
