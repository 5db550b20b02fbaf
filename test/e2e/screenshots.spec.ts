// Pictures of every screen in both themes, for review: test-results/screenshots/<screen>-<theme>.png.
// Not compared with anything; each picture is taken once the screen has settled.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

const DIR = 'test-results/screenshots';
const THEMES = ['light', 'dark'] as const;
const SECTIONS = ['courses', 'students', 'enrollments', 'groups', 'users'] as const;

async function useTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.evaluate((t) => window.enlight!.invoke('settings.set', { theme: t }), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

async function shoot(page: Page, name: string, theme: string): Promise<void> {
  await page.screenshot({ path: `${DIR}/${name}-${theme}.png`, fullPage: true });
}

test('every screen, in the light and the dark theme', async ({ app }) => {
  mkdirSync(DIR, { recursive: true });

  for (const theme of THEMES) {
    await useTheme(app, theme);
    await expect(app.getByRole('heading', { name: 'Welcome to Enlight Admin' })).toBeVisible();
    await shoot(app, 'first-run', theme);
  }

  await app.getByRole('button', { name: 'Open the demo organisation' }).click();
  await expect(app.getByText(/^Last complete sync: /)).toBeVisible({ timeout: 60_000 });

  for (const theme of THEMES) {
    await useTheme(app, theme);
    for (const section of SECTIONS) {
      await app.goto(`${new URL(app.url()).origin}/#/${section}`);
      await expect(app.getByTestId('record-count')).toBeVisible();
      await shoot(app, section, theme);
    }
    await app.goto(`${new URL(app.url()).origin}/#/settings`);
    await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await shoot(app, 'settings', theme);

    await app.goto(`${new URL(app.url()).origin}/#/add-account`);
    await expect(app.getByRole('heading', { level: 1, name: 'Add your Enlight account' })).toBeVisible();
    await shoot(app, 'add-account', theme);

    await app.goto(`${new URL(app.url()).origin}/#/students`);
    await app.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'What each step fetched' }).click();
    await shoot(app, 'sync-details', theme);

    // The same screens read in Traditional Chinese.
    await app.evaluate(() => window.enlight!.invoke('settings.set', { language: 'zh-TW' }));
    await app.goto(`${new URL(app.url()).origin}/#/enrollments`);
    await app.reload();
    await expect(app.getByRole('heading', { level: 1, name: '報名紀錄' })).toBeVisible();
    await expect(app.getByTestId('record-count')).toBeVisible();
    await shoot(app, 'enrollments-zh-TW', theme);
    await app.evaluate(() => window.enlight!.invoke('settings.set', { language: 'en' }));
  }
});
