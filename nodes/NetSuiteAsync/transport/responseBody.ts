import type { Readable } from 'stream';

export class ResponseTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`NetSuite's response is larger than ${Math.round(limitBytes / 1024)} KB, the limit for this request`);
		this.name = 'ResponseTooLargeError';
	}
}

export class InvalidEncodingError extends Error {
	constructor() {
		super("NetSuite's response is not valid UTF-8");
		this.name = 'InvalidEncodingError';
	}
}

function isReadable(body: unknown): body is Readable {
	return typeof body === 'object' && body !== null && typeof (body as Readable).on === 'function';
}

/**
 * Reads at most `limitBytes` and then drops the connection, so a runaway answer costs at most the
 * limit in memory, never its own size.
 */
export async function readBodyText(body: unknown, limitBytes: number, signal?: AbortSignal): Promise<string> {
	let buffer: Buffer;
	if (Buffer.isBuffer(body)) buffer = body;
	else if (typeof body === 'string') buffer = Buffer.from(body, 'utf8');
	else if (body === undefined || body === null) buffer = Buffer.alloc(0);
	else if (isReadable(body)) buffer = await collect(body, limitBytes, signal);
	else throw new InvalidEncodingError();
	if (buffer.length > limitBytes) throw new ResponseTooLargeError(limitBytes);
	const text = decodeUtf8(buffer);
	if (text === undefined) throw new InvalidEncodingError();
	return text;
}

function decodeUtf8(buffer: Buffer): string | undefined {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
	} catch {
		return undefined;
	}
}

async function collect(stream: Readable, limitBytes: number, signal?: AbortSignal): Promise<Buffer> {
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let received = 0;
		const onAbort = () => {
			stream.destroy();
			reject(signal?.reason instanceof Error ? signal.reason : new Error('The execution was cancelled'));
		};
		if (signal?.aborted) return onAbort();
		signal?.addEventListener('abort', onAbort, { once: true });
		const settle = (action: () => void) => {
			signal?.removeEventListener('abort', onAbort);
			action();
		};
		stream.on('data', (chunk: Buffer | string) => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			received += bytes.length;
			if (received > limitBytes) {
				stream.destroy();
				settle(() => reject(new ResponseTooLargeError(limitBytes)));
				return;
			}
			chunks.push(bytes);
		});
		stream.on('end', () => settle(() => resolve(Buffer.concat(chunks, received))));
		stream.on('error', (error) => settle(() => reject(error)));
		stream.on('aborted', () => settle(() => reject(new Error('The connection closed before the response was complete'))));
	});
}
