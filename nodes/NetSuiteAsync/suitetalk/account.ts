import { accountHostLabel } from '../shared/accountId';

// Re-exported so SOAP callers keep one import; REST code imports ../shared directly.
export { accountHostLabel, isHttpUrl, isValidAccountId, signingAccountId as passportAccountId } from '../shared/accountId';

const API_VERSION_PATTERN = /^\d{4}_\d$/;

export const DEFAULT_API_VERSION = '2025_2';

export function isValidApiVersion(apiVersion: string): boolean {
	return API_VERSION_PATTERN.test(apiVersion.trim());
}

export function derivedEndpointUrl(accountId: string, apiVersion: string): string {
	return `https://${accountHostLabel(accountId)}.suitetalk.api.netsuite.com/services/NetSuitePort_${apiVersion.trim()}`;
}

const ENDPOINT_URL_VERSION = /\/NetSuitePort_(\d{4}_\d)(?:[/?#]|$)/;

/** The version a SuiteTalk endpoint URL names (`…/NetSuitePort_2024_2`), if it names one (a proxy may not). */
export function versionOfEndpointUrl(url: string): string | undefined {
	return ENDPOINT_URL_VERSION.exec(url.trim())?.[1];
}
