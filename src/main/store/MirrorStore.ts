// An account's local copy of its organisation: one SQLite file (WAL), written only by pull passes
// with what the server said, read by the grids, the CLI and the sync engine.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Checkpointer } from './Checkpointer';
import { IndexBuilder } from './IndexBuilder';
import { deferIndexes, deferIndexesIfEmpty, firstListingsToResume, idIndexDeferred, indexesDeferred, restoreAllIndexes, restoreIndexes, tableIsEmpty, type DeferrableTable } from './deferredIndexes';
import { personNameSql } from './enrollmentDisplay';
import { settleFirstListing } from './listingChanges';
import { hasPendingMigrations, migrate } from './migrations';
import { MIRROR_COLUMNS, MIRROR_RESOURCES, mirrorJson, type MirrorResource } from './mirrorColumns';
import { preparedStatement } from './preparedStatement';
import { RowidsById } from './RowidsById';

type Json = Record<string, unknown>;

/** Where a list pass stands after a page: stored with the page, in the same transaction. */
export interface PageCheckpoint {
  nextOffset: number;
  anchorIds: string[];
  drifted: boolean;
  /** Records of the page not already counted (the overlap with the page before is not). */
  newRecords: number;
}

/** A group's members as its detail lists them. */
export interface GroupMembers {
  groupId: string;
  enrollmentIds: string[];
}

export interface ListState {
  resource: MirrorResource;
  pass: number;
  state: 'idle' | 'listing' | 'listed';
  nextOffset: number;
  anchorIds: string[];
  drifted: boolean;
  records: number;
  /** The pass began on an empty table: a first listing. */
  fromEmpty: boolean;
  lastTotal: number | null;
  lastCompleteAt: string | null;
  lastDriftFreeAt: string | null;
}

interface ListStateRow {
  resource: string;
  pass: number;
  state: string;
  next_offset: number;
  anchor_ids: string | null;
  drifted: number;
  records: number;
  from_empty: number;
  last_total: number | null;
  last_complete_at: string | null;
  last_drift_free_at: string | null;
}

/** A checksheet's detail as the admin key sees it: sections with their steps in sequence. */
interface ChecksheetDetail {
  sections?: { id?: unknown; name?: unknown; sequence?: unknown; section_steps?: Json[] }[];
}

/** Below this many rows a table's indexes build in milliseconds: on the app's connection, without a worker. */
const BUILD_ON_WORKER_FROM = 20_000;

/** Bytes per database page of a new store. */
const PAGE_SIZE = 8192;

/** SQLite's page cache for a connection, unless MirrorStore.open is given another size. */
const PAGE_CACHE_MB = 32;
/** The same while another connection writes a sync (makeWayForSync). */
const SYNC_TIME_PAGE_CACHE_MB = 8;

/** SQLite's page cache for the connection, in MB (a negative cache_size is in KiB). */
const setPageCache = (db: Database.Database, mb: number) => db.pragma(`cache_size = ${-1024 * mb}`);

/** How long a statement waits for another connection's lock before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Brings a large WAL back to its start (see Checkpointer.ts). Waits only briefly for readers in
 * other processes: if they hold on, it is tried again after the next checkpoint.
 */
function restartWal(db: Database.Database): void {
  if (!db.open || db.inTransaction) return;
  db.pragma('busy_timeout = 100');
  try {
    db.pragma('wal_checkpoint(RESTART)');
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/** The id of a listed record, which every record must have. */
function recordId(resource: MirrorResource, record: Json): string {
  const id = record['id'];
  if (typeof id !== 'string' || id === '') throw new Error(`a ${resource} record without an id cannot be stored`);
  return id;
}

/** Waits on this thread (opening a store is synchronous); a spin where Atomics.wait is not allowed. */
function pause(ms: number): void {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  } catch {
    for (const until = Date.now() + ms; Date.now() < until; );
  }
}

/**
 * Puts a store in WAL mode. Another process may be opening the same new store at this moment (the
 * CLI beside the app): the switch needs the file to itself, and SQLite answers "database is locked"
 * at once rather than waiting, so it is tried again for a while.
 */
function switchToWal(db: Database.Database): void {
  const gaveUpAt = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() > gaveUpAt) throw error;
      pause(10);
    }
  }
}

export class MirrorStore {
  /** Rowids by id of the tables being first listed without their id index (upsertWithoutIdIndex). */
  private readonly firstListings = new Map<DeferrableTable, { dataVersion: number; rowids: RowidsById }>();
  /** Records with local edits not yet pushed: never deleted by a pull (the outbox sets this). */
  private protectedIds: (resource: MirrorResource) => ReadonlySet<string> = () => new Set();

  /** Syncs writing through other connections just now (makeWayForSync). */
  private syncsWritingElsewhere = 0;
  /** Copies the WAL into the file on a thread of its own (Checkpointer.ts); none for an in-memory store. */
  private checkpointer: Checkpointer | undefined;
  /** Settles once every checkpointer told to stop has closed its connection. */
  private checkpointersStopped: Promise<unknown> = Promise.resolve();

  // Every write transaction starts IMMEDIATE: it takes the write lock (waiting through
  // busy_timeout if need be) before reading, so a checkpoint on another connection can never make
  // it fail half-way with SQLITE_BUSY.
  private constructor(
    readonly db: Database.Database,
    private readonly pageCacheMb: number,
    private readonly walRestartBytes: number | undefined,
    private readonly buildOnWorkerFrom = BUILD_ON_WORKER_FROM,
  ) {
    this.startCheckpointer();
  }

  /** A checkpointer for a store kept in a file; where none can run, this connection checkpoints itself. */
  private startCheckpointer(): void {
    const db = this.db;
    if (db.memory) return;
    this.checkpointer = Checkpointer.start(
      db.name,
      () => {
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      },
      () => restartWal(db),
      this.walRestartBytes,
    );
    db.pragma(`wal_autocheckpoint = ${this.checkpointer ? 0 : 1000}`);
  }

  /**
   * `walRestartBytes`: the WAL size past which it is brought back to its start. `buildOnWorkerFrom`:
   * the rows from which a table's deferred indexes are built on a worker thread. Tests make both
   * small. `pageCacheMb`: SQLite's page cache for this connection.
   */
  static open(file: string, options: { walRestartBytes?: number; buildOnWorkerFrom?: number; pageCacheMb?: number } = {}): MirrorStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Database(file);
    // Pages of 8 KiB for a new store (an existing one keeps its own): with records of about 1 KB,
    // writing and indexing the bench's 100k store took 10% less CPU than with 4 KiB pages, and
    // rewriting it unchanged 12% less; a whole pull against the sandbox, 8% less CPU and 4% less
    // time (three alternating pairs). 16 KiB pages made a scan-heavy search slower. It must be set
    // before the store is switched to WAL. (The wait comes first: another process may be opening
    // this store at the same moment.)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`page_size = ${PAGE_SIZE}`);
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    // A sync rewrites index pages keyed by random ids all over the file: a larger page cache, and
    // WAL checkpoints (which wait for fsync) on a worker thread rather than inside our commits.
    // The WAL file is trimmed back after a checkpoint.
    const pageCacheMb = options.pageCacheMb ?? PAGE_CACHE_MB;
    setPageCache(db, pageCacheMb);
    db.pragma('journal_size_limit = 67108864');
    // A sync that died during a first listing left the table without its indexes. Where the next
    // pull carries on with that listing, they stay dropped till it ends (built here, they would
    // hold this thread for seconds at 200,000 enrollments, only to be dropped again by the pull).
    // The rest are built now, and all of them before migrations, which expect the full schema.
    restoreAllIndexes(db, hasPendingMigrations(db) ? [] : firstListingsToResume(db));
    migrate(db);
    return new MirrorStore(db, pageCacheMb, options.walRestartBytes, options.buildOnWorkerFrom);
  }

  /**
   * While another connection to this file writes a sync (pullOnWorker), this one makes way:
   * - its checkpointer stops, as the sync's connection has its own: this one's WAL restarts ran on
   *   the app's thread and waited for the sync's commits (up to a quarter of a second, measured),
   *   in the grids' way, and its thread held memory for nothing;
   * - its page cache shrinks to SYNC_TIME_PAGE_CACHE_MB: SQLite empties it whenever another
   *   connection has committed, which a sync does many times a second, so a large one only held
   *   memory (35 MB less peak RSS over the bench's syncs, measured; the grids answered as fast).
   * Returns the function that ends it (once every caller has ended theirs).
   */
  makeWayForSync(): () => void {
    if (this.syncsWritingElsewhere++ === 0) {
      this.stopCheckpointer();
      setPageCache(this.db, SYNC_TIME_PAGE_CACHE_MB);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.syncsWritingElsewhere > 0 || !this.db.open) return;
      setPageCache(this.db, this.pageCacheMb);
      this.startCheckpointer();
    };
  }

  /** Closes the store; settles once every connection to its file is closed (the checkpointers' are on workers). */
  async close(): Promise<void> {
    this.stopCheckpointer();
    this.db.close();
    await this.checkpointersStopped;
  }

  private stopCheckpointer(): void {
    if (this.checkpointer) this.checkpointersStopped = Promise.all([this.checkpointersStopped, this.checkpointer.stop()]);
    this.checkpointer = undefined;
  }

  protectWith(fn: (resource: MirrorResource) => ReadonlySet<string>): void {
    this.protectedIds = fn;
  }

  /** A prepared statement, prepared once per connection: for this store and the outbox on it. */
  statement(text: string): Database.Statement {
    return preparedStatement(this.db, text);
  }

  // ---- list passes ----

  listState(resource: MirrorResource): ListState {
    const row = this.statement(`SELECT * FROM sync_lists WHERE resource = ?`).get(resource) as ListStateRow | undefined;
    if (!row) {
      return { resource, pass: 0, state: 'idle', nextOffset: 0, anchorIds: [], drifted: false, records: 0, fromEmpty: false, lastTotal: null, lastCompleteAt: null, lastDriftFreeAt: null };
    }
    return {
      resource,
      pass: row.pass,
      state: row.state as ListState['state'],
      nextOffset: row.next_offset,
      anchorIds: row.anchor_ids ? (JSON.parse(row.anchor_ids) as string[]) : [],
      drifted: row.drifted === 1,
      records: row.records,
      fromEmpty: row.from_empty === 1,
      lastTotal: row.last_total,
      lastCompleteAt: row.last_complete_at,
      lastDriftFreeAt: row.last_drift_free_at,
    };
  }

  /**
   * Starts a new pass over a list, or returns the one a stopped sync left half done. With
   * `deferIndexes`, a new pass over an empty table writes it without its indexes (deferredIndexes.ts):
   * the caller then calls `buildDeferredIndexes` when the pass ends, however it ends. Such a pass
   * resumed after a stop (which built them again for the grids) drops them again: the rest of the
   * list is new records, cheaper to index once at the end than one by one.
   */
  beginListPass(resource: MirrorResource, options: { fresh?: boolean; deferIndexes?: boolean } = {}): ListState {
    const current = this.listState(resource);
    if (current.state === 'listing' && !options.fresh) {
      if (options.deferIndexes && current.fromEmpty) this.db.transaction(() => deferIndexes(this.db, resource)).immediate();
      return current;
    }
    this.db
      .transaction(() => {
        const empty = tableIsEmpty(this.db, resource);
        this.statement(
          `INSERT INTO sync_lists (resource, pass, state, next_offset, anchor_ids, drifted, records, from_empty) VALUES (?, ?, 'listing', 0, NULL, 0, 0, ?)
           ON CONFLICT (resource) DO UPDATE SET pass = excluded.pass, state = 'listing', next_offset = 0, anchor_ids = NULL, drifted = 0, records = 0, from_empty = excluded.from_empty`,
        ).run(resource, current.pass + 1, empty ? 1 : 0);
        if (options.deferIndexes && empty) deferIndexes(this.db, resource);
      })
      .immediate();
    return this.listState(resource);
  }

  hasDeferredIndexes(resource: DeferrableTable): boolean {
    return indexesDeferred(this.db, resource);
  }

  /** Builds the indexes a first listing went without, on a worker thread: the grids keep answering meanwhile. */
  async buildDeferredIndexes(resource: DeferrableTable): Promise<void> {
    this.firstListings.delete(resource);
    if (!indexesDeferred(this.db, resource)) return;
    // A worker for this build only, and only for a table whose indexes take long to build: its
    // thread and page cache are not kept through the next list. The groups' members have one narrow
    // index, built here in a fraction of a second (a pull runs on a worker of its own anyway): a
    // thread started for it would add its memory to what V8 still holds of the enrollments' builder.
    const onWorker = !this.db.memory && resource !== 'group_memberships' && this.count(resource) >= this.buildOnWorkerFrom;
    const builder = onWorker ? IndexBuilder.start(this.db.name) : undefined;
    try {
      await restoreIndexes(this.db, resource, builder && ((script) => builder.write(script)));
    } finally {
      await builder?.stop();
    }
  }

  /**
   * Stores one page of a list and, in the same transaction, moves the pass's checkpoint past it.
   * Returns the ids whose record is new or changed, for `data:changed`.
   */
  storePage(resource: MirrorResource, pass: number, records: Json[], checkpoint?: PageCheckpoint): string[] {
    return this.storePages(resource, pass, [{ records, checkpoint }]);
  }

  /** Stores consecutive pages in one transaction; the checkpoint becomes the last page's. */
  storePages(resource: MirrorResource, pass: number, pages: { records: Json[]; checkpoint?: PageCheckpoint }[]): string[] {
    return this.db.transaction(() => {
      const changed: string[] = [];
      let newRecords = 0;
      let drifted = false;
      let last: PageCheckpoint | undefined;
      for (const page of pages) {
        for (const id of this.upsert(resource, pass, page.records)) changed.push(id);
        if (page.checkpoint) {
          newRecords += page.checkpoint.newRecords;
          drifted ||= page.checkpoint.drifted;
          last = page.checkpoint;
        }
      }
      settleFirstListing(this.db, resource);
      if (last) {
        this.statement(`UPDATE sync_lists SET next_offset = ?, anchor_ids = ?, drifted = MAX(drifted, ?), records = records + ? WHERE resource = ? AND pass = ?`).run(
          last.nextOffset,
          JSON.stringify(last.anchorIds),
          drifted ? 1 : 0,
          newRecords,
          resource,
          pass,
        );
      }
      return changed;
    }).immediate();
  }

  markDrifted(resource: MirrorResource, pass: number): void {
    this.statement(`UPDATE sync_lists SET drifted = 1 WHERE resource = ? AND pass = ?`).run(resource, pass);
  }

  private upsert(resource: MirrorResource, pass: number, records: Json[]): string[] {
    if (idIndexDeferred(this.db, resource)) return this.upsertWithoutIdIndex(resource, pass, records);
    this.firstListings.delete(resource);
    const columns = MIRROR_COLUMNS[resource];
    const names = Object.keys(columns);
    const touch = this.statement(`UPDATE ${resource} SET seen_pass = ? WHERE id = ? AND json = ?`);
    const write = this.statement(
      `INSERT INTO ${resource} (id, ${names.join(', ')}, json, seen_pass) VALUES (?, ${names.map(() => '?').join(', ')}, ?, ?)
       ON CONFLICT (id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}, json = excluded.json, seen_pass = excluded.seen_pass`,
    );
    const changed: string[] = [];
    for (const record of records) {
      const id = recordId(resource, record);
      const json = mirrorJson(record);
      // Most records of a resync are unchanged: touching only seen_pass spares the indexes and the
      // full-text triggers.
      if (touch.run(pass, id, json).changes === 1) continue;
      write.run(id, ...names.map((n) => (columns[n] as (r: Json) => unknown)(record)), json, pass);
      changed.push(id);
    }
    return changed;
  }

  /**
   * The same during a first listing, while the table has no id index (deferredIndexes.ts): a record
   * this pass already wrote (the overlap of two pages, or a page fetched again after drift) is
   * found by its rowid, remembered here (RowidsById.ts), instead of by an id lookup that would scan
   * the table. A remembered rowid is only trusted while it still holds that id: a rolled-back
   * transaction may have left it empty, or given it to another record since.
   */
  private upsertWithoutIdIndex(resource: MirrorResource, pass: number, records: Json[]): string[] {
    // Another connection (the CLI, an outbox) may have written the table since: read afresh then.
    // The caller holds the write lock, so nothing changes under us until the commit.
    // (Kept prepared: `db.pragma()` prepares a statement on every call, 13 µs against 5 µs.)
    const version = this.statement(`SELECT data_version FROM pragma_data_version`).pluck().get() as number;
    let listing = this.firstListings.get(resource);
    if (!listing || listing.dataVersion !== version) {
      const rowids = new RowidsById();
      for (const [id, rowid] of this.statement(`SELECT id, rowid FROM ${resource}`).raw().iterate() as Iterable<[string, number]>) rowids.add(id, rowid);
      listing = { dataVersion: version, rowids };
      this.firstListings.set(resource, listing);
    }
    const columns = MIRROR_COLUMNS[resource];
    const names = Object.keys(columns);
    const insert = this.newRowInserter(resource);
    const touch = this.statement(`UPDATE ${resource} SET seen_pass = ? WHERE rowid = ? AND id = ? AND json = ?`);
    const write = this.statement(`UPDATE ${resource} SET ${names.map((n) => `${n} = ?`).join(', ')}, json = ?, seen_pass = ? WHERE rowid = ? AND id = ?`);
    const changed: string[] = [];
    for (const record of records) {
      const id = recordId(resource, record);
      const json = mirrorJson(record);
      const values = names.map((n) => (columns[n] as (r: Json) => unknown)(record));
      // Unchanged, changed, or new: the statements find the row only where it still holds this id.
      let written = false;
      for (const rowid of listing.rowids.candidates(id)) {
        if (touch.run(pass, rowid, id, json).changes === 1) {
          written = true;
          break;
        }
        if (write.run(...values, json, pass, rowid, id).changes === 1) {
          changed.push(id);
          written = true;
          break;
        }
      }
      if (written) continue;
      listing.rowids.add(id, insert(id, values, json, pass));
      changed.push(id);
    }
    return changed;
  }

  /**
   * Inserts a new row, returning its rowid. An enrollment is written with the names it shows
   * (student, course, instructor), read as migration 6's trigger reads them, so that the trigger
   * does not rewrite each row just inserted (migration 12).
   */
  private newRowInserter(resource: MirrorResource): (id: string, values: unknown[], json: string, pass: number) => number {
    const names = Object.keys(MIRROR_COLUMNS[resource]);
    const placeholders = `?, ${names.map(() => '?').join(', ')}, ?, ?`;
    if (resource !== 'enrollments') {
      const insert = this.statement(`INSERT INTO ${resource} (id, ${names.join(', ')}, json, seen_pass) VALUES (${placeholders})`);
      return (id, values, json, pass) => Number(insert.run(id, ...values, json, pass).lastInsertRowid);
    }
    const insert = this.statement(
      `INSERT INTO enrollments (id, ${names.join(', ')}, json, seen_pass, student_name, course_name, instructor_name) VALUES (${placeholders},
        (SELECT ${personNameSql('s')} FROM students s WHERE s.id = ?), (SELECT c.name FROM courses c WHERE c.id = ?), (SELECT ${personNameSql('u')} FROM users u WHERE u.id = ?))`,
    );
    // The names are looked up by the ids among the row's own values.
    const keys = ['student_id', 'course_id', 'instructor_id'].map((column) => names.indexOf(column));
    return (id, values, json, pass) => Number(insert.run(id, ...values, json, pass, ...keys.map((i) => values[i])).lastInsertRowid);
  }

  /**
   * Ends a list pass. Only a complete pass that saw no drift can say what the server deleted:
   * those records (not seen by it, and without local edits) are removed, and their ids returned.
   */
  finishListPass(resource: MirrorResource, pass: number, now: Date = new Date()): { deleted: string[]; driftFree: boolean } {
    return this.db.transaction(() => {
      const state = this.listState(resource);
      if (state.pass !== pass) throw new Error(`pass ${pass} of ${resource} is not the current one (${state.pass})`);
      const at = now.toISOString();
      let deleted: string[] = [];
      if (!state.drifted) {
        const protectedIds = this.protectedIds(resource);
        // Looking for unseen records reads the whole table (hundreds of megabytes for a large
        // organisation, on the app's thread). When the table holds exactly as many records as the
        // pass saw, there are none, and the count comes off an index. A first listing, still
        // without its indexes, began on an empty table: it wrote every record there is.
        const stored = indexesDeferred(this.db, resource) ? 0 : (this.statement(`SELECT COUNT(*) AS n FROM ${resource}`).get() as { n: number }).n;
        const gone =
          stored <= state.records ? [] : (this.statement(`SELECT id FROM ${resource} WHERE seen_pass < ?`).all(pass) as { id: string }[]).map((r) => r.id).filter((id) => !protectedIds.has(id));
        for (const id of gone) this.deleteRecord(resource, id);
        deleted = gone;
      }
      this.statement(
        `UPDATE sync_lists SET state = 'listed', last_total = records, last_complete_at = ?, last_drift_free_at = CASE WHEN drifted = 0 THEN ? ELSE last_drift_free_at END WHERE resource = ?`,
      ).run(at, at, resource);
      return { deleted, driftFree: !state.drifted };
    }).immediate();
  }

  private deleteRecord(resource: MirrorResource, id: string): void {
    this.statement(`DELETE FROM ${resource} WHERE id = ?`).run(id);
    if (resource === 'enrollments') this.statement(`DELETE FROM group_memberships WHERE enrollment_id = ?`).run(id);
    if (resource === 'groups') this.statement(`DELETE FROM group_memberships WHERE group_id = ?`).run(id);
    if (resource === 'checksheets') this.statement(`DELETE FROM checksheet_steps WHERE checksheet_id = ?`).run(id);
  }

  // ---- details ----

  /** Checksheets whose sections and steps were never fetched, or have changed since (updated_at); with `all`, every one (a full sync). */
  checksheetsNeedingDetail(options: { all?: boolean } = {}): string[] {
    const where = options.all ? '' : 'WHERE detail_updated_at IS NULL OR detail_updated_at IS NOT updated_at';
    return this.statement(`SELECT id FROM checksheets ${where} ORDER BY rowid`).pluck().all() as string[];
  }

  storeChecksheetDetail(id: string, detail: Json): void {
    const parsed = detail as ChecksheetDetail;
    this.db.transaction(() => {
      this.statement(`UPDATE checksheets SET detail_json = ?, detail_updated_at = ? WHERE id = ?`).run(JSON.stringify(detail), typeof detail['updated_at'] === 'string' ? detail['updated_at'] : null, id);
      this.statement(`DELETE FROM checksheet_steps WHERE checksheet_id = ?`).run(id);
      const insert = this.statement(
        `INSERT OR REPLACE INTO checksheet_steps (checksheet_id, section_id, section_sequence, section_name, step_sequence, step_id, type, title, library_item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      (parsed.sections ?? []).forEach((section, s) => {
        const sectionSequence = typeof section.sequence === 'number' ? section.sequence : s + 1;
        (section.section_steps ?? []).forEach((step, n) => {
          insert.run(
            id,
            String(section.id ?? ''),
            sectionSequence,
            typeof section.name === 'string' ? section.name : null,
            n + 1,
            String(step['id'] ?? ''),
            typeof step['type'] === 'string' ? step['type'] : null,
            typeof step['title'] === 'string' ? step['title'] : null,
            typeof step['library_item_id'] === 'string' ? step['library_item_id'] : null,
          );
        });
      });
    }).immediate();
  }

  /** Library items that steps refer to and the mirror has not fetched (there is no list of them). */
  libraryItemsNeeded(): string[] {
    return (
      this.statement(
        `SELECT DISTINCT s.library_item_id AS id FROM checksheet_steps s LEFT JOIN library_items l ON l.id = s.library_item_id
         WHERE s.library_item_id IS NOT NULL AND l.id IS NULL`,
      ).all() as { id: string }[]
    ).map((r) => r.id);
  }

  storeLibraryItem(item: Json, pass: number): void {
    this.statement(
      `INSERT INTO library_items (id, title, type, updated_at, json, fetched_pass) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, type = excluded.type, updated_at = excluded.updated_at, json = excluded.json, fetched_pass = excluded.fetched_pass`,
    ).run(String(item['id']), item['title'] ?? null, item['type'] ?? null, item['updated_at'] ?? null, JSON.stringify(item), pass);
  }

  /** Library items no step refers to any more. */
  pruneLibraryItems(): number {
    return this.statement(`DELETE FROM library_items WHERE id NOT IN (SELECT library_item_id FROM checksheet_steps WHERE library_item_id IS NOT NULL)`).run().changes;
  }

  /** Groups whose members this pass has not fetched yet (the group list carries no members or updated_at). */
  groupsNeedingMembers(pass: number): string[] {
    return (this.statement(`SELECT id FROM groups WHERE members_pass IS NULL OR members_pass < ? ORDER BY rowid`).all(pass) as { id: string }[]).map((r) => r.id);
  }

  /**
   * Replaces the members of groups, in one transaction; returns the ids of the groups whose members
   * changed. With `deferIndexes`, members written into an empty table (a first sync's) go without its
   * index by enrollment, which random enrollment ids make costly to keep up row by row (more than
   * half of the write); the caller then calls `buildDeferredIndexes('group_memberships')`, however
   * the writing ends.
   */
  storeGroupMembers(groups: GroupMembers[], pass: number, options: { deferIndexes?: boolean } = {}): string[] {
    return this.db.transaction(() => {
      if (options.deferIndexes) deferIndexesIfEmpty(this.db, 'group_memberships');
      const changed: string[] = [];
      for (const { groupId, enrollmentIds } of groups) {
        const before = this.statement(`SELECT enrollment_id FROM group_memberships WHERE group_id = ? ORDER BY enrollment_id`).pluck().all(groupId) as string[];
        const after = [...new Set(enrollmentIds)].sort();
        if (before.length !== after.length || before.some((id, i) => id !== after[i])) {
          this.statement(`DELETE FROM group_memberships WHERE group_id = ?`).run(groupId);
          const insert = this.statement(`INSERT OR IGNORE INTO group_memberships (group_id, enrollment_id) VALUES (?, ?)`);
          for (const id of after) insert.run(groupId, id);
          changed.push(groupId);
        }
        this.statement(`UPDATE groups SET members_pass = ? WHERE id = ?`).run(pass, groupId);
      }
      return changed;
    }).immediate();
  }

  // ---- reads ----

  count(resource: MirrorResource | 'library_items'): number {
    // A table in its first listing has no index to count from: COUNT(*) would read all of it
    // (hundreds of megabytes of enrollments), on the app's thread, for every page a sync writes
    // (the sync status asks after each). It began empty and a listing only adds to it, so its last
    // rowid is its count (counting a record deleted meanwhile, until the indexes are built).
    if (resource !== 'library_items' && indexesDeferred(this.db, resource)) return this.statement(`SELECT COALESCE(MAX(rowid), 0) FROM ${resource}`).pluck().get() as number;
    return (this.statement(`SELECT COUNT(*) AS n FROM ${resource}`).get() as { n: number }).n;
  }

  counts(): Record<MirrorResource | 'library_items' | 'group_memberships', number> {
    const result = {} as Record<MirrorResource | 'library_items' | 'group_memberships', number>;
    for (const r of MIRROR_RESOURCES) result[r] = this.count(r);
    result.library_items = this.count('library_items');
    result.group_memberships = (this.statement(`SELECT COUNT(*) AS n FROM group_memberships`).get() as { n: number }).n;
    return result;
  }

  get(resource: MirrorResource | 'library_items', id: string): Json | undefined {
    const row = this.statement(`SELECT json FROM ${resource} WHERE id = ?`).get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Json) : undefined;
  }

  checksheetDetail(id: string): Json | undefined {
    const row = this.statement(`SELECT detail_json FROM checksheets WHERE id = ?`).get(id) as { detail_json: string | null } | undefined;
    return row?.detail_json ? (JSON.parse(row.detail_json) as Json) : undefined;
  }

  groupMembers(groupId: string): string[] {
    return (this.statement(`SELECT enrollment_id AS id FROM group_memberships WHERE group_id = ? ORDER BY enrollment_id`).all(groupId) as { id: string }[]).map((r) => r.id);
  }

  /** Every record of a resource as the server sent it, a row at a time (export never holds a whole table). */
  *records(resource: MirrorResource | 'library_items'): Generator<Json> {
    for (const row of this.db.prepare(`SELECT json FROM ${resource} ORDER BY rowid`).iterate() as Iterable<{ json: string }>) {
      yield JSON.parse(row.json) as Json;
    }
  }

  // ---- sync runs ----

  startRun(now = new Date()): number {
    return Number(this.statement(`INSERT INTO sync_runs (started_at) VALUES (?)`).run(now.toISOString()).lastInsertRowid);
  }

  finishRun(id: number, outcome: 'complete' | 'partial' | 'stopped' | 'failed', message: string | null, now = new Date()): void {
    this.statement(`UPDATE sync_runs SET finished_at = ?, outcome = ?, message = ? WHERE id = ?`).run(now.toISOString(), outcome, message, id);
  }

  lastRun(): { startedAt: string; finishedAt: string | null; outcome: string | null; message: string | null } | undefined {
    const row = this.statement(`SELECT started_at, finished_at, outcome, message FROM sync_runs ORDER BY id DESC LIMIT 1`).get() as
      | { started_at: string; finished_at: string | null; outcome: string | null; message: string | null }
      | undefined;
    return row ? { startedAt: row.started_at, finishedAt: row.finished_at, outcome: row.outcome, message: row.message } : undefined;
  }
}
