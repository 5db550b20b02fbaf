// Paging as both documents describe it: `limit` (1..100, default 100) with `offset` (>= 0), or
// `page=N` (1-based) as the Chinese edition shows. A bad value is a 400, never a silent default.
import { FieldErrors } from './apiError';

export const MAX_LIMIT = 100;

export interface Page {
  limit: number;
  offset: number;
}

function parseWhole(raw: string): number | undefined {
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

export function readPage(query: URLSearchParams): Page {
  const errors = new FieldErrors();
  let limit = MAX_LIMIT;
  let offset = 0;

  const rawLimit = query.get('limit');
  if (rawLimit !== null) {
    const n = parseWhole(rawLimit);
    if (n === undefined || n < 1 || n > MAX_LIMIT) errors.add('limit', `must be an integer between 1 and ${MAX_LIMIT}`);
    else limit = n;
  }

  const rawOffset = query.get('offset');
  const rawPage = query.get('page');
  if (rawOffset !== null && rawPage !== null) errors.add('page', 'cannot be combined with offset');
  else if (rawOffset !== null) {
    const n = parseWhole(rawOffset);
    if (n === undefined || !Number.isSafeInteger(n)) errors.add('offset', 'must be an integer greater than or equal to 0');
    else offset = n;
  } else if (rawPage !== null) {
    const n = parseWhole(rawPage);
    if (n === undefined || n < 1 || !Number.isSafeInteger(n * limit)) errors.add('page', 'must be an integer greater than or equal to 1');
    else offset = (n - 1) * limit;
  }

  errors.throwIfAny(400);
  return { limit, offset };
}

