// Reading request attributes the way the documented examples send them: numbers and booleans
// may arrive as strings ("5000", "false"), and anything not of the expected type is a field
// error rather than a crash. Each reader returns `undefined` when the attribute is absent.
import { ApiError, FieldErrors } from './apiError';

export type Body = Record<string, unknown>;

const MAX_TEXT = 255;
const MAX_HTML = 100_000;

/** Rejects attributes the endpoint does not take, as Rails does with unpermitted parameters set to raise. */
export function onlyPermitted(body: Body, permitted: readonly string[], readOnly: readonly string[] = []): void {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) {
    if (readOnly.includes(key)) errors.add(key, "can't be changed through the API");
    else if (!permitted.includes(key)) errors.add(key, 'is not a permitted attribute');
  }
  errors.throwIfAny(422);
}

export function has(body: Body, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, key);
}

export function readText(
  body: Body,
  key: string,
  errors: FieldErrors,
  opts: { nullable?: boolean; max?: number; errorKey?: string } = {},
): string | null | undefined {
  if (!has(body, key)) return undefined;
  const errorKey = opts.errorKey ?? key;
  const value = body[key];
  if (value === null) {
    if (opts.nullable) return null;
    errors.add(errorKey, "can't be blank");
    return undefined;
  }
  // A number is taken as its text only when JavaScript holds it exactly: 1e400 parses as Infinity,
  // and 123456789012345678901234567890 would come back rounded, so those are refused, not altered.
  if (typeof value === 'number' && Number.isFinite(value) && (Number.isSafeInteger(value) || !Number.isInteger(value))) return String(value);
  if (typeof value !== 'string') {
    errors.add(errorKey, 'must be text');
    return undefined;
  }
  const max = opts.max ?? MAX_TEXT;
  if (value.length > max) {
    errors.add(errorKey, `is too long (maximum is ${max} characters)`);
    return undefined;
  }
  return value;
}

export function readHtml(body: Body, key: string, errors: FieldErrors, opts: { nullable?: boolean } = {}): string | null | undefined {
  return readText(body, key, errors, { ...opts, max: MAX_HTML });
}

/** A required text attribute: absent, null or blank is "can't be blank". */
export function requireText(body: Body, key: string, errors: FieldErrors, errorKey = key): string | undefined {
  const value = readText(body, key, errors, { errorKey });
  if (value === undefined || value === null || value.trim() === '') {
    if (!errors.has(errorKey)) errors.add(errorKey, "can't be blank");
    return undefined;
  }
  return value.trim();
}

export function readInteger(body: Body, key: string, errors: FieldErrors, errorKey = key): number | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    errors.add(errorKey, 'is not a number');
    return undefined;
  }
  return n;
}

const TRUE = new Set<unknown>([true, 'true', 'TRUE', 't', '1', 1, 'on']);
const FALSE = new Set<unknown>([false, 'false', 'FALSE', 'f', '0', 0, 'off']);

export function readBoolean(body: Body, key: string, errors: FieldErrors): boolean | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  errors.add(key, 'must be true or false');
  return undefined;
}

/** An ISO-8601 timestamp, returned normalised to UTC with milliseconds, as the API serves it. */
export function readTime(body: Body, key: string, errors: FieldErrors, opts: { nullable?: boolean } = {}): string | null | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (value === null && opts.nullable) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    errors.add(key, 'is not a valid date');
    return undefined;
  }
  const t = new Date(value.trim());
  // Date rolls a day that does not exist over (30 February becomes 2 March): refuse it instead.
  const day = value.trim().slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) {
    errors.add(key, 'is not a valid date');
    return undefined;
  }
  return t.toISOString();
}

export function readIdList(body: Body, key: string, errors: FieldErrors): string[] | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string')) {
    errors.add(key, 'must be a list of ids');
    return undefined;
  }
  return [...new Set(list.filter((v) => v !== ''))];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function checkEmail(email: string, errors: FieldErrors, errorKey = 'email'): boolean {
  if (!EMAIL.test(email)) {
    errors.add(errorKey, 'is invalid');
    return false;
  }
  return true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths and bodies are UUIDs; anything else cannot name a record. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function requireBodyObject(value: unknown): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw ApiError.of(400, 'body', 'must be a JSON object');
  }
  return value as Body;
}
