// Runs in the CLI. `meterbook export --period 2026-10 [--out DIR] [--csv] [--zip] [--decimal-comma] [--bom] [--drafts]`:
// writes a period's PDFs (and CSVs, zip) to a folder through exports.start, and prints the paths written.
import type { CommandInput } from '../../../shared/contract/commands';
import { EXIT, UsageError, stringOption, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { followJob, periodOption, requireLedger } from '../invoice-options';
import { printFailure } from '../io';

export const exportCommand: CliCommand = {
  name: 'export',
  args: '--period YYYY-MM [--out DIR] [--csv] [--zip] [--decimal-comma] [--bom] [--drafts]',
  summary: "Write a period's invoice PDFs (and CSVs, a zip) to a folder for the accountant",
  details: [
    '--period YYYY-MM   the period to export (issued, paid and void documents; credit notes too)',
    '--out DIR          the folder (created if needed; default: <data folder>/exports/<period>)',
    '--csv              also invoices.csv and invoice-lines.csv (columns: docs/EXPORTS.md)',
    '--zip              also "<period> invoices.zip" holding every file written',
    '--decimal-comma    CSV numbers as 1234,50 with ; between fields',
    '--bom              start the CSVs with a UTF-8 byte-order mark (for Excel)',
    '--drafts           include the drafts, watermarked DRAFT',
    'Prints the path of every file written, one a line (the zip last). Ctrl+C cancels; files written so far are complete.',
    'Exits 1 when the export cannot be written (the folder is a file, no permission, disk full), 2 on bad arguments.',
  ],
  options: {
    period: { type: 'string' },
    out: { type: 'string', short: 'o' },
    csv: { type: 'boolean' },
    zip: { type: 'boolean' },
    'decimal-comma': { type: 'boolean' },
    bom: { type: 'boolean' },
    drafts: { type: 'boolean' },
  },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`Unexpected argument "${inv.positionals[0]}".`);
    const period = periodOption(inv.values);
    const out = stringOption(inv.values, 'out')?.trim();
    if (out === '') throw new UsageError('--out needs a folder, e.g. --out ~/Desktop/invoices-2026-10');
    const path = await import('node:path');
    const input: CommandInput<'exports.start'> & { includeDrafts: boolean } = {
      period,
      ...(out !== undefined && { outDir: path.resolve(inv.cwd, out) }),
      csv: inv.values.csv === true,
      zip: inv.values.zip === true,
      decimalComma: inv.values['decimal-comma'] === true,
      bom: inv.values.bom === true,
      includeDrafts: inv.values.drafts === true,
    };
    await requireLedger(inv);
    const shutdown = inv.waitForShutdown();
    return withAppContext(inv, 'cli', async (ctx) => {
      const started = await ctx.dispatch('exports.start', input);
      if (!started.ok) {
        printFailure(inv.io, 'export', { ...started.error, field: started.error.field === 'outDir' ? 'out' : started.error.field });
        return EXIT.failed;
      }
      const { jobId } = started.data;
      await followJob(inv, ctx, jobId, {
        describe: (p) => `Exporting ${period}: ${p.step}`,
        onShutdown: { message: 'Stopping the export: the files written so far are complete.', cancel: async () => ctx.jobs.cancel(jobId) },
        shutdown,
      });
      const result = await ctx.dispatch('exports.result', { jobId });
      if (!result.ok) {
        printFailure(inv.io, 'export', { message: result.error.message });
        return EXIT.failed;
      }
      const r = result.data;
      for (const f of r.files) inv.io.out(`${path.join(r.outDir, f.name)}\n`);
      if (r.zip !== null) inv.io.out(`${path.join(r.outDir, r.zip)}\n`);
      const count = r.files.length + (r.zip === null ? 0 : 1);
      inv.io.err(`Exported ${r.documents} ${r.documents === 1 ? 'document' : 'documents'} of ${period} (${count} ${count === 1 ? 'file' : 'files'}) to ${r.outDir}.\n`);
      if (r.documents === 0) inv.io.err(`There are no ${input.includeDrafts ? '' : 'issued '}documents for ${period}${input.includeDrafts ? '' : ' (issue them with meterbook issue, or pass --drafts)'}.\n`);
      return EXIT.ok;
    });
  },
};
