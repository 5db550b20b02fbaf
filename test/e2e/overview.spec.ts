// The Overview as a manager uses it on the demo organisation: the app opens on it once synced;
// every figure, and the bars behind the charts, open a grid of exactly the rows they count; the
// page's filters narrow the figures; an edit shows in the outbox figures at once; charts save as
// PNG and CSV. Pictures of the page in both themes and both languages are saved for review.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { openDemoAndWaitForSync } from './support/flows';
import { bridgeCall } from './support/grid';

const SHOTS = 'test-results/screenshots';

const numberIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/** The record count the grid shows, as a number (null until it shows one). */
async function gridCount(app: Page): Promise<number | null> {
  const count = app.getByTestId('record-count');
  if (!(await count.isVisible())) return null;
  return numberIn(await count.textContent());
}

/** Opens the demo, syncs it, and opens the app again: once synced, it lands on the Overview. */
async function openOverview(app: Page): Promise<void> {
  await openDemoAndWaitForSync(app);
  await app.goto(`${new URL(app.url()).origin}/`);
  await expect(app).toHaveURL(/#\/overview$/);
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(app.locator('a[data-figure]')).toHaveCount(8);
}

function chartCard(app: Page, title: string): Locator {
  return app.getByRole('region', { name: title });
}

/** The chart's table of numbers, opened. */
async function numbersOf(card: Locator): Promise<Locator> {
  const details = card.locator('details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return card.getByRole('table');
}

/** Clicks a link, checks the grid it opens counts `expected` records, and comes back. */
async function expectClickThrough(app: Page, link: Locator, expected: number, what: string): Promise<void> {
  await link.click();
  await expect(app).toHaveURL(/#\/(enrollments|students)\?filters=/);
  await expect.poll(() => gridCount(app), { message: `${what} opens a grid of ${expected} records` }).toBe(expected);
  await app.goBack();
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(app.locator('a[data-figure]')).toHaveCount(8);
}

test('the app opens on the Overview once synced, and every figure opens a grid of exactly its records', async ({ app }) => {
  await openOverview(app);
  await expect(app.getByRole('navigation', { name: 'Sections' }).getByRole('link').first()).toHaveText('Overview');

  const names = await app.locator('a[data-figure]').evaluateAll((links) => links.map((l) => l.getAttribute('data-figure') ?? ''));
  expect(names).toEqual([
    'activeEnrollments',
    'completedThisWeek',
    'completedThisMonth',
    'expiringIn7Days',
    'expiringIn30Days',
    'startedNotCompleted30Days',
    'neverStarted14Days',
    'newStudentsThisWeek',
  ]);
  const values: Record<string, number> = {};
  for (const name of names) {
    const figure = app.locator(`a[data-figure="${name}"]`);
    values[name] = numberIn(await figure.locator('.overview-figure__value').textContent());
    await expectClickThrough(app, figure, values[name]!, name);
  }
  // The demo organisation has enrollments in every state, so the page is not all zeros.
  expect(values['activeEnrollments']).toBeGreaterThan(0);
  // What expires within 7 days also expires within 30.
  expect(values['expiringIn7Days']).toBeLessThanOrEqual(values['expiringIn30Days']!);
});

test('the numbers behind each chart, and a click on a bar, open a grid of exactly those records', async ({ app }) => {
  await openOverview(app);
  const titles = ['Completions per week, last 12 weeks', 'Enrollments by course, top 15', 'Expiries per day, next 90 days', 'Group sizes, in enrollments'];
  for (const title of titles) {
    // The first few numbers of each chart's table, each a link to its rows.
    const links = (await numbersOf(chartCard(app, title))).getByRole('link');
    const count = Math.min(4, await links.count());
    expect(count, `${title} has numbers to open`).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      const link = (await numbersOf(chartCard(app, title))).getByRole('link').nth(i);
      await expectClickThrough(app, link, numberIn(await link.textContent()), `${title}, number ${i + 1}`);
    }
  }

  // A bar of completions per week, clicked with the mouse: the week with the most completions.
  const weeks = await (await numbersOf(chartCard(app, titles[0]!))).locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')?.textContent?.replace(/\D/g, '') ?? 0)));
  const busiest = weeks.indexOf(Math.max(...weeks));
  expect(weeks[busiest]).toBeGreaterThan(0);
  const plot = chartCard(app, titles[0]!).locator('.u-over');
  const box = (await plot.boundingBox())!;
  await plot.hover({ position: { x: ((busiest + 0.5) / weeks.length) * box.width, y: box.height - 3 } });
  await expect(chartCard(app, titles[0]!).locator('.bar-chart__tip')).toBeVisible();
  await plot.click({ position: { x: ((busiest + 0.5) / weeks.length) * box.width, y: box.height - 3 } });
  await expect.poll(() => gridCount(app)).toBe(weeks[busiest]);
  await app.goBack();

  // A segment of a split bar: the first course's first state with enrollments, at the bar's start.
  const courses = chartCard(app, titles[1]!);
  const firstRow = (await numbersOf(courses)).locator('tbody tr').first();
  const stateCounts = await firstRow.locator('td').evaluateAll((cells) => cells.slice(0, 4).map((c) => Number(c.textContent?.replace(/\D/g, '') ?? 0)));
  const first = stateCounts.findIndex((n) => n > 0);
  const courseRows = await (await numbersOf(courses)).locator('tbody tr').count();
  const bars = courses.locator('.u-over');
  const barsBox = (await bars.boundingBox())!;
  await bars.hover({ position: { x: 2, y: (0.5 / courseRows) * barsBox.height } });
  await expect(courses.locator('.bar-chart__tip')).toContainText(['Active', 'Completed', 'Expired', 'Cancelled'][first]!);
  await bars.click({ position: { x: 2, y: (0.5 / courseRows) * barsBox.height } });
  await expect.poll(() => gridCount(app)).toBe(stateCounts[first]);
});

test('the page filters narrow every figure, and stay when coming back from a grid', async ({ app }) => {
  await openOverview(app);
  const active = app.locator('a[data-figure="activeEnrollments"] .overview-figure__value');
  const everyone = numberIn(await active.textContent());

  // The course with the most enrollments, and its active ones, as the unfiltered chart counts them.
  const firstRow = (await numbersOf(chartCard(app, 'Enrollments by course, top 15'))).locator('tbody tr').first();
  const course = (await firstRow.locator('th').textContent()) ?? '';
  const activeInCourse = numberIn(await firstRow.locator('td').first().textContent());

  await app.getByLabel('Course', { exact: true }).selectOption({ label: course });
  await expect(app).toHaveURL(/#\/overview\?courseId=/);
  await expect.poll(async () => numberIn(await active.textContent())).toBe(activeInCourse);
  await expect((await numbersOf(chartCard(app, 'Enrollments by course, top 15'))).locator('tbody tr')).toHaveCount(1);

  // The narrowed figure opens exactly its records too, and the filter is still there after Back.
  await expectClickThrough(app, app.locator('a[data-figure="activeEnrollments"]'), activeInCourse, 'active enrollments of one course');
  await expect(app.getByLabel('Course', { exact: true }).locator('option:checked')).toHaveText(course);
  await expect.poll(async () => numberIn(await active.textContent())).toBe(activeInCourse);

  // An instructor's share is part of the whole.
  const instructor = app.getByLabel('Instructor', { exact: true });
  await app.getByRole('button', { name: 'Show everything' }).click();
  await expect.poll(async () => numberIn(await active.textContent())).toBe(everyone);
  const someone = (await instructor.locator('option').nth(1).getAttribute('value'))!;
  await instructor.selectOption(someone);
  await expect(app).toHaveURL(/instructorId=/);
  // Waited for until the page shows it, so the click below opens their figure, not the one before.
  const theirs = (await bridgeCall(app, 'overview.get', { instructorId: someone })).figures.activeEnrollments.value;
  expect(theirs).toBeLessThan(everyone);
  await expect.poll(async () => numberIn(await active.textContent())).toBe(theirs);
  await expectClickThrough(app, app.locator('a[data-figure="activeEnrollments"]'), theirs, 'active enrollments of one instructor');
});

test('an edit made elsewhere shows in the outbox figures at once, and they open the outbox panel', async ({ app }) => {
  await openOverview(app);
  const pending = app.locator('[data-outbox-figure="pending"] .overview-figure__value');
  await expect(pending).toHaveText('0');

  await app.evaluate(async () => {
    const first = await window.enlight!.invoke('students.query', { offset: 0, limit: 1 });
    await window.enlight!.invoke('records.update', { resource: 'students', id: String(first.rows[0]!['id']), fields: { family_name: 'Overview-Edited' } });
  });
  await expect(pending).toHaveText('1');

  await app.locator('[data-outbox-figure="pending"]').click();
  await expect(app.getByTestId('outbox')).toBeFocused();

  // Once sent, nothing is pending any more: the figure follows the outbox again.
  await app.getByTestId('outbox').getByRole('button', { name: 'Send now' }).click();
  await expect(pending).toHaveText('0');
});

test('a chart saves as a PNG picture and its numbers as CSV', async ({ app }) => {
  await openOverview(app);
  const card = chartCard(app, 'Enrollments by course, top 15');

  const [png] = await Promise.all([app.waitForEvent('download'), card.getByRole('button', { name: 'Save “Enrollments by course, top 15” as a PNG picture' }).click()]);
  expect(png.suggestedFilename()).toMatch(/^Demo-organisation-enrollments-by-course-\d{4}-\d{2}-\d{2}\.png$/);
  const picture = readFileSync((await png.path())!);
  expect([...picture.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const [csv] = await Promise.all([app.waitForEvent('download'), card.getByRole('button', { name: 'Save the numbers of “Enrollments by course, top 15” as a CSV file' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^Demo-organisation-enrollments-by-course-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Course,Active,Completed,Expired,Cancelled,Total');
  // One line per course, as many as the chart's table lists.
  const rows = await (await numbersOf(card)).locator('tbody tr').count();
  expect(lines).toHaveLength(rows + 1);
  const firstTotal = numberIn(await (await numbersOf(card)).locator('tbody tr').first().locator('td').last().textContent());
  expect(Number(lines[1]!.split(',').at(-1))).toBe(firstTotal);
});

test('pictures of the Overview in the light and the dark theme, in English and in Traditional Chinese', async ({ app }) => {
  mkdirSync(SHOTS, { recursive: true });
  await openOverview(app);
  for (const language of ['en', 'zh-TW'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await app.evaluate(([l, t]) => window.enlight!.invoke('settings.set', { language: l, theme: t }), [language, theme] as const);
      await app.reload();
      await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(app.getByRole('heading', { level: 1, name: language === 'en' ? 'Overview' : '總覽' })).toBeVisible();
      // Settled: the four charts drawn, and no count under way.
      await expect(app.locator('.overview-chart .uplot canvas')).toHaveCount(4);
      await expect(app.locator('.overview-page')).toHaveAttribute('aria-busy', 'false');
      // The whole page, not only what fits the window: the content scrolls inside the frame, so the
      // window is made as tall as the page.
      const height = await app.locator('#content').evaluate((main) => main.scrollHeight);
      await app.setViewportSize({ width: 1280, height: height + 160 });
      await app.screenshot({ path: `${SHOTS}/overview${language === 'en' ? '' : '-zh-TW'}-${theme}.png`, fullPage: true });
      await app.setViewportSize({ width: 1280, height: 800 });
    }
  }
  await app.evaluate(() => window.enlight!.invoke('settings.set', { language: 'en', theme: 'light' }));
});
