import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface LocalServer {
	/** e.g. 'http://127.0.0.1:40123' (no trailing slash) */
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export type LocalHandler = (
	req: RecordedRequest,
	res: ServerResponse<IncomingMessage>,
) => void | Promise<void>;

/** Plain node:http server on 127.0.0.1:0 that records every request (with its full body). */
export async function startLocalServer(handler: LocalHandler): Promise<LocalServer> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			Promise.resolve(handler(recorded, res)).catch((error: Error) => {
				res.writeHead(599);
				res.end(String(error?.message));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
