import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../../shared/money/decimal';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { DEMO_CLIENTS } from './demo-clients';
import { addDemoPricing, DEMO_PLANS, type DemoPricingSummary } from './demo-pricing';

let ctx: TempContext;
let summary: DemoPricingSummary;
beforeAll(async () => {
  ctx = await openTempContext({ clock: { now: () => new Date('2026-10-20T12:00:00Z') } });
  const demo = ok(await ctx.dispatch('demo.load', { seed: 42, endDate: '2026-10-19', days: 90, pricing: false }));
  const s = ctx.services;
  summary = await addDemoPricing({ db: ctx.ledger.db, plans: s.pricing.plans, subscriptions: s.pricing.subscriptions, trials: s.lifecycle.trials, pauses: s.lifecycle.pauses, billing: s.invoices.billing }, demo);
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

const clientByName = async () => new Map(ok(await ctx.dispatch('clients.list', {})).items.map((c) => [c.name, c]));

describe('addDemoPricing', () => {
  it('adds a plan in each client’s currency and a subscription from the window start (a trial for Summit)', async () => {
    expect(summary).toEqual({ plans: 9, subscriptions: 9, trials: 1, pauses: 1, billingTerms: 2 });
    const clients = await clientByName();
    for (const spec of DEMO_CLIENTS) {
      const c = clients.get(spec.name)!;
      const subs = ok(await ctx.dispatch('subscriptions.list', { clientId: c.id }));
      expect(subs).toHaveLength(1);
      expect(subs[0]).toMatchObject({ planName: DEMO_PLANS[spec.key]!.name, currency: c.currency });
      if (spec.key === 'summit') expect(subs[0]!.startDate).toBe('2026-09-25');
      else expect(subs[0]!.startDate).toBe('2026-07-22');
    }
  });

  it('charges every metric each client uses, with a positive margin in a full month', async () => {
    const clients = await clientByName();
    for (const spec of DEMO_CLIENTS.filter((s) => s.key !== 'summit')) {
      const st = ok(await ctx.dispatch('statements.get', { clientId: clients.get(spec.name)!.id, period: '2026-09' }));
      expect([spec.key, st.statement.lines.filter((l) => l.kind === 'unbilled_cost').map((l) => l.metricKey)]).toEqual([spec.key, []]);
      expect([spec.key, dec(st.statement.margin).gt(0)]).toEqual([spec.key, true]);
      // a realistic markup: between 15 % and 90 %
      expect(Number(st.statement.marginPercent)).toBeGreaterThan(15);
      expect(Number(st.statement.marginPercent)).toBeLessThan(90);
    }
  });

  it('gives Northwind UK VAT and Rheinwerk reverse charge; keeps Summit in its trial and Maple Ridge paused', async () => {
    const clients = await clientByName();
    expect(ok(await ctx.dispatch('clientBilling.get', { clientId: clients.get('Northwind Legal LLP')!.id }))).toMatchObject({ taxRates: [{ name: 'VAT', rate: '20' }], reverseCharge: false });
    expect(ok(await ctx.dispatch('clientBilling.get', { clientId: clients.get('Rheinwerk Logistik GmbH')!.id }))).toMatchObject({ taxRates: [], reverseCharge: true });
    await ctx.services.lifecycle.refreshStatuses();
    const after = await clientByName();
    expect(after.get('Summit Trails Nepal Pvt. Ltd.')!.status).toBe('trial');
    expect(after.get('Maple Ridge Realty Inc.')!.status).toBe('paused');
    const pauses = ok(await ctx.dispatch('pauses.list', { clientId: after.get('Maple Ridge Realty Inc.')!.id }));
    expect(pauses.map((p) => [p.startDate, p.endDate])).toEqual([['2026-10-01', null]]);
    // the paused client pays no base fee for the paused days
    const oct = ok(await ctx.dispatch('statements.get', { clientId: after.get('Maple Ridge Realty Inc.')!.id, period: '2026-10' }));
    expect(Number(oct.statement.billableFraction)).toBeLessThan(0.01);
  });

  it('lets the dashboard show revenue for every currency of the demo', async () => {
    const s = ok(await ctx.dispatch('dashboard.summary', { period: '2026-09' }));
    expect(s.totals.map((t) => t.currency)).toEqual(['AUD', 'CAD', 'EUR', 'GBP', 'INR', 'JPY', 'KWD', 'USD']);
    expect(s.converted.missingRates).toEqual([]);
    expect(dec(s.converted.margin).gt(0)).toBe(true);
  });
});

describe('demo.load turns the pricing on by default', () => {
  it('loads plans, subscriptions and terms with the demo, and the statuses follow them', async () => {
    const other = await openTempContext({ clock: { now: () => new Date('2026-10-20T12:00:00Z') } });
    try {
      ok(await other.dispatch('demo.load', { seed: 42, endDate: '2026-10-19', days: 90 }));
      const plans = other.ledger.raw.prepare('select count(*) as n from plans').get() as { n: number };
      const subs = other.ledger.raw.prepare('select count(distinct client_id) as n from subscriptions').get() as { n: number };
      expect(plans.n).toBe(Object.keys(DEMO_PLANS).length);
      expect(subs.n).toBe(Object.keys(DEMO_PLANS).length);
      const statuses = other.ledger.raw.prepare(`select status, count(*) as n from clients group by status order by status`).all();
      expect(statuses).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'active' })]));
      // a statement can be produced for every client straight away
      const clients = ok(await other.dispatch('clients.list', {})).items;
      for (const c of clients) expect((await other.dispatch('statements.get', { clientId: c.id, period: '2026-09' })).ok, c.name).toBe(true);
    } finally {
      await other.dispose();
    }
  }, 60_000);
});
