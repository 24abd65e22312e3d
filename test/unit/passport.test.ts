import { createNonce, freshPassport, passportSignature, signPassport, unixSeconds } from '../../nodes/NetSuiteAsync/suitetalk/passport';

const secrets = {
	accountId: '1234567_sb1',
	consumerKey: 'ck-consumer-key',
	consumerSecret: 'cs-consumer-secret',
	tokenId: 'tk-token-id',
	tokenSecret: 'ts-token-secret',
};

describe('token passport signature', () => {
	// Computed outside our code:
	// printf '%s' '1234567_SB1&ck-consumer-key&tk-token-id&abc123NONCE456def&1700000000' \
	//   | openssl dgst -sha256 -hmac 'cs-consumer-secret&ts-token-secret' -binary | base64
	const OPENSSL_SIGNATURE = '19+MvsM6ndcOs83WnYWdvz/jdSJYUuq4gDAHEQ2e3H8=';

	it('matches an HMAC-SHA256 computed by openssl over the raw values', () => {
		expect(passportSignature(secrets, '1234567_SB1', 'abc123NONCE456def', '1700000000')).toBe(OPENSSL_SIGNATURE);
	});

	it('signs the upper-case account, as NetSuite rejects a lower-case _sb1', () => {
		const passport = signPassport(secrets, 'abc123NONCE456def', '1700000000');
		expect(passport).toEqual({
			account: '1234567_SB1',
			consumerKey: 'ck-consumer-key',
			token: 'tk-token-id',
			nonce: 'abc123NONCE456def',
			timestamp: '1700000000',
			signature: OPENSSL_SIGNATURE,
		});
	});

	it('turns a host-style account (1234567-sb1) into the passport form', () => {
		expect(signPassport({ ...secrets, accountId: '1234567-sb1' }, 'abc123NONCE456def', '1700000000').signature).toBe(
			OPENSSL_SIGNATURE,
		);
	});

	it('changes with any one input', () => {
		const base = passportSignature(secrets, '1234567_SB1', 'abc123NONCE456def', '1700000000');
		expect(passportSignature(secrets, '1234567_SB1', 'abc123NONCE456deg', '1700000000')).not.toBe(base);
		expect(passportSignature(secrets, '1234567_SB1', 'abc123NONCE456def', '1700000001')).not.toBe(base);
		expect(passportSignature({ ...secrets, tokenSecret: 'other' }, '1234567_SB1', 'abc123NONCE456def', '1700000000')).not.toBe(base);
	});
});

describe('nonce and timestamp', () => {
	it('draws 32 hex characters from the random source', () => {
		const nonce = createNonce((size) => Buffer.alloc(size, 0xab));
		expect(nonce).toBe('ab'.repeat(16));
	});

	it('is alphanumeric, 6 to 64 characters, and different every time', () => {
		const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
		expect(nonces.size).toBe(1000);
		for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
	});

	it('uses Unix seconds from the injected clock', () => {
		expect(unixSeconds(() => 1700000000999)).toBe('1700000000');
		const passport = freshPassport(secrets, () => 1700000000999, (size) => Buffer.alloc(size, 1));
		expect(passport.timestamp).toBe('1700000000');
		expect(passport.nonce).toBe('01'.repeat(16));
	});
});
