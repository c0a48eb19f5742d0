import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money/decimal';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { agentClaraCard, agentClaraResale, makeAccount, makeClient, rows, writeUsage, type EventSpec } from './test-fixtures';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext();
});
afterEach(async () => {
  await ctx.dispose();
});

/** `n` events of `quantity` each, one a minute from `start`. */
const spread = (client: number | null, metric: string, n: number, quantity: number, start: string, cost: string | null = null): EventSpec[] =>
  Array.from({ length: n }, (_, i) => ({ client, metric, quantity, at: Date.parse(start) + i * 60_000, cost }));

async function planFor(clientId: number, definition: Record<string, unknown>, startDate = '2026-09-01') {
  const plan = ok(await ctx.dispatch('plans.create', { definition }));
  ok(await ctx.dispatch('subscriptions.assign', { clientId, planId: plan.id, startDate }));
  return plan;
}

const statement = async (clientId: number, period = '2026-10') => ok(await ctx.dispatch('statements.get', { clientId, period }));

describe('statements.get: amounts and provider costs', () => {
  it('AgentClara: $350 for 1,000 interactions + $0.35 overage, 1,500 used = $525; cost = reported + rate card at $0.35', async () => {
    const account = await makeAccount(ctx, 'AgentClara Pro', 'USD', agentClaraCard);
    const acme = await makeClient(ctx, 'Acme');
    const other = await makeClient(ctx, 'Other');
    await planFor(acme, agentClaraResale());
    writeUsage(ctx, account, [
      // 1,000 interactions the rate card prices, 500 whose cost AgentClara reported ($3.00 per 10)
      ...spread(acme, 'interactions', 100, 10, '2026-10-03T09:00:00Z'),
      ...spread(acme, 'interactions', 50, 10, '2026-10-20T09:00:00Z', '3.00'),
      // outside the period (UTC: no zone anywhere), another client, unassigned usage
      { client: acme, metric: 'interactions', quantity: 7, at: '2026-09-30T23:59:59.999Z' },
      { client: acme, metric: 'interactions', quantity: 7, at: '2026-11-01T00:00:00.000Z' },
      ...spread(other, 'interactions', 10, 30, '2026-10-05T09:00:00Z'),
      ...spread(null, 'interactions', 3, 4, '2026-10-05T09:00:00Z'),
    ]);
    const s = await statement(acme);
    expect(s.period).toEqual({ label: '2026-10', start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', zone: 'UTC' });
    expect(s.subscription).toMatchObject({ planName: 'AgentClara Resale', version: 1, startDate: '2026-09-01', endDate: null });
    expect(s.usage).toEqual([{ metricKey: 'interactions', quantity: '1500', events: 150, providerCost: '500' }]);
    const st = s.statement;
    expect(st.lines.map((l) => [l.kind, l.description, l.quantity, l.unitPrice, l.amount, l.providerCost])).toEqual([
      ['included', 'Interactions — included', '1000', '0', '0.00', '500'],
      ['overage', 'Interactions — overage', '500', '0.35', '175.00', '0'],
      ['base_fee', 'AgentClara Resale — base fee', '1', '350', '350.00', '0'],
    ]);
    expect(st).toMatchObject({ currency: 'USD', subtotal: '525.00', providerCost: '500.00', margin: '25.00', marginPercent: '4.76', rateCardId: String(account), planVersionId: s.subscription.planVersionId });
    expect(st.byMetric).toEqual([{ metricKey: 'interactions', amount: '175.00', providerCost: '500', margin: '-325.00' }]);
    expect(s.notes).toEqual([]);
  });

  it('an agency-level allowance on the rate card is shared by every client (reference/000: 500 + 300 + 1,200)', async () => {
    const account = await makeAccount(ctx, 'AgentClara', 'USD', {
      currency: 'USD',
      charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }],
    });
    const [a, b, c] = [await makeClient(ctx, 'Client A'), await makeClient(ctx, 'Client B'), await makeClient(ctx, 'Client C')];
    for (const id of [a, b, c]) await planFor(id, agentClaraResale({ name: `Plan ${id}`, baseFee: '0', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.5' } }] }));
    writeUsage(ctx, account, [...spread(a, 'interactions', 5, 100, '2026-10-02T00:00:00Z'), ...spread(b, 'interactions', 3, 100, '2026-10-02T00:00:00Z'), ...spread(c, 'interactions', 12, 100, '2026-10-02T00:00:00Z')]);
    // 2,000 interactions, 1,000 included: $350 for the agency, split 500 : 300 : 1,200
    const costs = await Promise.all([a, b, c].map(async (id) => (await statement(id)).statement.providerCost));
    expect(costs).toEqual(['87.50', '52.50', '210.00']);
    expect((await statement(a)).statement).toMatchObject({ subtotal: '250.00', margin: '162.50' });
  });

  it('a JPY client: yen amounts with no minor unit; costs in another currency are left out and said so', async () => {
    const yen = await makeAccount(ctx, 'Tokyo SMS', 'JPY', { currency: 'JPY', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.2' } }] });
    const usd = await makeAccount(ctx, 'Twilio', 'USD', { currency: 'USD', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.0079' } }] });
    const sakura = await makeClient(ctx, 'Sakura', 'JPY', 'Asia/Tokyo');
    await planFor(sakura, { name: 'Yen plan', currency: 'JPY', interval: 'month', baseFee: '10000', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.5' } }] });
    writeUsage(ctx, yen, [{ client: sakura, metric: 'sms', quantity: 3, at: '2026-10-10T03:00:00Z' }]);
    writeUsage(ctx, usd, [{ client: sakura, metric: 'sms', quantity: 100, at: '2026-10-10T03:00:00Z' }, { client: sakura, metric: 'sms', quantity: 4, at: '2026-10-11T03:00:00Z', cost: '0.0316' }]);
    const s = await statement(sakura);
    // the period is October in Tokyo: 2026-09-30T15:00Z .. 2026-10-31T15:00Z
    expect(s.period).toMatchObject({ start: '2026-09-30T15:00:00.000Z', end: '2026-10-31T15:00:00.000Z', zone: 'Asia/Tokyo' });
    expect(s.statement.lines.map((l) => [l.kind, l.quantity, l.amount, l.providerCost])).toEqual([
      ['usage', '107', '54', '0.6'],
      ['base_fee', '1', '10000', '0'],
    ]);
    expect(s.statement).toMatchObject({ currency: 'JPY', subtotal: '10054', providerCost: '1', margin: '10053', rateCardId: String(yen) });
    // 100 × 0.0079 + 0.0316 = 0.8216 USD, not converted
    expect(s.notes).toEqual(['Provider costs of 0.8216 USD on Twilio are not in the margin: the plan bills in JPY. Enter a USD → JPY rate in Settings › Exchange rates to count them.']);

    // with the agency's rate 1 USD = 150 JPY, the USD costs count exactly: 0.6 + 0.8216 × 150 = 123.84 -> 124 yen
    const rates = await ctx.dispatch('exchangeRates.set', { from: 'USD', to: 'JPY', rate: '150' });
    expect(rates).toMatchObject({ ok: true, data: [{ from: 'USD', to: 'JPY', rate: '150' }] });
    const converted = await statement(sakura);
    expect(converted.statement.lines.map((l) => [l.kind, l.providerCost])).toEqual([
      ['usage', '123.84'],
      ['base_fee', '0'],
    ]);
    expect(converted.statement).toMatchObject({ providerCost: '124', margin: '9930' });
    expect(converted.notes).toEqual(['Provider costs of 0.8216 USD are counted at your rate 1 USD = 150 JPY (Settings › Exchange rates).']);
    // the inverse of a saved rate is used when only JPY -> USD is known
    await ctx.dispatch('exchangeRates.set', { from: 'USD', to: 'JPY', rate: null });
    await ctx.dispatch('exchangeRates.set', { from: 'JPY', to: 'USD', rate: '0.008' });
    expect((await statement(sakura)).statement.lines[0]!.providerCost).toBe('103.3');
  });

  it('exchange rates: invalid input refused with a field message and nothing saved', async () => {
    for (const [input, field] of [
      [{ from: 'USD', to: 'EUR', rate: '-1' }, 'rate'],
      [{ from: 'USD', to: 'EUR', rate: '0' }, 'rate'],
      [{ from: 'USD', to: 'USD', rate: '1' }, 'to'],
      [{ from: 'USD', to: 'XYZ', rate: '1' }, 'to'],
    ] as const) {
      expect(await ctx.dispatch('exchangeRates.set', input)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(await ctx.dispatch('exchangeRates.list', {})).toEqual({ ok: true, data: [] });
  });

  it('levels, distinct numbers and sessions come from raw events; each account is priced by its own card', async () => {
    const closebot = await makeAccount(ctx, 'CloseBot', 'USD', {
      currency: 'USD',
      charges: [
        { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } },
        { metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0.006' } },
      ],
    });
    const vapi = await makeAccount(ctx, 'Vapi', 'USD', { currency: 'USD', charges: [{ metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '2.00' } }] });
    const twilio = await makeAccount(ctx, 'Twilio', 'USD', { currency: 'USD', charges: [{ metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '1.15' } }] });
    const kora = await makeAccount(ctx, 'Kora', 'USD', { currency: 'USD', charges: [{ metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: '0.20' } }] });
    const acme = await makeClient(ctx, 'Acme');
    await planFor(acme, {
      name: 'Everything',
      currency: 'USD',
      interval: 'month',
      charges: [
        { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '100' }, unitDivisor: { by: 'period', unit: 'seat-month' } },
        { metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0.01' } },
        { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '5' } },
        { metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: '1' } },
      ],
    });
    writeUsage(ctx, closebot, [
      // 2 seats since September (carried into October), 3 from Oct 16
      { client: acme, metric: 'seats', quantity: 2, at: '2026-09-01T00:00:00Z' },
      { client: acme, metric: 'seats', quantity: 3, at: '2026-10-16T00:00:00Z' },
      // 100 MB all October
      { client: acme, metric: 'storage', quantity: 100, at: '2026-09-20T00:00:00Z' },
    ]);
    writeUsage(ctx, vapi, [
      { client: acme, metric: 'phone_numbers', quantity: 1, at: '2026-10-02T00:00:00Z', attrs: { phoneNumber: '+15550001' } },
      { client: acme, metric: 'phone_numbers', quantity: 1, at: '2026-10-09T00:00:00Z', attrs: { phoneNumber: '+15550001' } },
      { client: acme, metric: 'phone_numbers', quantity: 1, at: '2026-10-02T00:00:00Z', attrs: { phoneNumber: '+15550002' } },
    ]);
    writeUsage(ctx, twilio, [{ client: acme, metric: 'phone_numbers', quantity: 1, at: '2026-10-02T00:00:00Z', attrs: { phoneNumber: '+15550003' } }]);
    writeUsage(ctx, kora, [
      // reference/003: 31 minutes = 3 sessions; 40 minutes with 12 of human agent = 2
      { client: acme, metric: 'usage_sessions', quantity: 1860, at: '2026-10-05T10:00:00Z', attrs: { conversationId: 'c1' } },
      { client: acme, metric: 'usage_sessions', quantity: 2400, at: '2026-10-06T10:00:00Z', attrs: { conversationId: 'c2', segments: [{ kind: 'human_agent', seconds: 720 }] } },
    ]);
    const s = await statement(acme);
    const byKey = Object.fromEntries(s.usage.map((u) => [u.metricKey, u]));
    // seat-hours: 2 × 15 days × 24 + 3 × 16 days × 24 = 720 + 1,152
    expect(byKey.seats).toEqual({ metricKey: 'seats', quantity: '1872', events: 1, providerCost: new Dec('1872').times('0.0069').toFixed() });
    expect(byKey.storage).toEqual({ metricKey: 'storage', quantity: '3100', events: 0, providerCost: '18.6' });
    expect(byKey.phone_numbers).toEqual({ metricKey: 'phone_numbers', quantity: '3', events: 4, providerCost: '5.15' });
    expect(byKey.usage_sessions).toEqual({ metricKey: 'usage_sessions', quantity: '5', events: 2, providerCost: '1' });
    const line = (key: string) => s.statement.lines.find((l) => l.metricKey === key)!;
    // 1,872 / 744 seat-months × $100
    expect(line('seats')).toMatchObject({ unit: 'seat-month', amount: '251.61' });
    expect(line('phone_numbers')).toMatchObject({ quantity: '3', amount: '15.00' });
    expect(s.statement.rateCardId).toBe([closebot, vapi, twilio, kora].join(','));
  });

  it('an account without a rate card: reported costs count, the rest is said to have no cost', async () => {
    const account = await makeAccount(ctx, 'Mystery AI');
    const acme = await makeClient(ctx, 'Acme');
    await planFor(acme, agentClaraResale());
    writeUsage(ctx, account, [...spread(acme, 'interactions', 10, 1, '2026-10-03T09:00:00Z'), ...spread(acme, 'interactions', 2, 1, '2026-10-04T09:00:00Z', '0.40')]);
    const s = await statement(acme);
    expect(s.usage).toEqual([{ metricKey: 'interactions', quantity: '12', events: 12, providerCost: '0.8' }]);
    expect(s.statement.rateCardId).toBeNull();
    expect(s.notes).toEqual([
      'Interactions on Mystery AI: usage without a reported cost has no provider cost, because the account has no rate card. Set the rate card on the provider page.',
    ]);
  });
});

describe('statements.get: periods', () => {
  it('anchored on the 15th in Asia/Kathmandu (+05:45): the period starts at 2026-10-14T18:15Z, to the millisecond', async () => {
    const account = await makeAccount(ctx, 'AgentClara', 'USD', agentClaraCard);
    const summit = await makeClient(ctx, 'Summit Trails', 'USD', 'Asia/Kathmandu');
    await planFor(
      summit,
      agentClaraResale({ name: 'Anchored', baseFee: '0', anchor: { kind: 'anchored', day: 15 }, charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '1' } }] }),
      '2026-09-15',
    );
    writeUsage(ctx, account, [
      { client: summit, metric: 'interactions', quantity: 2, at: '2026-10-14T18:14:59Z' }, // 2026-10-14 23:59:59 local: September's period
      { client: summit, metric: 'interactions', quantity: 1, at: '2026-10-14T18:14:59.999Z' }, // 2026-10-14 23:59:59.999 local: still September's
      { client: summit, metric: 'interactions', quantity: 10, at: '2026-10-14T18:15:00.000Z' }, // 2026-10-15 00:00 local: first instant of October's
      { client: summit, metric: 'interactions', quantity: 100, at: '2026-11-14T18:14:59.999Z' }, // last instant of October's
      { client: summit, metric: 'interactions', quantity: 1000, at: '2026-11-14T18:15:00.000Z' }, // November's
    ]);
    const oct = await statement(summit, '2026-10');
    expect(oct.period).toEqual({ label: '2026-10', start: '2026-10-14T18:15:00.000Z', end: '2026-11-14T18:15:00.000Z', zone: 'Asia/Kathmandu' });
    expect(oct.usage[0]).toMatchObject({ quantity: '110', events: 2 });
    expect((await statement(summit, '2026-09')).usage[0]).toMatchObject({ quantity: '3', events: 2 });
    expect((await statement(summit, '2026-11')).usage[0]).toMatchObject({ quantity: '1000', events: 1 });
    // the subscription started on 2026-09-15 local = 2026-09-14T18:15Z: August's period has no plan
    expect(await ctx.dispatch('statements.get', { clientId: summit, period: '2026-08' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: '"Summit Trails" has no plan for 2026-08. Assign one on the client page.' },
    });
  });

  it('a subscription starting inside the period prorates the base fee; a change inside it applies from the next period', async () => {
    const acme = await makeClient(ctx, 'Acme');
    const small = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Small', baseFee: '310', charges: [] }) }));
    const big = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ name: 'Big', baseFee: '620', charges: [] }) }));
    ok(await ctx.dispatch('subscriptions.assign', { clientId: acme, planId: small.id, startDate: '2026-10-22' }));
    // 10 of October's 31 days
    expect((await statement(acme)).statement).toMatchObject({ subtotal: '100.00', billableFraction: expect.stringMatching(/^0\.3225806/) });
    ok(await ctx.dispatch('subscriptions.assign', { clientId: acme, planId: big.id, startDate: '2026-11-10' }));
    const nov = await statement(acme, '2026-11');
    expect(nov.subscription.planName).toBe('Small');
    expect(nov.statement.subtotal).toBe('310.00');
    expect(nov.notes).toEqual(['Acme moves to "Big" v1 on 2026-11-10. A plan change applies from the next period, so this period is billed on "Small" v1.']);
    const dec = await statement(acme, '2026-12');
    expect(dec.subscription.planName).toBe('Big');
    expect(dec.statement.subtotal).toBe('620.00');
  });

  it('explains what is wrong with the request', async () => {
    const acme = await makeClient(ctx, 'Acme');
    expect(await ctx.dispatch('statements.get', { clientId: acme, period: '2026-10' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: '"Acme" has no plan for 2026-10. Assign one on the client page.' },
    });
    await planFor(acme, agentClaraResale());
    expect(await ctx.dispatch('statements.get', { clientId: acme, period: '2026' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'period', message: '"Acme" is billed on monthly plans: ask for a period like 2026-01.' },
    });
    expect(await ctx.dispatch('statements.get', { clientId: acme, period: '2026-13' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'period' } });
    expect(await ctx.dispatch('statements.get', { clientId: 404, period: '2026-10' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Client 404 does not exist.' } });
    ok(await ctx.dispatch('clients.update', { id: acme, currency: 'EUR' }));
    expect(await ctx.dispatch('statements.get', { clientId: acme, period: '2026-10' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Acme is invoiced in EUR but its plan "AgentClara Resale" v1 bills in USD') },
    });
  });

  it('annual plans are asked for by year', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await planFor(acme, agentClaraResale({ interval: 'year', baseFee: '1200', charges: [] }), '2026-01-01');
    const s = await statement(acme, '2026');
    expect(s.period).toMatchObject({ label: '2026', start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(s.statement.subtotal).toBe('1200.00');
  });

  it('trial free units: the part of the trial in each period, and what earlier periods used', async () => {
    const account = await makeAccount(ctx, 'AgentClara', 'USD', agentClaraCard);
    const acme = await makeClient(ctx, 'Acme');
    // reference/000: "New accounts get a 30-day free trial ... Up to 500 interactions free"
    await planFor(
      acme,
      agentClaraResale({ baseFee: '0', trial: { days: 30, freeUnits: { interactions: '500' } }, charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '1' } }] }),
      '2026-10-16',
    );
    writeUsage(ctx, account, [
      { client: acme, metric: 'interactions', quantity: 300, at: '2026-10-20T00:00:00Z' },
      { client: acme, metric: 'interactions', quantity: 400, at: '2026-11-05T00:00:00Z' }, // trial ends 2026-11-15
      { client: acme, metric: 'interactions', quantity: 100, at: '2026-11-20T00:00:00Z' },
    ]);
    const oct = (await statement(acme)).statement;
    expect(oct.lines[0]).toMatchObject({ quantity: '0', freeQuantity: '300', amount: '0.00' });
    const nov = (await statement(acme, '2026-11')).statement;
    expect(nov.lines[0]).toMatchObject({ quantity: '300', freeQuantity: '200', amount: '300.00' });
    expect(nov.trialFreeUnitsUsed).toEqual({ interactions: '200' });
  });

  it('reading a statement writes nothing', async () => {
    const acme = await makeClient(ctx, 'Acme');
    await planFor(acme, agentClaraResale());
    const before = rows(ctx, 'audit_log');
    await statement(acme);
    expect(rows(ctx, 'audit_log')).toBe(before);
  });
});

describe('statements.get: rate card gaps', () => {
  it('names what has no provider cost and why: no price on the card, "reported" without a reported cost, an invalid card', async () => {
    const account = await makeAccount(ctx, 'Partial', 'USD', { currency: 'USD', charges: [{ metricKey: 'ai_tokens', model: { type: 'reported' } }] });
    const acme = await makeClient(ctx, 'Acme');
    await planFor(acme, agentClaraResale());
    writeUsage(ctx, account, [
      { client: acme, metric: 'interactions', quantity: 5, at: '2026-10-03T09:00:00Z' },
      { client: acme, metric: 'sms', quantity: 5, at: '2026-10-03T09:00:00Z' },
      { client: acme, metric: 'ai_tokens', quantity: 900, at: '2026-10-03T09:00:00Z' },
      { client: acme, metric: 'ai_tokens', quantity: 100, at: '2026-10-03T10:00:00Z', cost: '0.0025' },
    ]);
    const s = await statement(acme);
    expect(s.notes).toEqual([
      'Interactions, SMS on Partial: usage without a reported cost has no provider cost, because its rate card has no price for them. Set the rate card on the provider page.',
      'AI tokens on Partial: usage without a reported cost has no provider cost, because its rate card takes the costs the provider reports, and these events report none. Set the rate card on the provider page.',
    ]);
    // the reported cost still counts, as a cost the plan does not rebill
    expect(s.statement.lines.find((l) => l.metricKey === 'ai_tokens')).toMatchObject({ kind: 'unbilled_cost', amount: '0.00', providerCost: '0.0025' });

    // a card stored before validation existed (or edited by hand) that is no longer valid is ignored, and said so
    ctx.ledger.raw.prepare(`update provider_accounts set config = ? where id = ?`).run(JSON.stringify({ rateCard: { currency: 'USD', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '-1' } }] } }), account);
    expect((await statement(acme)).notes?.[0]).toBe(
      'Interactions, AI tokens, SMS on Partial: usage without a reported cost has no provider cost, because its rate card is not valid (charges.0.model.unitPrice: Unit price must not be negative (got -1)). Set the rate card on the provider page.',
    );
  });
});
