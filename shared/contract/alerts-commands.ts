// Runs anywhere. Contract commands for account controls: limits and alerts.
import { z } from 'zod';
import {
  AlertList,
  AlertSettings,
  AlertSettingsGetInput,
  AlertSettingsSetInput,
  AlertsEvaluateResult,
  AlertsListInput,
  AlertsMarkReadInput,
  ClientLimit,
  LimitsListInput,
  LimitsSetInput,
  OverLimit,
} from '../domain/alerts';

export const alertsCommands = {
  /** the client's limits per metric: its own, then its current plan's (a client's own limit wins) */
  'limits.list': { input: LimitsListInput, output: z.array(ClientLimit) },
  /** sets (or with monthlyLimit null removes) the client's own limit on a metric; refused below zero */
  'limits.set': { input: LimitsSetInput, output: z.array(ClientLimit) },
  'alertSettings.get': { input: AlertSettingsGetInput, output: AlertSettings },
  'alertSettings.set': { input: AlertSettingsSetInput, output: AlertSettings },
  /** the alert centre, newest first, with the unread count */
  'alerts.list': { input: AlertsListInput, output: AlertList },
  'alerts.markRead': { input: AlertsMarkReadInput, output: z.object({ marked: z.number().int(), unread: z.number().int() }) },
  /** evaluates every client now (also runs after every sync and import) */
  'alerts.evaluate': { input: z.object({}).strict(), output: AlertsEvaluateResult },
  /** clients over a limit in their current billing period (derived from usage, not stored) */
  'clients.overLimit': { input: z.object({}).strict(), output: z.array(OverLimit) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
