// The Bridge: every call the renderer can make of the back end, and every event it can hear.
//
// One contract, one implementation (src/main/service.ts), two transports (Electron IPC and the
// loopback web host). Each call has a zod schema for its input, checked on the main side before
// the service sees it, and a TypeScript type for its output. Names are `resource.verb`.
import { z } from 'zod';
import type { SyncProgress } from './syncProgress';

// ---- shared pieces ----

export const GRID_RESOURCES = ['courses', 'students', 'enrollments', 'groups', 'users'] as const;
export type GridResource = (typeof GRID_RESOURCES)[number];

export const THEMES = ['light', 'dark', 'system'] as const;
export const LANGUAGES = ['en', 'zh-TW'] as const;
export type Theme = (typeof THEMES)[number];
export type Language = (typeof LANGUAGES)[number];

const accountName = z.string().trim().min(1).max(64);
const id = z.string().min(1).max(200);

export const gridQueryInput = z
  .object({
    sort: z.array(z.object({ column: z.string().min(1).max(64), desc: z.boolean().optional() }).strict()).max(8).optional(),
    filters: z
      .array(
        z
          .object({
            column: z.string().min(1).max(64),
            op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'is-null', 'not-null', 'contains']),
            value: z.union([z.string().max(10_000), z.number(), z.null()]).optional(),
          })
          .strict(),
      )
      .max(32)
      .optional(),
    search: z.string().max(500).optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(1000),
  })
  .strict();
export type GridQueryInput = z.infer<typeof gridQueryInput>;

export interface GridWindow {
  rows: Record<string, unknown>[];
  total: number;
}

export interface AccountSummary {
  name: string;
  baseUrl: string;
  /** The built-in demo organisation (an in-process sandbox). */
  demo: boolean;
}

export interface AppState {
  accounts: AccountSummary[];
  /** The account the window shows, or null on first run. */
  current: AccountSummary | null;
  /** False when keys can only be kept for this session (no OS keychain). */
  keychain: boolean;
  keychainWarning: string | null;
  version: string;
}

export interface SyncStatus {
  running: boolean;
  progress: SyncProgress | null;
  /** ISO time of the last pass that finished every step. */
  lastCompleteAt: string | null;
  lastOutcome: 'complete' | 'partial' | 'stopped' | 'failed' | null;
  lastErrors: { step: string; message: string }[];
  counts: Record<GridResource, number>;
}

// ---- the outbox ----

export const OUTBOX_STATES = ['pending', 'sending', 'unknown', 'rejected', 'conflict', 'ambiguous'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Entries by state; `waiting` are pending ones held for a new record, `stuck` failed often and still retry. */
export interface OutboxSummary {
  counts: Record<OutboxState | 'waiting' | 'stuck' | 'total', number>;
}

/** One queued edit as the outbox panel shows it, with the server's own words when it failed. */
export interface OutboxEntryView {
  seq: number;
  resource: GridResource;
  recordId: string;
  kind: 'create' | 'update' | 'delete';
  fields: Record<string, unknown>;
  state: OutboxState;
  stuck: boolean;
  waitingFor: string[];
  message: string | null;
  fieldErrors: Record<string, string[]> | null;
  conflict: { fields: Record<string, { base: unknown; mine: unknown; theirs: unknown }> } | { deleted: true } | { candidates: Record<string, unknown>[] } | null;
  createdAt: string;
}

const editValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(200)]);
const editFields = z.record(z.string().min(1).max(64), editValue);
const seq = z.number().int().positive();

export interface Settings {
  theme: Theme;
  language: Language;
}

// ---- calls ----

const none = z.object({}).strict();

/** Input schemas, by call name. Output types are in `CallOutputs`. */
export const callInputs = {
  'app.state': none,

  'accounts.add': z.object({ name: accountName, baseUrl: z.string().trim().min(1).max(2048), apiKey: z.string().trim().min(1).max(512) }).strict(),
  'accounts.remove': z.object({ name: accountName }).strict(),
  'accounts.open': z.object({ name: accountName }).strict(),
  'demo.open': none,

  'sync.start': z.object({ full: z.boolean().optional() }).strict(),
  'sync.stop': none,
  'sync.status': none,

  'courses.query': gridQueryInput,
  'students.query': gridQueryInput,
  'enrollments.query': gridQueryInput,
  'groups.query': gridQueryInput,
  'users.query': gridQueryInput,
  'records.get': z.object({ resource: z.enum(GRID_RESOURCES), id }).strict(),
  /** Local edits: checked, shown at once, queued for the server. */
  'records.create': z.object({ resource: z.enum(GRID_RESOURCES), fields: editFields }).strict(),
  'records.update': z.object({ resource: z.enum(GRID_RESOURCES), id, fields: editFields }).strict(),
  'records.delete': z.object({ resource: z.enum(GRID_RESOURCES), id }).strict(),
  'records.undo': none,

  'outbox.summary': none,
  'outbox.list': none,
  /** Sends what can be sent now. */
  'outbox.push': none,
  'outbox.retry': z.object({ seq }).strict(),
  'outbox.discard': z.object({ seq }).strict(),
  'outbox.resolve': z.object({ seq, field: z.string().min(1).max(64), choice: z.enum(['mine', 'theirs']) }).strict(),
  'outbox.resubmit': z.object({ seq, fields: editFields }).strict(),

  'settings.get': none,
  'settings.set': z.object({ theme: z.enum(THEMES).optional(), language: z.enum(LANGUAGES).optional() }).strict(),

  /** Opens an https link in the user's browser; only for links the user clicked. */
  'shell.openExternal': z.object({ url: z.string().max(2048) }).strict(),
} as const;

export type CallName = keyof typeof callInputs;
export type CallInput<K extends CallName> = z.input<(typeof callInputs)[K]>;

export interface CallOutputs {
  'app.state': AppState;
  'accounts.add': AppState;
  'accounts.remove': AppState;
  'accounts.open': AppState;
  'demo.open': AppState;
  'sync.start': SyncStatus;
  'sync.stop': SyncStatus;
  'sync.status': SyncStatus;
  'courses.query': GridWindow;
  'students.query': GridWindow;
  'enrollments.query': GridWindow;
  'groups.query': GridWindow;
  'users.query': GridWindow;
  'records.get': Record<string, unknown> | null;
  'records.create': { id: string };
  'records.update': OutboxSummary;
  'records.delete': OutboxSummary;
  'records.undo': OutboxSummary;
  'outbox.summary': OutboxSummary;
  'outbox.list': OutboxEntryView[];
  'outbox.push': OutboxSummary;
  'outbox.retry': OutboxSummary;
  'outbox.discard': OutboxSummary;
  'outbox.resolve': OutboxSummary;
  'outbox.resubmit': OutboxSummary;
  'settings.get': Settings;
  'settings.set': Settings;
  'shell.openExternal': { opened: boolean };
}
export type CallOutput<K extends CallName> = CallOutputs[K];

/** What the service implements: one async function per call, given already-validated input. */
export type BridgeHandlers = { [K in CallName]: (input: z.output<(typeof callInputs)[K]>) => Promise<CallOutput<K>> };

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(callInputs, name);
}

// ---- events ----

export interface BridgeEvents {
  'sync:progress': SyncProgress;
  'sync:status': SyncStatus;
  /** Which records changed; no ids means "reload the windows you show". */
  'data:changed': { resource: GridResource; ids?: string[] };
  'app:state': AppState;
  'connection:changed': { online: boolean };
  'outbox:changed': OutboxSummary;
}
export type EventName = keyof BridgeEvents;
export const EVENT_NAMES: readonly EventName[] = ['sync:progress', 'sync:status', 'data:changed', 'app:state', 'connection:changed', 'outbox:changed'];

/** A failed call as it crosses a transport: the code and the message a person can act on. */
export interface BridgeFailure {
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** What the renderer sees as `window.enlight`, whichever transport carries it. */
export interface EnlightBridge {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void;
}

/**
 * A call's answer as it crosses a transport (IPC or HTTP): the value, or the failure as plain data.
 * Never a thrown Error: Electron and JSON both lose an Error's code and fields on the way.
 */
export type BridgeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: BridgeFailure };
