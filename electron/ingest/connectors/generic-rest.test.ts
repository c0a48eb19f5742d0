import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec, decText } from '../../../shared/money/decimal';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { GENERIC_REST_FIELDS, genericRestSettings, startFakeGenericRest, type FakeGenericRest, type FakeUsageRow } from '../../../test/fakes/generic-rest';
import { genericRestConnector } from './generic-rest';

const NOW = '2026-10-15T12:00:00.000Z';

const FIELDS = GENERIC_REST_FIELDS;

function cursorConfig(f: FakeGenericRest, extra: Record<string, unknown> = {}) {
  return { ...genericRestSettings(f.url, { limit: 50, backfillDays: 5 }), ...extra };
}

function ctxFor(f: FakeGenericRest, config: Record<string, unknown>, now = NOW) {
  return testContext({ credentials: { secret: f.token }, config, now });
}

function expectedEvent(r: FakeUsageRow) {
  return {
    externalId: r.uuid,
    clientKey: `client:${r.account.id}`,
    metricKey: r.kind === 'message' ? 'messages' : 'interactions',
    quantity: r.units,
    occurredAt: Date.parse(r.occurred_at),
    cost: decText(new Dec(r.amount)),
    costCurrency: 'USD',
  };
}

describe('generic REST JSON connector', () => {
  let f: FakeGenericRest;
  beforeEach(async () => {
    f = await startFakeGenericRest({ seed: 3, records: 130, from: '2026-10-12T00:00:00.000Z' });
  });
  afterEach(async () => {
    await f.close();
  });

  it('cursor paging: follows the cursor at a JSON path through every page (50, 50, 30) and maps each field', async () => {
    const r = await syncAll(genericRestConnector, ctxFor(f, cursorConfig(f)));
    expect(f.requests.map((q) => q.query.get('cursor'))).toEqual([null, expect.any(String), expect.any(String)]);
    expect(Object.fromEntries(f.requests[0]!.query)).toEqual({ limit: '50', from: '2026-10-10T00:00:00.000Z', to: NOW });
    expect(f.requests[0]!.headers.authorization).toBe(`Bearer ${f.token}`);
    expect(r.pages.map((p) => p.fetched)).toEqual([50, 50, 30]);
    expect(r.events).toEqual(f.rows.map(expectedEvent));
    expect(r.rejected).toEqual([]);
  });

  it('cursor paging over POST with a JSON body template', async () => {
    const r = await syncAll(
      genericRestConnector,
      ctxFor(f, cursorConfig(f, { urlTemplate: `${f.url}/v1/interactions/search`, method: 'POST', bodyTemplate: '{"cursor": "{cursor}", "limit": 40, "from": "{from}"}', paging: { style: 'cursor', cursorPath: 'meta.next_cursor' } })),
    );
    expect(f.requests.map((q) => q.method)).toEqual(['POST', 'POST', 'POST', 'POST']);
    expect(JSON.parse(f.requests[1]!.body)).toEqual({ cursor: expect.any(String), limit: 40, from: '2026-10-10T00:00:00.000Z' });
    expect(uniqueIds(r.events)).toEqual(f.rows.map((x) => x.uuid));
  });

  it('page-number paging with a page size parameter stops on the short page', async () => {
    const r = await syncAll(
      genericRestConnector,
      ctxFor(f, cursorConfig(f, { urlTemplate: `${f.url}/v1/interactions/paged`, paging: { style: 'page', param: 'page', startAt: 1, pageSizeParam: 'per_page', pageSize: 50 }, recordsPath: '$.items[*]' })),
    );
    expect(f.requests.map((q) => [q.query.get('page'), q.query.get('per_page')])).toEqual([
      ['1', '50'],
      ['2', '50'],
      ['3', '50'],
    ]);
    expect(r.events).toEqual(f.rows.map(expectedEvent));
  });

  it('page-number paging without a page size stops on the first empty page', async () => {
    const r = await syncAll(genericRestConnector, ctxFor(f, cursorConfig(f, { urlTemplate: `${f.url}/v1/interactions/paged?page={page}`, paging: { style: 'page', startAt: 1 }, recordsPath: 'items' })));
    expect(f.requests.map((q) => q.query.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(uniqueIds(r.events)).toEqual(f.rows.map((x) => x.uuid));
  });

  it('next-URL paging follows a relative link on the same host', async () => {
    const r = await syncAll(genericRestConnector, ctxFor(f, cursorConfig(f, { urlTemplate: `${f.url}/v1/interactions/linked?limit=60`, paging: { style: 'next_url', nextUrlPath: 'links.next' }, recordsPath: 'results' })));
    expect(f.requests.map((q) => q.query.get('offset'))).toEqual([null, '60', '120']);
    expect(r.events).toEqual(f.rows.map(expectedEvent));
  });

  it('time-window paging walks the backfill in windows with unix bounds, timestamps in unix seconds', async () => {
    const r = await syncAll(
      genericRestConnector,
      ctxFor(
        f,
        cursorConfig(f, {
          urlTemplate: `${f.url}/v1/interactions/window`,
          paging: { style: 'time_window', fromParam: 'since', toParam: 'until', windowHours: 24, format: 'unix' },
          recordsPath: 'interactions',
          fields: { ...FIELDS, timestamp: 'occurred_unix', timestampFormat: 'unix' },
          backfillDays: 3,
        }),
      ),
    );
    const s = (iso: string) => String(Date.parse(iso) / 1000);
    expect(f.requests.map((q) => [q.query.get('since'), q.query.get('until')])).toEqual([
      [s('2026-10-12T00:00:00Z'), s('2026-10-13T00:00:00Z')],
      [s('2026-10-13T00:00:00Z'), s('2026-10-14T00:00:00Z')],
      [s('2026-10-14T00:00:00Z'), s('2026-10-15T00:00:00Z')],
      [s('2026-10-15T00:00:00Z'), s(NOW)],
    ]);
    expect(r.pages.map((p) => p.fetched)).toEqual([72, 58, 0, 0]);
    expect(uniqueIds(r.events)).toEqual(f.rows.map((x) => x.uuid));
    // the next sync starts where this one ended
    f.requests.length = 0;
    await syncAll(genericRestConnector, ctxFor(f, cursorConfig(f, { urlTemplate: `${f.url}/v1/interactions/window`, paging: { style: 'time_window', fromParam: 'since', toParam: 'until', windowHours: 24, format: 'unix' }, recordsPath: 'interactions', fields: { ...FIELDS, timestamp: 'occurred_unix', timestampFormat: 'unix' } }), '2026-10-15T18:00:00.000Z'), r.resumeCursor);
    expect(f.requests.map((q) => q.query.get('since'))).toEqual([s(NOW)]);
  });

  it('scales quantities and costs exactly (minutes -> seconds, cents -> dollars), constant metric and currency', async () => {
    const r = await syncAll(
      genericRestConnector,
      ctxFor(f, cursorConfig(f, { fields: { id: 'uuid', metricConst: 'call_seconds', quantity: 'units', timestamp: 'occurred_at', cost: 'billing.amount', costScale: '0.01', currencyConst: 'eur' }, quantityScale: '60' })),
    );
    const row = f.rows[3]!;
    expect(r.events[3]).toEqual({
      externalId: row.uuid,
      clientKey: null,
      metricKey: 'call_seconds',
      quantity: row.units * 60,
      occurredAt: Date.parse(row.occurred_at),
      cost: decText(new Dec(row.amount).div(100)),
      costCurrency: 'EUR',
    });
  });

  it('a records path that matches nothing fails the page with what the answer has instead', async () => {
    await expect(genericRestConnector.fetchPage(ctxFor(f, cursorConfig(f, { recordsPath: 'data.records' })), null)).rejects.toMatchObject({
      kind: 'config',
      retryable: false,
      message: 'The records path "data.records" matched nothing in AgentClara\'s answer to page 1: there is no "records" in "data" (it has: items). Fix the records path in the connector settings.',
    });
  });

  it('a field path that matches nothing rejects each record with the field, the path and why', async () => {
    const page = await genericRestConnector.fetchPage(ctxFor(f, cursorConfig(f, { fields: { ...FIELDS, quantity: 'usage.units' } })), null);
    expect(page.events).toEqual([]);
    expect(page.rejected).toHaveLength(50);
    expect(page.rejected[0]).toEqual({
      position: 1,
      externalId: 'int_000000',
      reason: 'Field "quantity" (path "usage.units") matched nothing in this record: there is no "usage" in the top level (it has: uuid, account, kind, units, occurred_at, occurred_unix, billing).',
    });
  });

  it('rejects a record whose metric is not in the metric map, keeping the others', async () => {
    const page = await genericRestConnector.fetchPage(ctxFor(f, cursorConfig(f, { fields: { ...FIELDS, metricMap: { interaction: 'interactions' } } })), null);
    expect(page.rejected.map((x) => x.reason)).toEqual(Array(12).fill('The metric "message" is not in the metric map of this connector; add it to rebill it.'));
    expect(page.events).toHaveLength(38);
  });

  it('refuses bad settings with a message naming the setting', async () => {
    const bad = async (config: Record<string, unknown>) => {
      try {
        await genericRestConnector.fetchPage(ctxFor(f, config), null);
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(await bad(cursorConfig(f, { recordsPath: 'data..items' }))).toMatch(/^The Custom REST connector setting "recordsPath" is invalid: The path "data..items" is not valid: a name is missing after "\."/);
    expect(await bad(cursorConfig(f, { urlTemplate: `${f.url}/v1/x?since={start}` }))).toMatch(/setting "urlTemplate" is invalid: unknown placeholder \{start\}/);
    expect(await bad(cursorConfig(f, { fields: { id: 'uuid', timestamp: 'occurred_at' } }))).toMatch(/setting "fields.metric" is invalid: set exactly one of metric/);
    expect(await bad(cursorConfig(f, { paging: { style: 'sideways' } }))).toMatch(/setting "paging.style" is invalid/);
  });

  it('resumes after a restart from the saved cursor: the union equals a clean run', async () => {
    const cfg = cursorConfig(f);
    const clean = await syncAll(genericRestConnector, ctxFor(f, cfg));
    const first = await genericRestConnector.fetchPage(ctxFor(f, cfg), null);
    const rest = await syncAll(genericRestConnector, ctxFor(f, cfg), first.resumeCursor);
    expect([...first.events, ...rest.events]).toEqual(clean.events);
  });

  it('tests the connection by mapping the first page', async () => {
    expect(await genericRestConnector.testConnection(ctxFor(f, cursorConfig(f)))).toEqual({ ok: true, detail: 'Connected to AgentClara: the first page has 50 records, 50 mapped to usage events.' });
    expect(await genericRestConnector.testConnection(ctxFor(f, cursorConfig(f, { fields: { ...FIELDS, timestamp: 'occurred_unix' } })))).toEqual({
      ok: true,
      detail: 'Connected to AgentClara: the first page has 50 records, 0 mapped to usage events, 50 not (record 1: Field "timestamp" is 1791763200, not an ISO 8601 date-time with its offset (2026-10-01T09:30:00Z).).',
    });
    const bad = testContext({ credentials: { secret: 'expired' }, config: cursorConfig(f), now: NOW });
    expect(await genericRestConnector.testConnection(bad)).toEqual({ ok: false, message: "AgentClara rejected the credentials (401): check the API key or token in this provider account's credentials." });
  });
});

describeTransportFaults({
  provider: 'AgentClara',
  authHint: /check the API key or token/,
  async setup() {
    const f = await startFakeGenericRest({ seed: 8, records: 80, from: '2026-10-12T00:00:00.000Z' });
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f, cursorConfig(f));
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    return { server: f, connector: genericRestConnector, context, cursor: null, isPageRequest: (r) => r.path === '/v1/interactions', close: () => f.close() };
  },
});
