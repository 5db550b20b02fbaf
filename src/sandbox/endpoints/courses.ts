import { ApiError, FieldErrors } from '../http/apiError';
import { created, isoNow, ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { isId, onlyPermitted, readBoolean, readHtml, readInteger, readText, type Body } from '../http/params';
import type { CourseDoc } from '../model';
import { courseDetailJson, courseJson } from '../serializers';

const EDITABLE = [
  'name',
  'summary',
  'marketing_copy_html',
  'completion_information_html',
  'multiple_sign_ups',
  'purchasable',
  'advertised',
  'price_cents',
  'price_currency',
  'instructor_id',
  'prerequisite_course_id',
] as const;
const READ_ONLY = ['id', 'created_at', 'updated_at', 'archived_at', 'course_image', 'checksheets'];

function findCourse(ctx: RequestContext): CourseDoc {
  const id = param(ctx);
  const course = isId(id) ? ctx.store.course(ctx.org.id, id) : undefined;
  if (!course) throw ApiError.notFound('Course');
  return course;
}

export function listCourses(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<CourseDoc>('courses', ctx.org.id, limit, offset).map(courseJson));
}

export function showCourse(ctx: RequestContext): Reply {
  return ok(courseDetailJson(ctx.store, findCourse(ctx)));
}

/** Applies the attributes present in the body; shared by create and update so both validate alike. */
function applyAttributes(ctx: RequestContext, course: CourseDoc, body: Body, errors: FieldErrors): void {
  const name = readText(body, 'name', errors);
  if (name !== undefined && name !== null) course.name = name.trim();
  const summary = readText(body, 'summary', errors, { max: 2000 });
  if (summary !== undefined && summary !== null) course.summary = summary;
  const marketing = readHtml(body, 'marketing_copy_html', errors);
  if (marketing !== undefined && marketing !== null) course._marketing_copy_html = marketing;
  const completion = readHtml(body, 'completion_information_html', errors);
  if (completion !== undefined && completion !== null) course._completion_information_html = completion;
  for (const flag of ['multiple_sign_ups', 'purchasable', 'advertised'] as const) {
    const value = readBoolean(body, flag, errors);
    if (value !== undefined) course[flag] = value;
  }
  // The documents report a bad price under "price", not "price_cents".
  const price = readInteger(body, 'price_cents', errors, 'price');
  if (price !== undefined) {
    if (price < 0) errors.add('price', 'must be greater than or equal to 0');
    else course.price_cents = price;
  }
  const currency = readText(body, 'price_currency', errors);
  if (currency !== undefined && currency !== null) {
    if (!/^[A-Z]{3}$/.test(currency)) errors.add('price_currency', 'is not a valid currency code');
    else course.price_currency = currency;
  }
  const instructorId = readText(body, 'instructor_id', errors, { nullable: true });
  if (instructorId !== undefined) {
    if (instructorId !== null && !(isId(instructorId) && ctx.store.user(ctx.org.id, instructorId))) errors.add('instructor_id', 'must exist');
    else course.instructor_id = instructorId;
  }
  const prerequisiteId = readText(body, 'prerequisite_course_id', errors, { nullable: true });
  if (prerequisiteId !== undefined) {
    if (prerequisiteId !== null && (prerequisiteId === course.id || !(isId(prerequisiteId) && ctx.store.course(ctx.org.id, prerequisiteId)))) {
      errors.add('prerequisite_course_id', 'must exist');
    } else course.prerequisite_course_id = prerequisiteId;
  }
}

function checkRequiredAndUnique(ctx: RequestContext, course: CourseDoc, errors: FieldErrors): void {
  if (!course.name.trim() && !errors.has('name')) errors.add('name', "can't be blank");
  if (!course.summary.trim() && !errors.has('summary')) errors.add('summary', "can't be blank");
  if (!course._marketing_copy_html.trim() && !errors.has('marketing_copy_html')) errors.add('marketing_copy_html', "can't be blank");
  if (!course._completion_information_html.trim() && !errors.has('completion_information_html')) {
    errors.add('completion_information_html', "can't be blank");
  }
  const taken = course.name.trim() ? ctx.store.courseIdByName(ctx.org.id, course.name) : undefined;
  if (taken && taken !== course.id) errors.add('name', 'has already been taken');
}

export function createCourse(ctx: RequestContext): Reply {
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const errors = new FieldErrors();
  const now = isoNow(ctx);
  const course: CourseDoc = {
    id: ctx.newId(),
    name: '',
    summary: '',
    course_image: null,
    multiple_sign_ups: false,
    purchasable: false,
    advertised: false,
    price_cents: 0,
    price_currency: 'USD',
    instructor_id: null,
    prerequisite_course_id: null,
    archived_at: null,
    created_at: now,
    updated_at: now,
    _marketing_copy_html: '',
    _completion_information_html: '',
  };
  applyAttributes(ctx, course, ctx.body, errors);
  checkRequiredAndUnique(ctx, course, errors);
  errors.throwIfAny();
  ctx.store.transaction(() => {
    ctx.store.insertCourse(ctx.org.id, course);
    // Every course starts with a first, unpublished checksheet, as a course built in the web app does.
    ctx.store.insertChecksheet(ctx.org.id, {
      id: ctx.newId(),
      course_id: course.id,
      version: 1,
      current_checksheet: true,
      published: false,
      created_at: now,
      updated_at: now,
    });
  });
  return created(courseDetailJson(ctx.store, course));
}

export function updateCourse(ctx: RequestContext): Reply {
  const course = findCourse(ctx);
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const before = JSON.stringify(course);
  const errors = new FieldErrors();
  applyAttributes(ctx, course, ctx.body, errors);
  checkRequiredAndUnique(ctx, course, errors);
  errors.throwIfAny();
  // As in Rails, an update that changes nothing saves nothing: updated_at stays as it was.
  if (JSON.stringify(course) === before) return ok(courseDetailJson(ctx.store, course));
  course.updated_at = isoNow(ctx);
  ctx.store.saveCourse(course);
  return ok(courseDetailJson(ctx.store, course));
}

/** Cancels every enrollment of the course, then marks the course deleted (gone from list and show). */
export function cancelCourse(ctx: RequestContext): Reply {
  const course = findCourse(ctx);
  const now = isoNow(ctx);
  ctx.store.transaction(() => {
    for (const enrollment of ctx.store.enrollmentsOfCourse(course.id)) {
      if (!enrollment.active) continue;
      ctx.store.saveEnrollment({ ...enrollment, active: false, updated_at: now });
    }
    ctx.store.saveCourse({ ...course, _deleted_at: now, updated_at: now });
  });
  return ok({});
}
