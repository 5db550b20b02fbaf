// What a grid shows on a row with open edits: the state to mark it with, the fields to mark, and
// the entry a person acts on (retry, discard, resolve) — the one that needs them, else the latest.
import type { RowEditState } from '../../shared/bridge';
import { NEEDS_USER, type OutboxEntry } from './outboxEntry';

/** Entries of some records, in queue order → one state per record id. */
export function rowEditStates(entries: readonly OutboxEntry[]): Record<string, RowEditState> {
  const byRecord = new Map<string, OutboxEntry[]>();
  for (const e of entries) byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  const states: Record<string, RowEditState> = {};
  for (const [id, list] of byRecord) {
    const shown = list.find((e) => NEEDS_USER.includes(e.state)) ?? (list[list.length - 1] as OutboxEntry);
    states[id] = {
      seq: shown.seq,
      kind: shown.kind,
      state: shown.state,
      stuck: list.some((e) => e.stuck),
      fields: [...new Set(list.flatMap((e) => Object.keys(e.fields)))],
      message: shown.message,
      fieldErrors: shown.fieldErrors,
      conflict: shown.conflict,
    };
  }
  return states;
}
