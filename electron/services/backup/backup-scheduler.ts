// Runs in main. The automatic daily backup while the app runs (Electron and browser mode, never the CLI):
// a check at start and every hour; a backup is taken when the newest automatic one is 24 h old or more.
// Decisions use the injected clock, so tests drive days and weeks by calling tick().
import type { Backup } from '../../../shared/domain/backup';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { AUTOMATIC_EVERY_MS, type BackupService } from './backup-service';

export const CHECK_EVERY_MS = 60 * 60 * 1000;

export interface TickResult {
  backup: Backup | null;
  pruned: string[];
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | null = null;

  constructor(
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = CHECK_EVERY_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.backups.store.removeLeftovers();
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
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
