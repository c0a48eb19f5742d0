// Runs anywhere. No Node, no DOM. What a metric counts and how its usage events are aggregated in a period.
// Mirrors the `metrics` table (key, name, unit, aggregation, config); the built-ins match migration 0001.
import { z } from 'zod';

export const METRIC_AGGREGATIONS = ['count', 'sum', 'max', 'unique_count', 'time_weighted', 'session_blocks'] as const;
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];

/** Time units a time-weighted metric can be expressed in (seat-hours: 'hour', MB-days: 'day'). */
export const TIME_UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type TimeUnit = keyof typeof TIME_UNIT_MS;

const metricKey = z
  .string({ error: 'Enter a metric key.' })
  .regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'A metric key is lower-case letters, digits and underscores, starting with a letter (e.g. call_seconds).' });

/** Config per aggregation. Unknown keys are kept (the table may carry display hints such as `level`). */
export const CountConfig = z.looseObject({});
export const SumConfig = z.looseObject({});
export const MaxConfig = z.looseObject({});
export const UniqueCountConfig = z.looseObject({
  /** event attribute whose distinct values are counted (phoneNumber) */
  attribute: z.string().min(1, { error: 'Name the attribute whose distinct values are counted (e.g. phoneNumber).' }),
  /**
   * Optional: attribute holding when the thing was provisioned (epoch ms or ISO text). Each distinct value then
   * counts as the fraction of the period from max(period start, provisioned) to the period end — a number
   * provisioned on the 15th is charged for the rest of the month, and releasing it refunds nothing
   * (reference/002 "Phone Number Costs and Structure").
   */
  prorateFromAttribute: z.string().min(1).optional(),
});
export const TimeWeightedConfig = z.looseObject({
  /** unit of the result: level × hours (seat-hours) or level × days (MB-days) */
  per: z.enum(['second', 'minute', 'hour', 'day'], { error: 'A time-weighted metric is per second, minute, hour or day.' }),
  /** 'level': each event's quantity is the new level (storage samples); 'delta': a change (+1 seat added, -1 removed). */
  mode: z.enum(['level', 'delta']).default('level'),
});
export const SessionBlocksConfig = z.looseObject({
  /** block length in minutes: 15 -> a 31-minute conversation is 3 sessions */
  blockMinutes: z.number().int().min(1, { error: 'A session block is at least 1 minute.' }).max(1440),
  /** segment kinds whose seconds are not counted (['human_agent'] for usage sessions; [] for voice sessions) */
  excludeSegments: z.array(z.string()).default([]),
});

export const MetricDefinition = z.discriminatedUnion(
  'aggregation',
  [
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('count'), config: CountConfig.default({}) }),
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('sum'), config: SumConfig.default({}) }),
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('max'), config: MaxConfig.default({}) }),
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('unique_count'), config: UniqueCountConfig }),
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('time_weighted'), config: TimeWeightedConfig }),
    z.object({ key: metricKey, name: z.string(), unit: z.string(), aggregation: z.literal('session_blocks'), config: SessionBlocksConfig }),
  ],
  { error: `Aggregation must be one of ${METRIC_AGGREGATIONS.join(', ')}.` },
);
export type MetricDefinition = z.output<typeof MetricDefinition>;
export type MetricDefinitionInput = z.input<typeof MetricDefinition>;

/** The built-in metrics, one per kind of usage the reference providers bill (same rows as migration 0001). */
export const BUILT_IN_METRICS: readonly MetricDefinition[] = (
  [
    // reference/000 AgentClara: "An interaction is one customer message + one Clara response."
    { key: 'interactions', name: 'Interactions', unit: 'interaction', aggregation: 'sum' },
    // reference/001 CloseBot: "$0.006 per message"
    { key: 'messages', name: 'Messages', unit: 'message', aggregation: 'sum' },
    // reference/002: "Call Seconds as the Primary Usage Metric"
    { key: 'call_seconds', name: 'Call time', unit: 'second', aggregation: 'sum' },
    // reference/003: "‘Fifteen minutes’ of user conversation ... human agent will be excluded"
    { key: 'usage_sessions', name: 'Usage sessions', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 15, excludeSegments: ['human_agent'] } },
    // reference/003: "Voice Sessions ... every 15 minutes of interaction with the AI Agent or a human Agent"
    { key: 'voice_sessions', name: 'Voice sessions', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 15, excludeSegments: [] } },
    // reference/003: "Every alert delivered to a user will be counted as an Alert session."
    { key: 'alert_sessions', name: 'Alert sessions', unit: 'alert', aggregation: 'sum' },
    // reference/001: "$0.0069 per hour per user"
    { key: 'seats', name: 'Seats', unit: 'seat-hour', aggregation: 'time_weighted', config: { level: 'seats', per: 'hour', mode: 'level' } },
    // reference/001: "$0.006 per MB per day"
    { key: 'storage', name: 'Storage', unit: 'MB-day', aggregation: 'time_weighted', config: { level: 'MB', per: 'day', mode: 'level' } },
    // reference/001: "AI Provider Tokens → 0x"
    { key: 'ai_tokens', name: 'AI tokens', unit: 'token', aggregation: 'sum' },
    // reference/004: "charge clients for usage like calls, SMS, or add-ons"
    { key: 'sms', name: 'SMS', unit: 'message', aggregation: 'sum' },
    // reference/002: "Phone Number Provisioning and Billing"
    { key: 'phone_numbers', name: 'Phone numbers', unit: 'number', aggregation: 'unique_count', config: { attribute: 'phoneNumber' } },
    { key: 'characters', name: 'TTS characters', unit: 'character', aggregation: 'sum' },
  ] as MetricDefinitionInput[]
).map((m) => MetricDefinition.parse(m));

/** Looks a metric up by key in a catalog (defaults to the built-ins). */
export function findMetric(key: string, catalog: readonly MetricDefinition[] = BUILT_IN_METRICS): MetricDefinition | undefined {
  return catalog.find((m) => m.key === key);
}
