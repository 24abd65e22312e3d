import type { FaultKind } from './types';
import { el, textEl, type XmlNode } from './xml-writer';

/** A SOAP fault as data; `detail` undefined means the detail holds only Axis's hostname. */
export interface SoapFault {
	httpStatus: number;
	faultcode: string;
	faultstring: string;
	detail?: { element: string; code: string; message: string };
}

/** The Axis node name NetSuite appends to every fault detail (samples 09, 14). */
export const AXIS_HOSTNAME = 'simulator-java001.suitetalk.invalid';

const USER_EXCEPTION = 'soapenv:Server.userException';

export const INVALID_LOGIN_MESSAGE = 'Invalid login attempt.';
export const CONCURRENCY_MESSAGE = 'SuiteTalk concurrent request limit exceeded. Request blocked.';
export const INVALID_JOB_MESSAGE = 'You have specified an invalid Job Id';

export function userFault(element: string, code: string, message: string, httpStatus = 500): SoapFault {
	return { httpStatus, faultcode: USER_EXCEPTION, faultstring: message, detail: { element, code, message } };
}

export function invalidLoginFault(): SoapFault {
	return userFault('invalidCredentialsFault', 'INVALID_LOGIN_ATTEMPT', INVALID_LOGIN_MESSAGE);
}

/** Oracle documents the text, not the code; the simulator keeps the invalid-login code so clients classify it alike. */
export function ambiguousAuthenticationFault(): SoapFault {
	return userFault('invalidCredentialsFault', 'INVALID_LOGIN_ATTEMPT', 'Ambiguous authentication');
}

export function asyncFault(code: string, message: string): SoapFault {
	return userFault('asyncFault', code, message);
}

export function concurrencyFault(httpStatus = 500): SoapFault {
	return userFault('exceededConcurrentRequestLimitFault', 'WS_REQUEST_BLOCKED', CONCURRENCY_MESSAGE, httpStatus);
}

/** What Axis answers for a request it cannot deserialize or dispatch: no NetSuite detail at all. */
export function axisFault(faultcode: 'soapenv:Client' | 'soapenv:Server.userException', faultstring: string): SoapFault {
	return { httpStatus: 500, faultcode, faultstring };
}

/** The SOAP-level faults `injectFaults` can deliver (transport-level kinds are handled by the server). */
export function injectedFault(kind: FaultKind): SoapFault | undefined {
	switch (kind) {
		case 'WS_REQUEST_BLOCKED':
			return concurrencyFault();
		case 'FAULT_AS_200':
			return concurrencyFault(200);
		case 'WS_CONCUR_SESSION_DISALLWD':
			return userFault(
				'exceededRequestLimitFault',
				'WS_CONCUR_SESSION_DISALLWD',
				'Only one request may be made against a session at a time',
			);
		case 'ACCT_TEMP_UNAVAILABLE':
			return userFault(
				'invalidCredentialsFault',
				'ACCT_TEMP_UNAVAILABLE',
				'The account you are trying to access is currently unavailable while we undergo our regularly scheduled maintenance.',
			);
		case 'INVALID_JOB_ID':
			return asyncFault('INVALID_JOB_ID', INVALID_JOB_MESSAGE);
		case 'INVALID_JOBID':
			return asyncFault('INVALID_JOBID', INVALID_JOB_MESSAGE);
		case 'UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS':
			return userFault('invalidCredentialsFault', 'UNEXPECTED_ERROR', 'An unexpected error occurred.');
		case 'INSUFFICIENT_PERMISSION':
			return userFault(
				'insufficientPermissionFault',
				'INSUFFICIENT_PERMISSION',
				"Permission Violation: You need a higher level of the 'Web Services' permission to access this page.",
			);
		case 'FAULTSTRING_ONLY':
			return axisFault(USER_EXCEPTION, 'An unexpected error occurred. Error ID: simulator0faultstring0only');
		case 'UNKNOWN_CODE':
			return userFault('unexpectedErrorFault', 'SOME_NEW_CODE', 'A fault code no client has seen before.');
		default:
			return undefined;
	}
}

export function faultNode(fault: SoapFault): XmlNode {
	const hostname = textEl('axis', 'hostname', AXIS_HOSTNAME);
	const detail = fault.detail
		? [
				el('faults', fault.detail.element, {
					children: [textEl('faults', 'code', fault.detail.code), textEl('faults', 'message', fault.detail.message)],
				}),
				hostname,
			]
		: [hostname];
	return el('soapenv', 'Fault', {
		children: [
			textEl(null, 'faultcode', fault.faultcode),
			textEl(null, 'faultstring', fault.faultstring),
			el(null, 'detail', { children: detail }),
		],
	});
}

/** The kinds that hit before the passport is even read, as a load balancer or network would. */
export const PRE_PASSPORT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['RESET', 'HANG', 'HTML_503']);

/**
 * Faults NetSuite raises before it processes a request, so a getAsyncResult answered with one of them
 * is not counted against the job's 20 calls. Every other injected fault on a getAsyncResult that
 * passed the passport check is counted: NetSuite ran the call and the answer was lost or broken on the way.
 */
export const UNCHARGED_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
	'HTML_503',
	'WS_REQUEST_BLOCKED',
	'FAULT_AS_200',
	'WS_CONCUR_SESSION_DISALLWD',
	'ACCT_TEMP_UNAVAILABLE',
	'UNEXPECTED_ERROR_IN_INVALID_CREDENTIALS',
]);

export const BAD_GATEWAY_PAGE =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1></body></html>\n';

export const MAINTENANCE_PAGE =
	'<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>\n' +
	'<body><h1>Service Temporarily Unavailable</h1>\n' +
	'<p>NetSuite is undergoing scheduled maintenance. Please try again later.</p></body></html>\n';

/** Looks like a response until the tags stop matching. */
export function malformedXml(version: string): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
		`<soapenv:Body><checkAsyncStatusResponse xmlns="urn:messages_${version}.platform.webservices.netsuite.com">` +
		'<asyncStatusResult><status>finished</asyncStatus></checkAsyncStatusResponse></soapenv:Envelope>'
	);
}

/** A real response cut inside a start tag, so no parser can mistake it for a whole document. */
export function truncate(xml: string): string {
	const cut = Math.floor(xml.length / 2);
	const tagStart = xml.indexOf('<', cut);
	return xml.slice(0, tagStart === -1 ? cut : tagStart + 4);
}
