// What an enrollment row shows besides its own fields: who the student is, the course, the
// instructor and the groups, by name, as the user sees them (pending edits on top). Looked up for
// the rows of one window only, so the cost follows the window, not the table.
import type Database from 'better-sqlite3';
import { preparedStatement } from './preparedStatement';

type Json = Record<string, unknown>;

/** A person's name as grids show and sort it: "Given Family". The migration's triggers use the same expression. */
export function personNameSql(alias: string): string {
  return `NULLIF(trim(coalesce(${alias}.given_name, '') || ' ' || coalesce(${alias}.family_name, '')), '')`;
}

function personName(row: { given_name: string | null; family_name: string | null }): string | null {
  const name = `${row.given_name ?? ''} ${row.family_name ?? ''}`.trim();
  return name === '' ? null : name;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const distinct = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => v !== undefined))];

/** Rows of a `_current` view by id, as a map. */
function byId<T extends { id: string }>(db: Database.Database, view: string, columns: string, ids: string[]): Map<string, T> {
  if (ids.length === 0) return new Map();
  const rows = preparedStatement(db, `SELECT id, ${columns} FROM ${view} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as T[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Adds student_name, student_email, course_name, instructor_name and group_names (sorted) to each enrollment row. */
export function withEnrollmentDisplay(db: Database.Database, rows: Json[]): Json[] {
  if (rows.length === 0) return rows;
  type Person = { id: string; given_name: string | null; family_name: string | null; email: string | null };
  const students = byId<Person>(db, 'students_current', 'given_name, family_name, email', distinct(rows.map((r) => text(r['student_id']))));
  const courses = byId<{ id: string; name: string | null }>(db, 'courses_current', 'name', distinct(rows.map((r) => text(r['course_id']))));
  const instructors = byId<Person>(db, 'users_current', 'given_name, family_name, email', distinct(rows.map((r) => text(r['instructor_id']))));

  // The server's memberships, and the groups an enrollment created here will join.
  const ids = distinct(rows.map((r) => text(r['id'])));
  const memberships = preparedStatement(
    db,
    `SELECT gm.enrollment_id AS id, gm.group_id AS groupId FROM group_memberships gm WHERE gm.enrollment_id IN (SELECT value FROM json_each(?))
     UNION ALL SELECT o.id, g.value FROM enrollments_overlay o, json_each(o.json, '$.group_ids') g WHERE o.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids), JSON.stringify(ids)) as { id: string; groupId: string }[];
  const groups = byId<{ id: string; name: string | null }>(db, 'groups_current', 'name', distinct(memberships.map((m) => m.groupId)));
  const groupNames = new Map<string, string[]>();
  for (const m of memberships) {
    const name = groups.get(m.groupId)?.name;
    if (!name) continue;
    const names = groupNames.get(m.id) ?? [];
    if (!names.includes(name)) names.push(name);
    groupNames.set(m.id, names);
  }

  for (const row of rows) {
    const student = students.get(String(row['student_id']));
    const instructor = instructors.get(String(row['instructor_id']));
    row['student_name'] = student ? personName(student) : null;
    row['student_email'] = student?.email ?? null;
    row['course_name'] = courses.get(String(row['course_id']))?.name ?? null;
    row['instructor_name'] = instructor ? personName(instructor) : null;
    row['group_names'] = (groupNames.get(String(row['id'])) ?? []).sort((a, b) => a.localeCompare(b));
  }
  return rows;
}
