import type { SimulatorCredentials } from '../types';
import type { NonceMemory } from '../tba-rules';
import { invalidLoginRestBody, invalidLoginRestletBody, JSON_CONTENT_TYPE, tokenErrorBody } from './errors';
import { OAuth1Verifier } from './oauth1-check';
import { TOKEN_PATH, TokenEndpoint } from './oauth2-token';
import type {
	IssuedAccessToken,
	RestAuthFailureReason,
	RestAuthRequest,
	RestAuthResult,
	RestScope,
	SimulatorCertificate,
	SimulatorM2mCredentials,
	SimulatorRest,
} from './types';

export const RESTLET_PATH = '/app/site/hosting/restlet.nl';
const REST_PREFIX = '/services/rest/';
const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/** Requests the REST side answers: REST web services (token endpoint included) and RESTlets. */
export function isRestPath(path: string): boolean {
	return path.startsWith(REST_PREFIX) || path === RESTLET_PATH;
}

export function isTokenPath(path: string): boolean {
	return path === TOKEN_PATH;
}

function pathOf(target: string | undefined): string {
	return (target ?? '/').split('?')[0];
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export interface TokenResponse {
	status: number;
	contentType: string;
	body: string;
}

export class RestAuth implements SimulatorRest {
	private readonly oauth1: OAuth1Verifier;
	private readonly tokenEndpoint: TokenEndpoint;
	private readonly accessTokens = new Map<string, IssuedAccessToken>();
	private lifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
	private issued = 0;

	constructor(
		private readonly credentials: SimulatorCredentials,
		readonly m2m: SimulatorM2mCredentials,
		private readonly clockMs: () => number,
		private readonly baseUrl: () => string,
		private readonly recordFailure: (reason: RestAuthFailureReason) => void,
		nonces: NonceMemory,
	) {
		this.oauth1 = new OAuth1Verifier(credentials, clockMs, nonces);
		this.tokenEndpoint = new TokenEndpoint(m2m, clockMs);
	}

	get issuedTokens(): number {
		return this.issued;
	}

	tokenUrl(): string {
		return `${this.baseUrl()}${TOKEN_PATH}`;
	}

	requireAuth(request: RestAuthRequest): RestAuthResult {
		const path = pathOf(request.url);
		const authorization = headerText(request.headers.authorization)?.trim() ?? '';
		let reason: RestAuthFailureReason | undefined;
		let scopes: RestScope[] | undefined;
		if (/^OAuth\s/i.test(authorization)) {
			reason = this.oauth1.verify({
				method: request.method ?? 'GET',
				origin: `http://${headerText(request.headers.host) ?? ''}`,
				target: request.url ?? '/',
				authorization,
				formBody: /^application\/x-www-form-urlencoded/i.test(headerText(request.headers['content-type']) ?? '') ? request.body ?? '' : undefined,
			});
		} else if (/^Bearer\s/i.test(authorization)) {
			const verdict = this.verifyBearer(authorization.replace(/^Bearer\s+/i, ''), path);
			if ('reason' in verdict) reason = verdict.reason;
			else scopes = verdict.scopes;
		} else {
			reason = 'MissingAuthorization';
		}
		if (reason === undefined) {
			const account = this.credentials.accountId.toUpperCase();
			return scopes ? { ok: true, account, scheme: 'oauth2', scopes } : { ok: true, account, scheme: 'tba' };
		}
		this.recordFailure(reason);
		return {
			ok: false,
			status: 401,
			contentType: JSON_CONTENT_TYPE,
			body: path === RESTLET_PATH ? invalidLoginRestletBody() : invalidLoginRestBody(),
			reason,
		};
	}

	/** The access token's scopes, or why NetSuite would refuse it on this path. */
	verifyBearer(token: string, path: string): { scopes: RestScope[] } | { reason: RestAuthFailureReason } {
		const issued = this.accessTokens.get(token);
		if (!issued) return { reason: 'InvalidAccessToken' };
		if (issued.expiresAtMs <= this.clockMs()) return { reason: 'AccessTokenExpired' };
		const needed: RestScope = path === RESTLET_PATH ? 'restlets' : 'rest_webservices';
		if (!issued.scopes.includes(needed)) return { reason: 'ScopeMismatched' };
		return { scopes: issued.scopes };
	}

	/** POST /services/rest/auth/oauth2/v1/token with its form body. */
	token(method: string | undefined, formBody: string): TokenResponse {
		if (method !== 'POST') {
			this.recordFailure('InvalidRequest');
			return { status: 405, contentType: JSON_CONTENT_TYPE, body: tokenErrorBody('invalid_request') };
		}
		const outcome = this.tokenEndpoint.exchange(formBody, this.tokenUrl(), this.lifetimeSeconds);
		if (!outcome.ok) {
			this.recordFailure(outcome.reason);
			return { status: 400, contentType: JSON_CONTENT_TYPE, body: tokenErrorBody(outcome.error) };
		}
		const { accessToken, scopes, expiresInSeconds } = outcome.grant;
		this.accessTokens.set(accessToken, { scopes, expiresAtMs: this.clockMs() + expiresInSeconds * 1000 });
		this.issued += 1;
		return {
			status: 200,
			contentType: JSON_CONTENT_TYPE,
			body: JSON.stringify({ access_token: accessToken, expires_in: expiresInSeconds, token_type: 'Bearer' }),
		};
	}

	setAccessTokenLifetimeSeconds(seconds: number): void {
		this.lifetimeSeconds = Math.max(1, Math.floor(seconds));
	}

	expireAccessTokens(): void {
		const now = this.clockMs();
		for (const issued of this.accessTokens.values()) issued.expiresAtMs = Math.min(issued.expiresAtMs, now);
	}

	addCertificate(certificate: SimulatorCertificate): void {
		this.m2m.certificates.push(certificate);
		this.tokenEndpoint.register(certificate);
	}

	setAllowedScopes(scopes: RestScope[]): void {
		this.m2m.allowedScopes = [...scopes];
	}
}
