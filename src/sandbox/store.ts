// Typed reads and writes over the sandbox database. Handlers never write SQL themselves.
import type Database from 'better-sqlite3';
import type { SandboxDb } from './db';
import type {
  AnswerDoc,
  ChecksheetDoc,
  CourseDoc,
  EnrollmentDoc,
  GroupDoc,
  LibraryItemDoc,
  Org,
  SectionDoc,
  SectionStepDoc,
  StepDoc,
  StudentDoc,
  UserDoc,
} from './model';

export type Principal =
  | { kind: 'user'; id: string; orgId: string; role: UserDoc['role'] }
  | { kind: 'student'; id: string; orgId: string };

/** The resources that have a paged list endpoint, as they are named in the URL. */
export type ListedResource = 'courses' | 'checksheets' | 'students' | 'enrollments' | 'groups' | 'users';

interface Row {
  doc: string;
}

function parse<T>(row: Row | undefined): T | undefined {
  return row ? (JSON.parse(row.doc) as T) : undefined;
}

function parseAll<T>(rows: Row[]): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class SandboxStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: SandboxDb) {}

  /** Prepared once, reused after: preparing is most of the cost of a small query. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- organisations and keys ----

  insertOrg(org: Org): void {
    this.sql(`INSERT INTO orgs (id, subdomain, name, is_default) VALUES (?, ?, ?, ?)`).run(org.id, org.subdomain, org.name, org.is_default);
  }

  orgBySubdomain(subdomain: string): Org | undefined {
    return this.sql(`SELECT * FROM orgs WHERE subdomain = ?`).get(subdomain) as Org | undefined;
  }

  defaultOrg(): Org {
    const org = this.sql(`SELECT * FROM orgs ORDER BY is_default DESC, rowid LIMIT 1`).get() as Org | undefined;
    if (!org) throw new Error('the sandbox database holds no organisation');
    return org;
  }

  orgs(): Org[] {
    return this.sql(`SELECT * FROM orgs ORDER BY is_default DESC, rowid`).all() as Org[];
  }

  principalForKey(key: string): Principal | undefined {
    const user = this.sql(`SELECT id, org_id, doc FROM users WHERE api_key = ?`).get(key) as
      | { id: string; org_id: string; doc: string }
      | undefined;
    if (user) return { kind: 'user', id: user.id, orgId: user.org_id, role: (JSON.parse(user.doc) as UserDoc).role };
    const student = this.sql(`SELECT id, org_id FROM students WHERE api_key = ?`).get(key) as
      | { id: string; org_id: string }
      | undefined;
    if (student) return { kind: 'student', id: student.id, orgId: student.org_id };
    return undefined;
  }

  ownerOf(orgId: string): { user: UserDoc; apiKey: string } {
    const row = this.db
      .prepare(`SELECT doc, api_key FROM users WHERE org_id = ? AND json_extract(doc, '$.role') = 'owner' ORDER BY seq LIMIT 1`)
      .get(orgId) as { doc: string; api_key: string } | undefined;
    if (!row) throw new Error(`organisation ${orgId} has no owner`);
    return { user: JSON.parse(row.doc) as UserDoc, apiKey: row.api_key };
  }

  setUserApiKey(userId: string, apiKey: string): void {
    this.sql(`UPDATE users SET api_key = ? WHERE id = ?`).run(apiKey, userId);
  }

  studentApiKey(studentId: string): string | undefined {
    const row = this.sql(`SELECT api_key FROM students WHERE id = ?`).get(studentId) as { api_key: string } | undefined;
    return row?.api_key;
  }

  // ---- paged lists (served in creation order) ----

  list<T>(resource: ListedResource, orgId: string, limit: number, offset: number): T[] {
    return parseAll<T>(this.sql(listSql(resource, 'doc')).all({ orgId, limit, offset }) as Row[]);
  }

  count(resource: ListedResource, orgId: string): number {
    return (this.sql(countSql(resource)).get({ orgId }) as { n: number }).n;
  }

  /** The id of the record at a position of the list, for the chaos drift that deletes a random one. */
  idAt(resource: ListedResource, orgId: string, offset: number): string | undefined {
    const row = this.sql(listSql(resource, 'id')).get({ orgId, limit: 1, offset }) as { id: string } | undefined;
    return row?.id;
  }

  // ---- courses ----

  insertCourse(orgId: string, c: CourseDoc): void {
    this.sql(`INSERT INTO courses (id, org_id, name_key, deleted, doc) VALUES (?, ?, ?, 0, ?)`).run(c.id, orgId, c.name.trim().toLowerCase(), JSON.stringify(c));
  }

  course(orgId: string, id: string): CourseDoc | undefined {
    return parse<CourseDoc>(this.sql(`SELECT doc FROM courses WHERE org_id = ? AND id = ? AND deleted = 0`).get(orgId, id) as Row | undefined);
  }

  courseIdByName(orgId: string, name: string): string | undefined {
    const row = this.sql(`SELECT id FROM courses WHERE org_id = ? AND name_key = ? AND deleted = 0`).get(orgId, name.trim().toLowerCase()) as { id: string } | undefined;
    return row?.id;
  }

  saveCourse(c: CourseDoc): void {
    this.sql(`UPDATE courses SET doc = ?, name_key = ?, deleted = ? WHERE id = ?`).run(JSON.stringify(c), c.name.trim().toLowerCase(), c._deleted_at ? 1 : 0, c.id);
  }

  // ---- checksheets, sections, steps ----

  insertChecksheet(orgId: string, c: ChecksheetDoc): void {
    this.sql(`INSERT INTO checksheets (id, org_id, course_id, doc) VALUES (?, ?, ?, ?)`).run(c.id, orgId, c.course_id, JSON.stringify(c));
  }

  saveChecksheet(c: ChecksheetDoc): void {
    this.sql(`UPDATE checksheets SET doc = ? WHERE id = ?`).run(JSON.stringify(c), c.id);
  }

  checksheet(orgId: string, id: string): ChecksheetDoc | undefined {
    return parse<ChecksheetDoc>(
      this.db
        .prepare(`SELECT ch.doc FROM checksheets ch JOIN courses c ON c.id = ch.course_id AND c.deleted = 0 WHERE ch.org_id = ? AND ch.id = ?`)
        .get(orgId, id) as Row | undefined,
    );
  }

  checksheetsOfCourse(courseId: string): ChecksheetDoc[] {
    return parseAll<ChecksheetDoc>(this.sql(`SELECT doc FROM checksheets WHERE course_id = ? ORDER BY seq`).all(courseId) as Row[]);
  }

  insertSection(orgId: string, s: SectionDoc): void {
    this.sql(`INSERT INTO sections (id, org_id, checksheet_id, doc) VALUES (?, ?, ?, ?)`).run(s.id, orgId, s.checksheet_id, JSON.stringify(s));
  }

  sectionsOf(checksheetId: string): SectionDoc[] {
    const sections = parseAll<SectionDoc>(this.sql(`SELECT doc FROM sections WHERE checksheet_id = ?`).all(checksheetId) as Row[]);
    return sections.sort((a, b) => a.sequence - b.sequence);
  }

  insertStep(orgId: string, s: StepDoc): void {
    this.sql(`INSERT INTO steps (id, org_id, doc) VALUES (?, ?, ?)`).run(s.id, orgId, JSON.stringify(s));
  }

  step(id: string): StepDoc | undefined {
    return parse<StepDoc>(this.sql(`SELECT doc FROM steps WHERE id = ?`).get(id) as Row | undefined);
  }

  insertSectionStep(orgId: string, s: SectionStepDoc): void {
    this.sql(`INSERT INTO section_steps (id, org_id, section_id, step_id, doc) VALUES (?, ?, ?, ?, ?)`).run(s.id, orgId, s.section_id, s.step_id, JSON.stringify(s));
  }

  sectionStepsOf(sectionId: string): SectionStepDoc[] {
    const rows = parseAll<SectionStepDoc>(this.sql(`SELECT doc FROM section_steps WHERE section_id = ?`).all(sectionId) as Row[]);
    return rows.sort((a, b) => a.sequence - b.sequence);
  }

  /** Every section step of a checksheet, in the order a student meets them. */
  sectionStepsOfChecksheet(checksheetId: string): SectionStepDoc[] {
    return this.sectionsOf(checksheetId).flatMap((s) => this.sectionStepsOf(s.id));
  }

  sectionStep(orgId: string, id: string): SectionStepDoc | undefined {
    return parse<SectionStepDoc>(this.sql(`SELECT doc FROM section_steps WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  checksheetIdOfSectionStep(sectionStepId: string): string | undefined {
    const row = this.db
      .prepare(`SELECT s.checksheet_id AS id FROM section_steps ss JOIN sections s ON s.id = ss.section_id WHERE ss.id = ?`)
      .get(sectionStepId) as { id: string } | undefined;
    return row?.id;
  }

  // ---- library items ----

  insertLibraryItem(orgId: string, l: LibraryItemDoc): void {
    this.sql(`INSERT INTO library_items (id, org_id, doc) VALUES (?, ?, ?)`).run(l.id, orgId, JSON.stringify(l));
  }

  libraryItem(orgId: string, id: string): LibraryItemDoc | undefined {
    return parse<LibraryItemDoc>(this.sql(`SELECT doc FROM library_items WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  /** Whether a student reaches a library item through a step of a checksheet they are actively enrolled in. */
  studentReachesLibraryItem(studentId: string, libraryItemId: string): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM enrollments e
           JOIN sections s ON s.checksheet_id = json_extract(e.doc, '$.checksheet_id')
           JOIN section_steps ss ON ss.section_id = s.id
           JOIN steps st ON st.id = ss.step_id
         WHERE e.student_id = ? AND json_extract(e.doc, '$.active') = 1 AND json_extract(st.doc, '$.library_item_id') = ? LIMIT 1`,
      )
      .get(studentId, libraryItemId);
    return row !== undefined;
  }

  // ---- students ----

  insertStudent(orgId: string, s: StudentDoc, apiKey: string): void {
    this.sql(`INSERT INTO students (id, org_id, email, api_key, doc) VALUES (?, ?, ?, ?, ?)`).run(s.id, orgId, normaliseEmail(s.email), apiKey, JSON.stringify(s));
  }

  student(orgId: string, id: string): StudentDoc | undefined {
    return parse<StudentDoc>(this.sql(`SELECT doc FROM students WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  studentIdByEmail(orgId: string, email: string): string | undefined {
    const row = this.sql(`SELECT id FROM students WHERE org_id = ? AND email = ?`).get(orgId, normaliseEmail(email)) as { id: string } | undefined;
    return row?.id;
  }

  saveStudent(s: StudentDoc): void {
    this.sql(`UPDATE students SET doc = ?, email = ? WHERE id = ?`).run(JSON.stringify(s), normaliseEmail(s.email), s.id);
  }

  /** Removes a student and what hangs off them, as deleting one in the web app would (chaos drift only). */
  purgeStudent(id: string): void {
    for (const e of this.sql(`SELECT id FROM enrollments WHERE student_id = ?`).all(id) as { id: string }[]) this.purgeEnrollment(e.id);
    this.sql(`DELETE FROM students WHERE id = ?`).run(id);
  }

  // ---- enrollments ----

  insertEnrollment(orgId: string, e: EnrollmentDoc): void {
    this.sql(`INSERT INTO enrollments (id, org_id, student_id, course_id, doc) VALUES (?, ?, ?, ?, ?)`).run(e.id, orgId, e.student_id, e.course_id, JSON.stringify(e));
  }

  enrollment(orgId: string, id: string): EnrollmentDoc | undefined {
    return parse<EnrollmentDoc>(this.sql(`SELECT doc FROM enrollments WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  saveEnrollment(e: EnrollmentDoc): void {
    this.sql(`UPDATE enrollments SET doc = ? WHERE id = ?`).run(JSON.stringify(e), e.id);
  }

  enrollmentsOfCourse(courseId: string): EnrollmentDoc[] {
    return parseAll<EnrollmentDoc>(this.sql(`SELECT doc FROM enrollments WHERE course_id = ? ORDER BY seq`).all(courseId) as Row[]);
  }

  enrollmentsOfStudent(studentId: string): EnrollmentDoc[] {
    return parseAll<EnrollmentDoc>(this.sql(`SELECT doc FROM enrollments WHERE student_id = ? ORDER BY seq`).all(studentId) as Row[]);
  }

  purgeEnrollment(id: string): void {
    this.sql(`DELETE FROM answers WHERE enrollment_id = ?`).run(id);
    this.sql(`DELETE FROM group_enrollments WHERE enrollment_id = ?`).run(id);
    this.sql(`DELETE FROM enrollments WHERE id = ?`).run(id);
  }

  // ---- groups ----

  insertGroup(orgId: string, g: GroupDoc): void {
    this.sql(`INSERT INTO groups (id, org_id, doc) VALUES (?, ?, ?)`).run(g.id, orgId, JSON.stringify(g));
  }

  group(orgId: string, id: string): GroupDoc | undefined {
    return parse<GroupDoc>(this.sql(`SELECT doc FROM groups WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  saveGroup(g: GroupDoc): void {
    this.sql(`UPDATE groups SET doc = ? WHERE id = ?`).run(JSON.stringify(g), g.id);
  }

  deleteGroup(id: string): void {
    this.sql(`DELETE FROM group_enrollments WHERE group_id = ?`).run(id);
    this.sql(`DELETE FROM groups WHERE id = ?`).run(id);
  }

  addToGroup(groupId: string, enrollmentId: string): void {
    this.sql(`INSERT OR IGNORE INTO group_enrollments (group_id, enrollment_id) VALUES (?, ?)`).run(groupId, enrollmentId);
  }

  enrollmentsOfGroup(groupId: string): EnrollmentDoc[] {
    return parseAll<EnrollmentDoc>(
      this.db
        .prepare(`SELECT e.doc FROM group_enrollments ge JOIN enrollments e ON e.id = ge.enrollment_id WHERE ge.group_id = ? ORDER BY e.seq`)
        .all(groupId) as Row[],
    );
  }

  // ---- users ----

  insertUser(orgId: string, u: UserDoc, apiKey: string): void {
    this.sql(`INSERT INTO users (id, org_id, email, api_key, doc) VALUES (?, ?, ?, ?, ?)`).run(u.id, orgId, normaliseEmail(u.email), apiKey, JSON.stringify(u));
  }

  user(orgId: string, id: string): UserDoc | undefined {
    return parse<UserDoc>(this.sql(`SELECT doc FROM users WHERE org_id = ? AND id = ?`).get(orgId, id) as Row | undefined);
  }

  userIdByEmail(orgId: string, email: string): string | undefined {
    const row = this.sql(`SELECT id FROM users WHERE org_id = ? AND email = ?`).get(orgId, normaliseEmail(email)) as { id: string } | undefined;
    return row?.id;
  }

  saveUser(u: UserDoc): void {
    this.sql(`UPDATE users SET doc = ?, email = ? WHERE id = ?`).run(JSON.stringify(u), normaliseEmail(u.email), u.id);
  }

  deleteUser(id: string): void {
    this.sql(`DELETE FROM users WHERE id = ?`).run(id);
  }

  // ---- answers ----

  answer(enrollmentId: string, sectionStepId: string): AnswerDoc | undefined {
    return parse<AnswerDoc>(
      this.sql(`SELECT doc FROM answers WHERE enrollment_id = ? AND section_step_id = ?`).get(enrollmentId, sectionStepId) as Row | undefined,
    );
  }

  saveAnswer(orgId: string, a: AnswerDoc): void {
    this.db
      .prepare(
        `INSERT INTO answers (id, org_id, enrollment_id, section_step_id, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (enrollment_id, section_step_id) DO UPDATE SET doc = excluded.doc`,
      )
      .run(a.id, orgId, a.enrollment_id, a.section_step_id, JSON.stringify(a));
  }

  passedSectionStepIds(enrollmentId: string): Set<string> {
    const rows = this.db
      .prepare(`SELECT section_step_id AS id FROM answers WHERE enrollment_id = ? AND json_extract(doc, '$.state') = 'passed'`)
      .all(enrollmentId) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}

// The rows each list shows: courses and checksheets of cancelled courses are gone.
const LIST_FILTER: Record<ListedResource, string> = {
  courses: `FROM courses WHERE org_id = $orgId AND deleted = 0`,
  checksheets: `FROM checksheets ch WHERE org_id = $orgId AND EXISTS (SELECT 1 FROM courses c WHERE c.id = ch.course_id AND c.deleted = 0)`,
  students: `FROM students WHERE org_id = $orgId`,
  enrollments: `FROM enrollments WHERE org_id = $orgId`,
  groups: `FROM groups WHERE org_id = $orgId`,
  users: `FROM users WHERE org_id = $orgId`,
};

/**
 * One page in creation order. The offset is found by walking only the (org_id, seq) index in a
 * subquery, which halves the cost of deep pages against a plain OFFSET over whole rows.
 */
function listSql(resource: ListedResource, column: 'doc' | 'id'): string {
  const from = LIST_FILTER[resource];
  return `SELECT ${column} ${from} AND seq >= (SELECT seq ${from} ORDER BY seq LIMIT 1 OFFSET $offset) ORDER BY seq LIMIT $limit`;
}

function countSql(resource: ListedResource): string {
  return `SELECT COUNT(*) AS n ${LIST_FILTER[resource]}`;
}
