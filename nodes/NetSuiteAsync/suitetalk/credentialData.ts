import { InvalidCredentialError } from '../shared/credentialError';
import { credentialField, readTbaSecrets, type TbaSecrets } from '../shared/tbaSecrets';
import { DEFAULT_API_VERSION, derivedEndpointUrl, isHttpUrl, isValidApiVersion, versionOfEndpointUrl } from './account';

export { InvalidCredentialError } from '../shared/credentialError';

/** The credential's fields as the node and `authenticate` read them. */
export interface NetSuiteTbaCredentialData extends TbaSecrets {
	apiVersion: string;
	endpointUrl?: string;
}

/** Validates without ever echoing a secret: messages name the field, not its value. */
export function readCredentialData(data: Record<string, unknown>): NetSuiteTbaCredentialData {
	const credential: NetSuiteTbaCredentialData = {
		...readTbaSecrets(data),
		apiVersion: credentialField(data, 'apiVersion') || DEFAULT_API_VERSION,
		endpointUrl: credentialField(data, 'endpointUrl') || undefined,
	};
	if (!isValidApiVersion(credential.apiVersion)) {
		throw new InvalidCredentialError(
			`The API Version "${credential.apiVersion}" is not in NetSuite's format YYYY_N (e.g. 2025_2).`,
		);
	}
	if (credential.endpointUrl !== undefined && !isHttpUrl(credential.endpointUrl)) {
		throw new InvalidCredentialError(
			`The Endpoint URL "${credential.endpointUrl}" is not an http(s) URL. Leave it empty to use the URL derived from the Account ID.`,
		);
	}
	const endpointVersion = credential.endpointUrl === undefined ? undefined : versionOfEndpointUrl(credential.endpointUrl);
	if (endpointVersion !== undefined && endpointVersion !== credential.apiVersion) {
		// The envelope is built with API Version's namespaces and NetSuite refuses namespaces of
		// another version than the endpoint's, with a fault that reads like a broken request.
		throw new InvalidCredentialError(
			`The Endpoint URL is for SuiteTalk ${endpointVersion} (NetSuitePort_${endpointVersion}) but the API Version is ${credential.apiVersion}. Set API Version to ${endpointVersion}, or use an Endpoint URL ending in NetSuitePort_${credential.apiVersion}.`,
		);
	}
	return credential;
}

export function endpointUrlFor(credential: NetSuiteTbaCredentialData, apiVersion = credential.apiVersion): string {
	return credential.endpointUrl ?? derivedEndpointUrl(credential.accountId, apiVersion);
}
