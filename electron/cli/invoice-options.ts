// Runs in the CLI. What `meterbook close`, `issue` and `export` share: the --period option, the check that a
// data folder exists, and following a job (progress on stderr, Ctrl+C cancels it) until it ends.
import type { AppContext } from '../services/app-context';
import { CliFailure, UsageError, stringOption, type Invocation, type OptionValues } from './command';

/** --period YYYY-MM (or YYYY for annual plans); UsageError when missing or malformed. */
export function periodOption(values: OptionValues): string {
  const period = stringOption(values, 'period')?.trim();
  if (period === undefined || period === '') throw new UsageError('--period is required, e.g. --period 2026-10 (or 2026 for annual plans).');
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) throw new UsageError(`--period must look like 2026-10, or 2026 for annual plans (got "${period}").`);
  return period;
}

/** Fails (exit 1) before creating anything when the data folder holds no ledger. */
export async function requireLedger(inv: Invocation): Promise<void> {
  const [{ LEDGER_FILE }, fs, path] = await Promise.all([import('../db/open-database'), import('node:fs'), import('node:path')]);
  if (!fs.existsSync(path.join(inv.dataDir, LEDGER_FILE))) {
    throw new CliFailure(`There is no Meterbook data in ${inv.dataDir}. Pass --data-dir, or load the demo first (meterbook demo).`);
  }
}

export interface FollowOptions {
  /** a progress line for stderr, or null to print nothing for this event */
  describe(p: { step: string; current: number; total: number | null }): string | null;
  /** what Ctrl+C does (cancel the job); its message is printed first */
  onShutdown: { message: string; cancel(): Promise<unknown> };
  shutdown: Promise<string>;
  /** at most one progress line per this many ms (default 1000) */
  everyMs?: number;
}

/** Waits for job `jobId` to end, printing throttled progress; resolves with the final event's error, if any. */
export async function followJob(inv: Invocation, ctx: AppContext, jobId: string, options: FollowOptions): Promise<{ error: string | undefined }> {
  let last = 0;
  let error: string | undefined;
  const stop = ctx.bus.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const p = payload as { jobId: string; step: string; current: number; total: number | null; done: boolean; error?: string };
    if (p.jobId !== jobId) return;
    if (p.done) {
      error = p.error;
      return;
    }
    const now = Date.now();
    if (now - last < (options.everyMs ?? 1000)) return;
    last = now;
    const line = options.describe(p);
    if (line !== null) inv.io.err(`${line}\n`);
  });
  let finished = false;
  void options.shutdown.then(async () => {
    if (finished) return;
    inv.io.err(`${options.onShutdown.message}\n`);
    await options.onShutdown.cancel();
  });
  try {
    await ctx.jobs.wait(jobId);
  } finally {
    finished = true;
    stop();
  }
  return { error };
}
