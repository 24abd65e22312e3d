/**
 * NetSuite's REST error bodies: RFC 7807-like with `o:errorDetails` for REST web services
 * [O:section_156570709583], `{error:{code,message}}` for RESTlets.
 */

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const STATUS_TYPES: Record<number, { type: string; title: string }> = {
	400: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1', title: 'Bad Request' },
	401: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2', title: 'Unauthorized' },
	403: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.4', title: 'Forbidden' },
	404: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5', title: 'Not Found' },
	405: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.6', title: 'Method Not Allowed' },
	409: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.10', title: 'Conflict' },
	429: { type: 'https://tools.ietf.org/html/rfc6585#section-4', title: 'Too Many Requests' },
	500: { type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1', title: 'Internal Server Error' },
};

export interface RestErrorDetail {
	detail: string;
	'o:errorCode': string;
	'o:errorPath'?: string;
	'o:errorQueryParam'?: string;
	'o:errorHeader'?: string;
}

/** The JSON text of a REST web services error; `title` defaults to the status's reason phrase. */
export function restErrorBody(status: number, details: RestErrorDetail[], title?: string): string {
	const known = STATUS_TYPES[status] ?? { type: 'about:blank', title: 'Error' };
	return JSON.stringify({ type: known.type, title: title ?? known.title, status, 'o:errorDetails': details });
}

export const INVALID_LOGIN_DETAIL =
	'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

export function invalidLoginRestBody(): string {
	return restErrorBody(401, [{ detail: INVALID_LOGIN_DETAIL, 'o:errorCode': 'INVALID_LOGIN' }]);
}

export function invalidLoginRestletBody(): string {
	return JSON.stringify({ error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } });
}

/** OAuth 2.0 token endpoint errors (RFC 6749 §5.2): `{"error":"invalid_grant"}`, no description. */
export function tokenErrorBody(error: string): string {
	return JSON.stringify({ error });
}
