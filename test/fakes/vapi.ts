// Test helper (Node only). A fake Vapi API serving GET /call with the documented filters
// (createdAtGt/Ge/Lt/Le, limit, assistantId, phoneNumberId, id) and Call objects, newest first:
// https://docs.vapi.ai/api-reference/calls/list
import { header, prng, raw, startFakeServer, type FakeServer } from './fake-server';

export interface FakeVapiOptions {
  seed?: number;
  apiKey?: string;
  /** number of calls */
  calls: number;
  /** createdAt of the first call (ISO) */
  from: string;
  /** ms between consecutive calls' createdAt */
  spacingMs?: number;
  /** [firstIndex, count]: these calls (creation order) share the createdAt of the first of them */
  sharedCreatedAt?: Array<[number, number]>;
  /** the newest k calls are still in progress (no endedAt, no cost) */
  inProgress?: number;
  /** server order; Vapi returns newest first */
  order?: 'desc' | 'asc';
}

export interface FakeVapiCall {
  id: string;
  orgId: string;
  type: string;
  status: string;
  endedReason?: string;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  endedAt?: string;
  /** decimal text, served as a JSON number with these digits */
  cost?: string;
  assistantId?: string;
  phoneNumberId?: string;
}

export interface FakeVapi extends FakeServer {
  apiKey: string;
  /** all calls, creation order */
  calls: FakeVapiCall[];
  /** ends an in-progress call now-ish */
  finish(id: string, durationMs: number, cost: string): void;
  /** appends calls created after the existing ones (or from `fromIso`) */
  add(count: number, spacingMs?: number, fromIso?: string): FakeVapiCall[];
}

export async function startFakeVapi(options: FakeVapiOptions): Promise<FakeVapi> {
  const seed = options.seed ?? 1;
  const apiKey = options.apiKey ?? 'vapi-private-test-key';
  const spacing = options.spacingMs ?? 60_000;
  const rng = prng(seed);
  const calls: FakeVapiCall[] = [];
  const assistants = ['asst_alpha', 'asst_beta', 'asst_gamma'];

  const make = (i: number, createdMs: number): FakeVapiCall => {
    const started = createdMs + rng.int(200, 4_000);
    const ended = started + rng.int(3_000, 900_000);
    const call: FakeVapiCall = {
      id: `call_${String(i).padStart(5, '0')}_${rng.hex(6)}`,
      orgId: 'org_fake',
      type: i % 3 === 0 ? 'webCall' : 'inboundPhoneCall',
      status: 'ended',
      endedReason: 'customer-ended-call',
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(ended + 1_000).toISOString(),
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(ended).toISOString(),
      cost: `${rng.int(0, 2)}.${String(rng.int(0, 9999)).padStart(4, '0')}`,
    };
    if (i % 11 !== 5) {
      if (i % 7 === 3) call.phoneNumberId = `pn_${i % 4}`;
      else call.assistantId = assistants[i % assistants.length]!;
      if (call.type !== 'webCall' && !call.phoneNumberId) call.phoneNumberId = `pn_${i % 4}`;
    }
    return call;
  };

  const add = (count: number, spacingMs = spacing, fromIso?: string): FakeVapiCall[] => {
    const base = fromIso ? Date.parse(fromIso) : calls.length ? Date.parse(calls[calls.length - 1]!.createdAt) + spacingMs : Date.parse(options.from);
    const added: FakeVapiCall[] = [];
    for (let k = 0; k < count; k++) {
      const c = make(calls.length, base + k * spacingMs);
      calls.push(c);
      added.push(c);
    }
    return added;
  };
  add(options.calls);
  for (const [first, count] of options.sharedCreatedAt ?? []) {
    for (let k = first + 1; k < first + count; k++) calls[k]!.createdAt = calls[first]!.createdAt;
  }
  for (const c of calls.slice(calls.length - (options.inProgress ?? 0))) {
    c.status = 'in-progress';
    delete c.endedAt;
    delete c.endedReason;
    delete c.cost;
  }

  const errorBody = (status: number) =>
    status === 401
      ? { message: 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.', error: 'Unauthorized', statusCode: 401 }
      : status === 429
        ? { message: 'ThrottlerException: Too Many Requests', error: 'Too Many Requests', statusCode: 429 }
        : { message: 'Internal server error', statusCode: status };

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      if (header(req, 'authorization') !== `Bearer ${apiKey}`) return { status: 401, json: errorBody(401) };
      if (req.path !== '/call') return { status: 404, json: { message: `Cannot GET ${req.path}`, error: 'Not Found', statusCode: 404 } };
      const limit = Number(req.query.get('limit') ?? '100');
      if (!(limit >= 0 && limit <= 1000)) return { status: 400, json: { message: ['limit must not be greater than 1000'], error: 'Bad Request', statusCode: 400 } };
      const bound = (k: string) => (req.query.get(k) === null ? null : Date.parse(req.query.get(k)!));
      const [gt, ge, lt, le] = ['createdAtGt', 'createdAtGe', 'createdAtLt', 'createdAtLe'].map(bound);
      const list = calls
        .map((c, i) => ({ c, i, at: Date.parse(c.createdAt) }))
        .filter(({ c, at }) => {
          if (gt !== null && !(at > gt!)) return false;
          if (ge !== null && !(at >= ge!)) return false;
          if (lt !== null && !(at < lt!)) return false;
          if (le !== null && !(at <= le!)) return false;
          for (const k of ['id', 'assistantId', 'phoneNumberId'] as const) if (req.query.get(k) !== null && c[k] !== req.query.get(k)) return false;
          return true;
        })
        .sort((a, b) => (options.order === 'asc' ? a.at - b.at || a.i - b.i : b.at - a.at || b.i - a.i))
        .slice(0, limit)
        .map(({ c }) => (c.cost === undefined ? c : { ...c, cost: raw(c.cost) }));
      return { json: list };
    },
  });

  return {
    ...server,
    apiKey,
    calls,
    add,
    finish(id, durationMs, cost) {
      const c = calls.find((x) => x.id === id)!;
      c.status = 'ended';
      c.endedReason = 'customer-ended-call';
      c.endedAt = new Date(Date.parse(c.startedAt!) + durationMs).toISOString();
      c.cost = cost;
    },
  };
}
