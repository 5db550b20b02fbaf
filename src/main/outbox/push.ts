// Sends the outbox to the server: in order per record, waiting for the records an edit refers to,
// independent records side by side under the account's shared rate limiter.
//
// Before an update, the server's current value of each edited field is compared with the value
// the edit started from: unchanged → sent; already ours → not sent; different → a conflict the user
// settles. A create whose answer was lost is looked for (reconcile.ts) before it is ever sent again.
import { isEnlightError, type EnlightError } from '../../shared/errors';
import type { EnlightClient } from '../api/EnlightClient';
import { takeAccountLock } from '../store/accountLock';
import { describeFieldErrors, isLocalId, type EditResource } from './editRules';
import type { Outbox } from './Outbox';
import { recordKey, type OutboxEntry } from './outboxEntry';
import { reconcileCreate } from './reconcile';

type Json = Record<string, unknown>;

export type PushClient = Pick<
  EnlightClient,
  | 'list'
  | 'getCourse'
  | 'getStudent'
  | 'getEnrollment'
  | 'getGroup'
  | 'getUser'
  | 'createCourse'
  | 'createStudent'
  | 'createEnrollment'
  | 'createGroup'
  | 'createUser'
  | 'updateCourse'
  | 'updateStudent'
  | 'updateEnrollment'
  | 'updateGroup'
  | 'updateUser'
  | 'cancelCourse'
  | 'cancelEnrollment'
  | 'deleteGroup'
  | 'deleteUser'
>;

export interface PushOptions {
  client: PushClient;
  outbox: Outbox;
  /** Records sent at once; the client's limiter bounds the account as a whole. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Also wait out backoffs until nothing is left that can be sent; by default return once nothing is ready now. */
  untilSettled?: boolean;
  /** Told which records changed, for `data:changed`. */
  onChange?: (resource: EditResource, ids: string[]) => void;
  random?: () => number;
}

export interface PushResult {
  /** Entries the server now has (including lost creates found there, and updates it already had). */
  done: number;
  rejected: number;
  conflicts: number;
  /** Entries that failed for now and will be tried again. */
  retrying: number;
  requests: { send: number; check: number; reconcile: number };
}

const MAX_BACKOFF_MS = 5 * 60_000;

function backoffMs(attempts: number, random: () => number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + random());
}

/** Two values of one field are the same: dates by instant, emails and such as the server stores them. */
export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (field.endsWith('email')) return a.trim().toLowerCase() === b.trim().toLowerCase();
    if (/_at$/.test(field)) {
      const [x, y] = [Date.parse(a), Date.parse(b)];
      if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
    }
    return a === b;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function push(options: PushOptions): Promise<PushResult> {
  // One sender per account, whichever process: a second is refused before it sends anything.
  const lock = takeAccountLock(options.outbox.store.db.name, 'push');
  try {
    // Holding the lock, an edit still "sending" is one a sender that has since died left behind.
    options.outbox.recoverInterruptedSends();
    return await pushHoldingLock(options);
  } finally {
    lock.release();
  }
}

async function pushHoldingLock(options: PushOptions): Promise<PushResult> {
  const { client, outbox, signal } = options;
  const concurrency = options.concurrency ?? 4;
  const random = options.random ?? Math.random;
  const result: PushResult = { done: 0, rejected: 0, conflicts: 0, retrying: 0, requests: { send: 0, check: 0, reconcile: 0 } };
  const changed = (e: OutboxEntry, ...ids: string[]) => options.onChange?.(e.resource, [e.recordId, ...ids]);

  // A pool: up to `concurrency` records in flight; as one finishes, the next ready entry goes.
  const inFlight = new Map<string, Promise<void>>();
  let fatal: unknown;
  for (;;) {
    if (fatal !== undefined) {
      await Promise.allSettled(inFlight.values());
      throw fatal;
    }
    signal?.throwIfAborted();
    while (inFlight.size < concurrency) {
      const e = outbox.nextReady(new Set(inFlight.keys()));
      if (!e) break;
      const key = recordKey(e);
      inFlight.set(
        key,
        pushOne(e)
          .catch((error: unknown) => {
            fatal ??= error;
          })
          .finally(() => inFlight.delete(key)),
      );
    }
    if (inFlight.size > 0) {
      await Promise.race(inFlight.values());
      continue;
    }
    const next = options.untilSettled ? outbox.nextAttemptAt() : undefined;
    if (next === undefined) return result;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Math.max(5, next - outbox.now()));
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  }

  async function pushOne(e: OutboxEntry): Promise<void> {
    try {
      if (e.kind === 'create') await sendCreate(e);
      else if (e.kind === 'update') await sendUpdate(e);
      else await sendDelete(e);
    } catch (error) {
      failed(e, error);
    }
  }

  /** The entry's fields with every local id replaced by the server id it became. */
  function resolved(e: OutboxEntry): Json {
    const swap = (v: unknown): unknown => (typeof v === 'string' && isLocalId(v) ? outbox.resolve(v) : Array.isArray(v) ? v.map(swap) : v);
    return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, swap(v)]));
  }

  async function sendCreate(e: OutboxEntry): Promise<void> {
    const body = resolved(e);
    if (e.state === 'unknown') {
      const { result: found, requests } = await reconcileCreate(e, body, client, outbox.store, outbox.knowledge(), signal);
      result.requests.reconcile += requests;
      if ('found' in found) {
        outbox.completeCreate(e, found.found);
        result.done++;
        changed(e, String(found.found['id']));
        return;
      }
      if ('candidates' in found) {
        outbox.markConflict(e.seq, { candidates: found.candidates }, `The server may already have this new ${e.resource.slice(0, -1)}: ${found.candidates.length} records match it. Choose yours, or send it again.`);
        result.conflicts++;
        return;
      }
      // Surely absent: it is safe to send again, now.
    }
    outbox.markSending(e.seq);
    result.requests.send++;
    const created = await createOn(e.resource, body);
    outbox.completeCreate(e, created);
    result.done++;
    changed(e, String(created['id']));
  }

  async function sendUpdate(e: OutboxEntry): Promise<void> {
    const mine = resolved(e);
    let theirs: Json;
    try {
      result.requests.check++;
      theirs = await showOn(e.resource, e.recordId);
    } catch (error) {
      if (isEnlightError(error) && error.code === 'not-found') {
        outbox.markConflict(e.seq, { deleted: true }, `This ${e.resource.slice(0, -1)} was deleted on the server after you edited it. Discard your edit, or add it again as a new record.`);
        result.conflicts++;
        return;
      }
      throw error;
    }
    const toSend: Json = {};
    const conflicts: Record<string, { base: unknown; mine: unknown; theirs: unknown }> = {};
    for (const [field, value] of Object.entries(mine)) {
      if (sameValue(field, theirs[field], value)) continue; // the server already has it
      if (!(field in theirs) || sameValue(field, theirs[field], e.base[field])) toSend[field] = value;
      else conflicts[field] = { base: e.base[field] ?? null, mine: value, theirs: theirs[field] ?? null };
    }
    if (Object.keys(conflicts).length) {
      outbox.markConflict(e.seq, { fields: conflicts }, `Someone else changed ${Object.keys(conflicts).join(', ')} on the server since you edited it. Keep yours or take theirs.`);
      result.conflicts++;
      return;
    }
    if (Object.keys(toSend).length === 0) {
      outbox.completeChange(e, theirs);
      result.done++;
      changed(e);
      return;
    }
    outbox.narrow(e.seq, toSend);
    outbox.markSending(e.seq);
    result.requests.send++;
    try {
      const updated = await updateOn(e.resource, e.recordId, toSend);
      outbox.completeChange(e, updated);
    } catch (error) {
      if (isEnlightError(error) && error.code === 'not-found') {
        outbox.markConflict(e.seq, { deleted: true }, `This ${e.resource.slice(0, -1)} was deleted on the server after you edited it.`);
        result.conflicts++;
        return;
      }
      throw error;
    }
    result.done++;
    changed(e);
  }

  async function sendDelete(e: OutboxEntry): Promise<void> {
    outbox.markSending(e.seq);
    result.requests.send++;
    try {
      await deleteOn(e.resource, e.recordId);
    } catch (error) {
      // Already gone: what the user wanted.
      if (!(isEnlightError(error) && error.code === 'not-found')) throw error;
    }
    let after: Json | null = null;
    if (e.resource === 'enrollments') {
      // A cancelled enrollment stays, inactive: the mirror takes the server's record.
      result.requests.check++;
      after = await showOn('enrollments', e.recordId).catch((error: unknown) => {
        if (isEnlightError(error) && error.code === 'not-found') return null;
        throw error;
      });
    }
    outbox.completeChange(e, after);
    result.done++;
    changed(e);
  }

  function failed(e: OutboxEntry, error: unknown): void {
    if (!isEnlightError(error)) {
      outbox.markRetry(e.seq, e.kind === 'create' ? 'unknown' : 'pending', backoffMs(e.attempts + 1, random), error instanceof Error ? error.message : String(error));
      result.retrying++;
      return;
    }
    const err = error as EnlightError;
    if (err.code === 'validation' || (err.code === 'not-found' && e.kind === 'create') || err.code === 'forbidden') {
      const words = describeFieldErrors(err.fieldErrors);
      outbox.markRejected(e.seq, `${err.serverMessage ? `${err.serverMessage}: ` : ''}${words || err.message}`, err.fieldErrors);
      result.rejected++;
      return;
    }
    // A create that may have reached the server is looked for before it is sent again.
    const lost = e.kind === 'create' && (err.mayHaveApplied !== false || err.code === 'bad-response');
    const state = lost ? 'unknown' : 'pending';
    if (err.code === 'auth' || err.code === 'cancelled') {
      outbox.markRetry(e.seq, state, 0, err.message);
      throw err;
    }
    outbox.markRetry(e.seq, state, err.code === 'rate-limited' ? Math.max(err.retryAfterMs ?? 1000, 1000) : backoffMs(e.attempts + 1, random), err.message);
    result.retrying++;
  }

  // The API's calls per resource. Bodies were checked against the documented rules when queued;
  // the casts only narrow a checked record to the client's input type.
  function createOn(resource: EditResource, body: Json): Promise<Json> {
    switch (resource) {
      case 'courses':
        return client.createCourse(body as unknown as Parameters<PushClient['createCourse']>[0], signal);
      case 'students':
        return client.createStudent(body as unknown as Parameters<PushClient['createStudent']>[0], signal);
      case 'enrollments':
        return client.createEnrollment(body as unknown as Parameters<PushClient['createEnrollment']>[0], signal);
      case 'groups':
        return client.createGroup(body as unknown as Parameters<PushClient['createGroup']>[0], signal);
      case 'users':
        return client.createUser(body as unknown as Parameters<PushClient['createUser']>[0], signal);
    }
  }

  function updateOn(resource: EditResource, id: string, body: Json): Promise<Json> {
    switch (resource) {
      case 'courses':
        return client.updateCourse(id, body, signal);
      case 'students':
        return client.updateStudent(id, body, signal);
      case 'enrollments':
        return client.updateEnrollment(id, body, signal);
      case 'groups':
        return client.updateGroup(id, body, signal);
      case 'users':
        return client.updateUser(id, body as Parameters<PushClient['updateUser']>[1], signal);
    }
  }

  function showOn(resource: EditResource, id: string): Promise<Json> {
    switch (resource) {
      case 'courses':
        return client.getCourse(id, signal);
      case 'students':
        return client.getStudent(id, signal);
      case 'enrollments':
        return client.getEnrollment(id, signal);
      case 'groups':
        return client.getGroup(id, signal);
      case 'users':
        return client.getUser(id, signal);
    }
  }

  function deleteOn(resource: EditResource, id: string): Promise<void> {
    switch (resource) {
      case 'courses':
        return client.cancelCourse(id, signal);
      case 'enrollments':
        return client.cancelEnrollment(id, signal);
      case 'groups':
        return client.deleteGroup(id, signal);
      case 'users':
        return client.deleteUser(id, signal);
      case 'students':
        return Promise.reject(new Error('Students cannot be deleted through the Enlight API.'));
    }
  }
}
