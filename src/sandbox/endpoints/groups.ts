import { ApiError, FieldErrors } from '../http/apiError';
import { created, isoNow, ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { isId, onlyPermitted, requireText } from '../http/params';
import type { GroupDoc } from '../model';
import { groupDetailJson, groupJson } from '../serializers';

const EDITABLE = ['name'] as const;
const READ_ONLY = ['id', 'enrollments', 'created_at', 'updated_at'];

function findGroup(ctx: RequestContext): GroupDoc {
  const id = param(ctx);
  const group = isId(id) ? ctx.store.group(ctx.org.id, id) : undefined;
  if (!group) throw ApiError.notFound('Group');
  return group;
}

export function listGroups(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<GroupDoc>('groups', ctx.org.id, limit, offset).map(groupJson));
}

export function showGroup(ctx: RequestContext): Reply {
  return ok(groupDetailJson(ctx.store, findGroup(ctx)));
}

export function createGroup(ctx: RequestContext): Reply {
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const errors = new FieldErrors();
  const name = requireText(ctx.body, 'name', errors);
  errors.throwIfAny();
  const now = isoNow(ctx);
  const group: GroupDoc = { id: ctx.newId(), name: name ?? '', created_at: now, updated_at: now };
  ctx.store.insertGroup(ctx.org.id, group);
  return created(groupDetailJson(ctx.store, group));
}

export function updateGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const errors = new FieldErrors();
  if ('name' in ctx.body) {
    const name = requireText(ctx.body, 'name', errors);
    if (name) group.name = name;
  }
  errors.throwIfAny();
  group.updated_at = isoNow(ctx);
  ctx.store.saveGroup(group);
  return ok(groupDetailJson(ctx.store, group));
}

/** Deletes the group; its enrollments are left as they are. */
export function deleteGroup(ctx: RequestContext): Reply {
  ctx.store.deleteGroup(findGroup(ctx).id);
  return ok({});
}
