// Runs anywhere. Plans, versions, subscriptions and statements as the contract sees them.
import { z } from 'zod';
import { PlanDefinition } from '../pricing/plan-schema';
import { id } from './fields';

export const PlanVersionInfo = z.object({
  id: z.number(),
  version: z.number().int(),
  definition: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  /** used by a subscription or an issued invoice: immutable */
  inUse: z.boolean(),
  subscriptions: z.number().int(),
});
export type PlanVersionInfo = z.infer<typeof PlanVersionInfo>;

export const PlanSummary = z.object({
  id: z.number(),
  name: z.string(),
  currency: z.string(),
  interval: z.enum(['month', 'year']),
  baseFee: z.string(),
  charges: z.number().int(),
  latestVersion: z.number().int(),
  activeSubscriptions: z.number().int(),
  archived: z.boolean(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanDetail = z.object({
  id: z.number(),
  name: z.string(),
  currency: z.string(),
  archived: z.boolean(),
  versions: z.array(PlanVersionInfo),
  latest: PlanVersionInfo,
});
export type PlanDetail = z.infer<typeof PlanDetail>;

/** A plan definition as typed in the editor (validated by the engine's PlanDefinition with field paths). */
export const PlanDefinitionInput = z.record(z.string(), z.unknown());

export const PlanCreateInput = z.object({ definition: PlanDefinitionInput }).strict();
export const PlanUpdateInput = z
  .object({
    id,
    /** the version being edited; refused when it is in use (save a new version instead) */
    version: z.number().int().positive(),
    definition: PlanDefinitionInput,
  })
  .strict();
export const PlanNewVersionInput = z.object({ id, definition: PlanDefinitionInput }).strict();

export const PlanPreviewInput = z
  .object({
    definition: PlanDefinitionInput,
    /** quantity per metric key, decimal text in the metric's unit */
    usage: z.record(z.string(), z.string()),
    /** provider cost per metric key, decimal text (optional) */
    providerCost: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const Subscription = z.object({
  id: z.number(),
  clientId: z.number(),
  planId: z.number(),
  planVersionId: z.number(),
  version: z.number().int(),
  planName: z.string(),
  currency: z.string(),
  /** first day (YYYY-MM-DD, in the client's time zone) */
  startDate: z.string(),
  /** exclusive end day; null = open */
  endDate: z.string().nullable(),
  createdAt: z.string(),
});
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionAssignInput = z
  .object({
    clientId: id,
    planId: id,
    /** default: the latest version */
    version: z.number().int().positive().optional(),
    startDate: z.iso.date({ error: 'Start date must be a date like 2026-10-01.' }),
  })
  .strict();

const Line = z.object({
  kind: z.string(),
  description: z.string(),
  metricKey: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string().nullable(),
  amount: z.string(),
  exactAmount: z.string(),
  providerCost: z.string(),
  freeQuantity: z.string(),
  breakdown: z.array(z.object({ label: z.string(), quantity: z.string(), unitPrice: z.string().nullable(), flatFee: z.string(), amount: z.string() })),
  note: z.string().nullable(),
});

export const StatementSchema = z.object({
  currency: z.string(),
  planVersionId: z.union([z.string(), z.number()]),
  planName: z.string(),
  rateCardId: z.union([z.string(), z.number()]).nullable(),
  period: z.object({ start: z.string(), end: z.string() }),
  lines: z.array(Line),
  subtotal: z.string(),
  providerCost: z.string(),
  providerCostExact: z.string(),
  margin: z.string(),
  marginPercent: z.string().nullable(),
  byMetric: z.array(z.object({ metricKey: z.string(), amount: z.string(), providerCost: z.string(), margin: z.string() })),
  billableFraction: z.string(),
  unappliedCredit: z.string(),
  trialFreeUnitsUsed: z.record(z.string(), z.string()),
  limitsExceeded: z.array(z.object({ metricKey: z.string(), limit: z.string(), quantity: z.string() })),
});

export const StatementInput = z
  .object({
    clientId: id,
    /** billing period label: "2026-10" for monthly plans (anchored periods start in that month), "2026" for annual */
    period: z.string().regex(/^\d{4}(-\d{2})?$/, { error: 'Period must look like 2026-10 (or 2026 for annual plans).' }),
  })
  .strict();

export const ClientStatement = z.object({
  clientId: z.number(),
  clientName: z.string(),
  period: z.object({ label: z.string(), start: z.string(), end: z.string(), zone: z.string() }),
  subscription: Subscription,
  planVersion: z.number().int(),
  statement: StatementSchema,
  /** per-metric usage the statement was rated from */
  usage: z.array(z.object({ metricKey: z.string(), quantity: z.string(), events: z.number(), providerCost: z.string() })),
  /**
   * What the reader should know about the numbers, one sentence each: usage whose provider cost is unknown
   * (an account without a rate card), costs left out of the margin (another currency than the plan's, never
   * converted), a plan change that applies from the next period.
   */
  notes: z.array(z.string()).optional(),
});
export type ClientStatement = z.infer<typeof ClientStatement>;

export { PlanDefinition };
