// Runs anywhere. The rating engine's input and output shapes (the statement is plain JSON: the frozen
// invoice snapshot can store it as is).
import type { Dec } from '../money/decimal';
import type { InstantInput } from '../time/instant';
import type { MetricDefinition } from './metrics';
import type { PlanDefinition, PlanDefinitionInput } from './plan-schema';
import type { SubscriptionSpan } from './proration';

/** One metric's usage for the client in the period. */
export interface UsageInput {
  /** aggregated quantity in the metric's unit (see aggregate.ts), >= 0 */
  quantity: string | Dec;
  /** number of events behind it (percentage fixed fees); default 0 */
  events?: number;
  /** what this usage cost the agency (allocated share, see rate-card.ts), in the plan currency — or in the rate card's with `fxRate` */
  providerCost?: string | Dec;
  /** chronological per-event amounts in the metric's unit; needed by percentage charges with per-event options */
  eventAmounts?: ReadonlyArray<string | Dec>;
  /** the part of `quantity` that happened during the trial; needed when the trial covers only part of the period */
  trialQuantity?: string | Dec;
}

export type Adjustment =
  /** a manual license: extra free units for the period (reference/004 "Add ... a manual license (Days or Minutes)") */
  | { kind: 'free_units'; metricKey: string; quantity: string; remark: string }
  /** a credit (positive amount) shown as a negative line; never takes the subtotal below zero */
  | { kind: 'credit'; amount: string; description: string }
  /** a one-off charge */
  | { kind: 'charge'; amount: string; description: string }
  /** an immediate mid-period plan change: (toBaseFee − fromBaseFee) × remaining part of the period */
  | { kind: 'plan_change'; at: InstantInput; fromBaseFee: string; toBaseFee: string; description?: string };

export interface RateInput {
  /** a plan version definition (validated here; invalid plans are refused with every problem listed) */
  plan: PlanDefinition | PlanDefinitionInput;
  planVersionId: string | number;
  rateCard?: { id: string | number; currency: string } | null;
  /** plan-currency units per one rate-card-currency unit, when they differ (decimal text) */
  fxRate?: string;
  client: { currency: string };
  /** [start, end) of the billing period (see shared/time/billing-period.ts) */
  period: { start: InstantInput; end: InstantInput };
  usage: Readonly<Record<string, UsageInput>>;
  /** the metric catalog (built-ins + custom); default: the built-ins */
  metrics?: readonly MetricDefinition[];
  subscription?: SubscriptionSpan & {
    /** trial free units already used in earlier periods, per metric (billing unit) */
    trialFreeUnitsUsed?: Readonly<Record<string, string>>;
  };
  adjustments?: readonly Adjustment[];
  /**
   * false: leave out the base fee and the minimum commitment — for annual plans whose usage is rated on monthly
   * statements (reference/002: "Call minutes might reset monthly, while your AI employee count applies for the
   * full year"): rate the year once with the base fee, and each month with includeBaseFee: false. Default true.
   */
  includeBaseFee?: boolean;
}

export type LineKind =
  | 'usage'
  | 'included'
  | 'overage'
  | 'charge_minimum'
  | 'usage_cap'
  | 'base_fee'
  | 'plan_change'
  | 'minimum_true_up'
  | 'adjustment'
  | 'credit'
  | 'unbilled_cost';

export interface StatementBreakdownItem {
  label: string;
  quantity: string;
  unitPrice: string | null;
  flatFee: string;
  /** exact, not rounded */
  amount: string;
}

export interface StatementLine {
  kind: LineKind;
  description: string;
  metricKey: string | null;
  /** billable quantity in `unit` (decimal text; at most 12 decimals shown, amounts use the exact value) */
  quantity: string;
  unit: string;
  /** full-precision decimal text when amount = quantity × unitPrice before rounding; null otherwise */
  unitPrice: string | null;
  /** money text rounded once, half away from zero, to the currency's minor unit: "175.00", "1230" (JPY), "1.235" (KWD) */
  amount: string;
  /** the exact amount this line was rounded from */
  exactAmount: string;
  /** what this line's usage cost the agency (decimal text, plan currency) */
  providerCost: string;
  /** units made free by a trial or a license (billing unit) */
  freeQuantity: string;
  breakdown: StatementBreakdownItem[];
  note: string | null;
}

export interface MetricMargin {
  metricKey: string;
  amount: string;
  providerCost: string;
  margin: string;
}

export interface Statement {
  currency: string;
  planVersionId: string | number;
  planName: string;
  rateCardId: string | number | null;
  period: { start: string; end: string };
  lines: StatementLine[];
  /** sum of the rounded line amounts */
  subtotal: string;
  /** total provider cost, rounded once to the minor unit */
  providerCost: string;
  providerCostExact: string;
  /** subtotal − providerCost */
  margin: string;
  /** margin / subtotal × 100, 2 decimals; null when the subtotal is 0 */
  marginPercent: string | null;
  byMetric: MetricMargin[];
  /** billable part of the period (base fee and minimum commitment proration) */
  billableFraction: string;
  /** credits that did not fit under the subtotal, to carry forward */
  unappliedCredit: string;
  /** trial free units used in this period, per metric (add to trialFreeUnitsUsed for the next period) */
  trialFreeUnitsUsed: Record<string, string>;
  /** metrics whose quantity exceeds the plan limit this period */
  limitsExceeded: Array<{ metricKey: string; limit: string; quantity: string }>;
}
