// A proxy that lets chosen requests reach the sandbox and then drops the connection instead of
// passing the answer back: the request was carried out, but the client never hears so.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forwardRequest';

export async function answerLosingProxy(target: string, loseAnswer: (method: string, path: string) => boolean) {
  const upstream = new URL(target);
  let lost = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const lose = loseAnswer(req.method ?? 'GET', req.url ?? '/');
    const dropAnswer = (answer: IncomingMessage) => {
      lost++;
      answer.resume();
      answer.on('end', () => res.socket?.destroy());
    };
    forwardRequest(upstream, req, res, lose ? dropAnswer : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
