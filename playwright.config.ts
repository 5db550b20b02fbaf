// End-to-end tests: the built renderer in Debian's Chromium against the real web host (test/e2e),
// and the desktop shell through Playwright's Electron launcher where a binary exists (test/electron).
// Browsers are never downloaded: Chromium is always /usr/bin/chromium (Debian package `chromium`).
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './test/e2e/support/chromium';

process.env['PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD'] ??= '1';

export default defineConfig({
  outputDir: 'test-results/playwright',
  // One worker: two cores, and every test starts its own web host and demo sandbox.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  },
  projects: [
    { name: 'browser', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
