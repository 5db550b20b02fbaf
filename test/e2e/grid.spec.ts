// The records grid as a person uses it: every record counted, sorted by a click in SQLite, searched,
// walked to its very end from the keyboard, and a hostile-looking value shown as plain text.
import { expect, test } from './support/test';
import { openDemoAndWaitForSync } from './support/flows';
import { expectFocusOn } from './support/grid';
import type { Locator, Page } from '@playwright/test';

async function openStudents(app: Page): Promise<{ grid: Locator; total: number }> {
  await openDemoAndWaitForSync(app);
  const link = app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Students/ });
  const total = Number((await link.textContent())?.replace(/\D/g, ''));
  expect(total, 'the demo organisation has students').toBeGreaterThan(0);
  await link.click();
  return { grid: app.getByRole('grid', { name: 'Students' }), total };
}

/** The text of one column in the first `n` records the grid shows. */
async function firstValues(grid: Locator, column: number, n: number): Promise<string[]> {
  const values: string[] = [];
  for (let rowIndex = 2; rowIndex < 2 + n; rowIndex += 1) {
    const cell = grid.locator(`[role="row"][aria-rowindex="${rowIndex}"] [role="gridcell"][aria-colindex="${column}"]`);
    await expect(cell).not.toBeEmpty();
    values.push((await cell.textContent()) ?? '');
  }
  return values;
}

test('the students grid counts every record, sorts by a column and searches', async ({ app }) => {
  const { grid, total } = await openStudents(app);
  // Every record is counted, plus the header row, though only a window of them has been read.
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
  // The selection checkboxes' column, then the six default columns.
  await expect(grid).toHaveAttribute('aria-colcount', '7');

  const familyName = grid.getByRole('columnheader', { name: 'Family name' });
  await familyName.click();
  await expect(familyName).toHaveAttribute('aria-sort', 'ascending');
  const sorted = await app.evaluate(() => window.enlight!.invoke('students.query', { sort: [{ column: 'family_name' }], offset: 0, limit: 5 }));
  const expected = sorted.rows.map((r) => String(r['family_name'] ?? ''));
  await expect.poll(() => firstValues(grid, 3, 5)).toEqual(expected);
  const lowered = expected.map((name) => name.toLowerCase());
  expect(lowered).toEqual([...lowered].sort());

  await familyName.click();
  await expect(familyName).toHaveAttribute('aria-sort', 'descending');

  // Searching a name leaves only the students it matches, and says how many.
  const search = lowered[0]!.slice(0, 4);
  await app.getByLabel('Search').fill(search);
  await expect.poll(async () => Number(await grid.getAttribute('aria-rowcount'))).toBeLessThan(total + 1);
  const matching = Number(await grid.getAttribute('aria-rowcount')) - 1;
  expect(matching).toBeGreaterThan(0);
  await expect(app.getByTestId('record-count')).toHaveText(`${matching.toLocaleString('en')} ${matching === 1 ? 'record' : 'records'}`);
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toContainText(new RegExp(search, 'i'));

  await app.getByLabel('Search').fill('');
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
});

test('the grid searches once typing pauses, not once for every keystroke', async ({ app }) => {
  await openStudents(app);
  const searched: string[] = [];
  app.on('request', (request) => {
    if (!request.url().endsWith('/bridge')) return;
    const body = request.postDataJSON() as { name?: string; input?: { search?: string } };
    if (body.name === 'students.query' && body.input?.search) searched.push(body.input.search);
  });
  const typed = 'example.com';
  await app.getByLabel('Search').pressSequentially(typed);
  await expect(app.getByLabel('Search')).toHaveValue(typed);
  await expect.poll(() => searched.at(-1)).toBe(typed);
  // Only a pause sends a search: on a machine slow enough to pause between some keystrokes, a
  // few more, but never one per keystroke.
  expect(searched.length).toBeLessThan(typed.length / 2);
});

test('the keyboard walks the grid to its last record and back, with one tab stop', async ({ app }) => {
  const { grid, total } = await openStudents(app);
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
  // One tab stop: the first header cell, until the keyboard moves it.
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  await grid.getByRole('columnheader', { name: 'Given name' }).focus();

  await app.keyboard.press('ArrowDown');
  await expectFocusOn(grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="2"]'));
  await app.keyboard.press('End');
  await expectFocusOn(grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').last());

  // Ctrl+End reaches the last record, read on the way, whatever the count.
  await app.keyboard.press('Control+End');
  const lastRow = grid.locator(`[role="row"][aria-rowindex="${total + 1}"]`);
  await expectFocusOn(lastRow.locator('[role="gridcell"][aria-colindex="7"]'));
  await expect(lastRow).not.toHaveAttribute('aria-busy', 'true');
  await expect(lastRow.locator('[role="gridcell"][aria-colindex="4"]')).not.toBeEmpty();
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);

  await app.keyboard.press('PageUp');
  await expect(grid.locator('[role="gridcell"]:focus-within')).toHaveCount(1);
  // Ctrl+Home reaches the first cell: the header of the selection checkboxes.
  await app.keyboard.press('Control+Home');
  await expect(grid.getByRole('columnheader').first()).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(grid.getByRole('columnheader', { name: 'Given name' })).toBeFocused();

  // Enter on a header sorts by it, as a click does.
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Enter');
  await expect(grid.getByRole('columnheader', { name: 'Family name' })).toHaveAttribute('aria-sort', 'ascending');
});

test('a value that looks like markup is shown as text, and an edit shows without a reload', async ({ app }) => {
  const { grid } = await openStudents(app);
  // Searching for a name nobody has yet: the grid is empty until the edit below gives someone it.
  await app.getByLabel('Search').fill('Mallory');
  await expect(grid).toHaveAttribute('aria-rowcount', '1');

  const payload = '<img src=x onerror="window.__xss=1">Mallory';
  await app.evaluate(async (familyName) => {
    const first = await window.enlight!.invoke('students.query', { offset: 0, limit: 1 });
    await window.enlight!.invoke('records.update', { resource: 'students', id: String(first.rows[0]!['id']), fields: { family_name: familyName } });
  }, payload);

  // The grid hears that students changed and reads its rows again.
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="3"] .record-grid__value')).toHaveText(payload);
  await expect(grid.locator('img')).toHaveCount(0);
  expect(await app.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
