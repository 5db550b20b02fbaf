// Editing in the grid as someone coming from Excel does it, from the keyboard: typing over a cell,
// Enter and Tab to save and move, Escape to cancel; a value the column does not take kept with its
// message; the edit waiting in the outbox until it is pushed; the server's refusal and a conflict
// shown on the cell and settled there; a block pasted from a spreadsheet, a fill down, undo, redo.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { openDemoAndWaitForSync } from './support/flows';
import { cellAt, expectFocusOn, goToSection, sendNow, sortBy } from './support/grid';
import type { RunningWebHost } from './support/webHost';

async function openSection(app: Page, name: string): Promise<Locator> {
  await openDemoAndWaitForSync(app);
  return goToSection(app, name);
}

const valueAt = (grid: Locator, row: number, col: number) => cellAt(grid, row, col).locator('.record-grid__value');
const status = (app: Page) => app.locator('.record-grid__status');
/** The open cell editor (a textbox, or a combobox where it suggests values). */
const editorIn = (grid: Locator) => grid.locator('input.record-grid__editor');

/** Another administrator's change, made on the demo server itself with the owner's key. */
async function asAnotherAdmin(app: Page, host: RunningWebHost, method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>): Promise<void> {
  const db = new Database(join(host.dataDir, 'demo', 'sandbox.sqlite'), { readonly: true });
  const { api_key: key } = db.prepare(`SELECT api_key FROM users WHERE json_extract(doc, '$.role') = 'owner' LIMIT 1`).get() as { api_key: string };
  db.close();
  const { current } = await app.evaluate(() => window.enlight!.invoke('app.state', {}));
  const response = await fetch(`${current!.baseUrl}/api/v1/${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.ok, await response.text()).toBe(true);
}

test('the keyboard moves, edits, cancels, keeps a refused value with its message, and the edit is pushed', async ({ app }) => {
  const grid = await openSection(app, 'Students');
  // Sorted by a column no edit below changes, so rows keep their places while they are edited.
  await sortBy(grid, 'Email');
  await grid.getByRole('columnheader', { name: 'Given name' }).focus();
  await app.keyboard.press('ArrowDown');
  await expectFocusOn(cellAt(grid, 2, 2));
  // The focus is on the cell's input waiting for typing, which says what the cell holds.
  const given = (await valueAt(grid, 2, 2).textContent()) ?? '';
  await expect(app.locator(':focus')).toHaveAccessibleName(`Given name, row 1: ${given}. Type to replace it, or press Enter to edit it.`);

  // Typing replaces the value; Enter saves and moves down.
  await app.keyboard.type('Zed');
  const editor = editorIn(grid);
  await expect(editor).toHaveAccessibleName('Given name, row 1. Enter saves, Escape cancels.');
  await expect(editor).toHaveValue('Zed');
  await app.keyboard.press('Enter');
  await expectFocusOn(cellAt(grid, 3, 2));
  await expect(valueAt(grid, 2, 2)).toHaveText('Zed');
  await expect(cellAt(grid, 2, 2)).toContainText('waiting to be sent');

  // F2 edits what is there; Escape leaves it as it was.
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('F2');
  await expect(editor).toHaveValue('Zed');
  await app.keyboard.type('xx');
  await app.keyboard.press('Escape');
  await expectFocusOn(cellAt(grid, 2, 2));
  await expect(valueAt(grid, 2, 2)).toHaveText('Zed');

  // Tab saves and moves right.
  await app.keyboard.press('Enter');
  await app.keyboard.type('ie');
  await app.keyboard.press('Tab');
  await expectFocusOn(cellAt(grid, 2, 3));
  await expect(valueAt(grid, 2, 2)).toHaveText('Zedie');

  // A language the API does not have: the editor stays, with what was typed and why it was refused.
  await app.keyboard.press('End');
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.type('fr-FR');
  await app.keyboard.press('Enter');
  const language = editorIn(grid);
  await expect(language).toHaveAccessibleName(/^Language, row 1\./);
  await expect(language).toHaveValue('fr-FR');
  await expect(language).toHaveAttribute('aria-invalid', 'true');
  await expect(language).toHaveAccessibleDescription('Enter one of: en-US, en-GB, es-ES, es-MX.');
  await app.keyboard.press('Control+A');
  await app.keyboard.type('es-MX');
  await app.keyboard.press('Enter');
  await expect(valueAt(grid, 2, 6)).toHaveText('es-MX');

  // Space selects the row; Ctrl+A every matching row.
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Space');
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('aria-selected', 'true');
  await expect(status(app)).toHaveText('1 row selected.');
  await app.keyboard.press('Control+A');
  await expect(status(app)).toContainText('Every matching row is selected');

  // Pushed: the marks go, the values stay.
  await sendNow(app);
  await expect(app.getByTestId('outbox')).toContainText('Every edit has reached the server.');
  await expect(cellAt(grid, 2, 2)).not.toContainText('waiting to be sent');
  await expect(valueAt(grid, 2, 2)).toHaveText('Zedie');
  await expect(valueAt(grid, 2, 6)).toHaveText('es-MX');
});

test('a word composed with an input method, from its first key, goes into the cell whole and is saved', async ({ app }) => {
  const grid = await openSection(app, 'Students');
  await sortBy(grid, 'Email');
  await grid.getByRole('columnheader', { name: 'Given name' }).focus();
  await app.keyboard.press('ArrowDown');
  await expectFocusOn(cellAt(grid, 2, 2));
  // What an input method sends as "ni hao" becomes 你好. (Chromium drops a composition on anything
  // that does not take text, as it turns the input method off there: a focused cell lost the "n".)
  await app.evaluate(() => ((window as unknown as { imeTarget?: Element | null }).imeTarget = document.activeElement));
  const cdp = await app.context().newCDPSession(app);
  for (const text of ['n', 'ni', 'ni h', 'ni ha', 'ni hao']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: '你好' });
  const editor = editorIn(grid);
  await expect(editor).toHaveValue('你好');
  // The composition never saw the focus move: the input it began in is the editor.
  expect(await app.evaluate(() => document.activeElement === (window as unknown as { imeTarget?: Element | null }).imeTarget)).toBe(true);
  await expect(editor).toHaveAccessibleName('Given name, row 1. Enter saves, Escape cancels.');
  // A second word goes on in the same editor.
  for (const text of ['s', 'sh', 'shi']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: '是' });
  await expect(editor).toHaveValue('你好是');
  await app.keyboard.press('Enter');
  await expect(valueAt(grid, 2, 2)).toHaveText('你好是');
  await expectFocusOn(cellAt(grid, 3, 2));
  await expect(app.locator(':focus')).toHaveClass('record-grid__typing');

  // A cell made active by a click takes a composition as well.
  await cellAt(grid, 2, 3).click();
  for (const text of ['w', 'wa', 'wan']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: '王' });
  await expect(editor).toHaveValue('王');
  await expect(editor).toHaveAccessibleName('Family name, row 1. Enter saves, Escape cancels.');
  await app.keyboard.press('Escape');
  await expect(editorIn(grid)).toHaveCount(0);
  await expectFocusOn(cellAt(grid, 2, 3));

  // A composition given up before anything was chosen leaves the cell as it was.
  await cdp.send('Input.imeSetComposition', { text: 'x', selectionStart: 1, selectionEnd: 1 });
  await expect(editor).toHaveCount(1);
  await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  await expect(editorIn(grid)).toHaveCount(0);
  await expectFocusOn(cellAt(grid, 2, 3));
  await cdp.detach();
});

test('a read-only cell says so when someone tries to edit it, and a past expiry is refused at once', async ({ app }) => {
  const grid = await openSection(app, 'Enrollments');
  await grid.getByRole('columnheader', { name: 'Student' }).focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.type('x');
  await expect(status(app)).toHaveText('Student cannot be changed here: the Enlight API does not allow it.');
  await expect(editorIn(grid)).toHaveCount(0);

  const expires = grid.getByRole('columnheader', { name: 'Expires' });
  const col = Number(await expires.getAttribute('aria-colindex'));
  await cellAt(grid, 2, col).click();
  await app.keyboard.type('2001-01-01');
  await app.keyboard.press('Enter');
  const editor = editorIn(grid);
  await expect(editor).toHaveAccessibleName(/^Expires, row 1\./);
  await expect(editor).toHaveAccessibleDescription('Enter a date in the future.');
  await app.keyboard.press('Escape');
  await expect(editorIn(grid)).toHaveCount(0);
});

test('the server’s refusal shows on the cell, and correcting the value sends it again', async ({ app, host }) => {
  const grid = await openSection(app, 'Students');
  const first = await app.evaluate(() => window.enlight!.invoke('students.query', { sort: [{ column: 'email' }], offset: 0, limit: 1 }));
  const { email, family_name: familyName } = first.rows[0] as { email: string; family_name: string };
  // Someone creates a student with this address on the server after the last sync: the local check passes.
  await asAnotherAdmin(app, host, 'POST', 'students', { given_name: 'Other', family_name: 'Admin', email: 'taken.on.server@example.com' });

  // Found by family name, which the edit leaves alone, so the row stays where it is.
  await app.getByLabel('Search').fill(familyName);
  const row = Number(await grid.locator('[role="row"]').filter({ hasText: email }).getAttribute('aria-rowindex'));
  await cellAt(grid, row, 4).click();
  await app.keyboard.type('taken.on.server@example.com');
  await app.keyboard.press('Enter');
  await expect(cellAt(grid, row, 4)).toContainText('waiting to be sent');

  await sendNow(app);
  const refused = cellAt(grid, row, 4);
  await expect(refused).toContainText('refused by the server: has already been taken');
  await expect(refused).toHaveAttribute('aria-invalid', 'true');
  // The active cell offers what can be done, with the server's words.
  await refused.click();
  const popover = app.getByRole('dialog', { name: new RegExp(`^Email, row ${row - 1}`) });
  await expect(popover).toContainText('has already been taken');

  // Editing the refused cell again corrects the queued edit.
  await app.keyboard.press('Enter');
  await app.keyboard.press('Control+A');
  await app.keyboard.type('free.address@example.com');
  await app.keyboard.press('Enter');
  await expect(cellAt(grid, row, 4)).toContainText('waiting to be sent');
  await sendNow(app);
  await expect(app.getByTestId('outbox')).toContainText('Every edit has reached the server.');
  await expect(valueAt(grid, row, 4)).toHaveText('free.address@example.com');
  await expect(cellAt(grid, row, 4)).not.toHaveAttribute('aria-invalid');
});

test('a conflict opens base, mine and theirs, and the keyboard keeps mine', async ({ app, host }) => {
  const grid = await openSection(app, 'Students');
  const first = await app.evaluate(() => window.enlight!.invoke('students.query', { sort: [{ column: 'email' }], offset: 0, limit: 1 }));
  const { id, email, family_name: base } = first.rows[0] as { id: string; email: string; family_name: string };
  await asAnotherAdmin(app, host, 'PATCH', `students/${id}`, { family_name: 'Theirs' });

  await app.getByLabel('Search').fill(email);
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await cellAt(grid, 2, 3).click();
  await app.keyboard.type('Mine');
  await app.keyboard.press('Enter');
  await sendNow(app);
  await expect(cellAt(grid, 2, 3)).toContainText('changed on the server too');

  await cellAt(grid, 2, 3).click();
  await app.keyboard.press('Shift+F10');
  const chooser = app.getByRole('dialog', { name: /^Family name, row 1/ });
  await expect(chooser).toContainText(`When you edited it${base}`);
  await expect(chooser).toContainText('Your valueMine');
  await expect(chooser).toContainText('On the server nowTheirs');
  await expect(chooser.getByRole('button', { name: 'Keep mine' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(status(app)).toHaveText('Your value will be sent.');
  await expectFocusOn(cellAt(grid, 2, 3));

  await sendNow(app);
  await expect(app.getByTestId('outbox')).toContainText('Every edit has reached the server.');
  await expect(valueAt(grid, 2, 3)).toHaveText('Mine');
});

test('a 20×3 block pasted from a spreadsheet is one queued step; undo, redo, fill down and copy', async ({ app, host }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const grid = await openSection(app, 'Students');
  await sortBy(grid, 'Email');
  const first = await app.evaluate(() => window.enlight!.invoke('students.query', { sort: [{ column: 'email' }], offset: 0, limit: 20 }));
  const ids = first.rows.map((r) => String(r['id']));
  /** How many fields of these students wait in the outbox. */
  const queuedFields = () =>
    app.evaluate(async (ids) => {
      const answer = await window.enlight!.invoke('students.query', { filters: [{ column: 'id', op: 'in', values: ids }], offset: 0, limit: ids.length });
      return Object.values(answer.edits ?? {}).reduce((n, e) => n + e.fields.length, 0);
    }, ids);

  // Given name, family name and email of 20 rows, as Excel puts them on the clipboard.
  const block = Array.from({ length: 20 }, (_, i) => `Pasted${i}\tRow${i}\tpasted.row${String(i).padStart(2, '0')}@example.com`).join('\r\n') + '\r\n';
  await app.evaluate((text) => navigator.clipboard.writeText(text), block);
  await cellAt(grid, 2, 2).click();
  await app.keyboard.press('Control+V');
  await expect(status(app)).toHaveText('60 cells pasted.');
  expect(await queuedFields()).toBe(60);
  await expect(app.getByTestId('outbox')).toContainText('Waiting to be sent: 20');

  // Ctrl+Z takes the whole paste back in one step; Ctrl+Y puts it back.
  await app.keyboard.press('Control+Z');
  await expect(status(app)).toHaveText('Undone.');
  expect(await queuedFields()).toBe(0);
  await app.keyboard.press('Control+Y');
  await expect(status(app)).toHaveText('Redone.');
  expect(await queuedFields()).toBe(60);

  // The pasted rows, each cell marked as waiting to be sent.
  await app.getByLabel('Search').fill('pasted.row');
  await expect(grid).toHaveAttribute('aria-rowcount', '21');
  await expect(valueAt(grid, 2, 2)).toHaveText('Pasted0');
  await expect(valueAt(grid, 21, 4)).toHaveText('pasted.row19@example.com');
  // All 20 rows are rendered, three cells of each marked.
  await expect(grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')).toHaveCount(20);
  await expect(grid.locator('.record-grid__cell--pending')).toHaveCount(60);

  // Fill down: a value typed in the first row, the rows below selected with Shift+Down, Ctrl+D.
  await cellAt(grid, 2, 5).click();
  await app.keyboard.type('EXT-FILL');
  await app.keyboard.press('Enter');
  await app.keyboard.press('ArrowUp');
  for (let i = 0; i < 4; i += 1) await app.keyboard.press('Shift+ArrowDown');
  await expect(status(app)).toHaveText('5 by 1 cells selected.');
  await app.keyboard.press('Control+D');
  await expect(status(app)).toHaveText('4 cells filled.');
  for (let row = 2; row <= 6; row += 1) await expect(valueAt(grid, row, 5)).toHaveText('EXT-FILL');
  await app.keyboard.press('Control+Z');
  await expect(status(app)).toHaveText('Undone.');
  await expect(valueAt(grid, 2, 5)).toHaveText('EXT-FILL');
  await expect(valueAt(grid, 3, 5)).not.toHaveText('EXT-FILL');
  await app.keyboard.press('Control+Shift+Z');
  await expect(valueAt(grid, 6, 5)).toHaveText('EXT-FILL');

  // The block is copied back out as tab-separated text.
  await cellAt(grid, 2, 2).click();
  await app.keyboard.press('Shift+ArrowDown');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('Control+C');
  await expect(status(app)).toHaveText('2 by 2 cells copied.');
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('Pasted0\tRow0\r\nPasted1\tRow1\r\n');
});

test('columns pin, resize from the keyboard and by dragging, move by dragging, and the layout is kept', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  await app.evaluate(() => window.enlight!.invoke('layout.set', { resource: 'students', layout: { order: [], hidden: [], widths: {}, pinned: ['email'] } }));
  const grid = await goToSection(app, 'Students');
  const header = (name: string) => grid.getByRole('columnheader', { name });
  const box = async (name: string) => (await header(name).boundingBox())!;
  await expect(header('Email')).toHaveAttribute('aria-colindex', '2');

  // The pinned column stays put while the others scroll under it.
  const pinnedAt = (await box('Email')).x;
  const zoneAt = (await box('Time zone')).x;
  await grid.evaluate((el) => (el.scrollLeft = 150));
  await expect.poll(async () => (await box('Time zone')).x).toBeLessThan(zoneAt);
  expect((await box('Email')).x).toBe(pinnedAt);
  await grid.evaluate((el) => (el.scrollLeft = 0));

  // Alt+Shift+Right widens the active column.
  const given = (await box('Given name')).width;
  await header('Given name').focus();
  await app.keyboard.press('Alt+Shift+ArrowRight');
  await app.keyboard.press('Alt+Shift+ArrowRight');
  await expect(status(app)).toHaveText(`Given name is ${given + 32} pixels wide.`);
  await expect.poll(async () => (await box('Given name')).width).toBe(given + 32);

  // Dragging a header's right edge resizes it.
  const family = await box('Family name');
  await app.mouse.move(family.x + family.width - 3, family.y + family.height / 2);
  await app.mouse.down();
  await app.mouse.move(family.x + family.width + 57, family.y + family.height / 2, { steps: 5 });
  await app.mouse.up();
  await expect.poll(async () => (await box('Family name')).width).toBe(family.width + 60);

  // Dragging a header moves its column: External ID before Given name, after the pinned Email.
  const external = await box('External ID');
  await app.mouse.move(external.x + 20, external.y + external.height / 2);
  await app.mouse.down();
  // Pressing on a header half out of view scrolls it in: the target is where it is now.
  const target = await box('Given name');
  await app.mouse.move(target.x + 10, target.y + target.height / 2, { steps: 8 });
  await app.mouse.up();
  await expect(header('External ID')).toHaveAttribute('aria-colindex', '3');
  await expect(header('Given name')).toHaveAttribute('aria-colindex', '4');
  await expect(header('External ID')).toHaveAttribute('aria-sort', 'none');

  // The layout is saved for the account.
  await expect
    .poll(() => app.evaluate(() => window.enlight!.invoke('layout.get', { resource: 'students' })))
    .toMatchObject({ pinned: ['email'], order: ['email', 'external_id', 'given_name', 'family_name', 'locale', 'time_zone'], widths: { given_name: given + 32, family_name: family.width + 60 } });

  // Ctrl+Enter opens the active row's details.
  await cellAt(grid, 2, 4).click();
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('detail-pane')).toBeVisible();
});
