// The cockpit's numbers must be the sums of what the rest of Meterbook says: the statements (statements.get per
// client), the usage totals (usage.totals), the invoice list (invoices.list).
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../shared/contract/commands';
import { Dec, dec, moneyText } from '../../../shared/money/decimal';
import { ok, type TempContext } from '../../../test/helpers/temp-context';
import { writeUsage } from '../pricing/test-fixtures';
import { openFixtureAgency, spread, type FixtureAgency } from './test-agency';

let f: FixtureAgency | undefined;
let ctx: TempContext;
afterEach(async () => {
  await f?.ctx.dispose();
  f = undefined;
});
const open = async () => {
  f = await openFixtureAgency();
  ctx = f.ctx;
  return f;
};

/** Σ statements.get per currency over the non-archived clients (those that have a statement). */
async function statementSums(period: string) {
  const clients = ok(await ctx.dispatch('clients.list', {})).items;
  const sums = new Map<string, { revenue: Dec; cost: Dec; margin: Dec; clients: number }>();
  const statements = new Map<number, CommandOutput<'statements.get'>>();
  for (const c of clients) {
    const r = await ctx.dispatch('statements.get', { clientId: c.id, period });
    if (!r.ok) continue;
    statements.set(c.id, r.data);
    const st = r.data.statement;
    const t = sums.get(st.currency) ?? { revenue: new Dec(0), cost: new Dec(0), margin: new Dec(0), clients: 0 };
    t.revenue = t.revenue.plus(dec(st.subtotal));
    t.cost = t.cost.plus(dec(st.providerCost));
    t.margin = t.margin.plus(dec(st.margin));
    t.clients += 1;
    sums.set(st.currency, t);
  }
  const totals = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({ currency, revenue: moneyText(t.revenue, currency), providerCost: moneyText(t.cost, currency), margin: moneyText(t.margin, currency), clients: t.clients }));
  return { clients, totals, statements };
}

describe('dashboard.summary', () => {
  it("revenue, provider cost and margin per currency are the sums of the clients' statements", async () => {
    await open();
    for (const period of ['2026-09', '2026-10']) {
      const summary = ok(await ctx.dispatch('dashboard.summary', { period }));
      const expected = await statementSums(period);
      expect(summary.totals.map(({ marginPercent: _p, ...t }) => t)).toEqual(expected.totals);
      // the currencies of a paused client (USD), other zones (EUR, GBP) and a trial are all in
      expect(summary.totals.map((t) => t.currency)).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
      for (const t of summary.totals) expect(dec(t.margin).eq(dec(t.revenue).minus(dec(t.providerCost)))).toBe(true);
    }
  });

  it('converts with the agency rates, says which currency has none, and rounds once', async () => {
    await open();
    const s = ok(await ctx.dispatch('dashboard.summary', { period: '2026-10' }));
    expect(s.converted.missingRates).toEqual(['JPY']);
    const t = (c: string) => s.totals.find((x) => x.currency === c)!;
    // USD as is, EUR through the inverse of USD→EUR 0.92, GBP at 1.27
    const revenue = dec(t('USD').revenue).plus(dec(t('EUR').revenue).div('0.92')).plus(dec(t('GBP').revenue).times('1.27'));
    const cost = dec(t('USD').providerCost).plus(dec(t('EUR').providerCost).div('0.92')).plus(dec(t('GBP').providerCost).times('1.27'));
    expect(s.converted).toMatchObject({ currency: 'USD', revenue: moneyText(revenue, 'USD'), providerCost: moneyText(cost, 'USD') });
    expect(dec(s.converted.margin).eq(dec(s.converted.revenue).minus(dec(s.converted.providerCost)))).toBe(true);
  });

  it('lists usage per metric, unassigned usage, unbilled cost, problems, limits and the last syncs', async () => {
    const { clients, accounts } = await open();
    // Acme: 60 + 140 of 300 included interactions = 66.7 %, near only because its own alert thresholds start at 60 %
    writeUsage(ctx, accounts.clara, spread(clients.acme, 'interactions', 14, 10, '2026-10-06T12:00:00Z', 60));
    const s = ok(await ctx.dispatch('dashboard.summary', { period: '2026-10' }));
    const b = ok(await ctx.dispatch('breakdown.list', { period: '2026-10' }));
    // usage per metric = Σ of the rows' usage
    for (const u of s.usage) {
      const sum = b.rows.reduce((a, r) => a.plus(dec(r.usage[u.key] ?? '0')), new Dec(0));
      expect([u.key, dec(u.quantity).eq(sum)]).toEqual([u.key, true]);
      expect(u.clients).toBe(b.rows.filter((r) => r.usage[u.key] !== undefined).length);
    }
    expect(s.usage.find((u) => u.key === 'tickets')).toMatchObject({ name: 'Tickets', unit: 'ticket' });
    // unassigned: in the agency's October (New York): the first of the 20 events, at 00:00Z on Oct 1, is September there
    const unassigned = s.unassigned.metrics.find((m) => m.key === 'messages')!;
    expect(unassigned).toMatchObject({ quantity: '114', events: 19 });
    expect(unassigned.providerCost).toHaveLength(1);
    // the cost of usage no statement bills: the client without a plan and the annual one (USD), unassigned usage (USD)
    const unbilledRows = b.rows.filter((r) => r.billing !== 'statement').reduce((a, r) => a.plus(dec(r.providerCost)), new Dec(0));
    const unassignedCost = s.unassigned.metrics.reduce((a, m) => a.plus(dec(m.providerCost[0]?.amount ?? '0')), new Dec(0));
    expect(s.unbilledCost).toEqual([{ currency: 'USD', amount: moneyText(unbilledRows.plus(unassignedCost), 'USD') }]);
    expect(s.problems.map((p) => p.clientId)).toEqual([clients.annual]);
    expect(s.problems[0]!.message).toMatch(/annual plans/);
    expect(s.limits.find((l) => l.clientId === clients.acme && l.metricKey === 'interactions' && l.basis === 'allowance')).toMatchObject({ status: 'near', percent: '66.7', quantity: '200', base: '300' });
    expect(b.rows.find((r) => r.clientId === clients.acme)).toMatchObject({ allowanceUsedPercent: '66.7', limitStatus: 'near', overLimit: false });
    for (const l of s.limits) expect(l.status === 'over' ? dec(l.quantity).gt(dec(l.base)) : dec(l.percent).gte(60)).toBe(true);
    expect(s.sync.map((p) => p.name).sort()).toEqual(['AgentClara', 'CloseBot', 'Kora', 'Tokyo SMS', 'Twilio']);
    expect(s.period).toMatchObject({ label: '2026-10', zone: 'America/New_York', start: '2026-10-01T04:00:00.000Z', current: true });
  });

  it('invoices due and overdue equal the invoice list', async () => {
    const fx = await open();
    const inv = ctx.services.invoices;
    ok(await ctx.dispatch('clientBilling.set', { clientId: fx.clients.acme, taxRates: [{ name: 'Tax', rate: '10' }], paymentTermsDays: 7, reverseCharge: false }));
    for (const id of [fx.clients.acme, fx.clients.berlin, fx.clients.london, fx.clients.changer]) await inv.invoices.draftForClient(id, '2026-09', null);
    const drafts = ok(await ctx.dispatch('invoices.list', { status: 'draft' })).items;
    for (const d of drafts) ok(await ctx.dispatch('invoices.issue', { id: d.id, issueDate: '2026-10-02' }));
    const changer = drafts.find((d) => d.clientId === fx.clients.changer)!;
    ok(await ctx.dispatch('invoices.markPaid', { id: changer.id, date: '2026-10-05', method: 'bank_transfer' }));
    const london = drafts.find((d) => d.clientId === fx.clients.london)!;
    const index = ok(await ctx.dispatch('invoices.get', { id: london.id })).snapshot.lines.findIndex((l) => dec(l.amount).gte(10));
    const credit = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: london.id, reason: 'goodwill', mode: 'partial', lines: [{ index, amount: '10.00' }] }));
    ok(await ctx.dispatch('invoices.issue', { id: credit.id, issueDate: '2026-10-03' }));

    const s = ok(await ctx.dispatch('dashboard.summary', { period: '2026-10' }));
    const issued = ok(await ctx.dispatch('invoices.list', { status: 'issued', kind: 'invoice' })).items.filter((i) => dec(i.balanceDue).gt(0));
    const overdue = ok(await ctx.dispatch('invoices.list', { status: 'overdue' }));
    const perCurrency = (items: typeof issued) =>
      [...new Set(items.map((i) => i.currency))].sort().map((currency) => {
        const mine = items.filter((i) => i.currency === currency);
        return { currency, count: mine.length, amount: moneyText(mine.reduce((a, i) => a.plus(dec(i.balanceDue)), new Dec(0)), currency) };
      });
    expect(s.invoices.due).toEqual(perCurrency(issued));
    expect(s.invoices.overdue).toEqual(overdue.totals.map((t) => ({ currency: t.currency, count: t.count, amount: t.balanceDue })));
    expect(s.invoices.overdue.map((o) => o.currency)).toEqual(['USD']);
    expect(s.invoices.due.map((o) => o.currency)).toEqual(['EUR', 'GBP', 'USD']);
  });
});

describe('breakdown.list', () => {
  it('one row per non-archived client; statement rows equal statements.get; totals add up the rows', async () => {
    const fx = await open();
    const b = ok(await ctx.dispatch('breakdown.list', { period: '2026-10' }));
    const { statements } = await statementSums('2026-10');
    expect(b.rows.map((r) => r.clientId)).not.toContain(fx.clients.archived);
    expect(b.rows).toHaveLength(10);
    for (const r of b.rows) {
      const st = statements.get(r.clientId);
      if (st) {
        expect(r).toMatchObject({ billing: 'statement', revenue: st.statement.subtotal, providerCost: st.statement.providerCost, margin: st.statement.margin, marginPercent: st.statement.marginPercent, planName: st.statement.planName });
        expect(r.usage).toEqual(Object.fromEntries(st.usage.filter((u) => u.events > 0 || dec(u.quantity).gt(0)).map((u) => [u.metricKey, u.quantity])));
        expect(r.period).toEqual({ start: st.period.start, end: st.period.end, zone: st.period.zone });
      } else {
        expect(r).toMatchObject({ revenue: null, margin: null, marginPercent: null });
        expect(dec(r.providerCost).gt(0)).toBe(true);
      }
    }
    const noPlan = b.rows.find((r) => r.clientId === fx.clients.noPlan)!;
    expect(noPlan).toMatchObject({ billing: 'no_plan', planName: null, currency: 'USD' });
    expect(b.rows.find((r) => r.clientId === fx.clients.paused)).toMatchObject({ status: 'active', billing: 'statement' });
    for (const t of b.totals) {
      const rows = b.rows.filter((r) => r.currency === t.currency);
      const sum = (pick: (r: (typeof rows)[number]) => string | null) => moneyText(rows.reduce((a, r) => a.plus(dec(pick(r) ?? '0')), new Dec(0)), t.currency);
      expect(t).toMatchObject({
        rows: rows.length,
        revenue: sum((r) => r.revenue),
        margin: sum((r) => r.margin),
        providerCost: sum((r) => (r.billing === 'statement' ? r.providerCost : null)),
        unbilledCost: sum((r) => (r.billing === 'statement' ? null : r.providerCost)),
        walletBalance: sum((r) => r.walletBalance),
      });
    }
    // the metrics columns are the metrics somebody used
    expect(b.metrics.map((m) => m.key)).toEqual(expect.arrayContaining(['interactions', 'sms', 'seats', 'phone_numbers', 'tickets']));
    // amounts in the agency's currency: USD as is, JPY has no rate
    const yen = b.rows.find((r) => r.clientId === fx.clients.yen)!;
    expect(yen.agency).toEqual({ revenue: null, providerCost: null, margin: null });
    const acme = b.rows.find((r) => r.clientId === fx.clients.acme)!;
    expect(acme.agency).toEqual({ revenue: acme.revenue, providerCost: acme.providerCost, margin: acme.margin });
  });

  it('allowance used and limit flags follow the plan, the client limit and the client thresholds', async () => {
    const fx = await open();
    writeUsage(ctx, fx.accounts.twilio, spread(fx.clients.acme, 'sms', 50, 4, '2026-10-08T10:00:00Z', 30));
    const b = ok(await ctx.dispatch('breakdown.list', { period: '2026-10' }));
    const acme = b.rows.find((r) => r.clientId === fx.clients.acme)!;
    // 200 + more SMS against its own limit of 200
    expect(dec(acme.usage.sms!).gt(200)).toBe(true);
    expect(acme).toMatchObject({ overLimit: true, limitStatus: 'over' });
    expect(dec(acme.allowanceUsedPercent!).gt(100)).toBe(true);
    const noPlan = b.rows.find((r) => r.clientId === fx.clients.noPlan)!;
    expect(noPlan).toMatchObject({ allowanceUsedPercent: null, limitStatus: null, overLimit: false });
  });

  it('a wallet balance is shown per client in its currency', async () => {
    const fx = await open();
    ok(await ctx.dispatch('wallet.topUp', { clientId: fx.clients.berlin, amount: '125.50', date: '2026-10-02' }));
    const b = ok(await ctx.dispatch('breakdown.list', { period: '2026-10' }));
    expect(b.rows.find((r) => r.clientId === fx.clients.berlin)!.walletBalance).toBe('125.50');
    expect(b.totals.find((t) => t.currency === 'EUR')!.walletBalance).toBe('125.50');
  });
});

describe('dashboard.monthly', () => {
  it('each month equals the summary of that month, plus what was invoiced for it', async () => {
    const fx = await open();
    await ctx.services.invoices.invoices.draftForClient(fx.clients.acme, '2026-09', null);
    const draft = ok(await ctx.dispatch('invoices.list', { status: 'draft' })).items[0]!;
    const issued = ok(await ctx.dispatch('invoices.issue', { id: draft.id, issueDate: '2026-10-02' }));
    const m = ok(await ctx.dispatch('dashboard.monthly', { months: 3 }));
    expect(m.months.map((x) => x.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    for (const month of m.months) {
      const s = ok(await ctx.dispatch('dashboard.summary', { period: month.label }));
      expect(month.converted).toEqual(s.converted);
      expect(month.byCurrency.filter((c) => c.clients > 0).map(({ invoiced: _i, ...c }) => c)).toEqual(s.totals);
    }
    const sep = m.months[1]!.byCurrency.find((c) => c.currency === 'USD')!;
    expect(sep.invoiced).toBe(issued.snapshot.totals.net);
    expect(m.months[2]!.byCurrency.find((c) => c.currency === 'USD')!.invoiced).toBe('0.00');
  });

  it('keeps rated months until usage before their end changes', async () => {
    const fx = await open();
    const service = ctx.services.dashboard.dashboard;
    // the summary and the breakdown asked together share one rating
    await Promise.all([ctx.dispatch('dashboard.summary', { period: '2026-10' }), ctx.dispatch('breakdown.list', { period: '2026-10' })]);
    expect(service.ratedPeriods()).toBe(1);
    const before = ok(await ctx.dispatch('dashboard.monthly', { months: 2 }));
    expect(service.ratedPeriods()).toBe(2);
    ok(await ctx.dispatch('dashboard.monthly', { months: 2 }));
    expect(service.ratedPeriods()).toBe(2);
    // usage of today: September stays as rated (not rated again), October changes
    writeUsage(ctx, fx.accounts.clara, spread(fx.clients.acme, 'interactions', 10, 50, '2026-10-20T08:00:00Z', 5));
    const after = ok(await ctx.dispatch('dashboard.monthly', { months: 2 }));
    expect(service.ratedPeriods()).toBe(3);
    expect(after.months[0]).toEqual(before.months[0]);
    expect(dec(after.months[1]!.byCurrency.find((c) => c.currency === 'USD')!.revenue).gt(dec(before.months[1]!.byCurrency.find((c) => c.currency === 'USD')!.revenue))).toBe(true);
    // a late September event is seen too
    writeUsage(ctx, fx.accounts.clara, spread(fx.clients.acme, 'interactions', 10, 50, '2026-09-20T08:00:00Z', 5));
    const late = ok(await ctx.dispatch('dashboard.monthly', { months: 2 }));
    expect(late.months[0]).not.toEqual(before.months[0]);
    expect(late.months[0]!.byCurrency).toEqual(
      (await statementSums('2026-09')).totals.map((t) => expect.objectContaining({ currency: t.currency, revenue: t.revenue, providerCost: t.providerCost })),
    );
    // and so is a change of plan terms (a new subscription)
    const p = ok(await ctx.dispatch('plans.create', { definition: { name: 'Flat', currency: 'USD', interval: 'month', baseFee: '999' } }));
    ok(await ctx.dispatch('subscriptions.assign', { clientId: fx.clients.noPlan, planId: p.id, startDate: '2026-09-01' }));
    const planned = ok(await ctx.dispatch('dashboard.monthly', { months: 2 }));
    expect(planned.months[0]!.byCurrency.find((c) => c.currency === 'USD')!.clients).toBe(late.months[0]!.byCurrency.find((c) => c.currency === 'USD')!.clients + 1);
  });
});

describe('dashboard.usageSeries', () => {
  const totals = async (from: string, to: string, metricKey: string, clientId?: number) => {
    const rows = ok(await ctx.dispatch('usage.totals', { from, to, ...(clientId ? { clientId } : {}) }));
    return rows.filter((r) => r.metricKey === metricKey).reduce((a, r) => a.plus(dec(r.quantity)), new Dec(0));
  };

  it('bucket sums equal usage.totals over the range, for every range, by client and by metric', async () => {
    const fx = await open();
    fx.clock.set('2026-10-21T15:30:00.000Z');
    for (const range of ['24h', '7d', '30d', '3m', '12m'] as const) {
      const byClient = ok(await ctx.dispatch('dashboard.usageSeries', { range, groupBy: 'client', metricKey: 'interactions', top: 3 }));
      const sum = byClient.series.reduce((a, s) => a.plus(dec(s.total)), new Dec(0));
      expect([range, sum.toFixed()]).toEqual([range, (await totals(byClient.from, byClient.to, 'interactions')).toFixed()]);
      for (const s of byClient.series) expect(byClient.buckets.reduce((a, b) => a + BigInt(b.values[s.key]!), 0n).toString()).toBe(s.total);
      expect(byClient.series.length).toBeLessThanOrEqual(4);
      const byMetric = ok(await ctx.dispatch('dashboard.usageSeries', { range, groupBy: 'metric', clientId: fx.clients.acme }));
      for (const s of byMetric.series) expect([range, s.key, s.total]).toEqual([range, s.key, (await totals(byMetric.from, byMetric.to, s.key, fx.clients.acme)).toFixed()]);
    }
    const year = ok(await ctx.dispatch('dashboard.usageSeries', { range: '12m', groupBy: 'metric' }));
    expect(year.buckets.map((b) => b.label)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(year.omittedMetrics.map((m) => m.key)).toEqual(expect.arrayContaining(['seats', 'phone_numbers', 'usage_sessions']));
    // "tickets" is a count metric: events
    expect(year.series.find((s) => s.key === 'tickets')!.total).toBe((await totals(year.from, year.to, 'tickets')).toFixed());
  });

  it('buckets follow the agency zone: weeks start on Monday, days across the DST change are 25 hours', async () => {
    const fx = await open();
    fx.clock.set('2026-11-03T15:00:00.000Z');
    const week = ok(await ctx.dispatch('dashboard.usageSeries', { range: '7d', groupBy: 'metric' }));
    const nov1 = week.buckets.find((b) => b.label === '2026-11-01')!;
    expect(Date.parse(nov1.end) - Date.parse(nov1.start)).toBe(25 * 3_600_000);
    const quarter = ok(await ctx.dispatch('dashboard.usageSeries', { range: '3m', groupBy: 'metric' }));
    expect(quarter.buckets).toHaveLength(13);
    expect(quarter.buckets.at(-1)!.label).toBe('2026-11-02');
    const hours = ok(await ctx.dispatch('dashboard.usageSeries', { range: '24h', groupBy: 'metric', providerAccountId: fx.accounts.twilio }));
    expect(hours.buckets).toHaveLength(24);
    expect(hours.to).toBe('2026-11-03T16:00:00.000Z');
  });

  it('asks for a metric to compare clients, and refuses metrics that do not add up over time', async () => {
    await open();
    const noMetric = await ctx.dispatch('dashboard.usageSeries', { range: '7d', groupBy: 'client' });
    expect(noMetric).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'metricKey' } });
    const seats = await ctx.dispatch('dashboard.usageSeries', { range: '7d', groupBy: 'client', metricKey: 'seats' });
    expect(seats).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'metricKey' } });
    expect(!seats.ok && seats.error.message).toMatch(/level over time/);
  });
});
