// Test helper (Node only). A fake Retell AI API serving POST /v3/list-calls with the documented body
// (filter_criteria.start_timestamp, filter_criteria.agent, sort_order, limit, pagination_key) and response
// { items, pagination_key, has_more }: https://docs.retellai.com/api-references/list-calls
import { header, prng, raw, startFakeServer, type FakeServer } from './fake-server';

export interface FakeRetellOptions {
  seed?: number;
  apiKey?: string;
  calls: number;
  /** start_timestamp of the first call, epoch ms */
  fromMs: number;
  spacingMs?: number;
  agents?: string[];
  /** calls whose metadata carries { client_ref } (every k-th call); 0 = none */
  metadataEvery?: number;
  /** the newest k calls are still ongoing */
  ongoing?: number;
}

export interface FakeRetellCall {
  call_id: string;
  agent_id: string;
  agent_version: number;
  call_type: 'phone_call' | 'web_call';
  call_status: 'registered' | 'not_connected' | 'ongoing' | 'ended' | 'error';
  start_timestamp: number;
  end_timestamp?: number;
  duration_ms?: number;
  /** cents as decimal text, sent as a JSON number with these digits */
  combined_cost?: string;
  metadata: Record<string, unknown>;
  disconnection_reason?: string;
}

export interface FakeRetell extends FakeServer {
  apiKey: string;
  calls: FakeRetellCall[];
  setCost(callId: string, cents: string): void;
  end(callId: string, durationMs: number, cents: string): void;
}

export async function startFakeRetell(options: FakeRetellOptions): Promise<FakeRetell> {
  const seed = options.seed ?? 1;
  const apiKey = options.apiKey ?? 'key_retell_test';
  const rng = prng(seed);
  const agents = options.agents ?? ['agent_oBeDLoLOeu', 'agent_7Hq2kd9x'];
  const spacing = options.spacingMs ?? 90_000;
  const calls: FakeRetellCall[] = [];
  for (let i = 0; i < options.calls; i++) {
    const start = options.fromMs + i * spacing;
    const duration = rng.int(1_000, 600_000);
    const cents = `${rng.int(0, 80)}.${rng.int(0, 9)}${rng.int(0, 9)}`;
    const notConnected = i % 17 === 16;
    calls.push({
      call_id: `call_${rng.hex(24)}`,
      agent_id: agents[i % agents.length]!,
      agent_version: 1 + (i % 3),
      call_type: i % 4 === 0 ? 'web_call' : 'phone_call',
      call_status: notConnected ? 'not_connected' : 'ended',
      start_timestamp: start,
      ...(notConnected ? {} : { end_timestamp: start + duration, duration_ms: duration }),
      combined_cost: notConnected ? '0' : cents,
      metadata: options.metadataEvery && i % options.metadataEvery === 0 ? { client_ref: `client-${i % 5}` } : {},
      disconnection_reason: notConnected ? 'dial_no_answer' : 'user_hangup',
    });
  }
  for (const c of calls.slice(calls.length - (options.ongoing ?? 0))) {
    c.call_status = 'ongoing';
    delete c.end_timestamp;
    delete c.duration_ms;
    delete c.combined_cost;
  }

  const errorBody = (status: number) => ({ status: 'error', message: status === 401 ? 'Unauthorized: invalid API key.' : status === 429 ? 'Too many requests.' : 'Internal server error.' });

  const wire = (c: FakeRetellCall) => ({
    call_type: c.call_type,
    call_id: c.call_id,
    agent_id: c.agent_id,
    agent_version: c.agent_version,
    agent_name: 'Fake agent',
    call_status: c.call_status,
    metadata: c.metadata,
    start_timestamp: c.start_timestamp,
    ...(c.end_timestamp === undefined ? {} : { end_timestamp: c.end_timestamp }),
    ...(c.duration_ms === undefined ? {} : { duration_ms: c.duration_ms }),
    disconnection_reason: c.disconnection_reason,
    ...(c.combined_cost === undefined
      ? {}
      : {
          call_cost: {
            product_costs: [{ product: 'retell_platform', unit_price: raw('0.1167'), cost: raw(c.combined_cost) }],
            total_duration_seconds: Math.ceil((c.duration_ms ?? 0) / 1000),
            total_duration_unit_price: raw('0.1167'),
            combined_cost: raw(c.combined_cost),
          },
        }),
  });

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      if (header(req, 'authorization') !== `Bearer ${apiKey}`) return { status: 401, json: errorBody(401) };
      if (req.method !== 'POST' || req.path !== '/v3/list-calls') return { status: 404, json: { status: 'error', message: 'Not found.' } };
      let body: Record<string, unknown>;
      try {
        body = (req.body ? JSON.parse(req.body) : {}) as Record<string, unknown>;
      } catch {
        return { status: 400, json: { status: 'error', message: 'Invalid JSON body.' } };
      }
      if (body['skip'] !== undefined && body['pagination_key'] !== undefined) return { status: 400, json: { status: 'error', message: 'skip and pagination_key are exclusive.' } };
      const limit = (body['limit'] as number | undefined) ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, json: { status: 'error', message: 'limit must be 1-1000.' } };
      const filter = (body['filter_criteria'] ?? {}) as Record<string, { type: string; op: string; value: unknown }>;
      const st = filter['start_timestamp'] as { type: string; op: string; value: unknown } | undefined;
      const agentFilter = (filter['agent'] as unknown as Array<{ agent_id: string }> | undefined)?.map((a) => a.agent_id);
      let list = calls.filter((c) => {
        if (agentFilter && !agentFilter.includes(c.agent_id)) return false;
        if (!st) return true;
        const t = c.start_timestamp;
        const v = st.value as number | number[];
        switch (st.op) {
          case 'bt':
            return t >= (v as number[])[0]! && t <= (v as number[])[1]!;
          case 'gt':
            return t > (v as number);
          case 'ge':
            return t >= (v as number);
          case 'lt':
            return t < (v as number);
          case 'le':
            return t <= (v as number);
          case 'eq':
            return t === v;
          default:
            return true;
        }
      });
      list = list.sort((a, b) => (body['sort_order'] === 'ascending' ? a.start_timestamp - b.start_timestamp : b.start_timestamp - a.start_timestamp));
      const offset = typeof body['pagination_key'] === 'string' ? (JSON.parse(Buffer.from(body['pagination_key'], 'base64url').toString()) as { o: number }).o : 0;
      const items = list.slice(offset, offset + limit);
      const hasMore = offset + limit < list.length;
      return {
        json: {
          pagination_key: hasMore ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null,
          has_more: hasMore,
          items: items.map(wire),
        },
      };
    },
  });

  return {
    ...server,
    apiKey,
    calls,
    setCost(callId, cents) {
      calls.find((c) => c.call_id === callId)!.combined_cost = cents;
    },
    end(callId, durationMs, cents) {
      const c = calls.find((x) => x.call_id === callId)!;
      c.call_status = 'ended';
      c.duration_ms = durationMs;
      c.end_timestamp = c.start_timestamp + durationMs;
      c.combined_cost = cents;
    },
  };
}
