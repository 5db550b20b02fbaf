// A bare HTTP client for tests of the sandbox: node:http, so that a test can send exactly the
// bytes it means to (a GET with a body, no Content-Type, a malformed body, a foreign Host).
import { request } from 'node:http';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface CallOptions {
  key?: string | null;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  host?: string;
}

export function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers['Authorization'] = `Bearer ${options.key}`;
  if (options.host) headers['Host'] = options.host;
  if (payload !== undefined && typeof options.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A sandbox for one test file, with a client bound to it and the owner's key by default. */
export async function openSandbox(options: SandboxOptions = {}) {
  const sandbox: Sandbox = await startSandbox({ scale: 200, ...options });
  const owner = sandbox.org.ownerApiKey;
  return {
    sandbox,
    owner,
    // `key: null` sends no Authorization header; leaving it out sends the owner's key.
    call: (method: string, path: string, opts: CallOptions = {}) => call(sandbox.url, method, path, { ...opts, key: opts.key === undefined ? owner : opts.key }),
    close: () => sandbox.close(),
  };
}
