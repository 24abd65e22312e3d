import { isTerminalStatus } from './statuses';
import { child, childText, soapBody, type XmlElement } from './xml';

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

/** Reads `asyncStatusResult` from a checkAsyncStatus response (or from any async submit's response). */
export function readAsyncStatus(document: XmlElement): AsyncStatus {
	const body = soapBody(document);
	const response = body && Object.values(body).find((value) => child(value, 'asyncStatusResult'));
	const result = child(response, 'asyncStatusResult');
	if (!result) {
		throw new UnexpectedResponseError('NetSuite answered without an asyncStatusResult element');
	}
	const jobId = childText(result, 'jobId')?.trim();
	const status = childText(result, 'status')?.trim();
	if (!jobId) throw new UnexpectedResponseError("NetSuite's asyncStatusResult has no jobId");
	if (!status) throw new UnexpectedResponseError("NetSuite's asyncStatusResult has no status");
	return {
		jobId,
		status,
		percentCompleted: readDecimal(childText(result, 'percentCompleted'), 'percentCompleted'),
		estRemainingDuration: readDecimal(childText(result, 'estRemainingDuration'), 'estRemainingDuration'),
		isDone: isTerminalStatus(status),
	};
}
