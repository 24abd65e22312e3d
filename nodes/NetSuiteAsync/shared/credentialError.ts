import { isValidAccountId } from './accountId';

/** A credential that cannot sign: found before any request, its message names the field and how to fix it. */
export class InvalidCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidCredentialError';
	}
}

/** Both credentials ask for the account ID in the same words. */
export function requireValidAccountId(accountId: string): void {
	if (!isValidAccountId(accountId)) {
		throw new InvalidCredentialError(
			`The Account ID "${accountId}" is not in NetSuite's format. Copy it from Setup > Company > Company Information (e.g. 1234567 or 1234567_SB1).`,
		);
	}
}
