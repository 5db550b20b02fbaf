import { ApiError } from '../http/apiError';
import { ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { isId } from '../http/params';
import type { ChecksheetDoc, EnrollmentDoc } from '../model';
import { checksheetDetailJson, checksheetJson, libraryItemJson, studentLibraryItemJson } from '../serializers';

export function listChecksheets(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<ChecksheetDoc>('checksheets', ctx.org.id, limit, offset).map(checksheetJson));
}

/** A student may read the checksheets of the courses they are actively enrolled in, and no others. */
function studentMayRead(ctx: RequestContext, checksheet: ChecksheetDoc): boolean {
  const enrollments: EnrollmentDoc[] = ctx.store.enrollmentsOfStudent(ctx.principal.id);
  return enrollments.some((e) => e.active && (e.checksheet_id === checksheet.id || e.course_id === checksheet.course_id));
}

export function showChecksheet(ctx: RequestContext): Reply {
  const id = param(ctx);
  const checksheet = isId(id) ? ctx.store.checksheet(ctx.org.id, id) : undefined;
  if (!checksheet) throw ApiError.notFound('Checksheet');
  if (ctx.principal.kind === 'student') {
    if (!studentMayRead(ctx, checksheet)) throw ApiError.notFound('Checksheet');
    return ok(checksheetDetailJson(ctx.store, checksheet, 'student', ctx.random));
  }
  return ok(checksheetDetailJson(ctx.store, checksheet, 'admin', ctx.random));
}

export function showLibraryItem(ctx: RequestContext): Reply {
  const id = param(ctx);
  const item = isId(id) ? ctx.store.libraryItem(ctx.org.id, id) : undefined;
  if (!item) throw ApiError.notFound('Library item');
  if (ctx.principal.kind === 'student') {
    const visible = item.visibility === 'public' || ctx.store.studentReachesLibraryItem(ctx.principal.id, item.id);
    if (!visible) throw ApiError.notFound('Library item');
    return ok(studentLibraryItemJson(item));
  }
  return ok(libraryItemJson(item));
}
