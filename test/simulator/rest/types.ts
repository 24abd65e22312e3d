/** The public shapes of the simulator's REST authentication (TBA OAuth 1.0a and OAuth 2.0 M2M). */

/** One certificate uploaded in an OAuth 2.0 Client Credentials (M2M) mapping. */
export interface SimulatorCertificate {
	/** What NetSuite generates on upload; the client puts it in the JWT header's `kid`. */
	certificateId: string;
	/** PEM of the public key (or of anything `crypto.createPublicKey` reads, a private key included). */
	publicKeyPem: string;
}

export interface SimulatorM2mCredentials {
	/** The integration record's Client ID: the JWT's `iss`. */
	clientId: string;
	certificates: SimulatorCertificate[];
	/** Scopes ticked on the integration record; an assertion asking for another is refused (`ScopeMismatched`). */
	allowedScopes: RestScope[];
}

export type RestScope = 'rest_webservices' | 'restlets' | 'suite_analytics';

/**
 * Login Audit Trail "Detail" values for REST ([O:subsect_156935170194], [O:subsect_158324637123]),
 * plus `MissingAuthorization` (no or an unknown scheme) and `InvalidAccessToken`/`AccessTokenExpired`
 * for bearer tokens, whose reasons Oracle does not list.
 */
export type RestAuthFailureReason =
	| 'MissingAuthorization'
	| 'ParameterRejected'
	| 'InvalidAccount'
	| 'UnknownConsumerKey'
	| 'UnknownToken'
	| 'InvalidNonce'
	| 'NonceUsed'
	| 'InvalidTimestamp'
	| 'UnknownAlgorithm'
	| 'VersionRejected'
	| 'InvalidSignature'
	| 'InvalidAccessToken'
	| 'AccessTokenExpired'
	| 'ScopeMismatched'
	// Token endpoint (client assertion)
	| 'UnsupportedGrantType'
	| 'InvalidRequest'
	| 'MalformedAssertion'
	| 'UnsupportedAlgo'
	| 'MissingKeyId'
	| 'MissingKey'
	| 'SignatureValidation'
	| 'InvalidIssuer'
	| 'InvalidAudience'
	| 'TokenValidityTooBroad'
	| 'AssertionExpired'
	| 'AssertionNotYetValid';

/** What `requireAuth` needs of a request: an `http.IncomingMessage` fits. */
export interface RestAuthRequest {
	method?: string;
	/** Path and query as received (`/services/rest/record/v1/customer?limit=5`). */
	url?: string;
	headers: Record<string, string | string[] | undefined>;
	/** The body as read; a form-encoded one is part of the OAuth 1.0a signature (omit it and such a request fails). */
	body?: string;
}

export interface RestAuthGranted {
	ok: true;
	/** The account the request is for, upper case with `_` (`1234567_SB1`). */
	account: string;
	scheme: 'tba' | 'oauth2';
	/** OAuth 2.0 only: the scopes the access token carries. */
	scopes?: RestScope[];
}

/** A refusal, ready to send: NetSuite's opaque answer; the reason only in the audit trail. */
export interface RestAuthRefused {
	ok: false;
	status: number;
	contentType: string;
	body: string;
	reason: RestAuthFailureReason;
}

export type RestAuthResult = RestAuthGranted | RestAuthRefused;

export interface IssuedAccessToken {
	scopes: RestScope[];
	/** On the simulated clock. */
	expiresAtMs: number;
}

/** `simulator.rest`: REST authentication for the REST endpoints and for tests. */
export interface SimulatorRest {
	readonly m2m: SimulatorM2mCredentials;
	/** `${url}/services/rest/auth/oauth2/v1/token`: the `aud` an assertion must name. */
	tokenUrl(): string;
	/** Checks the request's `Authorization` (OAuth 1.0a TBA or a Bearer token); a refusal is counted in `counters.authFailures`. */
	requireAuth(request: RestAuthRequest): RestAuthResult;
	/** A bearer token alone: its scopes, or why NetSuite would refuse it on `path` (requireAuth uses it for `Bearer`). */
	verifyBearer(token: string, path: string): { scopes: RestScope[] } | { reason: RestAuthFailureReason };
	/** Seconds NetSuite reports in `expires_in` and honours; default 3600. */
	setAccessTokenLifetimeSeconds(seconds: number): void;
	/** Every access token issued so far is expired from now on (tests of the 401 → new token → retry path). */
	expireAccessTokens(): void;
	addCertificate(certificate: SimulatorCertificate): void;
	setAllowedScopes(scopes: RestScope[]): void;
	/** Tokens issued by the token endpoint, in order (to assert caching: one per N requests). */
	readonly issuedTokens: number;
}
