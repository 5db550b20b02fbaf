// The first-run flow in the desktop shell itself, through Playwright's Electron launcher. Runs only
// where an Electron binary exists; these machines cannot download one, so here it is skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, test } from '@playwright/test';
import { expectFirstRunScreen, openDemoAndWaitForSync, visitEverySection } from '../e2e/support/flows';
import { electronBinary } from './electronBinary';

const ROOT = resolve(import.meta.dirname, '../..');
const binary = electronBinary(ROOT);

test.skip(!binary, 'No Electron binary on this machine (node_modules/electron/path.txt or the file it names is missing, and Electron cannot be downloaded here): the desktop shell is covered by the browser-mode tests.');

test('the desktop app opens on the first-run screen, opens the demo organisation and shows every section', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlight-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [ROOT],
    cwd: ROOT,
    // A fresh data folder, so this is a first run whatever the machine has seen before.
    env: { ...process.env, ENLIGHT_ADMIN_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await expectFirstRunScreen(window);
    await openDemoAndWaitForSync(window);
    await visitEverySection(window);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
});
