// Runs in main. The automatic daily backup while the app runs (Electron and browser mode, never the CLI):
// a check a few seconds after start and then every hour; a backup is taken when the newest automatic one is 24 h old or more.
// Decisions use the injected clock, so tests drive days and weeks by calling tick().
import type { Backup } from '../../../shared/domain/backup';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { AUTOMATIC_EVERY_MS, type BackupService } from './backup-service';

export const CHECK_EVERY_MS = 60 * 60 * 1000;
/**
 * The first check waits a few seconds after start: copying and checking a large ledger (120 MB for a quarter of
 * 1M events) competes with the app's first screen, and integrity_check runs on the main thread.
 */
export const FIRST_CHECK_AFTER_MS = 5_000;

export interface TickResult {
  backup: Backup | null;
  pruned: string[];
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | null = null;

  constructor(
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = CHECK_EVERY_MS,
    private readonly firstCheckAfterMs = FIRST_CHECK_AFTER_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.backups.store.removeLeftovers();
    this.first = setTimeout(() => void this.tick(), this.firstCheckAfterMs);
    this.first.unref();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    this.timer = undefined;
    this.first = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One check: back up if due, then prune. Never throws (a failed backup is logged and retried next hour). */
  tick(): Promise<TickResult> {
    this.running ??= this.check().finally(() => (this.running = null));
    return this.running;
  }

  private async check(): Promise<TickResult> {
    try {
      if (!this.backups.settings().auto) return { backup: null, pruned: [] };
      const last = this.backups.list().find((b) => b.kind === 'daily' || b.kind === 'weekly');
      const due = last === undefined || this.clock.now().getTime() - Date.parse(last.createdAt) >= AUTOMATIC_EVERY_MS;
      if (!due) return { backup: null, pruned: [] };
      const backup = await this.backups.create('daily');
      const pruned = await this.backups.prune();
      return { backup, pruned };
    } catch (err) {
      this.logger.error('The automatic backup failed; it will be tried again within the hour', { error: err instanceof Error ? err.message : String(err) });
      return { backup: null, pruned: [] };
    }
  }
}
