// The Overview page against the sandbox. Every figure, bar and point is checked against a count
// made here, independently, from the sandbox's own records (not from our mirror, not with our SQL),
// and every link is run through the grid's query: the grid it opens holds exactly as many rows as
// the figure says. Local edits count at once; so do the server's changes after a sync, and the
// clock moving on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { SessionSecretStore } from '../../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../../src/main/service';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { pageBounds } from '../../../src/main/overview/calendar';
import { OverviewPages } from '../../../src/main/overview/OverviewPages';
import { queryWindow } from '../../../src/main/store/gridQuery';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { pull } from '../../../src/main/sync/pull';
import { ENROLLMENT_STATES, OVERVIEW_FIGURES, type EnrollmentState, type GridLink, type Overview, type OverviewFilters, type SyncStatus } from '../../../src/shared/bridge';
import type { CourseDoc, EnrollmentDoc, GroupDoc, StudentDoc } from '../../../src/sandbox/model';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { nextEvent } from '../../support/serviceEvents';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Taipei keeps UTC+8 all year, so its local days are plain arithmetic here. */
const ZONE = 'Asia/Taipei';
const OFFSET = 8 * HOUR;

let sandbox: Sandbox;
let client: EnlightClient;
let store: MirrorStore;
let outbox: Outbox;

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 300 });
  client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
  // Students new this week: enrolled together with their enrollment, as the API allows.
  const course = sandbox.store.list<CourseDoc>('courses', sandbox.org.id, 1e9, 0).find((c) => c.instructor_id) as CourseDoc;
  for (const n of [1, 2]) {
    await client.createEnrollment({ course_id: course.id, instructor_id: course.instructor_id as string, student_email: `new.${n}@example.org`, student_given_name: 'New', student_family_name: `Student ${n}` });
  }
  // A completion just now: the generated ones lie anywhere in two years, so in the first hours of
  // a week or a month (Monday 00:00 in Taipei is Sunday 16:00 UTC) "completed this week" and
  // "this month" would be 0, and the page not worth checking.
  const unfinished = sandbox.store.list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0).find((e) => e.active && e.started_at && !e.completed_at) as EnrollmentDoc;
  const justNow = new Date().toISOString();
  sandbox.store.saveEnrollment({ ...unfinished, completed_at: justNow, updated_at: justNow });
  store = MirrorStore.open(':memory:');
  outbox = new Outbox(store);
  expect((await pull({ client, store })).outcome).toBe('complete');
});

afterAll(async () => {
  store.close();
  client.close();
  await sandbox.close();
});

// ---- the page as counted here, from the sandbox's records ----

/** An enrollment as the user sees it: the server's, or as edited locally (fields may be missing on one made here). */
type Seen = Partial<EnrollmentDoc> & { id: string; group_ids?: string[] };

interface Edits {
  updates?: Record<string, Partial<EnrollmentDoc>>;
  cancelled?: string[];
  created?: Seen[];
}

function seenEnrollments(edits: Edits = {}): Seen[] {
  const server = sandbox.store.list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0);
  return [
    ...server.map((e) => ({ ...e, ...edits.updates?.[e.id], ...(edits.cancelled?.includes(e.id) ? { active: false } : {}) })),
    ...(edits.created ?? []),
  ];
}

function stateOf(e: Seen, now: number): EnrollmentState {
  if (e.active !== true) return 'cancelled';
  if (e.completed_at) return 'completed';
  if (e.expires_at && Date.parse(e.expires_at) < now) return 'expired';
  return 'active';
}

const within = (iso: string | null | undefined, from: number, to: number) => !!iso && Date.parse(iso) >= from && Date.parse(iso) < to;

/** Local midnight (Taipei) of the day `days` after the one `at` falls on. */
function localMidnight(at: number, days = 0): number {
  return Math.floor((at + OFFSET) / DAY) * DAY + days * DAY - OFFSET;
}

function expectedPage(now: number, filters: OverviewFilters, edits: Edits = {}) {
  const today = localMidnight(now);
  const weekday = new Date(today + OFFSET).getUTCDay();
  const weekStart = today - ((weekday + 6) % 7) * DAY;
  const local = new Date(now + OFFSET);
  const monthStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - OFFSET;
  const monthEnd = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - OFFSET;

  const all = seenEnrollments(edits);
  const groupsOf = new Map<string, Set<string>>();
  for (const g of sandbox.store.list<GroupDoc>('groups', sandbox.org.id, 1e9, 0)) {
    for (const e of sandbox.store.enrollmentsOfGroup(g.id)) groupsOf.set(e.id, (groupsOf.get(e.id) ?? new Set()).add(g.id));
  }
  for (const e of all) for (const g of e.group_ids ?? []) groupsOf.set(e.id, (groupsOf.get(e.id) ?? new Set()).add(g));
  const inPage = (e: Seen) =>
    (!filters.courseId || e.course_id === filters.courseId) &&
    (!filters.instructorId || e.instructor_id === filters.instructorId) &&
    (!filters.groupId || (groupsOf.get(e.id)?.has(filters.groupId) ?? false));
  const rows = all.filter(inPage);
  const count = (test: (e: Seen) => boolean) => rows.filter(test).length;
  const active = (e: Seen) => stateOf(e, now) === 'active';

  // Students have no creation date: their first enrollment stands for it.
  const first = new Map<string, number>();
  for (const e of all) if (e.student_id && e.created_at) first.set(e.student_id, Math.min(first.get(e.student_id) ?? Infinity, Date.parse(e.created_at)));
  const students = sandbox.store.list<StudentDoc>('students', sandbox.org.id, 1e9, 0);
  const newStudents = students.filter((s) => {
    const at = first.get(s.id);
    if (at === undefined || at < weekStart || at >= weekStart + 7 * DAY) return false;
    const theirs = all.filter((e) => e.student_id === s.id);
    return (
      (!filters.courseId || theirs.some((e) => e.course_id === filters.courseId)) &&
      (!filters.instructorId || theirs.some((e) => e.instructor_id === filters.instructorId)) &&
      (!filters.groupId || theirs.some((e) => groupsOf.get(e.id)?.has(filters.groupId as string)))
    );
  }).length;

  const courses = new Map<string, Record<EnrollmentState, number>>();
  for (const e of rows) {
    const c = courses.get(e.course_id ?? '') ?? { active: 0, completed: 0, expired: 0, cancelled: 0 };
    c[stateOf(e, now)]++;
    courses.set(e.course_id ?? '', c);
  }
  const courseName = (id: string) => sandbox.store.list<CourseDoc>('courses', sandbox.org.id, 1e9, 0).find((c) => c.id === id)?.name ?? '';
  const byCourse = [...courses]
    .map(([id, states]) => ({ courseId: id, courseName: courseName(id), total: ENROLLMENT_STATES.reduce((n, s) => n + states[s], 0), states }))
    .sort((a, b) => b.total - a.total || a.courseName.localeCompare(b.courseName) || a.courseId.localeCompare(b.courseId))
    .slice(0, 15);

  const groups = sandbox.store
    .list<GroupDoc>('groups', sandbox.org.id, 1e9, 0)
    .filter((g) => !filters.groupId || g.id === filters.groupId)
    .map((g) => ({ groupId: g.id, name: g.name, size: count((e) => groupsOf.get(e.id)?.has(g.id) ?? false) }))
    .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name) || a.groupId.localeCompare(b.groupId));

  return {
    figures: {
      activeEnrollments: count(active),
      completedThisWeek: count((e) => within(e.completed_at, weekStart, weekStart + 7 * DAY)),
      completedThisMonth: count((e) => within(e.completed_at, monthStart, monthEnd)),
      expiringIn7Days: count((e) => active(e) && within(e.expires_at, now, now + 7 * DAY)),
      expiringIn30Days: count((e) => active(e) && within(e.expires_at, now, now + 30 * DAY)),
      startedNotCompleted30Days: count((e) => active(e) && !!e.started_at && Date.parse(e.started_at) < now - 30 * DAY),
      neverStarted14Days: count((e) => active(e) && !e.started_at && !!e.created_at && Date.parse(e.created_at) < now - 14 * DAY),
      newStudentsThisWeek: newStudents,
    },
    completionsPerWeek: Array.from({ length: 12 }, (_, i) => count((e) => within(e.completed_at, weekStart + (i - 11) * 7 * DAY, weekStart + (i - 10) * 7 * DAY))),
    enrollmentsByCourse: byCourse.map((c) => ({ courseId: c.courseId, courseName: c.courseName, total: c.total, byState: c.states })),
    expiriesPerDay: Array.from({ length: 90 }, (_, i) => count((e) => active(e) && within(e.expires_at, Math.max(now, localMidnight(now, i)), localMidnight(now, i + 1)))),
    groupSizes: groups.map((g) => ({ groupId: g.groupId, name: g.name, size: g.size })),
  };
}

// ---- the page as we count it, reduced to its numbers ----

function numbers(page: Overview) {
  return {
    figures: Object.fromEntries(OVERVIEW_FIGURES.map((f) => [f, page.figures[f].value])),
    completionsPerWeek: page.completionsPerWeek.map((w) => w.figure.value),
    enrollmentsByCourse: page.enrollmentsByCourse.map((c) => ({
      courseId: c.courseId,
      courseName: c.courseName,
      total: c.total,
      byState: Object.fromEntries(ENROLLMENT_STATES.map((s) => [s, c.byState[s].value])),
    })),
    expiriesPerDay: page.expiriesPerDay.map((d) => d.figure.value),
    groupSizes: page.groupSizes.map((g) => ({ groupId: g.groupId, name: g.name, size: g.figure.value })),
  };
}

/** Every figure, bar and point with its link: [what, value, link]. */
function everyFigure(page: Overview): [string, number, GridLink][] {
  return [
    ...OVERVIEW_FIGURES.map((f): [string, number, GridLink] => [f, page.figures[f].value, page.figures[f].link]),
    ...page.completionsPerWeek.map((w): [string, number, GridLink] => [`completions, week of ${w.weekStart}`, w.figure.value, w.figure.link]),
    ...page.enrollmentsByCourse.flatMap((c) => ENROLLMENT_STATES.map((s): [string, number, GridLink] => [`${c.courseName} ${s}`, c.byState[s].value, c.byState[s].link])),
    ...page.expiriesPerDay.map((d): [string, number, GridLink] => [`expiries on ${d.day}`, d.figure.value, d.figure.link]),
    ...page.groupSizes.map((g): [string, number, GridLink] => [`group ${g.name}`, g.figure.value, g.figure.link]),
  ];
}

/** Opens each link as the grid would, at the page's moment, and compares its row count with the figure. */
function expectLinksMatch(page: Overview) {
  const now = Date.parse(page.asOf);
  const mismatches = everyFigure(page)
    .map(([what, value, link]) => ({ what, value, rows: queryWindow(store.db, link.resource, { filters: link.filters, offset: 0, limit: 0 }, { now }).total }))
    .filter((m) => m.rows !== m.value);
  expect(mismatches).toEqual([]);
}

const noOutbox = { pending: 0, rejected: 0, conflict: 0 };
const atNow = Date.now();
const clockAt = (now: number) => ({ now: () => now, timeZone: ZONE });

function someIds() {
  const enrollments = sandbox.store.list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0);
  const courseId = enrollments[enrollments.length >> 1]?.course_id as string;
  const instructorId = enrollments[enrollments.length >> 2]?.instructor_id as string;
  const groups = sandbox.store.list<GroupDoc>('groups', sandbox.org.id, 1e9, 0);
  const groupId = [...groups].sort((a, b) => sandbox.store.enrollmentsOfGroup(b.id).length - sandbox.store.enrollmentsOfGroup(a.id).length)[0]?.id as string;
  return { courseId, instructorId, groupId };
}

describe('the overview of a synced account', () => {
  it('counts what the organisation holds, and each link opens a grid of exactly that many rows', () => {
    const page = new OverviewPages(store, clockAt(atNow)).get({}, noOutbox);
    expect(page.asOf).toBe(new Date(atNow).toISOString());
    const expected = expectedPage(atNow, {});
    expect(numbers(page)).toEqual(expected);
    // A page worth checking: the sandbox has enrollments in every state and figure.
    expect(Object.values(expected.figures).every((n) => n > 0)).toBe(true);
    expect(page.completionsPerWeek.map((w) => w.weekStart)).toHaveLength(12);
    expect(page.expiriesPerDay[0]?.day).toBe(new Date(localMidnight(atNow) + OFFSET).toISOString().slice(0, 10));
    expectLinksMatch(page);
  });

  it('narrowed by course, instructor or group (and all three), counts and links only those', () => {
    const { courseId, instructorId, groupId } = someIds();
    const pages = new OverviewPages(store, clockAt(atNow));
    for (const filters of [{ courseId }, { instructorId }, { groupId }, { courseId, instructorId, groupId }] as OverviewFilters[]) {
      const page = pages.get(filters, noOutbox);
      expect(numbers(page), JSON.stringify(filters)).toEqual(expectedPage(atNow, filters));
      expectLinksMatch(page);
    }
    const one = pages.get({ groupId }, noOutbox);
    expect(one.groupSizes.map((g) => g.groupId)).toEqual([groupId]);
    expect(one.figures.activeEnrollments.link.filters).toContainEqual({ column: 'group_id', op: 'eq', value: groupId });
  });

  it('counts pending local edits at once, in every figure and link, and again once they are undone', () => {
    const pages = new OverviewPages(store, clockAt(atNow));
    // Counted once before the edits: the counts it keeps from this must take them in.
    pages.get({}, noOutbox);
    const { groupId, courseId } = someIds();
    const open = sandbox.store.list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0).filter((e) => stateOf(e, atNow) === 'active');
    const [soon, later, moved, dropped] = open.filter((e) => Date.parse(e.expires_at ?? '') > atNow + 60 * DAY);
    const otherInstructor = open.find((e) => e.instructor_id && e.instructor_id !== moved!.instructor_id)?.instructor_id as string;
    const updates = {
      [soon!.id]: { expires_at: new Date(atNow + 2 * DAY).toISOString() },
      [later!.id]: { expires_at: new Date(atNow + 20 * DAY).toISOString() },
      [moved!.id]: { instructor_id: otherInstructor },
    };
    for (const [id, fields] of Object.entries(updates)) outbox.update('enrollments', id, fields);
    outbox.remove('enrollments', dropped!.id);
    const made = outbox.create('enrollments', { course_id: courseId, instructor_id: soon!.instructor_id, student_id: soon!.student_id, group_ids: [groupId] });
    const edits: Edits = {
      updates,
      cancelled: [dropped!.id],
      // A new enrollment is active from the start, as the server will make it.
      created: [{ id: made, active: true, course_id: courseId, instructor_id: soon!.instructor_id ?? undefined, student_id: soon!.student_id, group_ids: [groupId] }],
    };
    try {
      for (const filters of [{}, { groupId }, { courseId }, { instructorId: otherInstructor }] as OverviewFilters[]) {
        const page = pages.get(filters, noOutbox);
        expect(numbers(page), JSON.stringify(filters)).toEqual(expectedPage(atNow, filters, edits));
        expectLinksMatch(page);
      }
    } finally {
      while (outbox.undo());
    }
    const page = pages.get({}, noOutbox);
    expect(numbers(page)).toEqual(expectedPage(atNow, {}));
  });

  it('as the clock moves on through the day, counts what a fresh count would, to the end of the day and into the next', () => {
    // Half past midnight on a day when an active enrollment expires after two in the morning (today's
    // need not have one: the demo data is drawn at random around the time the tests run).
    const expiries = sandbox.store
      .list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0)
      .filter((e) => stateOf(e, atNow) === 'active' && e.expires_at)
      .map((e) => Date.parse(e.expires_at as string))
      .filter((at) => at > atNow && at - localMidnight(at) > 2 * HOUR && at - localMidnight(at) < 22 * HOUR)
      .sort((a, b) => a - b);
    expect(expiries.length, 'an active enrollment expiring in the coming days').toBeGreaterThan(0);
    const morning = localMidnight(expiries[0] as number) + 30 * 60_000;
    const pages = new OverviewPages(store, { now: () => clock, timeZone: ZONE });
    let clock = morning;
    const first = numbers(pages.get({}, noOutbox));
    // The day is long enough for some expiries and anniversaries to pass: the counts do change.
    expect(expectedPage(morning + 23 * HOUR, {})).not.toEqual(first);
    for (const later of [morning + 4 * HOUR, morning + 23 * HOUR, morning + 25 * HOUR]) {
      clock = later;
      const page = pages.get({}, noOutbox);
      expect(numbers(page), new Date(later).toISOString()).toEqual(expectedPage(later, {}));
      expect(numbers(page)).toEqual(numbers(new OverviewPages(store, clockAt(later)).get({}, noOutbox)));
    }
  });

  it("counts the server's changes after the next sync", async () => {
    const pages = new OverviewPages(store, clockAt(atNow));
    const before = pages.get({}, noOutbox);
    const open = sandbox.store.list<EnrollmentDoc>('enrollments', sandbox.org.id, 1e9, 0).filter((e) => stateOf(e, atNow) === 'active');
    // Another admin, on their own connection.
    const admin = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
    try {
      await admin.cancelEnrollment(open[5]!.id);
      await admin.updateEnrollment(open[6]!.id, { expires_at: new Date(atNow + 3 * DAY).toISOString() });
    } finally {
      admin.close();
    }
    expect((await pull({ client, store })).outcome).toBe('complete');
    const after = pages.get({}, noOutbox);
    expect(after.figures.activeEnrollments.value).toBe(before.figures.activeEnrollments.value - 1);
    expect(numbers(after)).toEqual(expectedPage(atNow, {}));
    expectLinksMatch(after);
  });
});

describe('through the service', () => {
  it('shows the outbox with the page, and its links open the grids the window asks for', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'enlight-overview-'));
    const small = await startSandbox({ scale: 40 });
    const service = new EnlightService({ dataDir, secrets: new SessionSecretStore(), clientOptions: { retryBaseMs: 1 } });
    try {
      await service['accounts.add']({ name: 'Main', baseUrl: small.url, apiKey: small.org.ownerApiKey });
      const synced = nextEvent(service, 'sync:status', (st: SyncStatus) => !st.running);
      await service['sync.start']({});
      await synced;
      const before = await service['overview.get']({});
      expect(before.outbox).toEqual({ pending: 0, rejected: 0, conflict: 0 });

      const [first] = (await service['enrollments.query']({ filters: before.figures.activeEnrollments.link.filters, offset: 0, limit: 1 })).rows;
      await service['records.delete']({ resource: 'enrollments', id: String(first?.['id']) });
      const after = await service['overview.get']({});
      expect(after.outbox).toEqual({ pending: 1, rejected: 0, conflict: 0 });
      expect(after.figures.activeEnrollments.value).toBe(before.figures.activeEnrollments.value - 1);
      for (const name of OVERVIEW_FIGURES) {
        const { link, value } = after.figures[name];
        const grid = await service[`${link.resource}.query`]({ filters: link.filters, offset: 0, limit: 0 });
        expect(grid.total, name).toBe(value);
      }
    } finally {
      await service.close();
      await small.close();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});

describe('local days, weeks and months', () => {
  it('start at local midnight and on Monday, through clock changes', () => {
    // New York, Sunday 10 March 2024, 12:00 local, the day clocks went forward (02:00 → 03:00).
    const b = pageBounds({ now: () => Date.parse('2024-03-10T16:00:00Z'), timeZone: 'America/New_York' });
    expect(b.today).toBe('2024-03-10');
    expect(b.days.slice(0, 3)).toEqual(['2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z', '2024-03-12T04:00:00.000Z']);
    expect(b.weekDates.at(-1)).toBe('2024-03-04');
    expect(b.weeks.slice(-2)).toEqual(['2024-03-04T05:00:00.000Z', '2024-03-11T04:00:00.000Z']);
    expect([b.monthStart, b.monthEnd]).toEqual(['2024-03-01T05:00:00.000Z', '2024-04-01T04:00:00.000Z']);
    // Santiago, 8 September 2024: midnight never happened (00:00 → 01:00); the day starts at 01:00.
    const s = pageBounds({ now: () => Date.parse('2024-09-08T15:00:00Z'), timeZone: 'America/Santiago' });
    expect(s.days[0]).toBe('2024-09-08T04:00:00.000Z');
    expect(s.days[1]).toBe('2024-09-09T03:00:00.000Z');
  });
});
