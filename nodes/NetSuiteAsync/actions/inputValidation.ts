import { readAsyncStatus } from '../suitetalk/asyncStatus';
import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { readFault } from '../suitetalk/faults';
import { parseXml, type XmlElement } from '../suitetalk/xml';

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

const JOB_ID_FIX =
	'Set "Job ID" to the jobId returned by the step that submitted the job, e.g. {{ $json.jobId }}, or to the submission\'s whole SOAP response (e.g. {{ $json.data }} after an HTTP Request node).';
/** The namespaces a submission's answer is written in name the SuiteTalk version that holds the job. */
const SUBMISSION_NAMESPACE_VERSION = /urn:(?:messages|core)_(\d{4}_\d)\.platform\.webservices\.netsuite\.com/g;
/** NetSuite's fault text can be long (an HTML page in a faultstring); the error needs its gist. */
const MAX_FAULT_TEXT = 300;

interface JobInput {
	jobId: string;
	/** The version of the submission answer the id was read from, when it names exactly one. */
	submissionVersion?: string;
}

function submissionVersion(xml: string): string | undefined {
	const versions = new Set(Array.from(xml.matchAll(SUBMISSION_NAMESPACE_VERSION), (match) => match[1]));
	return versions.size === 1 ? versions.values().next().value : undefined;
}

/**
 * A submission's whole SOAP answer (an HTTP Request node's `data`) also names its job: reading it
 * with the package's parser spares people the regex they would otherwise write.
 */
function fromSubmissionResponse(xml: string): JobInput {
	let document: XmlElement | undefined;
	try {
		document = parseXml(xml);
	} catch {
		document = undefined;
	}
	const fault = document && readFault(document, 0);
	if (fault) {
		throw new InvalidInputError(
			`The Job ID is a SOAP fault, not a job: the submission itself failed: ${fault.message.slice(0, MAX_FAULT_TEXT)} (${fault.code})`,
			'No job was created, so there is nothing to check. Deal with the failed submission before this node (a concurrency or maintenance fault clears by itself: submit again later).',
		);
	}
	let jobId: string | undefined;
	try {
		jobId = document && readAsyncStatus(document).jobId;
	} catch {
		jobId = undefined;
	}
	if (!jobId) {
		throw new InvalidInputError(
			'The Job ID is XML, but not an async submission response with an asyncStatusResult/jobId',
			JOB_ID_FIX,
		);
	}
	return { jobId, submissionVersion: submissionVersion(xml) };
}

function readJobInput(value: unknown): JobInput {
	// A numeric id from an expression is still an id; anything else is a mapping mistake.
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new InvalidInputError(`The Job ID is ${value === undefined ? 'missing' : describe(value)}`, JOB_ID_FIX);
	}
	const trimmed = text.trim();
	const input = trimmed.startsWith('<') && /Envelope/.test(trimmed) ? fromSubmissionResponse(trimmed) : { jobId: trimmed };
	const { jobId } = input;
	if (jobId.length > MAX_JOB_ID_LENGTH) {
		throw new InvalidInputError(`The Job ID is ${jobId.length} characters long, more than a NetSuite job id can be`, JOB_ID_FIX);
	}
	if (CONTROL_CHARACTERS.test(jobId)) {
		throw new InvalidInputError('The Job ID contains control characters, which XML cannot carry', JOB_ID_FIX);
	}
	const nonXml = NON_XML_CHARACTERS.exec(jobId)?.[0];
	if (nonXml !== undefined) {
		const codePoint = nonXml.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new InvalidInputError(`The Job ID contains U+${codePoint}, which XML cannot carry`, JOB_ID_FIX);
	}
	return input;
}

export function readJobId(value: unknown): string {
	return readJobInput(value).jobId;
}

/** A job and the SuiteTalk version to read it through. */
export interface JobReference {
	jobId: string;
	apiVersion: string;
}

/**
 * NetSuite reads a job only through the version that submitted it (else INVALID_WS_VERSION). A
 * submission answer names that version: the node follows it when the credential derives the
 * endpoint, and refuses before any request when the credential's Endpoint URL fixes another one.
 */
export function readJobReference(value: unknown, credential: NetSuiteTbaCredentialData): JobReference {
	const { jobId, submissionVersion: version } = readJobInput(value);
	if (version === undefined || version === credential.apiVersion) return { jobId, apiVersion: credential.apiVersion };
	if (credential.endpointUrl === undefined) return { jobId, apiVersion: version };
	throw new InvalidInputError(
		`The Job ID is a submission answer from SuiteTalk ${version} (urn:messages_${version}), but the credential's API Version is ${credential.apiVersion} with a fixed Endpoint URL; NetSuite reads a job only through the version that submitted it`,
		`Use a credential whose API Version is ${version} and whose Endpoint URL ends in NetSuitePort_${version}, or leave its Endpoint URL empty so that the node reads the job through the submission's version.`,
	);
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
