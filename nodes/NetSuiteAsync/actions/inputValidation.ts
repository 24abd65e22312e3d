import { readAsyncStatus } from '../suitetalk/asyncStatus';
import { parseXml } from '../suitetalk/xml';

/** A problem with what the person configured or fed in, found before any request is sent. */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * Other code units XML 1.0 cannot carry: U+FFFE, U+FFFF and unpaired surrogates. Sent as they are,
 * the first two make the request unparseable and a lone surrogate turns into U+FFFD on the wire,
 * so NetSuite would be asked about another job.
 */
const NON_XML_CHARACTERS = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NetSuite's job ids are ~60 characters; anything near this is a wrong expression, not an id. */
export const MAX_JOB_ID_LENGTH = 512;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return value.trim() === '' ? 'empty' : `"${value.slice(0, 60)}"`;
	return `${typeof value} ${String(value)}`;
}

/**
 * A submission's whole SOAP answer (an HTTP Request node's `data`) also names its job: reading it
 * with the package's parser spares people the regex they would otherwise write.
 */
function jobIdFromSubmissionResponse(xml: string, fix: string): string {
	let jobId: string | undefined;
	try {
		jobId = readAsyncStatus(parseXml(xml)).jobId;
	} catch {
		jobId = undefined;
	}
	if (!jobId) {
		throw new InvalidInputError(
			'The Job ID is XML, but not an async submission response with an asyncStatusResult/jobId',
			fix,
		);
	}
	return jobId;
}

export function readJobId(value: unknown): string {
	const fix =
		'Set "Job ID" to the jobId returned by the step that submitted the job, e.g. {{ $json.jobId }}, or to the submission\'s whole SOAP response (e.g. {{ $json.data }} after an HTTP Request node).';
	// A numeric id from an expression is still an id; anything else is a mapping mistake.
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new InvalidInputError(`The Job ID is ${value === undefined ? 'missing' : describe(value)}`, fix);
	}
	const trimmed = text.trim();
	const jobId = trimmed.startsWith('<') && /Envelope/.test(trimmed) ? jobIdFromSubmissionResponse(trimmed, fix) : trimmed;
	if (jobId.length > MAX_JOB_ID_LENGTH) {
		throw new InvalidInputError(`The Job ID is ${jobId.length} characters long, more than a NetSuite job id can be`, fix);
	}
	if (CONTROL_CHARACTERS.test(jobId)) {
		throw new InvalidInputError('The Job ID contains control characters, which XML cannot carry', fix);
	}
	const nonXml = NON_XML_CHARACTERS.exec(jobId)?.[0];
	if (nonXml !== undefined) {
		const codePoint = nonXml.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new InvalidInputError(`The Job ID contains U+${codePoint}, which XML cannot carry`, fix);
	}
	return jobId;
}

export function readSeconds(value: unknown, label: string, options: { min: number; allowZero?: boolean }): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const valid =
		typeof number === 'number' &&
		Number.isFinite(number) &&
		(number > options.min || (options.allowZero === true && number === 0) || number === options.min);
	if (!valid) {
		throw new InvalidInputError(
			`${label} is ${describe(value)}`,
			`Set ${label} to a number of seconds${options.min > 0 ? ` of at least ${options.min}` : ' (0 or more)'}.`,
		);
	}
	return number as number;
}

export function readWholeNumber(value: unknown, label: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InvalidInputError(`${label} is ${describe(value)}`, `Set ${label} to a whole number from ${min} to ${max}.`);
	}
	return number;
}
