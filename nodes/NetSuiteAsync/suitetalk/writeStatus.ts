import { ATTRIBUTE_PREFIX, attribute, children, childText, isElement, text, type XmlElement, type XmlValue } from './xml';

/** One `statusDetail`: `type` is NetSuite's ERROR | WARN | INFO, kept as sent. */
export interface StatusMessage {
	code: string;
	message: string;
	type?: string;
}

export interface StatusSummary {
	isSuccess: boolean;
	/** Details of type ERROR (and untyped details of an unsuccessful status). */
	errors: StatusMessage[];
	/** Details of type WARN or INFO (and untyped details of a successful status). */
	warnings: StatusMessage[];
	/** A script failed after the record WAS saved (`afterSubmitFailed`, matched case-insensitively). */
	afterSubmitFailed: boolean;
}

/** xsd:boolean: `true`/`false`/`1`/`0` (whitespace and case tolerated); anything else is undefined. */
export function parseXsdBoolean(value: string | undefined): boolean | undefined {
	switch (value?.trim().toLowerCase()) {
		case 'true':
		case '1':
			return true;
		case 'false':
		case '0':
			return false;
		default:
			return undefined;
	}
}

function firstElement(value: XmlValue | undefined): XmlElement | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first === 'string') return {};
	return isElement(first) ? first : undefined;
}

/** The text of a child whose local name matches case-insensitively (sample 17 spells it `aftersubmitFailed`). */
function childTextIgnoringCase(parent: XmlElement, lowerCaseName: string): string | undefined {
	for (const key of Object.keys(parent)) {
		if (key.startsWith(ATTRIBUTE_PREFIX) || key.toLowerCase() !== lowerCaseName) continue;
		const value = parent[key];
		return text(Array.isArray(value) ? value[0] : value);
	}
	return undefined;
}

function isWarningType(type: string): boolean {
	return type === 'WARN' || type === 'WARNING' || type === 'INFO';
}

/**
 * Reads a SuiteTalk `status` element (`isSuccess` attribute + `statusDetail*`). Without an element,
 * or without a usable `isSuccess`, success means "no ERROR detail".
 */
export function readStatus(statusElement: XmlValue | undefined): StatusSummary {
	const status = firstElement(statusElement);
	const errors: StatusMessage[] = [];
	const warnings: StatusMessage[] = [];
	let afterSubmitFailed = false;
	if (!status) return { isSuccess: true, errors, warnings, afterSubmitFailed };

	const declared = parseXsdBoolean(attribute(status, 'isSuccess') ?? attribute(status, 'isSuccess', true));
	for (const detail of children(status, 'statusDetail')) {
		const type = (attribute(detail, 'type') ?? '').trim();
		const code = childText(detail, 'code')?.trim() ?? '';
		const messageText = childText(detail, 'message')?.trim() ?? '';
		const afterSubmitFailedText = childTextIgnoringCase(detail, 'aftersubmitfailed');
		if (parseXsdBoolean(afterSubmitFailedText) === true) afterSubmitFailed = true;
		// Real answers put `<statusDetail><afterSubmitFailed>false</afterSubmitFailed></statusDetail>` on
		// every saved record: a flag, not a message, so it is neither a warning nor an error.
		if (!type && !code && !messageText && afterSubmitFailedText !== undefined) continue;
		const message: StatusMessage = { code, message: messageText };
		if (type) message.type = type;
		const upperType = type.toUpperCase();
		if (upperType === 'ERROR') errors.push(message);
		else if (isWarningType(upperType)) warnings.push(message);
		// An untyped (or never-seen) type follows the status: a failure's details are its errors.
		else if (declared === true) warnings.push(message);
		else errors.push(message);
	}
	return { isSuccess: declared ?? errors.length === 0, errors, warnings, afterSubmitFailed };
}
