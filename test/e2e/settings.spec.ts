// Theme and language are the user's: they apply at once, everywhere, and are still there after a
// reload (they are saved by the back end, not in the page).
import { expect, test } from './support/test';

test('switching language and theme applies at once and survives a reload', async ({ app }) => {
  const html = app.locator('html');
  await app.getByRole('button', { name: 'Open the demo organisation' }).click();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await app.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const darkBackground = await app.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);

  await app.getByLabel('Language').selectOption('zh-TW');
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
  await expect(app.getByRole('navigation', { name: '功能選單' }).getByRole('link', { name: /^課程/ })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'zh-TW');

  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(html).toHaveAttribute('lang', 'zh-TW');
  await expect(app.getByRole('radio', { name: '深色' })).toBeChecked();
  expect(await app.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)).toBe(darkBackground);

  // Back to English and light: the page's own colours change, not only the attribute.
  await app.getByLabel('語言').selectOption('en');
  await app.getByRole('radio', { name: 'Light' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await app.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)).not.toBe(darkBackground);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('"Same as the system" follows the system’s colour scheme as it changes', async ({ app }) => {
  const html = app.locator('html');
  await app.emulateMedia({ colorScheme: 'dark' });
  // The first-run screen has the same pickers, so the choice can be made before any account exists.
  await app.getByRole('radio', { name: 'Same as the system' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await app.reload();
  await expect(app.getByRole('radio', { name: 'Same as the system' })).toBeChecked();
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
