// Runs in main. Takes, lists, deletes and prunes backups of the ledger. One backup at a time per process.
import type { Backup, BackupKind, BackupList, BackupSettings } from '../../../shared/domain/backup';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import { backupFileName } from './backup-names';
import { BackupStore } from './backup-store';
import { BackupCheckError, writeCheckedCopy } from './ledger-copy';
import { automaticKind, DEFAULT_RETENTION, planRetention, type RetentionPolicy } from './retention';

export const AUTOMATIC_EVERY_MS = 24 * 60 * 60 * 1000;

export interface BackupServiceDeps {
  dataDir: string;
  /** the live ledger file (<dataDir>/meterbook.sqlite) */
  ledgerFile: string;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  bus?: EventBus;
  retention?: RetentionPolicy;
}

export class BackupService {
  readonly store: BackupStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: BackupServiceDeps) {
    this.store = new BackupStore(deps.dataDir);
  }

  get folder(): string {
    return this.store.dir;
  }

  /** Runs `fn` after every backup already queued in this process (backups never overlap). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Copies the ledger with the online backup API, checks the copy, and only then records it.
   * A failed check deletes the copy and throws AppError('internal') with the reason.
   */
  create(kind: BackupKind): Promise<Backup> {
    return this.serial(async () => {
      this.store.ensureDir();
      const now = this.deps.clock.now();
      const actualKind = kind === 'daily' || kind === 'weekly' ? automaticKind(now, this.store.list()) : kind;
      let n = 0;
      while (this.store.taken(backupFileName(now, actualKind, n))) n++;
      const id = backupFileName(now, actualKind, n);
      const temp = this.store.tempPath();
      try {
        const { check, sizeBytes, sha256 } = await writeCheckedCopy(this.deps.ledgerFile, temp, { expectSameMigrations: true });
        const backup = this.store.commit(temp, id, {
          kind: actualKind,
          createdAt: now.toISOString(),
          sizeBytes,
          checked: true,
          schemaVersion: check.schemaVersion,
          appVersion: this.deps.appVersion,
          sha256,
        });
        this.deps.logger.info('Backup written', { id, sizeBytes });
        this.deps.bus?.changed('backups');
        return backup;
      } catch (err) {
        if (err instanceof BackupCheckError) {
          this.deps.logger.error('Backup discarded: it failed its check', { reason: err.reason });
          throw new AppError('internal', err.message);
        }
        throw err;
      }
    });
  }

  list(): Backup[] {
    return this.store.list();
  }

  overview(): BackupList {
    const settings = this.store.settings();
    return { folder: this.folder, settings, backups: this.list(), nextAutomaticAt: settings.auto ? this.nextAutomaticAt().toISOString() : null };
  }

  /** The newest automatic backup's time + 24 h (now when there is none). */
  nextAutomaticAt(): Date {
    const last = this.list().find((b) => b.kind === 'daily' || b.kind === 'weekly');
    const now = this.deps.clock.now();
    if (!last) return now;
    const due = new Date(Date.parse(last.createdAt) + AUTOMATIC_EVERY_MS);
    return due < now ? now : due;
  }

  /** The file of a listed backup; not_found for anything else. */
  pathOf(id: string): string {
    if (this.store.get(id) === null) throw new AppError('not_found', `There is no backup ${id} in ${this.folder}. Choose one from the list.`, { field: 'id' });
    return this.store.pathOf(id);
  }

  delete(id: string): { deleted: boolean } {
    if (this.store.get(id) === null) throw new AppError('not_found', `There is no backup ${id}.`, { field: 'id' });
    const deleted = this.store.remove(id);
    this.deps.bus?.changed('backups');
    return { deleted };
  }

  /** Applies the retention policy; returns the deleted ids. */
  prune(): Promise<string[]> {
    return this.serial(async () => {
      const doomed = planRetention(this.store.list(), this.deps.retention ?? DEFAULT_RETENTION);
      for (const id of doomed) this.store.remove(id);
      if (doomed.length > 0) {
        this.deps.logger.info('Old backups removed', { ids: doomed });
        this.deps.bus?.changed('backups');
      }
      return doomed;
    });
  }

  settings(): BackupSettings {
    return this.store.settings();
  }

  updateSettings(settings: BackupSettings): BackupSettings {
    const saved = this.store.saveSettings(settings);
    this.deps.bus?.changed('backups');
    return saved;
  }
}
