// "Drift" chaos: while a client pages through a list, another admin creates one record and
// deletes one, so that offsets shift under the client's feet as they do on a busy organisation.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from './http/context';
import type { CourseDoc, UserDoc } from './model';
import { Generator } from './seed/generate';
import type { ListedResource } from './store';

export function drift(ctx: RequestContext, resource: ListedResource, random: () => number): void {
  const { store, org } = ctx;
  // A fresh generator numbers its emails from 1 again, so each drift needs a domain of its own: a
  // timestamp repeats when two pages come in one millisecond, and clashes with an earlier person.
  const g = new Generator(store, org.id, random, ctx.now(), `drift-${randomUUID().slice(0, 8)}.example.org`);
  const randomId = (r: ListedResource): string | undefined => {
    const total = store.count(r, org.id);
    return total > 0 ? store.idAt(r, org.id, Math.floor(random() * total)) : undefined;
  };
  const instructorIds = (): string[] => {
    const id = randomId('users');
    const user = id ? store.user(org.id, id) : undefined;
    return user ? [user.id] : [];
  };

  store.transaction(() => {
    // Delete first, then create: the record removed is one the client may already have paged past.
    const victim = randomId(resource);
    switch (resource) {
      case 'courses': {
        const course = victim ? store.course(org.id, victim) : undefined;
        if (course) {
          const at = ctx.now().toISOString();
          for (const e of store.enrollmentsOfCourse(course.id)) if (e.active) store.saveEnrollment({ ...e, active: false, updated_at: at });
          store.saveCourse({ ...course, _deleted_at: at, updated_at: at } satisfies CourseDoc);
        }
        const created = g.course(instructorIds());
        store.insertCourse(org.id, created);
        g.insertChecksheet(created, 1, true, []);
        break;
      }
      case 'checksheets': {
        // Checksheets are not deleted; a course gets a new version instead, which shifts the list too.
        const courseId = randomId('courses');
        const course = courseId ? store.course(org.id, courseId) : undefined;
        if (course) {
          const versions = store.checksheetsOfCourse(course.id);
          for (const v of versions) if (v.current_checksheet) store.saveChecksheet({ ...v, current_checksheet: false, updated_at: ctx.now().toISOString() });
          g.insertChecksheet(course, versions.length + 1, true, []);
        }
        break;
      }
      case 'students': {
        if (victim) store.purgeStudent(victim);
        const { doc, apiKey } = g.student(ctx.now());
        store.insertStudent(org.id, doc, apiKey);
        break;
      }
      case 'enrollments': {
        if (victim) store.purgeEnrollment(victim);
        const studentId = randomId('students');
        const courseId = randomId('courses');
        const course = courseId ? store.course(org.id, courseId) : undefined;
        if (studentId && course) {
          const sheet = store.checksheetsOfCourse(course.id).find((c) => c.current_checksheet);
          const e = g.enrollment(studentId, course, sheet?.id ?? null, course.instructor_id, null, ctx.now());
          store.insertEnrollment(org.id, e);
        }
        break;
      }
      case 'groups': {
        if (victim) store.deleteGroup(victim);
        store.insertGroup(org.id, g.group());
        break;
      }
      case 'users': {
        const user: UserDoc | undefined = victim ? store.user(org.id, victim) : undefined;
        if (user && user.role !== 'owner' && user.id !== ctx.principal.id) store.deleteUser(user.id);
        const { doc, apiKey } = g.user('instructor');
        store.insertUser(org.id, doc, apiKey);
        break;
      }
    }
  });
}
