// Runs in main (browser-mode bridge). GET /api/events: every bus event as a Server-Sent Event
// (`event: <name>` / `data: <json>`), a `: ping` comment every 15 s so idle streams stay open.
import type { ServerResponse } from 'node:http';
import type { EventBus } from '../services/event-bus';

export const EVENTS_PATH = '/api/events';
export const PING_INTERVAL_MS = 15_000;
/** a client this far behind is not reading; drop it rather than buffer without bound */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface EventStreams {
  open(res: ServerResponse): void;
  /** ends every open stream (server shutdown) */
  closeAll(): void;
}

export function createEventStreams(bus: Pick<EventBus, 'subscribe'>, pingIntervalMs = PING_INTERVAL_MS): EventStreams {
  const streams = new Set<() => void>();

  return {
    open(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      const write = (chunk: string) => {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(chunk);
      };
      // subscribe before anything reaches the client: once it sees the stream, it sees every later event
      const unsubscribe = bus.subscribe((name, payload) => write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
      const ping = setInterval(() => write(': ping\n\n'), pingIntervalMs);
      ping.unref();
      const stop = () => {
        if (!streams.delete(stop)) return;
        clearInterval(ping);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      streams.add(stop);
      // res 'close' fires when the client goes away (req 'close' fires as soon as the request is read)
      res.on('close', stop);
      write(': connected\n\n');
    },
    closeAll() {
      for (const stop of [...streams]) stop();
    },
  };
}
