// The Bridge: every call the renderer can make of the back end, and every event it can hear.
//
// One contract, one implementation (src/main/service.ts), two transports (Electron IPC and the
// loopback web host). Each call has a zod schema for its input, checked on the main side before
// the service sees it, and a TypeScript type for its output. Names are `resource.verb`.
import { z } from 'zod';
import { GRID_RESOURCES, LANGUAGES, MAX_FIELD_CHARS, MAX_ID_CHARS, MAX_SEARCH_CHARS, MAX_VIEW_NAME_CHARS, THEMES, type EnrollmentState, type GridResource, type Language, type OverviewFigureName, type Theme } from './contractLists';
import type { SyncProgress } from './syncProgress';

export { ENROLLMENT_STATES, GRID_RESOURCES, LANGUAGES, OVERVIEW_FIGURES, THEMES } from './contractLists';
export type { EnrollmentState, GridResource, Language, OverviewFigureName, Theme } from './contractLists';

// ---- shared pieces ----

/**
 * How a grid filter compares. `in` takes `values`. Besides a resource's own columns a filter may
 * name the derived columns of `DERIVED_FILTER_COLUMNS`.
 */
export const FILTER_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'is-null', 'not-null', 'contains', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];


/**
 * Filter columns computed from other tables or fields:
 * - `group_id` (enrollments, students): the record belongs to that group (a student through any of their enrollments);
 * - `state` (enrollments): one of ENROLLMENT_STATES — cancelled when not active; otherwise completed
 *   when completed_at is set; otherwise expired when expires_at is in the past; otherwise active;
 * - `first_enrolled_at` (students): when their first enrollment was made (the API gives students no
 *   creation date); `course_id`, `instructor_id` (students): they have an enrollment in that course,
 *   or with that instructor.
 */
export const DERIVED_FILTER_COLUMNS: Partial<Record<GridResource, readonly string[]>> = {
  enrollments: ['group_id', 'state'],
  students: ['group_id', 'first_enrolled_at', 'course_id', 'instructor_id'],
};

const accountName = z.string().trim().min(1).max(64);
const id = z.string().min(1).max(MAX_ID_CHARS);

export const gridQueryInput = z
  .object({
    sort: z.array(z.object({ column: z.string().min(1).max(64), desc: z.boolean().optional() }).strict()).max(8).optional(),
    filters: z
      .array(
        z
          .object({
            column: z.string().min(1).max(64),
            op: z.enum(FILTER_OPS),
            value: z.union([z.string().max(MAX_FIELD_CHARS), z.number(), z.null()]).optional(),
            /** For `in`: any of these values. */
            values: z.array(z.union([z.string().max(MAX_FIELD_CHARS), z.number()])).max(1000).optional(),
          })
          .strict(),
      )
      .max(32)
      .optional(),
    search: z.string().max(MAX_SEARCH_CHARS).optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(1000),
  })
  .strict();
export type GridQueryInput = z.infer<typeof gridQueryInput>;

/**
 * One window of a grid. Enrollment rows also carry display fields joined from other tables:
 * `student_name`, `student_email`, `course_name`, `instructor_name` and `group_names` (string[]).
 * `edits` holds, for the rows of this window that have open outbox entries, what state they are in.
 */
export interface GridWindow {
  rows: Record<string, unknown>[];
  total: number;
  edits?: Record<string, RowEditState>;
}

/** A row's open local edits, for marking its cells: the latest entry's state and the fields it touches. */
export interface RowEditState {
  /** The entry a person acts on (retry, discard, resolve): the one that needs them, else the latest. */
  seq: number;
  kind: 'create' | 'update' | 'delete';
  state: OutboxState;
  stuck: boolean;
  /** Fields with unsent or failed changes. */
  fields: string[];
  message: string | null;
  fieldErrors: Record<string, string[]> | null;
  conflict: OutboxEntryView['conflict'];
}

/** A grid's columns as a person arranged them. Keys are column keys; unknown keys are ignored. */
export interface ColumnLayout {
  /** Display order; columns missing here keep their default place after these. */
  order: string[];
  hidden: string[];
  /** Width in CSS pixels. */
  widths: Record<string, number>;
  /** Pinned to the left, in order. */
  pinned: string[];
}

/** A named grid view: what it filters, how it sorts, and its columns. */
export interface SavedView {
  name: string;
  sort: { column: string; desc?: boolean }[];
  filters: z.infer<typeof gridQueryInput>['filters'];
  search: string;
  layout: ColumnLayout;
}

/** A course with its checksheets; each checksheet with its sections and steps in sequence. */
export interface CourseDetail {
  course: Record<string, unknown>;
  checksheets: {
    checksheet: Record<string, unknown>;
    sections: { section: Record<string, unknown>; steps: { step: Record<string, unknown>; libraryItem: Record<string, unknown> | null }[] }[];
  }[];
}

/** A record and the records that belong with it, as a detail pane shows them. */
export interface RecordDetail {
  record: Record<string, unknown>;
  /** enrollments: the student and course; groups and students: their enrollments (as enrollment grid rows). */
  student?: Record<string, unknown> | null;
  course?: Record<string, unknown> | null;
  enrollments?: Record<string, unknown>[];
}

/** One CSV line checked before anything is queued. */
export interface ImportPreviewRow {
  /** 1-based line number in the file, counting the header. */
  line: number;
  kind: 'create' | 'update';
  fields: Record<string, unknown>;
  /** Empty when the line can be queued. */
  errors: string[];
}

export interface ImportPreview {
  columns: string[];
  rows: ImportPreviewRow[];
  valid: number;
  invalid: number;
}

// ---- the overview ----

/** Where a figure leads: the grid and the filters that show exactly the rows it counts. */
export interface GridLink {
  resource: GridResource;
  filters: NonNullable<GridQueryInput['filters']>;
}

export interface OverviewFigure {
  value: number;
  link: GridLink;
}


/** The whole Overview page, computed in SQLite over the local cache with pending edits on top. */
export interface Overview {
  /** The moment "this week", "next 7 days" and the rest were counted from (ISO). */
  asOf: string;
  figures: Record<OverviewFigureName, OverviewFigure>;
  outbox: { pending: number; rejected: number; conflict: number };
  /** Oldest first: 12 weeks, each starting Monday 00:00 local time, the current week last. */
  completionsPerWeek: { weekStart: string; figure: OverviewFigure }[];
  /** The 15 courses with the most enrollments, most first, each split by state. */
  enrollmentsByCourse: { courseId: string; courseName: string; total: number; byState: Record<EnrollmentState, OverviewFigure> }[];
  /** The next 90 days from today (local), one entry per day, days with none included. */
  expiriesPerDay: { day: string; figure: OverviewFigure }[];
  /** Every group, largest first, counted in enrollments. */
  groupSizes: { groupId: string; name: string; figure: OverviewFigure }[];
}

export const overviewInput = z
  .object({ groupId: id.optional(), instructorId: id.optional(), courseId: id.optional() })
  .strict();
export type OverviewFilters = z.infer<typeof overviewInput>;

/** Many edits in one step: how many were queued, and the outbox after them. */
export interface BulkResult {
  queued: number;
  summary: OutboxSummary;
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

const editValue = z.union([z.string().max(MAX_FIELD_CHARS), z.number(), z.boolean(), z.null(), z.array(z.string().max(MAX_ID_CHARS)).max(200)]);
const editFields = z.record(z.string().min(1).max(64), editValue);
const seq = z.number().int().positive();

const queryFilter = gridQueryInput.pick({ filters: true, search: true });
/**
 * Which rows an action applies to: listed ids, or every row matching a grid's filter and search
 * (less those unticked), so "select all" never needs the rows loaded.
 */
export const selectionInput = z.union([
  z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
  z.object({ query: queryFilter, except: z.array(id).max(100_000).optional() }).strict(),
]);
export type Selection = z.infer<typeof selectionInput>;

/** A change for many rows: set a field, or move a date field by whole days. */
const bulkChange = z.union([
  z.object({ field: z.string().min(1).max(64), set: editValue }).strict(),
  z.object({ field: z.string().min(1).max(64), addDays: z.number().int().min(-36_500).max(36_500) }).strict(),
]);
const columnLayout = z
  .object({
    order: z.array(z.string().max(64)).max(100),
    hidden: z.array(z.string().max(64)).max(100),
    widths: z.record(z.string().max(64), z.number().min(20).max(2000)),
    pinned: z.array(z.string().max(64)).max(100),
  })
  .strict();
const csvText = z.string().max(50_000_000);

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
  /** The computer has a network again: whether the server answers, asked now rather than at the next try. */
  'connection.check': none,

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
  'records.redo': none,
  /** One change on every selected row, queued as one undo step; refused whole if any row fails the checks. */
  'records.bulkUpdate': z.object({ resource: z.enum(GRID_RESOURCES), selection: selectionInput, change: bulkChange }).strict(),
  /** Different changes on many rows (a pasted block, fill down), queued as one undo step, all or none. */
  'records.updateMany': z
    .object({ resource: z.enum(GRID_RESOURCES), edits: z.array(z.object({ id, fields: editFields }).strict()).min(1).max(10_000) })
    .strict(),
  /** Deletes (cancels) every selected row, as one undo step. */
  'records.bulkDelete': z.object({ resource: z.enum(GRID_RESOURCES), selection: selectionInput }).strict(),
  /** The selected rows (or all matching rows) as CSV, with these columns in this order. */
  'records.exportCsv': z
    .object({ resource: z.enum(GRID_RESOURCES), selection: selectionInput, sort: gridQueryInput.shape.sort, columns: z.array(z.string().min(1).max(64)).min(1).max(100) })
    .strict(),
  /** Checks a CSV file line by line; nothing is queued. */
  'records.importPreview': z.object({ resource: z.enum(GRID_RESOURCES), csv: csvText }).strict(),
  /** Queues the lines that passed the checks (the file is checked again), as one undo step. */
  'records.importApply': z.object({ resource: z.enum(GRID_RESOURCES), csv: csvText }).strict(),

  'courses.detail': z.object({ id }).strict(),
  'students.detail': z.object({ id }).strict(),
  'enrollments.detail': z.object({ id }).strict(),
  'groups.detail': z.object({ id }).strict(),
  /**
   * The enrollment's checksheet as its student sees it, asked of the server with that student's key
   * (read for this call only, never kept or logged). Needs the server: there is no offline copy.
   */
  'enrollments.previewAsStudent': z.object({ id }).strict(),

  /** The Overview page for the open account, narrowed by the page's filters. */
  'overview.get': overviewInput,

  'views.list': z.object({ resource: z.enum(GRID_RESOURCES) }).strict(),
  'views.save': z
    .object({
      resource: z.enum(GRID_RESOURCES),
      view: z
        .object({ name: z.string().trim().min(1).max(MAX_VIEW_NAME_CHARS), sort: gridQueryInput.shape.sort.unwrap(), filters: gridQueryInput.shape.filters, search: z.string().max(MAX_SEARCH_CHARS), layout: columnLayout })
        .strict(),
    })
    .strict(),
  'views.delete': z.object({ resource: z.enum(GRID_RESOURCES), name: z.string().min(1).max(MAX_VIEW_NAME_CHARS) }).strict(),
  'layout.get': z.object({ resource: z.enum(GRID_RESOURCES) }).strict(),
  'layout.set': z.object({ resource: z.enum(GRID_RESOURCES), layout: columnLayout }).strict(),

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
  'connection.check': { online: boolean };
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
  'records.redo': OutboxSummary;
  'records.bulkUpdate': BulkResult;
  'records.updateMany': BulkResult;
  'records.bulkDelete': BulkResult;
  'records.exportCsv': { csv: string; rows: number };
  'records.importPreview': ImportPreview;
  'records.importApply': BulkResult;
  'courses.detail': CourseDetail | null;
  'students.detail': RecordDetail | null;
  'enrollments.detail': RecordDetail | null;
  'groups.detail': RecordDetail | null;
  'enrollments.previewAsStudent': { checksheet: Record<string, unknown> };
  'overview.get': Overview;
  'views.list': SavedView[];
  'views.save': SavedView[];
  'views.delete': SavedView[];
  'layout.get': ColumnLayout | null;
  'layout.set': ColumnLayout;
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
