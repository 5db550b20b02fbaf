// Compressed answers: the client asks for gzip or brotli and unpacks what comes, from the sandbox
// (which compresses with --gzip, as a real server's front does) and from a server of our own that
// sends what no honest server would: a body that unpacks to far more than any answer, a broken
// stream, an encoding never asked for.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { nodeHttpTransport } from '../../../src/main/api/transport';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { expectEnlightError, hostileServer, rememberKey } from './helpers';

const KEY = rememberKey('7a1c0e2b-3d4f-4a5b-8c6d-9e0f1a2b3c4d');
const GROUP = { id: 'e0c351c8-8516-4e42-b719-6c11f181624b', name: 'Class of 2020' };

let server: Awaited<ReturnType<typeof hostileServer>>;
let transport: ReturnType<typeof nodeHttpTransport>;

beforeAll(async () => {
  server = await hostileServer((_req, res) => res.end());
  // A small limit, so that a bomb is one too.
  transport = nodeHttpTransport({ maxResponseBytes: 1024 * 1024 });
});
afterAll(async () => {
  transport.close();
  await server.close();
});

const client = () => new EnlightClient({ baseUrl: server.url, apiKey: KEY, transport: transport.transport, retries: 0 });

/** Answers every request with `body`, packed as `encoding` says. */
function answerPacked(body: Buffer, encoding: string) {
  server.setHandler((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': body.length });
    res.end(body);
  });
}

describe('against the sandbox, compressing as a real server does', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 100, gzip: true });
  });
  afterAll(() => sandbox.close());

  it('asks for compressed answers and reads a gzipped page as any other', async () => {
    const packed = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, transport: transport.transport });
    const page = await packed.list('students', { limit: 100, offset: 0 });
    expect(page).toHaveLength(100);
    // The page did come packed (the sandbox only packs for clients that ask), and holds what the
    // same page sent as it is holds.
    const get = (headers: Record<string, string>) =>
      transport.transport({ method: 'GET', url: `${sandbox.url}/api/v1/students?limit=100&offset=0`, headers: { Authorization: `Bearer ${sandbox.org.ownerApiKey}`, ...headers }, timeoutMs: 10_000 });
    const gzipped = await get({});
    const asItIs = await get({ 'Accept-Encoding': 'identity' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(asItIs.headers['content-encoding']).toBeUndefined();
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(Number(asItIs.headers['content-length']) / 3);
    expect(gzipped.body).toBe(asItIs.body);
    expect(page).toEqual(JSON.parse(asItIs.body));
  });
});

describe('a server of our own', () => {
  it('sends Accept-Encoding, and a brotli answer is read too', async () => {
    answerPacked(brotliCompressSync(JSON.stringify([GROUP])), 'br');
    expect(await client().list('groups')).toEqual([GROUP]);
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, br');
  });

  it('refuses a small answer that unpacks to more than any answer, without holding it', async () => {
    // 2 MiB of spaces pack to about 2 KiB.
    answerPacked(gzipSync(`[${' '.repeat(2 * 1024 * 1024)}]`), 'gzip');
    const error = await expectEnlightError(client().list('groups'), 'bad-response');
    expect(error.message).toContain("The server's answer to GET /api/v1/groups was larger than 1 MiB");
  });

  it('says a packed answer that cannot be unpacked could not be, naming the endpoint', async () => {
    const packed = gzipSync(JSON.stringify([GROUP]));
    answerPacked(Buffer.concat([packed.subarray(0, 12), Buffer.from('not gzip at all'), packed.subarray(12)]), 'gzip');
    const error = await expectEnlightError(client().list('groups'), 'bad-response');
    expect(error.message).toMatch(/^The server's answer to GET \/api\/v1\/groups said it was compressed \(gzip\) but could not be unpacked/);
  });

  it('refuses an encoding it never asked for', async () => {
    answerPacked(Buffer.from(JSON.stringify([GROUP])), 'compress');
    const error = await expectEnlightError(client().list('groups'), 'bad-response');
    expect(error.message).toContain('in an encoding this app did not ask for and cannot read ("compress")');
  });

  it('takes an empty body marked as packed for an empty one', async () => {
    answerPacked(Buffer.alloc(0), 'gzip');
    await expect(client().deleteGroup(GROUP.id)).resolves.toBeUndefined();
  });
});
