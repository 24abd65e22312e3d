import type { Logger } from 'n8n-workflow';

import { ExecutionCancelledError, SuiteTalkFaultError } from './errors';

/**
 * How many requests this process sends to one NetSuite account at once, learnt from its answers
 * the way TCP learns a congested link. Until the first concurrency refusal (WS_REQUEST_BLOCKED,
 * WS_CONCUR_SESSION_DISALLWD) every answer that arrives while the window is full widens it by one
 * (a larger account is found within a few round trips); that refusal halves it. From then on
 * (AIMD) a refusal shrinks it by DECREASE_FACTOR, once per round of requests, and each answer
 * that filled the window widens it by 1 / (INCREASE_DIVISOR × window): one more request per
 * INCREASE_DIVISOR windows of answers. Never above "Items Processed at Once".
 *
 * The account's limit is shared by every SOAP, REST and RESTlet integration and is not published
 * anywhere a client can read it: it is found by touching it. Figures: README, Performance.
 */
/**
 * Mild, because limits are whole requests: a window that crept from 5 to 6 and drew a refusal
 * falls back to 5.1 (still 5 at once), not to 4.5 (4 at once, a fifth of the account left idle).
 * A limit that really dropped takes a few rounds of refusals to find, one decrease per round.
 */
export const DECREASE_FACTOR = 0.85;
/** One more request per 16 windows of answers: at a steady limit, about one refusal per 90 answers. */
export const INCREASE_DIVISOR = 16;
/**
 * A Standard account's limit (each SuiteCloud Plus license adds 10). Starting here instead of at
 * "Items Processed at Once" spares an account at 5 a first burst of refusals; a larger account's
 * window grows to the setting as answers come back. Nodes set below it are not slowed at all.
 */
export const START_WINDOW = 5;

export type ConcurrencyFeedback = 'success' | 'refused' | 'neutral';

const CONCURRENCY_REFUSALS = ['WS_REQUEST_BLOCKED', 'WS_CONCUR_SESSION_DISALLWD'];

/** NetSuite said the account has too many requests or sessions in flight. */
export function isConcurrencyRefusal(error: unknown): boolean {
	return error instanceof SuiteTalkFaultError && CONCURRENCY_REFUSALS.includes(error.fault.code);
}

export interface ConcurrencyTicket {
	/** The window's generation when the request was sent: refusals of one round shrink it once. */
	readonly generation: number;
	/** The request filled the window: only then does a success say the window could be larger. */
	readonly filledWindow: boolean;
	/** "Items Processed at Once" of the node that sent it. */
	readonly ceiling: number;
}

export interface WindowChange {
	accountId: string;
	from: number;
	to: number;
	reason: 'refused' | 'grown';
	inFlight: number;
}

interface Waiter {
	ceiling: number;
	admit: (ticket: ConcurrencyTicket) => void;
}

export class AccountConcurrency {
	private window = START_WINDOW;
	/** No refusal seen yet: widen fast. */
	private probing = true;
	private inFlight = 0;
	private generation = 0;
	private readonly waiters: Waiter[] = [];

	constructor(readonly accountId: string) {}

	/** Requests the window allows at once now (a node set lower sends fewer). */
	get limit(): number {
		return Math.floor(this.window);
	}

	get requestsInFlight(): number {
		return this.inFlight;
	}

	/** Waits for a slot; rejects with ExecutionCancelledError when `signal` aborts first. */
	async acquire(ceiling: number, signal?: AbortSignal): Promise<ConcurrencyTicket> {
		if (signal?.aborted) throw new ExecutionCancelledError();
		if (this.waiters.length === 0 && this.inFlight < this.allowed(ceiling)) return this.admit(ceiling);
		return await new Promise<ConcurrencyTicket>((resolve, reject) => {
			const onAbort = () => {
				const index = this.waiters.indexOf(waiter);
				if (index >= 0) this.waiters.splice(index, 1);
				reject(new ExecutionCancelledError());
			};
			const waiter: Waiter = {
				ceiling,
				admit: (ticket) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(ticket);
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiters.push(waiter);
		});
	}

	/** Returns the slot, learns from the answer, admits whoever the window now allows. */
	release(ticket: ConcurrencyTicket, feedback: ConcurrencyFeedback): WindowChange | undefined {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const from = this.window;
		let to = from;
		if (feedback === 'refused' && ticket.generation === this.generation) {
			// The probe overshot by up to one round trip's growth: halving lands near the limit.
			to = Math.max(1, from * (this.probing ? 0.5 : DECREASE_FACTOR));
			this.probing = false;
			this.generation++;
		} else if (feedback === 'success' && ticket.filledWindow && from < ticket.ceiling) {
			to = Math.min(ticket.ceiling, from + (this.probing ? 1 : 1 / (INCREASE_DIVISOR * from)));
		}
		this.window = to;
		this.admitWaiters();
		// Only whole steps are worth a log line: the window's fractions change with every answer.
		if (Math.floor(to) === Math.floor(from)) return undefined;
		return { accountId: this.accountId, from: Math.floor(from), to: Math.floor(to), reason: feedback === 'refused' ? 'refused' : 'grown', inFlight: this.inFlight };
	}

	private allowed(ceiling: number): number {
		return Math.max(1, Math.min(ceiling, Math.floor(this.window)));
	}

	private admit(ceiling: number): ConcurrencyTicket {
		this.inFlight++;
		// A node set below the window never fills it, so its successes say nothing about a larger one.
		return { generation: this.generation, filledWindow: this.inFlight >= Math.floor(this.window), ceiling };
	}

	private admitWaiters(): void {
		// First come, first served: a later waiter never overtakes the head.
		while (this.waiters.length > 0 && this.inFlight < this.allowed(this.waiters[0].ceiling)) {
			const waiter = this.waiters.shift()!;
			waiter.admit(this.admit(waiter.ceiling));
		}
	}
}

/**
 * One window per account per n8n process, shared by every item, operation, node and execution
 * that uses it (in queue mode, each worker process learns its own). Keyed by the account ID as
 * NetSuite's passport spells it (upper case), so `1234567_sb1` and `1234567_SB1` share one.
 */
const registry = new Map<string, AccountConcurrency>();
let adaptive = true;

export function accountConcurrency(accountId: string): AccountConcurrency | undefined {
	if (!adaptive) return undefined;
	const key = accountId.toUpperCase();
	let limiter = registry.get(key);
	if (!limiter) {
		limiter = new AccountConcurrency(key);
		registry.set(key, limiter);
	}
	return limiter;
}

/**
 * For the package's tests and benchmark only (no workflow reaches it): forget what was learnt,
 * and switch learning off to measure the node without it.
 */
export function resetAccountConcurrencyForTests(options: { adaptive?: boolean } = {}): void {
	registry.clear();
	adaptive = options.adaptive ?? true;
}

/** What callSuiteTalk holds around each attempt. */
export interface AccountSlots {
	limiter: AccountConcurrency;
	ceiling: number;
}

/** Runs one request inside a slot of the account's window, and tells the window how it went. */
export async function inAccountSlot<T>(
	slots: AccountSlots | undefined,
	signal: AbortSignal | undefined,
	logger: Logger,
	send: () => Promise<T>,
	feedbackOf: (result: T) => ConcurrencyFeedback,
): Promise<T> {
	if (!slots) return await send();
	const ticket = await slots.limiter.acquire(slots.ceiling, signal);
	let feedback: ConcurrencyFeedback = 'neutral';
	try {
		const result = await send();
		feedback = feedbackOf(result);
		return result;
	} finally {
		const change = slots.limiter.release(ticket, feedback);
		if (change) logger.debug('NetSuite account concurrency window changed', { ...change });
	}
}
