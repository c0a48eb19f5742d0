import { afterEach, describe, expect, it } from 'vitest';
import { Dec, decText } from '../../../shared/money/decimal';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../../test/fakes/vapi';
import { vapiConnector } from './vapi';

const NOW = '2026-10-15T12:00:00.000Z';

function ctxFor(f: FakeVapi, config: Record<string, unknown> = {}, now = NOW) {
  return testContext({ credentials: { apiKey: f.apiKey }, config: { baseUrl: f.url, backfillDays: 30, pageSize: 100, ...config }, now });
}

/** ids in the order a newest-first sync emits them */
const newestFirst = (f: FakeVapi) =>
  f.calls
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Date.parse(b.c.createdAt) - Date.parse(a.c.createdAt) || b.i - a.i)
    .map(({ c }) => c.id);

describe('Vapi calls connector', () => {
  let f: FakeVapi;
  const start = async (o: Partial<FakeVapiOptions> = {}) => {
    f = await startFakeVapi({ seed: 11, calls: 250, from: '2026-10-01T00:00:00.000Z', ...o });
    return f;
  };
  afterEach(async () => {
    await f.close();
  });

  it('pages by moving the created-at window: 3 pages, every call once', async () => {
    await start();
    const r = await syncAll(vapiConnector, ctxFor(f));
    expect(f.requests).toHaveLength(3);
    // each later page starts AT the previous page's oldest createdAt, so that call is served again and skipped
    expect(r.pages.map((p) => p.fetched)).toEqual([100, 100, 52]);
    expect(r.pages.map((p) => p.events.length)).toEqual([100, 99, 51]);
    expect(uniqueIds(r.events)).toEqual(newestFirst(f));
    const q = f.requests.map((x) => Object.fromEntries(x.query));
    expect(q[0]).toEqual({ createdAtGe: '2026-09-15T00:00:00.000Z', createdAtLe: '2026-10-15T11:50:00.000Z', limit: '100' });
    expect(q[1]!['createdAtLe']).toBe(f.calls[150]!.createdAt);
    expect(q[2]!['createdAtLe']).toBe(f.calls[51]!.createdAt);
    expect(f.requests[0]!.headers.authorization).toBe(`Bearer ${f.apiKey}`);
  });

  it('loses and duplicates nothing when several calls share a createdAt across a page boundary', async () => {
    // calls 147..152 share one createdAt; page 1 (newest first) ends in the middle of them
    await start({ sharedCreatedAt: [[147, 6]] });
    const r = await syncAll(vapiConnector, ctxFor(f));
    expect(r.pages[0]!.events.map((e) => e.externalId).slice(-3)).toEqual([f.calls[152]!.id, f.calls[151]!.id, f.calls[150]!.id]);
    expect(uniqueIds(r.events).sort()).toEqual(f.calls.map((c) => c.id).sort());
    expect(r.events).toHaveLength(250);
  });

  it('handles a server that answers oldest first, ties at the boundary included', async () => {
    await start({ order: 'asc', sharedCreatedAt: [[97, 6]] });
    const r = await syncAll(vapiConnector, ctxFor(f));
    expect(uniqueIds(r.events)).toEqual(f.calls.map((c) => c.id));
  });

  it('says what to do when more calls share one createdAt than a page holds', async () => {
    await start({ calls: 30, sharedCreatedAt: [[0, 30]] });
    await expect(syncAll(vapiConnector, ctxFor(f, { pageSize: 10 }))).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringMatching(/raise the page size/) });
  });

  it('maps a call exactly: billed seconds rounded up, cost text, assistant then phone number as client key', async () => {
    await start();
    const r = await syncAll(vapiConnector, ctxFor(f));
    const c = f.calls[11]!;
    const seconds = Math.ceil((Date.parse(c.endedAt!) - Date.parse(c.startedAt!)) / 1000);
    expect(r.events.find((e) => e.externalId === c.id)).toEqual({
      externalId: c.id,
      clientKey: `assistant:${c.assistantId}`,
      metricKey: 'call_seconds',
      quantity: seconds,
      occurredAt: Date.parse(c.startedAt!),
      cost: decText(new Dec(c.cost!)),
      costCurrency: 'USD',
      attrs: { durationSeconds: seconds, callType: c.type, endedReason: 'customer-ended-call', phoneNumberId: c.phoneNumberId ?? null },
    });
    const phoneOnly = f.calls[3]!;
    expect(phoneOnly.assistantId).toBeUndefined();
    expect(r.events.find((e) => e.externalId === phoneOnly.id)?.clientKey).toBe(`phone_number:${phoneOnly.phoneNumberId}`);
    expect(r.events.find((e) => e.externalId === f.calls[5]!.id)?.clientKey).toBeNull();
    const interactions = await syncAll(vapiConnector, ctxFor(f, { metric: 'interactions' }));
    expect(interactions.events.every((e) => e.metricKey === 'interactions' && e.quantity === 1)).toBe(true);
  });

  it('resumes after a restart from the saved cursor: the union equals a clean run', async () => {
    await start({ sharedCreatedAt: [[147, 6]] });
    const clean = await syncAll(vapiConnector, ctxFor(f));
    const first = await vapiConnector.fetchPage(ctxFor(f), null);
    const rest = await syncAll(vapiConnector, ctxFor(f), first.resumeCursor);
    expect([...first.events, ...rest.events]).toEqual(clean.events);
  });

  it('next sync reads only calls created after the previous window, skipping ids seen at its edge', async () => {
    await start({ calls: 20 });
    const first = await syncAll(vapiConnector, ctxFor(f));
    // two calls at exactly the previous window end: one already read, one created later
    const edge = '2026-10-15T11:50:00.000Z';
    const [atEdge] = f.add(1, 60_000, edge);
    const firstAgain = await syncAll(vapiConnector, ctxFor(f), null);
    expect(firstAgain.events.map((e) => e.externalId)).toContain(atEdge!.id);
    const added = f.add(5, 60_000, '2026-10-15T13:00:00.000Z');
    f.requests.length = 0;
    const second = await syncAll(vapiConnector, ctxFor(f, {}, '2026-10-16T00:00:00.000Z'), firstAgain.resumeCursor);
    expect(f.requests[0]!.query.get('createdAtGe')).toBe(edge);
    expect(second.events.map((e) => e.externalId).sort()).toEqual(added.map((c) => c.id).sort());
    expect(first.events).toHaveLength(20);
  });

  it('does not book unfinished calls: the next sync starts again at the oldest of them', async () => {
    await start({ calls: 30, inProgress: 3, from: '2026-10-15T10:00:00.000Z' });
    const first = await syncAll(vapiConnector, ctxFor(f));
    const open = f.calls.slice(-3);
    expect(first.events).toHaveLength(27);
    expect(first.rejected).toEqual([]);
    for (const c of open) f.finish(c.id, 61_500, '0.25');
    const second = await syncAll(vapiConnector, ctxFor(f, {}, '2026-10-15T13:00:00.000Z'), first.resumeCursor);
    expect(second.events.map((e) => e.externalId).sort()).toEqual(open.map((c) => c.id).sort());
    expect(second.events.every((e) => e.quantity === 62 && e.cost === '0.25')).toBe(true);
  });

  it('rejects a call still unfinished after maxCallHours, with a reason', async () => {
    await start({ calls: 5, inProgress: 1, from: '2026-10-10T10:00:00.000Z' });
    const r = await syncAll(vapiConnector, ctxFor(f));
    expect(r.rejected).toEqual([
      { position: 1, externalId: f.calls[4]!.id, reason: 'The call is still "in-progress" 12 hours after it was created; it was not billed. Check it in the Vapi dashboard.' },
    ]);
  });

  it('tests the connection', async () => {
    await start({ calls: 1 });
    expect(await vapiConnector.testConnection(ctxFor(f))).toEqual({ ok: true, detail: 'Connected to Vapi: the key can list calls.' });
    const bad = testContext({ credentials: { apiKey: 'public-key' }, config: { baseUrl: f.url }, now: NOW });
    expect(await vapiConnector.testConnection(bad)).toEqual({ ok: false, message: 'Vapi rejected the credentials (401): check the Vapi private API key (not the public key).' });
  });
});

describeTransportFaults({
  provider: 'Vapi',
  authHint: /private API key/,
  async setup() {
    const f = await startFakeVapi({ seed: 5, calls: 150, from: '2026-10-01T00:00:00.000Z' });
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f);
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    return { server: f, connector: vapiConnector, context, cursor: null, isPageRequest: (r) => r.path === '/call', close: () => f.close() };
  },
});
