// Reads Server-Sent Events off a node:http response: each complete `event:`/`data:` frame is
// handed on as it arrives. Node has no EventSource without a flag.
import type { IncomingMessage } from 'node:http';

export function onSseFrames(res: IncomingMessage, onFrame: (event: string, data: string) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data !== undefined) onFrame(event, data);
    }
  });
}
