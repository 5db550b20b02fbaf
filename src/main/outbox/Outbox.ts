// Local edits: checked, written to the overlay and queued in one transaction, and kept until the
// server has them or the user says otherwise. The push (push.ts) drains the queue; this file is
// everything that reads or changes it.
import { randomUUID } from 'node:crypto';
import type { RowEditState } from '../../shared/bridge';
import { EnlightError, isEnlightError } from '../../shared/errors';
import { tryAccountLock } from '../store/accountLock';
import type { MirrorStore } from '../store/MirrorStore';
import { MIRROR_COLUMNS, mirrorJson, type MirrorResource } from '../store/mirrorColumns';
import { changedValue, type BulkChange } from './bulkChange';
import { bulkError, type BulkFailure } from './bulkError';
import type { Knowledge } from './reconcile';
import { ENTRY_STATES, recordKey, type Conflict, type EntryState, type OutboxEntry } from './outboxEntry';
import { rowEditStates } from './rowEditStates';
import { canDelete, checkEdit, deleteVerb, describeFieldErrors, EDIT_RESOURCES, isLocalId, localIdsIn, type EditKind, type EditResource, type FieldErrors } from './editRules';

type Json = Record<string, unknown>;

/** What a show or create answer carries beyond the list's shape of the record. */
const DETAIL_ONLY: Record<EditResource, string[]> = { courses: ['checksheets'], students: ['api_key'], enrollments: ['student'], groups: ['enrollments'], users: [] };

/** Failed sends after which an entry shows as stuck. */
export const STUCK_AFTER = 5;

interface EntryRow {
  seq: number;
  resource: string;
  record_id: string;
  kind: string;
  fields: string;
  base: string;
  state: string;
  attempts: number;
  next_attempt_at: number;
  message: string | null;
  field_errors: string | null;
  conflict: string | null;
  created_at: string;
  sent_at: string | null;
}

function validationError(message: string, fieldErrors?: FieldErrors): EnlightError {
  return new EnlightError({ code: 'validation', message, fieldErrors });
}

function isValidationError(error: unknown): error is EnlightError {
  return isEnlightError(error) && error.code === 'validation';
}

/** Undo reaches back this many steps... */
const UNDO_STEPS = 200;
/** ...and this many records' edits in all (older whole steps go first; the last step is always kept). */
const UNDO_RECORDS = 100_000;
/** The most records one step (a bulk edit, a paste, an import) may change. */
export const MAX_STEP_RECORDS = 100_000;

/** One line of an import, read and checked for what can be checked without the store. */
export interface ImportLine {
  /** 1-based, counting the header. */
  line: number;
  /** Set: the line updates this record; absent: it creates one. */
  id?: string;
  fields: Json;
  /** Problems found reading the line (a cell that is not a number, a short row). */
  errors: string[];
}

export interface QueuedLine {
  line: number;
  kind: 'create' | 'update';
  /** The record the line queued an edit of (a new record's local id). */
  id?: string;
  /** For an update, the record's id and the fields that differ from it. */
  fields: Json;
  errors: string[];
  /** False for a line with errors, and for an update that changes nothing. */
  queued: boolean;
}

/** The records a step touched, by resource: what an undo or redo changed. */
export interface StepRecords {
  resource: EditResource;
  ids: string[];
}

interface EditLogRow {
  id: number;
  resource: string;
  record_id: string;
  before: string;
  after: string | null;
}

/** Thrown inside a transaction to roll it back on purpose (an import preview). */
class RolledBack extends Error {}

function firstPerRecord(rows: EditLogRow[]): Map<string, EditLogRow> {
  const first = new Map<string, EditLogRow>();
  for (const r of rows) if (!first.has(`${r.resource}/${r.record_id}`)) first.set(`${r.resource}/${r.record_id}`, r);
  return first;
}

function lastPerRecord(rows: EditLogRow[]): Map<string, EditLogRow> {
  return new Map(rows.map((r) => [`${r.resource}/${r.record_id}`, r]));
}

function stepRecords(rows: EditLogRow[]): StepRecords[] {
  const byResource = new Map<EditResource, Set<string>>();
  for (const r of rows) {
    const ids = byResource.get(r.resource as EditResource) ?? new Set<string>();
    ids.add(r.record_id);
    byResource.set(r.resource as EditResource, ids);
  }
  return [...byResource].map(([resource, ids]) => ({ resource, ids: [...ids] }));
}

/**
 * Server ids of a resource's records with outbox entries not yet done. Read from the database, so a
 * pull on another connection (a worker's) protects them too.
 */
export function recordsWithEdits(store: MirrorStore, resource: MirrorResource): ReadonlySet<string> {
  return new Set((store.statement(`SELECT DISTINCT record_id AS id FROM outbox WHERE resource = ?`).all(resource) as { id: string }[]).map((r) => r.id));
}

export class Outbox {
  /** The undo step being written, while one is. */
  private batch: number | null = null;

  constructor(
    readonly store: MirrorStore,
    readonly now: () => number = Date.now,
  ) {
    // A pull never deletes a record that still has edits to send.
    store.protectWith((resource) => recordsWithEdits(store, resource));
    // Edits left "sending" by a sender that died are sent again; not while another process (the
    // app, or the CLI) is sending: they are its own, with their answers on the way.
    const noSender = tryAccountLock(store.db.name, 'push');
    if (noSender) {
      try {
        this.recoverInterruptedSends();
      } finally {
        noSender.release();
      }
    }
  }

  private get db() {
    return this.store.db;
  }

  // ---- reading ----

  /** The record as the user sees it: the mirror's, with pending edits applied; undefined if none or deleted. */
  current(resource: EditResource, id: string): Json | undefined {
    const overlay = this.store.statement(`SELECT json, deleted FROM ${resource}_overlay WHERE id = ?`).get(this.resolve(id)) as { json: string; deleted: number } | undefined;
    if (overlay) return overlay.deleted ? undefined : (JSON.parse(overlay.json) as Json);
    return this.store.get(resource, this.resolve(id));
  }

  entries(filter: { states?: EntryState[]; resource?: EditResource; recordId?: string } = {}): OutboxEntry[] {
    const rows = this.store.statement(`SELECT * FROM outbox ORDER BY seq`).all() as EntryRow[];
    return rows
      .map((r) => this.toEntry(r))
      .filter((e) => (!filter.states || filter.states.includes(e.state)) && (!filter.resource || e.resource === filter.resource) && (!filter.recordId || e.recordId === filter.recordId));
  }

  entry(seq: number): OutboxEntry | undefined {
    const row = this.store.statement(`SELECT * FROM outbox WHERE seq = ?`).get(seq) as EntryRow | undefined;
    return row ? this.toEntry(row) : undefined;
  }

  /** Entries by state, plus `waiting` (pending, held back by an unsent record they refer to) and `stuck` (failed often, still retried). */
  counts(): Record<EntryState | 'waiting' | 'stuck' | 'total', number> {
    const result = Object.fromEntries([...ENTRY_STATES, 'waiting', 'stuck', 'total'].map((s) => [s, 0])) as Record<EntryState | 'waiting' | 'stuck' | 'total', number>;
    // Counted in SQL: the panel asks after every edit, and a queue can hold thousands of entries.
    const rows = this.store
      .statement(`SELECT state, COUNT(*) AS n, SUM(attempts >= ${STUCK_AFTER} AND state IN ('pending', 'unknown')) AS stuck FROM outbox GROUP BY state`)
      .all() as { state: EntryState; n: number; stuck: number }[];
    for (const r of rows) {
      result[r.state] += r.n;
      result.total += r.n;
      result.stuck += r.stuck;
    }
    // Only entries that name a local id can be waiting for one.
    for (const row of this.store.statement(`SELECT * FROM outbox WHERE state = 'pending' AND fields LIKE '%"local-%'`).all() as EntryRow[]) {
      if (this.toEntry(row).waitingFor.length) result.waiting++;
    }
    return result;
  }

  /** Entries other than the record's own whose fields name `id` (a local id). */
  private referring(id: string): OutboxEntry[] {
    const rows = this.store.statement(`SELECT * FROM outbox WHERE record_id != ? AND fields LIKE ? ORDER BY seq`).all(id, `%${JSON.stringify(id)}%`) as EntryRow[];
    return rows.map((r) => this.toEntry(r)).filter((e) => localIdsIn(e.fields).includes(id));
  }

  /** The server id a local id became, or the id itself. */
  resolve(id: string): string {
    if (!isLocalId(id)) return id;
    const row = this.store.statement(`SELECT server_id FROM local_ids WHERE local_id = ?`).get(id) as { server_id: string } | undefined;
    return row?.server_id ?? id;
  }

  // ---- editing ----
  //
  // Every edit is part of an undo step: a single edit is a step of its own; a bulk edit, a paste or
  // an import is one step of many records. A step is written in one transaction, and each record it
  // touches gets an edit_log row holding the record's outbox rows before and after it.

  /** Queues a new record; returns its permanent local id. */
  create(resource: EditResource, input: Json): string {
    return this.step(() => this.createOne(resource, input));
  }

  /** Queues changes to a record (mirror or local); merges them into an unsent edit of it. */
  update(resource: EditResource, recordId: string, input: Json): void {
    this.step(() => this.updateOne(resource, recordId, input));
  }

  /** Queues a delete (a cancel, for courses and enrollments). A record never sent is simply dropped. */
  remove(resource: EditResource, recordId: string): void {
    if (!canDelete(resource)) throw validationError(`Students cannot be deleted through the Enlight API.`);
    this.step(() => this.removeOne(resource, recordId));
  }

  /**
   * Different changes to many records (a pasted block, a fill-down) as one undo step. All or none:
   * if any record fails the checks, nothing is queued and the error names the first few.
   * Returns how many records were changed (a row that already holds the values is left alone).
   */
  updateMany(resource: EditResource, edits: readonly { id: string; fields: Json }[]): number {
    // The same record twice is one edit with the later values winning, as typing them in turn would be.
    const merged = new Map<string, Json>();
    for (const e of edits) merged.set(this.resolve(e.id), { ...merged.get(this.resolve(e.id)), ...e.fields });
    return this.allOrNothing(resource, 'changed', [...merged.keys()], (id) => {
      const shown = this.current(resource, id);
      const fields = merged.get(id) ?? {};
      return this.updateOne(resource, id, shown ? this.changesOnly(shown, fields) : fields, shown);
    });
  }

  /** One change on many records, each computed from the record's own current value. All or none. */
  bulkUpdate(resource: EditResource, ids: readonly string[], change: BulkChange): number {
    return this.allOrNothing(resource, 'changed', [...new Set(ids.map((id) => this.resolve(id)))], (id) => {
      const shown = this.current(resource, id);
      if (!shown) throw validationError(`This ${resource.slice(0, -1)} is not in the local copy (it may have been deleted). Sync, then try again.`);
      const value = changedValue(change, shown[change.field]);
      if ('error' in value) throw validationError(`${change.field} ${value.error}`, { [change.field]: [value.error] });
      return this.updateOne(resource, id, this.changesOnly(shown, { [change.field]: value.value }), shown);
    });
  }

  /** Deletes (cancels) many records as one undo step. All or none. */
  removeMany(resource: EditResource, ids: readonly string[]): number {
    if (!canDelete(resource)) throw validationError(`Students cannot be deleted through the Enlight API.`);
    return this.allOrNothing(resource, deleteVerb(resource) === 'cancel' ? 'cancelled' : 'deleted', [...new Set(ids.map((id) => this.resolve(id)))], (id) => {
      this.removeOne(resource, id);
      return true;
    });
  }

  /**
   * Lines of an import as one undo step: each line that passes the checks is queued, each that
   * fails is left out and says why. With `dryRun` the same happens and is then rolled back, so a
   * preview shows exactly what applying would do (a later line that repeats an earlier line's
   * email is refused in both) and queues nothing.
   */
  queueLines(resource: EditResource, lines: readonly ImportLine[], options: { dryRun?: boolean } = {}): QueuedLine[] {
    if (lines.length > MAX_STEP_RECORDS) {
      throw validationError(`The file has ${lines.length.toLocaleString('en-US')} lines; one import takes at most ${MAX_STEP_RECORDS.toLocaleString('en-US')}. Split the file and import the parts one after another.`);
    }
    const run = () =>
      lines.map((line): QueuedLine => {
        const kind = line.id ? 'update' : 'create';
        if (line.errors.length) return { line: line.line, kind, fields: line.fields, errors: line.errors, queued: false };
        try {
          if (!line.id) {
            const id = this.createOne(resource, line.fields);
            return { line: line.line, kind, id, fields: line.fields, errors: [], queued: true };
          }
          const id = this.resolve(line.id);
          const shown = this.current(resource, id);
          if (!shown) throw validationError(`there is no ${resource.slice(0, -1)} ${line.id} in the local copy`);
          // Only what differs from the record is an edit; the rest of the line is as exported.
          const changes = this.changesOnly(shown, line.fields);
          return { line: line.line, kind, id, fields: { id: line.id, ...changes }, errors: [], queued: this.updateOne(resource, id, changes, shown) };
        } catch (error) {
          if (!isValidationError(error)) throw error;
          return { line: line.line, kind, fields: line.fields, errors: [error.fieldErrors ? describeFieldErrors(error.fieldErrors) : error.message], queued: false };
        }
      });
    if (!options.dryRun) return this.step(run);
    let preview: QueuedLine[] = [];
    try {
      this.step(() => {
        preview = run();
        throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    return preview;
  }

  /**
   * Takes back the last step, while nothing of it has been sent. A step whose records have all been
   * sent since is behind the user already: it is dropped and the one before it is undone.
   */
  undo(): StepRecords[] | undefined {
    return this.db
      .transaction(() => {
        for (;;) {
          const batch = this.store.statement(`SELECT MAX(batch) FROM edit_log WHERE undone = 0`).pluck().get() as number | null;
          if (batch === null) return undefined;
          const rows = this.stepRows(batch);
          const records = lastPerRecord(rows);
          const verdicts = [...records.values()].map((r) => this.compareWith(r.resource, r.record_id, r.after === null ? null : (JSON.parse(r.after) as EntryRow[])));
          if (verdicts.every((v) => v === 'gone')) {
            this.store.statement(`DELETE FROM edit_log WHERE batch = ?`).run(batch);
            continue;
          }
          if (verdicts.some((v) => v !== 'same')) {
            throw validationError(
              records.size === 1
                ? 'That edit has already been sent to the server, so it cannot be undone here. Edit the record again instead.'
                : 'Part of that change has already been sent to the server, so it cannot be undone here. Edit the records again instead.',
            );
          }
          // Each record goes back to what it was before the step's first edit of it.
          for (const r of firstPerRecord(rows).values()) this.restore(r.resource as EditResource, r.record_id, JSON.parse(r.before) as EntryRow[]);
          this.store.statement(`UPDATE edit_log SET undone = 1 WHERE batch = ?`).run(batch);
          return stepRecords(rows);
        }
      })
      .immediate();
  }

  /** Makes again the step undone last, if nothing has changed those records since. */
  redo(): StepRecords[] | undefined {
    return this.db
      .transaction(() => {
        const batch = this.store.statement(`SELECT MIN(batch) FROM edit_log WHERE undone = 1`).pluck().get() as number | null;
        if (batch === null) return undefined;
        const rows = this.stepRows(batch);
        const verdicts = [...firstPerRecord(rows).values()].map((r) => this.compareWith(r.resource, r.record_id, JSON.parse(r.before) as EntryRow[]));
        if (verdicts.some((v) => v !== 'same')) {
          throw validationError('Those records have changed since the edit was undone (a sync or another edit), so it cannot be redone. Make the edit again instead.');
        }
        for (const r of lastPerRecord(rows).values()) if (r.after !== null) this.restore(r.resource as EditResource, r.record_id, JSON.parse(r.after) as EntryRow[]);
        this.store.statement(`UPDATE edit_log SET undone = 0 WHERE batch = ?`).run(batch);
        return stepRecords(rows);
      })
      .immediate();
  }

  /** For each of these records with open entries, what state its edits are in (for marking grid cells). */
  editStates(resource: EditResource, ids: readonly string[]): Record<string, RowEditState> {
    if (ids.length === 0) return {};
    const rows = this.store
      .statement(`SELECT * FROM outbox WHERE resource = ? AND record_id IN (SELECT value FROM json_each(?)) ORDER BY seq`)
      .all(resource, JSON.stringify(ids)) as EntryRow[];
    return rowEditStates(rows.map((r) => this.toEntry(r)));
  }

  // ---- one step ----

  /** Runs `work` as one undo step, in one transaction; a step that queued nothing leaves no trace. */
  private step<T>(work: () => T): T {
    return this.db
      .transaction(() => {
        // The highest batch, done or undone, as two lookups in the (undone, batch) index: a plain
        // MAX(batch) reads the whole log (4 ms at 100,000 rows, against a few µs).
        const batch = this.store.statement(`SELECT COALESCE(MAX(a, b), a, b, 0) + 1 FROM (SELECT (SELECT MAX(batch) FROM edit_log WHERE undone = 0) AS a, (SELECT MAX(batch) FROM edit_log WHERE undone = 1) AS b)`).pluck().get() as number;
        this.batch = batch;
        try {
          const result = work();
          if (this.store.statement(`SELECT EXISTS (SELECT 1 FROM edit_log WHERE undone = 0 AND batch = ?)`).pluck().get(batch) === 1) {
            // A new edit starts a new history: what was undone can no longer be redone.
            this.store.statement(`DELETE FROM edit_log WHERE undone = 1`).run();
            // Undo reaches back a fair way (200 steps, 100,000 records), not forever; the last step is always kept whole.
            this.store.statement(`DELETE FROM edit_log WHERE undone = 0 AND batch <= ? - ${UNDO_STEPS}`).run(batch);
            if ((this.store.statement(`SELECT MAX(id) - MIN(id) FROM edit_log`).pluck().get() as number) >= UNDO_RECORDS) {
              this.store.statement(`DELETE FROM edit_log WHERE batch < (SELECT batch FROM edit_log ORDER BY id DESC LIMIT 1 OFFSET ${UNDO_RECORDS})`).run();
            }
          }
          return result;
        } finally {
          this.batch = null;
        }
      })
      .immediate();
  }

  /**
   * Runs `edit` for every item as one step; if any fails the documented checks, the whole step is
   * rolled back and one error says how many failed and names the first few.
   */
  private allOrNothing(resource: EditResource, verb: string, ids: readonly string[], edit: (id: string) => boolean): number {
    if (ids.length > MAX_STEP_RECORDS) {
      throw validationError(`That would change ${ids.length.toLocaleString('en-US')} ${resource} at once; one step changes at most ${MAX_STEP_RECORDS.toLocaleString('en-US')}. Narrow the selection, or do it in parts.`);
    }
    return this.step(() => {
      const failures: BulkFailure[] = [];
      let queued = 0;
      for (const id of ids) {
        try {
          if (edit(id)) queued++;
        } catch (error) {
          if (!isValidationError(error)) throw error;
          failures.push({ id, message: error.message, fieldErrors: error.fieldErrors ?? null });
        }
      }
      if (failures.length) throw bulkError(resource, verb, ids.length, failures, (id) => this.recordLabel(resource, id));
      return queued;
    });
  }

  private createOne(resource: EditResource, input: Json): string {
    const fields = this.clean(input);
    this.check(resource, 'create', fields);
    const id = `local-${randomUUID()}`;
    this.logged(resource, id, [], () => {
      this.insertEntry(resource, id, 'create', fields, {});
      this.refreshOverlay(resource, id);
    });
    return id;
  }

  /** Returns whether anything was queued (nothing is, for no fields). `known` is the record as current() gives it, when the caller has it. */
  private updateOne(resource: EditResource, recordId: string, input: Json, known?: Json): boolean {
    const id = this.resolve(recordId);
    const fields = this.clean(input);
    if (Object.keys(fields).length === 0) return false;
    const shown = known ?? this.current(resource, id);
    if (!shown) throw validationError(`This ${resource.slice(0, -1)} is not in the local copy (it may have been deleted). Sync, then try again.`);
    const before = this.recordRows(resource, id);
    const last = before.length ? this.toEntry(before[before.length - 1] as EntryRow) : undefined;
    const mergeable = last && (last.state === 'pending' || last.state === 'rejected') && last.attempts === 0 && last.kind !== 'delete';
    // Changing a record not yet created changes what its create will send: the create's rules apply.
    if (mergeable && last.kind === 'create') this.check(resource, 'create', { ...last.fields, ...fields });
    else this.check(resource, 'update', fields, id);
    this.logged(resource, id, before, () => {
      if (last && mergeable) {
        // Merge: the latest value of each field, and the base it had when first edited.
        const merged = { ...last.fields, ...fields };
        const base = { ...last.base };
        if (last.kind === 'update') for (const f of Object.keys(fields)) if (!(f in base)) base[f] = shown[f] ?? null;
        this.store.statement(`UPDATE outbox SET fields = ?, base = ?, state = 'pending', message = NULL, field_errors = NULL WHERE seq = ?`).run(JSON.stringify(merged), JSON.stringify(base), last.seq);
      } else {
        const base = Object.fromEntries(Object.keys(fields).map((f) => [f, shown[f] ?? null]));
        this.insertEntry(resource, id, 'update', fields, base);
      }
      this.refreshOverlay(resource, id);
    });
    return true;
  }

  /** The callers (remove, removeMany) have refused resources that cannot be deleted. */
  private removeOne(resource: EditResource, recordId: string): void {
    const id = this.resolve(recordId);
    if (!this.current(resource, id)) throw validationError(`This ${resource.slice(0, -1)} is not in the local copy any more.`);
    const dependants = this.referring(id).filter((e) => e.state !== 'sending');
    if (isLocalId(id) && dependants.length) {
      throw validationError(`Other unsent edits refer to this new ${resource.slice(0, -1)} (${dependants.map((d) => `${d.kind} ${d.resource.slice(0, -1)}`).join(', ')}). Remove them first.`);
    }
    const before = this.recordRows(resource, id);
    this.logged(resource, id, before, () => {
      const open = before.map((r) => this.toEntry(r));
      if (isLocalId(id) && open.every((e) => e.state !== 'sending' && e.state !== 'unknown' && e.attempts === 0)) {
        // Never reached the server: forgetting the create is the whole delete.
        this.store.statement(`DELETE FROM outbox WHERE resource = ? AND record_id = ?`).run(resource, id);
      } else {
        this.insertEntry(resource, id, 'delete', {}, {});
      }
      this.refreshOverlay(resource, id);
    });
  }

  /** The fields whose value differs from the record as the user sees it now (`shown`). */
  private changesOnly(shown: Json, fields: Json): Json {
    return Object.fromEntries(Object.entries(this.clean(fields)).filter(([k, v]) => JSON.stringify(shown[k] ?? null) !== JSON.stringify(v ?? null)));
  }

  /** Makes a record's change, with its outbox rows before and after kept for undo in the current step. */
  private logged(resource: EditResource, id: string, before: EntryRow[], write: () => void): void {
    if (this.batch === null) throw new Error('an edit outside an undo step');
    write();
    const after = this.recordRows(resource, id);
    this.store
      .statement(`INSERT INTO edit_log (resource, record_id, before, after, at, batch) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(resource, id, JSON.stringify(before), JSON.stringify(after), new Date(this.now()).toISOString(), this.batch);
  }

  private stepRows(batch: number): EditLogRow[] {
    return this.store.statement(`SELECT id, resource, record_id, before, after FROM edit_log WHERE batch = ? ORDER BY id`).all(batch) as EditLogRow[];
  }

  /**
   * Whether a record's outbox rows are still as a step left them: `same` (the same entries, none
   * sent), `gone` (all sent and done since) or `changed` (sent in part, or being sent). `expected`
   * null is a row logged before steps kept their after state: only the sending is looked at.
   */
  private compareWith(resource: string, recordId: string, expected: EntryRow[] | null): 'same' | 'gone' | 'changed' {
    const current = this.recordRows(resource as EditResource, recordId);
    if (current.some((r) => r.attempts > 0 || r.state === 'sending' || r.state === 'unknown')) return 'changed';
    if (expected === null) return current.length ? 'same' : 'gone';
    if (current.length === expected.length && current.every((r, i) => r.seq === expected[i]?.seq)) return 'same';
    return current.length === 0 ? 'gone' : 'changed';
  }

  /** Puts a record's outbox rows back as they were (same sequence numbers), and its overlay with them. */
  private restore(resource: EditResource, recordId: string, rows: EntryRow[]): void {
    this.store.statement(`DELETE FROM outbox WHERE resource = ? AND record_id = ?`).run(resource, recordId);
    for (const row of rows) {
      this.store
        .statement(
          `INSERT INTO outbox (seq, resource, record_id, kind, fields, base, state, attempts, next_attempt_at, message, field_errors, conflict, created_at, sent_at) VALUES (@seq, @resource, @record_id, @kind, @fields, @base, @state, @attempts, @next_attempt_at, @message, @field_errors, @conflict, @created_at, @sent_at)`,
        )
        // A record created here may have been given its server id since the rows were logged.
        .run({ ...row, record_id: recordId });
    }
    this.refreshOverlay(resource, recordId);
  }

  /** How an error names a record: its name where it has one, and its id. */
  private recordLabel(resource: EditResource, id: string): string {
    const r = this.current(resource, id);
    const person = (p: Json | undefined) => (p ? `${typeof p['given_name'] === 'string' ? p['given_name'] : ''} ${typeof p['family_name'] === 'string' ? p['family_name'] : ''}`.trim() : '');
    let name = '';
    if (resource === 'students' || resource === 'users') name = person(r);
    else if (resource === 'courses' || resource === 'groups') name = typeof r?.['name'] === 'string' ? r['name'] : '';
    else if (r) {
      const student = person(this.current('students', String(r['student_id'])));
      const course = this.current('courses', String(r['course_id']))?.['name'];
      name = [student, typeof course === 'string' ? course : ''].filter(Boolean).join(', ');
    }
    return name ? `${name} (${id})` : id;
  }

  // ---- the user's answers to entries that wait for them ----

  /** Sends the entry again now (a stuck or rejected one, or a lost create that turned out absent). */
  retry(seq: number): void {
    const e = this.mustGet(seq);
    const state = e.state === 'ambiguous' ? 'pending' : e.state === 'unknown' ? 'unknown' : 'pending';
    this.store.statement(`UPDATE outbox SET state = ?, next_attempt_at = 0, message = NULL, field_errors = NULL, conflict = NULL WHERE seq = ?`).run(state, seq);
  }

  /** Drops the entry (and, for a create, the edits queued after it), going back to the server's record. */
  discard(seq: number): void {
    const e = this.mustGet(seq);
    if (e.state === 'sending') throw validationError('That edit is being sent right now; wait for the answer, then discard it.');
    const dependants = e.kind === 'create' && isLocalId(e.recordId) ? this.referring(e.recordId) : [];
    if (dependants.length) throw validationError(`Other edits wait for this new ${e.resource.slice(0, -1)}: discard them first (${dependants.map((d) => `#${d.seq}`).join(', ')}).`);
    this.db
      .transaction(() => {
        if (e.kind === 'create') this.store.statement(`DELETE FROM outbox WHERE resource = ? AND record_id = ?`).run(e.resource, e.recordId);
        else this.store.statement(`DELETE FROM outbox WHERE seq = ?`).run(seq);
        this.store.statement(`DELETE FROM edit_log WHERE resource = ? AND record_id = ?`).run(e.resource, e.recordId);
        this.refreshOverlay(e.resource, e.recordId);
      })
      .immediate();
  }

  /** Fixes a rejected entry's values and queues it again. */
  resubmit(seq: number, input: Json): void {
    const e = this.mustGet(seq);
    if (e.state !== 'rejected') throw validationError('Only an edit the server refused can be corrected and sent again.');
    const fields = { ...e.fields, ...this.clean(input) };
    this.check(e.resource, e.kind === 'create' ? 'create' : 'update', fields, e.kind === 'create' ? undefined : e.recordId);
    this.db
      .transaction(() => {
        this.store.statement(`UPDATE outbox SET fields = ?, state = 'pending', attempts = 0, next_attempt_at = 0, message = NULL, field_errors = NULL WHERE seq = ?`).run(JSON.stringify(fields), seq);
        this.refreshOverlay(e.resource, e.recordId);
      })
      .immediate();
  }

  /** A field conflict: keep my value (sent over theirs) or take theirs (my change to it is dropped). */
  resolveConflict(seq: number, field: string, choice: 'mine' | 'theirs'): void {
    const e = this.mustGet(seq);
    const conflict = e.conflict && 'fields' in e.conflict ? e.conflict : undefined;
    const detail = conflict?.fields[field];
    if (e.state !== 'conflict' || !conflict || !detail) throw validationError(`Entry #${seq} has no conflict on ${field}.`);
    const fields = { ...e.fields };
    const base = { ...e.base };
    if (choice === 'mine') base[field] = detail.theirs;
    else {
      delete fields[field];
      delete base[field];
    }
    const rest = { ...conflict.fields };
    delete rest[field];
    const settled = Object.keys(rest).length === 0;
    this.db
      .transaction(() => {
        if (Object.keys(fields).length === 0) this.store.statement(`DELETE FROM outbox WHERE seq = ?`).run(seq);
        else {
          this.store
            .statement(`UPDATE outbox SET fields = ?, base = ?, state = ?, conflict = ?, message = ?, next_attempt_at = 0 WHERE seq = ?`)
            .run(JSON.stringify(fields), JSON.stringify(base), settled ? 'pending' : 'conflict', settled ? null : JSON.stringify({ fields: rest }), settled ? null : e.message, seq);
        }
        this.refreshOverlay(e.resource, e.recordId);
      })
      .immediate();
  }

  /** A lost create matched several records on the server: the user says which one is theirs. */
  adopt(seq: number, serverRecord: Json): void {
    const e = this.mustGet(seq);
    if (e.kind !== 'create') throw validationError(`Entry #${seq} is not a new record.`);
    this.completeCreate(e, serverRecord);
  }

  // ---- for the push ----

  /** Entries that can be sent now: the first open entry of each record, whose references all exist on the server. */
  readyEntries(): OutboxEntry[] {
    const now = this.now();
    return this.sendable().filter((e) => e.nextAttemptAt <= now);
  }

  /**
   * The next entry that can be sent now, skipping records in `busy` (already being sent). Reads the
   * queue in order a few rows at a time, so a long queue costs only as far as the first ready entry.
   */
  nextReady(busy: ReadonlySet<string>): OutboxEntry | undefined {
    const now = this.now();
    const page = this.store.statement(
      `SELECT * FROM outbox o WHERE state IN ('pending', 'unknown') AND next_attempt_at <= ? AND seq > ?
         AND seq = (SELECT MIN(seq) FROM outbox i WHERE i.resource = o.resource AND i.record_id = o.record_id)
       ORDER BY seq LIMIT 32`,
    );
    for (let after = 0; ; ) {
      const rows = page.all(now, after) as EntryRow[];
      if (rows.length === 0) return undefined;
      for (const row of rows) {
        const e = this.toEntry(row);
        if (e.waitingFor.length === 0 && !busy.has(recordKey(e))) return e;
      }
      after = (rows.at(-1) as EntryRow).seq;
    }
  }

  /** When the next entry held back by a backoff may go (now or in the past: go at once); undefined when none is held back. */
  nextAttemptAt(): number | undefined {
    const times = this.sendable().map((e) => e.nextAttemptAt);
    return times.length ? Math.min(...times) : undefined;
  }

  /** First open entries of their record, in a state the push acts on, not waiting for another record. */
  private sendable(): OutboxEntry[] {
    const firstPerRecord = new Map<string, OutboxEntry>();
    for (const e of this.entries()) {
      const key = recordKey(e);
      if (!firstPerRecord.has(key)) firstPerRecord.set(key, e);
    }
    return [...firstPerRecord.values()].filter((e) => (e.state === 'pending' || e.state === 'unknown') && e.waitingFor.length === 0);
  }

  /** What the mirror knows of a resource's records, for finding a lost create (reconcile.ts). */
  knowledge(): Knowledge {
    const pushed = this.store.statement(`SELECT 1 FROM local_ids WHERE resource = ? AND server_id = ?`);
    return {
      known: (resource, id) => this.store.get(resource, id) !== undefined,
      pulled: (resource, id) => this.store.get(resource, id) !== undefined && pushed.get(resource, id) === undefined,
      pushedCount: (resource) => (this.store.statement(`SELECT COUNT(*) AS n FROM local_ids WHERE resource = ?`).get(resource) as { n: number }).n,
    };
  }

  /** Marked before the request leaves: a crash now leaves a trace (a create is then looked for, not re-sent). */
  markSending(seq: number): void {
    this.store.statement(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, sent_at = ? WHERE seq = ?`).run(new Date(this.now()).toISOString(), seq);
  }

  /** The request failed without an answer worth keeping: try again after `delayMs`. */
  markRetry(seq: number, state: 'pending' | 'unknown', delayMs: number, message: string): void {
    this.store.statement(`UPDATE outbox SET state = ?, next_attempt_at = ?, message = ? WHERE seq = ?`).run(state, this.now() + delayMs, message, seq);
  }

  markRejected(seq: number, message: string, fieldErrors: FieldErrors | undefined): void {
    this.store.statement(`UPDATE outbox SET state = 'rejected', message = ?, field_errors = ? WHERE seq = ?`).run(message, fieldErrors ? JSON.stringify(fieldErrors) : null, seq);
  }

  markConflict(seq: number, conflict: Conflict, message: string): void {
    this.store.statement(`UPDATE outbox SET state = ?, conflict = ?, message = ? WHERE seq = ?`).run('candidates' in conflict ? 'ambiguous' : 'conflict', JSON.stringify(conflict), message, seq);
  }

  /** Narrows an update to the fields still worth sending (the others already hold my value). */
  narrow(seq: number, fields: Json): void {
    this.store.statement(`UPDATE outbox SET fields = ? WHERE seq = ?`).run(JSON.stringify(fields), seq);
  }

  /** The server has the create: map the local id, store the server's record, drop the entry, in one transaction. */
  completeCreate(e: OutboxEntry, serverRecord: Json): void {
    const serverId = serverRecord['id'];
    if (typeof serverId !== 'string' || !serverId) throw new Error(`the server's new ${e.resource.slice(0, -1)} has no id`);
    this.db
      .transaction(() => {
        this.writeMirror(e.resource, serverRecord);
        this.store.statement(`INSERT OR REPLACE INTO local_ids (local_id, resource, server_id) VALUES (?, ?, ?)`).run(e.recordId, e.resource, serverId);
        this.store.statement(`DELETE FROM outbox WHERE seq = ?`).run(e.seq);
        // Later edits of the record now name it by its server id.
        this.store.statement(`UPDATE outbox SET record_id = ? WHERE resource = ? AND record_id = ?`).run(serverId, e.resource, e.recordId);
        // Undo finds the record by its server id now; a step all sent is dropped when undo reaches it.
        this.store.statement(`UPDATE edit_log SET record_id = ? WHERE resource = ? AND record_id = ?`).run(serverId, e.resource, e.recordId);
        this.refreshOverlay(e.resource, e.recordId);
        this.refreshOverlay(e.resource, serverId);
      })
      .immediate();
  }

  /** An update or delete the server has carried out: the mirror takes the server's record (or loses it), the entry goes. */
  completeChange(e: OutboxEntry, serverRecord: Json | null): void {
    this.db
      .transaction(() => {
        if (serverRecord) this.writeMirror(e.resource, serverRecord);
        else this.deleteMirror(e.resource, e.recordId);
        this.store.statement(`DELETE FROM outbox WHERE seq = ?`).run(e.seq);
        this.refreshOverlay(e.resource, e.recordId);
      })
      .immediate();
  }

  /** After a pull: the overlay of every record with edits is the new mirror record with the edits on top. */
  refreshAllOverlays(): void {
    this.db
      .transaction(() => {
        for (const resource of EDIT_RESOURCES) {
          const ids = new Set([
            ...(this.store.statement(`SELECT id FROM ${resource}_overlay`).all() as { id: string }[]).map((r) => r.id),
            ...(this.store.statement(`SELECT DISTINCT record_id AS id FROM outbox WHERE resource = ?`).all(resource) as { id: string }[]).map((r) => r.id),
          ]);
          for (const id of ids) this.refreshOverlay(resource, id);
        }
      })
      .immediate();
  }

  // ---- internals ----

  /** Call only holding the account's push lock (accountLock.ts): no other sender is alive then. */
  recoverInterruptedSends(): void {
    // Found "sending": the sender stopped while waiting for an answer. Updates and deletes can
    // simply go again; a create may have been made, so it is looked for before anything else.
    this.store.statement(`UPDATE outbox SET state = CASE kind WHEN 'create' THEN 'unknown' ELSE 'pending' END WHERE state = 'sending'`).run();
  }

  private clean(input: Json): Json {
    const out: Json = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = typeof v === 'string' && k !== 'assigned_password' && k !== 'student_password' ? v.trim() : v;
    return out;
  }

  private check(resource: EditResource, kind: 'create' | 'update', fields: Json, recordId?: string): void {
    const errors = checkEdit(resource, kind, fields, { taken: (r, f, v, except) => this.taken(r, f, v, except), now: this.now }, recordId);
    if (Object.keys(errors).length) {
      throw validationError(`The ${resource.slice(0, -1)} was not ${kind === 'create' ? 'added' : 'changed'}: ${describeFieldErrors(errors)}.`, errors);
    }
  }

  private taken(resource: EditResource, field: 'email' | 'name', value: string, exceptId?: string): boolean {
    const row = this.store.statement(`SELECT id FROM ${resource}_current WHERE ${field} = ? COLLATE NOCASE AND id IS NOT ? LIMIT 1`).get(value, exceptId ?? null) as { id: string } | undefined;
    return row !== undefined;
  }

  private insertEntry(resource: EditResource, recordId: string, kind: EditKind, fields: Json, base: Json): void {
    this.store
      .statement(`INSERT INTO outbox (resource, record_id, kind, fields, base, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(resource, recordId, kind, JSON.stringify(fields), JSON.stringify(base), new Date(this.now()).toISOString());
  }

  private recordRows(resource: EditResource, recordId: string): EntryRow[] {
    // Sorted here: the same query with ORDER BY seq (which the index already gives) measured five
    // times slower, and a bulk edit asks it three times a record.
    const rows = this.store.statement(`SELECT * FROM outbox WHERE resource = ? AND record_id = ?`).all(resource, recordId) as EntryRow[];
    return rows.length > 1 ? rows.sort((a, b) => a.seq - b.seq) : rows;
  }

  private openEntries(resource: EditResource, recordId: string): OutboxEntry[] {
    return this.recordRows(resource, recordId).map((r) => this.toEntry(r));
  }

  private mustGet(seq: number): OutboxEntry {
    const e = this.entry(seq);
    if (!e) throw validationError(`There is no outbox entry #${seq} (it may have been sent already).`);
    return e;
  }

  private toEntry(r: EntryRow): OutboxEntry {
    const fields = JSON.parse(r.fields) as Json;
    return {
      seq: r.seq,
      resource: r.resource as EditResource,
      recordId: r.record_id,
      kind: r.kind as EditKind,
      fields,
      base: JSON.parse(r.base) as Json,
      state: r.state as EntryState,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      message: r.message,
      fieldErrors: r.field_errors ? (JSON.parse(r.field_errors) as FieldErrors) : null,
      conflict: r.conflict ? (JSON.parse(r.conflict) as Conflict) : null,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      waitingFor: localIdsIn(fields).filter((id) => this.resolve(id) === id),
      stuck: (r.state === 'pending' || r.state === 'unknown') && r.attempts >= STUCK_AFTER,
    };
  }

  private writeMirror(resource: EditResource, record: Json): void {
    // The mirror holds what the server said, in the list's shape (a show answer carries more), and
    // a record from a push counts as seen by the current pass.
    const listed = { ...record };
    for (const key of DETAIL_ONLY[resource]) delete listed[key];
    this.store.storePage(resource, this.store.listState(resource).pass, [listed]);
  }

  private deleteMirror(resource: EditResource, id: string): void {
    this.store.statement(`DELETE FROM ${resource} WHERE id = ?`).run(id);
    if (resource === 'enrollments') this.store.statement(`DELETE FROM group_memberships WHERE enrollment_id = ?`).run(id);
    if (resource === 'groups') this.store.statement(`DELETE FROM group_memberships WHERE group_id = ?`).run(id);
    if (resource === 'courses') this.store.statement(`DELETE FROM checksheets WHERE course_id = ?`).run(id);
  }

  /**
   * "Send now": entries waiting out a backoff after failures are due at once. A person who asks
   * to send has usually just fixed what failed (the network is back); making them wait minutes
   * for the next automatic attempt would look like nothing happened.
   */
  dueNow(): void {
    this.store.statement(`UPDATE outbox SET next_attempt_at = 0 WHERE state IN ('pending', 'unknown') AND next_attempt_at > 0`).run();
  }

  /** Rewrites one record's overlay row from the mirror and its open entries (or removes it). */
  refreshOverlay(resource: EditResource, recordId: string): void {
    const entries = this.openEntries(resource, recordId);
    this.store.statement(`DELETE FROM ${resource}_overlay WHERE id = ?`).run(recordId);
    if (entries.length === 0) return;
    let record: Json | undefined = isLocalId(recordId) ? undefined : this.store.get(resource, recordId);
    let deleted = false;
    for (const e of entries) {
      // A new enrollment is active from the start (the server makes it so); its create does not say it.
      if (e.kind === 'create') record = resource === 'enrollments' ? { active: true, ...e.fields, id: recordId } : { ...e.fields, id: recordId };
      else if (e.kind === 'update') record = { ...(record ?? { id: recordId }), ...e.fields };
      else if (resource === 'enrollments') record = { ...(record ?? { id: recordId }), active: false };
      else deleted = true;
    }
    if (!record) record = { id: recordId };
    const columns = MIRROR_COLUMNS[resource];
    const names = Object.keys(columns);
    this.store
      .statement(`INSERT INTO ${resource}_overlay (id, ${names.join(', ')}, json, deleted) VALUES (?, ${names.map(() => '?').join(', ')}, ?, ?)`)
      .run(recordId, ...names.map((n) => (columns[n] as (r: Json) => unknown)(record)), mirrorJson(record), deleted ? 1 : 0);
  }
}
