// The tools around a grid as an instructor or manager uses them all day: filters (also from a
// link), saved views, columns that stay as arranged, "select all matching" with a bulk change or
// a bulk cancellation, a new enrollment with a new student, CSV out and in, and the detail panes,
// whose HTML from the server is shown inert.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { CallOutput, GridQueryInput } from '../../src/shared/bridge';
import { DEFAULT_LAYOUT, hideColumn, placeColumns } from '../../src/renderer/src/grid/columnLayout';
import { GRID_COLUMNS } from '../../src/renderer/src/grid/gridColumns';
import { gridLinkHref } from '../../src/renderer/src/routing/gridLink';
import { openDemoAndWaitForSync } from './support/flows';
import { bridgeCall, recordCount } from './support/grid';
import { expect, test } from './support/test';

type Filters = NonNullable<GridQueryInput['filters']>;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Opens a grid by its address, as a link from the overview or a bookmark does. */
async function openGrid(app: Page, resource: 'courses' | 'students' | 'enrollments' | 'groups' | 'users', filters: Filters = []): Promise<Locator> {
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, gridLinkHref({ resource, filters }));
  const name = resource[0]!.toUpperCase() + resource.slice(1);
  const grid = app.getByRole('grid', { name });
  await expect(grid).toBeVisible();
  return grid;
}

/** Waits until the page's record count is what the back end counts for these filters, and returns it. */
async function expectCount(app: Page, resource: 'enrollments' | 'students' | 'groups' | 'courses' | 'users', filters: Filters): Promise<number> {
  const { total } = await bridgeCall(app, `${resource}.query`, { filters, offset: 0, limit: 0 });
  await expect.poll(() => recordCount(app)).toBe(total);
  return total;
}

const outbox = (app: Page) => app.getByTestId('outbox');

async function expectPending(app: Page, count: number): Promise<void> {
  if (count === 0) await expect(outbox(app)).toContainText('Every edit has reached the server.');
  else await expect(outbox(app)).toContainText(`Waiting to be sent: ${count.toLocaleString('en')}`);
}

async function firstCourseId(app: Page): Promise<string> {
  const { rows } = await bridgeCall(app, 'courses.query', { sort: [{ column: 'name' }], offset: 0, limit: 1 });
  return String(rows[0]!['id']);
}

test('filters from a link show as chips, the filter builder narrows the grid, and a saved view brings it back after a reload', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const expired: Filters = [{ column: 'state', op: 'eq', value: 'expired' }];
  await openGrid(app, 'enrollments', expired);
  const chips = app.getByRole('list', { name: 'Filters' });
  await expect(chips.getByRole('listitem')).toHaveText(['State is Expired×']);
  // A filtered address still marks its section as the current one.
  await expect(app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Enrollments/ })).toHaveAttribute('aria-current', 'page');
  const expiredCount = await expectCount(app, 'enrollments', expired);
  const all = (await bridgeCall(app, 'enrollments.query', { offset: 0, limit: 0 })).total;
  expect(expiredCount).toBeLessThan(all);

  // Taking the chip off shows every enrollment again.
  await app.getByRole('button', { name: 'Remove the filter “State is Expired”' }).click();
  await expect(chips).toHaveCount(0);
  await expectCount(app, 'enrollments', []);

  // The builder offers the enrollment's state among its fields.
  await app.getByRole('button', { name: 'Add a filter' }).click();
  await app.getByLabel('Field', { exact: true }).selectOption({ label: 'State' });
  await app.getByLabel('Value', { exact: true }).selectOption({ label: 'Active' });
  await app.getByRole('button', { name: 'Add filter' }).click();
  await expect(chips.getByRole('listitem')).toHaveText(['State is Active×']);
  const active: Filters = [{ column: 'state', op: 'eq', value: 'active' }];
  const activeCount = await expectCount(app, 'enrollments', active);
  expect(app.url()).toContain(encodeURIComponent(JSON.stringify(active)));

  await app.getByRole('button', { name: 'Save view as…' }).click();
  await app.getByLabel('Name of the view').fill('Active ones');
  await app.getByRole('button', { name: 'Save view', exact: true }).click();
  await expect(app.getByTestId('grid-notice')).toHaveText('View “Active ones” saved.');

  await app.getByRole('button', { name: 'Remove the filter “State is Active”' }).click();
  await expectCount(app, 'enrollments', []);

  // After a reload the view is still there, and picking it filters the grid again.
  await app.reload();
  await expect(app.getByRole('grid', { name: 'Enrollments' })).toBeVisible();
  await app.getByLabel('Saved view').selectOption('Active ones');
  await expect(chips.getByRole('listitem')).toHaveText(['State is Active×']);
  expect(await expectCount(app, 'enrollments', active)).toBe(activeCount);
});

test('hidden, moved and pinned columns stay so after a reload', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const grid = await openGrid(app, 'students');
  const headers = () => grid.getByRole('columnheader').allTextContents();
  await expect.poll(headers).toEqual(expect.arrayContaining(['Given name', 'Family name', 'Email', 'External ID']));

  await app.getByRole('button', { name: 'Columns' }).click();
  const chooser = app.getByRole('group', { name: 'Columns' });
  await chooser.getByRole('checkbox', { name: 'External ID' }).uncheck();
  await chooser.getByRole('button', { name: 'Move Email left' }).click();
  // The keyboard stays on the button that moved the column.
  await expect(chooser.getByRole('button', { name: 'Move Email left' })).toBeFocused();
  await chooser.getByRole('button', { name: 'Pin Family name' }).click();
  await expect(chooser.getByRole('button', { name: 'Pin Family name' })).toHaveAttribute('aria-pressed', 'true');
  await app.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);

  const arranged = (names: string[]) => names.filter((n) => ['Given name', 'Family name', 'Email', 'External ID'].includes(n.trim())).map((n) => n.trim());
  await expect.poll(async () => arranged(await headers())).toEqual(['Family name', 'Given name', 'Email']);

  // The layout is saved for the account shortly after the last change; then a reload finds it.
  await expect.poll(async () => (await bridgeCall(app, 'layout.get', { resource: 'students' }))?.hidden ?? []).toContain('external_id');
  await app.reload();
  const again = app.getByRole('grid', { name: 'Students' });
  await expect.poll(async () => arranged(await again.getByRole('columnheader').allTextContents())).toEqual(['Family name', 'Given name', 'Email']);
});

test('selecting every row a filter matches and extending their expiry by 30 days queues exactly those rows, as one undo step', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  // Far more rows than the grid reads in one window: "select all" is a query, not the rows loaded.
  const filters: Filters = [{ column: 'state', op: 'eq', value: 'active' }];
  await openGrid(app, 'enrollments', filters);
  const total = await expectCount(app, 'enrollments', filters);
  expect(total, 'the demo organisation has many active enrollments').toBeGreaterThan(300);
  const everyone = (await bridgeCall(app, 'enrollments.query', { offset: 0, limit: 0 })).total;
  const expiries = async (): Promise<Map<string, string>> => {
    const all = new Map<string, string>();
    for (let offset = 0; offset < everyone; offset += 1000) {
      const { rows } = await bridgeCall(app, 'enrollments.query', { sort: [{ column: 'created_at' }], offset, limit: 1000 });
      for (const r of rows) all.set(String(r['id']), String(r['expires_at']));
    }
    return all;
  };
  const selected = await matchingIds(app, filters, total);
  const before = await expiries();

  const shown = total.toLocaleString('en');
  await app.getByRole('button', { name: `Select all ${shown} matching rows` }).click();
  await expect(app.getByTestId('selected-count')).toHaveText(`${shown} selected`);
  await app.getByRole('button', { name: 'Change a field…' }).click();
  const dialog = app.getByRole('dialog', { name: `Change ${shown} rows` });
  await dialog.getByLabel('Field to change').selectOption({ label: 'Expires' });
  await dialog.getByRole('radio', { name: 'Move by a number of days' }).check();
  await dialog.getByLabel('Days', { exact: true }).fill('30');
  await dialog.getByRole('button', { name: `Change ${shown} rows` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByTestId('grid-notice')).toHaveText(`${shown} changes queued. They reach Enlight when the outbox is sent.`);
  await expectPending(app, total);

  // Every selected enrollment expires 30 days later, and no other one changed.
  const after = await expiries();
  const chosen = new Set(selected);
  for (const [id, expires] of before) {
    const moved = Date.parse(after.get(id) ?? '') - Date.parse(expires);
    if (chosen.has(id)) expect(moved, id).toBe(30 * DAY_MS);
    else expect(after.get(id), id).toBe(expires);
  }

  // The whole change is one step: one Undo takes all of it back, one Redo makes it again.
  await app.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectPending(app, 0);
  await app.getByRole('button', { name: 'Redo', exact: true }).click();
  await expectPending(app, total);
});

/** The ids of every row the filters match, read page by page. */
async function matchingIds(app: Page, filters: Filters, total: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < total; offset += 1000) {
    const { rows } = await bridgeCall(app, 'enrollments.query', { filters, sort: [{ column: 'created_at' }], offset, limit: 1000 });
    ids.push(...rows.map((r) => String(r['id'])));
  }
  return ids;
}

test('cancelling many enrollments asks once, saying how many', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const courseId = await firstCourseId(app);
  const filters: Filters = [
    { column: 'state', op: 'eq', value: 'active' },
    { column: 'course_id', op: 'eq', value: courseId },
  ];
  await openGrid(app, 'enrollments', filters);
  const total = await expectCount(app, 'enrollments', filters);
  let nativeDialogs = 0;
  app.on('dialog', (d) => {
    nativeDialogs += 1;
    void d.dismiss();
  });

  await app.getByRole('button', { name: `Select all ${total} matching rows` }).click();
  await app.getByRole('button', { name: `Cancel ${total} enrollments…` }).click();
  const dialog = app.getByRole('dialog', { name: `Cancel ${total} enrollments?` });
  await expect(dialog).toBeVisible();
  // Keeping them is the safe choice, and where the keyboard starts.
  await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await dialog.getByRole('button', { name: `Cancel ${total} enrollments` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByTestId('grid-notice')).toHaveText(`${total} changes queued. They reach Enlight when the outbox is sent.`);
  await expectPending(app, total);
  await expect(app.getByTestId('selected-count')).toHaveText('0 selected');
  expect(nativeDialogs).toBe(0);
});

test('a new enrollment with a new student: a refused field is marked beside it and nothing typed is lost', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  await openGrid(app, 'enrollments');
  const { rows: courses } = await bridgeCall(app, 'courses.query', { sort: [{ column: 'name' }], offset: 0, limit: 1 });
  const { rows: users } = await bridgeCall(app, 'users.query', { sort: [{ column: 'family_name' }], offset: 0, limit: 1 });

  await app.getByRole('button', { name: 'New enrollment…' }).click();
  const dialog = app.getByRole('dialog', { name: 'New enrollment' });
  await dialog.getByRole('searchbox', { name: 'Course' }).fill(String(courses[0]!['name']));
  await dialog.getByRole('listbox', { name: 'Matches for Course' }).selectOption(String(courses[0]!['id']));
  await expect(dialog.getByText(`Chosen: ${String(courses[0]!['name'])}`)).toBeVisible();
  await dialog.getByRole('listbox', { name: 'Matches for Instructor' }).selectOption(String(users[0]!['id']));
  await dialog.getByRole('radio', { name: 'A new student, created with the enrollment' }).check();
  await dialog.getByLabel('Student’s email').fill('not-an-email');
  await dialog.getByLabel('Student’s given name').fill('Mallory');
  await dialog.getByLabel('Student’s family name').fill('Tester');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(dialog.getByText('The record was not created.')).toBeVisible();
  await expect(dialog.getByText('Student’s email is invalid')).toBeVisible();
  await expect(dialog.getByLabel('Student’s email')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Student’s email')).toBeFocused();
  await expect(dialog.getByLabel('Student’s given name')).toHaveValue('Mallory');
  await expectPending(app, 0);

  await dialog.getByLabel('Student’s email').fill('mallory.tester@example.org');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByTestId('grid-notice')).toHaveText('Enrollment created. It reaches Enlight when the outbox is sent.');
  await expectPending(app, 1);
  // The new enrollment opens in its pane, with its new student.
  const pane = app.getByRole('complementary', { name: 'Enrollment' });
  await expect(pane.getByText('A new student, Mallory Tester (mallory.tester@example.org)')).toBeVisible();
});

test('Export CSV saves the current view: its filtered rows, with the columns shown in their order', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const courseId = await firstCourseId(app);
  const filters: Filters = [{ column: 'course_id', op: 'eq', value: courseId }];
  await openGrid(app, 'enrollments', filters);
  const total = await expectCount(app, 'enrollments', filters);

  // A column hidden is a column not exported.
  await app.getByRole('button', { name: 'Columns' }).click();
  await app.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Completed' }).uncheck();
  await app.keyboard.press('Escape');
  const columns = GRID_COLUMNS.enrollments;
  const expectedHeader = placeColumns(columns, hideColumn(columns, DEFAULT_LAYOUT, 'completed_at')).map((p) => p.column.key);

  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^enrollments-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((line) => line !== '');
  expect(lines).toHaveLength(total + 1);
  expect(lines[0]!.split(',')).toEqual(expectedHeader);
  await expect(app.getByTestId('grid-notice')).toHaveText(`${total} rows exported to ${download.suggestedFilename()}.`);

  // The rows are the grid's, in the grid's order.
  const { rows } = await bridgeCall(app, 'enrollments.query', { filters, offset: 0, limit: 1 });
  const expires = lines[1]!.split(',')[expectedHeader.indexOf('expires_at')];
  expect(expires).toBe(String(rows[0]!['expires_at'] ?? ''));

  // "Export selected" holds the ticked rows only.
  const grid = app.getByRole('grid', { name: 'Enrollments' });
  await grid.getByRole('checkbox', { name: 'Select row 1', exact: true }).check();
  await grid.getByRole('checkbox', { name: 'Select row 2', exact: true }).check();
  await expect(app.getByTestId('selected-count')).toHaveText('2 selected');
  const downloadingSelection = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export selected' }).click();
  const selection = await downloadingSelection;
  expect(selection.suggestedFilename()).toMatch(/^enrollments-selection-/);
  expect(readFileSync(await selection.path(), 'utf8').split('\r\n').filter((line) => line !== '')).toHaveLength(3);
});

test('importing a CSV with one bad line marks it in the preview and queues nothing until confirmed', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  await openGrid(app, 'students');
  await app.getByRole('button', { name: 'Import CSV…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import Students from a CSV file' });

  // Broken CSV: a clear message, and nothing queued.
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('given_name,family_name,email\r\n"Ann,Lee,ann@example.org\r\n') });
  await expect(dialog.getByText('The file could not be checked, and nothing was queued.')).toBeVisible();
  await expect(dialog.getByText(/quote/i)).toBeVisible();
  await expectPending(app, 0);

  const csv = ['given_name,family_name,email', 'Imported,One,imported.one@example.org', 'Imported,Bad,not-an-email', 'Imported,Two,imported.two@example.org', ''].join('\r\n');
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByText('Lines that can be queued: 2. Lines with problems: 1.')).toBeVisible();
  const bad = dialog.locator('tr[aria-invalid="true"]');
  await expect(bad).toHaveCount(1);
  await expect(bad.getByRole('rowheader')).toHaveText('3');
  await expect(bad).toContainText('is invalid');
  await expectPending(app, 0);

  await dialog.getByRole('button', { name: 'Queue 2 valid rows' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByTestId('grid-notice')).toHaveText('2 changes queued. They reach Enlight when the outbox is sent.');
  await expectPending(app, 2);
});

test('each detail pane opens from its grid, leads to related records, and Escape returns to the grid', async ({ app }) => {
  await openDemoAndWaitForSync(app);

  // A course, with its checksheets and, for the current one, its sections and steps.
  let grid = await openGrid(app, 'courses');
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  let pane = app.getByRole('complementary', { name: /^Course: / });
  await expect(pane.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(pane.getByRole('heading', { name: /checksheets?$/ })).toBeVisible();
  await expect(pane.getByTestId('checksheet-step').first()).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(grid.locator(':focus')).toHaveCount(1);

  // An enrollment, with its student; the student's pane lists all their enrollments.
  grid = await openGrid(app, 'enrollments');
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  pane = app.getByRole('complementary', { name: 'Enrollment' });
  await expect(pane.getByRole('heading', { name: 'Student', exact: true, level: 3 })).toBeVisible();
  await pane.getByRole('button', { name: /^Open Student / }).click();
  pane = app.getByRole('complementary', { name: /^Student: / });
  await expect(pane.getByRole('heading', { name: /\d+ enrollments?$/ })).toBeVisible();
  await pane.getByRole('button', { name: /^Open Enrollment / }).first().click();
  await expect(app.getByRole('complementary', { name: 'Enrollment' })).toBeVisible();

  await app.getByRole('complementary', { name: 'Enrollment' }).getByRole('button', { name: 'Close' }).click();
  await expect(app.getByRole('complementary')).toHaveCount(0);

  // Preview as the student, for an active enrollment: the checksheet as the server shows it to the student.
  grid = await openGrid(app, 'enrollments', [{ column: 'active', op: 'eq', value: 1 }]);
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  pane = app.getByRole('complementary', { name: 'Enrollment' });
  await pane.getByRole('button', { name: 'Preview as the student' }).click();
  await expect(pane.getByTestId('student-preview').getByTestId('checksheet-step').first()).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);

  // A group, with its enrollments; and a user.
  grid = await openGrid(app, 'groups');
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  pane = app.getByRole('complementary', { name: /^Group: / });
  await expect(pane.getByRole('heading', { name: /\d+ enrollments?$/ })).toBeVisible();
  await expect(pane.getByRole('link', { name: 'Show these enrollments in the grid' })).toHaveAttribute('href', /^#\/enrollments\?filters=/);
  await app.keyboard.press('Escape');

  grid = await openGrid(app, 'users');
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  await expect(app.getByRole('complementary', { name: /^User: / }).getByText('Role')).toBeVisible();
});

test('an open pane shows a change made elsewhere, and one burst of changes reads it once more, not once per change', async ({ app }) => {
  await openDemoAndWaitForSync(app);
  const { rows } = await bridgeCall(app, 'students.query', { offset: 0, limit: 1 });
  const student = rows[0] as { id: string; email: string };
  const grid = await openGrid(app, 'students', [{ column: 'email', op: 'eq', value: student.email }]);
  await grid.getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  const pane = app.getByRole('complementary', { name: /^Student: / });
  await expect(pane.getByRole('heading', { level: 2 })).toBeVisible();

  // Count the pane's reads from here on: twenty edits sent at once are a burst of change events.
  await app.evaluate(() => {
    const bridge = window.enlight!;
    const original = bridge.invoke.bind(bridge);
    (window as unknown as { detailReads: number }).detailReads = 0;
    bridge.invoke = ((name: string, input: unknown) => {
      if (name === 'students.detail') (window as unknown as { detailReads: number }).detailReads++;
      return original(name as never, input as never);
    }) as typeof bridge.invoke;
  });
  // One after another: sent all at once, the web host may take them in any order (the browser
  // spreads them over several connections), and the last to land is not always Pane-19.
  await app.evaluate(
    async ({ id }) => {
      for (let i = 0; i < 20; i++) await window.enlight!.invoke('records.update', { resource: 'students', id, fields: { family_name: `Pane-${i}` } });
    },
    { id: student.id },
  );
  // The edits are pushed to the server meanwhile, each change reported again: on a loaded machine
  // that takes a while.
  await expect(pane.getByText('Pane-19', { exact: true })).toBeVisible({ timeout: 20_000 });
  const reads = await app.evaluate(() => (window as unknown as { detailReads: number }).detailReads);
  expect(reads).toBeGreaterThanOrEqual(1);
  expect(reads).toBeLessThan(20);
});

test('HTML from the server renders inert in a pane: no script runs, no handler fires, links open only when clicked', async ({ app, context }) => {
  await openDemoAndWaitForSync(app);
  const courseId = await firstCourseId(app);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>Hostile summary';
  await bridgeCall(app, 'records.update', { resource: 'courses', id: courseId, fields: { summary: payload } });

  // A step's HTML as a hostile server might send it: every course detail answer gets it.
  const stepHtml =
    '<p>Read this <a href="https://example.org/safe">safe link</a> and <a href="javascript:window.__xss=3">this one</a>.</p>' +
    '<img src=x onerror="window.__xss=4"><iframe src="javascript:parent.__xss=5"></iframe><form action="https://evil.example"><button>Go</button></form>' +
    '<details open ontoggle="window.__xss=6"><summary>more</summary></details>';
  await app.route('**/bridge', async (route) => {
    const body = route.request().postDataJSON() as { name?: string };
    if (body.name !== 'courses.detail') return route.continue();
    const response = await route.fetch();
    const json = (await response.json()) as { ok: boolean; value: CallOutput<'courses.detail'> };
    for (const checksheet of json.value?.checksheets ?? []) for (const section of checksheet.sections) for (const { step } of section.steps) step['content_html'] = stepHtml;
    await route.fulfill({ response, json });
  });
  await context.route('https://example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>safe</title>' }));

  await openGrid(app, 'courses', [{ column: 'id', op: 'eq', value: courseId }]);
  await app.getByRole('grid', { name: 'Courses' }).getByRole('button', { name: 'Open the details of row 1 (Ctrl+Enter)' }).click();
  const pane = app.getByRole('complementary', { name: /^Course: / });
  // The summary is plain text: its markup is shown, not run.
  await expect(pane.getByText(payload)).toBeVisible();
  const step = pane.getByTestId('checksheet-step').first();
  await expect(step.getByRole('link', { name: 'safe link' })).toBeVisible();
  expect(await pane.locator('script, iframe, form, button:text("Go"), [onerror], [ontoggle], [onclick]').count()).toBe(0);
  await expect(step.getByText('this one')).not.toHaveAttribute('href', /.*/);

  // A link from the server opens outside the app, and only when clicked.
  const appUrl = app.url();
  const opened = context.waitForEvent('page');
  await step.getByRole('link', { name: 'safe link' }).click();
  expect((await opened).url()).toBe('https://example.org/safe');
  expect(app.url()).toBe(appUrl);

  await app.evaluate(() => Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((done) => img.addEventListener('error', done, { once: true }))))));
  expect(await app.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});
