/**
 * NetSuite account IDs: a company number or TSTDRV id, optionally followed by an environment
 * suffix (`_SB1`, `_RP`). The passport wants the upper-case form; the host name wants lower case
 * with `-` because `_` is not valid in a DNS label.
 */
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)?$/;
const API_VERSION_PATTERN = /^\d{4}_\d$/;

export const DEFAULT_API_VERSION = '2025_2';

export function isValidAccountId(accountId: string): boolean {
	return ACCOUNT_ID_PATTERN.test(accountId.trim());
}

export function isValidApiVersion(apiVersion: string): boolean {
	return API_VERSION_PATTERN.test(apiVersion.trim());
}

/** `1234567-sb1` in a copied host name means the same account as `1234567_SB1`. */
export function passportAccountId(accountId: string): string {
	return accountId.trim().toUpperCase().replace(/-/g, '_');
}

export function accountHostLabel(accountId: string): string {
	return accountId.trim().toLowerCase().replace(/_/g, '-');
}

export function derivedEndpointUrl(accountId: string, apiVersion: string): string {
	return `https://${accountHostLabel(accountId)}.suitetalk.api.netsuite.com/services/NetSuitePort_${apiVersion.trim()}`;
}

const ENDPOINT_URL_VERSION = /\/NetSuitePort_(\d{4}_\d)(?:[/?#]|$)/;

/** The version a SuiteTalk endpoint URL names (`…/NetSuitePort_2024_2`), if it names one (a proxy may not). */
export function versionOfEndpointUrl(url: string): string | undefined {
	return ENDPOINT_URL_VERSION.exec(url.trim())?.[1];
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
