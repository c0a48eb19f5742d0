// Runs in the CLI. `meterbook close --period 2026-10`: the period close (invoices.closeStart) as a user runs it
// from a terminal: one draft invoice per billable client, progress on stderr, Ctrl+C cancels (and a re-run resumes).
import type { CommandOutput } from '../../../shared/contract/commands';
import { EXIT, UsageError, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { followJob, periodOption, requireLedger } from '../invoice-options';
import { printFailure } from '../io';

type CloseRun = CommandOutput<'invoices.closeRun'>;

export const closeCommand: CliCommand = {
  name: 'close',
  args: '--period YYYY-MM',
  summary: 'Close a billing period: one draft invoice per billable client',
  details: [
    '--period YYYY-MM  the period to close (YYYY for annual plans)',
    'Drafts that exist are refreshed from the current usage; issued invoices are skipped. Safe to re-run.',
    'Ctrl+C cancels; the drafts made so far are kept and a re-run resumes.',
    'Exits 1 when a client could not be drafted or the run did not finish, 2 on bad arguments.',
  ],
  options: { period: { type: 'string' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`Unexpected argument "${inv.positionals[0]}".`);
    const period = periodOption(inv.values);
    await requireLedger(inv);
    const shutdown = inv.waitForShutdown();
    return withAppContext(inv, 'cli', async (ctx) => {
      const started = await ctx.dispatch('invoices.closeStart', { period });
      if (!started.ok) {
        printFailure(inv.io, 'close', started.error);
        return EXIT.failed;
      }
      const runId = started.data.id;
      const { error } = await followJob(inv, ctx, started.data.jobId, {
        describe: (p) => `Closing ${period}: ${p.current} of ${p.total ?? '?'} clients (${p.step})`,
        onShutdown: { message: 'Stopping: the drafts made so far are kept; run the close again to resume.', cancel: () => ctx.dispatch('invoices.closeCancel', { runId }) },
        shutdown,
      });
      const final = await ctx.dispatch('invoices.closeRun', { runId });
      if (!final.ok) {
        printFailure(inv.io, 'close', final.error);
        return EXIT.failed;
      }
      inv.io.out(formatCloseRun(final.data));
      if (error !== undefined && final.data.status !== 'done') inv.io.err(`meterbook close: ${error}\n`);
      return final.data.status === 'done' && final.data.failures.length === 0 ? EXIT.ok : EXIT.failed;
    });
  },
};

/** "Closed 2026-10: 12 drafts created, 3 updated, 2 skipped (already issued), 1 failed." plus one line per failure. */
export function formatCloseRun(run: CloseRun): string {
  const head = run.status === 'done' ? `Closed ${run.period}` : `Close of ${run.period} ${run.status} after ${run.done} of ${run.total} clients`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const out = [
    `${head}: ${plural(run.created, 'draft', 'drafts')} created, ${run.updated} updated, ${run.skipped} skipped (already issued), ${run.failures.length} failed.`,
    ...run.failures.map((f) => `  failed: ${f.clientName} (client ${f.clientId}): ${f.message}`),
  ];
  if (run.status !== 'done') out.push(`Run "meterbook close --period ${run.period}" again to resume.`);
  return `${out.join('\n')}\n`;
}
