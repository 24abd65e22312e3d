/**
 * `npm run simulator`: a local SuiteTalk endpoint with demo jobs, to point an n8n credential at.
 * Port: SIMULATOR_PORT or 8787 (a random one if that is taken).
 */
import { DEFAULT_API_VERSION } from './jobs';
import { seedDemoJobs } from './demo-jobs';
import { startSimulator, type Simulator } from './server';

async function start(): Promise<Simulator> {
	const port = Number(process.env.SIMULATOR_PORT ?? 8787);
	try {
		return await startSimulator({ port });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		console.warn(`Port ${port} is taken; using a random free port instead.`);
		return startSimulator({ port: 0 });
	}
}

async function main(): Promise<void> {
	const simulator = await start();
	const jobs = seedDemoJobs(simulator);
	const { credentials } = simulator;
	console.log(
		[
			'SuiteTalk simulator (TEST ONLY: fake NetSuite, fake credentials)',
			'',
			`  URL:           ${simulator.url}`,
			`  Endpoint URL:  ${simulator.endpointUrl(DEFAULT_API_VERSION)}`,
			'',
			'Credential values for the "NetSuite TBA API" credential in n8n:',
			`  Account ID:       ${credentials.accountId}`,
			`  Consumer Key:     ${credentials.consumerKey}`,
			`  Consumer Secret:  ${credentials.consumerSecret}`,
			`  Token ID:         ${credentials.tokenId}`,
			`  Token Secret:     ${credentials.tokenSecret}`,
			`  API Version:      ${DEFAULT_API_VERSION}`,
			`  Endpoint URL:     ${simulator.endpointUrl(DEFAULT_API_VERSION)}`,
			'  (REST: the same credential signs URLs under /services/rest/ and /app/site/hosting/restlet.nl)',
			'',
			'Credential values for the "NetSuite OAuth2 M2M API" credential in n8n (REST only):',
			`  Account ID:          ${credentials.accountId}`,
			`  Client ID:           ${simulator.rest.m2m.clientId}`,
			`  Certificate ID:      ${simulator.rest.m2m.certificates[0].certificateId}`,
			'  Private Key:         the contents of test/fixtures/m2m-keys/rsa-3072.private.pem (test-only key)',
			'  Algorithm:           PS256',
			`  Account Domain URL:  ${simulator.url}`,
			'',
			'Demo job ids:',
			...jobs.map((line) => `  ${line}`),
			'',
			'Press Ctrl+C to stop.',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator (${simulator.counters.totalRequests} requests served).`);
		void simulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
