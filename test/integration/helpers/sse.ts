// Test helper. Reads a Server-Sent Events stream and waits for named events.
import http from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** every comment line seen (": ping", ": connected") */
  comments: string[];
  /** resolves with the next event of that name (already received ones count) */
  waitFor(name: string, timeoutMs?: number): Promise<SseEvent>;
  /** resolves when the server ends the stream */
  ended: Promise<void>;
  close(): void;
}

export function openSse(origin: string, path: string, headers: Record<string, string>): Promise<SseStream> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: hostname, port: Number(port), path, headers, agent: false }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters: { name: string; resolve: (e: SseEvent) => void }[] = [];
      let buffer = '';
      const deliver = () => {
        for (const w of [...waiters]) {
          const i = events.findIndex((e) => e.event === w.name);
          if (i < 0) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(events.splice(i, 1)[0]!);
        }
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line);
            } else if (line.startsWith('event: ')) {
              event = line.slice(7);
              isEvent = true;
            } else if (line.startsWith('data: ')) {
              data.push(line.slice(6));
              isEvent = true;
            }
          }
          if (isEvent) events.push({ event, data: data.join('\n') });
        }
        deliver();
      });
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        comments,
        ended,
        waitFor(name, timeoutMs = 5000) {
          return new Promise((resolveEvent, rejectEvent) => {
            const timer = setTimeout(() => rejectEvent(new Error(`no "${name}" event within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              name,
              resolve: (e) => {
                clearTimeout(timer);
                resolveEvent(e);
              },
            });
            deliver();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
