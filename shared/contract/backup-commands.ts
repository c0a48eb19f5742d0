// Runs anywhere. Contract commands for ledger backups, restore and workspace export/import (docs/BACKUPS.md).
import { z } from 'zod';
import {
  Backup,
  BackupId,
  BackupList,
  BackupSettings,
  RestoreResult,
  RestoreSource,
  WorkspaceExportInput,
  WorkspaceExportResult,
  WorkspaceImportInput,
  WorkspaceImportResult,
} from '../domain/backup';

const none = z.object({}).strict();

export const backupCommands = {
  'backups.list': { input: none, output: BackupList },
  /** a manual backup now (checked before it counts); kept until deleted */
  'backups.create': { input: none, output: Backup },
  'backups.delete': { input: z.object({ id: BackupId }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** checks the source, takes a safety backup of the current ledger, swaps it in and reopens every service */
  'backups.restore': { input: z.object({ source: RestoreSource, confirm: z.literal(true, { error: 'Confirm the restore: it replaces everything in Meterbook.' }) }).strict(), output: RestoreResult },
  'backups.settings.get': { input: none, output: BackupSettings },
  'backups.settings.update': { input: BackupSettings.strict(), output: BackupSettings },
  /** one file for moving to a new laptop: manifest, a checked copy of the ledger, sealed credentials */
  'workspace.export': { input: WorkspaceExportInput, output: WorkspaceExportResult },
  'workspace.import': { input: WorkspaceImportInput, output: WorkspaceImportResult },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
