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

const counts = () => ({ plans: rows(ctx, 'plans'), versions: rows(ctx, 'plan_versions'), subscriptions: rows(ctx, 'subscriptions'), audit: rows(ctx, 'audit_log') });

const graduated = (tiers: unknown[]) =>
  agentClaraResale({ name: 'Tiered', baseFee: '0', charges: [{ metricKey: 'messages', model: { type: 'graduated', tiers } }] as never });

describe('plans: create', () => {
  it('saves version 1 normalized by the engine, mirrors name and currency, audits and announces', async () => {
    const changed: string[][] = [];
    ctx.bus.subscribe((name, payload) => name === 'data.changed' && changed.push((payload as { tables: string[] }).tables));
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ currency: 'usd' }) }));
    expect(plan).toMatchObject({ name: 'AgentClara Resale', currency: 'USD', archived: false, latest: { version: 1, inUse: false, subscriptions: 0 } });
    expect(plan.versions).toHaveLength(1);
    // defaults filled in by the schema: anchor, proration
    expect(plan.latest.definition).toMatchObject({ anchor: { kind: 'calendar' }, proration: 'prorate_immediately', baseFee: '350' });
    expect(changed).toContainEqual(['plans', 'plan_versions']);
    const audit = ctx.ledger.raw.prepare(`select action, entity, entity_id from audit_log`).all();
    expect(audit).toEqual([{ action: 'plan.create', entity: 'plan', entity_id: String(plan.id) }]);
    expect(ok(await ctx.dispatch('plans.get', { id: plan.id }))).toEqual(plan);
  });

  it.each([
    [
      'a negative price',
      agentClaraResale({ charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '-0.01' } }] }),
      'definition.charges.0.model.unitPrice',
      'Unit price must not be negative (got -0.01).',
    ],
    ['a negative base fee', agentClaraResale({ baseFee: '-5' }), 'definition.baseFee', 'Base fee must not be negative (got -5).'],
    [
      'tiers with a gap',
      graduated([
        { upTo: 999, unitPrice: '0.02' },
        { from: 1001, upTo: null, unitPrice: '0.01' },
      ]),
      'definition.charges.0.model.tiers.1.from',
      'Tier 2 starts at 1,001 but tier 1 ends at 999: tiers must be contiguous (tier 2 should start at 1,000).',
    ],
    [
      'overlapping tiers',
      graduated([
        { upTo: 999, unitPrice: '0.02' },
        { from: 900, upTo: null, unitPrice: '0.01' },
      ]),
      'definition.charges.0.model.tiers.1.from',
      'Tier 2 starts at 900 but tier 1 ends at 999: tiers overlap (tier 2 should start at 1,000).',
    ],
    [
      'an unknown metric',
      agentClaraResale({ charges: [{ metricKey: 'hugs', model: { type: 'per_unit', unitPrice: '1' } }] }),
      'definition.charges.0.metricKey',
      /^Unknown metric "hugs": add it to the metric catalog first, or choose one of .*interactions/,
    ],
    ['no name', agentClaraResale({ name: ' ' }), 'definition.name', 'Enter the plan name.'],
    ['a currency that is not ISO 4217', agentClaraResale({ currency: 'DOLLARS' }), 'definition.currency', /not an ISO 4217 currency code/],
  ])('refuses %s with the specific message and saves nothing', async (_what, definition, field, message) => {
    const before = counts();
    const r = await ctx.dispatch('plans.create', { definition: definition as Record<string, unknown> });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.field).toBe(field);
    if (typeof message === 'string') expect(r.error.message).toBe(message);
    else expect(r.error.message).toMatch(message);
    expect(r.error.fields?.[field]).toBe(r.error.message);
    expect(counts()).toEqual(before);
  });

  it('lists every problem in fields, the first as the message', async () => {
    const r = await ctx.dispatch('plans.create', {
      definition: agentClaraResale({ baseFee: '-1', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '-2' } }] }),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error.fields ?? {})).toEqual(['definition.baseFee', 'definition.charges.0.model.unitPrice']);
  });

  it('refuses a second plan with the same name (case and spacing do not matter)', async () => {
    ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const r = await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: '  agentclara   RESALE ' }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'definition.name', message: 'A plan named "AgentClara Resale" already exists. Choose another name.' } });
    expect(rows(ctx, 'plans')).toBe(1);
  });
});

describe('plans: versions', () => {
  it('edits an unused version in place; a version in use is refused, a new version works, old subscriptions keep the old version', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const edited = ok(await ctx.dispatch('plans.update', { id: plan.id, version: 1, definition: agentClaraResale({ baseFee: '375' }) }));
    expect(edited.versions).toHaveLength(1);
    expect(edited.latest.definition.baseFee).toBe('375');

    const clients = await Promise.all(['Acme', 'Bolt', 'Cedar'].map((n) => makeClient(ctx, n)));
    for (const clientId of clients) ok(await ctx.dispatch('subscriptions.assign', { clientId, planId: plan.id, startDate: '2026-10-01' }));
    expect(ok(await ctx.dispatch('plans.get', { id: plan.id })).latest).toMatchObject({ inUse: true, subscriptions: 3 });

    const before = counts();
    const r = await ctx.dispatch('plans.update', { id: plan.id, version: 1, definition: agentClaraResale({ baseFee: '400' }) });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Version 1 of "AgentClara Resale" is used by 3 subscriptions, so it cannot change. Save your edits as a new version.',
        field: 'version',
        fields: { version: 'Version 1 of "AgentClara Resale" is used by 3 subscriptions, so it cannot change. Save your edits as a new version.' },
      },
    });
    expect(counts()).toEqual(before);
    expect(JSON.parse((ctx.ledger.raw.prepare('select definition from plan_versions where id = ?').get(plan.latest.id) as { definition: string }).definition).baseFee).toBe('375');

    const v2 = ok(await ctx.dispatch('plans.newVersion', { id: plan.id, definition: agentClaraResale({ baseFee: '400' }) }));
    expect(v2.versions.map((v) => [v.version, v.definition.baseFee, v.inUse])).toEqual([
      [1, '375', true],
      [2, '400', false],
    ]);
    const subs = ok(await ctx.dispatch('subscriptions.list', { clientId: clients[0]! }));
    expect(subs).toMatchObject([{ planVersionId: plan.latest.id, version: 1 }]);
    // assigning without a version takes the latest
    const d = await makeClient(ctx, 'Dune');
    expect(ok(await ctx.dispatch('subscriptions.assign', { clientId: d, planId: plan.id, startDate: '2026-10-01' }))).toMatchObject({ version: 2 });
  });

  it('refuses a bad definition on update and on a new version without writing', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const before = counts();
    const bad = agentClaraResale({ charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '-1' } }] });
    for (const r of [
      await ctx.dispatch('plans.update', { id: plan.id, version: 1, definition: bad }),
      await ctx.dispatch('plans.newVersion', { id: plan.id, definition: bad }),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'definition.charges.0.model.unitPrice', message: 'Unit price must not be negative (got -1).' } });
    }
    expect(counts()).toEqual(before);
  });

  it('renames with the latest version, keeping names unique', async () => {
    const a = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Starter' }) }));
    const renamed = ok(await ctx.dispatch('plans.newVersion', { id: a.id, definition: agentClaraResale({ name: 'Pro', currency: 'EUR' }) }));
    expect(renamed).toMatchObject({ name: 'Pro', currency: 'EUR', latest: { version: 2 } });
    expect(renamed.versions[0]!.definition.name).toBe('AgentClara Resale');
    const clash = await ctx.dispatch('plans.newVersion', { id: a.id, definition: agentClaraResale({ name: 'starter' }) });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', field: 'definition.name' } });
  });

  it('an unchanged update writes nothing', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const before = counts();
    ok(await ctx.dispatch('plans.update', { id: plan.id, version: 1, definition: agentClaraResale() }));
    expect(counts()).toEqual(before);
  });

  it('says which version does not exist', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    expect(await ctx.dispatch('plans.update', { id: plan.id, version: 7, definition: agentClaraResale() })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Plan "AgentClara Resale" has no version 7.', field: 'version' },
    });
    expect(await ctx.dispatch('plans.get', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Plan 99 does not exist.' } });
  });
});

describe('plans: delete, archive, list', () => {
  it('deletes an unused plan and refuses one in use', async () => {
    const unused = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Unused' }) }));
    ok(await ctx.dispatch('plans.newVersion', { id: unused.id, definition: agentClaraResale({ name: 'Unused', baseFee: '1' }) }));
    expect(ok(await ctx.dispatch('plans.delete', { id: unused.id }))).toEqual({ deleted: true });
    expect(rows(ctx, 'plans')).toBe(0);
    expect(rows(ctx, 'plan_versions')).toBe(0);

    const used = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    ok(await ctx.dispatch('plans.newVersion', { id: used.id, definition: agentClaraResale({ baseFee: '400' }) }));
    const client = await makeClient(ctx, 'Acme');
    ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: used.id, version: 1, startDate: '2026-10-01' }));
    const before = counts();
    expect(await ctx.dispatch('plans.delete', { id: used.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '"AgentClara Resale" cannot be deleted: version 1 is used by 1 subscription. Archive it instead, so no new client gets it.' },
    });
    expect(counts()).toEqual(before);
  });

  it('archives and restores; archived plans leave the current list and cannot be assigned', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    const archived = ok(await ctx.dispatch('plans.archive', { id: plan.id }));
    expect(archived.archived).toBe(true);
    expect(ok(await ctx.dispatch('plans.list', {}))).toEqual([]);
    expect(ok(await ctx.dispatch('plans.list', { show: 'archived' }))).toHaveLength(1);
    expect(await ctx.dispatch('plans.archive', { id: plan.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: '"AgentClara Resale" is already archived.' } });
    const client = await makeClient(ctx, 'Acme');
    expect(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'planId', message: 'Plan "AgentClara Resale" is archived. Restore it, or choose another plan.' },
    });
    expect(ok(await ctx.dispatch('plans.restore', { id: plan.id })).archived).toBe(false);
  });

  it('summarizes each plan from its latest version, with its active subscriptions', async () => {
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
    ok(await ctx.dispatch('plans.newVersion', { id: plan.id, definition: agentClaraResale({ interval: 'year', baseFee: '3500' }) }));
    const a = await makeClient(ctx, 'Acme');
    const b = await makeClient(ctx, 'Bolt');
    ok(await ctx.dispatch('subscriptions.assign', { clientId: a, planId: plan.id, version: 1, startDate: '2026-09-01' }));
    ok(await ctx.dispatch('subscriptions.assign', { clientId: b, planId: plan.id, startDate: '2026-09-01' }));
    // the clock is 2026-10-15: Acme's subscription ended on 2026-10-01
    const other = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Other' }) }));
    ok(await ctx.dispatch('subscriptions.assign', { clientId: a, planId: other.id, startDate: '2026-10-01' }));
    expect(ok(await ctx.dispatch('plans.list', {}))).toEqual([
      { id: plan.id, name: 'AgentClara Resale', currency: 'USD', interval: 'year', baseFee: '3500', charges: 1, latestVersion: 2, activeSubscriptions: 1, archived: false, updatedAt: expect.any(String) },
      { id: other.id, name: 'Other', currency: 'USD', interval: 'month', baseFee: '350', charges: 1, latestVersion: 1, activeSubscriptions: 1, archived: false, updatedAt: expect.any(String) },
    ]);
  });
});

describe('plans.preview', () => {
  it('rates the definition for the given quantities without saving anything (reference/000: $525)', async () => {
    const before = counts();
    const st = ok(await ctx.dispatch('plans.preview', { definition: agentClaraResale(), usage: { interactions: '1500' }, providerCost: { interactions: '525' } }));
    expect(st).toMatchObject({ currency: 'USD', planVersionId: 'preview', subtotal: '525.00', providerCost: '525.00', margin: '0.00' });
    // the clock's month in the agency zone (no agency yet: UTC)
    expect(st.period).toEqual({ start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
    expect(st.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['included', '1000', '0.00'],
      ['overage', '500', '175.00'],
      ['base_fee', '1', '350.00'],
    ]);
    expect(counts()).toEqual(before);
  });

  it('refuses bad plans and bad quantities with a field', async () => {
    expect(await ctx.dispatch('plans.preview', { definition: agentClaraResale({ baseFee: '-1' }), usage: {} })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'definition.baseFee' },
    });
    expect(await ctx.dispatch('plans.preview', { definition: agentClaraResale(), usage: { interactions: 'lots' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'usage.interactions' },
    });
    expect(await ctx.dispatch('plans.preview', { definition: agentClaraResale(), usage: { hugs: '1' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'usage.hugs', message: 'Unknown metric "hugs".' },
    });
    expect(await ctx.dispatch('plans.preview', { definition: agentClaraResale(), usage: { interactions: '-5' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'usage.interactions.quantity' },
    });
  });
});
