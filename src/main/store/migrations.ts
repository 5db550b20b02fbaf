// Numbered migrations of an account's database. Each runs once, in order, in a transaction; its
// SQL is hashed when applied, and a database whose recorded hash differs from the code's is
// refused: an edited migration would leave old and new databases with different shapes.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { rebuildTable } from './rebuildTable';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Tables given new column definitions before `sql` runs, keeping their rows, indexes and triggers (rebuildTable.ts). */
  rebuild?: Record<string, string>;
}

// Each mirror table keeps the server's JSON as it came (`json`), typed and indexed columns for what
// the grids sort, filter and join on, and `seen_pass`: the last pull pass that saw the record,
// which is how deletions on the server are found.
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'mirror tables, full-text search and sync checkpoints',
    sql: `
CREATE TABLE courses (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, summary TEXT, price_cents INTEGER, price_currency TEXT,
  purchasable INTEGER, advertised INTEGER, multiple_sign_ups INTEGER, instructor_id TEXT,
  prerequisite_course_id TEXT, archived_at TEXT, created_at TEXT, updated_at TEXT,
  json TEXT NOT NULL, seen_pass INTEGER NOT NULL
);
CREATE INDEX courses_name ON courses(name COLLATE NOCASE);
CREATE INDEX courses_updated ON courses(updated_at);

CREATE TABLE checksheets (
  id TEXT PRIMARY KEY, course_id TEXT NOT NULL, version INTEGER, current_checksheet INTEGER,
  published INTEGER, created_at TEXT, updated_at TEXT, json TEXT NOT NULL, seen_pass INTEGER NOT NULL,
  -- the checksheet with its sections and steps, and the updated_at it was fetched at
  detail_json TEXT, detail_updated_at TEXT
);
CREATE INDEX checksheets_course ON checksheets(course_id);

CREATE TABLE checksheet_steps (
  checksheet_id TEXT NOT NULL, section_id TEXT NOT NULL, section_sequence INTEGER NOT NULL,
  section_name TEXT, step_sequence INTEGER NOT NULL, step_id TEXT NOT NULL, type TEXT, title TEXT,
  library_item_id TEXT, PRIMARY KEY (checksheet_id, section_sequence, step_sequence)
);
CREATE INDEX checksheet_steps_library_item ON checksheet_steps(library_item_id);

CREATE TABLE library_items (
  id TEXT PRIMARY KEY, title TEXT, type TEXT, updated_at TEXT, json TEXT NOT NULL, fetched_pass INTEGER NOT NULL
);

CREATE TABLE students (
  id TEXT PRIMARY KEY, given_name TEXT, family_name TEXT, email TEXT, company_name TEXT,
  external_id TEXT, locale TEXT, time_zone TEXT, json TEXT NOT NULL, seen_pass INTEGER NOT NULL
);
CREATE INDEX students_family_name ON students(family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE INDEX students_email ON students(email COLLATE NOCASE);
CREATE INDEX students_external_id ON students(external_id);

CREATE TABLE enrollments (
  id TEXT PRIMARY KEY, student_id TEXT NOT NULL, course_id TEXT NOT NULL, checksheet_id TEXT,
  instructor_id TEXT, enroller_id TEXT, active INTEGER, created_at TEXT, updated_at TEXT,
  started_at TEXT, completed_at TEXT, expires_at TEXT, custom_name TEXT,
  json TEXT NOT NULL, seen_pass INTEGER NOT NULL
);
CREATE INDEX enrollments_student ON enrollments(student_id);
CREATE INDEX enrollments_course ON enrollments(course_id, active);
CREATE INDEX enrollments_instructor ON enrollments(instructor_id);
CREATE INDEX enrollments_expires ON enrollments(expires_at);
CREATE INDEX enrollments_started ON enrollments(started_at);
CREATE INDEX enrollments_completed ON enrollments(completed_at);

CREATE TABLE groups (
  id TEXT PRIMARY KEY, name TEXT, json TEXT NOT NULL, seen_pass INTEGER NOT NULL,
  -- the pass whose group detail filled group_memberships
  members_pass INTEGER
);
CREATE INDEX groups_name ON groups(name COLLATE NOCASE);

CREATE TABLE group_memberships (
  group_id TEXT NOT NULL, enrollment_id TEXT NOT NULL, PRIMARY KEY (group_id, enrollment_id)
) WITHOUT ROWID;
CREATE INDEX group_memberships_enrollment ON group_memberships(enrollment_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY, given_name TEXT, family_name TEXT, email TEXT, locale TEXT, role TEXT,
  unsubscribed INTEGER, json TEXT NOT NULL, seen_pass INTEGER NOT NULL
);
CREATE INDEX users_family_name ON users(family_name COLLATE NOCASE, given_name COLLATE NOCASE);

-- Full-text search over names and emails, kept in step with the tables by triggers.
CREATE VIRTUAL TABLE students_fts USING fts5(given_name, family_name, email, external_id, company_name, content='students', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER students_fts_insert AFTER INSERT ON students BEGIN
  INSERT INTO students_fts(rowid, given_name, family_name, email, external_id, company_name) VALUES (new.rowid, new.given_name, new.family_name, new.email, new.external_id, new.company_name);
END;
CREATE TRIGGER students_fts_delete AFTER DELETE ON students BEGIN
  INSERT INTO students_fts(students_fts, rowid, given_name, family_name, email, external_id, company_name) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email, old.external_id, old.company_name);
END;
CREATE TRIGGER students_fts_update AFTER UPDATE OF given_name, family_name, email, external_id, company_name ON students BEGIN
  INSERT INTO students_fts(students_fts, rowid, given_name, family_name, email, external_id, company_name) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email, old.external_id, old.company_name);
  INSERT INTO students_fts(rowid, given_name, family_name, email, external_id, company_name) VALUES (new.rowid, new.given_name, new.family_name, new.email, new.external_id, new.company_name);
END;

CREATE VIRTUAL TABLE users_fts USING fts5(given_name, family_name, email, content='users', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts(rowid, given_name, family_name, email) VALUES (new.rowid, new.given_name, new.family_name, new.email);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, given_name, family_name, email) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF given_name, family_name, email ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, given_name, family_name, email) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email);
  INSERT INTO users_fts(rowid, given_name, family_name, email) VALUES (new.rowid, new.given_name, new.family_name, new.email);
END;

CREATE VIRTUAL TABLE courses_fts USING fts5(name, summary, content='courses', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER courses_fts_insert AFTER INSERT ON courses BEGIN
  INSERT INTO courses_fts(rowid, name, summary) VALUES (new.rowid, new.name, new.summary);
END;
CREATE TRIGGER courses_fts_delete AFTER DELETE ON courses BEGIN
  INSERT INTO courses_fts(courses_fts, rowid, name, summary) VALUES ('delete', old.rowid, old.name, old.summary);
END;
CREATE TRIGGER courses_fts_update AFTER UPDATE OF name, summary ON courses BEGIN
  INSERT INTO courses_fts(courses_fts, rowid, name, summary) VALUES ('delete', old.rowid, old.name, old.summary);
  INSERT INTO courses_fts(rowid, name, summary) VALUES (new.rowid, new.name, new.summary);
END;

CREATE VIRTUAL TABLE groups_fts USING fts5(name, content='groups', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER groups_fts_insert AFTER INSERT ON groups BEGIN
  INSERT INTO groups_fts(rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER groups_fts_delete AFTER DELETE ON groups BEGIN
  INSERT INTO groups_fts(groups_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER groups_fts_update AFTER UPDATE OF name ON groups BEGIN
  INSERT INTO groups_fts(groups_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO groups_fts(rowid, name) VALUES (new.rowid, new.name);
END;

-- Where each list's pull pass is, so a stopped sync resumes instead of starting over.
CREATE TABLE sync_lists (
  resource TEXT PRIMARY KEY,
  pass INTEGER NOT NULL DEFAULT 0,          -- the pass in progress, or the last one
  state TEXT NOT NULL DEFAULT 'idle',        -- idle | listing | listed
  next_offset INTEGER NOT NULL DEFAULT 0,    -- the offset of the next page to fetch
  anchor_ids TEXT,                           -- ids of the last stored page, to check the next one joins it
  drifted INTEGER NOT NULL DEFAULT 0,        -- the list changed under this pass: no deletions from it
  records INTEGER NOT NULL DEFAULT 0,        -- distinct records seen by this pass (overlaps not counted twice)
  last_total INTEGER,                        -- records in the last complete pass, for the ETA
  last_complete_at TEXT,
  last_drift_free_at TEXT
);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, outcome TEXT, message TEXT
);
`,
  },
  {
    version: 2,
    name: 'sort indexes end with id, as every grid sort does',
    // A grid window is ORDER BY <column>, id (id makes the order total, so pages never overlap).
    // An index on the column alone leaves SQLite sorting each run of equal names; ending the index
    // with id lets it read the window straight off the index.
    sql: `
DROP INDEX courses_name;
CREATE INDEX courses_name ON courses(name COLLATE NOCASE, id);
DROP INDEX students_family_name;
CREATE INDEX students_family_name ON students(family_name COLLATE NOCASE, id);
DROP INDEX students_email;
CREATE INDEX students_email ON students(email COLLATE NOCASE, id);
DROP INDEX users_family_name;
CREATE INDEX users_family_name ON users(family_name COLLATE NOCASE, id);
DROP INDEX groups_name;
CREATE INDEX groups_name ON groups(name COLLATE NOCASE, id);
DROP INDEX enrollments_expires;
CREATE INDEX enrollments_expires ON enrollments(expires_at, id);
DROP INDEX enrollments_started;
CREATE INDEX enrollments_started ON enrollments(started_at, id);
DROP INDEX enrollments_completed;
CREATE INDEX enrollments_completed ON enrollments(completed_at, id);
`,
  },
  {
    version: 3,
    name: 'the outbox: local edits, their overlay and local ids',
    // Every local edit is an outbox entry; the overlay holds each edited record as the user now
    // sees it (the mirror's record with the pending edits applied), derived from mirror and outbox
    // and rewritten in the same transaction as either. <resource>_current is what the grids read.
    sql: `
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- the order edits were made in, and are sent in
  resource TEXT NOT NULL,
  record_id TEXT NOT NULL,                 -- the server's id, or a local id ("local-…") until created
  kind TEXT NOT NULL,                      -- create | update | delete
  fields TEXT NOT NULL DEFAULT '{}',       -- JSON: the values to send
  base TEXT NOT NULL DEFAULT '{}',         -- JSON: for updates, each field's value when first edited
  state TEXT NOT NULL DEFAULT 'pending',   -- pending | sending | unknown | rejected | conflict | ambiguous
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,  -- ms since the epoch: backoff after a failure
  message TEXT,                            -- the server's words (or ours) about the last failure
  field_errors TEXT,                       -- JSON: the server's error hash, field by field
  conflict TEXT,                           -- JSON: {field: {base, mine, theirs}}, {deleted: true} or {candidates: [...]}
  created_at TEXT NOT NULL,
  sent_at TEXT                             -- when it was last sent: a create's lost answer is looked for after it
);
CREATE INDEX outbox_record ON outbox(resource, record_id, seq);
CREATE INDEX outbox_state ON outbox(state);

-- A record created offline keeps its local id; once the server has created it, the map says which
-- server id it became, so later edits that name it are sent with the right one.
CREATE TABLE local_ids (local_id TEXT PRIMARY KEY, resource TEXT NOT NULL, server_id TEXT NOT NULL);

-- Undo: the outbox rows of a record as they were before each edit, while none has been sent.
CREATE TABLE edit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, resource TEXT NOT NULL, record_id TEXT NOT NULL, before TEXT NOT NULL, at TEXT NOT NULL);

CREATE TABLE courses_overlay (id TEXT PRIMARY KEY, name TEXT, summary TEXT, price_cents INTEGER, price_currency TEXT, purchasable INTEGER, advertised INTEGER, multiple_sign_ups INTEGER, instructor_id TEXT, prerequisite_course_id TEXT, archived_at TEXT, created_at TEXT, updated_at TEXT, json TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE VIEW courses_current AS
  SELECT id, name, summary, price_cents, price_currency, purchasable, advertised, multiple_sign_ups, instructor_id, prerequisite_course_id, archived_at, created_at, updated_at, json, 0 AS pending FROM courses WHERE id NOT IN (SELECT id FROM courses_overlay)
  UNION ALL
  SELECT id, name, summary, price_cents, price_currency, purchasable, advertised, multiple_sign_ups, instructor_id, prerequisite_course_id, archived_at, created_at, updated_at, json, 1 AS pending FROM courses_overlay WHERE deleted = 0;

CREATE TABLE students_overlay (id TEXT PRIMARY KEY, given_name TEXT, family_name TEXT, email TEXT, company_name TEXT, external_id TEXT, locale TEXT, time_zone TEXT, json TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE VIEW students_current AS
  SELECT id, given_name, family_name, email, company_name, external_id, locale, time_zone, json, 0 AS pending FROM students WHERE id NOT IN (SELECT id FROM students_overlay)
  UNION ALL
  SELECT id, given_name, family_name, email, company_name, external_id, locale, time_zone, json, 1 AS pending FROM students_overlay WHERE deleted = 0;

CREATE TABLE enrollments_overlay (id TEXT PRIMARY KEY, student_id TEXT, course_id TEXT, checksheet_id TEXT, instructor_id TEXT, enroller_id TEXT, active INTEGER, created_at TEXT, updated_at TEXT, started_at TEXT, completed_at TEXT, expires_at TEXT, custom_name TEXT, json TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE VIEW enrollments_current AS
  SELECT id, student_id, course_id, checksheet_id, instructor_id, enroller_id, active, created_at, updated_at, started_at, completed_at, expires_at, custom_name, json, 0 AS pending FROM enrollments WHERE id NOT IN (SELECT id FROM enrollments_overlay)
  UNION ALL
  SELECT id, student_id, course_id, checksheet_id, instructor_id, enroller_id, active, created_at, updated_at, started_at, completed_at, expires_at, custom_name, json, 1 AS pending FROM enrollments_overlay WHERE deleted = 0;

CREATE TABLE groups_overlay (id TEXT PRIMARY KEY, name TEXT, json TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE VIEW groups_current AS
  SELECT id, name, json, 0 AS pending FROM groups WHERE id NOT IN (SELECT id FROM groups_overlay)
  UNION ALL
  SELECT id, name, json, 1 AS pending FROM groups_overlay WHERE deleted = 0;

CREATE TABLE users_overlay (id TEXT PRIMARY KEY, given_name TEXT, family_name TEXT, email TEXT, locale TEXT, role TEXT, unsubscribed INTEGER, json TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE VIEW users_current AS
  SELECT id, given_name, family_name, email, locale, role, unsubscribed, json, 0 AS pending FROM users WHERE id NOT IN (SELECT id FROM users_overlay)
  UNION ALL
  SELECT id, given_name, family_name, email, locale, role, unsubscribed, json, 1 AS pending FROM users_overlay WHERE deleted = 0;
`,
  },
  {
    version: 4,
    name: 'sort indexes on the column alone; ties go by rowid',
    // Migration 2 ended each sort index with id. Ids are random UUIDs, so every insert landed on a
    // random page of every such index, even for columns that are mostly empty (started_at,
    // completed_at): a full sync spent most of its time rewriting index pages. An index on the
    // column alone already ends with the rowid, which grows with each insert; grid windows now
    // break ties by rowid, so the index still gives the whole order.
    sql: `
DROP INDEX courses_name;
CREATE INDEX courses_name ON courses(name COLLATE NOCASE);
DROP INDEX students_family_name;
CREATE INDEX students_family_name ON students(family_name COLLATE NOCASE);
DROP INDEX students_email;
CREATE INDEX students_email ON students(email COLLATE NOCASE);
DROP INDEX users_family_name;
CREATE INDEX users_family_name ON users(family_name COLLATE NOCASE);
DROP INDEX groups_name;
CREATE INDEX groups_name ON groups(name COLLATE NOCASE);
DROP INDEX enrollments_expires;
CREATE INDEX enrollments_expires ON enrollments(expires_at);
DROP INDEX enrollments_started;
CREATE INDEX enrollments_started ON enrollments(started_at);
DROP INDEX enrollments_completed;
CREATE INDEX enrollments_completed ON enrollments(completed_at);
`,
  },
  {
    version: 5,
    name: 'student search over names and emails only',
    // The trigram index is the costliest thing a sync writes for a student (every three letters of
    // every indexed column is a term). Search is for names and emails; company and external id
    // remain filterable with "contains".
    sql: `
DROP TRIGGER students_fts_insert;
DROP TRIGGER students_fts_delete;
DROP TRIGGER students_fts_update;
DROP TABLE students_fts;
CREATE VIRTUAL TABLE students_fts USING fts5(given_name, family_name, email, content='students', content_rowid='rowid', tokenize='trigram');
INSERT INTO students_fts(students_fts) VALUES ('rebuild');
CREATE TRIGGER students_fts_insert AFTER INSERT ON students BEGIN
  INSERT INTO students_fts(rowid, given_name, family_name, email) VALUES (new.rowid, new.given_name, new.family_name, new.email);
END;
CREATE TRIGGER students_fts_delete AFTER DELETE ON students BEGIN
  INSERT INTO students_fts(students_fts, rowid, given_name, family_name, email) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email);
END;
CREATE TRIGGER students_fts_update AFTER UPDATE OF given_name, family_name, email ON students BEGIN
  INSERT INTO students_fts(students_fts, rowid, given_name, family_name, email) VALUES ('delete', old.rowid, old.given_name, old.family_name, old.email);
  INSERT INTO students_fts(rowid, given_name, family_name, email) VALUES (new.rowid, new.given_name, new.family_name, new.email);
END;
`,
  },
  {
    version: 6,
    name: 'undo steps of many edits, redo, and enrollment grids sorted by names',
    // Undo works in steps: a bulk edit, a paste or an import is one step of many edit_log rows
    // sharing a batch number (a single edit is a step of one row). `after` is the record's outbox
    // rows once the edit was made, so undo can tell an edit still as it was from one sent since;
    // an undone step stays, marked, until redone or a new edit starts another history.
    //
    // The enrollment grid shows and sorts by the names of the student, course and instructor.
    // Sorting 200,000 enrollments by a name looked up in another table would sort the whole table
    // for every window; copies of the names kept current by triggers, and indexed, let a window be
    // read straight off an index, as for the enrollment's own columns.
    sql: `
ALTER TABLE edit_log ADD COLUMN batch INTEGER;
ALTER TABLE edit_log ADD COLUMN after TEXT;
ALTER TABLE edit_log ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
UPDATE edit_log SET batch = id;
CREATE INDEX edit_log_step ON edit_log(undone, batch);

ALTER TABLE enrollments ADD COLUMN student_name TEXT;
ALTER TABLE enrollments ADD COLUMN course_name TEXT;
ALTER TABLE enrollments ADD COLUMN instructor_name TEXT;
UPDATE enrollments SET
  student_name = (SELECT NULLIF(trim(coalesce(s.given_name, '') || ' ' || coalesce(s.family_name, '')), '') FROM students s WHERE s.id = enrollments.student_id),
  course_name = (SELECT c.name FROM courses c WHERE c.id = enrollments.course_id),
  instructor_name = (SELECT NULLIF(trim(coalesce(u.given_name, '') || ' ' || coalesce(u.family_name, '')), '') FROM users u WHERE u.id = enrollments.instructor_id);
CREATE INDEX enrollments_student_name ON enrollments(student_name COLLATE NOCASE);
CREATE INDEX enrollments_course_name ON enrollments(course_name COLLATE NOCASE);
CREATE INDEX enrollments_instructor_name ON enrollments(instructor_name COLLATE NOCASE);
-- An enrollment's state (active, completed, expired, cancelled) is a condition on these three:
-- counting the enrollments in a state reads this index, not 200,000 records.
CREATE INDEX enrollments_state ON enrollments(active, completed_at, expires_at);

CREATE TRIGGER enrollments_names_insert AFTER INSERT ON enrollments BEGIN
  UPDATE enrollments SET
    student_name = (SELECT NULLIF(trim(coalesce(s.given_name, '') || ' ' || coalesce(s.family_name, '')), '') FROM students s WHERE s.id = new.student_id),
    course_name = (SELECT c.name FROM courses c WHERE c.id = new.course_id),
    instructor_name = (SELECT NULLIF(trim(coalesce(u.given_name, '') || ' ' || coalesce(u.family_name, '')), '') FROM users u WHERE u.id = new.instructor_id)
  WHERE rowid = new.rowid;
END;
CREATE TRIGGER enrollments_names_update AFTER UPDATE OF student_id, course_id, instructor_id ON enrollments BEGIN
  UPDATE enrollments SET
    student_name = (SELECT NULLIF(trim(coalesce(s.given_name, '') || ' ' || coalesce(s.family_name, '')), '') FROM students s WHERE s.id = new.student_id),
    course_name = (SELECT c.name FROM courses c WHERE c.id = new.course_id),
    instructor_name = (SELECT NULLIF(trim(coalesce(u.given_name, '') || ' ' || coalesce(u.family_name, '')), '') FROM users u WHERE u.id = new.instructor_id)
  WHERE rowid = new.rowid;
END;

CREATE TRIGGER students_names_insert AFTER INSERT ON students BEGIN
  UPDATE enrollments SET student_name = NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '') WHERE student_id = new.id;
END;
CREATE TRIGGER students_names_update AFTER UPDATE OF given_name, family_name ON students BEGIN
  UPDATE enrollments SET student_name = NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '')
  WHERE student_id = new.id AND student_name IS NOT NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '');
END;
CREATE TRIGGER students_names_delete AFTER DELETE ON students BEGIN
  UPDATE enrollments SET student_name = NULL WHERE student_id = old.id;
END;

CREATE TRIGGER courses_names_insert AFTER INSERT ON courses BEGIN
  UPDATE enrollments SET course_name = new.name WHERE course_id = new.id;
END;
CREATE TRIGGER courses_names_update AFTER UPDATE OF name ON courses BEGIN
  UPDATE enrollments SET course_name = new.name WHERE course_id = new.id AND course_name IS NOT new.name;
END;
CREATE TRIGGER courses_names_delete AFTER DELETE ON courses BEGIN
  UPDATE enrollments SET course_name = NULL WHERE course_id = old.id;
END;

CREATE TRIGGER users_names_insert AFTER INSERT ON users BEGIN
  UPDATE enrollments SET instructor_name = NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '') WHERE instructor_id = new.id;
END;
CREATE TRIGGER users_names_update AFTER UPDATE OF given_name, family_name ON users BEGIN
  UPDATE enrollments SET instructor_name = NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '')
  WHERE instructor_id = new.id AND instructor_name IS NOT NULLIF(trim(coalesce(new.given_name, '') || ' ' || coalesce(new.family_name, '')), '');
END;
CREATE TRIGGER users_names_delete AFTER DELETE ON users BEGIN
  UPDATE enrollments SET instructor_name = NULL WHERE instructor_id = old.id;
END;

`,
  },
  {
    version: 7,
    name: 'saved grid views and column layouts; what the overview counts with',
    // What a person arranged in a grid, per resource, kept with the account. Stored as JSON and
    // checked when read back (SavedViews.ts), so a row an older or newer app wrote that no longer
    // fits is dropped instead of breaking the grid.
    //
    // The overview (src/main/overview/) counts 200,000 enrollments in SQLite. Its counts come off
    // indexes that hold every field a count reads, so no count reads the records themselves (each
    // carries its JSON, and reading them is what makes a count slow):
    // - by course and state: the course index, widened by the fields an enrollment's state is made of;
    // - students' first enrollment (new students): the student index, widened by created_at, and
    //   the enrollments made in a week by created_at;
    // - stalled and never-started enrollments: the enrollments still open, by expiry, start and creation.
    // What it counted from the mirror (and the names of courses and groups it shows) is kept between
    // calls while `overview_mirror.version` stays the same; the triggers move it on whenever the
    // server's data it reads changes (a pull, a push), and never for local edits, which the overview
    // adds on top each time.
    sql: `
DROP INDEX enrollments_course;
CREATE INDEX enrollments_course ON enrollments(course_id, active, completed_at, expires_at);
DROP INDEX enrollments_student;
CREATE INDEX enrollments_student ON enrollments(student_id, created_at);
CREATE INDEX enrollments_created ON enrollments(created_at, student_id);
CREATE INDEX enrollments_open ON enrollments(expires_at, started_at, created_at) WHERE active = 1 AND completed_at IS NULL;

CREATE TABLE overview_mirror (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO overview_mirror (id, version) VALUES (1, 0);
CREATE TRIGGER overview_enrollments_insert AFTER INSERT ON enrollments BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_enrollments_delete AFTER DELETE ON enrollments BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_enrollments_update AFTER UPDATE OF id, student_id, course_id, instructor_id, active, created_at, started_at, completed_at, expires_at ON enrollments BEGIN
  UPDATE overview_mirror SET version = version + 1;
END;
CREATE TRIGGER overview_memberships_insert AFTER INSERT ON group_memberships BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_memberships_delete AFTER DELETE ON group_memberships BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_students_insert AFTER INSERT ON students BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_students_delete AFTER DELETE ON students BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_courses_insert AFTER INSERT ON courses BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_courses_delete AFTER DELETE ON courses BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_courses_update AFTER UPDATE OF name ON courses BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_groups_insert AFTER INSERT ON groups BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_groups_delete AFTER DELETE ON groups BEGIN UPDATE overview_mirror SET version = version + 1; END;
CREATE TRIGGER overview_groups_update AFTER UPDATE OF name ON groups BEGIN UPDATE overview_mirror SET version = version + 1; END;

CREATE TABLE saved_views (
  resource TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,         -- "Expiring soon" and "expiring soon" are one view
  json TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (resource, name)
);
CREATE TABLE column_layouts (
  resource TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'indexes built after a table is first listed',
    // A table's first listing drops its secondary indexes and full-text triggers and builds them
    // once the list is in (deferredIndexes.ts); what it dropped is kept here until then.
    sql: `
CREATE TABLE deferred_schema (
  name TEXT PRIMARY KEY,
  resource TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
  sql TEXT NOT NULL
);
`,
  },
  {
    version: 9,
    name: 'student and enrollment ids in an index of their own, which a first listing defers too',
    // A primary key's index can't be dropped, and keyed by random ids it was most of the cost of a
    // first listing: each commit rewrote pages all over it. As a unique index it is deferred with
    // the others and built once the list is in (deferredIndexes.ts).
    rebuild: {
      students: `id TEXT NOT NULL, given_name TEXT, family_name TEXT, email TEXT, company_name TEXT,
  external_id TEXT, locale TEXT, time_zone TEXT, json TEXT NOT NULL, seen_pass INTEGER NOT NULL`,
      enrollments: `id TEXT NOT NULL, student_id TEXT NOT NULL, course_id TEXT NOT NULL, checksheet_id TEXT,
  instructor_id TEXT, enroller_id TEXT, active INTEGER, created_at TEXT, updated_at TEXT,
  started_at TEXT, completed_at TEXT, expires_at TEXT, custom_name TEXT,
  json TEXT NOT NULL, seen_pass INTEGER NOT NULL, student_name TEXT, course_name TEXT, instructor_name TEXT`,
    },
    sql: `
CREATE UNIQUE INDEX students_id ON students(id);
CREATE UNIQUE INDEX enrollments_id ON enrollments(id);
`,
  },
  {
    version: 10,
    name: 'students by company, with their external ids',
    // A search word is looked for in company names and external ids by scanning (they are kept out
    // of the full-text index: gridSearch.ts). Holding both, this index is what the scan reads
    // instead of the whole table: with 100,000 students a search took 54 ms, now 19. It also
    // sorts the students grid by company, as people read names (case aside).
    sql: `
CREATE INDEX students_company ON students(company_name COLLATE NOCASE, external_id);
`,
  },
  {
    version: 11,
    name: 'marks that let the grids keep their answers through a first listing',
    // One row per table being listed from empty, with the triggers that count changes to the rows
    // already listed (listingChanges.ts); both exist only during the listing. `listing` is never
    // reused, so an answer kept from one listing is never taken for one of the next.
    sql: `
CREATE TABLE first_listing_marks (
  listing INTEGER PRIMARY KEY AUTOINCREMENT,
  resource TEXT NOT NULL UNIQUE,
  settled INTEGER NOT NULL,
  changes INTEGER NOT NULL
);
`,
  },
  {
    version: 12,
    name: 'enrollments listed with their names, not given them afterwards',
    // A first listing writes each new enrollment with its student's, course's and instructor's
    // names (MirrorStore.ts), as this trigger would, instead of rewriting each row just inserted
    // (which also woke the listing's change trigger, listingChanges.ts, for every row): the CPU time
    // of writing 199,664 enrollments fell from 3.85 to 3.45 s (mean of 4 alternating runs). The
    // trigger still names an enrollment written without them.
    sql: `
DROP TRIGGER enrollments_names_insert;
CREATE TRIGGER enrollments_names_insert AFTER INSERT ON enrollments
WHEN new.student_name IS NULL AND new.course_name IS NULL AND new.instructor_name IS NULL BEGIN
  UPDATE enrollments SET
    student_name = (SELECT NULLIF(trim(coalesce(s.given_name, '') || ' ' || coalesce(s.family_name, '')), '') FROM students s WHERE s.id = new.student_id),
    course_name = (SELECT c.name FROM courses c WHERE c.id = new.course_id),
    instructor_name = (SELECT NULLIF(trim(coalesce(u.given_name, '') || ' ' || coalesce(u.family_name, '')), '') FROM users u WHERE u.id = new.instructor_id)
  WHERE rowid = new.rowid;
END;
`,
  },
  {
    version: 13,
    name: 'list passes that began on an empty table',
    // Such a pass (a first listing) is written without its table's indexes, which a stopped sync
    // builds again for the grids. Resumed, it drops them again (MirrorStore.beginListPass): a sync
    // stopped at 60,094 of 199,664 enrollments took 57.7 s to resume through thirteen live
    // indexes, 13.1–15.1 s building them once at the end.
    sql: `
ALTER TABLE sync_lists ADD COLUMN from_empty INTEGER NOT NULL DEFAULT 0;
`,
  },
];

export function migrationChecksum(m: Migration): string {
  const hash = createHash('sha256').update(m.sql);
  if (m.rebuild) hash.update(JSON.stringify(m.rebuild));
  return hash.digest('hex');
}

/** Whether the database lacks any of the migrations (a new or an older store). */
export function hasPendingMigrations(db: Database.Database, migrations: Migration[] = MIGRATIONS): boolean {
  const recorded = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined;
  if (!recorded) return true;
  const applied = new Set(db.prepare(`SELECT version FROM schema_migrations`).pluck().all() as number[]);
  return migrations.some((m) => !applied.has(m.version));
}

export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare(`SELECT version, checksum FROM schema_migrations`).all() as { version: number; checksum: string }[]).map((r) => [r.version, r.checksum]),
  );
  const known = new Set(migrations.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) {
      throw new Error(`This database was written by a newer Enlight Admin (it has migration ${version}). Update the app to open it.`);
    }
  }
  const recordedChecksum = db.prepare(`SELECT checksum FROM schema_migrations WHERE version = ?`).pluck();
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const checksum = migrationChecksum(m);
    const checked = (recorded: string) => {
      if (recorded !== checksum) throw new Error(`Migration ${m.version} (${m.name}) differs from the one this database was built with.`);
    };
    const recorded = applied.get(m.version);
    if (recorded !== undefined) {
      checked(recorded);
      continue;
    }
    // Taking the write lock first, then asking again: another process opening the same new store
    // (the CLI beside the app) may have applied it meanwhile.
    db.transaction(() => {
      const meanwhile = recordedChecksum.get(m.version) as string | undefined;
      if (meanwhile !== undefined) return checked(meanwhile);
      for (const [table, columns] of Object.entries(m.rebuild ?? {})) rebuildTable(db, table, columns);
      db.exec(m.sql);
      db.prepare(`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`).run(m.version, m.name, checksum, new Date().toISOString());
    }).immediate();
  }
}
