import {
	AccountConcurrency,
	accountConcurrency,
	isConcurrencyRefusal,
	resetAccountConcurrencyForTests,
	type ConcurrencyTicket,
} from '../../nodes/NetSuiteAsync/transport/accountConcurrency';
import { ExecutionCancelledError, SuiteTalkFaultError, SuiteTalkTransportError } from '../../nodes/NetSuiteAsync/transport/errors';

/** Lets queued admissions (promise callbacks) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track(promise: Promise<ConcurrencyTicket>) {
	const state: { ticket?: ConcurrencyTicket; error?: unknown } = {};
	promise.then(
		(ticket) => (state.ticket = ticket),
		(error: unknown) => (state.error = error),
	);
	return state;
}

async function fill(limiter: AccountConcurrency, count: number, ceiling: number): Promise<ConcurrencyTicket[]> {
	const tickets: ConcurrencyTicket[] = [];
	for (let index = 0; index < count; index++) tickets.push(await limiter.acquire(ceiling));
	return tickets;
}

describe('AccountConcurrency (AIMD window per account)', () => {
	it('starts at 5 in flight for a node set higher, and admits the next waiter when a slot frees', async () => {
		const limiter = new AccountConcurrency('1234567');
		const tickets = await fill(limiter, 5, 10);
		expect(tickets.map((ticket) => ticket.filledWindow)).toEqual([false, false, false, false, true]);
		const sixth = track(limiter.acquire(10));
		await settle();
		expect(sixth.ticket).toBeUndefined();
		expect(limiter.release(tickets[0], 'neutral')).toBeUndefined();
		await settle();
		expect(sixth.ticket).toBeDefined();
		expect(limiter.requestsInFlight).toBe(5);
	});

	it('never sends more than the node\'s own setting, and a node set below the window does not grow it', async () => {
		const limiter = new AccountConcurrency('1234567');
		const tickets = await fill(limiter, 2, 2);
		const third = track(limiter.acquire(2));
		await settle();
		expect(third.ticket).toBeUndefined();
		expect(tickets.map((ticket) => ticket.filledWindow)).toEqual([false, false]);
		for (const ticket of tickets) limiter.release(ticket, 'success');
		await settle();
		expect(third.ticket?.filledWindow).toBe(false);
		limiter.release(third.ticket!, 'success');
		expect(limiter.limit).toBe(5);
	});

	it('until the first refusal, each answer that filled the window widens it by one', async () => {
		const limiter = new AccountConcurrency('1234567');
		const tickets = await fill(limiter, 5, 10);
		// answers to requests that did not fill the window say nothing about a larger one
		for (const ticket of tickets.slice(0, 4)) expect(limiter.release(ticket, 'success')).toBeUndefined();
		expect(limiter.release(tickets[4], 'success')).toEqual({ accountId: '1234567', from: 5, to: 6, reason: 'grown', inFlight: 0 });
	});

	it('the first refusal halves the window (5 → 2.5), once per round; later ones take 15 % off (2.5 → 2.125 → 1.806)', async () => {
		const limiter = new AccountConcurrency('1234567');
		const tickets = await fill(limiter, 5, 10);
		expect(limiter.release(tickets[3], 'refused')).toEqual({ accountId: '1234567', from: 5, to: 2, reason: 'refused', inFlight: 4 });
		// sent in the same round: already accounted for
		expect(limiter.release(tickets[4], 'refused')).toBeUndefined();
		expect(limiter.limit).toBe(2);
		for (const ticket of tickets.slice(0, 3)) limiter.release(ticket, 'neutral');
		// 2.125: still 2 at once, so nothing to log
		expect(limiter.release(await limiter.acquire(10), 'refused')).toBeUndefined();
		expect(limiter.limit).toBe(2);
		expect(limiter.release(await limiter.acquire(10), 'refused')).toEqual({ accountId: '1234567', from: 2, to: 1, reason: 'refused', inFlight: 0 });
	});

	it('after a refusal, grows by 1 / (16 × window) per answer that filled the window: 2.5 → 3 after 22 of them', async () => {
		const limiter = new AccountConcurrency('1234567');
		const first = await fill(limiter, 5, 10);
		limiter.release(first[0], 'refused');
		for (const ticket of first.slice(1)) limiter.release(ticket, 'neutral');
		expect(limiter.limit).toBe(2);
		const [held] = await fill(limiter, 1, 10);
		const changes = [];
		for (let answer = 1; answer <= 22; answer++) {
			const ticket = await limiter.acquire(10);
			expect(ticket.filledWindow).toBe(true);
			changes.push(limiter.release(ticket, 'success'));
		}
		// 2.525, 2.5498, 2.5743, … 2.9598, 2.9809, then 3.0019
		expect(changes.slice(0, 21)).toEqual(Array.from({ length: 21 }, () => undefined));
		expect(changes[21]).toEqual({ accountId: '1234567', from: 2, to: 3, reason: 'grown', inFlight: 1 });
		expect(limiter.limit).toBe(3);
		limiter.release(held, 'neutral');
	});

	it('never shrinks below 1', async () => {
		const limiter = new AccountConcurrency('1234567');
		for (let round = 0; round < 12; round++) limiter.release(await limiter.acquire(10), 'refused');
		expect(limiter.limit).toBe(1);
	});

	it('serves waiters first come, first served', async () => {
		const limiter = new AccountConcurrency('1234567');
		const [only] = await fill(limiter, 1, 1);
		const order: string[] = [];
		const a = limiter.acquire(1).then((ticket) => (order.push('a'), ticket));
		const b = limiter.acquire(1).then((ticket) => (order.push('b'), ticket));
		limiter.release(only, 'success');
		limiter.release(await a, 'success');
		limiter.release(await b, 'success');
		expect(order).toEqual(['a', 'b']);
	});

	it('a cancelled wait rejects at once and never takes a slot', async () => {
		const limiter = new AccountConcurrency('1234567');
		const [only] = await fill(limiter, 1, 1);
		const controller = new AbortController();
		const waiting = track(limiter.acquire(1, controller.signal));
		controller.abort();
		await settle();
		expect(waiting.error).toBeInstanceOf(ExecutionCancelledError);
		limiter.release(only, 'success');
		expect(limiter.requestsInFlight).toBe(0);
		await expect(limiter.acquire(1, controller.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
	});
});

describe('one window per account per process', () => {
	afterEach(() => resetAccountConcurrencyForTests());

	it('is keyed by the account as the passport spells it', () => {
		resetAccountConcurrencyForTests();
		const sandbox = accountConcurrency('1234567_sb1');
		expect(accountConcurrency('1234567_SB1')).toBe(sandbox);
		expect(accountConcurrency('7654321')).not.toBe(sandbox);
		expect(sandbox?.accountId).toBe('1234567_SB1');
	});

	it('can be switched off for the benchmark\'s "before" numbers', () => {
		resetAccountConcurrencyForTests({ adaptive: false });
		expect(accountConcurrency('1234567')).toBeUndefined();
	});
});

describe('isConcurrencyRefusal', () => {
	const fault = (code: string) =>
		new SuiteTalkFaultError({ code, message: 'm', retryable: true, httpStatus: 500, faultElement: 'x' } as never, 0);
	it.each([
		['WS_REQUEST_BLOCKED', true],
		['WS_CONCUR_SESSION_DISALLWD', true],
		['ACCT_TEMP_UNAVAILABLE', false],
		['INVALID_JOB_ID', false],
	])('%s → %s', (code, expected) => {
		expect(isConcurrencyRefusal(fault(code))).toBe(expected);
	});
	it('a transport failure is no refusal', () => {
		expect(isConcurrencyRefusal(new SuiteTalkTransportError('HTML_RESPONSE' as never, 'm', true, 0, 503))).toBe(false);
	});
});
