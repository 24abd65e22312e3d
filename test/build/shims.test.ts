/**
 * The three modules scripts/build/bundle.ts puts in place of `url`, `events` and `js-yaml` inside the
 * bundle. Node's own `url` and `events` are the reference the shims are checked against.
 */
import { EventEmitter as NodeEventEmitter } from 'events';
import { domainToASCII as nodeDomainToASCII } from 'url';

import { EventEmitter } from '../../scripts/build/shims/events';
import { load } from '../../scripts/build/shims/js-yaml';
import { domainToASCII, domainToUnicode } from '../../scripts/build/shims/url';

describe('url shim', () => {
	// What @oozcitak/url's host parser hands it: plain, mixed-case, IDN, punycode, and invalid domains.
	const domains = ['example.com', 'EXAMPLE.com', 'bücher.de', 'xn--bcher-kva.de', 'münchen.example', '1234567.suitetalk.api.netsuite.com', '', 'a b.com', 'exa/mple.com', 'user@host', 'host:80', 'xn--iñvalid.com', 'a?b', 'a%41.com', 'A.COM.', '[::1]', '0x7f.1'];

	it.each(domains)('domainToASCII(%j) is what Node returns', (domain) => {
		expect(domainToASCII(domain)).toBe(nodeDomainToASCII(domain));
	});

	it('gives the punycode form of an IDN', () => {
		expect(domainToASCII('bücher.de')).toBe('xn--bcher-kva.de');
	});

	it('refuses to fake domainToUnicode, which no path of the node reaches', () => {
		expect(() => domainToUnicode('xn--bcher-kva.de')).toThrow('domainToUnicode("xn--bcher-kva.de") is not available');
	});
});

describe('events shim', () => {
	/** The same sequence on the shim and on Node's EventEmitter: what each listener saw. */
	function record(emitter: { on(e: string, l: (...a: unknown[]) => void): unknown; off(e: string, l: (...a: unknown[]) => void): unknown; emit(e: string, ...a: unknown[]): boolean }) {
		const seen: string[] = [];
		const first = (...args: unknown[]) => seen.push(`first ${args.join(',')}`);
		const second = (...args: unknown[]) => seen.push(`second ${args.join(',')}`);
		emitter.on('data', first);
		emitter.on('data', second);
		const returns = [emitter.emit('data', 'a', 1), emitter.emit('end')];
		emitter.off('data', first);
		returns.push(emitter.emit('data', 'b'));
		return { seen, returns };
	}

	it('calls listeners in order with the arguments, and reports whether anyone listened, as Node does', () => {
		const shim = record(new EventEmitter());
		expect(shim).toEqual(record(new NodeEventEmitter()));
		expect(shim).toEqual({ seen: ['first a,1', 'second a,1', 'second b'], returns: [true, false, true] });
	});

	it('throws an error event nobody listens to, and hands it to a listener otherwise', () => {
		const emitter = new EventEmitter();
		const failure = new Error('Document cannot have multiple document element nodes.');
		expect(() => emitter.emit('error', failure)).toThrow(failure);
		const received: unknown[] = [];
		emitter.on('error', (error) => received.push(error));
		expect(emitter.emit('error', failure)).toBe(true);
		expect(received).toEqual([failure]);
		expect(emitter.listenerCount('error')).toBe(1);
	});

	it('is what xmlbuilder2 callback builders extend when bundled: their events reach the listeners', () => {
		class CallbackBuilder extends EventEmitter {
			constructor(onData: (chunk: string) => void) {
				super();
				this.on('data', (chunk) => onData(String(chunk)));
			}
			write(text: string): this {
				this.emit('data', text);
				return this;
			}
		}
		const chunks: string[] = [];
		new CallbackBuilder((chunk) => chunks.push(chunk)).write('<a/>').write('<b/>');
		expect(chunks).toEqual(['<a/>', '<b/>']);
	});
});

describe('js-yaml shim', () => {
	it('says YAML input is not supported instead of parsing it', () => {
		expect(() => load()).toThrow('YAML input is not supported by this package');
	});
});
