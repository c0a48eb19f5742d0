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

export const JobStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted', 'waiting']);

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
  /** sync state, so a list of accounts needs no request per account */
  syncEnabled: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  syncing: z.boolean(),
  /** the newest sync job, else the newest job of any kind (imports) */
  lastJob: z.object({ kind: z.enum(['sync', 'import', 'dry_run']), status: JobStatus, error: z.string().nullable() }).nullable(),
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

/**
 * A custom metric. The contract checks the shape; the main process checks the key and the config of the
 * aggregation with the pricing engine's MetricDefinition (shared/pricing/metrics.ts) and answers with field
 * paths such as `config.blockMinutes`.
 */
export const MetricCreateInput = z
  .object({
    /** lower-case letters, digits and underscores (call_minutes); unique, never reused by a built-in */
    key: z.string({ error: 'Enter a metric key.' }).trim().min(1, { error: 'Enter a metric key.' }),
    name: z.string({ error: 'Enter the metric name.' }).trim().min(1, { error: 'Enter the metric name.' }).max(100, { error: 'The metric name must be at most 100 characters.' }),
    /** singular base unit of the quantities (minute, message, MB-day) */
    unit: z.string({ error: 'Enter the unit (e.g. minute).' }).trim().min(1, { error: 'Enter the unit (e.g. minute).' }).max(40, { error: 'The unit must be at most 40 characters.' }),
    aggregation: z.enum(AGGREGATIONS, { error: 'Choose an aggregation: count, sum, max, unique_count, time_weighted or session_blocks.' }),
    /** options of the aggregation: { attribute } (unique_count), { per, mode } (time_weighted), { blockMinutes, excludeSegments } (session_blocks) */
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type MetricCreateInput = z.input<typeof MetricCreateInput>;

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
