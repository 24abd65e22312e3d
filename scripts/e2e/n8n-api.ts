/**
 * Talking to a RUNNING n8n server (test/ui/n8n-server.ts starts one) the way an operator does:
 * the owner's login, an API key for the public API, executions read back through the public API
 * (plain JSON run data, unlike the editor's REST answers), and production webhook calls.
 */
import type { N8nRun } from './n8n';

export interface OwnerLogin {
	email: string;
	password: string;
}

async function expectOk(response: Response, what: string): Promise<Response> {
	if (!response.ok) throw new Error(`${what} answered ${response.status}: ${(await response.text()).slice(0, 1000)}`);
	return response;
}

/** The `n8n-auth` cookie of a fresh owner login (the REST API the editor uses takes it). */
export async function loginCookie(baseUrl: string, owner: OwnerLogin): Promise<string> {
	const response = await expectOk(
		await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		}),
		'POST /rest/login',
	);
	const cookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return cookie.split(';')[0];
}

/** A public-API key of the owner that may read executions and list and activate workflows. */
export async function createApiKey(baseUrl: string, cookie: string): Promise<string> {
	const response = await expectOk(
		await fetch(`${baseUrl}/rest/api-keys`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Cookie: cookie },
			body: JSON.stringify({
				label: `e2e-${Date.now()}`,
				expiresAt: null,
				scopes: ['execution:read', 'execution:list', 'workflow:read', 'workflow:list', 'workflow:activate'],
			}),
		}),
		'POST /rest/api-keys',
	);
	const body = (await response.json()) as { data?: { rawApiKey?: string; apiKey?: string } };
	const key = body.data?.rawApiKey ?? body.data?.apiKey;
	if (!key) throw new Error(`POST /rest/api-keys returned no key: ${JSON.stringify(body).slice(0, 300)}`);
	return key;
}

/** One execution as the public API lists it; `data` only with includeData. */
export interface PublicExecution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	waitTill: string | null;
	data?: N8nRun['data'];
}

/**
 * Every execution of a workflow (all pages), oldest first. Without `status` n8n 2.41 leaves out
 * running ones: ask for `status: 'running'` to see them.
 */
export async function listExecutions(
	baseUrl: string,
	apiKey: string,
	workflowId: string,
	options: { includeData?: boolean; status?: string } = {},
): Promise<PublicExecution[]> {
	const all: PublicExecution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ workflowId, limit: '250', includeData: String(options.includeData ?? false) });
		if (options.status) query.set('status', options.status);
		if (cursor) query.set('cursor', cursor);
		const response = await expectOk(
			await fetch(`${baseUrl}/api/v1/executions?${query}`, { headers: { 'X-N8N-API-KEY': apiKey } }),
			'GET /api/v1/executions',
		);
		const page = (await response.json()) as { data: PublicExecution[]; nextCursor?: string | null };
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Publishes a workflow on a running n8n (production webhooks answer from then on, also after restarts). */
export async function activateWorkflow(baseUrl: string, apiKey: string, workflowId: string): Promise<void> {
	await expectOk(
		await fetch(`${baseUrl}/api/v1/workflows/${encodeURIComponent(workflowId)}/activate`, {
			method: 'POST',
			headers: { 'X-N8N-API-KEY': apiKey },
		}),
		`POST /api/v1/workflows/${workflowId}/activate`,
	);
}

/**
 * POST to a production webhook of a published workflow. n8n registers the webhook shortly after
 * the activation call returns, so a 404 (nothing started) is retried for up to 20 s.
 */
export async function callWebhook(baseUrl: string, path: string, body: unknown): Promise<unknown> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (response.status === 404 && Date.now() < deadline) {
			await response.body?.cancel();
			await new Promise((resolve) => setTimeout(resolve, 500));
			continue;
		}
		const text = await (await expectOk(response, `POST /webhook/${path}`)).text();
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
}

/** The JSON of every item a node put on output `outputIndex`, over all its runs (a loop runs a node many times). */
export function nodeItems(
	data: N8nRun['data'] | undefined,
	nodeName: string,
	outputIndex = 0,
): Array<{ json: Record<string, unknown>; pairedItem?: unknown; run: number }> {
	const runs = data?.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run, runIndex) =>
		((run.data?.main?.[outputIndex] ?? []) as Array<{ json: Record<string, unknown>; pairedItem?: unknown }>).map((item) => ({
			...item,
			run: runIndex,
		})),
	);
}
