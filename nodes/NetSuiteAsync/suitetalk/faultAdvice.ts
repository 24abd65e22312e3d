import { describeClockSkew, PASSPORT_TIMESTAMP_TOLERANCE_MINUTES } from './clockSkew';
import { INVALID_JOB_CODES, INVALID_LOGIN_CODES, type SuiteTalkFault } from './faults';

export interface Advice {
	message: string;
	description: string;
}

export const LOGIN_AUDIT_TRAIL_HINT =
	'NetSuite shows the real reason only to an administrator: Setup > Users/Roles > User Management > View Login Audit Trail, with the "Detail" column added (InvalidSignature, InvalidTimestamp, NonceUsed, token_rejected, …).';

const PERMISSION_CODES = ['INSUFFICIENT_PERMISSION', 'INVALID_ROLE', 'WS_PERMISSION_REQD'];

function withReference(description: string, fault: SuiteTalkFault): string {
	const reference = fault.nsId ? ` NetSuite request reference (nsId) for support: ${fault.nsId}.` : '';
	return `${description}${reference}`;
}

/** What happened and what to do, per fault: the person reads this at night, not the WSDL. */
export function faultAdvice(fault: SuiteTalkFault, jobId?: string): Advice {
	const job = jobId === undefined ? 'the job' : `job "${jobId}"`;
	const nsMessage = `NetSuite: ${fault.message} (${fault.code})`;
	if (INVALID_LOGIN_CODES.includes(fault.code)) {
		const skew = describeClockSkew(fault.clockSkewMs);
		if (skew) {
			return {
				message: `NetSuite refused the token passport: Invalid login attempt. This machine's clock is ${skew.amount} ${skew.direction} NetSuite's (clock skew; NetSuite allows ±${PASSPORT_TIMESTAMP_TOLERANCE_MINUTES} minutes).`,
				description: withReference(
					`The Date header of NetSuite's answer and this machine's clock are ${skew.amount} apart. Every token passport carries a timestamp that NetSuite refuses when it is more than ${PASSPORT_TIMESTAMP_TOLERANCE_MINUTES} minutes off (the Login Audit Trail shows InvalidTimestamp). Set this machine's clock right and keep it synchronised (NTP); for n8n in Docker, fix the host's clock. ${LOGIN_AUDIT_TRAIL_HINT}`,
					fault,
				),
			};
		}
		return {
			message: 'NetSuite refused the token passport: Invalid login attempt.',
			description: withReference(
				`Check the credential's Account ID, consumer key/secret and token ID/secret; that the token is not revoked (a sandbox refresh wipes tokens); that its role has "Log in using Access Tokens" and "SOAP Web Services"; and that this machine's clock is correct (NetSuite allows ±5 minutes). ${LOGIN_AUDIT_TRAIL_HINT}`,
				fault,
			),
		};
	}
	if (INVALID_JOB_CODES.includes(fault.code)) {
		return {
			message: `NetSuite does not know ${job} (${fault.code})`,
			description: withReference(
				`${nsMessage}. Job ids come from the step that submitted the job (asyncAddList, asyncUpsertList, …) and only work in the same account (production and sandbox differ). NetSuite purges jobs 30 days after submission, and refuses a job once getAsyncResult has been called 20 times for it.`,
				fault,
			),
		};
	}
	switch (fault.code) {
		case 'WS_REQUEST_BLOCKED':
		case 'WS_CONCUR_SESSION_DISALLWD':
			return {
				message: `NetSuite's concurrency limit stayed exceeded (${fault.code})`,
				description: withReference(
					`${nsMessage}. Every request, including each status check, uses one of the account's concurrency slots, shared with all other SOAP, REST and RESTlet integrations. Lower "Items Processed at Once", raise "Max Retries", or run this workflow when other integrations are quiet.`,
					fault,
				),
			};
		case 'ACCT_TEMP_UNAVAILABLE':
			return {
				message: 'NetSuite is temporarily unavailable (ACCT_TEMP_UNAVAILABLE)',
				description: withReference(
					`${nsMessage}. This usually means a maintenance window or an upgrade; retry later. The job itself keeps running on NetSuite's side.`,
					fault,
				),
			};
		case 'JOB_NOT_COMPLETE':
			return {
				message: `${job[0].toUpperCase()}${job.slice(1)} has not finished yet (JOB_NOT_COMPLETE)`,
				description: withReference(
					`${nsMessage}. Results exist only once the job is finished, finishedWithErrors or failed. Put a Check Async Status with "Poll Until Done" before this step, or use its "Fetch Results When Done" option. This call still counted toward the job's 20 getAsyncResult calls.`,
					fault,
				),
			};
		case 'INVALID_PAGE_INDEX':
			return {
				message: `${job[0].toUpperCase()}${job.slice(1)} has no such result page (INVALID_PAGE_INDEX)`,
				description: withReference(
					`${nsMessage}. Pages are numbered from 1 to the totalPages of the first page. Choose "All Pages", or a page index within that range.`,
					fault,
				),
			};
		case 'INVALID_WS_VERSION':
			return {
				message: `${job[0].toUpperCase()}${job.slice(1)} was submitted through another SuiteTalk version (INVALID_WS_VERSION)`,
				description: withReference(
					`${nsMessage}. A job must be read through the same endpoint version that submitted it. Set the credential's API Version (or Endpoint URL) to the version of the submitting request, e.g. 2025_2 for NetSuitePort_2025_2.`,
					fault,
				),
			};
	}
	if (fault.code === 'FEATURE_DISABLED') {
		return {
			message: 'A NetSuite feature this needs is not enabled in the account (FEATURE_DISABLED)',
			description: withReference(
				`${nsMessage}. An administrator enables features under Setup > Company > Enable Features (SOAP Web Services and Token-Based Authentication are on the SuiteCloud tab). The token's role cannot change this.`,
				fault,
			),
		};
	}
	if (PERMISSION_CODES.includes(fault.code)) {
		return {
			message: `The token's role is not allowed to do this (${fault.code})`,
			description: withReference(
				`${nsMessage}. Give the role used by the access token the permission NetSuite names, or use a token of a role that has it.`,
				fault,
			),
		};
	}
	if (fault.faultElement === 'invalidCredentialsFault') {
		return {
			message: `NetSuite could not check the credentials: ${fault.message} (${fault.code})`,
			description: withReference(
				`NetSuite reported this while checking the token passport. If it repeats, ${LOGIN_AUDIT_TRAIL_HINT}`,
				fault,
			),
		};
	}
	return {
		message: `NetSuite returned a fault: ${fault.message} (${fault.code})`,
		description: withReference(
			`SOAP fault${fault.faultElement ? ` ${fault.faultElement}` : ''} with code ${fault.code}. Look the code up in NetSuite's SOAP web services error codes.`,
			fault,
		),
	};
}
