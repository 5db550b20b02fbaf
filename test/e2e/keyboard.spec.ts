// Everything works from the keyboard: skipping to the content, moving between sections, and
// changing settings with the arrow keys.
import { expect, test } from './support/test';
import { openDemoAndWaitForSync } from './support/flows';

test('the keyboard reaches the content, the sections and the settings', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const before = app.url();

  // The first Tab reaches "Skip to content", which moves focus without leaving the page.
  await app.locator('body').focus();
  await app.keyboard.press('Tab');
  const skip = app.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.locator('#content')).toBeFocused();
  expect(app.url()).toBe(before);

  const nav = app.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: /^Groups/ }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Groups' })).toBeFocused();

  await nav.getByRole('link', { name: 'Settings' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await app.getByRole('radio', { name: 'Same as the system' }).focus();
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
});
