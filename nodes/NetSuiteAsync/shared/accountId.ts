/**
 * NetSuite account IDs: a company number or TSTDRV id, optionally followed by an environment
 * suffix (`_SB1`, `_RP`). Signatures (SOAP passport account, REST OAuth realm) want the upper-case
 * form with `_`; the host name wants lower case with `-` because `_` is not valid in a DNS label.
 * Shared by SOAP and REST, so it lives in neither protocol's folder.
 */
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)?$/;

export function isValidAccountId(accountId: string): boolean {
	return ACCOUNT_ID_PATTERN.test(accountId.trim());
}

/** `1234567-sb1` in a copied host name means the same account as `1234567_SB1`. */
export function signingAccountId(accountId: string): string {
	return accountId.trim().toUpperCase().replace(/-/g, '_');
}

export function accountHostLabel(accountId: string): string {
	return accountId.trim().toLowerCase().replace(/_/g, '-');
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
