import { child, childText, isElement, readNsId, soapBody, type XmlElement } from './xml';

/** A SOAP fault as data: the node decides what to do with it; the retry decision reads `code`. */
export interface SuiteTalkFault {
	code: string;
	message: string;
	/** Local name of the element in `detail` (e.g. `invalidCredentialsFault`); may disagree with `code`. */
	faultElement?: string;
	faultCode?: string;
	nsId?: string;
	httpStatus: number;
	retryable: boolean;
	/** NetSuite's clock minus this machine's, from the answer's HTTP Date header (set by the transport). */
	clockSkewMs?: number;
	/** The offset the refused passport's timestamp was already corrected by (the clock-skew retry). */
	clockCorrectedMs?: number;
}

/** Codes that clear by themselves: concurrency slots free up, maintenance ends. */
const RETRYABLE_CODES = new Set(['WS_REQUEST_BLOCKED', 'WS_CONCUR_SESSION_DISALLWD', 'ACCT_TEMP_UNAVAILABLE']);
/** Elements whose faults are retryable even when NetSuite puts an unexpected code in them. */
const RETRYABLE_ELEMENTS = new Set(['exceededConcurrentRequestLimitFault']);

export const INVALID_LOGIN_CODES: readonly string[] = ['INVALID_LOGIN_ATTEMPT', 'INVALID_LOGIN_CREDENTIALS', 'INVALID_LOGIN'];
export const INVALID_JOB_CODES: readonly string[] = ['INVALID_JOB_ID', 'INVALID_JOBID'];

/** Server text shown to the person is capped: a status answer alone may be 1 MB. */
export const FAULT_MESSAGE_LIMIT = 1000;

export function capServerText(value: string): string {
	return value.length > FAULT_MESSAGE_LIMIT ? `${value.slice(0, FAULT_MESSAGE_LIMIT)}… (${value.length} characters)` : value;
}

export function isRetryableFault(code: string, faultElement?: string): boolean {
	return RETRYABLE_CODES.has(code) || (faultElement !== undefined && RETRYABLE_ELEMENTS.has(faultElement));
}

/**
 * NetSuite sends an unparseable job (`detail` with only Axis's hostname) as well as faults whose
 * element and code disagree; the code is an open string and `faultstring` is the last resort.
 */
export function readFault(document: XmlElement, httpStatus: number): SuiteTalkFault | undefined {
	const fault = child(soapBody(document), 'Fault');
	if (!fault) return undefined;
	const faultString = childText(fault, 'faultstring')?.trim() ?? '';
	const faultCode = childText(fault, 'faultcode')?.trim() || undefined;
	const detail = child(fault, 'detail');
	let faultElement: string | undefined;
	let detailCode: string | undefined;
	let detailMessage: string | undefined;
	if (detail) {
		for (const [name, value] of Object.entries(detail)) {
			const candidate = Array.isArray(value) ? value[0] : value;
			if (name === 'hostname' || !isElement(candidate)) continue;
			faultElement = name;
			detailCode = childText(candidate, 'code')?.trim() || undefined;
			detailMessage = childText(candidate, 'message')?.trim() || undefined;
			break;
		}
	}
	const code = capServerText(detailCode ?? faultCode?.replace(/^.*:/, '') ?? 'UNKNOWN_FAULT');
	return {
		code,
		message: capServerText(detailMessage ?? (faultString || 'NetSuite returned a SOAP fault without a message')),
		faultElement,
		faultCode,
		nsId: readNsId(document),
		httpStatus,
		retryable: isRetryableFault(code, faultElement),
	};
}
