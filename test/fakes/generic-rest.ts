// Test helper (Node only). A fake agency platform API in the style of the reference platforms (AgentClara
// interactions, CloseBot messages): the same usage records behind four paging styles, for the generic REST
// connector and for e2e tests that wire a platform in without code.
//   GET  /v1/interactions?cursor&limit&from&to      -> { data: { items }, meta: { next_cursor } }        (cursor)
//   POST /v1/interactions/search {cursor, limit}    -> same                                               (cursor, POST)
//   GET  /v1/interactions/paged?page&per_page       -> { items, page, total_pages }                      (page number)
//   GET  /v1/interactions/linked?offset&limit       -> { results, links: { next: "/v1/…" | null } }      (next URL)
//   GET  /v1/interactions/window?since&until (unix) -> { interactions }                                  (time window)
import { header, prng, raw, startFakeServer, type FakeServer, type RecordedRequest } from './fake-server';

export interface FakeGenericRestOptions {
  seed?: number;
  token?: string;
  records: number;
  /** occurred_at of the first record (ISO) */
  from: string;
  spacingMs?: number;
  clients?: string[];
}

export interface FakeUsageRow {
  uuid: string;
  account: { id: string; name: string };
  kind: 'interaction' | 'message';
  units: number;
  occurred_at: string;
  occurred_unix: number;
  /** decimal text, sent as a JSON number */
  amount: string;
  currency: string;
}

export interface FakeGenericRest extends FakeServer {
  token: string;
  rows: FakeUsageRow[];
}

export async function startFakeGenericRest(options: FakeGenericRestOptions): Promise<FakeGenericRest> {
  const rng = prng(options.seed ?? 1);
  const token = options.token ?? 'ac_live_test_token';
  const clients = options.clients ?? ['client-1', 'client-2', 'client-3'];
  const spacing = options.spacingMs ?? 20 * 60_000;
  const base = Date.parse(options.from);
  const rows: FakeUsageRow[] = Array.from({ length: options.records }, (_, i) => {
    const at = base + i * spacing;
    const kind = i % 4 === 3 ? 'message' : 'interaction';
    const units = kind === 'message' ? rng.int(1, 9) : 1;
    return {
      uuid: `int_${String(i).padStart(6, '0')}`,
      account: { id: clients[i % clients.length]!, name: `Client ${i % clients.length}` },
      kind,
      units,
      occurred_at: new Date(at).toISOString(),
      occurred_unix: Math.floor(at / 1000),
      amount: kind === 'message' ? `0.0${units * 6}` : '0.35',
      currency: 'usd',
    };
  });
  const wire = (r: FakeUsageRow) => ({
    uuid: r.uuid,
    account: r.account,
    kind: r.kind,
    units: r.units,
    occurred_at: r.occurred_at,
    occurred_unix: r.occurred_unix,
    billing: { amount: raw(r.amount), currency: r.currency },
  });
  const inRange = (req: RecordedRequest, body?: Record<string, unknown>) => {
    const from = (body?.['from'] as string | undefined) ?? req.query.get('from');
    const to = (body?.['to'] as string | undefined) ?? req.query.get('to');
    return rows.filter((r) => (!from || r.occurred_at >= from) && (!to || r.occurred_at <= to));
  };
  const errorBody = (status: number) => ({ error: { status, message: status === 401 ? 'Invalid or expired token' : status === 429 ? 'Slow down' : 'Something went wrong' } });
  const cursorPage = (all: FakeUsageRow[], cursor: string | null, limit: number) => {
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
    const slice = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    return { json: { data: { items: slice.map(wire) }, meta: { next_cursor: more ? Buffer.from(String(offset + limit)).toString('base64url') : null } } };
  };

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      if (header(req, 'authorization') !== `Bearer ${token}`) return { status: 401, json: errorBody(401) };
      const limit = Number(req.query.get('limit') ?? '50');
      switch (`${req.method} ${req.path}`) {
        case 'GET /v1/interactions':
          return cursorPage(inRange(req), req.query.get('cursor') || null, limit);
        case 'POST /v1/interactions/search': {
          const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
          return cursorPage(inRange(req, body), (body['cursor'] as string) || null, Number(body['limit'] ?? 50));
        }
        case 'GET /v1/interactions/paged': {
          const page = Number(req.query.get('page') ?? '1');
          const per = Number(req.query.get('per_page') ?? '25');
          return { json: { items: rows.slice((page - 1) * per, page * per).map(wire), page, total_pages: Math.ceil(rows.length / per) } };
        }
        case 'GET /v1/interactions/linked': {
          const offset = Number(req.query.get('offset') ?? '0');
          const more = offset + limit < rows.length;
          return { json: { results: rows.slice(offset, offset + limit).map(wire), links: { next: more ? `/v1/interactions/linked?offset=${offset + limit}&limit=${limit}` : null } } };
        }
        case 'GET /v1/interactions/window': {
          const since = Number(req.query.get('since'));
          const until = Number(req.query.get('until'));
          return { json: { interactions: rows.filter((r) => r.occurred_unix >= since && r.occurred_unix < until).map(wire) } };
        }
        default:
          return { status: 404, json: { error: { status: 404, message: 'No such route' } } };
      }
    },
  });
  return { ...server, token, rows };
}

/** How the generic REST connector reads this fake's records (its field paths). */
export const GENERIC_REST_FIELDS = {
  id: 'uuid',
  clientKey: 'account.id',
  metric: 'kind',
  metricMap: { interaction: 'interactions', message: 'messages' },
  quantity: 'units',
  timestamp: 'occurred_at',
  cost: 'billing.amount',
  currency: 'billing.currency',
};

/** The connector settings for this fake at `baseUrl` (itself or a proxy in front of it), cursor paging, `limit` per page. */
export function genericRestSettings(baseUrl: string, options: { limit: number; backfillDays: number }) {
  return {
    name: 'AgentClara',
    urlTemplate: `${baseUrl}/v1/interactions?limit=${options.limit}&from={from}&to={to}`,
    auth: { kind: 'header', header: 'Authorization', valueTemplate: 'Bearer {secret}' },
    paging: { style: 'cursor', cursorPath: 'meta.next_cursor', param: 'cursor' },
    recordsPath: 'data.items',
    fields: GENERIC_REST_FIELDS,
    backfillDays: options.backfillDays,
  };
}
