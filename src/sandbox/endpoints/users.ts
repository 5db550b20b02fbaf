import { ApiError, FieldErrors } from '../http/apiError';
import { created, isoNow, ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { checkEmail, isId, onlyPermitted, readBoolean, readText, type Body } from '../http/params';
import { LOCALES, USER_ROLES, type UserDoc, type UserRole } from '../model';
import { userJson } from '../serializers';

const EDITABLE = ['given_name', 'family_name', 'email', 'role', 'locale', 'unsubscribed'] as const;
const READ_ONLY = ['id', 'created_at', 'updated_at'];

function findUser(ctx: RequestContext): UserDoc {
  const id = param(ctx);
  const user = isId(id) ? ctx.store.user(ctx.org.id, id) : undefined;
  if (!user) throw ApiError.notFound('User');
  return user;
}

export function listUsers(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<UserDoc>('users', ctx.org.id, limit, offset).map(userJson));
}

export function showUser(ctx: RequestContext): Reply {
  return ok(userJson(findUser(ctx)));
}

function applyAttributes(user: UserDoc, body: Body, errors: FieldErrors): void {
  for (const field of ['given_name', 'family_name'] as const) {
    const value = readText(body, field, errors);
    if (value !== undefined && value !== null) user[field] = value.trim();
  }
  const email = readText(body, 'email', errors);
  if (email !== undefined && email !== null) user.email = email.trim().toLowerCase();
  const role = readText(body, 'role', errors);
  if (role !== undefined && role !== null) {
    if (!(USER_ROLES as readonly string[]).includes(role)) errors.add('role', 'is not included in the list');
    else user.role = role as UserRole;
  }
  const locale = readText(body, 'locale', errors);
  if (locale !== undefined && locale !== null) {
    if (!(LOCALES as readonly string[]).includes(locale)) errors.add('locale', 'is not included in the list');
    else user.locale = locale;
  }
  const unsubscribed = readBoolean(body, 'unsubscribed', errors);
  if (unsubscribed !== undefined) user.unsubscribed = unsubscribed;
}

function checkUser(ctx: RequestContext, user: UserDoc, errors: FieldErrors): void {
  if (!user.given_name && !errors.has('given_name')) errors.add('given_name', "can't be blank");
  if (!user.family_name && !errors.has('family_name')) errors.add('family_name', "can't be blank");
  if (!user.email) {
    if (!errors.has('email')) errors.add('email', "can't be blank");
  } else if (!errors.has('email') && checkEmail(user.email, errors)) {
    const taken = ctx.store.userIdByEmail(ctx.org.id, user.email);
    if (taken && taken !== user.id) errors.add('email', 'has already been taken');
  }
  if (!(USER_ROLES as readonly string[]).includes(user.role) && !errors.has('role')) errors.add('role', "can't be blank");
}

export function createUser(ctx: RequestContext): Reply {
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const errors = new FieldErrors();
  const now = isoNow(ctx);
  const user: UserDoc = {
    id: ctx.newId(),
    given_name: '',
    family_name: '',
    email: '',
    locale: 'en-US',
    role: '' as UserRole,
    unsubscribed: false,
    created_at: now,
    updated_at: now,
  };
  applyAttributes(user, ctx.body, errors);
  checkUser(ctx, user, errors);
  errors.throwIfAny();
  ctx.store.insertUser(ctx.org.id, user, ctx.newId());
  return created(userJson(user));
}

export function updateUser(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  onlyPermitted(ctx.body, EDITABLE, READ_ONLY);
  const errors = new FieldErrors();
  applyAttributes(user, ctx.body, errors);
  checkUser(ctx, user, errors);
  errors.throwIfAny();
  user.updated_at = isoNow(ctx);
  ctx.store.saveUser(user);
  return ok(userJson(user));
}

/** Removes the user from the organisation. A key cannot remove its own user: it would lock itself out mid-session. */
export function deleteUser(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (user.id === ctx.principal.id) throw ApiError.of(422, 'base', 'You cannot remove yourself from the organisation');
  ctx.store.deleteUser(user.id);
  return ok({});
}
