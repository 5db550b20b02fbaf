// The sandbox's own storage: one SQLite database (in memory, or a file that survives restarts).
// Each resource table keeps the record as JSON (`doc`) plus the few columns the server looks
// records up by. `seq` is creation order, which is the order every list is served in.
import Database from 'better-sqlite3';

export type SandboxDb = Database.Database;

export const RESOURCE_TABLES = [
  'courses',
  'checksheets',
  'sections',
  'section_steps',
  'steps',
  'library_items',
  'students',
  'enrollments',
  'groups',
  'users',
  'answers',
] as const;
export type ResourceTable = (typeof RESOURCE_TABLES)[number];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orgs (
  id TEXT PRIMARY KEY,
  subdomain TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS courses (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  name_key TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checksheets (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  course_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  checksheet_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS section_steps (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  section_id TEXT NOT NULL, step_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS library_items (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS students (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  email TEXT NOT NULL, api_key TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollments (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  student_id TEXT NOT NULL, course_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS groups (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS group_enrollments (
  group_id TEXT NOT NULL, enrollment_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  email TEXT NOT NULL, api_key TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL,
  enrollment_id TEXT NOT NULL, section_step_id TEXT NOT NULL, doc TEXT NOT NULL,
  UNIQUE (enrollment_id, section_step_id)
);
`;

// Built after a new database is seeded: sorting once is far faster than keeping random UUID
// keys in order row by row (100k students start in seconds instead of half a minute).
const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS courses_id ON courses(id);
CREATE UNIQUE INDEX IF NOT EXISTS checksheets_id ON checksheets(id);
CREATE UNIQUE INDEX IF NOT EXISTS sections_id ON sections(id);
CREATE UNIQUE INDEX IF NOT EXISTS steps_id ON steps(id);
CREATE UNIQUE INDEX IF NOT EXISTS section_steps_id ON section_steps(id);
CREATE UNIQUE INDEX IF NOT EXISTS library_items_id ON library_items(id);
CREATE UNIQUE INDEX IF NOT EXISTS students_id ON students(id);
CREATE UNIQUE INDEX IF NOT EXISTS enrollments_id ON enrollments(id);
CREATE UNIQUE INDEX IF NOT EXISTS groups_id ON groups(id);
CREATE UNIQUE INDEX IF NOT EXISTS users_id ON users(id);
CREATE UNIQUE INDEX IF NOT EXISTS students_api_key ON students(api_key);
CREATE UNIQUE INDEX IF NOT EXISTS users_api_key ON users(api_key);
CREATE INDEX IF NOT EXISTS courses_org ON courses(org_id, deleted, seq);
CREATE INDEX IF NOT EXISTS courses_name ON courses(org_id, name_key);
CREATE INDEX IF NOT EXISTS checksheets_org ON checksheets(org_id, seq);
CREATE INDEX IF NOT EXISTS checksheets_course ON checksheets(course_id);
CREATE INDEX IF NOT EXISTS sections_checksheet ON sections(checksheet_id);
CREATE INDEX IF NOT EXISTS section_steps_section ON section_steps(section_id);
CREATE INDEX IF NOT EXISTS students_org ON students(org_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS students_email ON students(org_id, email);
CREATE INDEX IF NOT EXISTS enrollments_org ON enrollments(org_id, seq);
CREATE INDEX IF NOT EXISTS enrollments_student ON enrollments(student_id);
CREATE INDEX IF NOT EXISTS enrollments_course ON enrollments(course_id);
CREATE INDEX IF NOT EXISTS groups_org ON groups(org_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS group_enrollments_pair ON group_enrollments(group_id, enrollment_id);
CREATE INDEX IF NOT EXISTS group_enrollments_enrollment ON group_enrollments(enrollment_id);
CREATE INDEX IF NOT EXISTS users_org ON users(org_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(org_id, email);
`;

export function openSandboxDb(file: string | undefined): SandboxDb {
  const db = new Database(file ?? ':memory:');
  if (file) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

export function createIndexes(db: SandboxDb): void {
  db.exec(INDEXES);
}

export function isSeeded(db: SandboxDb): boolean {
  return db.prepare(`SELECT 1 FROM orgs LIMIT 1`).get() !== undefined;
}
