// Runs anywhere. File imports as the contract sees them.
import { z } from 'zod';
import { id } from './fields';
import { ImportMapping } from './import-mapping';

/** A file on this machine: a path (Electron dialog, CLI) or an upload the browser-mode bridge stored (POST /api/upload). */
export const FileRef = z.union([
  z.object({ path: z.string().min(1, { error: 'Choose a file.' }) }).strict(),
  z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'Unknown upload.' }) }).strict(),
]);
export type FileRef = z.infer<typeof FileRef>;

export const ImportPreviewInput = z.object({ file: FileRef, mapping: z.unknown().optional(), rows: z.number().int().min(1).max(100).default(20) }).strict();

export const ImportPreview = z.object({
  format: z.enum(['csv', 'jsonl']),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  mapped: z.array(
    z.object({
      row: z.number(),
      event: z
        .object({ externalId: z.string(), clientKey: z.string().nullable(), metricKey: z.string(), quantity: z.number(), occurredAt: z.string(), cost: z.string().nullable() })
        .nullable(),
      reason: z.string().nullable(),
    }),
  ),
  mappingError: z.string().nullable(),
  suggested: z.unknown().nullable(),
});

export const ImportStartInput = z
  .object({
    file: FileRef,
    providerAccountId: id,
    mapping: ImportMapping,
    /** count new / duplicate / rejected without writing anything */
    dryRun: z.boolean().default(false),
    /** usage whose client key maps to no client: reject the row (default) or keep it as unassigned */
    unknownClient: z.enum(['reject', 'unassigned']).default('reject'),
  })
  .strict();

export const SavedMapping = z.object({ id: z.number(), name: z.string(), providerAccountId: z.number(), mapping: z.unknown(), updatedAt: z.string() });
export const SaveMappingInput = z
  .object({ name: z.string().trim().min(1, { error: 'Name the mapping.' }).max(100), providerAccountId: id, mapping: ImportMapping })
  .strict();
