// Runs anywhere. Backups of the ledger, restore and workspace export/import: the shapes the contract carries.
import { z } from 'zod';
import { FileRef } from './file-import';

export const BACKUP_KINDS = ['daily', 'weekly', 'manual', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A backup's id is its file name in <dataDir>/backups: nothing else can be named through it. */
export const BACKUP_ID_PATTERN = /^meterbook-\d{4}-\d{2}-\d{2}T\d{6}Z-(daily|weekly|manual|pre-restore)(-\d{1,3})?\.sqlite$/;
export const BackupId = z.string().regex(BACKUP_ID_PATTERN, { error: 'There is no such backup: choose one from the list.' });

export const Backup = z.object({
  id: z.string(),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.string(),
  sizeBytes: z.number().int(),
  /** passed integrity_check, foreign_key_check and the migrations check when it was written */
  checked: z.boolean(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
});
export type Backup = z.infer<typeof Backup>;

export const BackupSettings = z.object({
  /** a daily backup while the app runs (Electron and browser mode; never the one-shot CLI) */
  auto: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const BackupList = z.object({
  /** where backups are written: <dataDir>/backups */
  folder: z.string(),
  settings: BackupSettings,
  backups: z.array(Backup),
  /** when the next automatic backup is due (null when automatic backups are off) */
  nextAutomaticAt: z.string().nullable(),
});
export type BackupList = z.infer<typeof BackupList>;

export const RestoreSource = z.union([
  z.object({ backupId: BackupId }).strict(),
  /** browser mode: a file the user uploaded; Electron and the CLI may also name a path */
  z.object({ file: FileRef }).strict(),
]);
export type RestoreSource = z.infer<typeof RestoreSource>;

export const RestoreResult = z.object({
  /** the backup's id or the file's name */
  restoredFrom: z.string(),
  /** the schema version of the restored file, before migrating it */
  fromSchemaVersion: z.number().int(),
  schemaVersion: z.number().int(),
  /** migrations applied to the restored ledger (an older backup) */
  migrated: z.array(z.string()),
  /** the safety backup of the ledger as it was before the restore */
  safetyBackup: z.string(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const MIN_PASSPHRASE = 10;
export const Passphrase = z
  .string({ error: 'Enter a passphrase.' })
  .min(MIN_PASSPHRASE, { error: `Choose a passphrase of at least ${MIN_PASSPHRASE} characters: it protects the provider keys and the Stripe key in the file.` })
  .max(1024, { error: 'The passphrase must be at most 1024 characters.' });

export const WorkspaceExportInput = z
  .object({
    /** seals the credentials under this passphrase; without it they are left out (and listed) */
    passphrase: Passphrase.optional(),
  })
  .strict();

export const WorkspaceExportResult = z.object({
  /** where the file was written (<dataDir>/exports in the app) */
  file: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  secrets: z.enum(['sealed', 'omitted', 'none']),
  /** accounts whose keys are not in the file and must be entered again after import */
  reenter: z.array(z.string()),
});
export type WorkspaceExportResult = z.infer<typeof WorkspaceExportResult>;

export const WorkspaceImportInput = z
  .object({
    file: FileRef,
    passphrase: z.string().max(1024).optional(),
    /** required when this data folder already holds clients, usage or invoices */
    replace: z.boolean().default(false),
  })
  .strict();

export const WorkspaceImportResult = z.object({
  appVersion: z.string(),
  createdAt: z.string(),
  fromSchemaVersion: z.number().int(),
  schemaVersion: z.number().int(),
  migrated: z.array(z.string()),
  /** accounts and connections whose keys must be entered again on this computer */
  reenter: z.array(z.string()),
  /** a safety backup of the replaced ledger, when there was one with data */
  safetyBackup: z.string().nullable(),
});
export type WorkspaceImportResult = z.infer<typeof WorkspaceImportResult>;
