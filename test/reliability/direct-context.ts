import { Agent, request as httpRequest } from 'http';

import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';

/**
 * The part of IExecuteFunctions the transport uses, without n8n's engine: for tests that drive an
 * operation hundreds of times against the simulator, where the engine's setup would dominate the
 * time. Requests are signed by the real credential and sent over real HTTP; `beforeSend` can fail a
 * request before it leaves (e.g. a refused connection) or prepare the server for it.
 */
export interface DirectContextOptions {
	credentials: Record<string, string>;
	/** Return an error to throw instead of sending (the request then never reaches the server). */
	beforeSend?: () => Error | undefined;
}

export interface DirectContext {
	ctx: IExecuteFunctions;
	warnings: string[];
	/** Requests that left this process. */
	sent: number;
	close(): void;
}

export function directContext(options: DirectContextOptions): DirectContext {
	const credentialType = new NetSuiteTbaApi();
	const agent = new Agent({ keepAlive: true, maxSockets: 4 });
	const abort = new AbortController();
	const state: DirectContext = {
		ctx: undefined as unknown as IExecuteFunctions,
		warnings: [],
		sent: 0,
		close: () => {
			abort.abort();
			agent.destroy();
		},
	};
	const send = async (_type: string, request: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
		const refusal = options.beforeSend?.();
		if (refusal) throw refusal;
		const signed = await credentialType.authenticate(options.credentials, request);
		state.sent += 1;
		return await new Promise<IN8nHttpFullResponse>((resolve, reject) => {
			const outgoing = httpRequest(
				signed.url,
				{ method: 'POST', agent, headers: signed.headers as Record<string, string>, timeout: request.timeout },
				(response) => resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: response }),
			);
			outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
			outgoing.on('error', reject);
			outgoing.end(String(signed.body));
		});
	};
	state.ctx = {
		getExecutionCancelSignal: () => abort.signal,
		helpers: { httpRequestWithAuthentication: send },
		logger: {
			warn: (message: string) => state.warnings.push(message),
			debug: () => undefined,
			info: () => undefined,
			error: () => undefined,
		},
	} as unknown as IExecuteFunctions;
	return state;
}

/** The error Node's HTTP client gives for a port nobody listens on. */
export function connectionRefused(): Error {
	return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
}
