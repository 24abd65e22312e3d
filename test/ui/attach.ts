/**
 * Debugging aid for the editor UI test: attaches to the browser that `UI_KEEP_OPEN=1 npx tsx
 * test/ui/run-ui.ts` left running (DevTools on 127.0.0.1:9333) and runs a snippet module against
 * its page:
 *
 *   npx tsx test/ui/attach.ts /tmp/snippet.ts
 *   // /tmp/snippet.ts:  export default async (page) => { await page.screenshot({ path: '/tmp/now.png' }); };
 */
import { resolve } from 'node:path';

import { chromium, selectors, type Page } from 'playwright-core';

async function main(): Promise<void> {
	const snippet = process.argv[2];
	if (!snippet) throw new Error('usage: npx tsx test/ui/attach.ts <snippet module exporting default async (page) => …>');
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.connectOverCDP(process.env.UI_CDP_URL ?? 'http://127.0.0.1:9333');
	const page = browser.contexts()[0]?.pages()[0];
	if (!page) throw new Error('no page in the attached browser');
	const module = (await import(resolve(snippet))) as { default: (page: Page) => Promise<void> };
	await module.default(page);
	process.exit(0); // leave the browser running: it belongs to run-ui.ts
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
