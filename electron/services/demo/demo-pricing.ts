// Runs in main. The demo agency's resale pricing, added after `demo.load` wrote the workspace: one plan per
// client in the client's currency charging the metrics it uses (markups over the demo providers' rate cards in
// demo-agency.ts, converted at the demo's exchange rates), a subscription per client from the window's start
// (or the day the client was added), Summit's 30-day trial, Maple Ridge's pause, and the EU/UK clients' VAT
// terms. Everything goes through the pricing, lifecycle and billing services, so it is validated like a user's
// input and audited. Not called by DemoService.load yet (the e2e specs assign their own plans to demo clients).
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { PlanDefinitionInput } from '../../../shared/pricing';
import type { Database } from '../../db/schema';
import type { ClientBillingService } from '../invoices/billing-service';
import type { PausesService } from '../lifecycle/pauses-service';
import type { TrialsService } from '../lifecycle/trials-service';
import type { PlansService } from '../pricing/plans-service';
import type { SubscriptionsService } from '../pricing/subscriptions-service';
import { nameKey } from '../name-key';
import { DEMO_CLIENTS } from './demo-clients';

const perMinute = { by: '60', rounding: 'up', unit: 'minute' } as const;
const perSeatMonth = { by: 'period', rounding: 'exact', unit: 'seat-month' } as const;
const perMillionTokens = { by: '1000000', rounding: 'exact', unit: 'million tokens' } as const;

/**
 * The resale plan of each demo client (by demo key). Rate cards (USD) for comparison: interactions 0.35, messages
 * 0.006, seat-hour 0.0069 (≈ 5 a seat-month), MB-day 0.006, usage / voice / alert sessions 0.20 / 0.30 / 0.02,
 * Vapi calls as reported (≈ 0.07 a minute), numbers 2.00 (Vapi) or 1.15 (Twilio) a month, SMS as reported
 * (0.0079–0.0515 a segment), OpenAI 2.50 per million tokens; CloseBot AI tokens at the reported cost.
 */
export const DEMO_PLANS: Readonly<Record<string, PlanDefinitionInput>> = {
  harbor: {
    name: 'Dental Front Desk (USD)',
    currency: 'USD',
    interval: 'month',
    baseFee: '690',
    charges: [
      { metricKey: 'interactions', description: 'Website chat', model: { type: 'allowance', included: '1500', overageUnitPrice: '0.49' } },
      { metricKey: 'call_seconds', description: 'Phone agent, per started minute', model: { type: 'per_unit', unitPrice: '0.18' }, unitDivisor: perMinute },
      { metricKey: 'sms', description: 'Reminder texts', model: { type: 'per_unit', unitPrice: '0.03' } },
      { metricKey: 'phone_numbers', description: 'Phone numbers', model: { type: 'per_unit', unitPrice: '5' } },
    ],
    limits: { interactions: '3000' },
  },
  northwind: {
    name: 'Legal Intake (GBP)',
    currency: 'GBP',
    interval: 'month',
    baseFee: '290',
    charges: [
      { metricKey: 'interactions', description: 'Intake chat', model: { type: 'allowance', included: '800', overageUnitPrice: '0.40' } },
      { metricKey: 'messages', description: 'Follow-up bot replies', model: { type: 'per_unit', unitPrice: '0.02' } },
      { metricKey: 'ai_tokens', description: 'AI model usage at cost + 30 %', model: { type: 'cost_multiplier', multiplier: '1.3' } },
      { metricKey: 'seats', description: 'Team seats', model: { type: 'per_unit', unitPrice: '25' }, unitDivisor: perSeatMonth },
      { metricKey: 'storage', description: 'Document storage', model: { type: 'per_unit', unitPrice: '0.01' } },
    ],
  },
  sakura: {
    name: 'Clinic Voice Reception (JPY)',
    currency: 'JPY',
    interval: 'month',
    baseFee: '30000',
    charges: [
      { metricKey: 'usage_sessions', description: '15-minute sessions', model: { type: 'per_unit', unitPrice: '60' } },
      { metricKey: 'voice_sessions', description: '15-minute voice sessions', model: { type: 'per_unit', unitPrice: '90' } },
      { metricKey: 'alert_sessions', description: 'Alerts delivered', model: { type: 'per_unit', unitPrice: '5' } },
    ],
  },
  veda: {
    name: 'Wellness Concierge (INR)',
    currency: 'INR',
    interval: 'month',
    baseFee: '60000',
    charges: [
      { metricKey: 'interactions', description: 'Chat concierge', model: { type: 'allowance', included: '2000', overageUnitPrice: '40' } },
      { metricKey: 'messages', description: 'WhatsApp replies', model: { type: 'per_unit', unitPrice: '1.5' } },
      { metricKey: 'ai_tokens', description: 'AI model usage at cost + 25 %', model: { type: 'cost_multiplier', multiplier: '1.25' } },
      { metricKey: 'seats', description: 'Agent seats', model: { type: 'per_unit', unitPrice: '1800' }, unitDivisor: perSeatMonth },
      { metricKey: 'storage', description: 'Storage', model: { type: 'per_unit', unitPrice: '0.8' } },
    ],
    limits: { interactions: '4000' },
  },
  summit: {
    name: 'Booking Assistant Starter (USD)',
    currency: 'USD',
    interval: 'month',
    baseFee: '149',
    charges: [{ metricKey: 'interactions', description: 'Booking chat', model: { type: 'allowance', included: '400', overageUnitPrice: '0.49' } }],
  },
  kookaburra: {
    name: 'Property Enquiries (AUD)',
    currency: 'AUD',
    interval: 'month',
    baseFee: '780',
    charges: [
      { metricKey: 'interactions', description: 'Listing chat', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.85' } },
      { metricKey: 'call_seconds', description: 'Listings line, per started minute', model: { type: 'per_unit', unitPrice: '0.28' }, unitDivisor: perMinute },
      { metricKey: 'sms', description: 'Enquiry texts', model: { type: 'per_unit', unitPrice: '0.12' } },
      { metricKey: 'phone_numbers', description: 'Phone numbers', model: { type: 'per_unit', unitPrice: '9' } },
    ],
    // the spring campaign (volumes tripled) crosses it
    limits: { interactions: '1500' },
  },
  maple: {
    name: 'Realty Leads (CAD)',
    currency: 'CAD',
    interval: 'month',
    baseFee: '240',
    charges: [
      { metricKey: 'messages', description: 'Buyer-lead replies', model: { type: 'per_unit', unitPrice: '0.025' } },
      { metricKey: 'ai_tokens', description: 'AI model usage at cost + 30 %', model: { type: 'cost_multiplier', multiplier: '1.3' } },
      { metricKey: 'seats', description: 'Agent seats', model: { type: 'per_unit', unitPrice: '30' }, unitDivisor: perSeatMonth },
      { metricKey: 'storage', description: 'Storage', model: { type: 'per_unit', unitPrice: '0.012' } },
    ],
  },
  rheinwerk: {
    name: 'Logistics Voice Desk (EUR)',
    currency: 'EUR',
    interval: 'month',
    baseFee: '600',
    charges: [
      { metricKey: 'usage_sessions', description: 'Dispatch assistant, 15-minute sessions', model: { type: 'per_unit', unitPrice: '0.45' } },
      { metricKey: 'voice_sessions', description: 'Dispatch assistant, voice sessions', model: { type: 'per_unit', unitPrice: '0.65' } },
      { metricKey: 'alert_sessions', description: 'Exception alerts', model: { type: 'per_unit', unitPrice: '0.05' } },
      { metricKey: 'call_seconds', description: 'Driver hotline, per started minute', model: { type: 'per_unit', unitPrice: '0.16' }, unitDivisor: perMinute },
      { metricKey: 'phone_numbers', description: 'Phone numbers', model: { type: 'per_unit', unitPrice: '4' } },
      { metricKey: 'ai_tokens', description: 'Shipment-status API', model: { type: 'per_unit', unitPrice: '6' }, unitDivisor: perMillionTokens },
    ],
  },
  gulf: {
    name: 'Trade Desk (KWD)',
    currency: 'KWD',
    interval: 'month',
    baseFee: '95',
    charges: [
      { metricKey: 'interactions', description: 'Quote chat', model: { type: 'allowance', included: '500', overageUnitPrice: '0.15' } },
      { metricKey: 'ai_tokens', description: 'Quote API', model: { type: 'per_unit', unitPrice: '1.2' }, unitDivisor: perMillionTokens },
    ],
  },
};

/** Tax terms of the UK and EU clients: UK VAT for Northwind; Rheinwerk (a German business) is reverse charge, as its notes say. */
export const DEMO_BILLING: Readonly<Record<string, { taxRates: Array<{ name: string; rate: string }>; reverseCharge: boolean }>> = {
  northwind: { taxRates: [{ name: 'VAT', rate: '20' }], reverseCharge: false },
  rheinwerk: { taxRates: [], reverseCharge: true },
};

/** The services addDemoPricing writes through (ctx.services.pricing, .lifecycle, .invoices.billing). */
export interface DemoPricingDeps {
  db: Kysely<Database>;
  plans: Pick<PlansService, 'create'>;
  subscriptions: Pick<SubscriptionsService, 'assign'>;
  trials: Pick<TrialsService, 'startTrial'>;
  pauses: Pick<PausesService, 'start'>;
  billing: Pick<ClientBillingService, 'set'>;
}

export interface DemoPricingSummary {
  plans: number;
  subscriptions: number;
  trials: number;
  pauses: number;
  billingTerms: number;
}

/**
 * Adds the demo's plans, subscriptions, trial, pause and tax terms to a freshly loaded demo workspace.
 * `window` is what demo.load returned (`from`, `to`: the first and last day of usage, UTC dates).
 * @example const summary = await ctx.services.demo.load(input);
 *   await addDemoPricing({ db, plans, subscriptions, trials, pauses, billing }, summary);
 */
export async function addDemoPricing(deps: DemoPricingDeps, window: { from: string; to: string }): Promise<DemoPricingSummary> {
  const out: DemoPricingSummary = { plans: 0, subscriptions: 0, trials: 0, pauses: 0, billingTerms: 0 };
  const rows = await deps.db.selectFrom('clients').select(['id', 'name_key', 'time_zone']).execute();
  const byKey = new Map(rows.map((r) => [r.name_key, r]));
  const end = DateTime.fromISO(window.to, { zone: 'utc' });
  const daysAgo = (n: number) => end.minus({ days: n }).toISODate()!;

  for (const spec of DEMO_CLIENTS) {
    const client = byKey.get(nameKey(spec.name));
    const definition = DEMO_PLANS[spec.key];
    if (!client || !definition) continue;
    const plan = await deps.plans.create({ definition: definition as Record<string, unknown> });
    out.plans += 1;
    // the client's first day: the window's start, or the day it was added (local days; the zone only moves it by one)
    const added = daysAgo(spec.createdDaysAgo);
    const startDate = added > window.from ? added : window.from;
    if (spec.status === 'trial') {
      // reference/000: a 30-day trial with 500 free interactions, billed beyond them
      const first = spec.shape.startsDaysAgo !== undefined ? daysAgo(spec.shape.startsDaysAgo) : startDate;
      const input: ParsedInput<'subscriptions.startTrial'> = { clientId: client.id, planId: plan.id, startDate: first, days: 30, freeUnits: { interactions: '500' }, billBeyondFreeUnits: true };
      await deps.trials.startTrial(input);
      out.trials += 1;
    } else {
      await deps.subscriptions.assign({ clientId: client.id, planId: plan.id, startDate });
    }
    out.subscriptions += 1;
    if (spec.shape.pausedDaysAgo !== undefined) {
      await deps.pauses.start({ clientId: client.id, startDate: daysAgo(spec.shape.pausedDaysAgo), reason: 'Brokerage merger: paused at the client\u2019s request' });
      out.pauses += 1;
    }
    const billing = DEMO_BILLING[spec.key];
    if (billing) {
      await deps.billing.set({ clientId: client.id, taxRates: billing.taxRates, paymentTermsDays: null, reverseCharge: billing.reverseCharge, applyWallet: true });
      out.billingTerms += 1;
    }
  }
  return out;
}
