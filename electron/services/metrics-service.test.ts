import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricCreateInput } from '../../shared/domain/provider';
import { ok, openTempContext, type TempContext } from '../../test/helpers/temp-context';
import { agentClaraResale, makeAccount, makeClient, rows, writeUsage } from './pricing/test-fixtures';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const stored = (key: string) => ctx.ledger.raw.prepare('select key, name, unit, aggregation, config, built_in from metrics where key = ?').get(key) as
  | { key: string; name: string; unit: string; aggregation: string; config: string; built_in: number }
  | undefined;
const create = (input: MetricCreateInput) => ctx.dispatch('metrics.create', input);
const callMinutes: MetricCreateInput = { key: 'call_minutes', name: 'Call minutes', unit: 'minute', aggregation: 'sum', config: {} };

describe('metrics.create', () => {
  it.each<[string, MetricCreateInput, Record<string, unknown>]>([
    ['count', { key: 'tickets', name: 'Tickets', unit: 'ticket', aggregation: 'count', config: {} }, {}],
    ['sum', callMinutes, {}],
    ['max', { key: 'peak_agents', name: 'Peak agents', unit: 'agent', aggregation: 'max', config: {} }, {}],
    ['unique_count', { key: 'active_numbers', name: 'Active numbers', unit: 'number', aggregation: 'unique_count', config: { attribute: 'phoneNumber' } }, { attribute: 'phoneNumber' }],
    ['time_weighted (mode defaults to level)', { key: 'gb_days', name: 'Storage (GB)', unit: 'GB-day', aggregation: 'time_weighted', config: { per: 'day' } }, { per: 'day', mode: 'level' }],
    ['time_weighted delta', { key: 'agent_hours', name: 'Agent hours', unit: 'agent-hour', aggregation: 'time_weighted', config: { per: 'hour', mode: 'delta' } }, { per: 'hour', mode: 'delta' }],
    [
      'session_blocks',
      { key: 'chat_blocks', name: 'Chat blocks', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 30, excludeSegments: ['human_agent'] } },
      { blockMinutes: 30, excludeSegments: ['human_agent'] },
    ],
  ])('creates a %s metric, normalized by the engine, audited and announced', async (_kind, input, config) => {
    const changed: string[][] = [];
    ctx.bus.subscribe((name, payload) => name === 'data.changed' && changed.push((payload as { tables: string[] }).tables));
    const metric = ok(await create(input));
    expect(metric).toEqual({ id: expect.any(Number), key: input.key, name: input.name, unit: input.unit, aggregation: input.aggregation, config, builtIn: false });
    expect(JSON.parse(stored(input.key)!.config)).toEqual(config);
    expect(stored(input.key)!.built_in).toBe(0);
    expect(changed).toEqual([['metrics']]);
    expect(ctx.ledger.raw.prepare(`select action, entity, entity_id from audit_log`).all()).toEqual([{ action: 'metric.create', entity: 'metric', entity_id: String(metric.id) }]);
    expect(ok(await ctx.dispatch('metrics.list', {}))).toContainEqual(metric);
  });

  it('trims the name and unit', async () => {
    expect(ok(await create({ ...callMinutes, key: ' call_minutes ', name: '  Call minutes ', unit: ' minute ' }))).toMatchObject({ key: 'call_minutes', name: 'Call minutes', unit: 'minute' });
  });

  it.each<[string, MetricCreateInput, string, RegExp]>([
    ['session blocks without blockMinutes', { key: 'blocks', name: 'Blocks', unit: 'session', aggregation: 'session_blocks', config: {} }, 'config.blockMinutes', /whole number from 1 to 1440/],
    ['zero-minute blocks', { key: 'blocks', name: 'Blocks', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 0 } }, 'config.blockMinutes', /at least 1 minute/],
    ['blockMinutes as text', { key: 'blocks', name: 'Blocks', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: '15' } }, 'config.blockMinutes', /whole number/],
    ['segments that are not a list of text', { key: 'blocks', name: 'Blocks', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 15, excludeSegments: [1] } }, 'config.excludeSegments', /list of segment kinds/],
    ['unique count without attribute', { key: 'numbers', name: 'Numbers', unit: 'number', aggregation: 'unique_count', config: {} }, 'config.attribute', /Name the attribute/],
    ['time-weighted without per', { key: 'gb_days', name: 'GB', unit: 'GB-day', aggregation: 'time_weighted', config: { mode: 'level' } }, 'config.per', /per second, minute, hour or day/],
    ['time-weighted with an unknown mode', { key: 'gb_days', name: 'GB', unit: 'GB-day', aggregation: 'time_weighted', config: { per: 'day', mode: 'sample' } }, 'config.mode', /"level" mode/],
    ['a key with capitals', { ...callMinutes, key: 'Call-Minutes' }, 'key', /lower-case letters, digits and underscores/],
    ['an empty name', { ...callMinutes, name: '  ' }, 'name', /Enter the metric name/],
    ['an empty unit', { ...callMinutes, unit: '' }, 'unit', /Enter the unit/],
  ])('refuses %s with the field path and saves nothing', async (_what, input, field, message) => {
    const before = { metrics: rows(ctx, 'metrics'), audit: rows(ctx, 'audit_log') };
    const r = await create(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.field).toBe(field);
    expect(r.error.message).toMatch(message);
    expect(r.error.fields?.[field]).toMatch(message);
    expect({ metrics: rows(ctx, 'metrics'), audit: rows(ctx, 'audit_log') }).toEqual(before);
  });

  it('reports every config problem at once', async () => {
    const r = await create({ key: 'gb_days', name: 'GB', unit: 'GB-day', aggregation: 'time_weighted', config: { per: 'week', mode: 'x' } });
    expect(r.ok ? null : Object.keys(r.error.fields ?? {})).toEqual(['config.per', 'config.mode']);
  });

  it('refuses a duplicate key and a built-in key (conflict on "key")', async () => {
    ok(await create(callMinutes));
    const metrics = rows(ctx, 'metrics');
    expect(await create({ ...callMinutes, name: 'Other' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A metric with key "call_minutes" already exists.', field: 'key', fields: { key: 'A metric with key "call_minutes" already exists.' } },
    });
    expect(await create({ ...callMinutes, key: 'interactions' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'key', message: '"interactions" is the key of the built-in metric "Interactions": choose another key.' },
    });
    expect(rows(ctx, 'metrics')).toBe(metrics);
  });

  it('refuses unknown input fields (the contract is strict)', async () => {
    const r = await ctx.dispatch('metrics.create', { ...callMinutes, builtIn: true } as MetricCreateInput);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown field: builtIn.' } });
  });
});

describe('custom metrics in use', () => {
  it('can be charged by a plan and priced by a rate card', async () => {
    ok(await create(callMinutes));
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Voice', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.12' } }] }) }));
    expect(plan.latest.definition).toMatchObject({ charges: [{ metricKey: 'call_minutes' }] });
    const account = await makeAccount(ctx, 'Vapi', 'USD', { currency: 'USD', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.05' } }] });
    expect(account).toBeGreaterThan(0);
  });

  it('is accepted by the ledger writer (imports and syncs)', async () => {
    ok(await create({ key: 'chat_blocks', name: 'Chat blocks', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 30 } }));
    const account = await makeAccount(ctx, 'Chat platform');
    const client = await makeClient(ctx, 'Acme');
    ok(await ctx.dispatch('mappings.create', { providerAccountId: account, clientKey: `client:${client}`, clientId: client }));
    writeUsage(ctx, account, [
      { client, metric: 'chat_blocks', quantity: 1, at: '2026-10-02T10:00:00Z' },
      { client, metric: 'chat_blocks', quantity: 2, at: '2026-10-03T10:00:00Z' },
    ]);
    const totals = ok(await ctx.dispatch('usage.totals', { clientId: client, from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }));
    expect(totals).toEqual([expect.objectContaining({ metricKey: 'chat_blocks', events: 2, quantity: '3' })]);
  });
});

describe('metrics.delete', () => {
  const deleteError = async (id: number) => {
    const r = await ctx.dispatch('metrics.delete', { id });
    expect(r.ok).toBe(false);
    return r.ok ? null : r.error;
  };

  it('deletes an unused custom metric, audited and announced', async () => {
    const metric = ok(await create(callMinutes));
    const changed: string[][] = [];
    ctx.bus.subscribe((name, payload) => name === 'data.changed' && changed.push((payload as { tables: string[] }).tables));
    expect(ok(await ctx.dispatch('metrics.delete', { id: metric.id }))).toEqual({ deleted: true });
    expect(stored('call_minutes')).toBeUndefined();
    expect(changed).toEqual([['metrics']]);
    expect(ctx.ledger.raw.prepare(`select action, entity_id from audit_log order by id desc limit 1`).get()).toEqual({ action: 'metric.delete', entity_id: String(metric.id) });
    // the key is free again
    ok(await create(callMinutes));
  });

  it('refuses built-ins and unknown ids', async () => {
    const interactions = ok(await ctx.dispatch('metrics.list', {})).find((m) => m.key === 'interactions')!;
    expect(await deleteError(interactions.id)).toEqual({ code: 'conflict', message: '"Interactions" is a built-in metric: built-in metrics cannot be deleted.' });
    expect(await deleteError(9999)).toEqual({ code: 'not_found', message: 'Metric 9999 does not exist.' });
    expect(stored('interactions')).toBeDefined();
  });

  it('refuses a metric with usage events, naming how many', async () => {
    const metric = ok(await create(callMinutes));
    const account = await makeAccount(ctx, 'Vapi');
    writeUsage(ctx, account, [
      { client: null, metric: 'call_minutes', quantity: 3, at: '2026-10-02T10:00:00Z' },
      { client: null, metric: 'call_minutes', quantity: 4, at: '2026-10-02T11:00:00Z' },
    ]);
    const audit = rows(ctx, 'audit_log');
    expect(await deleteError(metric.id)).toEqual({ code: 'conflict', message: '"Call minutes" cannot be deleted: it is used by 2 usage events.' });
    expect(stored('call_minutes')).toBeDefined();
    expect(rows(ctx, 'audit_log')).toBe(audit);
  });

  it('refuses a metric a plan version charges or limits, naming the plan and versions', async () => {
    const metric = ok(await create(callMinutes));
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Voice Pro', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.12' } }] }) }));
    ok(await ctx.dispatch('plans.newVersion', { id: plan.id, definition: agentClaraResale({ name: 'Voice Pro', limits: { call_minutes: '5000' } }) }));
    expect((await deleteError(metric.id))?.message).toBe('"Call minutes" cannot be deleted: it is used by plan "Voice Pro" (versions 1, 2).');
  });

  it('ignores plans that merely mention the key in their name', async () => {
    const metric = ok(await create(callMinutes));
    ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'call_minutes bundle' }) }));
    expect(ok(await ctx.dispatch('metrics.delete', { id: metric.id }))).toEqual({ deleted: true });
  });

  it('refuses a metric a rate card prices, naming the account, and lists every use together', async () => {
    const metric = ok(await create(callMinutes));
    await makeAccount(ctx, 'Vapi', 'USD', { currency: 'USD', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.05' } }] });
    expect((await deleteError(metric.id))?.message).toBe('"Call minutes" cannot be deleted: it is used by the rate card of "Vapi".');

    ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Voice', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.1' } }], trial: { days: 14, freeUnits: { call_minutes: '100' } } }) }));
    writeUsage(ctx, await makeAccount(ctx, 'Retell'), [{ client: null, metric: 'call_minutes', quantity: 1, at: '2026-10-02T10:00:00Z' }]);
    expect((await deleteError(metric.id))?.message).toBe(
      '"Call minutes" cannot be deleted: it is used by 1 usage event, plan "Voice" (version 1) and the rate card of "Vapi".',
    );
  });

  it('is allowed again once the rate card no longer prices it', async () => {
    const metric = ok(await create(callMinutes));
    const account = await makeAccount(ctx, 'Vapi', 'USD', { currency: 'USD', charges: [{ metricKey: 'call_minutes', model: { type: 'per_unit', unitPrice: '0.05' } }] });
    ok(await ctx.dispatch('providers.setRateCard', { id: account, rateCard: null }));
    expect(ok(await ctx.dispatch('metrics.delete', { id: metric.id }))).toEqual({ deleted: true });
  });
});
