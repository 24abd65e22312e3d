/**
 * A REST async job named by its ID or by the `Location` header of the 202 that created it, relative
 * (`/services/rest/async/v1/job/123`) or absolute; Oracle's pages show both [notes §1.2].
 */
const JOB_PATH = /^(?:https?:\/\/[^/]+)?\/services\/rest\/async\/v1\/job\/([^/?#\s]+)\/?(?:[?#].*)?$/i;
const BARE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SOAP_JOB_ID = /^ASYNC[A-Z]*_/i;

export type RestJobReference = { jobId: string } | { problem: string; fix: string };

export function readRestJobReference(value: unknown): RestJobReference {
	const given = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (given === '') {
		return { problem: 'Job ID is empty', fix: 'Map the jobId (or the location) that the submitting step returned, e.g. {{ $json.jobId }}.' };
	}
	if (SOAP_JOB_ID.test(given)) {
		return {
			problem: `"${given.slice(0, 80)}" is a SOAP job ID: a SOAP job cannot be read through SuiteTalk REST`,
			fix: 'Set API to "SuiteTalk SOAP" for jobs submitted through SOAP; only jobs submitted through REST have REST job IDs.',
		};
	}
	const fromUrl = JOB_PATH.exec(given);
	if (fromUrl) return { jobId: decodeURIComponent(fromUrl[1]) };
	if (BARE_ID.test(given)) return { jobId: given };
	return {
		problem: `"${given.slice(0, 80)}" is neither a REST job ID nor a job URL`,
		fix: 'Give the job ID (e.g. 1234) or the Location header of the submission (…/services/rest/async/v1/job/1234).',
	};
}

/** The path of a job, relative to the account's REST origin. */
export function jobPath(jobId: string): string {
	return `/services/rest/async/v1/job/${encodeURIComponent(jobId)}`;
}
