// Fills a new sandbox: the demo organisation (the documents' records plus generated ones at the
// chosen scale) and a second, small organisation, so that keys can be shown to stay in their own.
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../chaos';
import type { CourseDoc, UserRole } from '../model';
import type { SandboxStore } from '../store';
import { DEMO_ORG_ID, seedDocumentFixtures } from './demo';
import { Generator } from './generate';

export const DEFAULT_SCALE = 1000;

export interface SeedOptions {
  mode: 'demo' | 'empty';
  scale?: number;
  /** Makes generated data repeatable. */
  randomSeed?: number;
}

export function seedOrganisations(store: SandboxStore, options: SeedOptions): void {
  const random = seededRandom(options.randomSeed ?? 20201018);
  const now = new Date();
  store.transaction(() => {
    store.insertOrg({ id: DEMO_ORG_ID, subdomain: 'example', name: 'Example Training Co.', is_default: 1 });
    const demo = new Generator(store, DEMO_ORG_ID, random, now, 'example.org');
    if (options.mode === 'empty') {
      insertOwner(demo);
      return;
    }
    const fixtures = seedDocumentFixtures(demo, randomUUID());
    seedGenerated(demo, options.scale ?? DEFAULT_SCALE, fixtures.ownerId, fixtures.instructorIds);

    const acmeId = randomUUID();
    store.insertOrg({ id: acmeId, subdomain: 'acme', name: 'Acme Safety Academy', is_default: 0 });
    const acme = new Generator(store, acmeId, random, now, 'acme.example');
    const owner = insertOwner(acme);
    seedGenerated(acme, 40, owner, []);
  });
}

function insertOwner(g: Generator): string {
  const { doc, apiKey } = g.user('owner');
  g.store.insertUser(g.orgId, doc, apiKey);
  return doc.id;
}

/** Generated records in proportion to `scale` students. */
export function seedGenerated(g: Generator, scale: number, enrollerId: string, knownInstructorIds: string[]): void {
  const { store, orgId } = g;
  const instructorIds = [...knownInstructorIds];
  const userCount = Math.max(8, Math.round(scale / 200));
  for (let i = 0; i < userCount; i++) {
    const role: UserRole = i % 10 === 0 ? 'manager' : i % 5 === 0 ? 'supervisor' : 'instructor';
    const { doc, apiKey } = g.user(role);
    store.insertUser(orgId, doc, apiKey);
    if (role === 'instructor') instructorIds.push(doc.id);
  }

  const libraryItemIds: string[] = [];
  for (let i = 0; i < Math.max(10, Math.round(scale / 1000)); i++) {
    const item = g.libraryItem();
    store.insertLibraryItem(orgId, item);
    libraryItemIds.push(item.id);
  }

  const courses: { course: CourseDoc; checksheetId: string }[] = [];
  for (let i = 0; i < Math.max(6, Math.round(scale / 500)); i++) {
    const course = g.course(instructorIds);
    if (courses.length > 0 && g.chance(0.2)) course.prerequisite_course_id = g.pick(courses).course.id;
    store.insertCourse(orgId, course);
    if (g.chance(0.3)) g.insertChecksheet(course, 1, false, libraryItemIds);
    const current = g.insertChecksheet(course, g.chance(0.3) ? 2 : 1, true, libraryItemIds);
    courses.push({ course, checksheetId: current.id });
  }

  const groupIds: string[] = [];
  for (let i = 0; i < Math.max(4, Math.round(scale / 50)); i++) {
    const group = g.group();
    store.insertGroup(orgId, group);
    groupIds.push(group.id);
  }

  for (let i = 0; i < scale; i++) {
    const { doc, apiKey } = g.student();
    store.insertStudent(orgId, doc, apiKey);
    // One to three enrollments each, in distinct courses.
    const count = 1 + Math.floor(g.random() * 3);
    const taken = new Set<string>();
    for (let n = 0; n < count; n++) {
      const { course, checksheetId } = g.pick(courses);
      if (taken.has(course.id)) continue;
      taken.add(course.id);
      const enrollment = g.enrollment(doc.id, course, checksheetId, course.instructor_id ?? g.pick(instructorIds), enrollerId, new Date(doc.created_at));
      store.insertEnrollment(orgId, enrollment);
      if (groupIds.length && g.chance(0.6)) store.addToGroup(g.pick(groupIds), enrollment.id);
    }
  }
}
