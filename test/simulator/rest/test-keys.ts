import { readFileSync } from 'fs';
import { join } from 'path';

import type { SimulatorM2mCredentials } from './types';

/** The test-only private keys in test/fixtures/m2m-keys (see its README); they belong to no NetSuite account. */
const KEY_DIR = join(__dirname, '..', '..', 'fixtures', 'm2m-keys');

export type TestKeyName = 'rsa-3072' | 'rsa-3072-other' | 'ec-p256' | 'ec-p384' | 'ec-p521';

export function testPrivateKeyPem(name: TestKeyName): string {
	return readFileSync(join(KEY_DIR, `${name}.private.pem`), 'utf8');
}

/** Obviously fake values for the simulator's OAuth 2.0 M2M mapping: one certificate, the RSA test key. */
export function defaultM2mCredentials(): SimulatorM2mCredentials {
	return {
		clientId: 'simulator-client-id-not-a-secret',
		certificates: [{ certificateId: 'simulator-certificate-id-rsa', publicKeyPem: testPrivateKeyPem('rsa-3072') }],
		allowedScopes: ['rest_webservices', 'restlets'],
	};
}
