// Runs in main. Composition of the backup services over one AppContext (docs/BACKUPS.md).
import type { AppContextDeps } from '../app-deps';
import type { AppMode } from '../app-context';
import { BackupScheduler } from './backup-scheduler';
import { BackupService } from './backup-service';
import type { ReopenLedger } from './reopen';
import { RestoreService } from './restore-service';
import { WorkspaceService } from './workspace-service';

export interface BackupServices {
  backups: BackupService;
  /** null in the CLI: one-shot commands never take automatic backups */
  scheduler: BackupScheduler | null;
  restore: RestoreService;
  workspace: WorkspaceService;
}

export function createBackupServices(deps: AppContextDeps, options: { mode: AppMode; appVersion: string; reopen?: ReopenLedger | undefined }): BackupServices {
  const backups = new BackupService({ dataDir: deps.dataDir, ledgerFile: deps.ledger.file, clock: deps.clock, logger: deps.logger, appVersion: options.appVersion, bus: deps.bus });
  const restore = new RestoreService({
    dataDir: deps.dataDir,
    mode: options.mode,
    backups,
    logger: deps.logger,
    runningJobs: () => deps.jobs.running(),
    ...(options.reopen ? { reopen: options.reopen } : {}),
  });
  const count = async (table: 'clients' | 'provider_accounts' | 'usage_events' | 'invoices') =>
    Number((await deps.ledger.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const workspace = new WorkspaceService({
    dataDir: deps.dataDir,
    ledgerFile: deps.ledger.file,
    mode: options.mode,
    clock: deps.clock,
    appVersion: options.appVersion,
    secrets: deps.secrets,
    restore,
    hasData: async () => ({ clients: await count('clients'), providers: await count('provider_accounts'), events: await count('usage_events'), invoices: await count('invoices') }),
  });
  return { backups, scheduler: options.mode === 'cli' ? null : new BackupScheduler(backups, deps.clock, deps.logger), restore, workspace };
}
