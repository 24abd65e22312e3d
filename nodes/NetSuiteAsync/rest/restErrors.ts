/** One entry of a REST error body's `o:errorDetails` (RFC 7807-like, [O:section_156570709583]). */
export interface RestErrorDetail {
	code: string;
	detail: string;
	path?: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The details of a REST error body; a body of another shape gives none (the HTTP status then speaks). */
export function restErrorOf(body: unknown): RestErrorDetail[] {
	const details = (body as { 'o:errorDetails'?: unknown } | undefined)?.['o:errorDetails'];
	if (!Array.isArray(details)) {
		const title = text((body as { title?: unknown } | undefined)?.title);
		return title ? [{ code: 'UNKNOWN', detail: title }] : [];
	}
	return details.map((entry: Record<string, unknown>) => ({
		code: text(entry?.['o:errorCode']) ?? 'UNKNOWN',
		detail: text(entry?.detail) ?? '',
		...(text(entry?.['o:errorPath']) ? { path: text(entry['o:errorPath']) } : {}),
	}));
}
