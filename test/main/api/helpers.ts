// Shared pieces for the API client tests: a fake clock whose sleeps the test controls, a small
// hostile HTTP server for answers the sandbox never gives, and a check that an error is the
// expected EnlightError and shows no API key anywhere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { isEnlightError, type EnlightError, type ErrorCode } from '../../../src/shared/errors';

/** Keys a test has used; no error may ever mention one. */
export const SECRET_KEYS = new Set<string>();

export function rememberKey(key: string): string {
  SECRET_KEYS.add(key);
  return key;
}

/** Asserts that `value` (an error, stats, anything) shows none of the keys, however it is printed. */
export function expectNoKey(value: unknown): void {
  const views = [inspect(value, { depth: 10, showHidden: true }), safeJson(value)];
  if (value instanceof Error) views.push(value.message, value.stack ?? '', String(value));
  for (const key of SECRET_KEYS) {
    for (const view of views) expect(view.includes(key), `an API key appears in: ${view.slice(0, 400)}`).toBe(false);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v)) ?? '';
  } catch {
    return '';
  }
}

/** Awaits a rejection that must be an EnlightError of `code`, free of keys. */
export async function expectEnlightError(promise: Promise<unknown>, code: ErrorCode): Promise<EnlightError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to fail').toBeDefined();
  if (!isEnlightError(caught)) throw new Error(`expected an EnlightError, got: ${inspect(caught)}`);
  expect(caught.code, caught.message).toBe(code);
  expectNoKey(caught);
  return caught;
}

interface PendingSleep {
  ms: number;
  until: number;
  resolve: () => void;
}

/**
 * A clock that only moves when a sleep ends. `auto` sleeps end at once (moving the clock by their
 * length); otherwise they wait until the test calls `release()`.
 */
export function fakeTime(options: { auto?: boolean; start?: number } = {}) {
  let now = options.start ?? Date.UTC(2030, 0, 1);
  const pending: PendingSleep[] = [];
  const requested: number[] = [];
  const time = {
    auto: options.auto ?? false,
    now: () => now,
    /** Every sleep asked for, in ms, in order. */
    requested,
    get pending(): number {
      return pending.length;
    },
    sleep: (ms: number, signal?: AbortSignal): Promise<void> => {
      requested.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (time.auto) {
        now += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const entry: PendingSleep = { ms, until: now + Math.max(0, ms), resolve };
        const onAbort = () => {
          pending.splice(pending.indexOf(entry), 1);
          reject(signal?.reason as Error);
        };
        entry.resolve = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.push(entry);
      });
    },
    /** Ends every pending sleep, moving the clock to the latest of their ends. */
    release: () => {
      const due = pending.splice(0);
      for (const entry of due) now = Math.max(now, entry.until);
      for (const entry of due) entry.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
  return time;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The client's port: the same one for requests that shared a keep-alive connection. */
  remotePort: number | undefined;
}

export type HostileHandler = (req: SeenRequest, res: ServerResponse, index: number) => void;

/** A plain node:http server on 127.0.0.1 that answers as `handler` says and remembers each request. */
export async function hostileServer(handler: HostileHandler) {
  const requests: SeenRequest[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort };
      requests.push(seen);
      current(seen, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next: HostileHandler) {
      current = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A port nothing listens on: opened, then closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
