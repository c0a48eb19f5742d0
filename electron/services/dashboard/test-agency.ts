// Test fixture for the dashboard: a small agency with every case the cockpit must add up correctly — clients in
// other currencies and zones, an anchored plan, a plan change, a pause, a subscription's own trial and a plan trial,
// licenses, an annual plan, a client without a plan, an archived client, unassigned usage, rate cards that split a
// shared allowance, tiers and levels across clients, a card in yen without an exchange rate, and a custom count metric.
import type { PlanDefinitionInput } from '../../../shared/pricing';
import { ok, openTempContext } from '../../../test/helpers/temp-context';
import type { Clock } from '../clock';
import { makeAccount, makeClient, writeUsage, type EventSpec } from '../pricing/test-fixtures';

export type FixtureAgency = Awaited<ReturnType<typeof openFixtureAgency>>;

/** `n` events of `quantity`, every `stepMinutes` from `start` (odd minutes, so edges are not on slot boundaries). */
export const spread = (client: number | null, metric: string, n: number, quantity: number, start: string, stepMinutes = 97, cost: string | null = null, attrs?: Record<string, unknown>): EventSpec[] =>
  Array.from({ length: n }, (_, i) => ({ client, metric, quantity, at: Date.parse(start) + i * stepMinutes * 60_000, cost, ...(attrs ? { attrs } : {}) }));

const plan = (name: string, currency: string, extra: Partial<PlanDefinitionInput> = {}): Record<string, unknown> => ({
  name,
  currency,
  interval: 'month',
  baseFee: '100',
  charges: [
    { metricKey: 'interactions', model: { type: 'allowance', included: '300', overageUnitPrice: '0.5' } },
    { metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.04' } },
    { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '20' }, unitDivisor: { by: 'period', rounding: 'exact', unit: 'seat-month' } },
    { metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.03' } },
    { metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: '0.6' } },
    { metricKey: 'tickets', model: { type: 'per_unit', unitPrice: '0.25' } },
    { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '4' } },
  ],
  limits: { interactions: '600' },
  ...extra,
});

export async function openFixtureAgency() {
  let now = new Date('2026-10-20T12:00:00.000Z');
  const clock: Clock = { now: () => now };
  const ctx = await openTempContext({ clock });
  const d = ctx.dispatch;
  ok(await d('agency.save', { name: 'Fixture Agency', currency: 'USD', timeZone: 'America/New_York' }));
  ok(await d('exchangeRates.set', { from: 'USD', to: 'EUR', rate: '0.92' }));
  ok(await d('exchangeRates.set', { from: 'GBP', to: 'USD', rate: '1.27' }));
  ok(await d('metrics.create', { key: 'tickets', name: 'Tickets', unit: 'ticket', aggregation: 'count' }));

  const accounts = {
    // an agency-wide allowance: each client's cost depends on everyone's usage
    clara: await makeAccount(ctx, 'AgentClara', 'USD', { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }] }),
    twilio: await makeAccount(ctx, 'Twilio', 'USD', {
      currency: 'USD',
      charges: [
        { metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.0079' } },
        { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '1.15' } },
      ],
    }),
    closebot: await makeAccount(ctx, 'CloseBot', 'USD', {
      currency: 'USD',
      charges: [
        { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } },
        {
          metricKey: 'messages',
          model: {
            type: 'graduated',
            tiers: [
              { upTo: 500, unitPrice: '0.01' },
              { upTo: null, unitPrice: '0.004' },
            ],
          },
        },
      ],
    }),
    kora: await makeAccount(ctx, 'Kora', 'USD', {
      currency: 'USD',
      charges: [
        { metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: '0.20' } },
        { metricKey: 'tickets', model: { type: 'per_unit', unitPrice: '0.05' } },
      ],
    }),
    yen: await makeAccount(ctx, 'Tokyo SMS', 'JPY', { currency: 'JPY', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '2' } }] }),
  };

  const clients = {
    acme: await makeClient(ctx, 'Acme US', 'USD'),
    berlin: await makeClient(ctx, 'Berlin GmbH', 'EUR', 'Europe/Berlin'),
    london: await makeClient(ctx, 'London Ltd', 'GBP', 'Europe/London'),
    paused: await makeClient(ctx, 'Paused Co', 'USD', 'America/Los_Angeles'),
    trial: await makeClient(ctx, 'Trial Co', 'USD', 'Asia/Kolkata'),
    planTrial: await makeClient(ctx, 'Plan Trial Co', 'USD'),
    changer: await makeClient(ctx, 'Changer Inc', 'USD'),
    yen: await makeClient(ctx, 'Yen KK', 'JPY', 'Asia/Tokyo'),
    noPlan: await makeClient(ctx, 'No Plan LLC', 'USD'),
    annual: await makeClient(ctx, 'Annual Inc', 'USD'),
    archived: await makeClient(ctx, 'Archived Co', 'USD'),
  };
  const assign = async (clientId: number, definition: Record<string, unknown>, startDate: string) => {
    const p = ok(await d('plans.create', { definition }));
    ok(await d('subscriptions.assign', { clientId, planId: p.id, startDate }));
    return p.id;
  };
  await assign(clients.acme, plan('Acme plan', 'USD'), '2026-08-01');
  await assign(clients.berlin, plan('Berlin plan', 'EUR', { anchor: { kind: 'anchored', day: 15 }, baseFee: '250' }), '2026-08-15');
  await assign(clients.london, plan('London plan', 'GBP', { baseFee: '180' }), '2026-08-01');
  await assign(clients.paused, plan('Paused plan', 'USD'), '2026-08-01');
  ok(await d('pauses.start', { clientId: clients.paused, startDate: '2026-10-10', endDate: '2026-10-20', reason: 'holiday' }));
  const trialPlan = ok(await d('plans.create', { definition: plan('Trial plan', 'USD') }));
  ok(await d('subscriptions.startTrial', { clientId: clients.trial, planId: trialPlan.id, startDate: '2026-10-05', days: 30, freeUnits: { interactions: '500' }, billBeyondFreeUnits: false }));
  await assign(clients.planTrial, plan('Plan with trial', 'USD', { trial: { days: 14, freeUnits: { interactions: '300' } } }), '2026-09-25');
  await assign(clients.changer, plan('Small', 'USD', { baseFee: '50' }), '2026-08-01');
  const big = ok(await d('plans.create', { definition: plan('Big', 'USD', { baseFee: '400' }) }));
  ok(await d('subscriptions.changePlan', { clientId: clients.changer, planId: big.id, mode: 'immediate', effectiveDate: '2026-10-12' }));
  await assign(clients.yen, plan('Yen plan', 'JPY', { baseFee: '15000', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '9' } }] }), '2026-08-01');
  await assign(clients.annual, plan('Annual plan', 'USD', { interval: 'year', baseFee: '1200' }), '2026-01-01');
  await assign(clients.archived, plan('Archived plan', 'USD'), '2026-08-01');
  ok(await d('licenses.grant', { clientId: clients.london, kind: 'units', metricKey: 'interactions', quantity: '50', period: '2026-10', remark: 'goodwill' }));
  ok(await d('licenses.grant', { clientId: clients.london, kind: 'days', quantity: '3', period: '2026-10', remark: 'outage' }));
  ok(await d('limits.set', { clientId: clients.acme, metricKey: 'sms', monthlyLimit: '200' }));
  ok(await d('alertSettings.set', { clientId: clients.acme, thresholds: [60, 90] }));

  // usage in September and October (and the edges of both in every zone)
  const everyone = [clients.acme, clients.berlin, clients.london, clients.paused, clients.trial, clients.planTrial, clients.changer, clients.noPlan, clients.annual, clients.archived];
  for (const [i, c] of everyone.entries()) {
    writeUsage(ctx, accounts.clara, [
      ...spread(c, 'interactions', 40 + 7 * i, 3 + (i % 4), '2026-08-28T00:07:00Z', 517),
      ...spread(c, 'interactions', 12, 5, '2026-10-02T09:00:00Z', 61, '1.75'),
    ]);
    writeUsage(ctx, accounts.twilio, [
      ...spread(c, 'sms', 30 + i, 2, '2026-09-03T10:00:00Z', 1709, i % 3 === 0 ? '0.0158' : null),
      ...spread(c, 'phone_numbers', 3, 1, '2026-09-30T23:30:00Z', 24 * 60, null, { phoneNumber: `+1555000${i}` }),
    ]);
    writeUsage(ctx, accounts.closebot, [
      { client: c, metric: 'seats', quantity: 2 + (i % 3), at: '2026-08-20T09:00:00Z', attrs: { kind: 'level' } },
      { client: c, metric: 'seats', quantity: 1 + (i % 2), at: '2026-10-17T13:15:00Z', attrs: { kind: 'level' } },
      ...spread(c, 'messages', 25, 4 + i, '2026-09-10T00:00:00Z', 2311),
    ]);
    writeUsage(ctx, accounts.kora, [
      ...spread(c, 'usage_sessions', 6, 1200, '2026-09-20T15:00:00Z', 3001, null, { conversationId: `conv-${c}` }),
      ...spread(c, 'tickets', 9 + i, 1, '2026-09-29T20:00:00Z', 353),
    ]);
  }
  writeUsage(ctx, accounts.yen, spread(clients.yen, 'sms', 40, 3, '2026-09-05T00:00:00Z', 1500));
  writeUsage(ctx, accounts.twilio, spread(clients.yen, 'sms', 10, 1, '2026-10-05T00:00:00Z', 300));
  // unassigned usage on the shared allowance and the tiers
  writeUsage(ctx, accounts.clara, spread(null, 'interactions', 30, 4, '2026-09-15T00:00:00Z', 800));
  writeUsage(ctx, accounts.closebot, spread(null, 'messages', 20, 6, '2026-10-01T00:00:00Z', 900));
  ok(await d('clients.archive', { id: clients.archived }));

  return { ctx, clock: { set: (iso: string) => (now = new Date(iso)) }, clients, accounts };
}
