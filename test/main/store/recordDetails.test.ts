// Detail panes, read from the local copy after a sync: what each shows is what the organisation
// holds (checked against the sandbox's own records), in the order a person reads it, with the
// user's pending edits on top.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { courseDetail, enrollmentDetail, groupDetail, studentDetail, type CurrentRecord } from '../../../src/main/store/recordDetails';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { pull } from '../../../src/main/sync/pull';
import type { ChecksheetDoc, CourseDoc, EnrollmentDoc } from '../../../src/sandbox/model';
import { DOC_IDS } from '../../../src/sandbox/seed/demo';
import { checksheetDetailJson, checksheetJson, courseJson, enrollmentJson, groupJson, libraryItemJson, studentJson } from '../../../src/sandbox/serializers';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';

let sandbox: Sandbox;
let client: EnlightClient;
let store: MirrorStore;
let outbox: Outbox;
let current: CurrentRecord;

const XSS = '<img src=x onerror="alert(document.cookie)"><script>alert(1)</script>';

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 60 });
  client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
  // An admin wrote markup into a course summary: it must arrive untouched (the window sanitises it).
  await client.updateCourse(DOC_IDS.courseHowTo, { summary: XSS });
  store = MirrorStore.open(':memory:');
  outbox = new Outbox(store);
  current = (resource, id) => outbox.current(resource, id);
  const result = await pull({ client, store });
  expect(result.outcome).toBe('complete');
});

afterAll(async () => {
  store.close();
  client.close();
  await sandbox.close();
});

const noShuffle = () => 0;

/** What the sandbox holds for a course, shaped as the pane shows it, made from the sandbox's own records. */
function expectedCourse(courseId: string) {
  const { store: db, org } = sandbox;
  const sheets = [...db.checksheetsOfCourse(courseId)].sort((a, b) => Number(b.current_checksheet) - Number(a.current_checksheet) || b.version - a.version);
  return {
    course: courseJson(db.course(org.id, courseId) as CourseDoc),
    checksheets: sheets.map((sheet: ChecksheetDoc) => ({
      checksheet: checksheetJson(sheet),
      sections: checksheetDetailJson(db, sheet, 'admin', noShuffle).sections.map(({ section_steps, ...section }) => ({
        section,
        steps: section_steps.map((step) => {
          const itemId = 'library_item_id' in step ? step.library_item_id : null;
          const item = itemId ? db.libraryItem(org.id, itemId) : undefined;
          return { step, libraryItem: item ? libraryItemJson(item) : null };
        }),
      })),
    })),
  };
}

describe('a course', () => {
  it('shows its checksheets, current first then newest, each with its sections and steps in sequence and their library items', () => {
    const detail = courseDetail(store, current, DOC_IDS.courseHowTo);
    expect(detail).toEqual(expectedCourse(DOC_IDS.courseHowTo));
    expect(detail?.checksheets.map((c) => [c.checksheet['version'], c.checksheet['current_checksheet']])).toEqual([
      [2, true],
      [1, false],
    ]);
    // The documents' reference steps show the library item they point at.
    const items = detail?.checksheets.flatMap((c) => c.sections.flatMap((s) => s.steps.map((st) => st.libraryItem?.['id']))).filter(Boolean);
    expect(items).toContain(DOC_IDS.libraryItem);
  });

  it('matches the organisation for every course', () => {
    for (const course of sandbox.store.list<CourseDoc>('courses', sandbox.org.id, 10_000, 0)) {
      expect(courseDetail(store, current, course.id), course.name).toEqual(expectedCourse(course.id));
    }
  });

  it("keeps the server's HTML as it was sent", () => {
    expect(courseDetail(store, current, DOC_IDS.courseHowTo)?.course['summary']).toBe(XSS);
  });

  it('orders sections by their sequence whatever order the server listed them in', () => {
    const sheetId = DOC_IDS.checksheetV2;
    const detail = store.checksheetDetail(sheetId) as { sections: { sequence: number }[] };
    const sheet = sandbox.store.checksheet(sandbox.org.id, sheetId) as ChecksheetDoc;
    // Stored as if the server had listed the sections backwards, with one more, last in sequence, first.
    const sequences = detail.sections.map((s) => s.sequence);
    const last = Math.max(...sequences) + 1;
    const extra = { ...(detail.sections[0] as object), id: 'last-section', name: 'The last section', sequence: last, section_steps: [] };
    store.storeChecksheetDetail(sheetId, { ...detail, sections: [extra, ...[...detail.sections].reverse()] });
    try {
      const shown = courseDetail(store, current, sheet.course_id)?.checksheets.find((c) => c.checksheet['id'] === sheetId);
      expect(shown?.sections.map((s) => s.section['sequence'])).toEqual([...sequences.sort((a, b) => a - b), last]);
      expect(shown?.sections.at(-1)?.section).toMatchObject({ id: 'last-section' });
      expect(shown?.sections.at(-1)?.section).not.toHaveProperty('section_steps');
    } finally {
      store.storeChecksheetDetail(sheetId, detail);
    }
  });

  it('shows a pending rename, and is null for a course the local copy does not have', () => {
    outbox.update('courses', DOC_IDS.coursePrerequisite, { name: 'Enlight Basics (renamed here)' });
    try {
      expect(courseDetail(store, current, DOC_IDS.coursePrerequisite)?.course['name']).toBe('Enlight Basics (renamed here)');
    } finally {
      outbox.undo();
    }
    expect(courseDetail(store, current, 'no-such-course')).toBeNull();
  });
});

describe('a student', () => {
  it('shows all their enrollments as the enrollment grid does, with their course names', () => {
    const detail = studentDetail(store, current, DOC_IDS.studentBob);
    expect(detail?.record).toEqual(studentJson(sandbox.store.student(sandbox.org.id, DOC_IDS.studentBob)!));
    const theirs = sandbox.store.enrollmentsOfStudent(DOC_IDS.studentBob);
    expect(detail?.enrollments?.map((e) => e['id']).sort()).toEqual(theirs.map((e) => e.id).sort());
    for (const row of detail?.enrollments ?? []) {
      const e = theirs.find((t) => t.id === row['id']) as EnrollmentDoc;
      expect(row).toMatchObject(enrollmentJson(e));
      expect(row['course_name']).toBe(sandbox.store.course(sandbox.org.id, e.course_id)?.name);
      expect(row['student_name']).toBe('Bob Example');
      expect(Array.isArray(row['group_names'])).toBe(true);
    }
    expect(studentDetail(store, current, 'no-such-student')).toBeNull();
  });

  it('shows a pending change to one of their enrollments', () => {
    outbox.update('enrollments', DOC_IDS.enrollmentBob, { instructor_id: DOC_IDS.userSam });
    try {
      const row = studentDetail(store, current, DOC_IDS.studentBob)?.enrollments?.find((e) => e['id'] === DOC_IDS.enrollmentBob);
      expect(row).toMatchObject({ instructor_id: DOC_IDS.userSam, instructor_name: 'Sam Smith' });
    } finally {
      outbox.undo();
    }
  });
});

describe('an enrollment', () => {
  it('shows its student and its course', () => {
    const e = sandbox.store.enrollment(sandbox.org.id, DOC_IDS.enrollmentInGroup) as EnrollmentDoc;
    expect(enrollmentDetail(store, current, e.id)).toEqual({
      record: enrollmentJson(e),
      student: studentJson(sandbox.store.student(sandbox.org.id, e.student_id)!),
      course: courseJson(sandbox.store.course(sandbox.org.id, e.course_id)!),
    });
    expect(enrollmentDetail(store, current, 'no-such-enrollment')).toBeNull();
  });
});

describe('a group', () => {
  it('shows its enrollments, and one made here for it that is not sent yet', () => {
    const groups = sandbox.store.list<{ id: string }>('groups', sandbox.org.id, 10_000, 0);
    for (const g of groups) {
      const detail = groupDetail(store, current, g.id);
      expect(detail?.record).toEqual(groupJson(sandbox.store.group(sandbox.org.id, g.id)!));
      expect(detail?.enrollments?.map((e) => e['id']).sort()).toEqual(sandbox.store.enrollmentsOfGroup(g.id).map((e) => e.id).sort());
    }

    const made = outbox.create('enrollments', { course_id: DOC_IDS.courseHowTo, instructor_id: DOC_IDS.userSam, student_id: DOC_IDS.studentBob, group_ids: [DOC_IDS.group2020] });
    try {
      const rows = groupDetail(store, current, DOC_IDS.group2020)?.enrollments ?? [];
      expect(rows.map((r) => r['id'])).toEqual([DOC_IDS.enrollmentInGroup, made]);
      expect(rows[1]).toMatchObject({ course_name: 'How to use the Enlight API', student_name: 'Bob Example', group_names: ['Class of 2020'] });
    } finally {
      outbox.undo();
    }
    expect(groupDetail(store, current, 'no-such-group')).toBeNull();
  });
});
