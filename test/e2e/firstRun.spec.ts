// A new installation, as a person meets it: the first-run screen, the demo organisation, its first
// sync with live progress, and every section showing what was fetched.
import { expect, test } from './support/test';
import { expectFirstRunScreen, openDemoAndWaitForSync, visitEverySection } from './support/flows';
import { recordSyncProgress, syncBarSightings } from './support/syncRecorder';

test('the demo organisation opens, syncs with visible progress, and every section shows its records', async ({ page, host }) => {
  await recordSyncProgress(page);
  await page.goto(host.url);
  await expectFirstRunScreen(page);

  // The keychain warning is there exactly when the back end has none (as on a headless machine).
  const state = await page.evaluate(() => window.enlight!.invoke('app.state', {}));
  await expect(page.getByTestId('keychain-warning')).toHaveCount(state.keychain ? 0 : 1);
  if (!state.keychain) await expect(page.getByTestId('keychain-warning')).toContainText('kept only until the app closes');

  await openDemoAndWaitForSync(page);
  const seen = await syncBarSightings(page);
  expect(seen.length, 'the progress list was shown while the sync ran').toBeGreaterThan(0);
  expect(seen.map((s) => s.steps).join('\n')).toMatch(/Students.*Records: \d/);
  expect(seen.every((s) => s.stop), 'Stop was offered throughout the sync').toBe(true);

  // Afterwards the bar still says what each step fetched, one click away, and offers no Stop.
  const syncBar = page.getByRole('region', { name: 'Sync' });
  await expect(syncBar.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  const details = syncBar.getByRole('button', { name: 'What each step fetched' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.click();
  for (const name of ['Courses', 'Students', 'Enrollments', 'Groups', 'Users', 'Group members']) {
    await expect(syncBar.getByRole('listitem').filter({ hasText: new RegExp(`^${name}`) })).toContainText('Done');
  }

  await visitEverySection(page);
});

test('a refused account is explained under the form, in plain words', async ({ app }) => {
  const form = app.getByRole('form', { name: 'Add your Enlight account' });
  await form.getByLabel('Account name').fill('Acme');
  await form.getByLabel('Enlight address').fill('http://acme.example.com');
  await form.getByLabel('API key').fill('not-a-real-key');
  await form.getByRole('button', { name: 'Check and add' }).click();

  const failure = form.getByRole('alert');
  await expect(failure).toContainText('The account was not added.');
  await expect(failure).toContainText('must be reached over HTTPS');
  // Nothing was saved: still the first-run screen, and the key is not echoed anywhere.
  await expectFirstRunScreen(app);
  await expect(app.locator('body')).not.toContainText('not-a-real-key');
});

test('a wrong API key is refused by the server before anything is saved', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  // The demo organisation is a real Enlight API on this computer: a good address to try a bad key on.
  const { current } = await app.evaluate(() => window.enlight!.invoke('app.state', {}));
  await app.getByLabel('Account').selectOption({ label: 'Add another account…' });
  const form = app.getByRole('form', { name: 'Add your Enlight account' });
  await form.getByLabel('Account name').fill('Wrong key');
  await form.getByLabel('Enlight address').fill(current!.baseUrl);
  await form.getByLabel('API key').fill('0000-wrong-key');
  await form.getByRole('button', { name: 'Check and add' }).click();

  await expect(form.getByRole('alert')).toContainText('The server refused the API key.');
  const after = await app.evaluate(() => window.enlight!.invoke('app.state', {}));
  expect(after.accounts).toEqual([]);
  expect(after.current?.demo).toBe(true);
});
