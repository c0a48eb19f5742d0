import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { agentClaraResale, makeClient, rows } from './test-fixtures';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const counts = () => ({ subscriptions: rows(ctx, 'subscriptions'), audit: rows(ctx, 'audit_log') });

describe('subscriptions.assign', () => {
  it('refuses a plan in another currency than the client, with the exact message, and saves nothing', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Pro' }) }));
    const client = await makeClient(ctx, 'Harbor & Pine', 'GBP');
    const before = counts();
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'planId',
        message: "Plan \"Pro\" bills in USD but Harbor & Pine is invoiced in GBP. Choose a GBP plan or change the client's currency.",
      },
    });
    expect(counts()).toEqual(before);
  });

  it('checks the currency of the version assigned, so a plan whose new version changed currency serves both', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Pro' }) }));
    const usd = await makeClient(ctx, 'Acme');
    ok(await ctx.dispatch('subscriptions.assign', { clientId: usd, planId: plan.id, startDate: '2026-10-01' }));
    ok(await ctx.dispatch('plans.newVersion', { id: plan.id, definition: agentClaraResale({ name: 'Pro', currency: 'GBP' }) }));
    const gbp = await makeClient(ctx, 'Harbor & Pine', 'GBP');
    expect(ok(await ctx.dispatch('subscriptions.assign', { clientId: gbp, planId: plan.id, startDate: '2026-10-01' }))).toMatchObject({ version: 2, currency: 'GBP' });
    const other = await makeClient(ctx, 'Bolt');
    expect(await ctx.dispatch('subscriptions.assign', { clientId: other, planId: plan.id, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { field: 'planId', message: expect.stringContaining('bills in GBP but Bolt is invoiced in USD') },
    });
    expect(ok(await ctx.dispatch('subscriptions.assign', { clientId: other, planId: plan.id, version: 1, startDate: '2026-10-01' }))).toMatchObject({ version: 1 });
  });

  it('ends the open subscription the day the new one starts; the history is newest first', async () => {
    const a = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Starter' }) }));
    const b = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Pro' }) }));
    const client = await makeClient(ctx, 'Acme');
    const first = ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: a.id, startDate: '2026-09-01' }));
    expect(first).toMatchObject({ clientId: client, planId: a.id, planVersionId: a.latest.id, version: 1, planName: 'Starter', currency: 'USD', startDate: '2026-09-01', endDate: null });
    const second = ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: b.id, startDate: '2026-10-15' }));
    expect(ok(await ctx.dispatch('subscriptions.list', { clientId: client }))).toEqual([
      second,
      { ...first, endDate: '2026-10-15' },
    ]);
    const audit = ctx.ledger.raw.prepare(`select action, details from audit_log where action = 'subscription.assign' order by id`).all() as Array<{ details: string }>;
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ startDate: '2026-10-15', ended: { subscriptionId: first.id, endDate: '2026-10-15' } });
  });

  it('refuses a start on or before the latest subscription start (no overlaps, history is not rewritten)', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const other = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Other' }) }));
    const client = await makeClient(ctx, 'Acme');
    ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-10-01' }));
    const before = counts();
    for (const startDate of ['2026-09-30', '2026-10-01']) {
      expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: other.id, startDate })).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          field: 'startDate',
          message: `Acme is on "AgentClara Resale" v1 from 2026-10-01. A new plan must start after that day (got ${startDate}); earlier subscriptions cannot be rewritten.`,
        },
      });
    }
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Acme is already on "AgentClara Resale" v1 (since 2026-10-01).' },
    });
    expect(counts()).toEqual(before);
  });

  it('refuses unknown and archived clients, unknown plans and versions, and bad dates', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const client = await makeClient(ctx, 'Acme');
    expect(await ctx.dispatch('subscriptions.assign', { clientId: 99, planId: plan.id, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'clientId' },
    });
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: 99, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'planId' },
    });
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, version: 3, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'version', message: 'Plan "AgentClara Resale" has no version 3.' },
    });
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-13-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'startDate' },
    });
    ok(await ctx.dispatch('clients.archive', { id: client }));
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'clientId', message: 'Acme is archived. Restore the client before assigning a plan.' },
    });
    expect(rows(ctx, 'subscriptions')).toBe(0);
    expect(await ctx.dispatch('subscriptions.list', { clientId: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the ledger itself refuses a second open subscription for a client', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const client = await makeClient(ctx, 'Acme');
    ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-10-01' }));
    expect(() =>
      ctx.ledger.raw
        .prepare(`insert into subscriptions (client_id, plan_version_id, start_date, created_at, updated_at) values (?, ?, '2026-11-01', 'x', 'x')`)
        .run(client, plan.latest.id),
    ).toThrow(/UNIQUE/);
  });
});
