import { matrixCases, reliabilityCase, type ReliabilityCase } from './cases';
import { expectBounded, expectOutcome, installCrashGuard, runCase, SecretsLedger, settle, startServers, type CrashGuard } from './run-case';


// Generous for a loaded 2-core machine; every wait inside is bounded far below this.
jest.setTimeout(60_000);
let servers: Awaited<ReturnType<typeof startServers>>;
let guard: CrashGuard;
const ledger = new SecretsLedger();

beforeAll(async () => {
	servers = await startServers();
	ledger.addSecrets(servers.simulator.credentials.consumerSecret, servers.simulator.credentials.tokenSecret);
	guard = installCrashGuard();
});

afterAll(async () => {
	guard?.uninstall();
	await servers?.close();
});

describe('reliability and security fault matrix', () => {
	it.each(matrixCases.map((candidate): [string, ReliabilityCase] => [candidate.id, candidate]))('%s', async (id, reliabilityCase) => {
		for (const secret of Object.values(reliabilityCase.credential ?? {})) ledger.addSecrets(secret);
		const observation = await runCase(reliabilityCase, servers);
		ledger.addSecrets(...observation.signatures);
		ledger.addRun(id, observation.result);
		await settle();
		expect(guard.events).toEqual([]);
		expectOutcome(reliabilityCase, observation);
		expectBounded(reliabilityCase, observation);
	});

	it(`${reliabilityCase('secrets.whole-matrix').id}: no secret or signature anywhere in the matrix's runs`, () => {
		expect(ledger.runCount).toBe(matrixCases.length);
		// the two credential secrets, the wrong ones some cases use, and every signature sent
		expect(ledger.secretCount).toBeGreaterThan(matrixCases.length);
		expect(ledger.scan()).toEqual([]);
	});
});
