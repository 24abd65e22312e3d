import { InvalidCredentialError, requireValidAccountId } from './credentialError';

/** The five values of a NetSuite TBA credential: they sign SOAP passports and REST OAuth 1.0a headers alike. */
export interface TbaSecrets {
	accountId: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
}

/** A credential field as text, trimmed; absent is ''. */
export function credentialField(data: Record<string, unknown>, name: string): string {
	const value = data[name];
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

/** Validates without ever echoing a secret: messages name the field, not its value. */
export function readTbaSecrets(data: Record<string, unknown>): TbaSecrets {
	const secrets: TbaSecrets = {
		accountId: credentialField(data, 'accountId'),
		consumerKey: credentialField(data, 'consumerKey'),
		consumerSecret: credentialField(data, 'consumerSecret'),
		tokenId: credentialField(data, 'tokenId'),
		tokenSecret: credentialField(data, 'tokenSecret'),
	};
	const missing = (['accountId', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret'] as const).filter(
		(name) => secrets[name] === '',
	);
	if (missing.length) {
		throw new InvalidCredentialError(`The NetSuite TBA API credential is missing: ${missing.join(', ')}`);
	}
	requireValidAccountId(secrets.accountId);
	return secrets;
}
