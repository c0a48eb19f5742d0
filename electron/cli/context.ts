// Runs in the CLI. Opens the ledger for one command and always closes it.
import type { AppContext, AppContextOptions, AppMode } from '../services/app-context';
import type { ContextHost } from '../services/context-host';
import { CliFailure, type Invocation } from './command';
import { stderrLogger } from './io';

/** The one set of context options every CLI command opens with (a bare context or a host alike). */
async function contextOptions(inv: Invocation, mode: AppMode): Promise<AppContextOptions> {
  const { stripeEndpointFromEnv } = await import('../services/stripe/stripe-endpoint');
  // test/dev setting: a fake Stripe on 127.0.0.1 (see docs/STRIPE.md)
  const stripeEndpoint = stripeEndpointFromEnv(inv.env);
  return { dataDir: inv.dataDir, mode, version: inv.version, logger: stderrLogger(inv.io), ...(stripeEndpoint ? { stripeEndpoint } : {}) };
}

export async function withAppContext<T>(inv: Invocation, mode: AppMode, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  let ctx: AppContext;
  try {
    // loaded on demand: the ledger, zod and every service are not needed for --help
    const { openAppContext } = await import('../services/app-context');
    ctx = await openAppContext(await contextOptions(inv, mode));
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

/** Like withAppContext, for commands that may replace the ledger (restore, workspace import): the host reopens it. */
export async function withContextHost<T>(inv: Invocation, mode: AppMode, fn: (host: ContextHost) => Promise<T>): Promise<T> {
  let host: ContextHost;
  try {
    const { ContextHost } = await import('../services/context-host');
    host = await ContextHost.open(await contextOptions(inv, mode));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliFailure(`Could not open the Meterbook data in ${inv.dataDir}: ${reason}`);
  }
  try {
    return await fn(host);
  } finally {
    await host.close();
  }
}
