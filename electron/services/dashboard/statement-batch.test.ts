// The batched rater must give, for every client, exactly what statements.get gives, notes included (the period close drafts invoices from it): the demo agency
// with its pricing, and a fixture with every case (zones, anchors, plan changes, pauses, trials, licenses, shared
// allowances, tiers, levels, currencies with and without exchange rates, count metrics, unassigned usage).
import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money/decimal';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { addDemoPricing } from '../demo/demo-pricing';
import { writeUsage } from '../pricing/test-fixtures';
import { ratePeriod, type PeriodRating } from './statement-batch';
import { openFixtureAgency, spread } from './test-agency';

let ctx: TempContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

/** statements.get for each client of the rating, compared with the batch (as plain JSON, notes included). */
async function expectSameAsStatements(c: TempContext, rating: PeriodRating): Promise<{ rated: number; failed: number }> {
  let rated = 0;
  let failed = 0;
  for (const r of rating.clients) {
    const got = await c.dispatch('statements.get', { clientId: r.client.id, period: rating.label });
    if (got.ok) {
      const statement = got.data;
      expect({ client: r.client.name, statement: JSON.parse(JSON.stringify(r.statement)) }).toEqual({ client: r.client.name, statement: JSON.parse(JSON.stringify(statement)) });
      expect(r.providerCost.eq(new Dec(statement.statement.providerCostExact))).toBe(true);
      rated += 1;
    } else {
      expect({ client: r.client.name, problem: r.problem?.message, statement: r.statement }).toEqual({ client: r.client.name, problem: got.error.message, statement: null });
      expect(r.problem?.kind).toBe(got.error.code === 'not_found' ? 'no_plan' : 'error');
      failed += 1;
    }
  }
  return { rated, failed };
}

describe('ratePeriod equals statements.get', () => {
  it('for every client of the fixture agency, in September, October and November', async () => {
    const f = await openFixtureAgency();
    ctx = f.ctx;
    for (const label of ['2026-09', '2026-10', '2026-11']) {
      const rating = await ratePeriod(ctx.deps, label);
      expect(rating.clients.map((c) => c.client.id)).not.toContain(f.clients.archived);
      expect(rating.clients).toHaveLength(10);
      const { rated, failed } = await expectSameAsStatements(ctx, rating);
      // no plan (No Plan LLC) and an annual plan asked for a month fail; Trial Co has no plan before October
      expect(failed).toBe(label === '2026-09' ? 3 : 2);
      expect(rated + failed).toBe(10);
    }
    // the cases the fixture is there for, in October
    const oct = await ratePeriod(ctx.deps, '2026-10');
    const by = (id: number) => oct.clients.find((c) => c.client.id === id)!;
    expect(by(f.clients.berlin).period).toMatchObject({ start: '2026-10-14T22:00:00.000Z', zone: 'Europe/Berlin' });
    expect(by(f.clients.changer).statement!.statement.lines.map((l) => l.kind)).toContain('plan_change');
    expect(by(f.clients.london).statement!.statement.lines.map((l) => l.kind)).toContain('credit');
    expect(by(f.clients.paused).statement!.statement.billableFraction).not.toBe('1');
    expect(by(f.clients.noPlan).problem).toEqual({ kind: 'no_plan', message: '"No Plan LLC" has no plan for 2026-10. Assign one on the client page.' });
    expect(by(f.clients.noPlan).providerCost.gt(0)).toBe(true);
    expect(by(f.clients.annual).problem?.kind).toBe('error');
    expect(oct.unassigned.usage.size).toBeGreaterThan(0);
  });

  it('with costs of more than 9 decimals (the exact fallback of the rollup sums)', async () => {
    const f = await openFixtureAgency();
    ctx = f.ctx;
    writeUsage(ctx, f.accounts.twilio, spread(f.clients.acme, 'sms', 5, 3, '2026-10-06T10:00:00Z', 60, '0.000000000123'));
    const { rated } = await expectSameAsStatements(ctx, await ratePeriod(ctx.deps, '2026-10'));
    expect(rated).toBe(8);
  });

  it('for every client of the demo agency with its pricing, month by month', async () => {
    ctx = await openTempContext({ clock: { now: () => new Date('2026-10-20T12:00:00Z') } });
    const demo = ok(await ctx.dispatch('demo.load', { seed: 7, endDate: '2026-10-19', days: 75, pricing: false }));
    const s = ctx.services;
    await addDemoPricing({ db: ctx.ledger.db, plans: s.pricing.plans, subscriptions: s.pricing.subscriptions, trials: s.lifecycle.trials, pauses: s.lifecycle.pauses, billing: s.invoices.billing }, demo);
    let rated = 0;
    for (const label of ['2026-08', '2026-09', '2026-10']) rated += (await expectSameAsStatements(ctx, await ratePeriod(ctx.deps, label))).rated;
    // Summit Trails starts its trial in late September
    expect(rated).toBe(8 + 9 + 9);
  }, 60_000);
});
