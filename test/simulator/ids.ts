import { randomBytes } from 'crypto';

/** NetSuite ids embed a MMDDYYYYHHmmssSSS stamp (see the job id in sample 00a and the nsId in 00b). */
function stamp(epochMs: number): string {
	const date = new Date(epochMs);
	const two = (value: number) => String(value).padStart(2, '0');
	return (
		two(date.getUTCMonth() + 1) +
		two(date.getUTCDate()) +
		String(date.getUTCFullYear()) +
		two(date.getUTCHours()) +
		two(date.getUTCMinutes()) +
		two(date.getUTCSeconds()) +
		String(date.getUTCMilliseconds()).padStart(3, '0')
	);
}

export class IdFactory {
	private sequence = 0;

	constructor(private readonly account: string) {}

	/** `WEBSERVICES_<ACCOUNT>_<stamp><sequence>_<hex>`: unique per response, like Header/documentInfo/nsId. */
	nsId(epochMs: number): string {
		return `WEBSERVICES_${this.account}_${stamp(epochMs)}${this.next()}_${randomBytes(6).toString('hex')}`;
	}

	/** `ASYNCWEBSERVICES_<ACCOUNT>_<stamp><sequence>_<n>`, the shape of a real async job id. */
	jobId(epochMs: number): string {
		return `ASYNCWEBSERVICES_${this.account}_${stamp(epochMs)}${this.next()}_${(this.sequence % 9) + 1}`;
	}

	private next(): string {
		this.sequence += 1;
		return String(this.sequence).padStart(10, '0');
	}
}
