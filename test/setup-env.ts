import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { overrideMinWaitSecondsForTests } from '../nodes/NetSuiteAsync/waitFloor';

// n8n-core reads these when first required; without them it writes ~/.n8n/config on the host.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-netsuite-async-test-'));
process.env.N8N_ENCRYPTION_KEY ??= 'test-encryption-key-not-a-secret';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// The suite runs the node's schedules in milliseconds; test/workflow/checkAsyncStatus.test.ts checks the real 1 s floor.
overrideMinWaitSecondsForTests(0.01);
