import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { resetAccountConcurrencyForTests } from '../../nodes/NetSuiteAsync/transport/accountConcurrency';
import { secretsScan, type WorkflowRunResult } from '../harness';
import { startSimulator, type Simulator } from '../simulator/server';
import { credentialData, FAST_RETRIES, NODE_NAME, runNetSuite } from '../workflow/netsuite-workflow';
import { MATRIX_OPTIONS, type CaseEnv, type ReliabilityCase } from './cases';
import { closedPortUrl, startHostileServer, type HostileServer } from './hostile-server';

/**
 * Runs reliability cases through n8n's engine and checks what every case must show: the item comes
 * out (as an output item, an error-output item or a workflow error naming it), the requests were
 * bounded, nothing crashed, and no secret leaked.
 */

// ------------------------------------------------------------------------------------------------
// counting every signed request (each attempt runs the credential's authenticate once)

const SIGNATURE = /<(?:[\w.-]+:)?signature[^>]*>([^<]+)</;

export interface SigningCounter {
	type: ICredentialType;
	/** Signatures of the requests signed since the last reset, in order. */
	readonly signatures: string[];
	reset(): void;
}

export function signingCounter(): SigningCounter {
	const base = new NetSuiteTbaApi();
	const signatures: string[] = [];
	// n8n calls authenticate unbound, so the wrapper is a plain function on a copy of the type.
	const type = Object.assign(Object.create(base) as NetSuiteTbaApi, {
		authenticate: async (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => {
			const signed = await base.authenticate(credentials, request);
			signatures.push(SIGNATURE.exec(String(signed.body))?.[1] ?? '(no signature)');
			return signed;
		},
	});
	return {
		type,
		signatures,
		reset: () => {
			signatures.length = 0;
		},
	};
}

// ------------------------------------------------------------------------------------------------
// crash guards

export interface CrashGuard {
	/** Unhandled rejections and process.exit calls seen since install. */
	readonly events: string[];
	uninstall(): void;
}

export function installCrashGuard(): CrashGuard {
	const events: string[] = [];
	const onRejection = (reason: unknown) => events.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`);
	process.on('unhandledRejection', onRejection);
	const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
		events.push(`process.exit(${code})`);
	}) as never);
	return {
		events,
		uninstall: () => {
			process.off('unhandledRejection', onRejection);
			exit.mockRestore();
		},
	};
}

/** Lets rejections that nobody handled surface before a case is judged. */
export async function settle(): Promise<void> {
	await new Promise((resolve) => setImmediate(resolve));
	await new Promise((resolve) => setTimeout(resolve, 5));
}

// ------------------------------------------------------------------------------------------------
// secrets

export class SecretsLedger {
	private readonly secrets = new Set<string>();
	private readonly runs: Array<{ id: string; result: WorkflowRunResult }> = [];

	addSecrets(...values: string[]): void {
		for (const value of values) if (value) this.secrets.add(value);
	}

	addRun(id: string, result: WorkflowRunResult): void {
		this.runs.push({ id, result });
	}

	get secretCount(): number {
		return this.secrets.size;
	}

	get runCount(): number {
		return this.runs.length;
	}

	/** Every place any secret appears in any run: empty when clean. */
	scan(): string[] {
		const secrets = [...this.secrets];
		return this.runs.flatMap(({ id, result }) => secretsScan(result, secrets).map((where) => `${id}: ${where}`));
	}
}

// ------------------------------------------------------------------------------------------------
// running a case

export interface Observation {
	result: WorkflowRunResult;
	/** Requests signed by the credential (every attempt, every retry). */
	signed: number;
	/** Requests the server saw (undefined for a closed port). */
	serverRequests?: number;
	signatures: string[];
}

export interface Servers extends CaseEnv {
	closedPortUrl: string;
	counter: SigningCounter;
}

/** The simulator, the hostile server, a closed port and a signing counter; close them in afterAll. */
export async function startServers(): Promise<Servers & { close(): Promise<void> }> {
	const [simulator, hostile, closedPort] = await Promise.all([startSimulator(), startHostileServer(), closedPortUrl()]);
	return {
		simulator,
		hostile,
		closedPortUrl: closedPort,
		counter: signingCounter(),
		close: async () => {
			await Promise.all([simulator.close(), hostile.close()]);
		},
	};
}

export function resetServers({ simulator, hostile, counter }: Servers): void {
	simulator.resetCounters();
	simulator.clearFaults();
	simulator.setLatency(0);
	simulator.setConcurrencyLimit(undefined);
	simulator.setClockOffsetMs(0);
	simulator.setPrefixStyle('platformCore');
	hostile.reset();
	counter.reset();
}

function endpointFor(reliabilityCase: ReliabilityCase, servers: Servers): string {
	if (reliabilityCase.server === 'hostile') return servers.hostile.endpointUrl();
	if (reliabilityCase.server === 'closed port') return servers.closedPortUrl;
	return servers.simulator.endpointUrl();
}

function serverRequests(reliabilityCase: ReliabilityCase, simulator: Simulator, hostile: HostileServer): number | undefined {
	if (reliabilityCase.server === 'hostile') return hostile.requests.length;
	if (reliabilityCase.server === 'simulator') return simulator.counters.totalRequests;
	return undefined;
}

export async function runCase(reliabilityCase: ReliabilityCase, servers: Servers, run: { cancelAfterMs?: number } = {}): Promise<Observation> {
	resetServers(servers);
	// Each case as a freshly started n8n sees it: no account window learnt from the cases before.
	resetAccountConcurrencyForTests();
	reliabilityCase.setup?.(servers);
	const parameters = reliabilityCase.parameters ?? {};
	const options = { ...FAST_RETRIES, ...MATRIX_OPTIONS, ...((parameters.options as IDataObject | undefined) ?? {}) };
	const result = await runNetSuite(servers.simulator, {
		parameters: { ...parameters, options },
		items: reliabilityCase.items,
		onError: reliabilityCase.onError,
		credentialType: servers.counter.type,
		cancelAfterMs: run.cancelAfterMs,
		credential: {
			...credentialData(servers.simulator, reliabilityCase.credential),
			endpointUrl: endpointFor(reliabilityCase, servers),
		},
	});
	return {
		result,
		signed: servers.counter.signatures.length,
		serverRequests: serverRequests(reliabilityCase, servers.simulator, servers.hostile),
		signatures: [...servers.counter.signatures],
	};
}

// ------------------------------------------------------------------------------------------------
// judging a case

export function expectRequests(reliabilityCase: ReliabilityCase, signed: number): void {
	const { requests, retried } = reliabilityCase.expect;
	if (typeof requests === 'number') expect(signed).toBe(requests);
	else {
		expect(signed).toBeGreaterThanOrEqual(requests.min);
		expect(signed).toBeLessThanOrEqual(requests.max);
	}
	const itemCount = Math.max(1, reliabilityCase.items?.length ?? 1);
	if (retried) expect(signed).toBeGreaterThan(itemCount);
	else expect(signed).toBeLessThanOrEqual(itemCount);
}

export function expectMessage(reliabilityCase: ReliabilityCase, message: unknown): void {
	const expected = reliabilityCase.expect.message;
	if (expected === undefined) return;
	if (reliabilityCase.expect.match === 'prefix') expect(String(message).slice(0, expected.length)).toBe(expected);
	else expect(message).toBe(expected);
}

interface FoundError {
	message: unknown;
	description?: unknown;
	code?: unknown;
}

/** The error of `itemIndex` wherever On Error put it; asserts it is there and tied to that item. */
export function findItemError(result: WorkflowRunResult, onError: ReliabilityCase['onError'], itemIndex: number): FoundError {
	if (onError === undefined || onError === 'stopWorkflow') {
		expect(result.status).toBe('error');
		expect(result.error?.node).toBe(NODE_NAME);
		expect(result.error?.itemIndex).toBe(itemIndex);
		const context = result.error?.context ?? {};
		return { message: result.error?.message, description: result.error?.description, code: context.faultCode ?? context.errorCode };
	}
	expect(result.status).toBe('success');
	const outputs = result.outputs(NODE_NAME);
	const errorItems = onError === 'continueErrorOutput' ? (outputs[1] ?? []) : outputs[0].filter((item) => 'error' in item.json);
	const item = errorItems.find((candidate) => (candidate.pairedItem as { item: number }).item === itemIndex);
	expect(item).toBeDefined();
	const details = (item?.json.details ?? {}) as IDataObject;
	return { message: item?.json.error, description: details.description, code: details.faultCode };
}

export function expectOutcome(reliabilityCase: ReliabilityCase, observation: Observation): void {
	const { result } = observation;
	const { expect: expected } = reliabilityCase;
	const itemCount = Math.max(1, reliabilityCase.items?.length ?? 1);
	if (expected.outcome === 'success') {
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE_NAME)[0];
		// every input item came out, paired to itself
		const paired = new Set(outputs.map((item) => (item.pairedItem as { item: number }).item));
		expect([...paired].sort((a, b) => a - b)).toEqual(Array.from({ length: itemCount }, (_, index) => index));
		expect(outputs.some((item) => 'error' in item.json)).toBe(false);
		if (expected.output) expect(outputs[0].json).toMatchObject(expected.output);
		return;
	}
	const failing = expected.failingItem ?? 0;
	const found = findItemError(result, reliabilityCase.onError, failing);
	expectMessage(reliabilityCase, found.message);
	if (expected.description) expect(String(found.description)).toContain(expected.description);
	if (expected.code) expect(found.code).toBe(expected.code);
	if (reliabilityCase.onError && reliabilityCase.onError !== 'stopWorkflow') {
		// the other items still came out, each paired to its input
		const everything = result.outputs(NODE_NAME).flat();
		const paired = new Set(everything.map((item) => (item.pairedItem as { item: number }).item));
		expect(paired.size).toBe(itemCount);
	}
}

export function expectBounded(reliabilityCase: ReliabilityCase, observation: Observation): void {
	expectRequests(reliabilityCase, observation.signed);
	if (observation.serverRequests === undefined) return;
	// What the server saw is exactly what the node signed: no unsigned or duplicated sends. A cancel
	// may abort a signed request before it leaves, never the other way round.
	if (reliabilityCase.expect.outcome === 'canceled') expect(observation.serverRequests).toBeLessThanOrEqual(observation.signed);
	else expect(observation.serverRequests).toBe(observation.signed);
}

export interface ReliabilityEnvironment {
	servers: Awaited<ReturnType<typeof startServers>>;
	guard: CrashGuard;
	ledger: SecretsLedger;
}

/**
 * What every reliability suite starts with: the simulator and the hostile server, a guard that
 * records unhandled rejections and exits, and a ledger of the secrets to search for. Registers the
 * jest hooks that start and stop them; read the fields inside tests and hooks.
 */
export function useReliabilityEnvironment(): ReliabilityEnvironment {
	const environment = { ledger: new SecretsLedger() } as ReliabilityEnvironment;
	beforeAll(async () => {
		environment.servers = await startServers();
		const { consumerSecret, tokenSecret } = environment.servers.simulator.credentials;
		environment.ledger.addSecrets(consumerSecret, tokenSecret);
		environment.guard = installCrashGuard();
	});
	afterAll(async () => {
		environment.guard?.uninstall();
		await environment.servers?.close();
	});
	return environment;
}
