// Runs in main. Restore: check the source, stage a checked copy, take a pre-restore safety backup of the
// current ledger, then (through the host) close everything, swap the file in and reopen (docs/BACKUPS.md).
import path from 'node:path';
import type { RestoreResult, RestoreSource } from '../../../shared/domain/backup';
import type { FileRef } from '../../../shared/domain/file-import';
import { MIGRATIONS } from '../../db/migrations';
import type { RunningJob } from '../../jobs/job-registry';
import type { AppMode } from '../app-context';
import { AppError } from '../errors';
import { UploadStore } from '../import/uploads';
import type { Logger } from '../logger';
import type { BackupService } from './backup-service';
import { BackupStore } from './backup-store';
import { fileSha256, removeQuietly } from './durable-fs';
import { checkLedgerFile, type LedgerCheck } from './ledger-check';
import { BackupCheckError, writeCheckedCopy } from './ledger-copy';
import { removeStaleStaged, stagedPath, swapLedger } from './ledger-swap';
import type { ReopenLedger } from './reopen';

export interface RestoreDeps {
  dataDir: string;
  mode: AppMode;
  backups: BackupService;
  logger: Logger;
  /** jobs running in this process (syncs, closes, imports, exports) */
  runningJobs(): RunningJob[];
  /** absent when nothing owns the context (a bare openAppContext): restore is then refused */
  reopen?: ReopenLedger;
}

const JOB_WORDS: Record<string, string> = { sync: 'A provider sync', close: 'A period close', import: 'A file import', export: 'An invoice export' };

/** Resolves a FileRef to a readable path: uploads by id; paths only outside browser mode. */
export async function resolveFileRef(ref: FileRef, dataDir: string, mode: AppMode): Promise<{ path: string; name: string }> {
  if ('uploadId' in ref) {
    const found = await UploadStore.forDataDir(dataDir).find(ref.uploadId);
    if (found === null) throw new AppError('not_found', 'That upload is gone (uploads are kept for 7 days). Upload the file again.', { field: 'file' });
    return { path: found.path, name: found.meta.name };
  }
  if (mode === 'browser') throw new AppError('forbidden', 'In browser mode, upload the file instead of naming a path.', { field: 'file' });
  return { path: path.resolve(ref.path), name: path.basename(ref.path) };
}

export class RestoreService {
  constructor(private readonly deps: RestoreDeps) {}

  /** Refuses while a job writes to the ledger: the user stops it first. */
  assertIdle(): void {
    const job = this.deps.runningJobs()[0];
    if (job) {
      const what = JOB_WORDS[job.kind] ?? `A ${job.kind} job`;
      throw new AppError('conflict', `${what} is running (job ${job.id}). Wait for it to finish or cancel it, then restore. Nothing was changed.`);
    }
  }

  async restore(source: RestoreSource): Promise<RestoreResult> {
    const { path: file, name } =
      'backupId' in source ? { path: this.deps.backups.pathOf(source.backupId), name: source.backupId } : await resolveFileRef(source.file, this.deps.dataDir, this.deps.mode);
    const { migrated, check, safetyBackup } = await this.replaceWith(file, name);
    return { restoredFrom: name, fromSchemaVersion: check.schemaVersion, schemaVersion: check.schemaVersion + migrated.length, migrated, safetyBackup: safetyBackup ?? '' };
  }

  /**
   * The shared core of restore and workspace import: `file` is checked, staged, optionally prepared
   * (`prepare` may write into the staged copy, e.g. re-sealed credentials; it is checked again after),
   * the current ledger backed up, then swapped. Nothing changes unless every check passed.
   */
  async replaceWith(file: string, name: string, options: { prepare?: (staged: string) => Promise<void> | void; safetyBackup?: boolean } = {}): Promise<{ check: LedgerCheck; migrated: string[]; safetyBackup: string | null }> {
    const reopen = this.deps.reopen;
    if (!reopen) throw new AppError('conflict', 'Restore runs in the Meterbook app or with `meterbook restore FILE`, not through a one-off command.');
    this.assertIdle();
    // a backup Meterbook wrote carries its digest: SQLite has no page checksums, so a flipped byte in a row
    // would pass integrity_check; the digest catches it
    const recorded = BackupStore.recordedDigest(file);
    if (recorded !== null && fileSha256(file) !== recorded) {
      throw new AppError('invalid_input', `${name} cannot be restored: the file changed after it was written (its checksum does not match the one recorded with it), so it may be damaged. Choose another backup. Nothing was changed.`, { field: 'source' });
    }
    const check = checkLedgerFile(file);
    if (!check.ok) throw new AppError('invalid_input', `${name} cannot be restored: ${check.problem}. Nothing was changed.`, { field: 'source' });
    removeStaleStaged(this.deps.dataDir);
    const staged = stagedPath(this.deps.dataDir);
    try {
      try {
        await writeCheckedCopy(file, staged);
        if (options.prepare) {
          await options.prepare(staged);
          const again = checkLedgerFile(staged);
          if (!again.ok) throw new BackupCheckError(again.problem ?? 'unknown problem');
        }
      } catch (err) {
        if (err instanceof BackupCheckError) throw new AppError('invalid_input', `${name} cannot be restored: ${err.reason}. Nothing was changed.`, { field: 'source' });
        throw err;
      }
      const safety = options.safetyBackup === false ? null : await this.deps.backups.create('pre-restore');
      this.assertIdle();
      await reopen(() => swapLedger(this.deps.dataDir, staged));
      this.deps.logger.info('Ledger restored', { from: name, safetyBackup: safety?.id ?? null });
      // pre-restore safety backups are kept to the newest 3 (the folder is not part of the ledger)
      await this.deps.backups.prune();
      const migrated = Object.keys(MIGRATIONS).slice(check.schemaVersion);
      return { check, migrated, safetyBackup: safety?.id ?? null };
    } finally {
      removeQuietly(staged, `${staged}-journal`);
    }
  }
}
