// Runs in main. Owns the AppContext of a long-running host (the Electron app, `meterbook serve`, the CLI
// `restore` and `workspace import` commands) so a restore can replace the ledger under it: callers hold a
// stable `dispatch` and `bus`; `reopen` waits for other requests to finish, holds new ones, closes the
// context (timers, jobs, ledger), runs the swap, and opens a fresh context over the file now in place.
import type { Result } from '../../shared/contract/result';
import type { Dispatch } from '../ipc/dispatcher';
import { openAppContext, type AppContext, type AppContextOptions } from './app-context';
import { EventBus } from './event-bus';
import { AppError } from './errors';

const SETTLE_TIMEOUT_MS = 30_000;

export class ContextHost {
  readonly bus = new EventBus();
  private ctx: AppContext | null = null;
  private gate: Promise<void> | null = null;
  private inflight = 0;
  private background = false;
  private broken: string | null = null;

  private constructor(private readonly options: AppContextOptions) {}

  /** Opens the first context. */
  static async open(options: AppContextOptions): Promise<ContextHost> {
    const host = new ContextHost(options);
    host.ctx = await host.build();
    return host;
  }

  private build(): Promise<AppContext> {
    return openAppContext({ ...this.options, bus: this.bus, reopen: (swap) => this.reopen(swap) });
  }

  /** The context of the moment; do not keep it across a restore. */
  get current(): AppContext {
    if (this.ctx === null) throw new Error(this.broken ?? 'Meterbook is closed.');
    return this.ctx;
  }

  /** What the bridge needs for uploads. */
  get deps(): { dataDir: string } {
    return { dataDir: this.options.dataDir };
  }

  readonly dispatch = (async (name: string, input: unknown): Promise<Result<unknown>> => {
    while (this.gate) await this.gate;
    if (this.ctx === null) {
      return { ok: false, error: { code: 'internal', message: this.broken ?? 'Meterbook is closed.' } };
    }
    this.inflight++;
    try {
      return await this.ctx.dispatch(name, input);
    } finally {
      this.inflight--;
    }
  }) as Dispatch;

  startBackground(): void {
    this.background = true;
    this.ctx?.startBackground();
  }

  async close(): Promise<void> {
    const ctx = this.ctx;
    this.ctx = null;
    this.broken = 'Meterbook is closed.';
    await ctx?.close();
  }

  /**
   * Replaces the ledger under every service. Called from inside a command (a restore), which is
   * itself one of the requests in flight: the others get up to 30 s to finish, new ones wait.
   */
  private async reopen<T>(swap: () => Promise<T> | T): Promise<T> {
    if (this.gate) throw new AppError('conflict', 'A restore is already running.');
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    try {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (this.inflight > 1) {
        if (Date.now() > deadline) throw new AppError('conflict', 'Meterbook is busy with another request; try the restore again in a moment. Nothing was changed.');
        await new Promise((r) => setTimeout(r, 20));
      }
      const old = this.current;
      await old.close();
      this.ctx = null;
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: await swap() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      try {
        this.ctx = await this.build();
      } catch (err) {
        this.broken = `Meterbook could not reopen its ledger after the restore: ${err instanceof Error ? err.message : String(err)}. Restart Meterbook.`;
        throw new AppError('internal', this.broken);
      }
      if (this.background) this.ctx.startBackground();
      // every screen reads again from the ledger now in place
      const tables = (this.ctx.ledger.raw.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as Array<{ name: string }>).map((r) => r.name);
      this.bus.changed(...tables, 'backups');
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    } finally {
      this.gate = null;
      release();
    }
  }
}
