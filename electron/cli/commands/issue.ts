// Runs in the CLI. `meterbook issue --period 2026-10 [--date YYYY-MM-DD]`: issues every draft of a period
// (invoices.issueBatch): gapless numbers, frozen snapshots, prepaid-balance debits. Safe to re-run.
import { EXIT, UsageError, stringOption, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { periodOption, requireLedger } from '../invoice-options';
import { printFailure } from '../io';

export const issueCommand: CliCommand = {
  name: 'issue',
  args: '--period YYYY-MM [--date YYYY-MM-DD]',
  summary: 'Issue every draft invoice of a period (numbers them and freezes them)',
  details: [
    '--period YYYY-MM     the period whose drafts to issue (close it first: meterbook close)',
    '--date YYYY-MM-DD    the issue date (default: today in the agency\'s time zone)',
    'Prints one line per issued document: its number and client. Each is issued in its own transaction,',
    'so a re-run after a crash or a failure issues only what is left.',
    'Exits 1 when a draft could not be issued, 2 on bad arguments.',
  ],
  options: { period: { type: 'string' }, date: { type: 'string' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`Unexpected argument "${inv.positionals[0]}".`);
    const period = periodOption(inv.values);
    const issueDate = stringOption(inv.values, 'date')?.trim();
    await requireLedger(inv);
    const result = await withAppContext(inv, 'cli', (ctx) => ctx.dispatch('invoices.issueBatch', { period, ...(issueDate !== undefined && { issueDate }) }));
    if (!result.ok) {
      printFailure(inv.io, 'issue', { ...result.error, field: result.error.field === 'issueDate' ? 'date' : result.error.field });
      return EXIT.failed;
    }
    const { issued, failed } = result.data;
    if (issued.length === 0 && failed.length === 0) {
      inv.io.out(`No drafts to issue for ${period}. Close the period first: meterbook close --period ${period}\n`);
      return EXIT.ok;
    }
    const width = Math.max(0, ...issued.map((i) => i.number.length));
    for (const i of issued) inv.io.out(`${i.number.padEnd(width)}  ${i.clientName}\n`);
    for (const f of failed) inv.io.err(`meterbook issue: ${f.clientName} (draft ${f.id}) was not issued: ${f.message}\n`);
    inv.io.out(`Issued ${issued.length} of ${issued.length + failed.length} drafts for ${period}.\n`);
    return failed.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
