// Runs under Node (vitest). The demo generator against real temp SQLite ledgers.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currencyInfo } from '../../../shared/domain/currencies';
import { isDecimalText } from '../../../shared/money/decimal';
import { validateRateCard } from '../../../shared/pricing/rate-card';
import { openAppContext, type AppContext } from '../app-context';
import { fixedClock } from '../clock';
import { silentLogger } from '../logger';

const NOW = '2026-10-31T12:00:00Z';
const SLOW = 180_000; // a 67k-event load takes seconds on a busy 2-core machine

const contexts: AppContext[] = [];
async function freshContext(): Promise<AppContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meterbook-demo-'));
  const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
  contexts.push(ctx);
  return ctx;
}

afterAll(async () => {
  for (const ctx of contexts) {
    await ctx.close();
    fs.rmSync(ctx.options.dataDir, { recursive: true, force: true });
  }
});

interface Summary {
  providers: number;
  clients: number;
  events: number;
  from: string;
  to: string;
}

async function load(ctx: AppContext, input: Record<string, unknown>): Promise<Summary> {
  const started = performance.now();
  const result = await ctx.dispatch('demo.load', input);
  const ms = Math.round(performance.now() - started);
  if (!result.ok) throw new Error(`demo.load failed: ${result.error.message}`);
  const data = result.data as Summary;
  console.log(`demo.load ${JSON.stringify(input)}: ${data.events} events in ${ms} ms`);
  return data;
}

interface EventRow {
  id: number;
  provider_account_id: number;
  external_id: string;
  client_id: number | null;
  client_key: string | null;
  metric_id: number;
  metric: string;
  quantity: number;
  occurred_at: number;
  cost: string | null;
  attrs: string | null;
  source: string;
}

const events = (ctx: AppContext) =>
  ctx.ledger.raw
    .prepare(`select e.*, m.key as metric from usage_events e join metrics m on m.id = e.metric_id order by e.id`)
    .all() as EventRow[];

const count = (ctx: AppContext, table: string) =>
  (ctx.ledger.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** SHA-256 of every row the demo writes, except the ingestion time. */
function workspaceHash(ctx: AppContext): string {
  const hash = createHash('sha256');
  for (const table of ['agency', 'provider_accounts', 'clients', 'client_mappings', 'usage_events']) {
    for (const row of ctx.ledger.raw.prepare(`select * from ${table} order by rowid`).all() as Array<Record<string, unknown>>) {
      delete row.ingested_at;
      hash.update(`${table}:${JSON.stringify(row)}\n`);
    }
  }
  return hash.digest('hex');
}

const clientId = (ctx: AppContext, name: string) =>
  (ctx.ledger.raw.prepare('select id, time_zone from clients where name = ?').get(name) as { id: number; time_zone: string }).id;

/** Events per local calendar day of `zone`. */
function perLocalDay(rows: EventRow[], zone: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const r of rows) {
    const day = DateTime.fromMillis(r.occurred_at, { zone }).toISODate()!;
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo.load (seed 7, 90 days to 2026-10-31)', () => {
  let ctx: AppContext;
  let summary: Summary;
  let rows: EventRow[];

  beforeAll(async () => {
    ctx = await freshContext();
    summary = await load(ctx, { seed: 7, endDate: '2026-10-31' });
    rows = events(ctx);
  }, SLOW);

  it('returns counts that match the tables, and the window', () => {
    expect(summary.providers).toBe(count(ctx, 'provider_accounts'));
    expect(summary.clients).toBe(count(ctx, 'clients'));
    expect(summary.events).toBe(count(ctx, 'usage_events'));
    expect(summary).toMatchObject({ from: '2026-08-03', to: '2026-10-31' });
    expect(summary.events).toBeGreaterThan(40_000);
    expect(summary.events).toBeLessThan(80_000);
  });

  it('writes the usage rollups in the same load, exactly as a rebuild from raw events would', async () => {
    expect(count(ctx, 'usage_rollups')).toBeGreaterThan(0);
    expect(await ctx.dispatch('usage.rebuildRollups', { apply: false })).toMatchObject({ ok: true, data: { mismatches: 0 } });
  });

  it('creates the agency profile', async () => {
    const res = await ctx.dispatch('agency.get', {});
    expect(res).toMatchObject({ ok: true, data: { name: 'Brightline AI Studio', currency: 'USD', timeZone: 'America/New_York', locale: 'en-US' } });
  });

  it('creates clients in several currencies and time zones, with all three statuses', () => {
    const clients = ctx.ledger.raw.prepare('select * from clients').all() as Array<Record<string, string | null>>;
    expect(clients.length).toBeGreaterThanOrEqual(8);
    const currencies = new Set(clients.map((c) => c.currency!));
    expect(currencies.size).toBeGreaterThanOrEqual(4);
    expect([...currencies].some((c) => currencyInfo(c).exponent === 0)).toBe(true);
    expect([...currencies].some((c) => currencyInfo(c).exponent === 3)).toBe(true);
    const zones = new Set(clients.map((c) => c.time_zone).filter((z) => z !== null));
    expect(zones.size).toBeGreaterThanOrEqual(3);
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Asia/Kathmandu');
    const statuses = clients.map((c) => c.status);
    expect(statuses.filter((s) => s === 'trial')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'paused')).toHaveLength(1);
    for (const c of clients) {
      expect(c.name_key).toBe(c.name!.trim().toLowerCase());
      expect(c.billing_email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    }
  });

  it('creates provider accounts of at least five kinds, each with a valid rate card', () => {
    const providers = ctx.ledger.raw.prepare('select * from provider_accounts').all() as Array<Record<string, string | null>>;
    expect(new Set(providers.map((p) => p.kind)).size).toBeGreaterThanOrEqual(5);
    const metricKeys = (ctx.ledger.raw.prepare('select key from metrics').all() as Array<{ key: string }>).map((m) => m.key);
    for (const p of providers) {
      expect(p.name_key).toBe(p.name!.toLowerCase());
      expect(p.credentials).toBeNull();
      const config = JSON.parse(p.config!) as { rateCard: unknown };
      const checked = validateRateCard(config.rateCard, { metricKeys });
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      if (checked.ok) expect(checked.card.charges.length).toBeGreaterThan(0);
    }
    const closebot = JSON.parse(providers.find((p) => p.kind === 'closebot')!.config!) as { rateCard: { charges: Array<{ metricKey: string; model: { unitPrice?: string } }> } };
    expect(Object.fromEntries(closebot.rateCard.charges.map((c) => [c.metricKey, c.model.unitPrice ?? 'reported']))).toEqual({
      messages: '0.006',
      seats: '0.0069',
      storage: '0.006',
      ai_tokens: 'reported',
    });
  });

  it('writes events that span exactly the window', () => {
    const from = Date.parse('2026-08-03T00:00:00Z');
    const to = Date.parse('2026-11-01T00:00:00Z');
    const times = rows.map((r) => r.occurred_at);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
    expect(Math.max(...times)).toBeLessThan(to);
    expect(times.some((t) => t < from + 86_400_000)).toBe(true);
    expect(times.some((t) => t >= to - 86_400_000)).toBe(true);
    expect(new Set(times.map((t) => Math.floor((t - from) / 86_400_000))).size).toBe(90);
  });

  it('keeps external ids unique per account, quantities positive integers, sources "demo"', () => {
    const keys = new Set(rows.map((r) => `${r.provider_account_id}/${r.external_id}`));
    expect(keys.size).toBe(rows.length);
    expect(rows.filter((r) => !Number.isSafeInteger(r.quantity) || r.quantity <= 0)).toEqual([]);
    expect(rows.filter((r) => r.source !== 'demo')).toEqual([]);
    expect(rows.filter((r) => !/^[a-z_]+:.+$/.test(r.client_key ?? ''))).toEqual([]);
  });

  it('uses only built-in metrics, each for the right kind of usage', () => {
    const builtIn = new Set((ctx.ledger.raw.prepare('select key from metrics where built_in = 1').all() as Array<{ key: string }>).map((m) => m.key));
    const used = new Set(rows.map((r) => r.metric));
    for (const key of used) expect(builtIn).toContain(key);
    for (const key of ['interactions', 'messages', 'seats', 'storage', 'ai_tokens', 'call_seconds', 'usage_sessions', 'voice_sessions', 'alert_sessions', 'sms', 'phone_numbers']) {
      expect(used).toContain(key);
    }
  });

  it('writes costs as canonical decimal text, only where the provider reports them', () => {
    const reported = new Set(['ai_tokens', 'call_seconds', 'sms']);
    const priced = rows.filter((r) => reported.has(r.metric));
    expect(priced.length).toBeGreaterThan(10_000);
    // canonical: digits, optional fraction, no exponent, no trailing zeros
    expect(priced.filter((r) => !/^\d+(\.\d+)?$/.test(r.cost ?? '') || !isDecimalText(r.cost!) || /\.\d*0$/.test(r.cost!))).toEqual([]);
    expect(rows.filter((r) => !reported.has(r.metric) && r.cost !== null)).toEqual([]);
    const sms = rows.filter((r) => r.metric === 'sms');
    for (const r of sms.slice(0, 200)) {
      const { segments } = JSON.parse(r.attrs!) as { segments: number };
      expect(['0.0079', '0.0158', '0.0237', '0.0515', '0.103', '0.1545']).toContain(r.cost);
      expect(segments).toBeGreaterThanOrEqual(1);
    }
  });

  it('resolves every assigned event through a mapping, and leaves 1-2 % unassigned', () => {
    const mappings = ctx.ledger.raw.prepare('select * from client_mappings').all() as Array<{
      provider_account_id: number;
      external_kind: string;
      external_id: string;
      client_id: number;
    }>;
    const byKey = new Map(mappings.map((m) => [`${m.provider_account_id}|${m.external_kind}:${m.external_id}`, m.client_id]));
    expect(rows.filter((r) => (byKey.get(`${r.provider_account_id}|${r.client_key}`) ?? null) !== r.client_id)).toEqual([]);
    const unassigned = rows.filter((r) => r.client_id === null).length;
    expect(unassigned / rows.length).toBeGreaterThan(0.005);
    expect(unassigned / rows.length).toBeLessThan(0.02);
    // several mappings per client that uses more than one provider
    const perClient = new Map<number, number>();
    for (const m of mappings) perClient.set(m.client_id, (perClient.get(m.client_id) ?? 0) + 1);
    expect(Math.max(...perClient.values())).toBeGreaterThanOrEqual(5);
    expect(new Set(mappings.map((m) => m.external_kind))).toEqual(new Set(['sub_account', 'source', 'project', 'assistant', 'phone_number', 'api_key']));
  });

  it('writes seats as a few level events and storage as one growing sample a day', () => {
    const seats = rows.filter((r) => r.metric === 'seats');
    const byClient = groupBy(seats, (r) => r.client_id);
    expect(byClient.size).toBeGreaterThanOrEqual(3);
    for (const list of byClient.values()) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(8);
      expect(list[0]!.occurred_at).toBe(Date.parse('2026-08-03T00:00:00Z')); // the level is known from the window's start
      for (const r of list) {
        expect(r.quantity).toBeGreaterThanOrEqual(1);
        expect(r.quantity).toBeLessThanOrEqual(10);
        expect(JSON.parse(r.attrs!)).toMatchObject({ kind: 'level' });
      }
    }
    const storage = groupBy(
      rows.filter((r) => r.metric === 'storage'),
      (r) => r.client_id,
    );
    for (const list of storage.values()) {
      expect(list).toHaveLength(90);
      expect(list.at(-1)!.quantity).toBeGreaterThan(list[0]!.quantity);
    }
  });

  it('describes calls and sessions with durations and segments', () => {
    const calls = rows.filter((r) => r.metric === 'call_seconds');
    const badCalls = calls.filter((r) => {
      const a = JSON.parse(r.attrs!) as { durationSeconds: number; humanAgentSeconds?: number; phoneNumber: string };
      return (
        a.durationSeconds !== r.quantity ||
        r.quantity < 30 ||
        r.quantity > 1200 ||
        !/^\+\d{8,15}$/.test(a.phoneNumber) ||
        (a.humanAgentSeconds !== undefined && a.humanAgentSeconds >= a.durationSeconds)
      );
    });
    expect(badCalls).toEqual([]);
    const sessions = rows.filter((r) => r.metric === 'usage_sessions' || r.metric === 'voice_sessions');
    let transferred = 0;
    const badSessions = sessions.filter((r) => {
      const a = JSON.parse(r.attrs!) as { durationSeconds: number; segments: Array<{ kind: string; seconds: number }> };
      if (a.segments.some((s) => s.kind === 'human_agent')) transferred++;
      return a.durationSeconds !== r.quantity || a.segments.reduce((s, x) => s + x.seconds, 0) !== r.quantity;
    });
    expect(badSessions).toEqual([]);
    expect(transferred).toBeGreaterThan(0);
    expect(rows.filter((r) => r.metric === 'phone_numbers' && !/^\+\d+$/.test(JSON.parse(r.attrs!).phoneNumber))).toEqual([]);
  });

  it('follows the business week in the client\u2019s own time zone', () => {
    const zone = 'Europe/London';
    const id = clientId(ctx, 'Northwind Legal LLP');
    const days = perLocalDay(
      rows.filter((r) => r.client_id === id && (r.metric === 'interactions' || r.metric === 'messages')),
      zone,
    );
    const weekday: number[] = [];
    const weekend: number[] = [];
    for (const [day, n] of days) (DateTime.fromISO(day).weekday >= 6 ? weekend : weekday).push(n);
    expect(mean(weekday)).toBeGreaterThan(3 * mean(weekend));
    // and its working hours: most events between 08:00 and 19:00 London time
    const hours = rows.filter((r) => r.client_id === id && r.metric === 'messages').map((r) => DateTime.fromMillis(r.occurred_at, { zone }).hour);
    expect(hours.filter((h) => h >= 8 && h < 19).length / hours.length).toBeGreaterThan(0.8);
  });

  it('ramps one client up sharply in the last two weeks', () => {
    const id = clientId(ctx, 'Kookaburra Property Group Pty Ltd');
    const start = Date.parse('2026-10-18T00:00:00Z');
    const activity = rows.filter((r) => r.client_id === id && r.metric !== 'phone_numbers');
    const recent = activity.filter((r) => r.occurred_at >= start).length / 14;
    const earlier = activity.filter((r) => r.occurred_at < start).length / 76;
    expect(recent).toBeGreaterThan(2 * earlier);
  });

  it('has one day at three times the trailing average for one client', () => {
    const id = clientId(ctx, 'Veda Wellness Pvt. Ltd.');
    const days = [...perLocalDay(rows.filter((r) => r.client_id === id && r.metric === 'interactions'), 'Asia/Kolkata')].sort();
    const ratios = days.slice(8, -1).map(([, n], i) => n / mean(days.slice(i + 1, i + 8).map(([, m]) => m)));
    expect(Math.max(...ratios)).toBeGreaterThanOrEqual(3);
    expect(ratios.filter((r) => r >= 2)).toHaveLength(1);
  });

  it('keeps the paused client quiet since its pause, and the trial client new', () => {
    const maple = clientId(ctx, 'Maple Ridge Realty Inc.');
    const lastMessage = Math.max(...rows.filter((r) => r.client_id === maple && r.metric === 'messages').map((r) => r.occurred_at));
    expect(lastMessage).toBeLessThan(Date.parse('2026-10-13T04:00:00Z')); // end of Oct 12 in New York
    expect(rows.some((r) => r.client_id === maple && r.metric === 'storage' && r.occurred_at >= Date.parse('2026-10-31T00:00:00Z'))).toBe(true);
    const summit = clientId(ctx, 'Summit Trails Nepal Pvt. Ltd.');
    const first = Math.min(...rows.filter((r) => r.client_id === summit).map((r) => r.occurred_at));
    expect(first).toBeGreaterThan(Date.parse('2026-10-06T00:00:00Z'));
  });

  it('refuses to load twice', async () => {
    const before = summary.events;
    const res = await ctx.dispatch('demo.load', { seed: 7, endDate: '2026-10-31' });
    expect(res).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(count(ctx, 'usage_events')).toBe(before);
  });
});

describe('demo.load determinism', () => {
  it(
    'gives byte-identical data for the same seed and end date, and different data for another seed',
    async () => {
      const [a, b, c] = [await freshContext(), await freshContext(), await freshContext()];
      await load(a, { seed: 42, endDate: '2026-10-31', days: 30 });
      await load(b, { seed: 42, endDate: '2026-10-31', days: 30 });
      await load(c, { seed: 43, endDate: '2026-10-31', days: 30 });
      expect(workspaceHash(a)).toBe(workspaceHash(b));
      expect(workspaceHash(c)).not.toBe(workspaceHash(a));
    },
    SLOW,
  );

  it(
    'defaults the end date to the clock\u2019s UTC date and takes ingestion time from the clock',
    async () => {
      const ctx = await freshContext();
      const summary = await load(ctx, { days: 7 });
      expect(summary).toMatchObject({ from: '2026-10-25', to: '2026-10-31' });
      const ingested = ctx.ledger.raw.prepare('select distinct ingested_at as t from usage_events').all() as Array<{ t: number }>;
      expect(ingested).toEqual([{ t: Date.parse(NOW) }]);
    },
    SLOW,
  );
});

describe('demo.load into a workspace that has data', () => {
  const tables = ['agency', 'clients', 'provider_accounts', 'client_mappings', 'usage_events'];
  const counts = (ctx: AppContext) => Object.fromEntries(tables.map((t) => [t, count(ctx, t)]));

  it('refuses when a client exists, and writes nothing', async () => {
    const ctx = await freshContext();
    const created = await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' });
    expect(created.ok).toBe(true);
    const before = counts(ctx);
    const res = await ctx.dispatch('demo.load', { seed: 1, days: 3 });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('conflict');
      expect(res.error.message).toMatch(/already has data/);
      expect(res.error.message).toMatch(/empty workspace/);
    }
    expect(counts(ctx)).toEqual(before);
  });

  it('refuses when only the agency profile exists', async () => {
    const ctx = await freshContext();
    const saved = await ctx.dispatch('agency.save', { name: 'Own Agency', currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(saved.ok).toBe(true);
    const before = counts(ctx);
    const res = await ctx.dispatch('demo.load', { seed: 1, days: 3 });
    expect(res).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(counts(ctx)).toEqual(before);
  });

  it('writes nothing when the load fails part-way (one transaction)', async () => {
    const ctx = await freshContext();
    // a ledger without the built-in "sms" metric: the writer fails after agency, accounts and clients
    ctx.ledger.raw.prepare("delete from metrics where key = 'sms'").run();
    const res = await ctx.dispatch('demo.load', { seed: 1, days: 3 });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(counts(ctx)).toEqual({ agency: 0, clients: 0, provider_accounts: 0, client_mappings: 0, usage_events: 0 });
  });
});
