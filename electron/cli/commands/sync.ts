// Runs in the CLI. `meterbook sync [--account ID]`: pulls usage from provider APIs now, with live progress.
import type { IngestJob } from '../../../shared/domain/ingest';
import { connectorFor } from '../../ingest/connectors';
import { CliFailure, EXIT, integerOption, type CliCommand } from '../command';
import { withAppContext } from '../context';

export const syncCommand: CliCommand = {
  name: 'sync',
  args: '[--account ID]',
  summary: 'Pull usage from provider APIs now (every API account, or one)',
  details: [
    '--account ID  only this provider account (see: meterbook call providers.list)',
    'Resumes from each account\'s saved position; prints one line per account; exits 1 if any sync did not finish.',
  ],
  options: { account: { type: 'string' } },
  async run(inv) {
    const only = integerOption(inv.values, 'account', 1, Number.MAX_SAFE_INTEGER);
    return withAppContext(inv, 'cli', async (ctx) => {
      const accounts = (await ctx.services.catalog.providers()).filter((p) => (only === undefined ? !p.archived && connectorFor(p.kind) : p.id === only));
      if (only !== undefined && accounts.length === 0) throw new CliFailure(`There is no provider account ${only}.`);
      if (accounts.length === 0) {
        inv.io.out('No provider accounts with an API to sync. Add one in the app, or import usage from a file.\n');
        return EXIT.ok;
      }
      let failed = 0;
      for (const a of accounts) {
        let started: { jobId: string; id: number };
        try {
          started = await ctx.services.sync.start(a.id, 'user');
        } catch (err) {
          inv.io.err(`${a.name}: ${err instanceof Error ? err.message : String(err)}\n`);
          failed += 1;
          continue;
        }
        const stop = ctx.bus.subscribe((name, payload) => {
          const p = payload as { jobId?: string; step?: string; counters?: Record<string, number>; done?: boolean };
          if (name === 'job.progress' && p.jobId === started.jobId && !p.done && p.counters) {
            inv.io.err(`${a.name}: ${p.step} (${p.counters.fetched ?? 0} fetched, ${p.counters.inserted ?? 0} new)\n`);
          }
        });
        await ctx.services.sync.waitFor(started.jobId);
        stop();
        const job: IngestJob = ctx.services.sync.detail({ id: started.id, rejectionsLimit: 0 }).job;
        const summary = `${job.pages} pages, ${job.fetched} records, ${job.inserted} new, ${job.duplicates} already had, ${job.replaced} revised, ${job.rejected} rejected`;
        if (job.status === 'succeeded') inv.io.out(`${a.name}: synced (${summary}).\n`);
        else {
          failed += 1;
          inv.io.out(`${a.name}: ${job.status} (${summary}). ${job.error ?? ''}\n`);
        }
      }
      return failed > 0 ? EXIT.failed : EXIT.ok;
    });
  },
};
