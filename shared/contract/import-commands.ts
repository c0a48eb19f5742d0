// Runs anywhere. Contract commands for file imports.
import { z } from 'zod';
import { id } from '../domain/fields';
import { ImportPreview, ImportPreviewInput, ImportStartInput, SavedMapping, SaveMappingInput } from '../domain/file-import';

export const importCommands = {
  'import.preview': { input: ImportPreviewInput, output: ImportPreview },
  /** starts an import (or a dry run) as a job; follow it with job.progress events and sync.job */
  'import.start': { input: ImportStartInput, output: z.object({ jobId: z.string(), id: z.number() }) },
  'import.cancel': { input: z.object({ jobId: z.string().min(1) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'importMappings.list': { input: z.object({ providerAccountId: id.optional() }).strict(), output: z.array(SavedMapping) },
  'importMappings.save': { input: SaveMappingInput, output: SavedMapping },
  'importMappings.delete': { input: z.object({ id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Electron only: the native open-file dialog; null when cancelled (browser mode uploads instead) */
  'files.pick': { input: z.object({ purpose: z.enum(['usage']) }).strict(), output: z.object({ path: z.string(), name: z.string(), size: z.number() }).nullable() },
} as const;
