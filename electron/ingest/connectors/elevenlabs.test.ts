import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { DAY_MS } from '../../../test/fakes/fake-server';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { startFakeElevenLabs, type FakeElevenLabs } from '../../../test/fakes/elevenlabs';
import { elevenLabsConnector } from './elevenlabs';

const NOW = '2026-10-15T12:00:00.000Z';
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

function ctxFor(f: FakeElevenLabs, config: Record<string, unknown> = {}, now = NOW) {
  return testContext({ credentials: { apiKey: f.apiKey }, config: { baseUrl: f.url, backfillDays: 29, windowDays: 10, ...config }, now });
}

function expected(f: FakeElevenLabs, from: string, to: string) {
  const out: Array<{ id: string; q: number }> = [];
  for (let t = ms(from); t <= ms(to); t += DAY_MS) {
    for (const k of [...f.keys].sort()) {
      const q = f.characters(k, t);
      if (q) out.push({ id: `${k}|${new Date(t).toISOString()}`, q });
    }
  }
  return out;
}

describe('ElevenLabs character stats connector', () => {
  let f: FakeElevenLabs;
  beforeEach(async () => {
    f = await startFakeElevenLabs({ seed: 4, from: '2026-09-01', to: '2026-10-15' });
  });
  afterEach(async () => {
    await f.close();
  });

  it('reads every window (3 pages x 10 days) with whole-day bounds in milliseconds', async () => {
    const r = await syncAll(elevenLabsConnector, ctxFor(f));
    expect(f.requests.map((q) => [Number(q.query.get('start_unix')), Number(q.query.get('end_unix'))])).toEqual([
      [ms('2026-09-16'), ms('2026-09-26') - 1],
      [ms('2026-09-26'), ms('2026-10-06') - 1],
      [ms('2026-10-06'), ms('2026-10-16') - 1],
    ]);
    expect(Object.fromEntries(f.requests[0]!.query)).toMatchObject({
      include_workspace_metrics: 'true',
      breakdown_type: 'api_keys',
      aggregation_interval: 'day',
      metric: 'tts_characters',
    });
    expect(f.requests[0]!.headers['xi-api-key']).toBe(f.apiKey);
    const exp = expected(f, '2026-09-16', '2026-10-15');
    expect(uniqueIds(r.events)).toEqual(exp.map((e) => e.id));
    expect(r.events.map((e) => e.quantity)).toEqual(exp.map((e) => e.q));
    expect(r.pages.map((p) => p.fetched)).toEqual([30, 30, 30]);
  });

  it('breakdown by API key: one event per key per day bucket, client api_key:<name>', async () => {
    const r = await syncAll(elevenLabsConnector, ctxFor(f));
    const day = ms('2026-10-03');
    const onDay = r.events.filter((e) => e.occurredAt === day);
    expect(onDay.map((e) => e.clientKey).sort()).toEqual(f.keys.filter((k) => f.characters(k, day) > 0).map((k) => `api_key:${k}`).sort());
    expect(onDay[0]).toEqual({
      externalId: `${onDay[0]!.clientKey!.slice(8)}|2026-10-03T00:00:00.000Z`,
      clientKey: onDay[0]!.clientKey,
      metricKey: 'characters',
      quantity: f.characters(onDay[0]!.clientKey!.slice(8), day),
      occurredAt: day,
      cost: null,
      costCurrency: null,
      replaceable: true,
    });
  });

  it('resumes from a saved cursor and re-reads the recent days, which replace earlier versions', async () => {
    const clean = await syncAll(elevenLabsConnector, ctxFor(f));
    const first = await elevenLabsConnector.fetchPage(ctxFor(f), null);
    const rest = await syncAll(elevenLabsConnector, ctxFor(f), first.resumeCursor);
    expect([...first.events, ...rest.events]).toEqual(clean.events);

    f.revise('client-b', '2026-10-15', 123_456);
    f.requests.length = 0;
    const next = await syncAll(elevenLabsConnector, ctxFor(f, {}, '2026-10-16T06:00:00.000Z'), clean.resumeCursor);
    expect(f.requests.map((q) => Number(q.query.get('start_unix')))).toEqual([ms('2026-10-13')]);
    expect(next.events.find((e) => e.externalId === 'client-b|2026-10-15T00:00:00.000Z')).toMatchObject({ quantity: 123_456, replaceable: true });
  });

  it('rejects a series that does not line up with the time axis', async () => {
    f.setBehaviour(null);
    const { startFakeServer } = await import('../../../test/fakes/fake-server');
    const odd = await startFakeServer({
      errorBody: () => ({}),
      handle: () => ({ json: { time: [ms('2026-10-14'), ms('2026-10-15')], usage: { good: [5, 0], short: [1], bad: ['x', 2] } } }),
    });
    try {
      const r = await elevenLabsConnector.fetchPage(testContext({ credentials: { apiKey: 'k' }, config: { baseUrl: odd.url, backfillDays: 1 }, now: NOW }), null);
      expect(r.events.map((e) => [e.externalId, e.quantity])).toEqual([
        ['good|2026-10-14T00:00:00.000Z', 5],
        ['bad|2026-10-15T00:00:00.000Z', 2],
      ]);
      expect(r.rejected).toEqual([
        { position: 3, reason: 'The usage series of API key "short" has 1 values for 2 days; it was not imported.' },
        { position: 4, externalId: 'bad|2026-10-14T00:00:00.000Z', reason: 'The character count "x" of API key "bad" is not a number.' },
      ]);
    } finally {
      await odd.close();
    }
  });

  it('tests the connection', async () => {
    expect(await elevenLabsConnector.testConnection(ctxFor(f))).toMatchObject({ ok: true, detail: expect.stringMatching(/^Connected to ElevenLabs/) });
    const bad = testContext({ credentials: { apiKey: 'nope' }, config: { baseUrl: f.url }, now: NOW });
    expect(await elevenLabsConnector.testConnection(bad)).toMatchObject({ ok: false, message: expect.stringMatching(/^ElevenLabs rejected the credentials \(401\): check the ElevenLabs API key/) });
  });
});

describeTransportFaults({
  provider: 'ElevenLabs',
  authHint: /check the ElevenLabs API key/,
  async setup() {
    const f = await startFakeElevenLabs({ seed: 1, from: '2026-09-01', to: '2026-10-15' });
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f);
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    return { server: f, connector: elevenLabsConnector, context, cursor: null, isPageRequest: (r) => r.path === '/v1/usage/character-stats', close: () => f.close() };
  },
});
