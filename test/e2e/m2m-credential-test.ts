/**
 * The OAuth 2.0 M2M credential's test as n8n runs it when the credential is saved: a real `n8n start`
 * (2.41.1) with the packed package installed, the owner signed in, `POST /rest/credentials/test` for
 * each case against the SuiteTalk simulator. Run after `npm run build`:
 *
 *   bash scripts/e2e/ensure-n8n.sh && npx tsx test/e2e/m2m-credential-test.ts
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { cleanupAll, installExitHandlers, N8nSandbox, npmPack, onCleanup } from '../../scripts/e2e/n8n';
import { startSimulator, type Simulator } from '../simulator/server';
import { OWNER, setupOwner, startN8n, type N8nServer } from '../ui/n8n-server';

const ROOT = resolve(__dirname, '..', '..');
const CREDENTIAL_DIST = join(ROOT, 'dist', 'credentials', 'NetSuiteM2mOAuth2Api.credentials.js');
const KEYS = join(ROOT, 'test', 'fixtures', 'm2m-keys');

let failed = 0;

function log(message: string): void {
	process.stdout.write(`[m2m-test ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function check(condition: boolean, what: string): void {
	if (!condition) failed++;
	log(`${condition ? 'PASS' : 'FAIL'} ${what}`);
}

async function signIn(server: N8nServer): Promise<string> {
	const response = await fetch(`${server.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!response.ok) throw new Error(`POST /rest/login answered ${response.status}`);
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (!cookie) throw new Error('no n8n-auth cookie after signing in');
	return cookie.split(';')[0];
}

/**
 * As the editor does on Save: the credential is created first, then tested by its id (n8n stores
 * the token preAuthentication returns into the saved credential, so an unsaved one cannot be tested).
 */
async function credentialTest(server: N8nServer, cookie: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
	const headers = { 'Content-Type': 'application/json', Cookie: cookie };
	const created = await fetch(`${server.baseUrl}/rest/credentials`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ name: 'NetSuite M2M', type: 'netSuiteOAuth2M2mApi', data }),
	});
	const saved = (await created.json()) as { data?: { id?: string } };
	const id = saved.data?.id;
	if (!created.ok || !id) throw new Error(`POST /rest/credentials answered ${created.status}: ${JSON.stringify(saved).slice(0, 500)}`);
	const response = await fetch(`${server.baseUrl}/rest/credentials/test`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ credentials: { id, name: 'NetSuite M2M', type: 'netSuiteOAuth2M2mApi', data } }),
	});
	const body = (await response.json()) as { data?: { status: string; message: string } };
	if (!response.ok || !body.data) throw new Error(`POST /rest/credentials/test answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
	return body.data;
}

async function main(): Promise<void> {
	installExitHandlers();
	if (!existsSync(CREDENTIAL_DIST)) throw new Error(`${CREDENTIAL_DIST} is missing: run "npm run build" first`);
	const work = mkdtempSync(join(tmpdir(), 'n8n-m2m-test-'));
	onCleanup(work);
	const tarball = await npmPack(ROOT, join(work, 'tarballs'));
	const sandbox = N8nSandbox.create();
	let simulator: Simulator | undefined;
	let server: N8nServer | undefined;
	try {
		await sandbox.installSelfContainedPackage(tarball, work);
		simulator = await startSimulator();
		server = await startN8n({ sandbox, logFile: join(work, 'n8n.log') });
		log(`n8n at ${server.baseUrl} (started in ${(server.startupMs / 1000).toFixed(1)} s), simulator at ${simulator.url}`);
		await setupOwner(server);
		const cookie = await signIn(server);
		const sim = simulator;

		const good = {
			accountId: sim.credentials.accountId,
			clientId: sim.rest.m2m.clientId,
			certificateId: sim.rest.m2m.certificates[0].certificateId,
			privateKey: readFileSync(join(KEYS, 'rsa-3072.private.pem'), 'utf8'),
			algorithm: 'PS256',
			scopes: ['rest_webservices', 'restlets'],
			accountDomainUrl: sim.url,
		};
		const cases: Array<{ what: string; data: Record<string, unknown>; expect: (r: { status: string; message: string }) => boolean; reasons: string[] }> = [
			{ what: 'a correct credential', data: good, expect: (r) => r.status === 'OK', reasons: [] },
			{
				what: 'a wrong Certificate ID: invalid_grant, with the Login Audit Trail details',
				data: { ...good, certificateId: 'not-the-certificate' },
				expect: (r) => r.status === 'Error' && r.message.includes('NetSuite refused the client assertion (invalid_grant)') && r.message.includes('"MissingKey"'),
				reasons: ['MissingKey'],
			},
			{
				what: 'a key that is not the certificate\'s: the same answer from NetSuite, the same advice',
				data: { ...good, privateKey: readFileSync(join(KEYS, 'rsa-3072-other.private.pem'), 'utf8') },
				expect: (r) => r.status === 'Error' && r.message.includes('NetSuite refused the client assertion (invalid_grant)') && r.message.includes('"InvalidSignature"'),
				reasons: ['InvalidSignature'],
			},
			{
				what: 'a scope the integration record lacks',
				data: { ...good, scopes: ['rest_webservices', 'restlets'] },
				expect: (r) => r.status === 'Error' && r.message.includes('"ScopeMismatched"'),
				reasons: ['ScopeMismatched'],
			},
			{
				what: 'a RESTlets-only token refused by REST web services: the 401 rule',
				data: { ...good, scopes: ['restlets'] },
				expect: (r) => r.status === 'Error' && r.message.startsWith('NetSuite issued an access token but refused it for REST web services'),
				reasons: ['ScopeMismatched'],
			},
			{
				what: 'an EC key with PS256: refused before any request',
				data: { ...good, privateKey: readFileSync(join(KEYS, 'ec-p256.private.pem'), 'utf8') },
				expect: (r) => r.status === 'Error' && r.message.includes('Choose ES256'),
				reasons: [],
			},
		];
		for (const testCase of cases) {
			sim.resetCounters();
			sim.rest.setAllowedScopes(testCase.what.startsWith('a scope the integration') ? ['rest_webservices'] : ['rest_webservices', 'restlets']);
			const result = await credentialTest(server, cookie, testCase.data);
			log(`  ${testCase.what}: ${result.status}: ${result.message.slice(0, 400)}`);
			const reasons = [...new Set(sim.counters.authFailures.map((failure) => failure.reason))];
			check(testCase.expect(result), `${testCase.what} (answer)`);
			check(JSON.stringify(reasons) === JSON.stringify(testCase.reasons), `${testCase.what} (simulator saw ${JSON.stringify(reasons)})`);
			check(!result.message.includes(String(good.privateKey).split('\n')[1]), `${testCase.what} (no key in the message)`);
		}
	} finally {
		await server?.stop();
		await simulator?.close();
		sandbox.cleanup();
		cleanupAll();
	}
	process.stdout.write(failed ? `${failed} failed\n` : 'all passed\n');
	process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
	process.stdout.write(`crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
