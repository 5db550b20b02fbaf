// The grid bench's back end, on loopback: serves the built harness pages and answers
// `students.query` at POST /bridge in browser mode's wire format (BridgeResult), checked by the
// call's own zod schema and answered by queryWindow — the function the app's `students.query`
// uses. Both grids ask here, through the same web transport, so they get the same rows the same way.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MirrorStore } from '../../src/main/store/MirrorStore';
import { queryWindow } from '../../src/main/store/gridQuery';
import { contentTypeFor, resolveStaticFile } from '../../src/main/staticFiles';
import { callInputs, type BridgeResult } from '../../src/shared/bridge';

export interface BenchServer {
  url: string;
  /** `students.query` calls answered so far. */
  readonly queries: number;
  /** Other calls a page made, refused: a grid that needs them is not measured as the app runs it. */
  readonly refused: string[];
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startBenchServer(store: MirrorStore, harnessDir: string): Promise<BenchServer> {
  let queries = 0;
  const refused: string[] = [];
  const answer = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  const bridgeCall = async (req: IncomingMessage): Promise<BridgeResult> => {
    let text = '';
    for await (const chunk of req) {
      text += String(chunk);
      if (text.length > MAX_BODY) return { ok: false, error: { code: 'validation', message: 'The request is too large.' } };
    }
    const body = JSON.parse(text) as { name?: unknown; input?: unknown };
    if (body.name !== 'students.query') {
      refused.push(String(body.name));
      return { ok: false, error: { code: 'unknown-call', message: `The grid bench answers students.query only, not ${String(body.name)}.` } };
    }
    const input = callInputs['students.query'].safeParse(body.input);
    if (!input.success) return { ok: false, error: { code: 'validation', message: input.error.message } };
    queries++;
    return { ok: true, value: queryWindow(store.db, 'students', input.data) };
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && path === '/bridge') {
      bridgeCall(req).then(
        (result) => answer(res, 200, 'application/json', JSON.stringify(result)),
        (error: unknown) => answer(res, 200, 'application/json', JSON.stringify({ ok: false, error: { code: 'internal', message: String(error) } } satisfies BridgeResult)),
      );
      return;
    }
    const file = req.method === 'GET' ? resolveStaticFile(harnessDir, path) : undefined;
    if (!file) return answer(res, 404, 'text/plain', 'not found');
    readFile(file).then(
      (content) => answer(res, 200, contentTypeFor(file), content),
      () => answer(res, 500, 'text/plain', 'unreadable'),
    );
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get queries() {
      return queries;
    },
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
