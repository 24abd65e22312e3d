import type { KeyObject } from 'crypto';

import { accountHostLabel, isHttpUrl } from '../shared/accountId';
import { InvalidCredentialError, requireValidAccountId } from '../shared/credentialError';
import type { Clock } from '../shared/nonce';
import { credentialField } from '../shared/tbaSecrets';
import { isM2mAlgorithm, keyAlgorithmProblem, keySizeHint, newJwtId, PrivateKeyError, readPrivateKey, signClientAssertion, type M2mAlgorithm } from './jwtAssertion';

/**
 * OAuth 2.0 client credentials (M2M) for NetSuite REST [O:section_162755359851]: a signed client
 * assertion buys a 60-minute access token (no refresh token), which every request carries as
 * `Authorization: Bearer`. n8n keeps the token in the credential's expirable field.
 */

/** The token endpoint's path (a name without "token", which n8n's secret lint would take for a secret). */
export const M2M_ENDPOINT_PATH = '/services/rest/auth/oauth2/v1/token';
export const M2M_SCOPES = ['rest_webservices', 'restlets'] as const;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Under Oracle's ceiling, not at it: its table says exp must be "less than 60 minutes" after iat (its sample uses exactly 60). */
const ASSERTION_LIFETIME_SECONDS = 50 * 60;
/** Renew this long before NetSuite's expiry, so a token is never sent in its last moments. */
const RENEWAL_MARGIN_MS = 60_000;

export interface M2mCredential {
	accountId: string;
	clientId: string;
	certificateId: string;
	privateKey: KeyObject;
	algorithm: M2mAlgorithm;
	scopes: string[];
	/** `https://<account>.suitetalk.api.netsuite.com`, or the Account Domain URL set in the credential. */
	domainUrl: string;
}

function scopesOf(value: unknown): string[] {
	const listed = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? value.split(',') : [];
	return listed.map((scope) => String(scope).trim()).filter((scope) => scope !== '');
}

/** Validates before any request; messages name the field and the fix, never a secret. */
export function readM2mCredential(data: Record<string, unknown>): M2mCredential {
	const accountId = credentialField(data, 'accountId');
	const clientId = credentialField(data, 'clientId');
	const certificateId = credentialField(data, 'certificateId');
	const privateKeyText = credentialField(data, 'privateKey');
	const algorithm = credentialField(data, 'algorithm') || 'PS256';
	const domainUrl = credentialField(data, 'accountDomainUrl').replace(/\/+$/, '');
	const missing = Object.entries({ accountId, clientId, certificateId, privateKey: privateKeyText })
		.filter(([, value]) => value === '')
		.map(([name]) => name);
	if (missing.length) {
		throw new InvalidCredentialError(`The NetSuite OAuth2 M2M API credential is missing: ${missing.join(', ')}`);
	}
	requireValidAccountId(accountId);
	if (!isM2mAlgorithm(algorithm)) {
		throw new InvalidCredentialError(
			`The Algorithm "${algorithm}" is not one NetSuite accepts for client assertions: PS256, PS384, PS512, ES256, ES384 or ES512 (RS256 is no longer accepted).`,
		);
	}
	const scopes = scopesOf(data.scopes);
	const unknown = scopes.filter((scope) => !(M2M_SCOPES as readonly string[]).includes(scope));
	if (scopes.length === 0 || unknown.length) {
		throw new InvalidCredentialError(
			`The Scopes must be rest_webservices, restlets or both${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`,
		);
	}
	if (domainUrl !== '' && !isHttpUrl(domainUrl)) {
		throw new InvalidCredentialError(
			`The Account Domain URL "${domainUrl}" is not an http(s) URL. Leave it empty to use https://<account>.suitetalk.api.netsuite.com.`,
		);
	}
	let privateKey: KeyObject | undefined;
	let keyProblem: string | undefined;
	try {
		privateKey = readPrivateKey(privateKeyText);
	} catch (error) {
		keyProblem = error instanceof PrivateKeyError ? error.message : 'The Private Key could not be read.';
	}
	if (!privateKey) throw new InvalidCredentialError(keyProblem ?? 'The Private Key could not be read.');
	const problem = keyAlgorithmProblem(privateKey, algorithm);
	if (problem) throw new InvalidCredentialError(problem);
	return {
		accountId,
		clientId,
		certificateId,
		privateKey,
		algorithm,
		scopes,
		domainUrl: domainUrl || `https://${accountHostLabel(accountId)}.suitetalk.api.netsuite.com`,
	};
}

export function tokenUrlOf(credential: Pick<M2mCredential, 'domainUrl'>): string {
	return `${credential.domainUrl}${M2M_ENDPOINT_PATH}`;
}

/** The form NetSuite's token endpoint takes; the assertion inside is a secret for its lifetime. */
export function tokenRequestForm(credential: M2mCredential, clock: Clock = Date.now): string {
	const issuedAtSeconds = Math.floor(clock() / 1000);
	const assertion = signClientAssertion(
		{
			algorithm: credential.algorithm,
			certificateId: credential.certificateId,
			clientId: credential.clientId,
			scopes: credential.scopes,
			audience: tokenUrlOf(credential),
			issuedAtSeconds,
			expiresAtSeconds: issuedAtSeconds + ASSERTION_LIFETIME_SECONDS,
			jwtId: newJwtId(),
		},
		credential.privateKey,
	);
	return new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion }).toString();
}

/** A token endpoint answer n8n's httpRequest returned (`returnFullResponse`, `ignoreHttpStatusErrors`). */
export interface TokenHttpResponse {
	statusCode: number;
	body: unknown;
}

export interface AccessToken {
	accessToken: string;
	/** Epoch ms after which the token is renewed before use. */
	renewAtMs: number;
}

/** NetSuite did not issue a token; the message says what NetSuite shows and where the real reason is. */
export class TokenRequestError extends Error {
	constructor(
		message: string,
		readonly httpStatus?: number,
		readonly oauthError?: string,
	) {
		super(message);
		this.name = 'TokenRequestError';
	}
}

const AUDIT_TRAIL_ADVICE =
	'NetSuite gives the reason only in its Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail; add the Detail column): ' +
	'"MissingKey" = the Certificate ID matches no active certificate of an OAuth 2.0 Client Credentials (M2M) mapping (Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup); ' +
	'"InvalidSignature" = the Private Key is not the one of the certificate uploaded there; ' +
	'"ScopeMismatched" = a chosen scope is not enabled on the integration record; ' +
	'"InvalidIssuer" = the Client ID is not the integration record\'s; ' +
	'"EntityOrRoleDisabled", "IntegrationBlocked" or "FeatureDisabled" = the mapping\'s entity or role, the integration, or the OAuth 2.0 feature is inactive. ' +
	'A clock more than a few minutes off also makes the assertion invalid.';

function parsedBody(body: unknown): Record<string, unknown> | undefined {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An access token from the answer, or an error that tells the person what to check. Never repeats the answer's token. */
export function readTokenResponse(
	response: TokenHttpResponse,
	tokenUrl: string,
	clock: Clock = Date.now,
	/** Something about this credential worth naming if NetSuite refuses the assertion. */
	refusalHint?: string,
): AccessToken {
	const body = parsedBody(response.body);
	const status = response.statusCode;
	if (status === 200 && body && typeof body.access_token === 'string' && body.access_token !== '') {
		const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 3600 * 1000;
		const margin = Math.min(RENEWAL_MARGIN_MS, lifetimeMs / 10);
		return { accessToken: body.access_token, renewAtMs: clock() + lifetimeMs - margin };
	}
	const oauthError = typeof body?.error === 'string' ? body.error : undefined;
	if (oauthError === 'invalid_grant' || oauthError === 'invalid_client' || oauthError === 'unauthorized_client') {
		throw new TokenRequestError(
			`NetSuite refused the client assertion (${oauthError}). ${refusalHint ? `${refusalHint} ` : ''}${AUDIT_TRAIL_ADVICE}`,
			status,
			oauthError,
		);
	}
	if (oauthError === 'invalid_scope') {
		throw new TokenRequestError(
			'NetSuite refused the scopes (invalid_scope): enable the chosen scopes (REST Web Services, RESTlets) on the integration record, or choose only the enabled ones.',
			status,
			oauthError,
		);
	}
	if (oauthError) {
		throw new TokenRequestError(
			`NetSuite's token endpoint ${tokenUrl} refused the token request (HTTP ${status}, ${oauthError}). Check the Account ID and Account Domain URL.`,
			status,
			oauthError,
		);
	}
	if (status === 200) {
		throw new TokenRequestError(`NetSuite's token endpoint ${tokenUrl} answered HTTP 200 without an access token. Check the Account Domain URL.`, status);
	}
	throw new TokenRequestError(
		`NetSuite's token endpoint ${tokenUrl} did not issue a token (HTTP ${status}${status >= 500 ? ': NetSuite or a proxy is unavailable; try again later' : ''}). The credential was not checked.`,
		status,
	);
}

/** Thrown by `authenticate` for a token in its last minute: n8n's 401 path renews it before anything is sent. */
export class AccessTokenExpiringError extends Error {
	readonly response = { status: 401 };

	constructor() {
		super('The NetSuite OAuth 2.0 access token has expired; n8n renews it and repeats the request.');
		this.name = 'AccessTokenExpiringError';
	}
}

/**
 * Adds `Authorization: Bearer` with the cached token. A token past its renewal time is not sent:
 * the 401-shaped error makes n8n run preAuthentication again and retry once, with no request spent.
 */
export function withBearerToken<T extends object>(
	credentialFields: Record<string, unknown>,
	request: T,
	clock: Clock = Date.now,
): T & { headers: Record<string, unknown> } {
	const token = credentialField(credentialFields, 'accessToken');
	const renewAt = Number(credentialFields.accessTokenRenewAt);
	if (token === '' || !Number.isFinite(renewAt) || clock() >= renewAt) throw new AccessTokenExpiringError();
	const headers: Record<string, unknown> = {};
	for (const [name, value] of Object.entries((request as { headers?: Record<string, unknown> }).headers ?? {})) {
		if (name.toLowerCase() !== 'authorization') headers[name] = value;
	}
	headers.Authorization = `Bearer ${token}`;
	return { ...request, headers };
}

/** The slice of n8n's `helpers.httpRequest` the token request uses. */
export type TokenHttp = (options: {
	method: 'POST';
	url: string;
	headers: Record<string, string>;
	body: string;
	returnFullResponse: true;
	ignoreHttpStatusErrors: true;
}) => Promise<unknown>;

/**
 * preAuthentication: a new client assertion, one POST to the token endpoint, the token and its
 * renewal time for n8n to store. Transport errors are replaced, not wrapped: they carry the
 * request, and so the assertion.
 */
export async function requestAccessToken(
	send: TokenHttp,
	credentialFields: Record<string, unknown>,
	clock: Clock = Date.now,
): Promise<{ accessToken: string; accessTokenRenewAt: string }> {
	const credential = readM2mCredential(credentialFields);
	const tokenUrl = tokenUrlOf(credential);
	let response: unknown;
	let unreachable: unknown;
	try {
		response = await send({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: tokenRequestForm(credential, clock),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	} catch (error) {
		unreachable = error;
	}
	if (unreachable !== undefined) {
		const { code, cause } = unreachable as { code?: unknown; cause?: { code?: unknown } };
		const errorCode = code ?? cause?.code;
		throw new TokenRequestError(
			`Could not reach NetSuite's token endpoint ${tokenUrl}${typeof errorCode === 'string' ? ` (${errorCode})` : ''}. Check the Account ID, the Account Domain URL and the network. The credential was not checked.`,
		);
	}
	const { statusCode, body } = (response ?? {}) as { statusCode?: number; body?: unknown };
	const token = readTokenResponse({ statusCode: statusCode ?? 0, body }, tokenUrl, clock, keySizeHint(credential.privateKey));
	return { accessToken: token.accessToken, accessTokenRenewAt: String(token.renewAtMs) };
}
