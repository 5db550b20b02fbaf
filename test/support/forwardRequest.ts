// Passes a request on to the sandbox as it came, for the test proxies in front of it; the answer
// goes to `onAnswer` (by default, straight back to the client).
import { request, type IncomingMessage, type ServerResponse } from 'node:http';

export function forwardRequest(upstream: URL, req: IncomingMessage, res: ServerResponse, onAnswer?: (answer: IncomingMessage) => void): void {
  const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
    if (onAnswer) return onAnswer(answer);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.destroy());
  req.pipe(forward);
}
