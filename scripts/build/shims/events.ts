/**
 * Stands in for Node's `events` inside the bundle (aliased by scripts/build/bundle.ts): the scanner's
 * import rule forbids Node built-ins other than crypto. Only xmlbuilder2's callback builder
 * (createCB, which the node does not use) extends EventEmitter, and it needs `on` and `emit`.
 */
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
	private readonly listenersByEvent = new Map<string | symbol, Listener[]>();

	on(event: string | symbol, listener: Listener): this {
		this.listenersByEvent.set(event, [...(this.listenersByEvent.get(event) ?? []), listener]);
		return this;
	}

	addListener(event: string | symbol, listener: Listener): this {
		return this.on(event, listener);
	}

	off(event: string | symbol, listener: Listener): this {
		const remaining = (this.listenersByEvent.get(event) ?? []).filter((registered) => registered !== listener);
		this.listenersByEvent.set(event, remaining);
		return this;
	}

	removeListener(event: string | symbol, listener: Listener): this {
		return this.off(event, listener);
	}

	listenerCount(event: string | symbol): number {
		return this.listenersByEvent.get(event)?.length ?? 0;
	}

	/** As Node's: an `error` nobody listens to is thrown rather than lost. */
	emit(event: string | symbol, ...args: unknown[]): boolean {
		const listeners = this.listenersByEvent.get(event) ?? [];
		if (listeners.length === 0) {
			if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error event: ${String(args[0])}`);
			return false;
		}
		for (const listener of listeners) listener.apply(this, args);
		return true;
	}
}

export default EventEmitter;
