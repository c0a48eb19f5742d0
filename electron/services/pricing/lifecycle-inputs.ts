// Runs in main. What the account controls add to a statement (electron/services/lifecycle): pauses of the period,
// the subscription's own trial, licenses of the period, and how a plan change inside the period is billed.
//
// - Pauses go to the engine as `subscription.pauses` (clipped to the period): the base fee and minimum commitment
//   are prorated per the plan's policy. The engine does not take paused usage out of the quantities, so usage in
//   a pause window is subtracted here (sum, count, time-weighted, sessions: additive over windows) and a note
//   flags it; the events stay in the ledger. Max and distinct-count metrics cannot be split by window: a note
//   says their paused usage is billed.
// - A trial set on the subscription (subscriptions.startTrial) wins over the plan's trial terms: `trialEnd` and
//   its free units go to the engine. When usage beyond the free units is not billable, the trial's usage is
//   subtracted like paused usage.
// - Licenses of the period label: units -> `free_units` adjustments; days -> a credit of that many days of the
//   base fee (exact: base fee × days / period length).
import type { Kysely } from 'kysely';
import { Dec, decText } from '../../../shared/money/decimal';
import type { Adjustment, PlanDefinition } from '../../../shared/pricing';
import { groupDigits } from '../../../shared/pricing/decimal-field';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import type { Database } from '../../db/schema';
import { readClientUsage, type MetricUsage } from './client-usage';
import type { MetricCatalog } from './metric-catalog';
import type { UsageReader, UsageWindow } from './usage-reader';
import { localDayStart } from './zones';

const DAY_MS = 86_400_000;
const WINDOW_ADDITIVE = new Set(['sum', 'count', 'time_weighted', 'session_blocks']);

export interface SubscriptionExtras {
  trialEnd: string | null;
  trialFreeUnits: Record<string, string> | null;
  trialBillBeyond: boolean;
  changeMode: 'immediate' | 'next_cycle' | null;
}

/** The lifecycle columns of a client's subscriptions, by id. */
export async function subscriptionExtras(db: Kysely<Database>, clientId: number): Promise<Map<number, SubscriptionExtras>> {
  const rows = await db.selectFrom('subscriptions').select(['id', 'trial_end', 'trial_free_units', 'trial_bill_beyond', 'change_mode']).where('client_id', '=', clientId).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        trialEnd: r.trial_end,
        trialFreeUnits: r.trial_free_units === null ? null : (JSON.parse(r.trial_free_units) as Record<string, string>),
        trialBillBeyond: r.trial_bill_beyond !== 0,
        changeMode: r.change_mode,
      },
    ]),
  );
}

/** Pauses overlapping the period, clipped to it, as instants. */
export async function periodPauses(db: Kysely<Database>, clientId: number, period: BillingPeriod, zone: string): Promise<Array<{ start: number; end: number; from: string; to: string | null }>> {
  const ps = Date.parse(period.start);
  const pe = Date.parse(period.end);
  const rows = await db.selectFrom('pauses').select(['start_date', 'end_date']).where('client_id', '=', clientId).orderBy('start_date').execute();
  const out: Array<{ start: number; end: number; from: string; to: string | null }> = [];
  for (const r of rows) {
    const start = Math.max(ps, localDayStart(r.start_date, zone));
    const end = Math.min(pe, r.end_date === null ? Number.POSITIVE_INFINITY : localDayStart(r.end_date, zone));
    if (end > start) out.push({ start, end, from: r.start_date, to: r.end_date });
  }
  return out;
}

/**
 * Takes usage inside `windows` out of the billable quantities (additive metrics only). Returns what was taken, per
 * metric key, and the keys whose usage could not be split.
 */
export function withoutWindows(
  input: { reader: UsageReader; catalog: MetricCatalog; clientId: number; usage: ReadonlyMap<number, MetricUsage> },
  windows: readonly UsageWindow[],
  quantities: Record<string, { quantity: Dec }>,
): { removed: Map<string, Dec>; unsplit: string[] } {
  const removed = new Map<string, Dec>();
  const unsplit = new Set<string>();
  for (const w of windows) {
    const inside = readClientUsage(input.reader, input.catalog, input.clientId, w);
    for (const u of inside.values()) {
      if (u.quantity.isZero() || !quantities[u.metric.key]) continue;
      if (!WINDOW_ADDITIVE.has(u.metric.aggregation)) {
        unsplit.add(u.metric.key);
        continue;
      }
      const entry = quantities[u.metric.key]!;
      const take = Dec.min(entry.quantity, u.quantity);
      entry.quantity = entry.quantity.minus(take);
      removed.set(u.metric.key, (removed.get(u.metric.key) ?? new Dec(0)).plus(take));
    }
  }
  return { removed, unsplit: [...unsplit].sort() };
}

/** Licenses of the period label as engine adjustments, with notes for those that cannot apply. */
export async function periodLicenses(
  db: Kysely<Database>,
  clientId: number,
  period: BillingPeriod,
  plan: PlanDefinition,
): Promise<{ adjustments: Adjustment[]; notes: string[] }> {
  const rows = await db
    .selectFrom('licenses')
    .select(['id', 'kind', 'metric_key', 'quantity', 'remark'])
    .where('client_id', '=', clientId)
    .where('period_label', '=', period.label)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  const adjustments: Adjustment[] = [];
  const notes: string[] = [];
  const periodMs = Date.parse(period.end) - Date.parse(period.start);
  for (const r of rows) {
    if (r.kind === 'units') {
      const charge = plan.charges.find((c) => c.metricKey === r.metric_key);
      if (!charge || charge.model.type === 'percentage') {
        notes.push(
          `License #${r.id} (${groupDigits(r.quantity)} ${r.metric_key} — ${r.remark}) has no effect: "${plan.name}" ${charge ? 'charges a percentage on' : 'has no charge for'} ${r.metric_key}.`,
        );
        continue;
      }
      adjustments.push({ kind: 'free_units', metricKey: r.metric_key!, quantity: r.quantity, remark: `#${r.id} ${r.remark}` });
    } else {
      const fee = new Dec(plan.baseFee);
      const ms = Dec.min(new Dec(r.quantity).times(DAY_MS), periodMs);
      const amount = fee.times(ms).div(periodMs);
      if (amount.isZero()) {
        notes.push(`License #${r.id} (${r.quantity} free days — ${r.remark}) has no effect: "${plan.name}" has no base fee.`);
        continue;
      }
      adjustments.push({ kind: 'credit', amount: decText(amount), description: `License #${r.id}: ${r.quantity} free day${r.quantity === '1' ? '' : 's'} — ${r.remark}` });
    }
  }
  return { adjustments, notes };
}
