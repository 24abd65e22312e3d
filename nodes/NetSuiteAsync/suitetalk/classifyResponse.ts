import { readFault, type SuiteTalkFault } from './faults';
import { parseXml, readNsId, soapBody, XmlParseError, type XmlElement, type XmlParseErrorKind } from './xml';

/** A failure below SOAP: nothing NetSuite said, so reads are safe to repeat unless noted. */
export interface TransportProblem {
	code: 'HTML_RESPONSE' | 'EMPTY_RESPONSE' | 'MALFORMED_XML' | 'NOT_SOAP' | 'HTTP_ERROR' | 'DOCTYPE_REFUSED' | 'XML_REFUSED';
	message: string;
	retryable: boolean;
	httpStatus: number;
}

export type SoapOutcome =
	| { kind: 'ok'; document: XmlElement; nsId?: string; httpStatus: number }
	| { kind: 'fault'; fault: SuiteTalkFault }
	| { kind: 'transport'; problem: TransportProblem };

const PARSE_ERROR_CODES: Record<XmlParseErrorKind, TransportProblem['code']> = {
	doctype: 'DOCTYPE_REFUSED',
	'not-well-formed': 'MALFORMED_XML',
	'refused-by-parser': 'XML_REFUSED',
};

const HTML_START = /^\s*(?:<!DOCTYPE\s+html|<html[\s>])/i;

function isRetryableHttpStatus(httpStatus: number): boolean {
	return httpStatus === 408 || httpStatus === 429 || httpStatus >= 500;
}

/** A 4xx other than 408/429 comes from whatever answered instead of SuiteTalk (a wrong Endpoint URL, a proxy): it will not heal. */
function isFinalClientError(httpStatus: number): boolean {
	return httpStatus >= 400 && httpStatus < 500 && !isRetryableHttpStatus(httpStatus);
}

/** Never decides on the status code alone: NetSuite sends faults as HTTP 500 and sometimes as 200. */
export function classifyResponse(httpStatus: number, body: string): SoapOutcome {
	if (body.trim() === '') {
		return {
			kind: 'transport',
			problem: {
				code: 'EMPTY_RESPONSE',
				message: `NetSuite answered HTTP ${httpStatus} with an empty body`,
				retryable: true,
				httpStatus,
			},
		};
	}
	if (HTML_START.test(body)) {
		return {
			kind: 'transport',
			problem: {
				code: 'HTML_RESPONSE',
				message: `NetSuite answered HTTP ${httpStatus} with an HTML page instead of SOAP XML (maintenance, an outage or a proxy in between)`,
				retryable: !isFinalClientError(httpStatus),
				httpStatus,
			},
		};
	}
	let document: XmlElement;
	try {
		document = parseXml(body);
	} catch (error) {
		// parseXml wraps what the parser throws; anything else is still the parser refusing this body.
		const kind: XmlParseErrorKind = error instanceof XmlParseError ? error.kind : 'refused-by-parser';
		if (kind === 'not-well-formed' && isFinalClientError(httpStatus)) {
			return {
				kind: 'transport',
				problem: {
					code: 'HTTP_ERROR',
					message: `NetSuite answered HTTP ${httpStatus} with a body that is not SOAP XML: ${(error as XmlParseError).bodyExcerpt}`,
					retryable: false,
					httpStatus,
				},
			};
		}
		// Only a body that is not well-formed may be a cut-off answer; the parser refuses a
		// complete document (DOCTYPE, nesting, reserved names) the same way every time.
		const code = PARSE_ERROR_CODES[kind];
		return {
			kind: 'transport',
			problem: { code, message: `${(error as Error).message} (HTTP ${httpStatus})`, retryable: code === 'MALFORMED_XML', httpStatus },
		};
	}
	const fault = readFault(document, httpStatus);
	if (fault) return { kind: 'fault', fault };
	if (!soapBody(document)) {
		return {
			kind: 'transport',
			problem: {
				code: 'NOT_SOAP',
				message: `NetSuite answered HTTP ${httpStatus} with XML that is not a SOAP envelope`,
				retryable: isRetryableHttpStatus(httpStatus),
				httpStatus,
			},
		};
	}
	if (httpStatus >= 400) {
		return {
			kind: 'transport',
			problem: {
				code: 'HTTP_ERROR',
				message: `NetSuite answered HTTP ${httpStatus} without a SOAP fault`,
				retryable: isRetryableHttpStatus(httpStatus),
				httpStatus,
			},
		};
	}
	return { kind: 'ok', document, nsId: readNsId(document), httpStatus };
}
