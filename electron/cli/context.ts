// Runs in the CLI. Opens the ledger for one command and always closes it.
import type { AppContext, AppMode } from '../services/app-context';
import type { ContextHost } from '../services/context-host';
import { CliFailure, type Invocation } from './command';
import { stderrLogger } from './io';

export async function withAppContext<T>(inv: Invocation, mode: AppMode, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  let ctx: AppContext;
  try {
    // loaded on demand: the ledger, zod and every service are not needed for --help
    const { openAppContext } = await import('../services/app-context');
    const { stripeEndpointFromEnv } = await import('../services/stripe/stripe-endpoint');
    // test/dev setting: a fake Stripe on 127.0.0.1 (see docs/STRIPE.md)
    const stripeEndpoint = stripeEndpointFromEnv(inv.env);
    ctx = await openAppContext({ dataDir: inv.dataDir, mode, version: inv.version, logger: stderrLogger(inv.io), ...(stripeEndpoint ? { stripeEndpoint } : {}) });
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
    host = await ContextHost.open({ dataDir: inv.dataDir, mode, version: inv.version, logger: stderrLogger(inv.io) });
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
