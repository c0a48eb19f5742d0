// Runs anywhere. Contract commands for pricing: plans (versioned), subscriptions, statements, rate cards.
import { z } from 'zod';
import { id } from '../domain/fields';
import {
  ClientStatement,
  PlanCreateInput,
  PlanDetail,
  PlanNewVersionInput,
  PlanPreviewInput,
  PlanSummary,
  PlanUpdateInput,
  StatementInput,
  StatementSchema,
  Subscription,
  SubscriptionAssignInput,
} from '../domain/pricing';

const byId = z.object({ id }).strict();

export const pricingCommands = {
  'plans.list': { input: z.object({ show: z.enum(['current', 'archived', 'all']).default('current') }).strict(), output: z.array(PlanSummary) },
  'plans.get': { input: byId, output: PlanDetail },
  'plans.create': { input: PlanCreateInput, output: PlanDetail },
  /** edits a version that nothing uses yet; a version in use is refused (conflict): save a new version */
  'plans.update': { input: PlanUpdateInput, output: PlanDetail },
  'plans.newVersion': { input: PlanNewVersionInput, output: PlanDetail },
  /** refused while any version is used by a subscription or an invoice */
  'plans.delete': { input: byId, output: z.object({ deleted: z.boolean() }) },
  'plans.archive': { input: byId, output: PlanDetail },
  'plans.restore': { input: byId, output: PlanDetail },
  /** what would this cost: rates the definition for the given quantities (nothing saved) */
  'plans.preview': { input: PlanPreviewInput, output: StatementSchema },
  'subscriptions.list': { input: z.object({ clientId: id }).strict(), output: z.array(Subscription) },
  'subscriptions.assign': { input: SubscriptionAssignInput, output: Subscription },
  'statements.get': { input: StatementInput, output: ClientStatement },
  /** what the provider charges the agency (validated by the engine's RateCard) */
  'providers.setRateCard': { input: z.object({ id, rateCard: z.record(z.string(), z.unknown()).nullable() }).strict(), output: z.object({ ok: z.boolean() }) },
} as const;
