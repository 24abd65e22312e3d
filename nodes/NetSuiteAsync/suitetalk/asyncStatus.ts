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

function readDecimal(value: string | undefined, field: string): number {
	const trimmed = value?.trim() ?? '';
	const number = Number(trimmed);
	if (trimmed === '' || !Number.isFinite(number)) {
		throw new UnexpectedResponseError(
			`NetSuite's asyncStatusResult has ${value === undefined ? 'no' : `a non-numeric (${JSON.stringify(value.slice(0, 40))})`} ${field}`,
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
		percentCompleted: readDecimal(singleText(result, 'percentCompleted'), 'percentCompleted'),
		estRemainingDuration: readDecimal(singleText(result, 'estRemainingDuration'), 'estRemainingDuration'),
		isDone: isTerminalStatus(status),
	};
}
