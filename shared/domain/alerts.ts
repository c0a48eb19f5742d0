// Runs anywhere. Limits and alerts: what the alerts commands take and return.
import { z } from 'zod';
import { isDecimalText } from '../money/decimal';
import { id } from './fields';

export const ALERT_KINDS = ['threshold', 'limit', 'projected', 'spike', 'low_balance'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 75, 90, 100];
export const DEFAULT_SPIKE_FACTOR = '3';

const metricKey = z.string({ error: 'Choose a metric.' }).trim().min(1, { error: 'Choose a metric.' }).max(100);

/** A monthly limit: decimal text >= 0 ("1000", "2.5"); a JS number is accepted and read as its text. */
export const MonthlyLimit = z
  .string({ error: 'A limit is a number written as text, e.g. "1000".' })
  .trim()
  .refine(isDecimalText, { error: (iss) => `A limit must be a number like 1000 or 2.5 (got "${String(iss.input)}").`, abort: true })
  .refine((s) => !s.startsWith('-') || /^-0(\.0+)?$/.test(s), { error: 'A limit cannot be below zero.' })
  .transform((s) => (s.startsWith('-') ? s.slice(1) : s));

export const ClientLimit = z.object({
  clientId: z.number().int(),
  metricKey: z.string(),
  /** in the plan charge's billing unit when the plan charges the metric, else the metric's unit */
  monthlyLimit: z.string(),
  /** "client": set on the client (wins); "plan": from the client's current plan */
  source: z.enum(['client', 'plan']),
});
export type ClientLimit = z.infer<typeof ClientLimit>;

export const LimitsListInput = z.object({ clientId: id }).strict();
export const LimitsSetInput = z
  .object({
    clientId: id,
    metricKey,
    /** null removes the client's own limit (the plan's, if any, applies again) */
    monthlyLimit: z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), MonthlyLimit.nullable()),
  })
  .strict();

export const Thresholds = z
  .array(
    z
      .number({ error: 'A threshold is a whole percentage from 1 to 1000.' })
      .int({ error: 'A threshold is a whole percentage from 1 to 1000.' })
      .min(1, { error: (iss) => `A threshold must be from 1 to 1000 % (got ${String(iss.input)}).` })
      .max(1000, { error: (iss) => `A threshold must be from 1 to 1000 % (got ${String(iss.input)}).` }),
  )
  .max(20, { error: 'At most 20 thresholds.' })
  .refine((a) => new Set(a).size === a.length, { error: 'Each threshold can appear only once.' })
  .transform((a) => [...a].sort((x, y) => x - y));

export const SpikeFactor = z
  .string({ error: 'The spike factor is a number written as text, e.g. "3".' })
  .trim()
  .refine(isDecimalText, { error: (iss) => `The spike factor must be a number like 3 or 2.5 (got "${String(iss.input)}").`, abort: true })
  .refine((s) => Number(s) > 1 && Number(s) <= 1000, { error: (iss) => `The spike factor must be above 1 and at most 1000 (got ${String(iss.input)}).` });

export const AlertSettings = z.object({
  clientId: z.number().int(),
  thresholds: z.array(z.number().int()),
  projectedEnabled: z.boolean(),
  spikeEnabled: z.boolean(),
  spikeFactor: z.string(),
  /** false: no row saved, these are the defaults */
  custom: z.boolean(),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

export const AlertSettingsGetInput = z.object({ clientId: id }).strict();
export const AlertSettingsSetInput = z
  .object({
    clientId: id,
    thresholds: Thresholds,
    projectedEnabled: z.boolean().default(true),
    spikeEnabled: z.boolean().default(true),
    spikeFactor: SpikeFactor.default(DEFAULT_SPIKE_FACTOR),
  })
  .strict();

export const Alert = z.object({
  id: z.number().int(),
  clientId: z.number().int().nullable(),
  clientName: z.string().nullable(),
  kind: z.enum(ALERT_KINDS),
  metricKey: z.string().nullable(),
  /** "2026-10" (billing period) or, for spikes, the local day "2026-10-14" */
  periodLabel: z.string().nullable(),
  threshold: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  /** what triggered it: quantity, allowance or limit, percent, projectedDate... */
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertsListInput = z
  .object({
    unreadOnly: z.boolean().default(false),
    clientId: id.optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export const AlertList = z.object({ items: z.array(Alert), total: z.number().int(), unread: z.number().int() });
export type AlertList = z.infer<typeof AlertList>;

export const AlertsMarkReadInput = z
  .object({ ids: z.array(id).min(1).max(1000).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { error: 'Pass the alert ids to mark read, or all: true.', path: ['ids'] });

export const AlertsEvaluateResult = z.object({ raised: z.number().int(), clients: z.number().int() });

export const OverLimit = z.object({
  clientId: z.number().int(),
  clientName: z.string(),
  metricKey: z.string(),
  periodLabel: z.string(),
  quantity: z.string(),
  limit: z.string(),
});
export type OverLimit = z.infer<typeof OverLimit>;
