import { afterEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { statusOn } from './client-status';

let ctx: TempContext | undefined;
afterEach(async () => ctx?.dispose());

describe('client status follows its dates', () => {
  it('statusOn: a pause wins, then a running trial, else active; no plan leaves it alone', () => {
    const sub = [{ start_date: '2026-10-01', end_date: null, trial_end: '2026-10-31' }];
    expect(statusOn('2026-10-15', [], sub)).toBe('trial');
    expect(statusOn('2026-10-31', [], sub)).toBe('active');
    expect(statusOn('2026-11-02', [{ start_date: '2026-11-01', end_date: '2026-11-08' }], sub)).toBe('paused');
    expect(statusOn('2026-11-08', [{ start_date: '2026-11-01', end_date: '2026-11-08' }], sub)).toBe('active');
    expect(statusOn('2026-09-30', [], sub)).toBeNull();
  });

  it('a trial ends into active, a pause makes the client paused and its end active again', async () => {
    let now = new Date('2026-10-10T12:00:00Z');
    ctx = await openTempContext({ clock: { now: () => now } });
    ok(await ctx.dispatch('agency.save', { name: 'Brightline', currency: 'USD', timeZone: 'UTC' }));
    const client = ok(await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' }));
    const plan = ok(await ctx.dispatch('plans.create', { definition: { name: 'Pro', currency: 'USD', interval: 'month', baseFee: '100' } }));
    ok(await ctx.dispatch('subscriptions.startTrial', { clientId: client.id, planId: plan.id, startDate: '2026-10-01', days: 14 }));
    const status = async () => ok(await ctx!.dispatch('clients.get', { id: client.id })).status;
    expect(await status()).toBe('trial');
    now = new Date('2026-10-20T12:00:00Z');
    expect(await ctx.services.lifecycle.refreshStatuses()).toBe(1);
    expect(await status()).toBe('active');
    const pause = ok(await ctx.dispatch('pauses.start', { clientId: client.id, startDate: '2026-10-20' }));
    expect(await status()).toBe('paused');
    ok(await ctx.dispatch('pauses.end', { id: pause.id, endDate: '2026-10-21' }));
    now = new Date('2026-10-21T12:00:00Z');
    await ctx.services.lifecycle.refreshStatuses();
    expect(await status()).toBe('active');
    const audit = ctx.ledger.raw.prepare(`select details from audit_log where action = 'client.status' order by id`).all() as Array<{ details: string }>;
    expect(audit.map((a) => JSON.parse(a.details).to)).toEqual(['trial', 'active', 'paused', 'active']);
  });
});
