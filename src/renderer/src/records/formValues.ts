// What a form holds (text as typed, a day as YYYY-MM-DD, a yes/no choice, picked ids) and the
// fields the API takes from it. Only what the person filled in is sent, so an untouched field
// keeps the server's default (an enrollment still sends its notification unless told not to).
import { centsOf, startOfLocalDay } from './gridFilters';
import type { FieldSpec } from './recordFields';

export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;
export type ApiValue = string | number | boolean | null | string[];

/** One field's value as the API takes it, or undefined when the field was left empty. */
export function apiValue(spec: FieldSpec, value: FormValue | undefined): ApiValue | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (value.trim() === '') return undefined;
  switch (spec.kind) {
    case 'flag':
      return value === 'true';
    case 'money':
      // Sent as typed when it is no amount, so the back end's own message says what is wrong with it.
      return centsOf(value) ?? value;
    case 'date':
      return startOfLocalDay(value) ?? value;
    case 'password':
      return value;
    default:
      return value.trim();
  }
}

/** The API's fields for the given form fields: the filled ones only. */
export function apiFields(specs: readonly FieldSpec[], values: FormValues): Record<string, ApiValue> {
  const fields: Record<string, ApiValue> = {};
  for (const spec of specs) {
    const value = apiValue(spec, values[spec.key]);
    if (value !== undefined) fields[spec.key] = value;
  }
  return fields;
}

/**
 * The back end's messages for one form field. The API reports a bad price under `price`, not
 * under the `price_cents` it was sent as.
 */
export function errorsFor(key: string, fieldErrors: Record<string, string[]> | undefined): string[] {
  if (!fieldErrors) return [];
  return [...(fieldErrors[key] ?? []), ...(key === 'price_cents' ? (fieldErrors['price'] ?? []) : [])];
}

/** The back end's messages for fields the form does not show, to list with the failure. */
export function otherErrors(shownKeys: readonly string[], fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fieldErrors) return undefined;
  const shown = new Set(shownKeys.flatMap((k) => (k === 'price_cents' ? [k, 'price'] : [k])));
  const rest = Object.entries(fieldErrors).filter(([field]) => !shown.has(field));
  return rest.length ? Object.fromEntries(rest) : undefined;
}
