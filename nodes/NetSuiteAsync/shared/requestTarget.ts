/**
 * The part of n8n's request options that credential signing reads and writes (kept structural: no
 * n8n import). n8n's HTTP Request node sends the legacy `uri`; this package's node and the
 * credential test send `url`.
 */
export interface HttpRequestTarget {
	url?: string;
	uri?: string;
	baseURL?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** The key a header is stored under, whatever its case. */
export function headerName(headers: Record<string, unknown>, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * n8n resolves the target as `url ?? uri` (backend-network resolveLegacyRequestTarget), so a
 * request keeps the key it came with: writing `url` into a `uri` request would override the URL
 * the person typed.
 */
export function urlKeyOf(request: HttpRequestTarget): 'url' | 'uri' {
	return request.url === undefined && request.uri !== undefined ? 'uri' : 'url';
}
