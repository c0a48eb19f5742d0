// Pricing over a real ledger: the demo agency rated for October with one plan per currency, and the
// `meterbook rate` command as a user runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../shared/contract/commands';
import { Dec, dec, decText, roundMoney } from '../../shared/money/decimal';
import { DEMO_EXCHANGE_RATES } from '../../electron/services/demo/demo-writer';
import type { PlanDefinitionInput } from '../../shared/pricing';
import { fixedClock } from '../../electron/services/clock';
import { ok, openTempContext, type TempContext } from '../helpers/temp-context';
import { runMeterbook } from './helpers/cli';
import { createTempDirs } from './helpers/temp-dirs';

const SLOW = { timeout: 120_000 };
const temp = createTempDirs();
afterAll(() => temp.removeAll());

/** USD prices converted at the demo agency's own exchange rates, so every currency earns the same margin. */
const local = (currency: string, usd: string) => (currency === 'USD' ? usd : decText(dec(usd).times(DEMO_EXCHANGE_RATES[currency]!)));

/** Prices above what the demo's providers charge (in each client's currency), so every line earns at least its cost. */
const standardPlan = (currency: string): PlanDefinitionInput => ({
  name: `Standard ${currency}`,
  currency,
  interval: 'month',
  baseFee: local(currency, '199'),
  charges: [
    { metricKey: 'interactions', model: { type: 'per_unit', unitPrice: local(currency, '0.50') } },
    { metricKey: 'messages', model: { type: 'per_unit', unitPrice: local(currency, '0.02') } },
    { metricKey: 'seats', model: { type: 'per_unit', unitPrice: local(currency, '100') }, unitDivisor: { by: 'period', rounding: 'exact', unit: 'seat-month' } },
    { metricKey: 'storage', model: { type: 'per_unit', unitPrice: local(currency, '0.01') } },
    { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.2' } },
    { metricKey: 'call_seconds', model: { type: 'cost_multiplier', multiplier: '1.5' } },
    { metricKey: 'sms', model: { type: 'cost_multiplier', multiplier: '1.5' } },
    { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: local(currency, '5') } },
    { metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: local(currency, '0.50') } },
    { metricKey: 'voice_sessions', model: { type: 'per_unit', unitPrice: local(currency, '0.60') } },
    { metricKey: 'alert_sessions', model: { type: 'per_unit', unitPrice: local(currency, '0.05') } },
    { metricKey: 'characters', model: { type: 'per_unit', unitPrice: local(currency, '0.0003') } },
  ],
});

/** Loads the demo agency (seed 42, usage to 2026-10-31), one plan per client currency, every client subscribed. */
async function demoWithPlans(ctx: TempContext) {
  ok(await ctx.dispatch('demo.load', { seed: 42, endDate: '2026-10-31', pricing: false }));
  const clients = ok(await ctx.dispatch('clients.list', { limit: 100 })).items;
  const plans = new Map<string, number>();
  for (const currency of [...new Set(clients.map((c) => c.currency))].sort()) {
    plans.set(currency, ok(await ctx.dispatch('plans.create', { definition: standardPlan(currency) as Record<string, unknown> })).id);
  }
  for (const c of clients) ok(await ctx.dispatch('subscriptions.assign', { clientId: c.id, planId: plans.get(c.currency)!, startDate: '2026-08-01' }));
  return { clients, plans };
}

describe('the demo agency rated for October', SLOW, () => {
  let ctx: TempContext;
  let setup: Awaited<ReturnType<typeof demoWithPlans>>;
  const statements = new Map<number, CommandOutput<'statements.get'>>();

  beforeAll(async () => {
    ctx = await openTempContext({ clock: fixedClock('2026-10-31T12:00:00.000Z') });
    setup = await demoWithPlans(ctx);
    for (const c of setup.clients) statements.set(c.id, ok(await ctx.dispatch('statements.get', { clientId: c.id, period: '2026-10' })));
  }, 120_000);
  afterAll(async () => {
    await ctx.dispose();
  });

  it('uses USD, GBP, JPY, INR, AUD, CAD, EUR and KWD', () => {
    expect([...setup.plans.keys()]).toEqual(['AUD', 'CAD', 'EUR', 'GBP', 'INR', 'JPY', 'KWD', 'USD']);
    expect(statements.size).toBe(9);
  });

  it('every statement adds up: subtotal = the sum of its lines, margin = subtotal - provider cost, no line below its cost', () => {
    for (const c of setup.clients) {
      const s = statements.get(c.id)!;
      const st = s.statement;
      expect(st.currency).toBe(c.currency);
      expect(s.period.zone).toBe(c.timeZone ?? 'America/New_York');
      const sum = st.lines.reduce((acc, l) => acc.plus(dec(l.amount)), new Dec(0));
      expect(dec(st.subtotal).eq(sum), `${c.name}: ${st.subtotal} vs ${sum.toFixed()}`).toBe(true);
      expect(dec(st.margin).eq(dec(st.subtotal).minus(dec(st.providerCost))), c.name).toBe(true);
      expect(dec(st.margin).gte(0), `${c.name} margin ${st.margin}`).toBe(true);
      for (const l of st.lines) {
        expect(dec(l.amount).gte(roundMoney(dec(l.providerCost), st.currency)), `${c.name}: ${l.description} ${l.amount} < ${l.providerCost}`).toBe(true);
      }
      for (const m of st.byMetric) expect(dec(m.margin).gte(0), `${c.name}: ${m.metricKey} margin ${m.margin}`).toBe(true);
      expect(s.usage.length, c.name).toBeGreaterThan(0);
      // the usage that was rated is the usage the ledger holds for the period
      for (const u of s.usage) expect(dec(u.quantity).gte(0), `${c.name} ${u.metricKey}`).toBe(true);
    }
  });

  it('every client carries provider costs from rate cards and reported costs; USD costs of other currencies count at the agency rate', () => {
    for (const c of setup.clients) {
      const s = statements.get(c.id)!;
      expect(dec(s.statement.providerCost).gt(0), c.name).toBe(true);
      expect(s.statement.rateCardId, c.name).not.toBeNull();
      if (c.currency === 'USD') expect(s.notes ?? [], c.name).toEqual([]);
      else expect((s.notes ?? []).join('\n'), c.name).toMatch(new RegExp(`USD are counted at your rate 1 USD = ${DEMO_EXCHANGE_RATES[c.currency]} ${c.currency}`));
    }
  });

  it('amounts have the currency minor unit: yen whole, dinar to the fils', () => {
    const jpy = setup.clients.find((c) => c.currency === 'JPY')!;
    const kwd = setup.clients.find((c) => c.currency === 'KWD')!;
    expect(statements.get(jpy.id)!.statement.subtotal).toMatch(/^\d+$/);
    expect(statements.get(kwd.id)!.statement.subtotal).toMatch(/^\d+\.\d{3}$/);
  });

  it("provider costs on a per-unit card are the client's own usage at the card's price (AgentClara $0.35)", () => {
    const harbor = setup.clients.find((c) => c.name.startsWith('Harbor'))!;
    const s = statements.get(harbor.id)!;
    const interactions = s.usage.find((u) => u.metricKey === 'interactions')!;
    expect(dec(interactions.providerCost).eq(dec(interactions.quantity).times('0.35'))).toBe(true);
  });
});

describe('meterbook rate', SLOW, () => {
  let dataDir: string;
  let harborId: number;

  beforeAll(async () => {
    dataDir = temp.make();
    const ctx = await openTempContext({ dataDir, clock: fixedClock('2026-10-31T12:00:00.000Z') });
    const { clients } = await demoWithPlans(ctx);
    harborId = clients.find((c) => c.name.startsWith('Harbor'))!.id;
    await ctx.close();
  }, 120_000);

  it('prints the statement as a table with subtotal, provider cost and margin', async () => {
    const run = await runMeterbook(['--data-dir', dataDir, 'rate', '--client', String(harborId), '--period', '2026-10']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = await runMeterbook(['--data-dir', dataDir, 'rate', '--client', String(harborId), '--period', '2026-10', '--json']);
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout) as CommandOutput<'statements.get'>;
    expect(s).toMatchObject({ clientId: harborId, clientName: 'Harbor & Pine Dental Group', period: { label: '2026-10', zone: 'America/Los_Angeles' }, planVersion: 1 });

    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Harbor & Pine Dental Group — 2026-10: 2026-10-01 to 2026-10-31 (America/Los_Angeles)');
    expect(lines[1]).toMatch(/^Plan "Standard USD" version 1, USD; provider costs priced by the rate card/);
    expect(lines[3]).toMatch(/^Description\s+Quantity\s+Unit\s+Unit price\s+Amount\s+Provider cost$/);
    const group = (t: string) => t.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(run.stdout).toContain('Standard USD — base fee');
    expect(run.stdout).toMatch(new RegExp(`\\nSubtotal\\s+${group(s.statement.subtotal)} USD\\n`));
    expect(run.stdout).toMatch(new RegExp(`\\nProvider cost\\s+${group(s.statement.providerCost)} USD\\n`));
    expect(run.stdout).toMatch(new RegExp(`\\nMargin\\s+${group(s.statement.margin)} USD \\(${s.statement.marginPercent} %\\)\\n`));
    // the columns line up: every amount ends where the "Amount" header ends
    const amountEnd = lines[3]!.indexOf('Amount') + 'Amount'.length;
    const body = lines.slice(5, 5 + s.statement.lines.length);
    expect(body).toHaveLength(s.statement.lines.length);
    s.statement.lines.forEach((l, i) => expect(body[i]!.slice(0, amountEnd).endsWith(group(l.amount)), body[i]).toBe(true));
  });

  it('fails with a clear message and exit 1 when the statement cannot be made', async () => {
    const unknown = await runMeterbook(['--data-dir', dataDir, 'rate', '--client', '999', '--period', '2026-10']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('meterbook rate: Client 999 does not exist.\n');
    const noPlan = await runMeterbook(['--data-dir', dataDir, 'rate', '--client', String(harborId), '--period', '2026-07']);
    expect(noPlan.code).toBe(1);
    expect(noPlan.stderr).toBe('meterbook rate: "Harbor & Pine Dental Group" has no plan for 2026-07. Assign one on the client page.\n');
  });

  it('refuses bad arguments with exit 2 and the usage', async () => {
    for (const args of [['--period', '2026-10'], ['--client', '1'], ['--client', 'abc', '--period', '2026-10'], ['--client', '1', '--period', 'October'], ['--client', '1', '--period', '2026-10', '--colour']]) {
      const run = await runMeterbook(['--data-dir', dataDir, 'rate', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/Usage: meterbook \[--data-dir DIR\] rate --client ID --period YYYY-MM \[--json\]/);
    }
  });
});
