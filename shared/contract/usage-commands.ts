// Runs anywhere. Contract commands for usage ingestion: provider accounts, sync, mappings, unassigned usage.
import { z } from 'zod';
import { id } from '../domain/fields';
import {
  IngestJob,
  Mapping,
  MappingCreateInput,
  ProviderCreateInput,
  ProviderDetail,
  ProviderKindInfo,
  ProviderUpdateInput,
  Rejection,
  TestConnectionResult,
  UnassignedGroup,
} from '../domain/ingest';

const none = z.object({}).strict();
const byId = z.object({ id }).strict();

export const usageCommands = {
  'providers.kinds': { input: none, output: z.array(ProviderKindInfo) },
  'providers.get': { input: byId, output: ProviderDetail },
  'providers.create': { input: ProviderCreateInput, output: ProviderDetail },
  'providers.update': { input: ProviderUpdateInput, output: ProviderDetail },
  'providers.archive': { input: byId, output: ProviderDetail },
  'providers.restore': { input: byId, output: ProviderDetail },
  'providers.test': { input: byId, output: TestConnectionResult },
  'sync.start': { input: z.object({ providerAccountId: id }).strict(), output: z.object({ jobId: z.string(), id: z.number() }) },
  'sync.cancel': { input: z.object({ jobId: z.string().min(1) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'sync.jobs': {
    input: z
      .object({ providerAccountId: id.optional(), limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) })
      .strict(),
    output: z.object({ items: z.array(IngestJob), total: z.number() }),
  },
  'sync.job': {
    input: z.object({ id, rejectionsLimit: z.number().int().min(0).max(1000).default(200) }).strict(),
    output: z.object({ job: IngestJob, rejections: z.array(Rejection) }),
  },
  'mappings.list': { input: z.object({ providerAccountId: id.optional(), clientId: id.optional() }).strict(), output: z.array(Mapping) },
  /** maps a provider-side id to a client and re-attributes its unassigned usage (nothing lost, nothing counted twice) */
  'mappings.create': { input: MappingCreateInput, output: z.object({ mapping: Mapping, reassignedEvents: z.number() }) },
  /** stops mapping future usage; usage already attributed stays with the client */
  'mappings.delete': { input: byId, output: z.object({ deleted: z.boolean() }) },
  'usage.unassigned': { input: z.object({ providerAccountId: id.optional() }).strict(), output: z.array(UnassignedGroup) },
  /** recomputes rollups from raw events; reports how many rows differed (0 = rollups were exact) */
  'usage.rebuildRollups': { input: z.object({ apply: z.boolean().default(true) }).strict(), output: z.object({ rows: z.number(), mismatches: z.number() }) },
} as const;
