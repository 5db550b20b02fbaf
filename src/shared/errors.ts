// The one error type the back end shows to people. Each carries a code the code can act on and a
// message a person can act on: what happened, at which endpoint, and what to do about it. No
// message, field error or property ever holds an API key.

export type ErrorCode =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'bad-response'
  | 'bad-url';

export const ERROR_CODES: readonly ErrorCode[] = [
  'auth',
  'forbidden',
  'not-found',
  'validation',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'cancelled',
  'bad-response',
  'bad-url',
];

export interface EnlightErrorInit {
  code: ErrorCode;
  /** Plain English: what happened, naming the endpoint, and what to do. */
  message: string;
  status?: number;
  /** Method and path, e.g. "GET /api/v1/students" or "PATCH /api/v1/courses/50edd30a-…". */
  endpoint?: string;
  /** The server's error hash `errors`, in its own words. */
  fieldErrors?: Record<string, string[]>;
  /** The error hash's `message`, when it has one ("Unable to save enrollment"). */
  serverMessage?: string;
  /** How long the server asked to wait (429, or 503 with Retry-After). */
  retryAfterMs?: number;
  /**
   * Set for network, timeout and server errors of POST/PATCH/DELETE: whether the request may have
   * reached the server and been carried out. `false` means it certainly was not (connection
   * refused, address not found), so it is safe to send again.
   */
  mayHaveApplied?: boolean;
  /** How many times the request was sent before giving up. */
  attempts?: number;
  /** The server's X-Request-Id, for support. */
  requestId?: string;
  cause?: unknown;
}

const BRAND = Symbol.for('enlight-admin.EnlightError');

export class EnlightError extends Error {
  override name = 'EnlightError';
  readonly code: ErrorCode;
  declare readonly status?: number;
  declare readonly endpoint?: string;
  declare readonly fieldErrors?: Record<string, string[]>;
  declare readonly serverMessage?: string;
  declare readonly retryAfterMs?: number;
  declare readonly mayHaveApplied?: boolean;
  declare readonly attempts?: number;
  declare readonly requestId?: string;

  constructor(init: EnlightErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.endpoint !== undefined) this.endpoint = init.endpoint;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.mayHaveApplied !== undefined) this.mayHaveApplied = init.mayHaveApplied;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The fields of the error as plain data, e.g. to carry it over IPC. */
  toJSON(): EnlightErrorInit & { name: string } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      endpoint: this.endpoint,
      fieldErrors: this.fieldErrors,
      serverMessage: this.serverMessage,
      retryAfterMs: this.retryAfterMs,
      mayHaveApplied: this.mayHaveApplied,
      attempts: this.attempts,
      requestId: this.requestId,
    };
  }
}

/** True for an EnlightError, also one made by another copy of this module (a bundle, a worker). */
export function isEnlightError(e: unknown): e is EnlightError {
  return e instanceof EnlightError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true);
}

/** The server could not be reached (no connection, or no answer in time): offline, for now. */
export function isUnreachable(e: unknown): e is EnlightError {
  return isEnlightError(e) && (e.code === 'network' || e.code === 'timeout');
}
