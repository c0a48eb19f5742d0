// Test helper (Node only). A fake ElevenLabs GET /v1/usage/character-stats with the documented query
// (start_unix/end_unix in ms, breakdown_type, aggregation_interval, include_workspace_metrics, metric) and response
// { time: [...], usage: { <key>: [...] } }: https://elevenlabs.io/docs/api-reference/usage/get
import { header, prng, startFakeServer, DAY_MS, type FakeServer } from './fake-server';

export interface FakeElevenLabsOptions {
  seed?: number;
  apiKey?: string;
  /** API key names used in the breakdown */
  keys?: string[];
  /** UTC days with usage, inclusive, YYYY-MM-DD */
  from: string;
  to: string;
}

export interface FakeElevenLabs extends FakeServer {
  apiKey: string;
  keys: string[];
  /** characters of key on the UTC day starting at dayMs (0 = none) */
  characters(key: string, dayMs: number): number;
  revise(key: string, day: string, characters: number): void;
}

export async function startFakeElevenLabs(options: FakeElevenLabsOptions): Promise<FakeElevenLabs> {
  const seed = options.seed ?? 1;
  const apiKey = options.apiKey ?? 'xi-test-key';
  const keys = options.keys ?? ['Client A production', 'client-b', 'Agency internal'];
  const fromMs = Date.parse(`${options.from}T00:00:00Z`);
  const toMs = Date.parse(`${options.to}T00:00:00Z`);
  const revisions = new Map<string, number>();

  const characters = (key: string, dayMs: number) => {
    const rev = revisions.get(`${key}|${new Date(dayMs).toISOString().slice(0, 10)}`);
    if (rev !== undefined) return rev;
    if (dayMs < fromMs || dayMs > toMs) return 0;
    const r = prng(seed * 97 + keys.indexOf(key) * 7_919 + Math.floor(dayMs / DAY_MS));
    return r.next() < 0.25 ? 0 : r.int(1, 250_000);
  };

  const errorBody = (status: number) =>
    status === 401
      ? { detail: { status: 'invalid_api_key', message: 'Invalid API key' } }
      : status === 429
        ? { detail: { status: 'too_many_concurrent_requests', message: 'Too many concurrent requests.' } }
        : { detail: { status: 'internal_error', message: 'Internal server error' } };

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      if (header(req, 'xi-api-key') !== apiKey) return { status: 401, json: errorBody(401) };
      if (req.path !== '/v1/usage/character-stats') return { status: 404, json: { detail: 'Not Found' } };
      const start = Number(req.query.get('start_unix'));
      const end = Number(req.query.get('end_unix'));
      if (!req.query.get('start_unix') || !req.query.get('end_unix') || !Number.isInteger(start) || !Number.isInteger(end)) {
        return { status: 422, json: { detail: [{ loc: ['query', 'start_unix'], msg: 'field required', type: 'value_error.missing' }] } };
      }
      const breakdown = req.query.get('breakdown_type') ?? 'none';
      if ((breakdown === 'api_keys' || breakdown === 'all_api_keys') && req.query.get('include_workspace_metrics') !== 'true') {
        return { status: 422, json: { detail: { status: 'invalid_parameters', message: 'Cannot break down by API key without include_workspace_metrics.' } } };
      }
      if ((req.query.get('aggregation_interval') ?? 'day') !== 'day') return { status: 422, json: { detail: { status: 'invalid_parameters', message: 'This fake only aggregates by day.' } } };
      const time: number[] = [];
      for (let t = start; t <= end; t += DAY_MS) time.push(t);
      const usage: Record<string, number[]> = {};
      if (breakdown === 'none') usage['All'] = time.map((t) => keys.reduce((s, k) => s + characters(k, t), 0));
      else for (const k of keys) usage[k] = time.map((t) => characters(k, t));
      return { json: { time, usage } };
    },
  });

  return {
    ...server,
    apiKey,
    keys,
    characters,
    revise(key, day, chars) {
      revisions.set(`${key}|${day}`, chars);
    },
  };
}
