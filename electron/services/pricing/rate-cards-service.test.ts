import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { agentClaraCard, rows } from './test-fixtures';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const config = (id: number) => JSON.parse((ctx.ledger.raw.prepare('select config from provider_accounts where id = ?').get(id) as { config: string }).config) as Record<string, unknown>;

describe('providers.setRateCard', () => {
  it('stores the validated card beside the other config keys, replaces and removes it, with audit and change events', async () => {
    const account = ok(await ctx.dispatch('providers.create', { kind: 'file', name: 'AgentClara', currency: 'USD', config: { note: 'keep me' }, syncEnabled: false }));
    const changed: string[][] = [];
    ctx.bus.subscribe((name, payload) => name === 'data.changed' && changed.push((payload as { tables: string[] }).tables));

    expect(ok(await ctx.dispatch('providers.setRateCard', { id: account.id, rateCard: { ...agentClaraCard, currency: 'usd' } }))).toEqual({ ok: true });
    expect(config(account.id)).toEqual({
      note: 'keep me',
      rateCard: { name: 'AgentClara Pro', currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] },
    });
    expect(ok(await ctx.dispatch('providers.get', { id: account.id })).config.rateCard).toMatchObject({ currency: 'USD' });

    ok(await ctx.dispatch('providers.setRateCard', { id: account.id, rateCard: null }));
    expect(config(account.id)).toEqual({ note: 'keep me' });
    expect(changed).toEqual([['provider_accounts'], ['provider_accounts']]);
    expect(ctx.ledger.raw.prepare(`select action from audit_log where entity = 'provider_account' and action like 'provider.rate_card%' order by id`).all()).toEqual([
      { action: 'provider.rate_card_set' },
      { action: 'provider.rate_card_remove' },
    ]);
  });

  it.each([
    [{ currency: 'USD', charges: [{ metricKey: 'hugs', model: { type: 'per_unit', unitPrice: '1' } }] }, 'rateCard.charges.0.metricKey', /Unknown metric "hugs"/],
    [{ currency: 'USD', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '-1' } }] }, 'rateCard.charges.0.model.unitPrice', /must not be negative/],
    [{ currency: 'USD', charges: [{ metricKey: 'sms', model: { type: 'cost_multiplier', multiplier: '1' } }] }, 'rateCard.charges.0.model.type', /use "reported"/],
    [{ currency: 'EUR', charges: [] }, 'rateCard.currency', /The rate card is in EUR but "Twilio" bills in USD/],
  ])('refuses %j with a field and writes nothing', async (card, field, message) => {
    const account = ok(await ctx.dispatch('providers.create', { kind: 'file', name: 'Twilio', currency: 'USD', syncEnabled: false }));
    const audit = rows(ctx, 'audit_log');
    const r = await ctx.dispatch('providers.setRateCard', { id: account.id, rateCard: card });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.field).toBe(field);
    expect(r.error.message).toMatch(message);
    expect(config(account.id)).toEqual({});
    expect(rows(ctx, 'audit_log')).toBe(audit);
  });

  it('says when the account does not exist', async () => {
    expect(await ctx.dispatch('providers.setRateCard', { id: 42, rateCard: null })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Provider account 42 does not exist.' } });
  });
});
