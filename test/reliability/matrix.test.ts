import { matrixCases, reliabilityCase, type ReliabilityCase } from './cases';
import { expectBounded, expectOutcome, runCase, settle, useReliabilityEnvironment } from './run-case';


// Generous for a loaded 2-core machine; every wait inside is bounded far below this.
jest.setTimeout(60_000);
const env = useReliabilityEnvironment();

describe('reliability and security fault matrix', () => {
	it.each(matrixCases.map((candidate): [string, ReliabilityCase] => [candidate.id, candidate]))('%s', async (id, reliabilityCase) => {
		for (const secret of Object.values(reliabilityCase.credential ?? {})) env.ledger.addSecrets(secret);
		const observation = await runCase(reliabilityCase, env.servers);
		env.ledger.addSecrets(...observation.signatures);
		env.ledger.addRun(id, observation.result);
		await settle();
		expect(env.guard.events).toEqual([]);
		expectOutcome(reliabilityCase, observation);
		expectBounded(reliabilityCase, observation);
	});

	it(`${reliabilityCase('secrets.whole-matrix').id}: no secret or signature anywhere in the matrix's runs`, () => {
		expect(env.ledger.runCount).toBe(matrixCases.length);
		// the two credential secrets, the wrong ones some cases use, and every signature sent
		expect(env.ledger.secretCount).toBeGreaterThan(matrixCases.length);
		expect(env.ledger.scan()).toEqual([]);
	});
});
