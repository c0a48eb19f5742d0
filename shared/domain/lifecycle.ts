// Runs anywhere. Account controls (lifecycle): manual licenses, pauses, trials and plan changes.
// Dates are client-local calendar days (YYYY-MM-DD); end dates are exclusive.
import { z } from 'zod';
import { positiveDecimal } from '../pricing/decimal-field';
import { id, optionalText, requiredText } from './fields';

const day = (label: string) => z.iso.date({ error: `${label} must be a date like 2026-10-01.` });
const periodLabel = z
  .string({ error: 'Period must look like 2026-10 (or 2026 for annual plans).' })
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: 'Period must look like 2026-10 (a month from 01 to 12), or 2026 for annual plans.' });
const metricKey = z.string().trim().min(1, { error: 'Choose a metric.' });

/** reference/004: a manual license of extra units ("Minutes") or free days, for one billing period, with a remark. */
export const License = z.object({
  id: z.number(),
  clientId: z.number(),
  kind: z.enum(['units', 'days']),
  metricKey: z.string().nullable(),
  quantity: z.string(),
  period: z.string(),
  remark: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type License = z.infer<typeof License>;

export const LicenseGrantInput = z
  .object({
    clientId: id,
    /** units: extra free units of `metricKey` (billing unit); days: that many days of the base fee free */
    kind: z.enum(['units', 'days'], { error: 'Kind must be "units" or "days".' }),
    metricKey: metricKey.optional(),
    quantity: positiveDecimal('Quantity'),
    period: periodLabel,
    remark: requiredText('a remark', 500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'units' && v.metricKey === undefined) ctx.addIssue({ code: 'custom', path: ['metricKey'], message: 'Choose the metric the extra units are for.' });
    if (v.kind === 'days' && v.metricKey !== undefined) ctx.addIssue({ code: 'custom', path: ['metricKey'], message: 'A license of days is not for a metric: leave the metric empty.' });
  });

export const LicenseRevokeInput = z.object({ id, reason: requiredText('a reason', 500) }).strict();

export const Pause = z.object({
  id: z.number(),
  clientId: z.number(),
  startDate: z.string(),
  /** exclusive; null = paused until resumed */
  endDate: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type Pause = z.infer<typeof Pause>;

export const PauseStartInput = z
  .object({ clientId: id, startDate: day('Start date'), endDate: day('End date').optional(), reason: optionalText('Reason', 500) })
  .strict();
export const PauseEndInput = z.object({ id, endDate: day('End date') }).strict();

/** Settings › Trials: what a new trial gets unless the command says otherwise (reference/000: 30 days, 500 interactions). */
export const TrialDefaults = z
  .object({
    days: z.number({ error: 'Trial days must be a whole number.' }).int({ error: 'Trial days must be a whole number.' }).min(1, { error: 'A trial lasts at least 1 day.' }).max(366, { error: 'A trial lasts at most 366 days.' }),
    /** free units per metric during the trial, in the charge's billing unit */
    freeUnits: z.record(metricKey, positiveDecimal('Free units')),
    /** true: usage beyond the free units during the trial is billed; false: nothing used during the trial is billed */
    billBeyondFreeUnits: z.boolean(),
  })
  .strict();
export type TrialDefaults = z.infer<typeof TrialDefaults>;
export const DEFAULT_TRIAL: TrialDefaults = { days: 30, freeUnits: { interactions: '500' }, billBeyondFreeUnits: true };

export const StartTrialInput = z
  .object({
    clientId: id,
    planId: id,
    version: z.number().int().positive().optional(),
    startDate: day('Start date'),
    /** default: the trial defaults' days */
    days: z.number().int({ error: 'Trial days must be a whole number.' }).min(1, { error: 'A trial lasts at least 1 day.' }).max(366).optional(),
    /** exclusive last day; wins over `days` */
    trialEnd: day('Trial end').optional(),
    freeUnits: z.record(metricKey, positiveDecimal('Free units')).optional(),
    billBeyondFreeUnits: z.boolean().optional(),
  })
  .strict();

export const ChangePlanInput = z
  .object({
    clientId: id,
    planId: id,
    version: z.number().int().positive().optional(),
    /** immediate: from `effectiveDate` (default today), base fees per the proration policy; next_cycle: from the next period start */
    mode: z.enum(['immediate', 'next_cycle'], { error: 'Mode must be "immediate" or "next_cycle".' }),
    effectiveDate: day('Effective date').optional(),
  })
  .strict();
