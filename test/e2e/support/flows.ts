// Steps a person takes, shared by the browser-mode and the desktop-shell tests.
import { expect, type Page } from '@playwright/test';
import { recordCount } from './grid';

// Courses is the page the app opens on, so it comes last: each click is then a real change of page.
const SECTIONS = [
  { link: 'Students', column: 'Email' },
  { link: 'Enrollments', column: 'Student' },
  { link: 'Groups', column: 'Name' },
  { link: 'Users', column: 'Role' },
  { link: 'Courses', column: 'Name' },
];

export async function expectFirstRunScreen(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to Enlight Admin' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add your Enlight account' })).toBeVisible();
}

/** Opens the demo organisation and waits for its first sync to finish. */
export async function openDemoAndWaitForSync(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo organisation' }).click();
  await expect(page.getByRole('region', { name: 'Sync' }).getByText(/^Last complete sync: /)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Account')).toHaveValue('demo');
}

/** Goes to each section by its link and checks it shows its record count and first rows in its grid. */
export async function visitEverySection(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const { link, column } of SECTIONS) {
    await nav.getByRole('link', { name: new RegExp(`^${link}`) }).click();
    await expect(page).toHaveURL(new RegExp(`#/${link.toLowerCase()}$`));
    // Focus lands on the new page, so keyboard and screen-reader users start there.
    await expect(page.getByRole('heading', { level: 1, name: link })).toBeFocused();

    const total = await recordCount(page);
    expect(total, `${link} has records after the sync`).toBeGreaterThan(0);
    // The navigation's count and the page's agree.
    await expect(nav.getByRole('link', { name: new RegExp(`^${link}`) })).toContainText(total.toLocaleString('en'));

    // The grid counts every record (plus its header row) and shows the first ones.
    const grid = page.getByRole('grid', { name: link });
    await expect(grid.getByRole('columnheader', { name: column })).toBeVisible();
    await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
    // Its first field (after the column of selection checkboxes) shows a value.
    await expect(grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="2"]')).not.toBeEmpty();
  }
}
