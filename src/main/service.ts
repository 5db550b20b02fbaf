// The one implementation of the Bridge: what the window (over IPC) and browser mode (over HTTP)
// ask of the back end. It takes its edges as arguments (data folder, secret store, link opener,
// clock), so it runs under plain Node. Errors it throws are EnlightErrors whose messages say what
// to do; no API key is ever in an error, a log line or an event.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import {
  GRID_RESOURCES,
  LANGUAGES,
  THEMES,
  type AccountSummary,
  type AppState,
  type BridgeHandlers,
  type CallOutput,
  type GridResource,
  type GridWindow,
  type OutboxEntryView,
  type OutboxSummary,
  type Settings,
  type SyncStatus,
  type callInputs,
} from '../shared/bridge';
import { EnlightError, isEnlightError, isUnreachable } from '../shared/errors';
import type { SyncProgress } from '../shared/syncProgress';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { AccountError, AccountRegistry } from './accounts/AccountRegistry';
import { AccountChoiceError, openAccountSession } from './accountSession';
import { EnlightClient, scrubKey } from './api/EnlightClient';
import { RequestLimiter } from './api/RequestLimiter';
import { nodeHttpTransport } from './api/transport';
import { checkExternalUrl } from './electron/externalUrl';
import type { SecretStore } from './secrets/SecretStore';
import { isLocalId } from './outbox/editRules';
import { Outbox } from './outbox/Outbox';
import { OverviewPages } from './overview/OverviewPages';
import { push } from './outbox/push';
import { applyImport, previewImport } from './outbox/csvImport';
import { ReconnectWatch } from './ReconnectWatch';
import { AccountBusy } from './store/accountLock';
import { exportCsv } from './store/gridExport';
import { matchingIds, queryWindow } from './store/gridQuery';
import { courseDetail, enrollmentDetail, groupDetail, studentDetail, type CurrentRecord } from './store/recordDetails';
import { SavedViews } from './store/SavedViews';
import { MirrorStore } from './store/MirrorStore';
import { ServiceEvents } from './ServiceEvents';
import { CLOSING, type PullResult } from './sync/pull';
import { pullOnWorker, type PullWorkerClient } from './sync/pullOnWorker';

type Input<K extends keyof typeof callInputs> = z.output<(typeof callInputs)[K]>;

export interface ServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  /** From openSecretStore(): set when keys are kept for this session only. */
  keychainWarning?: string | null;
  /** Opens an https link in the user's browser; absent in browser mode, where the page opens it itself. */
  openExternal?: (url: string) => Promise<void>;
  /** Epoch milliseconds; for spacing out progress events. */
  now?: () => number;
  version?: string;
  /** Where unexpected problems are written (never with a key in them). */
  log?: (line: string) => void;
  /** Size of the demo organisation when it is first created (tests make it small). */
  demoScale?: number;
  /** For the clients of the demo and of key checks (stored accounts use openAccountSession's); tests shorten retries. */
  clientOptions?: { retries?: number; retryBaseMs?: number; timeoutMs?: number };
  /** Waits between asks whether the server is back, once it could not be reached (ReconnectWatch.ts); tests make them short. */
  reconnectDelaysMs?: readonly number[];
}

/** What the service needs of an open account, whether a stored one or the demo. */
interface OpenAccount {
  summary: AccountSummary;
  client: EnlightClient;
  limiter: RequestLimiter;
  store: MirrorStore;
  /** For the pull, which runs on a worker thread with a client and a connection of its own. */
  pullClient: PullWorkerClient;
  /** Local edits; opened with the store, so that no pull deletes a record with edits to send. */
  outbox: Outbox;
  close(): Promise<void>;
}

interface RunningSync {
  controller: AbortController;
  done: Promise<void>;
}

const SETTINGS_FILE = 'settings.json';
const DEMO_NAME = 'Demo organisation';
/** A data:changed event names at most this many ids; beyond, it asks the windows to reload. */
const CHANGED_IDS_IN_EVENT = 1000;
/** Progress is pushed at most this often, plus whenever a step changes phase. */
const PROGRESS_INTERVAL_MS = 100;

const settingsFile = z.object({
  theme: z.enum(THEMES).catch('system'),
  language: z.enum(LANGUAGES).catch('en'),
  lastAccount: z
    .union([z.object({ demo: z.literal(true) }), z.object({ name: z.string().min(1) })])
    .nullable()
    .catch(null),
});
type SettingsFile = z.infer<typeof settingsFile>;
const DEFAULT_SETTINGS: SettingsFile = { theme: 'system', language: 'en', lastAccount: null };

export class EnlightService implements BridgeHandlers {
  readonly events = new ServiceEvents();
  readonly #options: ServiceOptions;
  readonly #registry: AccountRegistry;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  #settings: SettingsFile;
  #current: OpenAccount | null = null;
  #sync: RunningSync | null = null;
  #progress: SyncProgress | null = null;
  #lastResult: { outcome: SyncStatus['lastOutcome']; errors: SyncStatus['lastErrors'] } | null = null;
  #online = true;
  /** While the server cannot be reached: asks now and then whether it can again. */
  #reconnect: ReconnectWatch | null = null;
  /** The last sync was broken off by the network: carried on once the server is back. */
  #resumeSyncWhenBack = false;
  /** Account changes run one at a time: two quick clicks must not open two sessions. */
  #queue: Promise<unknown> = Promise.resolve();
  #restored: Promise<void> | null = null;
  #closed = false;

  constructor(options: ServiceOptions) {
    this.#options = options;
    this.#registry = new AccountRegistry(options.dataDir, options.secrets);
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => {});
    this.#settings = this.#readSettings();
  }

  // ---- app ----

  async 'app.state'(_input: Input<'app.state'>): Promise<AppState> {
    await this.#restore();
    return this.#state();
  }

  // ---- accounts ----

  async 'accounts.add'(input: Input<'accounts.add'>): Promise<AppState> {
    const { apiKey } = input;
    return this.#exclusive(async () => {
      try {
        await this.#registry.add(input, (baseUrl, key) => this.#verifyKey(baseUrl, key));
      } catch (error) {
        throw this.#asUserError(error, apiKey);
      }
      try {
        await this.#switchTo(() => this.#openStored(input.name.trim()));
      } catch (error) {
        throw this.#asUserError(error, apiKey);
      }
      return this.#stateChanged();
    });
  }

  async 'accounts.remove'(input: Input<'accounts.remove'>): Promise<AppState> {
    return this.#exclusive(async () => {
      if (!this.#registry.get(input.name)) throw notFound(`There is no account named "${input.name}". It may have been removed already.`);
      if (this.#current && !this.#current.summary.demo && this.#current.summary.name === input.name) await this.#closeCurrent();
      await this.#registry.remove(input.name);
      if (this.#settings.lastAccount && 'name' in this.#settings.lastAccount && this.#settings.lastAccount.name === input.name) {
        this.#writeSettings({ ...this.#settings, lastAccount: null });
      }
      return this.#stateChanged();
    });
  }

  async 'accounts.open'(input: Input<'accounts.open'>): Promise<AppState> {
    return this.#exclusive(async () => {
      if (this.#current && !this.#current.summary.demo && this.#current.summary.name === input.name) return this.#state();
      await this.#switchTo(() => this.#openStored(input.name));
      return this.#stateChanged();
    });
  }

  async 'demo.open'(_input: Input<'demo.open'>): Promise<AppState> {
    return this.#exclusive(async () => {
      if (this.#current?.summary.demo) return this.#state();
      await this.#switchTo(() => this.#openDemo());
      return this.#stateChanged();
    });
  }

  // ---- sync ----

  async 'sync.start'(input: Input<'sync.start'>): Promise<SyncStatus> {
    await this.#restore();
    // In the queue, so that a sync never starts on an account that is being closed.
    return this.#exclusive(async () => {
      if (this.#sync) return this.#status();
      const account = this.#requireAccount();
      const controller = new AbortController();
      this.#progress = null;
      const done = this.#runPull(account, controller.signal, input.full === true);
      this.#sync = { controller, done };
      const status = this.#status();
      this.events.emit('sync:status', status);
      return status;
    });
  }

  async 'connection.check'(_input: Input<'connection.check'>): Promise<{ online: boolean }> {
    // Offline, a watch is asking the server now and then: it asks at once; its answer comes as
    // 'connection:changed'. Online, nothing needs asking.
    this.#reconnect?.askNow();
    return { online: this.#online };
  }

  async 'sync.stop'(_input: Input<'sync.stop'>): Promise<SyncStatus> {
    await this.#stopSync();
    return this.#status();
  }

  async 'sync.status'(_input: Input<'sync.status'>): Promise<SyncStatus> {
    await this.#restore();
    return this.#status();
  }

  // ---- grids ----

  'courses.query'(input: Input<'courses.query'>): Promise<GridWindow> {
    return this.#query('courses', input);
  }
  'students.query'(input: Input<'students.query'>): Promise<GridWindow> {
    return this.#query('students', input);
  }
  'enrollments.query'(input: Input<'enrollments.query'>): Promise<GridWindow> {
    return this.#query('enrollments', input);
  }
  'groups.query'(input: Input<'groups.query'>): Promise<GridWindow> {
    return this.#query('groups', input);
  }
  'users.query'(input: Input<'users.query'>): Promise<GridWindow> {
    return this.#query('users', input);
  }

  async 'records.get'(input: Input<'records.get'>): Promise<Record<string, unknown> | null> {
    await this.#restore();
    // As the user sees it: the server's record with their pending edits on top.
    return this.#requireAccount().outbox.current(input.resource, input.id) ?? null;
  }

  // ---- local edits and the outbox ----

  async 'records.create'(input: Input<'records.create'>): Promise<CallOutput<'records.create'>> {
    const account = await this.#account();
    const id = account.outbox.create(input.resource, input.fields);
    this.#edited(account, input.resource, id);
    return { id };
  }

  async 'records.update'(input: Input<'records.update'>): Promise<OutboxSummary> {
    const account = await this.#account();
    account.outbox.update(input.resource, input.id, input.fields);
    return this.#edited(account, input.resource, input.id);
  }

  async 'records.delete'(input: Input<'records.delete'>): Promise<OutboxSummary> {
    const account = await this.#account();
    account.outbox.remove(input.resource, input.id);
    return this.#edited(account, input.resource, input.id);
  }

  async 'records.undo'(_input: Input<'records.undo'>): Promise<OutboxSummary> {
    const account = await this.#account();
    const undone = account.outbox.undo();
    if (!undone) throw new EnlightError({ code: 'not-found', message: 'There is nothing left to undo.' });
    return this.#editedMany(account, undone);
  }

  // ---- many edits at once, CSV ----
  async 'records.redo'(_input: Input<'records.redo'>): Promise<OutboxSummary> {
    const account = await this.#account();
    const redone = account.outbox.redo();
    if (!redone) throw new EnlightError({ code: 'not-found', message: 'There is nothing to redo.' });
    return this.#editedMany(account, redone);
  }

  async 'records.bulkUpdate'(input: Input<'records.bulkUpdate'>): Promise<CallOutput<'records.bulkUpdate'>> {
    const account = await this.#account();
    const ids = this.#selected(account, input.resource, input.selection);
    const queued = account.outbox.bulkUpdate(input.resource, ids, input.change);
    return { queued, summary: this.#editedMany(account, [{ resource: input.resource, ids }]) };
  }

  async 'records.updateMany'(input: Input<'records.updateMany'>): Promise<CallOutput<'records.updateMany'>> {
    const account = await this.#account();
    const queued = account.outbox.updateMany(input.resource, input.edits);
    return { queued, summary: this.#editedMany(account, [{ resource: input.resource, ids: input.edits.map((e) => e.id) }]) };
  }

  async 'records.bulkDelete'(input: Input<'records.bulkDelete'>): Promise<CallOutput<'records.bulkDelete'>> {
    const account = await this.#account();
    const ids = this.#selected(account, input.resource, input.selection);
    const queued = account.outbox.removeMany(input.resource, ids);
    return { queued, summary: this.#editedMany(account, [{ resource: input.resource, ids }]) };
  }

  async 'records.exportCsv'(input: Input<'records.exportCsv'>): Promise<CallOutput<'records.exportCsv'>> {
    const account = await this.#account();
    const select = 'ids' in input.selection ? { ids: input.selection.ids.map((id) => account.outbox.resolve(id)) } : { ...input.selection.query, exceptIds: input.selection.except };
    return this.#gridCall(() => exportCsv(account.store.db, input.resource, { ...select, sort: input.sort }, input.columns, { now: this.#gridNow() }));
  }

  async 'records.importPreview'(input: Input<'records.importPreview'>): Promise<CallOutput<'records.importPreview'>> {
    const account = await this.#account();
    return previewImport(account.outbox, input.resource, input.csv);
  }

  async 'records.importApply'(input: Input<'records.importApply'>): Promise<CallOutput<'records.importApply'>> {
    const account = await this.#account();
    const { queued, ids } = applyImport(account.outbox, input.resource, input.csv);
    return { queued, summary: this.#editedMany(account, [{ resource: input.resource, ids }]) };
  }

  /** The ids a selection names: those listed, or every row matching a grid's filter and search less those unticked. */
  #selected(account: OpenAccount, resource: GridResource, selection: Input<'records.bulkUpdate'>['selection']): string[] {
    if ('ids' in selection) return selection.ids;
    return this.#gridCall(() => matchingIds(account.store.db, resource, { ...selection.query, exceptIds: selection.except }, { now: this.#gridNow() }));
  }

  /**
   * The moment the grids count an enrollment's state from: the current minute, the same for every
   * window, selection and export asked within it, so that they agree and a filtered grid's
   * windows can be slices of one kept result.
   */
  #gridNow(): number {
    return Math.floor(this.#now() / 60_000) * 60_000;
  }

  /** A grid read, with a column the grid does not have refused in words a person can act on. */
  #gridCall<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/cannot be sorted or filtered by/.test(message)) {
        throw new EnlightError({ code: 'validation', message: `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}. Choose one of the grid's columns.` });
      }
      throw error;
    }
  }

  /**
   * After edits of many records (a bulk edit, an undo): their grids and the outbox panel refresh.
   * A big step asks the windows to reload rather than naming every id.
   */
  #editedMany(account: OpenAccount, changes: readonly { resource: GridResource; ids: readonly string[] }[]): OutboxSummary {
    for (const { resource, ids } of changes) {
      if (ids.length > CHANGED_IDS_IN_EVENT) this.events.emit('data:changed', { resource });
      else if (ids.length) this.events.emit('data:changed', { resource, ids: [...new Set(ids.flatMap((id) => [id, account.outbox.resolve(id)]))] });
    }
    return this.#outboxChanged(account);
  }

  // ---- detail panes ----

  async 'courses.detail'(input: Input<'courses.detail'>): Promise<CallOutput<'courses.detail'>> {
    return this.#detail(courseDetail, input.id);
  }
  async 'students.detail'(input: Input<'students.detail'>): Promise<CallOutput<'students.detail'>> {
    return this.#detail(studentDetail, input.id);
  }
  async 'enrollments.detail'(input: Input<'enrollments.detail'>): Promise<CallOutput<'enrollments.detail'>> {
    return this.#detail(enrollmentDetail, input.id);
  }
  async 'groups.detail'(input: Input<'groups.detail'>): Promise<CallOutput<'groups.detail'>> {
    return this.#detail(groupDetail, input.id);
  }

  /** A detail pane's records, read from the local copy as the user sees it (pending edits on top). */
  async #detail<T>(read: (store: MirrorStore, current: CurrentRecord, id: string) => T, id: string): Promise<T> {
    const account = await this.#account();
    return read(account.store, (resource, recordId) => account.outbox.current(resource, recordId), id);
  }

  /**
   * The enrollment's checksheet as its student sees it. The student's key is asked of the server
   * with the account's key and used for this one request: it is never stored, logged, put in an
   * error or an event, and goes out of scope when the call ends.
   */
  async 'enrollments.previewAsStudent'(input: Input<'enrollments.previewAsStudent'>): Promise<CallOutput<'enrollments.previewAsStudent'>> {
    const account = await this.#account();
    const enrollment = account.outbox.current('enrollments', input.id);
    if (!enrollment) throw notFound('This enrollment is not in the local copy (it may have been deleted). Sync, then try again.');
    const studentId = enrollment['student_id'];
    const checksheetId = enrollment['checksheet_id'];
    if (isLocalId(String(enrollment['id'])) || typeof studentId !== 'string' || isLocalId(studentId)) {
      throw new EnlightError({ code: 'validation', message: 'This enrollment has not reached the server yet, so there is nothing to preview. Sync, then try again.' });
    }
    if (typeof checksheetId !== 'string' || checksheetId === '') {
      throw new EnlightError({ code: 'validation', message: "This enrollment has no checksheet, so there is nothing a student would see. Give the course a checksheet in Enlight, then sync." });
    }
    let studentKey = '';
    try {
      studentKey = (await account.client.getStudent(studentId)).api_key;
      const checksheet = await account.client
        .withKey(studentKey)
        .getStudentChecksheet(checksheetId)
        .catch((error: unknown) => {
          throw previewRefused(error) ?? error;
        });
      this.#setOnline(true);
      return { checksheet };
    } catch (error) {
      if (isUnreachable(error)) {
        this.#setOnline(false);
        throw new EnlightError({
          code: error.code,
          message: 'Preview as a student asks the server for what the student sees, and the server could not be reached. There is no offline copy of it: check your connection, then try again.',
        });
      }
      throw this.#asUserError(error, studentKey);
    }
  }

  // ---- saved views and column layouts ----

  async 'views.list'(input: Input<'views.list'>): Promise<CallOutput<'views.list'>> {
    return new SavedViews((await this.#account()).store, this.#now).list(input.resource);
  }
  async 'views.save'(input: Input<'views.save'>): Promise<CallOutput<'views.save'>> {
    return new SavedViews((await this.#account()).store, this.#now).save(input.resource, input.view);
  }
  async 'views.delete'(input: Input<'views.delete'>): Promise<CallOutput<'views.delete'>> {
    return new SavedViews((await this.#account()).store, this.#now).delete(input.resource, input.name);
  }
  async 'layout.get'(input: Input<'layout.get'>): Promise<CallOutput<'layout.get'>> {
    return new SavedViews((await this.#account()).store, this.#now).layout(input.resource);
  }
  async 'layout.set'(input: Input<'layout.set'>): Promise<CallOutput<'layout.set'>> {
    return new SavedViews((await this.#account()).store, this.#now).setLayout(input.resource, input.layout);
  }

  // ---- the overview ----

  /** Each account's Overview pages, which keep what they counted from its mirror between calls. */
  readonly #overviews = new WeakMap<MirrorStore, OverviewPages>();

  async 'overview.get'(input: Input<'overview.get'>): Promise<CallOutput<'overview.get'>> {
    const account = await this.#account();
    let pages = this.#overviews.get(account.store);
    if (!pages) {
      pages = new OverviewPages(account.store, { now: this.#now });
      this.#overviews.set(account.store, pages);
    }
    const c = account.outbox.counts();
    // Pending: not yet sent, or sent and not answered; in conflict: anything waiting for the person to choose.
    return pages.get(input, { pending: c.pending + c.sending + c.unknown, rejected: c.rejected, conflict: c.conflict + c.ambiguous });
  }

  async 'outbox.summary'(_input: Input<'outbox.summary'>): Promise<OutboxSummary> {
    await this.#restore();
    return this.#current ? { counts: this.#current.outbox.counts() } : { counts: emptyOutboxCounts() };
  }

  async 'outbox.list'(_input: Input<'outbox.list'>): Promise<OutboxEntryView[]> {
    await this.#restore();
    if (!this.#current) return [];
    return this.#current.outbox.entries().map(({ nextAttemptAt: _n, base: _b, attempts: _a, sentAt: _s, ...view }) => view);
  }

  async 'outbox.push'(_input: Input<'outbox.push'>): Promise<OutboxSummary> {
    const account = await this.#account();
    account.outbox.dueNow();
    await this.#push(account);
    return this.#outboxChanged(account);
  }

  async 'outbox.retry'(input: Input<'outbox.retry'>): Promise<OutboxSummary> {
    const account = await this.#account();
    account.outbox.retry(input.seq);
    return this.#outboxChanged(account);
  }

  async 'outbox.discard'(input: Input<'outbox.discard'>): Promise<OutboxSummary> {
    const account = await this.#account();
    const entry = account.outbox.entry(input.seq);
    account.outbox.discard(input.seq);
    return entry ? this.#edited(account, entry.resource, entry.recordId) : this.#outboxChanged(account);
  }

  async 'outbox.resolve'(input: Input<'outbox.resolve'>): Promise<OutboxSummary> {
    const account = await this.#account();
    const entry = account.outbox.entry(input.seq);
    account.outbox.resolveConflict(input.seq, input.field, input.choice);
    return entry ? this.#edited(account, entry.resource, entry.recordId) : this.#outboxChanged(account);
  }

  async 'outbox.resubmit'(input: Input<'outbox.resubmit'>): Promise<OutboxSummary> {
    const account = await this.#account();
    const entry = account.outbox.entry(input.seq);
    account.outbox.resubmit(input.seq, input.fields);
    return entry ? this.#edited(account, entry.resource, entry.recordId) : this.#outboxChanged(account);
  }

  // ---- settings ----

  async 'settings.get'(_input: Input<'settings.get'>): Promise<Settings> {
    return { theme: this.#settings.theme, language: this.#settings.language };
  }

  async 'settings.set'(input: Input<'settings.set'>): Promise<Settings> {
    this.#writeSettings({ ...this.#settings, ...(input.theme ? { theme: input.theme } : {}), ...(input.language ? { language: input.language } : {}) });
    return { theme: this.#settings.theme, language: this.#settings.language };
  }

  // ---- shell ----

  async 'shell.openExternal'(input: Input<'shell.openExternal'>): Promise<CallOutput<'shell.openExternal'>> {
    const url = checkExternalUrl(input.url);
    if (!url) throw new EnlightError({ code: 'bad-url', message: 'Only https:// links can be opened in your browser. This link was not opened.' });
    if (!this.#options.openExternal) return { opened: false };
    try {
      await this.#options.openExternal(url);
    } catch (error) {
      this.#log(`Could not open a link in the browser: ${error instanceof Error ? error.message : String(error)}`);
      throw new EnlightError({ code: 'network', message: 'Your browser could not be started to open the link. Copy the link and open it yourself.' });
    }
    return { opened: true };
  }

  // ---- lifecycle ----

  /** Stops a running sync and closes the open account (and the demo's sandbox). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#exclusive(() => this.#closeCurrent());
  }

  // ---- internals ----

  #state(): AppState {
    const accounts: AccountSummary[] = this.#listAccounts().map((a) => ({ name: a.name, baseUrl: a.baseUrl, demo: false }));
    return {
      accounts,
      current: this.#current ? { ...this.#current.summary } : null,
      keychain: this.#options.secrets.kind === 'keychain',
      keychainWarning: this.#options.keychainWarning ?? null,
      version: this.#options.version ?? packageJson.version,
    };
  }

  #stateChanged(): AppState {
    const state = this.#state();
    this.events.emit('app:state', state);
    return state;
  }

  #listAccounts() {
    try {
      return this.#registry.list();
    } catch (error) {
      throw this.#asUserError(error);
    }
  }

  async #verifyKey(baseUrl: string, apiKey: string): Promise<void> {
    const { transport, close } = nodeHttpTransport();
    try {
      const client = new EnlightClient({ baseUrl, apiKey, transport, retries: 2, ...this.#options.clientOptions });
      await client.authenticate();
    } finally {
      close();
    }
  }

  async #openStored(name: string): Promise<OpenAccount> {
    let session;
    try {
      session = await openAccountSession({ dataDir: this.#options.dataDir, secrets: this.#options.secrets, account: name });
    } catch (error) {
      if (error instanceof AccountChoiceError) throw notFound(`There is no account named "${name}". Add it again, or choose another one.`);
      throw this.#asUserError(error);
    }
    const s = session;
    return {
      summary: { name: s.name, baseUrl: s.baseUrl, demo: false },
      client: s.client,
      limiter: s.limiter,
      store: s.store,
      pullClient: s.pullClient,
      outbox: new Outbox(s.store),
      close: async () => s.close(),
    };
  }

  /**
   * The demo organisation: the sandbox, in this process, on a loopback port of its own, with its
   * data in the data folder so edits made in the demo are still there next time. Its owner key is
   * the sandbox's own, so it is kept in memory and never put in the keychain.
   */
  async #openDemo(): Promise<OpenAccount> {
    const dir = join(this.#options.dataDir, 'demo');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let sandbox: Sandbox;
    try {
      sandbox = await startSandbox({ host: '127.0.0.1', port: 0, db: join(dir, 'sandbox.sqlite'), seed: 'demo', scale: this.#options.demoScale });
    } catch (error) {
      this.#log(`The demo organisation could not start: ${error instanceof Error ? error.message : String(error)}`);
      throw new EnlightError({
        code: 'server',
        message: `The demo organisation could not be started (${error instanceof Error ? error.message : String(error)}). If the problem stays, delete the folder ${dir} to start the demo afresh.`,
      });
    }
    const { transport, close: closeTransport } = nodeHttpTransport({ maxSockets: 4 });
    const limiter = new RequestLimiter({ maxConcurrent: 4 });
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, transport, limiter, ...this.#options.clientOptions });
    let store: MirrorStore;
    try {
      store = MirrorStore.open(join(dir, 'mirror.sqlite'));
    } catch (error) {
      closeTransport();
      await sandbox.close();
      throw this.#asUserError(error);
    }
    return {
      summary: { name: DEMO_NAME, baseUrl: sandbox.url, demo: true },
      client,
      limiter,
      store,
      pullClient: { baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, ...this.#options.clientOptions },
      outbox: new Outbox(store),
      close: async () => {
        closeTransport();
        await store.close();
        await sandbox.close();
      },
    };
  }

  /** Closes the open account (stopping its sync) and opens another; remembers it for next time. */
  async #switchTo(open: () => Promise<OpenAccount>): Promise<void> {
    if (this.#closed) throw new EnlightError({ code: 'cancelled', message: 'Enlight Admin is closing.' });
    // An explicit choice wins over reopening last time's account.
    this.#restored ??= Promise.resolve();
    await this.#closeCurrent();
    const account = await open();
    this.#current = account;
    this.#lastResult = null;
    this.#progress = null;
    // Offline with the account left: the new account's server is asked now and then too.
    if (!this.#online) this.#watchForReconnect();
    this.#writeSettings({ ...this.#settings, lastAccount: account.summary.demo ? { demo: true } : { name: account.summary.name } });
  }

  async #closeCurrent(): Promise<void> {
    await this.#stopSync(CLOSING);
    this.#reconnect?.stop();
    this.#reconnect = null;
    const current = this.#current;
    this.#current = null;
    if (current) await current.close();
  }

  /** On first use, reopens the account that was open when the app last ran. A failure only leaves no account open. */
  #restore(): Promise<void> {
    this.#restored ??= this.#exclusive(async () => {
      const last = this.#settings.lastAccount;
      if (this.#current || !last) return;
      try {
        if ('demo' in last) await this.#switchTo(() => this.#openDemo());
        else if (this.#registry.get(last.name)) await this.#switchTo(() => this.#openStored(last.name));
      } catch (error) {
        this.#log(`The account open last time could not be reopened: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.#restored;
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #requireAccount(): OpenAccount {
    if (!this.#current) throw notFound('No account is open. Add your Enlight account, or open the demo organisation, first.');
    return this.#current;
  }

  async #query(resource: GridResource, input: Input<'courses.query'>): Promise<GridWindow> {
    await this.#restore();
    const { store, outbox } = this.#requireAccount();
    // Each row's pending, refused or conflicting edits come with it, for marking its cells.
    return this.#gridCall(() => queryWindow(store.db, resource, input, { now: this.#gridNow(), editStates: (ids) => outbox.editStates(resource, ids) }));
  }

  #runPull(account: OpenAccount, signal: AbortSignal, full: boolean): Promise<void> {
    let lastProgressAt = Number.NEGATIVE_INFINITY;
    let lastPhases = '';
    const onProgress = (progress: SyncProgress) => {
      this.#progress = progress;
      const phases = progress.resources.map((r) => r.phase).join();
      const now = this.#now();
      if (phases === lastPhases && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastPhases = phases;
      lastProgressAt = now;
      this.events.emit('sync:progress', progress);
    };
    const onChange = (resource: string, ids: string[]) => {
      const shown: GridResource | undefined = resource === 'group_memberships' ? 'groups' : (GRID_RESOURCES as readonly string[]).includes(resource) ? (resource as GridResource) : undefined;
      if (shown && ids.length) this.events.emit('data:changed', { resource: shown, ids: [...ids] });
    };

    const finish = (result: { outcome: SyncStatus['lastOutcome']; errors: SyncStatus['lastErrors'] }) => {
      if (this.#sync?.controller.signal === signal) this.#sync = null;
      // A sync stopped because its account was closed has nothing left to report to.
      if (this.#current !== account) return;
      this.#lastResult = result;
      if (this.#progress) this.events.emit('sync:progress', this.#progress);
      this.events.emit('sync:status', this.#status());
    };

    // Edits go first, so the pull that follows brings back the server's records with them applied.
    return this.#push(account, signal)
      // A push that fails for the account as a whole (a refused key) fails the pull too, which says so.
      .catch(() => {})
      .then(() => pullOnWorker({ client: account.pullClient, limiter: account.limiter, store: account.store, signal, full, onProgress, onChange }))
      .then(
        (result: PullResult) => {
          // The grids show each edited record as the new mirror record with the edits on top.
          account.outbox.refreshAllOverlays();
          this.#outboxChanged(account);
          this.#resumeSyncWhenBack = false;
          this.#setOnline(true);
          finish({ outcome: result.outcome, errors: result.errors.map((e) => ({ step: e.step, message: e.message })) });
        },
        (error: unknown) => {
          if (isUnreachable(error) && !signal.aborted) {
            this.#resumeSyncWhenBack = this.#current === account;
            this.#setOnline(false);
          }
          const message = isEnlightError(error) ? error.message : 'The sync stopped because of an unexpected problem. Try again; if it keeps happening, restart the app.';
          if (!isEnlightError(error)) this.#log(`Sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          finish({ outcome: 'failed', errors: [{ step: 'sync', message }] });
        },
      );
  }

  async #account(): Promise<OpenAccount> {
    await this.#restore();
    return this.#requireAccount();
  }

  /** After a local edit: the record's grids and the outbox panel refresh. */
  #edited(account: OpenAccount, resource: GridResource, id: string): OutboxSummary {
    this.events.emit('data:changed', { resource, ids: [...new Set([id, account.outbox.resolve(id)])] });
    return this.#outboxChanged(account);
  }

  #outboxChanged(account: OpenAccount): OutboxSummary {
    const summary = { counts: account.outbox.counts() };
    if (this.#current === account) this.events.emit('outbox:changed', summary);
    return summary;
  }

  /** Sends what the outbox can send now; a dead network only leaves it queued (and says so). */
  async #push(account: OpenAccount, signal?: AbortSignal): Promise<void> {
    if (account.outbox.counts().total === 0) return;
    try {
      await push({
        client: account.client,
        outbox: account.outbox,
        signal,
        onChange: (resource, ids) => this.events.emit('data:changed', { resource, ids }),
      });
    } catch (error) {
      if (isUnreachable(error)) this.#setOnline(false);
      // The command line (or another window) is sending them just now: nothing to do here.
      else if (error instanceof AccountBusy) return;
      else if (!(isEnlightError(error) && error.code === 'cancelled') && !signal?.aborted) throw this.#asUserError(error);
    } finally {
      this.#outboxChanged(account);
    }
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.events.emit('connection:changed', { online });
    this.#reconnect?.stop();
    this.#reconnect = null;
    if (!online) this.#watchForReconnect();
  }

  /** Asks the open account's server now and then whether it answers again; then carries on. */
  #watchForReconnect(): void {
    const account = this.#current;
    if (!account || this.#closed) return;
    this.#reconnect = new ReconnectWatch({
      // Any answer will do: one refusing the key still comes from a reachable server.
      reachable: () => account.client.authenticate().then(
        () => true,
        (error: unknown) => !isUnreachable(error),
      ),
      onBack: () => void this.#backOnline(account),
      delaysMs: this.#options.reconnectDelaysMs,
    });
  }

  /** The server answers again: online, the waiting edits sent, and a sync the network broke off carried on. */
  async #backOnline(account: OpenAccount): Promise<void> {
    if (this.#current !== account || this.#closed) return;
    this.#setOnline(true);
    try {
      if (this.#resumeSyncWhenBack) {
        this.#resumeSyncWhenBack = false;
        // A sync sends the edits first.
        await this['sync.start']({});
      } else if (account.outbox.counts().total > 0) {
        await this.#push(account);
      }
    } catch (error) {
      this.#log(`Carrying on once the server was back failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `reason`: CLOSING when the account is being closed (pull.ts). */
  async #stopSync(reason?: typeof CLOSING): Promise<void> {
    // Stopped on purpose: not to be carried on by itself.
    this.#resumeSyncWhenBack = false;
    const running = this.#sync;
    if (!running) return;
    running.controller.abort(reason);
    await running.done;
  }

  #status(): SyncStatus {
    const counts = Object.fromEntries(GRID_RESOURCES.map((r) => [r, 0])) as Record<GridResource, number>;
    const account = this.#current;
    if (!account) return { running: false, progress: null, lastCompleteAt: null, lastOutcome: null, lastErrors: [], counts };
    const stored = account.store.counts();
    for (const r of GRID_RESOURCES) counts[r] = stored[r];
    const complete = account.store.db.prepare(`SELECT finished_at AS at FROM sync_runs WHERE outcome = 'complete' ORDER BY id DESC LIMIT 1`).get() as { at: string } | undefined;
    let last = this.#lastResult;
    if (!last) {
      // Nothing run since the account was opened: what the database remembers of the last run.
      const run = account.store.lastRun();
      const outcome = run?.outcome === 'complete' || run?.outcome === 'partial' || run?.outcome === 'stopped' || run?.outcome === 'failed' ? run.outcome : null;
      last = { outcome, errors: (outcome === 'partial' || outcome === 'failed') && run?.message ? [{ step: 'sync', message: run.message }] : [] };
    }
    return {
      running: this.#sync !== null,
      progress: this.#progress,
      lastCompleteAt: complete?.at ?? null,
      lastOutcome: last.outcome,
      lastErrors: last.errors,
      counts,
    };
  }

  #readSettings(): SettingsFile {
    let text: string;
    try {
      text = readFileSync(join(this.#options.dataDir, SETTINGS_FILE), 'utf8');
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
    try {
      const parsed = settingsFile.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      /* reported below */
    }
    this.#log(`${join(this.#options.dataDir, SETTINGS_FILE)} could not be read; the default settings are used and it will be rewritten.`);
    return { ...DEFAULT_SETTINGS };
  }

  #writeSettings(next: SettingsFile): void {
    this.#settings = next;
    try {
      mkdirSync(this.#options.dataDir, { recursive: true, mode: 0o700 });
      const file = join(this.#options.dataDir, SETTINGS_FILE);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    } catch (error) {
      throw new EnlightError({
        code: 'server',
        message: `Your settings could not be saved in ${this.#options.dataDir} (${error instanceof Error ? error.message : String(error)}). Check that the folder exists and can be written to.`,
      });
    }
  }

  /** An error as a person should see it: an EnlightError, with any key it could hold taken out. */
  #asUserError(error: unknown, ...keys: string[]): EnlightError {
    const scrub = (text: string) => keys.reduce((t, k) => scrubKey(t, k), text);
    if (isEnlightError(error)) {
      if (!keys.some((k) => k && error.message.includes(k))) return error;
      return new EnlightError({ ...error.toJSON(), message: scrub(error.message) });
    }
    if (error instanceof AccountError || error instanceof AccountChoiceError) {
      return new EnlightError({ code: 'validation', message: scrub(error.message) });
    }
    const message = error instanceof Error ? error.message : String(error);
    this.#log(`Unexpected failure: ${scrub(message)}`);
    return new EnlightError({ code: 'server', message: `Enlight Admin could not finish that: ${scrub(message)}` });
  }
}

/** What the server's refusal of a student-key request means for "preview as a student"; undefined for other failures. */
function previewRefused(error: unknown): EnlightError | undefined {
  if (!isEnlightError(error)) return undefined;
  if (error.code === 'not-found') {
    return new EnlightError({
      code: 'not-found',
      message:
        'The server does not show this checksheet to the student: students see only the checksheets of courses they are actively enrolled in. If the enrollment was cancelled, that is why; otherwise sync and try again.',
    });
  }
  // The account's key is fine (it just read the student); it is the student's own that was refused.
  if (error.code === 'auth' || error.code === 'forbidden') {
    return new EnlightError({
      code: 'forbidden',
      message: "The server refused the student's own key when asked for their checksheet: the student may be locked out of Enlight. Check the student in Enlight, then try again.",
    });
  }
  return undefined;
}

function notFound(message: string): EnlightError {
  return new EnlightError({ code: 'not-found', message });
}

function emptyOutboxCounts(): OutboxSummary['counts'] {
  return { pending: 0, sending: 0, unknown: 0, rejected: 0, conflict: 0, ambiguous: 0, waiting: 0, stuck: 0, total: 0 };
}
