import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../../test/fakes/twilio';
import { syncAll, testContext, uniqueIds } from '../../../test/fakes/connector-harness';
import { describeTransportFaults } from '../../../test/fakes/fault-suite';
import { ConnectorError } from '../http/connector-error';
import { DEFAULT_TWILIO_CATEGORIES, twilioConnector } from './twilio';

const NOW = '2026-10-15T12:00:00.000Z';
const CATEGORIES = ['calls', 'calls-inbound', 'sms', 'totalprice', 'phonenumbers'];

async function fake(extra: Partial<Parameters<typeof startFakeTwilio>[0]> = {}) {
  return startFakeTwilio({ seed: 42, subaccounts: 1, from: '2026-09-16', to: '2026-10-15', categories: CATEGORIES, ...extra });
}

function ctxFor(f: FakeTwilio, config: Record<string, unknown> = {}, now = NOW) {
  return testContext({
    credentials: { accountSid: f.accountSid, authToken: f.authToken },
    config: { baseUrl: f.url, backfillDays: 29, pageSize: 50, ...config },
    now,
  });
}

/** What the connector must produce for the fake's records (calls -> call_seconds, sms -> sms). */
function expectedIds(f: FakeTwilio, from = '2026-09-16', to = '2026-10-15'): string[] {
  return f.accounts.flatMap((a) =>
    f
      .records(a, from, to)
      .filter((r) => r.category === 'calls' || r.category === 'sms')
      .map((r) => `${a}|${r.category}|${r.start_date}`),
  );
}

describe('Twilio usage records connector', () => {
  let f: FakeTwilio;
  beforeEach(async () => {
    f = await fake();
  });
  afterEach(async () => {
    await f.close();
  });

  it('lists the accounts, then reads every page of Daily records of each (3 pages x 50 per account)', async () => {
    const r = await syncAll(twilioConnector, ctxFor(f));
    const paths = f.requests.map((q) => q.path);
    expect(paths.filter((p) => p === '/2010-04-01/Accounts.json')).toHaveLength(1);
    for (const a of f.accounts) expect(paths.filter((p) => p === `/2010-04-01/Accounts/${a}/Usage/Records/Daily.json`)).toHaveLength(3);
    expect(r.pages.map((p) => p.fetched)).toEqual([0, 50, 50, 50, 50, 50, 50]);
    expect(uniqueIds(r.events)).toEqual(expectedIds(f));
    expect(r.events).toHaveLength(120);
    expect(r.rejected).toEqual([]);
    expect(r.pages.at(-1)!.nextCursor).toBeNull();

    const first = f.requests.find((q) => q.path.endsWith('/Daily.json'))!;
    expect(Object.fromEntries(first.query)).toEqual({ StartDate: '2026-09-16', EndDate: '2026-10-15', IncludeSubaccounts: 'false', PageSize: '50' });
    expect(first.headers.authorization).toBe(`Basic ${Buffer.from(`${f.accountSid}:${f.authToken}`).toString('base64')}`);
  });

  it('maps a bucket exactly: quantity, cost text, currency, client key, bucket start', async () => {
    const r = await syncAll(twilioConnector, ctxFor(f));
    const sub = f.accounts[1]!;
    const rec = f.records(sub, '2026-10-01', '2026-10-01');
    const calls = rec.find((x) => x.category === 'calls')!;
    const sms = rec.find((x) => x.category === 'sms')!;
    expect(r.events.find((e) => e.externalId === `${sub}|calls|2026-10-01`)).toEqual({
      externalId: `${sub}|calls|2026-10-01`,
      clientKey: `sub_account:${sub}`,
      metricKey: 'call_seconds',
      quantity: Number(calls.usage) * 60,
      occurredAt: Date.parse('2026-10-01T00:00:00Z'),
      cost: calls.price,
      costCurrency: 'USD',
      attrs: { twilioCategory: 'calls', count: calls.count, usage: calls.usage, usageUnit: 'minutes', asOf: '2026-10-15T00:00:00+00:00' },
      replaceable: true,
    });
    expect(r.events.find((e) => e.externalId === `${sub}|sms|2026-10-01`)).toMatchObject({ metricKey: 'sms', quantity: Number(sms.count), cost: sms.price });
  });

  it('resumes after a restart from the saved cursor: the union equals a clean run, no duplicates', async () => {
    const clean = await syncAll(twilioConnector, ctxFor(f));
    for (const stopAfter of [1, 2, 4]) {
      let cursor: string | null = null;
      const seen = [];
      for (let i = 0; i < stopAfter; i++) {
        const page = await twilioConnector.fetchPage(ctxFor(f), cursor);
        seen.push(...page.events);
        cursor = page.resumeCursor;
      }
      // "restart": a brand-new context continues from the persisted cursor
      const rest = await syncAll(twilioConnector, ctxFor(f), cursor);
      const all = [...seen, ...rest.events];
      expect(uniqueIds(all)).toEqual(uniqueIds(clean.events));
      expect(all).toEqual(clean.events);
    }
  });

  it('re-reads the last days on the next sync, and a revised bucket keeps its externalId with replaceable=true', async () => {
    const first = await syncAll(twilioConnector, ctxFor(f));
    const sub = f.accounts[1]!;
    const before = first.events.find((e) => e.externalId === `${sub}|sms|2026-10-14`)!;
    f.revise(sub, 'sms', '2026-10-14', { count: '999', price: '7.8921' });
    f.requests.length = 0;

    const second = await syncAll(twilioConnector, ctxFor(f, {}, '2026-10-16T08:00:00.000Z'), first.resumeCursor);
    const daily = f.requests.filter((q) => q.path.endsWith('/Daily.json'));
    expect(daily.map((q) => [q.query.get('StartDate'), q.query.get('EndDate')])).toEqual([
      ['2026-10-12', '2026-10-16'],
      ['2026-10-12', '2026-10-16'],
    ]);
    const after = second.events.find((e) => e.externalId === before.externalId)!;
    expect(before.quantity).not.toBe(999);
    expect(after).toMatchObject({ externalId: before.externalId, quantity: 999, cost: '7.8921', replaceable: true });
    expect(uniqueIds(second.events)).toEqual(expectedIds(f, '2026-10-12', '2026-10-15'));
  });

  it('skips roll-ups and sub-categories on purpose, and rejects an unmapped category that has usage', async () => {
    const g = await fake({ categories: ['calls', 'calls-inbound', 'sms', 'totalprice', 'phonenumbers', 'recordings'], subaccounts: 0 });
    try {
      const r = await syncAll(twilioConnector, ctxFor(g, { pageSize: 1000 }));
      const recordings = g.records(g.accountSid).filter((x) => x.category === 'recordings' && x.count !== '0');
      expect(recordings.length).toBeGreaterThan(0);
      expect(r.rejected).toHaveLength(recordings.length);
      expect(r.rejected[0]).toEqual({
        position: expect.any(Number),
        externalId: `${g.accountSid}|recordings|${recordings[0]!.start_date}`,
        reason: expect.stringMatching(/^Twilio category "recordings" \(Fake recordings\) has usage \(count \d+, price [\d.]+ usd\) but is not mapped to a metric; add it to this connector's category map/),
      });
      expect(new Set(r.events.map((e) => e.attrs?.['twilioCategory']))).toEqual(new Set(['calls', 'sms']));
      // billing recordings is one setting away
      const categories = { ...DEFAULT_TWILIO_CATEGORIES, recordings: { metric: 'storage', quantity: 'usage' } };
      const billed = await syncAll(twilioConnector, ctxFor(g, { pageSize: 1000, categories }));
      expect(billed.rejected).toEqual([]);
      expect(billed.events.filter((e) => e.metricKey === 'storage')).toHaveLength(recordings.length);
    } finally {
      await g.close();
    }
  });

  it('rejects a malformed record with its position and reason, keeping the rest of the page', async () => {
    const { mapTwilioRecord, twilioConfigSchema } = await import('./twilio');
    const cfg = twilioConfigSchema.parse({});
    const nt = () => undefined;
    expect(mapTwilioRecord({ category: 'sms', account_sid: 'AC1', start_date: '2026-10-01', count: 'ten', price: '1' }, 7, cfg, nt)).toEqual({
      rejected: { position: 7, externalId: 'AC1|sms|2026-10-01', reason: 'The usage record\'s count "ten" is not a number.' },
    });
    expect(mapTwilioRecord({ category: 'sms', account_sid: 'AC1', start_date: '01/10/2026', count: '1' }, 1, cfg, nt)).toMatchObject({
      rejected: { reason: 'The usage record\'s start_date "01/10/2026" is not a YYYY-MM-DD date.' },
    });
    expect(mapTwilioRecord({ account_sid: 'AC1' }, 2, cfg, nt)).toEqual({ rejected: { position: 2, reason: 'The usage record has no category.' } });
  });

  it('tests the connection with the account check, and explains a bad token', async () => {
    expect(await twilioConnector.testConnection(ctxFor(f))).toEqual({ ok: true, detail: `Connected to Twilio account "Agency main account" (${f.accountSid}), status active.` });
    const bad = testContext({ credentials: { accountSid: f.accountSid, authToken: 'wrong' }, config: { baseUrl: f.url }, now: NOW });
    expect(await twilioConnector.testConnection(bad)).toEqual({ ok: false, message: 'Twilio rejected the credentials (401): check the Account SID and Auth Token.' });
  });

  it('refuses an Account SID that is not one, and a missing Auth Token, as config errors', async () => {
    const ctx = testContext({ credentials: { accountSid: 'SK123', authToken: 'x' }, config: { baseUrl: f.url }, now: NOW });
    await expect(twilioConnector.fetchPage(ctx, null)).rejects.toMatchObject({ kind: 'config', message: expect.stringMatching(/must start with "AC"/) });
    const ctx2 = testContext({ credentials: { accountSid: f.accountSid }, config: { baseUrl: f.url }, now: NOW });
    await expect(twilioConnector.fetchPage(ctx2, null)).rejects.toBeInstanceOf(ConnectorError);
    await expect(twilioConnector.fetchPage(ctx2, null)).rejects.toMatchObject({ message: 'Twilio needs the Auth Token: add it to this provider account\'s credentials.' });
    expect(f.requests).toHaveLength(0);
  });

  it('refuses a next_page_uri pointing at another host instead of sending it the credentials', async () => {
    const page1 = await twilioConnector.fetchPage(ctxFor(f), null);
    const c = JSON.parse(page1.nextCursor!) as Record<string, unknown>;
    const evil = JSON.stringify({ ...c, next: 'https://evil.example/2010-04-01/steal' });
    await expect(twilioConnector.fetchPage(ctxFor(f), evil)).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringMatching(/another host \(evil.example\)/) });
  });

  it('explains an unreadable saved cursor', async () => {
    await expect(twilioConnector.fetchPage(ctxFor(f), '{"v":9}')).rejects.toMatchObject({ kind: 'config', message: expect.stringMatching(/reset the sync position/) });
  });
});

describeTransportFaults({
  provider: 'Twilio',
  authHint: /check the Account SID and Auth Token\.$/,
  async setup() {
    const f = await fake();
    const context = (o: { http?: object; signal?: AbortSignal } = {}) => {
      const base = ctxFor(f);
      return { ...base, ...(o.signal ? { signal: o.signal } : {}), http: { ...base.http, ...o.http } };
    };
    // the page under test: the first Daily records page (after the account list)
    const cursor = (await twilioConnector.fetchPage(context(), null)).nextCursor;
    return { server: f, connector: twilioConnector, context, cursor, isPageRequest: (r) => r.path.endsWith('/Daily.json'), close: () => f.close() };
  },
});
