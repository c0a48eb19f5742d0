import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { faults } from '../../../test/fakes/fake-server';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { startFakeOpenAI, type FakeOpenAI } from '../../../test/fakes/openai';
import { openaiConnector } from './openai';

const NOW = '2026-10-15T12:00:00.000Z';
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

function ctxFor(f: FakeOpenAI, config: Record<string, unknown> = {}, now = NOW) {
  return testContext({ credentials: { adminKey: f.adminKey }, config: { baseUrl: f.url, backfillDays: 20, bucketsPerPage: 7, ...config }, now });
}

function expectedIds(f: FakeOpenAI, from = '2026-09-25'): string[] {
  return f
    .days()
    .filter((d) => d.start >= day(from))
    .sort((a, b) => a.start - b.start || a.project.localeCompare(b.project))
    .map((d) => `${d.project}|${new Date(d.start * 1000).toISOString().slice(0, 10)}`);
}

describe('OpenAI usage and costs connector', () => {
  let f: FakeOpenAI;
  beforeEach(async () => {
    f = await startFakeOpenAI({ seed: 7, from: '2026-09-01', to: '2026-10-15' });
  });
  afterEach(async () => {
    await f.close();
  });

  it('follows next_page through every usage page (3 pages x 7 days) and joins the costs of the same days', async () => {
    const r = await syncAll(openaiConnector, ctxFor(f));
    const usage = f.requests.filter((q) => q.path === '/v1/organization/usage/completions');
    const costs = f.requests.filter((q) => q.path === '/v1/organization/costs');
    expect(usage).toHaveLength(3);
    expect(usage.map((q) => q.query.get('page'))).toEqual([null, expect.any(String), expect.any(String)]);
    expect(Object.fromEntries(usage[0]!.query)).toEqual({
      start_time: String(day('2026-09-25')),
      end_time: String(day('2026-10-16')),
      bucket_width: '1d',
      group_by: 'project_id',
      limit: '7',
    });
    expect(costs.map((q) => [Number(q.query.get('start_time')), Number(q.query.get('end_time'))])).toEqual([
      [day('2026-09-25'), day('2026-10-02')],
      [day('2026-10-02'), day('2026-10-09')],
      [day('2026-10-09'), day('2026-10-16')],
    ]);
    expect(uniqueIds(r.events)).toEqual(expectedIds(f));
    expect(r.rejected).toEqual([]);
    expect(usage[0]!.headers.authorization).toBe(`Bearer ${f.adminKey}`);
  });

  it('group_by=project_id gives clientKey project:<id>, tokens and the exact cost of that project and day', async () => {
    const r = await syncAll(openaiConnector, ctxFor(f));
    const d = f.days().find((x) => x.project === 'proj_beta' && x.start === day('2026-10-03'))!;
    const u = d.usage!;
    expect(r.events.find((e) => e.externalId === 'proj_beta|2026-10-03')).toEqual({
      externalId: 'proj_beta|2026-10-03',
      clientKey: 'project:proj_beta',
      metricKey: 'ai_tokens',
      quantity: u.input_tokens + u.output_tokens + u.input_audio_tokens + u.output_audio_tokens,
      occurredAt: day('2026-10-03') * 1000,
      cost: d.cost,
      costCurrency: 'USD',
      attrs: { inputTokens: u.input_tokens, outputTokens: u.output_tokens, cachedInputTokens: u.input_cached_tokens, requests: u.num_model_requests, bucketEnd: day('2026-10-04') * 1000 },
      replaceable: true,
    });
    const images = r.events.filter((e) => e.clientKey === 'project:proj_images');
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((e) => e.quantity === 0 && e.cost !== null)).toBe(true);
  });

  it('keeps every digit of a cost the JSON number cannot hold in a double', async () => {
    f.revise('2026-10-05', 'proj_alpha', { cost: '0.123456789012345678901' });
    const r = await syncAll(openaiConnector, ctxFor(f));
    expect(r.events.find((e) => e.externalId === 'proj_alpha|2026-10-05')?.cost).toBe('0.123456789012345678901');
  });

  it('resumes after a restart from the saved cursor: the union equals a clean run', async () => {
    const clean = await syncAll(openaiConnector, ctxFor(f));
    const first = await openaiConnector.fetchPage(ctxFor(f), null);
    const rest = await syncAll(openaiConnector, ctxFor(f), first.resumeCursor);
    expect([...first.events, ...rest.events]).toEqual(clean.events);
  });

  it('re-reads today and the days before on the next sync; a revised bucket keeps its externalId', async () => {
    const first = await syncAll(openaiConnector, ctxFor(f));
    const before = first.events.find((e) => e.externalId === 'proj_alpha|2026-10-14')!;
    f.revise('2026-10-14', 'proj_alpha', { usage: { input_tokens: 5, output_tokens: 6, input_audio_tokens: 0 }, cost: '0.0001' });
    f.requests.length = 0;
    const second = await syncAll(openaiConnector, ctxFor(f, {}, '2026-10-16T09:00:00.000Z'), first.resumeCursor);
    expect(f.requests.filter((q) => q.path.endsWith('/completions')).map((q) => q.query.get('start_time'))).toEqual([String(day('2026-10-13'))]);
    const after = second.events.find((e) => e.externalId === before.externalId)!;
    expect(after).toMatchObject({ quantity: 11, cost: '0.0001', replaceable: true });
    expect(before.quantity).not.toBe(11);
  });

  it('fails the whole page when the costs request fails: no usage without its cost', async () => {
    f.setBehaviour({ fault: faults.malformed(), match: (q) => q.path === '/v1/organization/costs' });
    await expect(openaiConnector.fetchPage(ctxFor(f), null)).rejects.toMatchObject({
      kind: 'bad_response',
      message: 'OpenAI answered with malformed JSON on page 1 (costs); nothing from that page was saved. The sync will retry it.',
    });
  });

  it('can skip the Costs API (cost null: priced from the rate card)', async () => {
    const r = await syncAll(openaiConnector, ctxFor(f, { includeCosts: false }));
    expect(f.requests.some((q) => q.path.endsWith('/costs'))).toBe(false);
    expect(r.events.every((e) => e.cost === null)).toBe(true);
    expect(r.events.some((e) => e.clientKey === 'project:proj_images')).toBe(false);
  });

  it('tests the connection', async () => {
    expect(await openaiConnector.testConnection(ctxFor(f))).toEqual({ ok: true, detail: 'Connected to the OpenAI organization: the admin key can read usage and costs.' });
    const bad = testContext({ credentials: { adminKey: 'sk-proj-nope' }, config: { baseUrl: f.url }, now: NOW });
    expect(await openaiConnector.testConnection(bad)).toEqual({
      ok: false,
      message: 'OpenAI rejected the credentials (401): check the admin key (an organization Admin API key, not a project key).',
    });
  });
});

describeTransportFaults({
  provider: 'OpenAI',
  authHint: /check the admin key/,
  async setup() {
    const f = await startFakeOpenAI({ seed: 3, from: '2026-09-01', to: '2026-10-15' });
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f);
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    return { server: f, connector: openaiConnector, context, cursor: null, isPageRequest: (r) => r.path.endsWith('/usage/completions'), close: () => f.close() };
  },
});
