import { timingSafeEqual } from 'crypto';

/** TBA rules NetSuite applies to SOAP passports and REST OAuth 1.0a headers alike [O:subsect_156935170194]. */
export const NONCE_PATTERN = /^[A-Za-z0-9]{6,64}$/;
export const TIMESTAMP_PATTERN = /^\d{1,12}$/;
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** Beyond this many remembered nonces the oldest are forgotten, so a long benchmark stays bounded. */
const NONCE_MEMORY = 500_000;

/** NetSuite refuses a nonce it has seen for the same token (`NonceUsed`), for SOAP passports and REST headers alike. */
export class NonceMemory {
	private readonly seen = new Set<string>();

	/** false when the nonce was used before; else remembers it. */
	use(token: string, nonce: string): boolean {
		const key = `${token}\u0000${nonce}`;
		if (this.seen.has(key)) return false;
		this.seen.add(key);
		if (this.seen.size > NONCE_MEMORY) {
			const oldest = this.seen.values().next().value;
			if (oldest !== undefined) this.seen.delete(oldest);
		}
		return true;
	}
}

/** Constant-time comparison of a presented signature with the expected one. */
export function sameText(actual: string, expected: string): boolean {
	const a = Buffer.from(actual, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
