// The tests' `test`: every test gets a fresh web host (its own data folder, so it starts at the
// first-run screen) and a page that has opened the host's link.
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHostProcess, type RunningWebHost } from './webHost';

export { expect };

export const test = base.extend<{ host: RunningWebHost; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  host: async ({}, use, testInfo) => {
    const host = await startWebHostProcess();
    await use(host);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('web host stderr', { body: host.stderr(), contentType: 'text/plain' });
    await host.stop();
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url);
    await use(page);
  },
});
