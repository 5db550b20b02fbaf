// One queued edit as the outbox hands it out, and what is said of its state: apart from Outbox.ts
// so that the modules that read entries (rowEditStates.ts, push.ts, reconcile.ts) need not import
// the class that writes them.
import type { EditKind, EditResource, FieldErrors } from './editRules';

type Json = Record<string, unknown>;

export type EntryState = 'pending' | 'sending' | 'unknown' | 'rejected' | 'conflict' | 'ambiguous';
export const ENTRY_STATES: readonly EntryState[] = ['pending', 'sending', 'unknown', 'rejected', 'conflict', 'ambiguous'];

/** Why an entry waits for the user: the server's value differs from what the edit started from, the record is gone, or a lost create matches several records. */
export type Conflict = { fields: Record<string, { base: unknown; mine: unknown; theirs: unknown }> } | { deleted: true } | { candidates: Json[] };

export interface OutboxEntry {
  seq: number;
  resource: EditResource;
  recordId: string;
  kind: EditKind;
  fields: Json;
  base: Json;
  state: EntryState;
  attempts: number;
  nextAttemptAt: number;
  message: string | null;
  fieldErrors: FieldErrors | null;
  conflict: Conflict | null;
  createdAt: string;
  sentAt: string | null;
  /** Local ids this entry waits for, not yet created on the server. */
  waitingFor: string[];
  /** Failed often enough that the user should know; it is still retried, slowly. */
  stuck: boolean;
}

/** Identifies the record an entry is about: entries of one record are sent one at a time, in order. */
export function recordKey(e: Pick<OutboxEntry, 'resource' | 'recordId'>): string {
  return `${e.resource}/${e.recordId}`;
}

/** Entries that are the user's to act on: nothing more is sent for their record until they do. */
export const NEEDS_USER: readonly EntryState[] = ['rejected', 'conflict', 'ambiguous'];
