// Runs anywhere. Provider accounts as edited by the user, sync jobs, mappings and unassigned usage.
import { z } from 'zod';
import { currencyCode, id, requiredText } from './fields';
import { JobStatus, ProviderKind } from './provider';

export { JobStatus };

export const CLIENT_KEY = /^[a-z][a-z0-9_]*:.+$/;
export const ClientKey = z
  .string()
  .trim()
  .min(3, { error: 'Enter the provider-side id as kind:id (e.g. sub_account:AC123, assistant:asst_1).' })
  .max(300)
  .regex(CLIENT_KEY, { error: 'A provider-side id looks like kind:id (e.g. sub_account:AC123, assistant:asst_1).' });

const schedule = z
  .number({ error: 'Sync interval must be a number of minutes.' })
  .int({ error: 'Sync interval must be a whole number of minutes.' })
  .min(5, { error: 'Sync interval must be at least 5 minutes.' })
  .max(7 * 24 * 60, { error: 'Sync interval must be at most a week (10080 minutes).' });

const credentials = z.record(z.string(), z.string().max(4000, { error: 'A credential must be at most 4000 characters.' }));

export const ProviderCreateInput = z
  .object({
    kind: ProviderKind,
    name: requiredText('a name for this provider account', 200),
    currency: currencyCode,
    /** values for the connector's credential fields; stored encrypted, never returned */
    credentials: credentials.default({}),
    /** connector settings (validated by the connector) */
    config: z.record(z.string(), z.unknown()).default({}),
    scheduleMinutes: schedule.default(15),
    syncEnabled: z.boolean().default(true),
  })
  .strict();

export const ProviderUpdateInput = z
  .object({
    id,
    name: requiredText('a name for this provider account', 200).optional(),
    currency: currencyCode.optional(),
    /** replaces all stored credentials when given; omitted = keep */
    credentials: credentials.optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    scheduleMinutes: schedule.optional(),
    syncEnabled: z.boolean().optional(),
  })
  .strict();

export const CredentialFieldInfo = z.object({ key: z.string(), label: z.string(), secret: z.boolean(), help: z.string(), optional: z.boolean() });
export const ProviderKindInfo = z.object({
  kind: ProviderKind,
  label: z.string(),
  /** false: usage arrives by file import only */
  hasApi: z.boolean(),
  docsUrl: z.string().nullable(),
  credentialFields: z.array(CredentialFieldInfo),
  /** default connector settings, shown as editable JSON */
  defaultConfig: z.record(z.string(), z.unknown()),
});

export const ProviderDetail = z.object({
  id: z.number(),
  kind: ProviderKind,
  name: z.string(),
  currency: z.string(),
  hasCredentials: z.boolean(),
  credentialsHint: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  archived: z.boolean(),
  scheduleMinutes: z.number().int(),
  syncEnabled: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  syncing: z.boolean(),
});
export type ProviderDetail = z.infer<typeof ProviderDetail>;

export const TestConnectionResult = z.object({ ok: z.boolean(), message: z.string() });

export const IngestJob = z.object({
  id: z.number(),
  jobId: z.string(),
  kind: z.enum(['sync', 'import', 'dry_run']),
  providerAccountId: z.number().nullable(),
  source: z.string().nullable(),
  status: JobStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  pages: z.number(),
  fetched: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  replaced: z.number(),
  rejected: z.number(),
  error: z.string().nullable(),
});
export type IngestJob = z.infer<typeof IngestJob>;
export const Rejection = z.object({ position: z.number(), externalId: z.string().nullable(), reason: z.string() });

export const Mapping = z.object({
  id: z.number(),
  providerAccountId: z.number(),
  providerName: z.string(),
  clientKey: z.string(),
  clientId: z.number(),
  clientName: z.string(),
  createdAt: z.string(),
});

export const MappingCreateInput = z.object({ providerAccountId: id, clientKey: ClientKey, clientId: id }).strict();

export const UnassignedGroup = z.object({
  providerAccountId: z.number(),
  providerName: z.string(),
  clientKey: z.string().nullable(),
  metricKey: z.string(),
  events: z.number(),
  quantity: z.string(),
  cost: z.string(),
  currency: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
});
