// Runs in the CLI. Opens the ledger for one command and always closes it.
import type { AppContext, AppMode } from '../services/app-context';
import { CliFailure, type Invocation } from './command';
import { stderrLogger } from './io';

export async function withAppContext<T>(inv: Invocation, mode: AppMode, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  let ctx: AppContext;
  try {
    // loaded on demand: the ledger, zod and every service are not needed for --help
    const { openAppContext } = await import('../services/app-context');
    ctx = await openAppContext({ dataDir: inv.dataDir, mode, version: inv.version, logger: stderrLogger(inv.io) });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliFailure(`Could not open the Meterbook data in ${inv.dataDir}: ${reason}`);
  }
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
