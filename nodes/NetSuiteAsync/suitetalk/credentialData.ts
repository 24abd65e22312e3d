import {
	DEFAULT_API_VERSION,
	derivedEndpointUrl,
	isHttpUrl,
	isValidAccountId,
	isValidApiVersion,
	versionOfEndpointUrl,
} from './account';
import type { TbaSecrets } from './passport';

/** The credential's fields as the node and `authenticate` read them. */
export interface NetSuiteTbaCredentialData extends TbaSecrets {
	apiVersion: string;
	endpointUrl?: string;
}

export class InvalidCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidCredentialError';
	}
}

function field(data: Record<string, unknown>, name: string): string {
	const value = data[name];
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

/** Validates without ever echoing a secret: messages name the field, not its value. */
export function readCredentialData(data: Record<string, unknown>): NetSuiteTbaCredentialData {
	const credential: NetSuiteTbaCredentialData = {
		accountId: field(data, 'accountId'),
		consumerKey: field(data, 'consumerKey'),
		consumerSecret: field(data, 'consumerSecret'),
		tokenId: field(data, 'tokenId'),
		tokenSecret: field(data, 'tokenSecret'),
		apiVersion: field(data, 'apiVersion') || DEFAULT_API_VERSION,
		endpointUrl: field(data, 'endpointUrl') || undefined,
	};
	const missing = (['accountId', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret'] as const).filter(
		(name) => credential[name] === '',
	);
	if (missing.length) {
		throw new InvalidCredentialError(`The NetSuite TBA API credential is missing: ${missing.join(', ')}`);
	}
	if (!isValidAccountId(credential.accountId)) {
		throw new InvalidCredentialError(
			`The Account ID "${credential.accountId}" is not in NetSuite's format. Copy it from Setup > Company > Company Information (e.g. 1234567 or 1234567_SB1).`,
		);
	}
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
