import { sleep } from 'n8n-workflow';

/**
 * A Node.js readable stream (the HTTP response body), typed from @types/node's globals: n8n's
 * community-package scanner refuses any import of 'stream', even a type-only one.
 */
type Readable = NodeJS.ReadableStream & { destroy(error?: Error): void };

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

/** The body did not finish in the time the request had left (a stalled or trickling answer). */
export class ResponseTimeoutError extends Error {
	constructor(readonly timeoutMs: number) {
		super('The response body did not finish in time');
		this.name = 'ResponseTimeoutError';
	}
}

function isReadable(body: unknown): body is Readable {
	return typeof body === 'object' && body !== null && typeof (body as Readable).on === 'function';
}

/**
 * Reads at most `limitBytes` and then drops the connection, so a runaway answer costs at most the
 * limit in memory, never its own size. With `timeoutMs`, a body that has not ended by then (one
 * that stalls or trickles after the headers) is dropped too: the HTTP client's timeout ends at the headers.
 */
export async function readBodyText(body: unknown, limitBytes: number, signal?: AbortSignal, timeoutMs?: number): Promise<string> {
	let buffer: Buffer;
	if (Buffer.isBuffer(body)) buffer = body;
	else if (typeof body === 'string') buffer = Buffer.from(body, 'utf8');
	else if (body === undefined || body === null) buffer = Buffer.alloc(0);
	else if (isReadable(body)) buffer = await collect(body, limitBytes, signal, timeoutMs);
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

async function collect(stream: Readable, limitBytes: number, signal?: AbortSignal, timeoutMs?: number): Promise<Buffer> {
	// Ends the deadline's sleep once the body is settled, so no timer outlives the read.
	const deadline = new AbortController();
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let received = 0;
		const onAbort = () => {
			deadline.abort();
			stream.destroy();
			reject(signal?.reason instanceof Error ? signal.reason : new Error('The execution was cancelled'));
		};
		if (signal?.aborted) return onAbort();
		signal?.addEventListener('abort', onAbort, { once: true });
		const settle = (action: () => void) => {
			signal?.removeEventListener('abort', onAbort);
			deadline.abort();
			action();
		};
		if (timeoutMs !== undefined) {
			sleep(Math.max(0, timeoutMs), deadline.signal).then(
				() => {
					stream.destroy();
					settle(() => reject(new ResponseTimeoutError(timeoutMs)));
				},
				() => undefined,
			);
		}
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
