// One change for many rows, as a bulk edit makes it: set a field to a value, or move a date field
// by whole days from each row's own current date ("extend expiry by 30 days").
type Json = Record<string, unknown>;

export type BulkChange = { field: string; set: Json[string] } | { field: string; addDays: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The value one row gets, or why it cannot have one (in the API's words: "is not a date"). */
export function changedValue(change: BulkChange, current: unknown): { value: unknown } | { error: string } {
  if ('set' in change) return { value: change.set };
  if (current === null || current === undefined || current === '') return { error: 'has no date to move' };
  const at = typeof current === 'string' ? Date.parse(current) : Number.NaN;
  if (Number.isNaN(at)) return { error: 'is not a date' };
  // Whole days of 24 hours in UTC, written as the server writes dates.
  return { value: new Date(at + change.addDays * DAY_MS).toISOString() };
}
