// A pull: every list paged into the mirror, then the details the lists lack (checksheet sections
// and steps, library items found through steps, group members), reporting progress throughout.
// A stopped pull resumes from its checkpoints; a failing step stops only itself.
import { isEnlightError } from '../../shared/errors';
import type { ResourceProgress, SyncProgress } from '../../shared/syncProgress';
import type { GroupMembers, MirrorStore, PageCheckpoint } from '../store/MirrorStore';
import { MIRROR_RESOURCES, type MirrorResource } from '../store/mirrorColumns';
import { takeAccountLock } from '../store/accountLock';
import { storageProblem } from '../store/storageError';
import { WriteBatch } from './WriteBatch';
import { PAGE_SIZE, walkList } from './walkList';

type Json = Record<string, unknown>;

/** The calls a pull makes; EnlightClient has them all. */
export interface PullClient {
  list(resource: MirrorResource, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<object[]>;
  getChecksheet(id: string, signal?: AbortSignal): Promise<object>;
  getLibraryItem(id: string, signal?: AbortSignal): Promise<object>;
  getGroup(id: string, signal?: AbortSignal): Promise<object>;
}

export interface PullOptions {
  client: PullClient;
  store: MirrorStore;
  /** Requests in flight at once (the client's limiter bounds the account as a whole). */
  concurrency?: number;
  /** Passes over a list that changed while it was paged, before settling for a drifted one. */
  maxPasses?: number;
  /** Start every list from the top and fetch every detail again, checkpoints and updated_at aside. */
  full?: boolean;
  signal?: AbortSignal;
  /** Progress, with the waits for rate limits left at zero: the account's limiter counts those, and pullOnWorker adds them. */
  onProgress?: (progress: SyncProgress) => void;
  onChange?: (resource: MirrorResource | 'library_items' | 'group_memberships', ids: string[]) => void;
  now?: () => number;
}

export interface StepError {
  step: string;
  message: string;
  endpoint?: string;
}

export interface PullResult {
  outcome: 'complete' | 'partial' | 'stopped';
  errors: StepError[];
  /** Lists whose last pass saw no drift, so deletions on the server were applied. */
  driftFree: Partial<Record<MirrorResource, boolean>>;
  changed: number;
  deleted: number;
  requests: number;
}

// Enrollments, the largest list, go last: their indexes are built (on a worker thread) while the
// group members and checksheet details are fetched. Progress still lists the resources in their
// usual order.
const LIST_ORDER: readonly MirrorResource[] = [...MIRROR_RESOURCES.filter((r) => r !== 'enrollments'), 'enrollments'];

/**
 * The reason to stop a pull with when its account is being closed (the app quitting): a first
 * listing's indexes are then left unbuilt, for the pull that carries the listing on (the next
 * opening of the account starts it) to build once, rather than built now, holding the quit for
 * seconds, only to be dropped again.
 */
export const CLOSING = 'closing';

export async function pull(options: PullOptions): Promise<PullResult> {
  // One sync of an account at a time, whichever process runs it: a second is refused before it
  // records a run or sends a request.
  const lock = takeAccountLock(options.store.db.name, 'sync');
  try {
    return await pullHoldingLock(options);
  } finally {
    lock.release();
  }
}

async function pullHoldingLock(options: PullOptions): Promise<PullResult> {
  const { client, store, signal } = options;
  const closing = () => signal?.aborted === true && signal.reason === CLOSING;
  const storageFailure = (error: unknown) =>
    storageProblem(error, { file: store.db.name, then: 'then sync again: what was synced so far is kept, and the sync carries on from there' });

  /** Errors after which no further step can succeed: the whole pull stops. */
  const isFatal = (error: unknown): boolean => {
    if (error instanceof DOMException && error.name === 'AbortError') return true;
    if (storageFailure(error)) return true;
    return isEnlightError(error) && (error.code === 'auth' || error.code === 'network' || error.code === 'timeout' || error.code === 'cancelled');
  };
  const describe = (error: unknown): { message: string; endpoint?: string } => {
    if (isEnlightError(error)) return { message: error.message, endpoint: error.endpoint };
    return { message: storageFailure(error) ?? (error instanceof Error ? error.message : String(error)) };
  };

  const concurrency = options.concurrency ?? 4;
  const maxPasses = options.maxPasses ?? 3;
  const now = options.now ?? (() => performance.now());
  const errors: StepError[] = [];
  const driftFree: PullResult['driftFree'] = {};
  let changed = 0;
  let deleted = 0;
  let requests = 0;
  const runId = store.startRun();

  const progress = new Map<string, ResourceProgress & { startedAt: number }>();
  for (const resource of [...MIRROR_RESOURCES, 'checksheet details', 'library items', 'group members']) {
    const expected = (MIRROR_RESOURCES as readonly string[]).includes(resource) ? store.listState(resource as MirrorResource).lastTotal : null;
    progress.set(resource, { resource, phase: 'waiting', pages: 0, records: 0, requests: 0, expected, etaSeconds: null, startedAt: 0 });
  }
  const report = () => {
    if (!options.onProgress) return;
    options.onProgress({
      resources: [...progress.values()].map(({ startedAt: _s, ...p }) => ({ ...p })),
      rateLimitWaits: 0,
      rateLimitWaitedMs: 0,
    });
  };
  const update = (resource: string, change: Partial<ResourceProgress>) => {
    const p = progress.get(resource);
    if (!p) return;
    if (change.phase && change.phase !== 'waiting' && p.startedAt === 0) p.startedAt = now();
    Object.assign(p, change);
    const elapsed = (now() - p.startedAt) / 1000;
    p.etaSeconds = p.expected && p.records > 0 && elapsed > 0 && p.phase !== 'done' ? Math.max(0, ((p.expected - p.records) * elapsed) / p.records) : null;
    report();
  };
  const counted = <T>(resource: string, call: () => Promise<T>): Promise<T> => {
    requests++;
    const p = progress.get(resource);
    if (p) p.requests++;
    return call();
  };
  const fail = (step: string, error: unknown) => {
    const { message, endpoint } = describe(error);
    errors.push({ step, message, endpoint });
    update(step, { phase: 'failed', error: message });
  };

  /** Runs `work` over `items` with bounded concurrency; the first error stops every worker. */
  const forEachLimited = async <T>(items: T[], work: (item: T) => Promise<void>) => {
    let next = 0;
    let failed = false;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, items.length) }, async () => {
        while (next < items.length && !failed) {
          signal?.throwIfAborted();
          try {
            await work(items[next++] as T);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }),
    );
  };

  // The indexes of the list last written, being built (on a worker, for a large table): nothing else
  // is written till then.
  let building: Promise<void> = Promise.resolve();
  try {
    for (const resource of LIST_ORDER) {
      await building;
      try {
        for (let attempt = 1; attempt <= maxPasses; attempt++) {
          const state = store.beginListPass(resource, { fresh: options.full === true && attempt === 1, deferIndexes: true });
          update(resource, { phase: 'listing', records: state.records, expected: store.listState(resource).lastTotal });
          const writer = new WriteBatch<{ records: Json[]; checkpoint: PageCheckpoint }>((pages) => {
            const ids = store.storePages(resource, state.pass, pages);
            changed += ids.length;
            if (ids.length) options.onChange?.(resource, ids);
          });
          let walk;
          try {
            walk = await walkList({
              resource,
              start: { nextOffset: state.nextOffset, anchorIds: state.anchorIds },
              concurrency,
              expectedTotal: state.lastTotal,
              signal,
              fetchPage: (offset) => counted(resource, () => client.list(resource, { limit: PAGE_SIZE, offset }, signal)) as Promise<Json[]>,
              storePage: (records, checkpoint) => {
                writer.add({ records, checkpoint });
                const p = progress.get(resource);
                update(resource, { pages: (p?.pages ?? 0) + 1, records: (p?.records ?? 0) + checkpoint.newRecords });
              },
            });
          } finally {
            // Whatever was fetched and checked is kept, however the walk ended.
            writer.flush();
          }
          const finished = store.finishListPass(resource, state.pass);
          deleted += finished.deleted.length;
          if (finished.deleted.length) options.onChange?.(resource, finished.deleted);
          driftFree[resource] = finished.driftFree;
          if (!walk.drifted) break;
        }
        // Not awaited: the next list, or the group members, are fetched meanwhile.
        building = indexed(resource).then(
          () => update(resource, { phase: 'done' }),
          (error: unknown) => fail(resource, error),
        );
      } catch (error) {
        // However the list ended, a table first listed gets its indexes back: the grids need them.
        // (Should that fail too, the next opening of the store builds them.)
        if (!closing()) await indexed(resource).catch(() => {});
        if (isFatal(error)) throw error;
        fail(resource, error);
      }
    }

    const pass = Math.max(...MIRROR_RESOURCES.map((r) => store.listState(r).pass));

    // The details the lists lack are fetched while the enrollments' indexes are built
    // (writtenOnceBuilt). Both steps run to their end before a fatal error (if any) stops the pull.
    const detailSteps = await Promise.allSettled([groupMembersStep(), checksheetDetailsStep()]);
    for (const step of detailSteps) if (step.status === 'rejected') throw step.reason;

    // Library items have no list: they are found through the steps that show them.
    const itemIds = store.libraryItemsNeeded();
    await detailStep('library items', itemIds, async (id) => {
      const item = (await counted('library items', () => client.getLibraryItem(id, signal))) as Json;
      store.storeLibraryItem(item, pass);
      options.onChange?.('library_items', [id]);
    });
    store.pruneLibraryItems();

    const outcome = errors.length ? 'partial' : 'complete';
    store.finishRun(runId, outcome, errors.length ? errors.map((e) => e.message).join('\n') : null);
    return { outcome, errors, driftFree, changed, deleted, requests };
  } catch (error) {
    // A build under way holds the write lock: the run is recorded once it is done.
    await building;
    // The grids need every table's indexes, also those of a first listing a crash left half done
    // that this pull did not reach.
    if (!closing()) for (const resource of MIRROR_RESOURCES) await indexed(resource).catch(() => {});
    const stopped = signal?.aborted === true;
    const { message, endpoint } = describe(error);
    try {
      store.finishRun(runId, stopped ? 'stopped' : 'failed', stopped ? 'Stopped before the end; the next sync carries on from here.' : message);
    } catch (recording) {
      // A full disk may refuse this too: the run then shows as unfinished, which it is.
      if (!storageFailure(recording)) throw recording;
    }
    if (stopped) return { outcome: 'stopped', errors, driftFree, changed, deleted, requests };
    errors.push({ step: 'sync', message, endpoint });
    throw storageFailure(error) ? new Error(message, { cause: error }) : error;
  }

  /** Group members change without the group list showing it, so every group is read each pull. */
  async function groupMembersStep(): Promise<void> {
    const groupPass = store.listState('groups').pass;
    try {
      await writtenOnceBuilt(
        'group members',
        store.groupsNeedingMembers(groupPass),
        async (id): Promise<GroupMembers> => {
          const group = (await counted('group members', () => client.getGroup(id, signal))) as { enrollments?: { id: string }[] };
          return { groupId: id, enrollmentIds: (group.enrollments ?? []).map((e) => e.id) };
        },
        (groups) => {
          const changedGroups = store.storeGroupMembers(groups, groupPass, { deferIndexes: true });
          if (changedGroups.length) options.onChange?.('group_memberships', changedGroups);
        },
      );
    } finally {
      // However the writing ended, the members' index is back before the pull ends.
      await store.buildDeferredIndexes('group_memberships');
    }
  }

  /** Sections and steps: only for checksheets new or changed since they were last fetched. */
  function checksheetDetailsStep(): Promise<void> {
    const checksheetIds = store.checksheetsNeedingDetail({ all: options.full === true });
    return writtenOnceBuilt(
      'checksheet details',
      checksheetIds,
      async (id) => ({ id, detail: (await counted('checksheet details', () => client.getChecksheet(id, signal))) as Json }),
      (fetched) => {
        for (const { id, detail } of fetched) store.storeChecksheetDetail(id, detail);
        options.onChange?.('checksheets', fetched.map((f) => f.id));
      },
    );
  }

  /**
   * A detail step whose answers are written once the indexes being built are in (another
   * connection holds the write lock till then), several to a transaction; whatever was fetched is
   * written, however the step ended.
   */
  async function writtenOnceBuilt<T>(step: string, ids: string[], fetchOne: (id: string) => Promise<T>, write: (items: T[]) => void): Promise<void> {
    const batch = new WriteBatch<T>(write, { maxItems: 20, until: building });
    try {
      await detailStep(step, ids, async (id) => batch.add(await fetchOne(id)));
    } finally {
      await building;
      await batch.drain();
    }
  }

  /** Builds the indexes a first listing of `resource` went without (see deferredIndexes.ts), if any. */
  async function indexed(resource: MirrorResource): Promise<void> {
    if (!store.hasDeferredIndexes(resource)) return;
    update(resource, { phase: 'indexing' });
    await store.buildDeferredIndexes(resource);
  }

  /** One detail step: records fetched one by one; a record that is gone (404) is skipped, a bad answer stops only this step. */
  async function detailStep(step: string, ids: string[], fetchOne: (id: string) => Promise<void>): Promise<void> {
    update(step, { phase: 'details', expected: ids.length });
    let done = 0;
    try {
      await forEachLimited(ids, async (id) => {
        try {
          await fetchOne(id);
        } catch (error) {
          // Deleted since it was listed: the next list pass removes it from the mirror.
          if (!(isEnlightError(error) && error.code === 'not-found')) throw error;
        }
        done++;
        update(step, { records: done, pages: done });
      });
      update(step, { phase: 'done' });
    } catch (error) {
      if (isFatal(error)) throw error;
      fail(step, error);
    }
  }
}
