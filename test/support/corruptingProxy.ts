// A proxy in front of the sandbox that can replace chosen answers with the kinds of garbage a real
// server or a broken proxy sends: malformed JSON, an HTML error page, a record without an id.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forwardRequest';

export interface Replacement {
  status: number;
  body: string;
  contentType?: string;
}

export async function corruptingProxy(target: string, corrupt: (method: string, path: string) => Replacement | undefined) {
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res) => {
    const replacement = corrupt(req.method ?? 'GET', req.url ?? '/');
    if (replacement) {
      req.resume();
      res.writeHead(replacement.status, { 'Content-Type': replacement.contentType ?? 'application/json; charset=utf-8' });
      res.end(replacement.body);
      return;
    }
    forwardRequest(upstream, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
