// Test helper (Node only). A tiny HTTP server on 127.0.0.1 that fake providers build on: it records every
// request, and can be told to misbehave the way real providers do (429 with Retry-After, 5xx, 401,
// malformed JSON, a connection destroyed mid-body, a request that never gets an answer).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export type Fault =
  /** answer with this status (and the provider's documented error body unless one is given) */
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** 200 with a body that is not valid JSON (the real page, cut and garbled) */
  | { kind: 'malformed' }
  /** send the headers (with the full Content-Length) and half of the real body, then destroy the socket */
  | { kind: 'drop' }
  /** never answer (for timeout and cancellation tests) */
  | { kind: 'hang' };

export const faults = {
  status: (status: number, body?: unknown): Fault => (body === undefined ? { kind: 'status', status } : { kind: 'status', status, body }),
  rateLimited: (retryAfter?: string): Fault => (retryAfter === undefined ? { kind: 'status', status: 429 } : { kind: 'status', status: 429, retryAfter }),
  unavailable: (retryAfter?: string): Fault => (retryAfter === undefined ? { kind: 'status', status: 503 } : { kind: 'status', status: 503, retryAfter }),
  serverError: (): Fault => ({ kind: 'status', status: 500 }),
  unauthorized: (): Fault => ({ kind: 'status', status: 401 }),
  malformed: (): Fault => ({ kind: 'malformed' }),
  drop: (): Fault => ({ kind: 'drop' }),
  hang: (): Fault => ({ kind: 'hang' }),
};

export interface Behaviour {
  fault: Fault;
  /** how many matching requests get the fault; default: every one until setBehaviour is called again */
  times?: number;
  /** let this many matching requests through normally first (e.g. fail only page 3: skip 2) */
  skip?: number;
  /** which requests it applies to; default all */
  match?: (req: RecordedRequest) => boolean;
}

export interface RecordedRequest {
  method: string;
  /** path and query, as sent */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the fault injected into this request's answer, if any */
  fault?: Fault['kind'];
}

/** A raw JSON number: serialized from its text, so fakes can send values no JS number holds exactly. */
export class RawNumber {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new RawNumber(text);

/** JSON.stringify that writes RawNumber values verbatim. */
export function stringifyJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawNumber) {
      raws.push(v.text);
      return `\u0000RAW${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

export interface FakeResponse {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface FakeServer {
  /** http://127.0.0.1:<port> (no trailing slash) */
  url: string;
  requests: RecordedRequest[];
  /** replaces the misbehaviour plan; null or [] = behave */
  setBehaviour(behaviour: Behaviour | Behaviour[] | null): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  handle(req: RecordedRequest): FakeResponse | Promise<FakeResponse>;
  /** the provider's documented error body for a status (used by status faults without a body) */
  errorBody(status: number): unknown;
}

interface PlanEntry extends Behaviour {
  seen: number;
  used: number;
}

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let plan: PlanEntry[] = [];
  const sockets = new Set<Socket>();

  const pickFault = (req: RecordedRequest): Fault | undefined => {
    for (const entry of plan) {
      if (entry.match && !entry.match(req)) continue;
      entry.seen++;
      if (entry.seen <= (entry.skip ?? 0)) continue;
      if (entry.used >= (entry.times ?? Number.POSITIVE_INFINITY)) continue;
      entry.used++;
      return entry.fault;
    }
    return undefined;
  };

  const send = (res: http.ServerResponse, r: FakeResponse) => {
    const body = r.text ?? stringifyJson(r.json ?? null);
    res.writeHead(r.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...r.headers,
    });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rec: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          path: u.pathname,
          query: u.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(rec);
        const fault = pickFault(rec);
        if (fault) rec.fault = fault.kind;
        try {
          if (fault?.kind === 'hang') return;
          if (fault?.kind === 'status') {
            send(res, {
              status: fault.status,
              json: fault.body ?? options.errorBody(fault.status),
              ...(fault.retryAfter === undefined ? {} : { headers: { 'retry-after': fault.retryAfter } }),
            });
            return;
          }
          const normal = await options.handle(rec);
          if (fault?.kind === 'malformed') {
            const body = normal.text ?? stringifyJson(normal.json ?? null);
            send(res, { status: 200, text: `${body.slice(0, Math.max(1, Math.floor(body.length * 0.6)))}}{"oops` });
            return;
          }
          if (fault?.kind === 'drop') {
            const body = Buffer.from(normal.text ?? stringifyJson(normal.json ?? null));
            res.writeHead(normal.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
              // give the client time to receive the first half, then cut the connection
              setTimeout(() => res.socket?.destroy(), 5);
            });
            return;
          }
          send(res, normal);
        } catch (err) {
          send(res, { status: 500, json: { message: `fake server bug: ${(err as Error).message}` } });
        }
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour(behaviour) {
      const list = behaviour === null ? [] : Array.isArray(behaviour) ? behaviour : [behaviour];
      plan = list.map((b) => ({ ...b, seen: 0, used: 0 }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Deterministic PRNG (mulberry32) so every fake serves the same data for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** integer in [min, max] */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

/** Reads a header that may be repeated. */
export function header(req: RecordedRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export const DAY_MS = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
