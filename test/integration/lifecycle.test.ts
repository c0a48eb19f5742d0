// Account controls end to end through the dispatcher, on a real temp SQLite ledger: pauses, plan changes,
// licenses, trials, and refused input that changes nothing. The clock is 2026-10-15T12:00Z; zone UTC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../helpers/temp-context';
import { agentClaraResale, makeAccount, makeClient, rows, writeUsage, type EventSpec } from '../../electron/services/pricing/test-fixtures';

let ctx: TempContext;
let account: number;
beforeEach(async () => {
  ctx = await openTempContext();
  account = await makeAccount(ctx, 'AgentClara');
});
afterEach(async () => {
  await ctx.dispose();
});

const spread = (client: number, n: number, quantity: number, start: string): EventSpec[] =>
  Array.from({ length: n }, (_, i) => ({ client, metric: 'interactions', quantity, at: Date.parse(start) + i * 60_000 }));

async function onPlan(clientId: number, definition: Record<string, unknown>, startDate = '2026-09-01') {
  const plan = ok(await ctx.dispatch('plans.create', { definition }));
  ok(await ctx.dispatch('subscriptions.assign', { clientId, planId: plan.id, startDate }));
  return plan;
}
const statement = async (clientId: number, period = '2026-10') => ok(await ctx.dispatch('statements.get', { clientId, period }));
const amounts = (s: Awaited<ReturnType<typeof statement>>) => s.statement.lines.map((l) => [l.kind, l.amount]);
const audit = (action: string) => (ctx.ledger.raw.prepare('select count(*) as n from audit_log where action = ?').get(action) as { n: number }).n;

describe('pauses: no charges while paused (reference/000)', () => {
  it('a fully paused month bills nothing — no base fee, no usage — while the usage stays stored and is flagged', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, agentClaraResale());
    writeUsage(ctx, account, spread(acme, 150, 10, '2026-10-03T09:00:00Z'));
    const pause = ok(await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-01', reason: 'Closed for October' }));
    ok(await ctx.dispatch('pauses.end', { id: pause.id, endDate: '2026-11-01' }));
    const s = await statement(acme);
    expect(amounts(s)).toEqual([
      ['included', '0.00'],
      ['overage', '0.00'],
      ['base_fee', '0.00'],
    ]);
    expect(s.statement.subtotal).toBe('0.00');
    expect(s.usage).toEqual([{ metricKey: 'interactions', quantity: '1500', events: 150, providerCost: '0' }]);
    expect(s.notes).toContain('1500 interactions used while Acme was paused (2026-10-01 to 2026-11-01) are kept but not billed.');
    expect(rows(ctx, 'usage_events')).toBe(150);
    // November is billed again
    expect((await statement(acme, '2026-11')).statement.subtotal).toBe('350.00');
    expect(audit('pause.start')).toBe(1);
    expect(audit('pause.end')).toBe(1);
  });

  it('a partial pause: prorate_immediately prorates the base fee exactly; usage while paused is not billed', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, agentClaraResale());
    writeUsage(ctx, account, [...spread(acme, 100, 10, '2026-10-03T09:00:00Z'), ...spread(acme, 50, 10, '2026-10-12T09:00:00Z')]);
    ok(await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-11', endDate: '2026-10-21' }));
    const s = await statement(acme);
    // 21 of 31 days: 350 × 21/31 = 237.0967… -> 237.10; the 500 interactions of Oct 12 are not billed
    expect(amounts(s)).toEqual([
      ['included', '0.00'],
      ['overage', '0.00'],
      ['base_fee', '237.10'],
    ]);
    expect(s.statement.lines[2]!.exactAmount).toBe('237.096774193548387096774193548387');
    expect(s.statement.billableFraction).toMatch(/^0\.677419354838709677/);
  });

  it('next_cycle: paused after the period start pays the whole period; paused at the start pays nothing', async () => {
    const a = await makeClient(ctx, 'Late pause');
    const b = await makeClient(ctx, 'Early pause');
    await onPlan(a, agentClaraResale({ name: 'NC A', proration: 'next_cycle' }));
    await onPlan(b, agentClaraResale({ name: 'NC B', proration: 'next_cycle' }));
    ok(await ctx.dispatch('pauses.start', { clientId: a, startDate: '2026-10-11', endDate: '2026-10-21' }));
    ok(await ctx.dispatch('pauses.start', { clientId: b, startDate: '2026-09-20', endDate: '2026-10-11' }));
    expect((await statement(a)).statement.subtotal).toBe('350.00');
    expect((await statement(b)).statement.subtotal).toBe('0.00');
    expect((await statement(b, '2026-11')).statement.subtotal).toBe('350.00');
  });

  it('overlapping pauses and an end before the start are refused, naming the other pause; nothing changes', async () => {
    const acme = await makeClient(ctx, 'Acme');
    const first = ok(await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-05', endDate: '2026-10-10' }));
    const overlap = await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-09', endDate: '2026-10-20' });
    expect(overlap).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'startDate' } });
    expect(!overlap.ok && overlap.error.message).toBe(`Acme is already paused then: this pause overlaps pause #${first.id} from 2026-10-05 to 2026-10-10. Choose other days, or change that pause.`);
    expect(await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-20', endDate: '2026-10-20' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'endDate' } });
    const open = ok(await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-10-20' }));
    const later = await ctx.dispatch('pauses.start', { clientId: acme, startDate: '2026-12-01' });
    expect(!later.ok && later.error.message).toContain(`pause #${open.id} from 2026-10-20 (not resumed yet)`);
    expect(rows(ctx, 'pauses')).toBe(2);
    expect(ok(await ctx.dispatch('pauses.list', { clientId: acme })).map((p) => [p.startDate, p.endDate])).toEqual([
      ['2026-10-20', null],
      ['2026-10-05', '2026-10-10'],
    ]);
  });
});

describe('plan changes', () => {
  it('immediate mid-period change under prorate_immediately bills both parts exactly; the next period is on the new plan', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, { name: 'Small', currency: 'USD', interval: 'month', baseFee: '300', charges: [] });
    const big = ok(await ctx.dispatch('plans.create', { definition: { name: 'Big', currency: 'USD', interval: 'month', baseFee: '600', charges: [] } }));
    const sub = ok(await ctx.dispatch('subscriptions.changePlan', { clientId: acme, planId: big.id, mode: 'immediate', effectiveDate: '2026-10-16' }));
    expect(sub).toMatchObject({ planName: 'Big', startDate: '2026-10-16', endDate: null });
    const s = await statement(acme);
    // 300 × 15/31 + 600 × 16/31 = 454.8387… = 300 + (600 − 300) × 16/31
    expect(amounts(s)).toEqual([
      ['base_fee', '300.00'],
      ['plan_change', '154.84'],
    ]);
    expect(s.statement.subtotal).toBe('454.84');
    expect(s.notes?.[0]).toContain('the base fee is prorated between both plans');
    expect((await statement(acme, '2026-11')).statement).toMatchObject({ planName: 'Big', subtotal: '600.00' });
    expect(ok(await ctx.dispatch('subscriptions.list', { clientId: acme })).map((x) => [x.planName, x.startDate, x.endDate])).toEqual([
      ['Big', '2026-10-16', null],
      ['Small', '2026-09-01', '2026-10-16'],
    ]);
    expect(audit('subscription.change_plan')).toBe(1);
  });

  it('immediate change on a next_cycle plan: the period stays on the old plan, with a note', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, { name: 'Small', currency: 'USD', interval: 'month', baseFee: '300', charges: [], proration: 'next_cycle' });
    const big = ok(await ctx.dispatch('plans.create', { definition: { name: 'Big', currency: 'USD', interval: 'month', baseFee: '600', charges: [] } }));
    ok(await ctx.dispatch('subscriptions.changePlan', { clientId: acme, planId: big.id, mode: 'immediate', effectiveDate: '2026-10-16' }));
    const s = await statement(acme);
    expect(s.statement.subtotal).toBe('300.00');
    expect(s.notes?.[0]).toContain('applies changes at the next cycle');
  });

  it('next_cycle change is scheduled at the next period start, takes effect then, and can be cancelled', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, { name: 'Small', currency: 'USD', interval: 'month', baseFee: '300', charges: [] });
    const big = ok(await ctx.dispatch('plans.create', { definition: { name: 'Big', currency: 'USD', interval: 'month', baseFee: '600', charges: [] } }));
    const scheduled = ok(await ctx.dispatch('subscriptions.changePlan', { clientId: acme, planId: big.id, mode: 'next_cycle' }));
    expect(scheduled).toMatchObject({ planName: 'Big', startDate: '2026-11-01' });
    expect((await statement(acme)).statement.subtotal).toBe('300.00');
    expect((await statement(acme, '2026-11')).statement).toMatchObject({ planName: 'Big', subtotal: '600.00' });
    // a second change waits for the first to be cancelled
    expect(await ctx.dispatch('subscriptions.changePlan', { clientId: acme, planId: big.id, mode: 'immediate' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const reopened = ok(await ctx.dispatch('subscriptions.cancelScheduled', { id: scheduled.id }));
    expect(reopened).toMatchObject({ planName: 'Small', endDate: null });
    expect((await statement(acme, '2026-11')).statement).toMatchObject({ planName: 'Small', subtotal: '300.00' });
    expect(rows(ctx, 'subscriptions')).toBe(1);
    expect(await ctx.dispatch('subscriptions.cancelScheduled', { id: reopened.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(audit('subscription.cancel_scheduled')).toBe(1);
  });
});

describe('licenses (reference/004 "manual license (Days or Minutes)" with remarks)', () => {
  it('+120 units raise only that period’s allowance; revoking removes them', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, agentClaraResale());
    writeUsage(ctx, account, [...spread(acme, 120, 10, '2026-10-03T09:00:00Z'), ...spread(acme, 120, 10, '2026-11-03T09:00:00Z')]);
    const license = ok(await ctx.dispatch('licenses.grant', { clientId: acme, kind: 'units', metricKey: 'interactions', quantity: '120', period: '2026-10', remark: 'Launch week goodwill' }));
    expect(license).toMatchObject({ kind: 'units', quantity: '120', period: '2026-10', revokedAt: null });
    const oct = await statement(acme);
    // 1,200 used, 1,000 included, 120 licensed: 80 × 0.35 = 28.00
    expect(oct.statement.lines[1]).toMatchObject({ kind: 'overage', quantity: '80', amount: '28.00', note: `120 free (license: #${license.id} Launch week goodwill)` });
    expect((await statement(acme, '2026-11')).statement.lines[1]).toMatchObject({ quantity: '200', amount: '70.00' });
    ok(await ctx.dispatch('licenses.revoke', { id: license.id, reason: 'Granted by mistake' }));
    expect((await statement(acme)).statement.lines[1]).toMatchObject({ quantity: '200', amount: '70.00' });
    expect(ok(await ctx.dispatch('licenses.list', { clientId: acme }))[0]).toMatchObject({ revokeReason: 'Granted by mistake' });
    expect(await ctx.dispatch('licenses.revoke', { id: license.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect([audit('license.grant'), audit('license.revoke')]).toEqual([1, 1]);
  });

  it('a license of days credits that many days of the base fee', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await onPlan(acme, agentClaraResale({ baseFee: '310' }));
    ok(await ctx.dispatch('licenses.grant', { clientId: acme, kind: 'days', quantity: '3', period: '2026-10', remark: 'Outage compensation' }));
    const s = await statement(acme);
    expect(s.statement.lines.at(-1)).toMatchObject({ kind: 'credit', amount: '-30.00', description: expect.stringContaining('3 free days — Outage compensation') });
    expect(s.statement.subtotal).toBe('280.00');
  });

  it('refused: archived client, zero/negative quantity, missing remark or metric — nothing saved', async () => {
    const acme = await makeClient(ctx, 'Acme');
    const grant = (over: Record<string, unknown>) => ctx.dispatch('licenses.grant', { clientId: acme, kind: 'units', metricKey: 'interactions', quantity: '120', period: '2026-10', remark: 'r', ...over } as never);
    for (const [over, field] of [
      [{ quantity: '0' }, 'quantity'],
      [{ quantity: '-5' }, 'quantity'],
      [{ remark: '  ' }, 'remark'],
      [{ metricKey: undefined }, 'metricKey'],
      [{ metricKey: 'nope' }, 'metricKey'],
      [{ period: '2026-13' }, 'period'],
      [{ kind: 'days', metricKey: undefined, quantity: '1.5' }, 'quantity'],
    ] as const) {
      expect(await grant(over)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    ok(await ctx.dispatch('clients.archive', { id: acme }));
    const archived = await grant({});
    expect(archived).toMatchObject({ ok: false, error: { code: 'conflict', field: 'clientId' } });
    expect(!archived.ok && archived.error.message).toBe('Acme is archived. Restore the client before granting a license.');
    expect(rows(ctx, 'licenses')).toBe(0);
    expect(audit('license.grant')).toBe(0);
  });
});

describe('trials (reference/000: 30 days, 500 interactions free)', () => {
  const perUse = { name: 'Per use', currency: 'USD', interval: 'month', baseFee: '100', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '1' } }] };

  it('defaults: free units during the trial, usage beyond billable, active on the plan afterwards', async () => {
    expect(ok(await ctx.dispatch('trials.getDefaults', {}))).toEqual({ days: 30, freeUnits: { interactions: '500' }, billBeyondFreeUnits: true });
    const acme = await makeClient(ctx, 'Acme');
    const plan = ok(await ctx.dispatch('plans.create', { definition: perUse }));
    const sub = ok(await ctx.dispatch('subscriptions.startTrial', { clientId: acme, planId: plan.id, startDate: '2026-10-01' }));
    expect(sub.startDate).toBe('2026-10-01');
    writeUsage(ctx, account, [...spread(acme, 7, 100, '2026-10-05T00:00:00Z'), { client: acme, metric: 'interactions', quantity: 50, at: '2026-10-31T10:00:00Z' }, { client: acme, metric: 'interactions', quantity: 100, at: '2026-11-03T10:00:00Z' }]);
    const oct = await statement(acme);
    // trial ends 2026-10-31: 500 of the 700 trial interactions free; 200 + 50 billed; base fee for 1 of 31 days
    expect(oct.statement.lines[0]).toMatchObject({ kind: 'usage', quantity: '250', freeQuantity: '500', amount: '250.00' });
    expect(oct.statement.lines[1]).toMatchObject({ kind: 'base_fee', amount: '3.23' });
    expect(oct.statement.subtotal).toBe('253.23');
    expect((await statement(acme, '2026-11')).statement.subtotal).toBe('200.00');
    expect(audit('subscription.start_trial')).toBe(1);
  });

  it('usage beyond the free units during the trial is not billed when the setting says so', async () => {
    ok(await ctx.dispatch('trials.setDefaults', { days: 30, freeUnits: { interactions: '500' }, billBeyondFreeUnits: false }));
    const acme = await makeClient(ctx, 'Acme');
    const plan = ok(await ctx.dispatch('plans.create', { definition: perUse }));
    ok(await ctx.dispatch('subscriptions.startTrial', { clientId: acme, planId: plan.id, startDate: '2026-10-01' }));
    writeUsage(ctx, account, [...spread(acme, 7, 100, '2026-10-05T00:00:00Z'), { client: acme, metric: 'interactions', quantity: 50, at: '2026-10-31T10:00:00Z' }]);
    const oct = await statement(acme);
    expect(oct.statement.lines[0]).toMatchObject({ kind: 'usage', quantity: '50', amount: '50.00' });
    expect(oct.statement.subtotal).toBe('53.23');
    expect(oct.notes).toContain("700 interactions used during the trial (until 2026-10-31) are not billed: usage beyond the trial's free units is not billable for this client.");
  });

  it('a trial ending before it starts is refused with the field, and nothing is saved', async () => {
    const acme = await makeClient(ctx, 'Acme');
    const plan = ok(await ctx.dispatch('plans.create', { definition: perUse }));
    const r = await ctx.dispatch('subscriptions.startTrial', { clientId: acme, planId: plan.id, startDate: '2026-10-10', trialEnd: '2026-10-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'trialEnd', message: 'The trial must end after it starts: 2026-10-01 is not after 2026-10-10.' } });
    expect(rows(ctx, 'subscriptions')).toBe(0);
    expect(await ctx.dispatch('trials.setDefaults', { days: 0, freeUnits: {}, billBeyondFreeUnits: true })).toMatchObject({ ok: false, error: { field: 'days' } });
    expect(rows(ctx, 'settings')).toBe((ctx.ledger.raw.prepare("select count(*) as n from settings where key != 'trial_defaults'").get() as { n: number }).n);
  });
});
