// The records grid as the Playwright tests work it: a section opened from the navigation, a column
// sorted by a click, a cell found by its aria position, the record count read off the page, the
// outbox sent, and the bridge called from the page as the renderer calls it.
import { expect, type Locator, type Page } from '@playwright/test';
import type { CallInput, CallName, CallOutput } from '../../../src/shared/bridge';

/** Opens a section from the navigation and waits until its first record has been read. */
export async function goToSection(page: Page, name: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(`^${name}`) }).click();
  const grid = page.getByRole('grid', { name });
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).not.toHaveAttribute('aria-busy', 'true');
  return grid;
}

/** Sorts by a column with a click on its header, ascending. */
export async function sortBy(grid: Locator, column: string): Promise<void> {
  const header = grid.getByRole('columnheader', { name: column });
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
}

/** The cell at a grid position as aria counts it: rows and columns from 1, the header row and the checkbox column first. */
export function cellAt(grid: Locator, row: number, col: number): Locator {
  return grid.locator(`[role="row"][aria-rowindex="${row}"] [role="gridcell"][aria-colindex="${col}"]`);
}

/**
 * Waits until the keyboard's focus is on the cell: on the cell itself, or, for a cell that can be
 * edited, on the input it waits for typing in (where an input method works).
 */
export async function expectFocusOn(cell: Locator): Promise<void> {
  await expect(cell.and(cell.page().locator(':focus-within'))).toHaveCount(1);
}

/** The number of records the page says its grid holds ("1,234 records"). */
export async function recordCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('record-count').textContent()) ?? '';
  return Number(/([\d,]+) records?/.exec(text)?.[1]?.replaceAll(',', ''));
}

export async function sendNow(page: Page): Promise<void> {
  await page.getByTestId('outbox').getByRole('button', { name: 'Send now' }).click();
}

/** A bridge call made from the page, through the transport the renderer uses. */
export function bridgeCall<K extends CallName>(page: Page, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  return page.evaluate(([n, i]) => window.enlight!.invoke(n as K, i as CallInput<K>) as Promise<unknown>, [name, input] as const) as Promise<CallOutput<K>>;
}
