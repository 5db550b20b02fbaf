// The Enlight API v1, one method per endpoint: Bearer auth, every answer checked against the
// schemas in shared/api/schemas.ts, errors turned into EnlightErrors a person can act on, and
// retries where they are safe.
//
// Retries: a 429 pauses the shared limiter for its Retry-After and is sent again, whatever the
// method (the server did nothing); a Retry-After beyond `maxRetryAfterMs` fails the call at once
// and pauses nothing. Network failures, timeouts and 5xx answers are retried with exponential
// backoff and full jitter for GET/HEAD only; POST/PATCH/DELETE are sent once (the
// outbox reconciles), and their errors say in `mayHaveApplied` whether the server may have acted.
// The one exception: a write that certainly never left this machine (connection refused, name not
// found, TLS refused) is retried like a read, since it cannot have been carried out.
import { z } from 'zod';
import {
  answerSchema,
  checksheetDetailSchema,
  courseDetailSchema,
  enrollmentDetailSchema,
  errorHashSchema,
  groupDetailSchema,
  libraryItemSchema,
  resourceSchemas,
  studentChecksheetDetailSchema,
  studentDetailSchema,
  studentLibraryItemSchema,
  userSchema,
  type Answer,
  type ChecksheetDetail,
  type CourseDetail,
  type EnrollmentDetail,
  type GroupDetail,
  type LibraryItem,
  type StudentChecksheetDetail,
  type StudentDetail,
  type StudentLibraryItem,
  type User,
} from '../../shared/api/schemas';
import { EnlightError, isEnlightError, type EnlightErrorInit } from '../../shared/errors';
import type { SyncRetry } from '../../shared/syncProgress';
import type {
  AnswerKey,
  CreateCourseInput,
  CreateEnrollmentInput,
  CreateGroupInput,
  CreateStudentInput,
  CreateUserInput,
  SubmitAnswerInput,
  UpdateCourseInput,
  UpdateEnrollmentInput,
  UpdateGroupInput,
  UpdateStudentInput,
  UpdateUserInput,
} from './attributes';
import { checkBaseUrl } from './checkBaseUrl';
import { cancelled } from './cancelled';
import { realSleep, RequestLimiter, type Limiter, type Sleep } from './RequestLimiter';
import { isSecureConnectionFailure, nodeHttpTransport, TRANSPORT_ADVICE, type HttpResponse, type HttpTransport } from './transport';

export { checkBaseUrl, isLoopbackHost } from './checkBaseUrl';
export type * from './attributes';

export type ListResource = 'courses' | 'checksheets' | 'students' | 'enrollments' | 'groups' | 'users';
/** The list item type of a resource (the list shape, not the detail shape). */
export type ListItem<R extends ListResource> = z.infer<(typeof resourceSchemas)[R]['item']>;

export const MAX_PAGE_SIZE = 100;

export interface EnlightClientOptions {
  /** The organisation's address; checked with checkBaseUrl (https, or http on loopback only). */
  baseUrl: string;
  apiKey: string;
  /** Default: a nodeHttpTransport() of the client's own, closed by `close()`. */
  transport?: HttpTransport;
  /** Share one per account. Default: a limiter of the client's own (4 at a time). */
  limiter?: Limiter;
  /** Per attempt, from sending to the last byte of the answer; default 30 000. */
  timeoutMs?: number;
  /** Re-sends after network failures, timeouts and 5xx (safe calls only); default 5. */
  retries?: number;
  /** First backoff ceiling; doubles each retry (full jitter); default 250. */
  retryBaseMs?: number;
  /** Largest backoff ceiling; default 30 000. */
  retryMaxMs?: number;
  /** Re-sends after 429s, on top of `retries`; default 10. */
  rateLimitRetries?: number;
  /** A Retry-After longer than this is not waited out: the call fails with 'rate-limited'; default 10 min. */
  maxRetryAfterMs?: number;
  /**
   * Told each time a read is about to be sent again after no answer, a failed connection or a
   * server error, and told null when a request that had to be sent again is answered.
   */
  onRetrying?: (retry: SyncRetry | null) => void;
  /** [0, 1); Math.random by default. */
  random?: () => number;
  /** For backoff waits (and the default limiter). */
  sleep?: Sleep;
  /** Epoch ms, for Retry-After dates (and the default limiter); Date.now by default. */
  now?: () => number;
  userAgent?: string;
}

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, re-sends (after a failure or a 429). */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Requests by method and route, e.g. "GET /api/v1/students/:id". */
  byEndpoint: Map<string, number>;
  /** The limiter's: callers held back by a 429 pause or pacing, and for how long (ms). */
  waits: number;
  waitedMs: number;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

interface Call<T> {
  method: Method;
  /** The path below the base URL, ids filled in. */
  path: string;
  /** The same with ":id" for ids, for the stats. */
  route: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /**
   * Reads a 2xx answer; `safe` says whether the request was a read (a write was carried out).
   * `scrub` takes the key out of the server's text before an error quotes any of it.
   */
  read: (response: HttpResponse, endpoint: string, safe: boolean, scrub: Scrub) => T;
}

interface Counters {
  requests: number;
  retries: number;
  rateLimited: number;
  byEndpoint: Map<string, number>;
}

type Scrub = (text: string) => string;

const SAFE_METHODS = new Set<Method>(['GET', 'HEAD']);

export class EnlightClient {
  /** The organisation's root, without a trailing slash. */
  readonly baseUrl: string;
  readonly limiter: Limiter;
  readonly #apiKey: string;
  readonly #transport: HttpTransport;
  readonly #closeTransport: (() => void) | undefined;
  readonly #options: EnlightClientOptions;
  #counters: Counters = { requests: 0, retries: 0, rateLimited: 0, byEndpoint: new Map() };
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly rateLimitRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;
  private readonly onRetrying: ((retry: SyncRetry | null) => void) | undefined;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly userAgent: string;

  constructor(options: EnlightClientOptions) {
    const url = checkBaseUrl(options.baseUrl);
    this.#apiKey = checkApiKey(options.apiKey);
    if (url.href.includes(this.#apiKey)) {
      throw new EnlightError({ code: 'bad-url', message: 'The server address contains the API key. Enter the key only in its own field.' });
    }
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.#options = options;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = Math.max(0, options.retries ?? 5);
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.rateLimitRetries = Math.max(0, options.rateLimitRetries ?? 10);
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10 * 60_000;
    this.random = options.random ?? Math.random;
    this.onRetrying = options.onRetrying;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.userAgent = options.userAgent ?? 'EnlightAdmin/0.1';
    this.limiter = options.limiter ?? new RequestLimiter({ sleep: options.sleep, now: options.now });
    if (options.transport) {
      this.#transport = options.transport;
      this.#closeTransport = undefined;
    } else {
      const own = nodeHttpTransport();
      this.#transport = own.transport;
      this.#closeTransport = own.close;
    }
  }

  /**
   * A client for another key (a student's, for answers and the student checksheet shape) on the
   * same server, sharing this one's transport, limiter and stats.
   */
  withKey(apiKey: string): EnlightClient {
    const other = new EnlightClient({ ...this.#options, apiKey, transport: this.#transport, limiter: this.limiter });
    other.#counters = this.#counters;
    return other;
  }

  /** Closes the transport if the client made its own; a given transport is the giver's to close. */
  close(): void {
    this.#closeTransport?.();
  }

  get stats(): ClientStats {
    const c = this.#counters;
    return { requests: c.requests, retries: c.retries, rateLimited: c.rateLimited, byEndpoint: c.byEndpoint, waits: this.limiter.stats.waits, waitedMs: this.limiter.stats.waitedMs };
  }

  // ---- authentication ----

  /** Resolves when the server accepts the key; 'auth' when it refuses it. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.send({ method: 'GET', path: '/api/authenticate', route: '/api/authenticate', read: () => undefined }, signal);
  }

  // ---- lists ----

  /** One page of a list: `limit` 1..100 (default 100), `offset` from 0. */
  async list<R extends ListResource>(resource: R, page: { limit?: number; offset?: number } = {}, signal?: AbortSignal): Promise<ListItem<R>[]> {
    const limit = page.limit ?? MAX_PAGE_SIZE;
    const offset = page.offset ?? 0;
    const endpoint = `GET /api/v1/${resource}`;
    const schemas = resourceSchemas[resource];
    if (!schemas) throw new EnlightError({ code: 'not-found', endpoint, message: `"${String(resource)}" is not a list of the Enlight API.` });
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw this.error({ code: 'validation', endpoint, fieldErrors: { limit: [`must be an integer between 1 and ${MAX_PAGE_SIZE}`] }, message: `${endpoint} was not sent: a page holds 1 to ${MAX_PAGE_SIZE} records, not ${limit}.` });
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw this.error({ code: 'validation', endpoint, fieldErrors: { offset: ['must be an integer greater than or equal to 0'] }, message: `${endpoint} was not sent: the offset must be a whole number from 0, not ${offset}.` });
    }
    const schema = z.array(schemas.item) as unknown as z.ZodType<ListItem<R>[]>;
    return this.send({ method: 'GET', path: `/api/v1/${resource}`, route: `/api/v1/${resource}`, query: { limit, offset }, read: json(schema) }, signal);
  }

  // ---- shows ----

  getCourse(id: string, signal?: AbortSignal): Promise<CourseDetail> {
    return this.show('courses', id, courseDetailSchema, signal);
  }

  /** The admin shape (a user's key): steps with their answers and marking notes. */
  getChecksheet(id: string, signal?: AbortSignal): Promise<ChecksheetDetail> {
    return this.show('checksheets', id, checksheetDetailSchema, signal);
  }

  /** The student shape (a student's key): section steps wrapping steps, no answers, choices shuffled. */
  getStudentChecksheet(id: string, signal?: AbortSignal): Promise<StudentChecksheetDetail> {
    return this.show('checksheets', id, studentChecksheetDetailSchema, signal);
  }

  getLibraryItem(id: string, signal?: AbortSignal): Promise<LibraryItem> {
    return this.show('library_items', id, libraryItemSchema, signal);
  }

  /** What a student's key sees of a library item: fewer fields. */
  getStudentLibraryItem(id: string, signal?: AbortSignal): Promise<StudentLibraryItem> {
    return this.show('library_items', id, studentLibraryItemSchema, signal);
  }

  getStudent(id: string, signal?: AbortSignal): Promise<StudentDetail> {
    return this.show('students', id, studentDetailSchema, signal);
  }

  getEnrollment(id: string, signal?: AbortSignal): Promise<EnrollmentDetail> {
    return this.show('enrollments', id, enrollmentDetailSchema, signal);
  }

  getGroup(id: string, signal?: AbortSignal): Promise<GroupDetail> {
    return this.show('groups', id, groupDetailSchema, signal);
  }

  getUser(id: string, signal?: AbortSignal): Promise<User> {
    return this.show('users', id, userSchema, signal);
  }

  // ---- courses ----

  createCourse(attrs: CreateCourseInput, signal?: AbortSignal): Promise<CourseDetail> {
    return this.create('courses', attrs, courseDetailSchema, signal);
  }

  updateCourse(id: string, attrs: UpdateCourseInput, signal?: AbortSignal): Promise<CourseDetail> {
    return this.update('courses', id, attrs, courseDetailSchema, signal);
  }

  /** Cancels the course's enrollments, then the course. */
  cancelCourse(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove('courses', id, signal);
  }

  // ---- students (there is no DELETE) ----

  createStudent(attrs: CreateStudentInput, signal?: AbortSignal): Promise<StudentDetail> {
    return this.create('students', attrs, studentDetailSchema, signal);
  }

  updateStudent(id: string, attrs: UpdateStudentInput, signal?: AbortSignal): Promise<StudentDetail> {
    return this.update('students', id, attrs, studentDetailSchema, signal);
  }

  // ---- enrollments ----

  /** Enrolls an existing student (`student_id`) or creates one with the `student_*` fields. */
  createEnrollment(attrs: CreateEnrollmentInput, signal?: AbortSignal): Promise<EnrollmentDetail> {
    return this.create('enrollments', attrs, enrollmentDetailSchema, signal);
  }

  updateEnrollment(id: string, attrs: UpdateEnrollmentInput, signal?: AbortSignal): Promise<EnrollmentDetail> {
    return this.update('enrollments', id, attrs, enrollmentDetailSchema, signal);
  }

  /** Expels the student from the course; the enrollment stays, inactive. */
  cancelEnrollment(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove('enrollments', id, signal);
  }

  // ---- groups ----

  createGroup(attrs: CreateGroupInput, signal?: AbortSignal): Promise<GroupDetail> {
    return this.create('groups', attrs, groupDetailSchema, signal);
  }

  updateGroup(id: string, attrs: UpdateGroupInput, signal?: AbortSignal): Promise<GroupDetail> {
    return this.update('groups', id, attrs, groupDetailSchema, signal);
  }

  /** Deletes the group; its enrollments stay. */
  deleteGroup(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove('groups', id, signal);
  }

  // ---- users ----

  createUser(attrs: CreateUserInput, signal?: AbortSignal): Promise<User> {
    return this.create('users', attrs, userSchema, signal);
  }

  updateUser(id: string, attrs: UpdateUserInput, signal?: AbortSignal): Promise<User> {
    return this.update('users', id, attrs, userSchema, signal);
  }

  /** Removes the user from the organisation. */
  deleteUser(id: string, signal?: AbortSignal): Promise<void> {
    return this.remove('users', id, signal);
  }

  // ---- answers (a student's key: see withKey) ----

  /**
   * Creates or replaces the student's answer to a section step. A wrong answer to an auto-marked
   * step is a 'validation' error (400) with the server's words under `fieldErrors`.
   */
  submitAnswer(input: SubmitAnswerInput, signal?: AbortSignal): Promise<Answer> {
    const body: Record<string, unknown> = { enrollment_id: input.enrollment_id, section_step_id: input.section_step_id };
    if (input.answer !== undefined) body.answer = input.answer;
    return this.send({ method: 'POST', path: '/api/v1/answer', route: '/api/v1/answer', body, read: json(answerSchema) }, signal);
  }

  /** Reads an answer: a GET with a JSON body, as documented (the ids also go in the query). */
  getAnswer(key: AnswerKey, signal?: AbortSignal): Promise<Answer> {
    const ids = { enrollment_id: key.enrollment_id, section_step_id: key.section_step_id };
    return this.send({ method: 'GET', path: '/api/v1/answer', route: '/api/v1/answer', query: ids, body: ids, read: json(answerSchema) }, signal);
  }

  // ---- the machinery ----

  private async show<T>(resource: string, id: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const path = `/api/v1/${resource}/${this.idSegment(id, `GET /api/v1/${resource}/:id`)}`;
    return this.send({ method: 'GET', path, route: `/api/v1/${resource}/:id`, read: json(schema) }, signal);
  }

  private async create<T>(resource: string, attrs: object, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const path = `/api/v1/${resource}`;
    return this.send({ method: 'POST', path, route: path, body: attrs, read: json(schema) }, signal);
  }

  private async update<T>(resource: string, id: string, attrs: object, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const path = `/api/v1/${resource}/${this.idSegment(id, `PATCH /api/v1/${resource}/:id`)}`;
    return this.send({ method: 'PATCH', path, route: `/api/v1/${resource}/:id`, body: attrs, read: json(schema) }, signal);
  }

  private async remove(resource: string, id: string, signal?: AbortSignal): Promise<void> {
    const path = `/api/v1/${resource}/${this.idSegment(id, `DELETE /api/v1/${resource}/:id`)}`;
    await this.send({ method: 'DELETE', path, route: `/api/v1/${resource}/:id`, read: emptyOrJson }, signal);
  }

  private idSegment(id: string, endpoint: string): string {
    if (typeof id !== 'string' || id.trim() === '' || id === '.' || id === '..') {
      throw this.error({ code: 'validation', endpoint, fieldErrors: { id: ["can't be blank"] }, message: `${endpoint} was not sent: no record id was given.` });
    }
    return encodeURIComponent(id);
  }

  /** Builds an EnlightError with the API key scrubbed from everything it says. */
  private error(init: EnlightErrorInit): EnlightError {
    const scrub = (text: string) => scrubKey(text, this.#apiKey);
    const fieldErrors = init.fieldErrors
      ? Object.fromEntries(Object.entries(init.fieldErrors).map(([field, messages]) => [scrub(field), messages.map(scrub)]))
      : undefined;
    const cause = init.cause instanceof Error && !`${init.cause.message}${init.cause.stack ?? ''}`.includes(this.#apiKey) ? init.cause : undefined;
    return new EnlightError({
      ...init,
      message: scrub(init.message),
      endpoint: init.endpoint === undefined ? undefined : scrub(init.endpoint),
      fieldErrors,
      serverMessage: init.serverMessage === undefined ? undefined : scrub(init.serverMessage),
      cause,
    });
  }

  private async send<T>(call: Call<T>, signal?: AbortSignal): Promise<T> {
    const endpoint = `${call.method} ${call.path}`;
    const statsKey = `${call.method} ${call.route}`;
    const safe = SAFE_METHODS.has(call.method);
    const query = call.query ? `?${new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString()}` : '';
    const url = `${this.baseUrl}${call.path}${query}`;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.userAgent,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let attempts = 0;
    let failures = 0;
    let throttled = 0;
    for (;;) {
      if (signal?.aborted) throw this.error(toInit(cancelled(signal, endpoint)));
      try {
        await this.limiter.acquire(signal);
      } catch (error) {
        throw this.error(toInit(isEnlightError(error) && signal?.aborted ? cancelled(signal, endpoint) : asEnlightError(error, endpoint)));
      }
      let response: HttpResponse | undefined;
      let failure: EnlightError | undefined;
      try {
        attempts++;
        this.#counters.requests++;
        if (attempts > 1) this.#counters.retries++;
        this.#counters.byEndpoint.set(statsKey, (this.#counters.byEndpoint.get(statsKey) ?? 0) + 1);
        response = await this.#transport({ method: call.method, url, headers, body, signal, timeoutMs: this.timeoutMs });
      } catch (error) {
        failure = asEnlightError(error, endpoint);
      } finally {
        this.limiter.release();
      }

      if (failure) {
        if (signal?.aborted) {
          const stopped = cancelled(signal, endpoint);
          if (safe) throw this.error(toInit(stopped));
          const mayHaveApplied = failure.mayHaveApplied ?? true;
          throw this.error({ ...toInit(stopped), attempts, mayHaveApplied, message: stopped.message + appliedNote(mayHaveApplied) });
        }
        const transient = failure.code === 'network' || failure.code === 'timeout';
        const neverSent = failure.mayHaveApplied === false;
        const hopeless = isSecureConnectionFailure(failure);
        if (transient && !hopeless && (safe || neverSent) && failures < this.retries) {
          failures++;
          this.onRetrying?.({ endpoint, attempt: attempts + 1, of: this.retries + 1, reason: failure.code === 'timeout' ? 'no-answer' : 'no-connection' });
          await this.backoff(failures, undefined, endpoint, signal);
          continue;
        }
        throw this.error({
          ...toInit(failure),
          endpoint,
          attempts,
          mayHaveApplied: safe ? undefined : (failure.mayHaveApplied ?? true),
          message: safe ? failure.message + attemptsNote(attempts) : withoutAdvice(failure.message) + attemptsNote(attempts) + appliedNote(failure.mayHaveApplied ?? true),
        });
      }
      if (!response) throw new Error('unreachable: neither an answer nor a failure');
      if (failures > 0 && response.status < 500 && response.status !== 408) this.onRetrying?.(null);

      const status = response.status;
      const requestId = response.headers['x-request-id'];
      // What an error quotes of the server's body is cut short; the key comes out of the whole body
      // first, since a key cut in two is no longer found by scrubKey.
      const scrub: Scrub = (text) => scrubKey(text, this.#apiKey);
      const quotable = (): HttpResponse => ({ ...response, body: scrub(response.body) });
      if (status === 429) {
        this.#counters.rateLimited++;
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.now()) ?? 1000;
        const waitable = retryAfterMs <= this.maxRetryAfterMs;
        // Only a wait the client takes holds the account's other calls. A longer one (a day) is not
        // waited out: held for the cap, they would stall a sync silently and then fail all the same.
        // So they are sent as usual, and a server still refusing fails each at once, in these words.
        if (waitable) this.limiter.pauseFor(retryAfterMs);
        if (waitable && throttled < this.rateLimitRetries) {
          throttled++;
          continue;
        }
        throw this.error({
          code: 'rate-limited',
          status,
          endpoint,
          requestId,
          retryAfterMs,
          attempts,
          mayHaveApplied: safe ? undefined : false,
          message:
            retryAfterMs > this.maxRetryAfterMs
              ? `The server is limiting requests and asks to wait ${describeMs(retryAfterMs)} before ${endpoint} is sent again. Try again later.`
              : `The server kept refusing ${endpoint} as too many requests (429), ${attempts} times. Wait a few minutes, then try again; fewer requests at once may help.`,
        });
      }
      if (status >= 500 || status === 408) {
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.now());
        if (safe && failures < this.retries) {
          failures++;
          this.onRetrying?.({ endpoint, attempt: attempts + 1, of: this.retries + 1, reason: 'server-error', status });
          await this.backoff(failures, retryAfterMs, endpoint, signal);
          continue;
        }
        const failed = serverFailure(quotable(), endpoint, safe);
        throw this.error({
          ...failed,
          requestId,
          retryAfterMs,
          attempts,
          mayHaveApplied: safe ? undefined : true,
          message: failed.message + attemptsNote(attempts) + (safe ? '' : appliedNote(true)),
        });
      }
      if (status >= 400) throw this.error({ ...clientFailure(quotable(), endpoint, call.path === '/api/authenticate', this.baseUrl), requestId, attempts });
      if (status < 200 || status >= 300) {
        throw this.error({
          code: 'bad-response',
          status,
          endpoint,
          requestId,
          attempts,
          mayHaveApplied: safe ? undefined : true,
          message: `The server answered ${endpoint} with ${status}, which the Enlight API never sends. The address may point at something other than the Enlight API (a login page or a redirect); check it.`,
        });
      }
      try {
        return call.read(response, endpoint, safe, scrub);
      } catch (error) {
        const e = asEnlightError(error, endpoint);
        // A 2xx to a write means the server carried it out, even if its answer is unreadable.
        throw this.error({ ...toInit(e), requestId, attempts, mayHaveApplied: safe ? undefined : true });
      }
    }
  }

  private async backoff(failures: number, retryAfterMs: number | undefined, endpoint: string, signal?: AbortSignal): Promise<void> {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (failures - 1));
    let ms = Math.floor(this.random() * ceiling);
    if (retryAfterMs !== undefined) ms = Math.max(ms, Math.min(retryAfterMs, this.retryMaxMs));
    try {
      await this.sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw this.error(toInit(cancelled(signal, endpoint)));
      throw error;
    }
    if (signal?.aborted) throw this.error(toInit(cancelled(signal, endpoint)));
  }
}

// ---- reading answers ----

// A write answered 2xx was carried out: trying it again is the wrong advice.
const WRITE_ACCEPTED = 'The server accepted the request, so the change was most likely made, but its answer could not be read: refresh the record before changing it again.';

function json<T>(schema: z.ZodType<T>): Call<T>['read'] {
  return (response, endpoint, safe, scrub) => {
    const value = parseJsonBody(response, endpoint, safe, scrub);
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new EnlightError({
      code: 'bad-response',
      status: response.status,
      endpoint,
      message: `The server's answer to ${endpoint} is not what the Enlight API documents: ${issues.join('; ')}${more}. ${safe ? 'The app cannot use it. Try again; if it keeps happening, the server may have changed and the app may need an update.' : WRITE_ACCEPTED}`,
    });
  };
}

/** DELETE answers 200 with an empty body or an empty object; anything readable is accepted. */
function emptyOrJson(response: HttpResponse, endpoint: string, safe: boolean, scrub: Scrub): void {
  if (response.body.trim() === '') return;
  parseJsonBody(response, endpoint, safe, scrub);
}

// These throw plain EnlightErrors: `send` passes every error through `error()`, which scrubs the key.
function parseJsonBody(response: HttpResponse, endpoint: string, safe: boolean, scrub: Scrub): unknown {
  const text = response.body;
  const advice = (forRead: string) => (safe ? forRead : WRITE_ACCEPTED);
  if (text.trim() === '') {
    throw new EnlightError({
      code: 'bad-response',
      status: response.status,
      endpoint,
      message: `The server answered ${endpoint} with ${response.status} and an empty body where JSON was expected. ${advice('Try again; if it keeps happening, the address may not point at the Enlight API, or a proxy in between may be failing.')}`,
    });
  }
  if (isHtml(response)) {
    throw new EnlightError({
      code: 'bad-response',
      status: response.status,
      endpoint,
      message: `The server answered ${endpoint} with ${response.status} and an HTML page instead of JSON. ${advice('The address may point at a web page (a login or portal page) rather than the Enlight API; check it.')}`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's reason quotes a few characters of the text, which may cut a key in two: the
    // reason is read again from the text with the key taken out.
    const reason = jsonSyntaxError(scrub(text));
    throw new EnlightError({
      code: 'bad-response',
      status: response.status,
      endpoint,
      message: `The server's answer to ${endpoint} was not valid JSON: ${reason}. ${advice('Try again; if it keeps happening, the server may be behind a proxy that is failing.')}`,
    });
  }
}

function jsonSyntaxError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'a character in it is out of place';
}

function isHtml(response: HttpResponse): boolean {
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  return type.includes('text/html') || /^\s*</.test(response.body);
}

function readErrorHash(response: HttpResponse): { errors?: Record<string, string[]>; message?: string } | undefined {
  if (isHtml(response) || response.body.trim() === '') return undefined;
  try {
    const parsed = errorHashSchema.safeParse(JSON.parse(response.body));
    if (parsed.success) return { errors: parsed.data.errors, message: parsed.data.message };
    // Some servers and proxies answer {"error": "..."} or {"message": "..."}.
    const loose = JSON.parse(response.body) as { error?: unknown; message?: unknown };
    const text = typeof loose.message === 'string' ? loose.message : typeof loose.error === 'string' ? loose.error : undefined;
    return text === undefined ? undefined : { message: text };
  } catch {
    return undefined;
  }
}

/** "email has already been taken; Rate limit exceeded" — the server's words, with their field. */
function describeFieldErrors(errors: Record<string, string[]>): string {
  return Object.entries(errors)
    .flatMap(([field, messages]) => messages.map((m) => (field === 'base' ? m : `${field} ${m}`)))
    .join('; ');
}

function serverSaid(hash: { errors?: Record<string, string[]>; message?: string } | undefined): string {
  if (!hash) return '';
  const parts = [hash.message, hash.errors ? describeFieldErrors(hash.errors) : undefined].filter((p): p is string => !!p);
  return parts.length ? ` (The server said: "${parts.join(': ')}".)` : '';
}

/** The start of the server's text, for a message. Give it text already scrubbed: see `send`. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

function serverFailure(response: HttpResponse, endpoint: string, safe: boolean): EnlightErrorInit {
  const { status } = response;
  const base = { code: 'server' as const, status, endpoint };
  const later = safe ? ' Try again later.' : '';
  if (isHtml(response)) {
    return {
      ...base,
      message: `The server answered ${status} with an HTML page instead of JSON for ${endpoint}: a proxy or gateway in front of Enlight is failing, or the service is down for maintenance.${later}`,
    };
  }
  if (status === 408) return { ...base, code: 'timeout', message: `The server gave up waiting for ${endpoint} (408); a slow connection may be the cause.${later}` };
  const hash = readErrorHash(response);
  const words = hash ? [hash.message, hash.errors ? describeFieldErrors(hash.errors) : undefined].filter(Boolean).join(': ') : snippet(response.body);
  return {
    ...base,
    fieldErrors: hash?.errors,
    serverMessage: hash?.message,
    message: `The server failed to handle ${endpoint} (${status})${words ? `: "${words}"` : ''}. This is a problem on the server's side.${later}`,
  };
}

function clientFailure(response: HttpResponse, endpoint: string, authenticating: boolean, baseUrl: string): EnlightErrorInit {
  const { status } = response;
  const hash = readErrorHash(response);
  const said = serverSaid(hash);
  const details = { status, endpoint, fieldErrors: hash?.errors, serverMessage: hash?.message };
  if (status === 401) {
    return {
      ...details,
      code: 'auth',
      message:
        (authenticating
          ? `The API key was refused by ${new URL(baseUrl).host} (${endpoint} answered 401). Check that you copied the whole key from your Enlight profile page, and that it belongs to this organisation's address.`
          : `The API key was refused (${endpoint} answered 401): it may have been changed or revoked. Enter the current key from your Enlight profile page.`) + said,
    };
  }
  if (status === 403) {
    return {
      ...details,
      code: 'forbidden',
      message: `This API key may not do ${endpoint} (403). A student's key can only read its own checksheets and answers; everything else needs a user's key, such as an owner's or a manager's.${said}`,
    };
  }
  if (status === 404 || status === 410) {
    return {
      ...details,
      code: 'not-found',
      message: `${endpoint} found nothing (${status}): the record may have been deleted on the server, or the address may not be an Enlight organisation.${said}`,
    };
  }
  if (!hash && status !== 400 && status !== 422) {
    return {
      ...details,
      code: 'bad-response',
      message: `The server answered ${endpoint} with ${status}, which the Enlight API does not send for it${response.body.trim() && !isHtml(response) ? ` ("${snippet(response.body)}")` : ''}. The address may point at something other than the Enlight API; check it.`,
    };
  }
  const summary = hash ? [hash.message, hash.errors ? describeFieldErrors(hash.errors) : undefined].filter(Boolean).join(': ') : '';
  return {
    ...details,
    code: 'validation',
    message: summary
      ? `The server refused ${endpoint} (${status}): ${summary}. Correct the values and send it again.`
      : `The server refused ${endpoint} (${status})${response.body.trim() && !isHtml(response) ? `: "${snippet(response.body)}"` : ''}. Correct the request and send it again.`,
  };
}

// ---- small helpers ----

function checkApiKey(raw: string): string {
  const key = typeof raw === 'string' ? raw.trim() : '';
  if (key === '') throw new EnlightError({ code: 'auth', message: 'No API key was given. Copy it from your profile page in Enlight.' });
  // A key goes into a header: spaces, control characters and non-ASCII would break it (or the request).
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new EnlightError({ code: 'auth', message: 'The API key contains spaces or characters a key cannot have. Copy it again from your profile page in Enlight.' });
  }
  return key;
}

export function scrubKey(text: string, key: string): string {
  return key && text.includes(key) ? text.split(key).join('[API key]') : text;
}

function toInit(error: EnlightError): EnlightErrorInit {
  return {
    code: error.code,
    message: error.message,
    status: error.status,
    endpoint: error.endpoint,
    fieldErrors: error.fieldErrors,
    serverMessage: error.serverMessage,
    retryAfterMs: error.retryAfterMs,
    mayHaveApplied: error.mayHaveApplied,
    attempts: error.attempts,
    requestId: error.requestId,
    cause: error.cause,
  };
}

/** A transport that throws something else (a custom one, a bug) is read as a network failure. */
function asEnlightError(error: unknown, endpoint: string): EnlightError {
  if (isEnlightError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EnlightError({ code: 'network', endpoint, cause: error, message: `${endpoint} failed: ${reason}. Check your internet connection, then try again.` });
}

function withoutAdvice(message: string): string {
  return message.replace(` ${TRANSPORT_ADVICE}`, '').replace(/ Try again later\.$/, '').replace(/; try again later\.$/, '.');
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (Tried ${attempts} times.)` : '';
}

function appliedNote(mayHaveApplied: boolean): string {
  return mayHaveApplied
    ? ' The request may have reached the server and been carried out: check the record before sending it again.'
    : ' It never reached the server, so it is safe to send again.';
}

/** Retry-After in seconds or as an HTTP date, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function describeMs(ms: number): string {
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} seconds`;
  if (ms < 7_200_000) return `${Math.ceil(ms / 60_000)} minutes`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} hours`;
  // Beyond two days (a Retry-After of hundreds of digits is "Infinity" ms): the number says nothing more.
  return ms < 2_592_000_000 ? `${Math.round(ms / 86_400_000)} days` : 'more than a month';
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole answer)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
