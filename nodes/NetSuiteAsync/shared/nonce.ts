import { randomBytes } from 'crypto';

/** Injected so tests pin time and randomness and compare with independently computed signatures. */
export type Clock = () => number;
export type RandomSource = (size: number) => Buffer;

/** Hex of 16 CSPRNG bytes: 32 alphanumerics, inside NetSuite's 6–64 and above its advice of 20. */
export function createNonce(random: RandomSource = randomBytes): string {
	return random(16).toString('hex');
}

export function unixSeconds(clock: Clock): string {
	return String(Math.floor(clock() / 1000));
}
