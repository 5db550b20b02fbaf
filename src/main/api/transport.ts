// HTTP for the API client, on node:http/node:https with keep-alive agents. Not global fetch: the
// API's GET /api/v1/answer carries a JSON body, which fetch refuses to send.
//
// `nodeHttpTransport()` returns `{ transport, close }`: `transport` sends one request and resolves
// with the whole answer (any status); `close()` destroys the agents' sockets, after which requests
// in flight fail. It rejects only with an EnlightError: 'network' (refused, reset, DNS, TLS, the
// connection closed early), 'timeout' (no complete answer within `timeoutMs`) or 'cancelled'
// (the signal aborted). Each says in `mayHaveApplied` whether the request may have reached the
// server: false only when no connection was ever made.
//
// It asks for compressed answers (gzip or brotli) and unpacks them: JSON lists shrink to a fifth
// or less, which on a slow connection is most of a sync's time. The size limit holds for the
// unpacked answer, so a small answer that unpacks to gigabytes is refused, not held.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { EnlightError } from '../../shared/errors';
import { cancelled } from './cancelled';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

export interface NodeHttpTransportOptions {
  /** Sockets per host; default 8. */
  maxSockets?: number;
  /** Idle keep-alive sockets are closed after this long (ms); default 4000. */
  idleSocketMs?: number;
  /** Answers larger than this are refused as 'bad-response'; default 64 MiB. */
  maxResponseBytes?: number;
  /** Extra TLS options, e.g. a CA for a test server. */
  tls?: Pick<https.AgentOptions, 'ca' | 'rejectUnauthorized'>;
}

export interface NodeHttpTransport {
  transport: HttpTransport;
  close(): void;
}

/** Ends the message of a network failure; a caller that must not simply try again can drop it. */
export const TRANSPORT_ADVICE = 'Check the server address and your internet connection, then try again.';

// Failures that happen before a connection exists: the request cannot have reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, timeout: options.idleSocketMs ?? 4000, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...options.tls });
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  let closed = false;

  const transport: HttpTransport = (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return reject(new EnlightError({ code: 'bad-url', mayHaveApplied: false, message: 'The request was not sent: its address is not a valid URL.' }));
      }
      const endpoint = `${request.method.toUpperCase()} ${url.pathname}`;
      const where = url.host;
      if (request.signal?.aborted) return reject(cancelled(request.signal, endpoint));
      if (closed) {
        return reject(new EnlightError({ code: 'cancelled', endpoint, mayHaveApplied: false, message: `${endpoint} was not sent: the connection to the server was closed.` }));
      }

      const isHttps = url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept-encoding')) headers['Accept-Encoding'] = ACCEPTED_ENCODINGS;
      if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
      let connected = false;
      let answered = false;
      let settled = false;

      const finish = (outcome: { ok: HttpResponse } | { error: EnlightError }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        if ('ok' in outcome) resolve(outcome.ok);
        else reject(outcome.error);
      };
      const fail = (error: EnlightError) => {
        finish({ error });
        req.destroy();
      };

      let req: http.ClientRequest;
      try {
        req = (isHttps ? https : http).request(url, { method: request.method, headers, agent: isHttps ? httpsAgent : httpAgent });
      } catch (error) {
        // Node refuses, for instance, a header with a line break in it; nothing was sent.
        const reason = error instanceof Error ? error.message : String(error);
        return reject(new EnlightError({ code: 'network', endpoint, mayHaveApplied: false, message: `${endpoint} could not be sent: ${reason}.` }));
      }

      const onAbort = () => {
        const error = cancelled(request.signal, endpoint);
        fail(new EnlightError({ code: error.code, endpoint, mayHaveApplied: connected, message: error.message }));
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });

      const timeoutMs = Number.isFinite(request.timeoutMs) && request.timeoutMs > 0 ? Math.min(request.timeoutMs, 2 ** 31 - 1) : 2 ** 31 - 1;
      const timer = setTimeout(() => {
        const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
        fail(
          new EnlightError({
            code: 'timeout',
            endpoint,
            mayHaveApplied: connected,
            message: answered
              ? `${endpoint} timed out: the server's answer did not finish arriving within ${seconds}. The connection may be slow; try again later.`
              : connected
                ? `${endpoint} got no answer from ${where} within ${seconds}. The server may be overloaded or the connection slow; try again later.`
                : `${endpoint} could not connect to ${where} within ${seconds}. Check the server address and your internet connection, then try again.`,
          }),
        );
      }, timeoutMs);

      req.on('socket', (socket) => {
        // A reused keep-alive socket is connected already; a new one is once its handshake is done.
        if (!socket.connecting) connected = true;
        else socket.once(isHttps ? 'secureConnect' : 'connect', () => (connected = true));
      });

      req.on('error', (error: NodeJS.ErrnoException) => {
        fail(networkError(error, { endpoint, where, connected, answered }));
      });

      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () =>
          new EnlightError({
            code: 'bad-response',
            endpoint,
            status: res.statusCode,
            message: `The server's answer to ${endpoint} was larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, far more than any Enlight answer. The address may point at something other than the Enlight API.`,
          });
        const take = (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size > maxBytes) return fail(tooLarge());
          chunks.push(chunk);
        };
        const done = (body: Buffer) => finish({ ok: { status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: body.toString('utf8') } });

        const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
        const unpack = unpackerFor(encoding);
        if (unpack === 'unknown') {
          fail(
            new EnlightError({
              code: 'bad-response',
              endpoint,
              status: res.statusCode,
              message: `The server answered ${endpoint} in an encoding this app did not ask for and cannot read ("${encoding}"). The address may point at something other than the Enlight API.`,
            }),
          );
          return;
        }
        res.on('data', take);
        res.on('end', () => {
          if (!res.complete || settled) return;
          const body = Buffer.concat(chunks);
          // An empty body (a HEAD, a 204) marked as packed is simply empty.
          if (!unpack || size === 0) return done(body);
          try {
            done(unpack(body, { maxOutputLength: maxBytes, chunkSize: UNPACK_CHUNK_BYTES }));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return fail(tooLarge());
            return fail(
              new EnlightError({
                code: 'bad-response',
                endpoint,
                status: res.statusCode,
                cause: error,
                message: `The server's answer to ${endpoint} said it was compressed (${encoding}) but could not be unpacked: ${(error as Error).message}. Try again; if it keeps happening, something between you and the server may be altering answers.`,
              }),
            );
          }
        });
        res.on('error', (error: NodeJS.ErrnoException) => fail(networkError(error, { endpoint, where, connected: true, answered: true })));
        res.on('close', () => {
          if (!res.complete) fail(networkError(Object.assign(new Error('closed'), { code: 'ECONNRESET' }), { endpoint, where, connected: true, answered: true }));
        });
      });

      if (request.body !== undefined) req.write(request.body);
      req.end();
    });

  return {
    transport,
    close: () => {
      closed = true;
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** What the client asks for; the answer may still come as it is. */
const ACCEPTED_ENCODINGS = 'gzip, br';

type Unpack = (packed: Buffer, options: { maxOutputLength: number; chunkSize: number }) => Buffer;

/**
 * Answers are unpacked at once, in pieces this large: a page of 100 records in one. In zlib's own
 * 16 KiB pieces (or as a stream) the bench's peak RSS at scale 20,000 with a compressing sandbox
 * was 254–274 MB; in these, 220 MB (187–199 MB with nothing compressed).
 */
const UNPACK_CHUNK_BYTES = 256 * 1024;

/** The unpacker for the answer's Content-Encoding: none for an answer as it is, 'unknown' for one never asked for. */
function unpackerFor(encoding: string): Unpack | null | 'unknown' {
  if (encoding === 'identity' || encoding === '') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync;
  if (encoding === 'br') return zlib.brotliDecompressSync;
  return 'unknown';
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/;

function isTlsFailure(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return CERTIFICATE_CODE.test(code) || /^ERR_(SSL|TLS)_/.test(code) || code === 'EPROTO' || /SSL routines/.test(error.message);
}

/**
 * A failure to set up TLS (a refused certificate, a server that does not speak HTTPS): nothing
 * was sent, and trying again will not help.
 */
export function isSecureConnectionFailure(error: EnlightError): boolean {
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  return error.code === 'network' && cause instanceof Error && isTlsFailure(cause);
}

function networkError(error: NodeJS.ErrnoException, at: { endpoint: string; where: string; connected: boolean; answered: boolean }): EnlightError {
  const { endpoint, where } = at;
  const code = error.code ?? '';
  const advice = TRANSPORT_ADVICE;
  const notConnected = NOT_CONNECTED_CODES.has(code);
  const base = { code: 'network' as const, endpoint, cause: error, mayHaveApplied: notConnected ? false : at.connected };
  if (code === 'ECONNREFUSED') return new EnlightError({ ...base, message: `Could not connect to ${where} for ${endpoint}: the connection was refused. Is the server running at that address? ${advice}` });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
    return new EnlightError({ ...base, message: `Could not find the server ${where} for ${endpoint}: its name did not resolve (${code}). ${advice}` });
  }
  if (notConnected) return new EnlightError({ ...base, message: `Could not reach ${where} for ${endpoint} (${code}). ${advice}` });
  if (CERTIFICATE_CODE.test(code)) {
    return new EnlightError({
      ...base,
      mayHaveApplied: false,
      message: `The secure connection to ${where} for ${endpoint} failed: its certificate was not accepted (${code}). Check the address; if it is right, something between you and the server may be intercepting the connection.`,
    });
  }
  if (isTlsFailure(error)) {
    const reason = /SSL routines:[^:]*:([^:]+)/.exec(error.message)?.[1]?.trim() ?? code;
    return new EnlightError({
      ...base,
      mayHaveApplied: false,
      message: `The secure connection to ${where} for ${endpoint} could not be set up (${reason}). The server may not speak HTTPS at that address: check the address (a sandbox on this computer uses http://).`,
    });
  }
  if (at.answered) {
    return new EnlightError({ ...base, message: `The connection to ${where} broke while the answer to ${endpoint} was arriving. ${advice}` });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(error.message)) {
    return new EnlightError({ ...base, message: `The server ${where} closed the connection without answering ${endpoint}. ${advice}` });
  }
  return new EnlightError({ ...base, message: `${endpoint} failed on the way to ${where}: ${error.message}${code ? ` (${code})` : ''}. ${advice}` });
}
