// Test helper: an HTTP proxy on 127.0.0.1 in front of the fake Stripe server for kill -9 tests. Armed with a
// request rule, it forwards the matching request, waits until the server has answered (so the request was
// committed there), calls `onCommitted` (the test kills the client process) and never passes the answer on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KillRule {
  method: string;
  path: RegExp;
  /** the nth matching request (default 1) */
  nth?: number;
}

export interface KillProxy {
  url: string;
  /** the next request matching `rule` is committed upstream, then `onCommitted` runs and the answer is withheld */
  arm(rule: KillRule, onCommitted: () => void): void;
  /** forgets an armed rule that did not match */
  disarm(): void;
  close(): Promise<void>;
}

export interface KillProxyOptions {
  /** sees every upstream answer before it is passed on (or withheld), e.g. to act on the fake server's state */
  onAnswer?(request: { method: string; path: string }, status: number, body: Buffer): void;
}

export async function startKillProxy(target: string, options: KillProxyOptions = {}): Promise<KillProxy> {
  const t = new URL(target);
  let armed: { rule: KillRule; seen: number; onCommitted: () => void } | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let hit = false;
      if (armed && req.method === armed.rule.method && armed.rule.path.test(path) && ++armed.seen === (armed.rule.nth ?? 1)) hit = true;
      const up = http.request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: { ...req.headers, host: t.host } }, (r) => {
        const body: Buffer[] = [];
        r.on('data', (c: Buffer) => body.push(c));
        r.on('end', () => {
          options.onAnswer?.({ method: req.method ?? 'GET', path }, r.statusCode ?? 502, Buffer.concat(body));
          if (hit && armed) {
            const { onCommitted } = armed;
            armed = null;
            onCommitted();
            // the client is being killed: it never sees the answer
            req.socket.destroy();
            return;
          }
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arm: (rule, onCommitted) => (armed = { rule, seen: 0, onCommitted }),
    disarm: () => (armed = null),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
