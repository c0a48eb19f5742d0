// Runs anywhere. Provider accounts (platforms the agency pays) and metrics (what is counted).
import { z } from 'zod';

export const PROVIDER_KINDS = [
  'agentclara',
  'closebot',
  'voice_sessions',
  'twilio',
  'openai',
  'vapi',
  'retell',
  'elevenlabs',
  'generic_rest',
  'file',
] as const;
export const ProviderKind = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const ProviderAccount = z.object({
  id: z.number(),
  kind: ProviderKind,
  name: z.string(),
  currency: z.string(),
  /** Secrets never leave the main process; the renderer sees only whether they are set and a masked hint. */
  hasCredentials: z.boolean(),
  credentialsHint: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  mappingCount: z.number().int(),
});
export type ProviderAccount = z.infer<typeof ProviderAccount>;

export const AGGREGATIONS = ['count', 'sum', 'max', 'unique_count', 'time_weighted', 'session_blocks'] as const;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;

export const Metric = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregation: Aggregation,
  config: z.record(z.string(), z.unknown()),
  builtIn: z.boolean(),
});
export type Metric = z.infer<typeof Metric>;

export const UsageTotalsInput = z.object({
  clientId: z.number().int().positive().optional(),
  /** inclusive, ISO 8601 */
  from: z.iso.datetime({ error: 'from must be an ISO 8601 date-time (e.g. 2026-10-01T00:00:00Z).' }),
  /** exclusive, ISO 8601 */
  to: z.iso.datetime({ error: 'to must be an ISO 8601 date-time (e.g. 2026-11-01T00:00:00Z).' }),
});
export const UsageTotal = z.object({
  metricKey: z.string(),
  metricName: z.string(),
  unit: z.string(),
  events: z.number().int(),
  /** integer in the metric's base unit, as a string (may exceed 2^53) */
  quantity: z.string(),
  /** provider cost, exact decimal string, in the provider account's currency */
  cost: z.string(),
  currency: z.string(),
});
export type UsageTotal = z.infer<typeof UsageTotal>;
