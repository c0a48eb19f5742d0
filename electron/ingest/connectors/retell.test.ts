import { afterEach, describe, expect, it } from 'vitest';
import { Dec, decText } from '../../../shared/money/decimal';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { startFakeRetell, type FakeRetell, type FakeRetellOptions } from '../../../test/fakes/retell';
import { retellConnector } from './retell';

const NOW = '2026-10-15T12:00:00.000Z';
const FROM = Date.parse('2026-10-10T00:00:00.000Z');

function ctxFor(f: FakeRetell, config: Record<string, unknown> = {}, now = NOW) {
  return testContext({ credentials: { apiKey: f.apiKey }, config: { baseUrl: f.url, backfillDays: 30, pageSize: 50, ...config }, now });
}

describe('Retell list-calls v3 connector', () => {
  let f: FakeRetell;
  const start = async (o: Partial<FakeRetellOptions> = {}) => {
    f = await startFakeRetell({ seed: 9, calls: 150, fromMs: FROM, ...o });
    return f;
  };
  afterEach(async () => {
    await f.close();
  });

  it('POSTs /v3/list-calls and follows pagination_key through 3 pages x 50, oldest first', async () => {
    await start();
    const r = await syncAll(retellConnector, ctxFor(f));
    expect(f.requests).toHaveLength(3);
    const bodies = f.requests.map((q) => JSON.parse(q.body) as Record<string, unknown>);
    const to = Date.parse(NOW) - 10 * 60_000;
    expect(bodies[0]).toEqual({
      filter_criteria: { start_timestamp: { type: 'range', op: 'bt', value: [Date.parse('2026-09-15T00:00:00Z'), to] } },
      sort_order: 'ascending',
      limit: 50,
    });
    expect(bodies[1]!['pagination_key']).toEqual(expect.any(String));
    expect(bodies[2]!['pagination_key']).not.toEqual(bodies[1]!['pagination_key']);
    expect(f.requests.every((q) => q.method === 'POST' && q.path === '/v3/list-calls' && q.headers.authorization === `Bearer ${f.apiKey}`)).toBe(true);
    expect(uniqueIds(r.events)).toEqual(f.calls.map((c) => c.call_id));
    expect(r.pages.map((p) => p.fetched)).toEqual([50, 50, 50]);
  });

  it('turns combined_cost cents into exact dollars (12.5 cents -> "0.125")', async () => {
    await start({ calls: 4 });
    const [a, b, c, d] = f.calls;
    f.setCost(a!.call_id, '12.5');
    f.setCost(b!.call_id, '0.1');
    f.setCost(c!.call_id, '1234.5678901234567891');
    f.setCost(d!.call_id, '7');
    const r = await syncAll(retellConnector, ctxFor(f));
    expect(r.events.map((e) => e.cost)).toEqual(['0.125', '0.001', '12.345678901234567891', '0.07']);
    expect(r.events.every((e) => e.costCurrency === 'USD')).toBe(true);
  });

  it('maps a call: seconds rounded up from duration_ms, agent as client key, start as time', async () => {
    await start();
    const r = await syncAll(retellConnector, ctxFor(f));
    const c = f.calls[0]!;
    expect(r.events[0]).toEqual({
      externalId: c.call_id,
      clientKey: `agent:${c.agent_id}`,
      metricKey: 'call_seconds',
      quantity: Math.ceil(c.duration_ms! / 1000),
      occurredAt: c.start_timestamp,
      cost: decText(new Dec(c.combined_cost!).div(100)),
      costCurrency: 'USD',
      attrs: { durationSeconds: Math.ceil(c.duration_ms! / 1000), callStatus: 'ended', disconnectionReason: 'user_hangup', agentId: c.agent_id, agentVersion: c.agent_version },
    });
    const notConnected = r.events.find((e) => e.externalId === f.calls[16]!.call_id)!;
    expect(notConnected).toMatchObject({ quantity: 0, cost: '0', attrs: { callStatus: 'not_connected' } });
  });

  it('takes the client from a configured metadata field when the call carries it, else from the agent', async () => {
    await start({ metadataEvery: 3 });
    const r = await syncAll(retellConnector, ctxFor(f, { metadataClientField: 'client_ref' }));
    expect(r.events[0]!.clientKey).toBe('metadata:client-0');
    expect(r.events[1]!.clientKey).toBe(`agent:${f.calls[1]!.agent_id}`);
    expect(r.events[3]!.clientKey).toBe('metadata:client-3');
  });

  it('resumes after a restart from the saved cursor; the next sync starts right after the window', async () => {
    await start();
    const clean = await syncAll(retellConnector, ctxFor(f));
    const first = await retellConnector.fetchPage(ctxFor(f), null);
    const rest = await syncAll(retellConnector, ctxFor(f), first.resumeCursor);
    expect([...first.events, ...rest.events]).toEqual(clean.events);
    f.requests.length = 0;
    await syncAll(retellConnector, ctxFor(f, {}, '2026-10-16T00:00:00.000Z'), clean.resumeCursor);
    const body = JSON.parse(f.requests[0]!.body) as { filter_criteria: { start_timestamp: { value: number[] } } };
    expect(body.filter_criteria.start_timestamp.value[0]).toBe(Date.parse(NOW) - 10 * 60_000 + 1);
  });

  it('does not book ongoing calls; the next sync starts at the oldest of them', async () => {
    await start({ calls: 20, ongoing: 2, fromMs: Date.parse('2026-10-15T10:00:00Z'), spacingMs: 60_000 });
    const first = await syncAll(retellConnector, ctxFor(f));
    expect(first.events).toHaveLength(18);
    const open = f.calls.slice(-2);
    for (const c of open) f.end(c.call_id, 30_001, '3.5');
    const second = await syncAll(retellConnector, ctxFor(f, {}, '2026-10-15T14:00:00.000Z'), first.resumeCursor);
    expect(second.events.map((e) => e.externalId)).toEqual(open.map((c) => c.call_id));
    expect(second.events.every((e) => e.quantity === 31 && e.cost === '0.035')).toBe(true);
  });

  it('rejects a call without a usable start time, keeping the rest', async () => {
    const { mapRetellCall, retellConfigSchema } = await import('./retell');
    const cfg = retellConfigSchema.parse({});
    expect(mapRetellCall({ call_id: 'c1', start_timestamp: 'yesterday' }, 4, cfg, Date.parse(NOW), undefined)).toEqual({
      rejected: { position: 4, externalId: 'c1', reason: 'The call\'s start_timestamp "yesterday" is not a time in milliseconds.' },
    });
    expect(mapRetellCall({ call_id: 'c2', start_timestamp: 1, call_status: 'ended', duration_ms: 1000, call_cost: { combined_cost: 'lots' } }, 5, cfg, 0, undefined)).toMatchObject({
      rejected: { reason: 'The call\'s combined_cost "lots" is not a number of cents.' },
    });
  });

  it('tests the connection', async () => {
    await start({ calls: 1 });
    expect(await retellConnector.testConnection(ctxFor(f))).toEqual({ ok: true, detail: 'Connected to Retell: the key can list calls.' });
    const bad = testContext({ credentials: { apiKey: 'nope' }, config: { baseUrl: f.url }, now: NOW });
    expect(await retellConnector.testConnection(bad)).toEqual({ ok: false, message: 'Retell rejected the credentials (401): check the Retell API key.' });
  });
});

describeTransportFaults({
  provider: 'Retell',
  authHint: /check the Retell API key\.$/,
  async setup() {
    const f = await startFakeRetell({ seed: 2, calls: 120, fromMs: FROM });
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f);
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    return { server: f, connector: retellConnector, context, cursor: null, isPageRequest: (r) => r.path === '/v3/list-calls', close: () => f.close() };
  },
});
