// What a detail pane shows: a record and the records that belong with it, read from the local copy
// as the user sees it (the server's records with pending local edits on top). Checksheets, their
// sections and steps, and library items have no local edits: they are read as the mirror holds them.
// HTML stays as the server sent it; the renderer sanitises it before showing it.
import type { CourseDetail, GridResource, RecordDetail } from '../../shared/bridge';
import { withEnrollmentDisplay } from './enrollmentDisplay';
import type { MirrorStore } from './MirrorStore';

type Json = Record<string, unknown>;

/** The record as the user sees it, or undefined when unknown or deleted (Outbox.current). */
export type CurrentRecord = (resource: GridResource, id: string) => Json | undefined;

interface ChecksheetRow {
  json: string;
  detail_json: string | null;
}

interface StoredSection extends Json {
  sequence?: unknown;
  section_steps?: unknown;
}

export function courseDetail(store: MirrorStore, current: CurrentRecord, id: string): CourseDetail | null {
  const course = current('courses', id);
  if (!course) return null;
  // The current checksheet first, then the others, newest version first.
  const rows = store
    .statement(`SELECT json, detail_json FROM checksheets WHERE course_id = ? ORDER BY current_checksheet IS 1 DESC, version DESC, created_at DESC, id`)
    .all(String(course['id'])) as ChecksheetRow[];
  const sheets = rows.map((row) => ({ checksheet: JSON.parse(row.json) as Json, sections: sectionsOf(row.detail_json) }));
  const itemIds = new Set<string>();
  for (const sheet of sheets) for (const section of sheet.sections) for (const step of section.steps) if (step.libraryItemId) itemIds.add(step.libraryItemId);
  const items = libraryItems(store, [...itemIds]);
  return {
    course,
    checksheets: sheets.map((sheet) => ({
      checksheet: sheet.checksheet,
      sections: sheet.sections.map((section) => ({
        section: section.section,
        steps: section.steps.map((s) => ({ step: s.step, libraryItem: (s.libraryItemId && items.get(s.libraryItemId)) || null })),
      })),
    })),
  };
}

/** Sections in sequence, each with its steps in the order the server listed them. */
function sectionsOf(detailJson: string | null): { section: Json; steps: { step: Json; libraryItemId: string | null }[] }[] {
  if (!detailJson) return [];
  const detail = JSON.parse(detailJson) as { sections?: unknown };
  const sections = Array.isArray(detail.sections) ? (detail.sections.filter(isObject) as StoredSection[]) : [];
  return sections
    .map((raw, index) => ({ raw, index, sequence: typeof raw.sequence === 'number' ? raw.sequence : Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.sequence - b.sequence || a.index - b.index)
    .map(({ raw }) => {
      const { section_steps: steps, ...section } = raw;
      return {
        section,
        steps: (Array.isArray(steps) ? steps.filter(isObject) : []).map((step) => ({
          step,
          libraryItemId: typeof step['library_item_id'] === 'string' && step['library_item_id'] !== '' ? step['library_item_id'] : null,
        })),
      };
    });
}

function libraryItems(store: MirrorStore, ids: string[]): Map<string, Json> {
  const items = new Map<string, Json>();
  if (ids.length === 0) return items;
  const rows = store.statement(`SELECT id, json FROM library_items WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { id: string; json: string }[];
  for (const row of rows) items.set(row.id, JSON.parse(row.json) as Json);
  return items;
}

export function studentDetail(store: MirrorStore, current: CurrentRecord, id: string): RecordDetail | null {
  const record = current('students', id);
  if (!record) return null;
  return { record, enrollments: enrollmentRows(store, `e.student_id = @id`, String(record['id'])) };
}

export function enrollmentDetail(store: MirrorStore, current: CurrentRecord, id: string): RecordDetail | null {
  const record = current('enrollments', id);
  if (!record) return null;
  const studentId = record['student_id'];
  const courseId = record['course_id'];
  return {
    record,
    student: typeof studentId === 'string' ? (current('students', studentId) ?? null) : null,
    course: typeof courseId === 'string' ? (current('courses', courseId) ?? null) : null,
  };
}

export function groupDetail(store: MirrorStore, current: CurrentRecord, id: string): RecordDetail | null {
  const record = current('groups', id);
  if (!record) return null;
  // Members as the server listed them, and new enrollments made here for the group, not yet sent
  // (as the enrollment grid's group filter counts them).
  const members = `e.id IN (SELECT enrollment_id FROM group_memberships WHERE group_id = @id
    UNION SELECT o.id FROM enrollments_overlay o WHERE o.deleted = 0 AND @id IN (SELECT g.value FROM json_each(o.json, '$.group_ids') g))`;
  return { record, enrollments: enrollmentRows(store, members, String(record['id'])) };
}

/** Enrollments as the enrollment grid shows them (with student, course, instructor and group names), oldest first. */
function enrollmentRows(store: MirrorStore, where: string, id: string): Json[] {
  const rows = store.statement(`SELECT e.json FROM enrollments_current e WHERE ${where} ORDER BY e.created_at IS NULL, e.created_at, e.id`).all({ id }) as { json: string }[];
  return withEnrollmentDisplay(
    store.db,
    rows.map((r) => JSON.parse(r.json) as Json),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
