// Runs in the CLI. `meterbook backup`: a manual backup of the ledger now (online backup API, checked before
// it counts), written to <dataDir>/backups. Safe while the app or `meterbook serve` runs on the same folder.
import type { CommandOutput } from '../../../shared/contract/commands';
import { EXIT, UsageError, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { requireLedger } from '../invoice-options';
import { printFailure, printJson } from '../io';

export const formatSize = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

export const formatBackup = (b: CommandOutput<'backups.create'>): string => `${b.id}  ${b.kind}  ${formatSize(b.sizeBytes)}  ${b.checked ? 'checked' : 'NOT checked'}`;

export const backupCommand: CliCommand = {
  name: 'backup',
  args: '[--json]',
  summary: 'Back up the ledger now (checked with integrity_check before it counts)',
  details: [
    'Writes <data-dir>/backups/meterbook-<UTC time>-manual.sqlite; manual backups are kept until deleted.',
    '--json   the backups.create output',
    'Exits 1 when the copy fails its check (the copy is deleted and the reason printed).',
  ],
  options: { json: { type: 'boolean' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`backup takes no arguments (got "${inv.positionals[0]}").`);
    await requireLedger(inv);
    return withAppContext(inv, 'cli', async (ctx) => {
      const r = await ctx.dispatch('backups.create', {});
      if (!r.ok) {
        printFailure(inv.io, 'backup', r.error);
        return EXIT.failed;
      }
      if (inv.values.json === true) printJson(inv.io, r.data);
      else inv.io.out(`${formatBackup(r.data)}\n`);
      return EXIT.ok;
    });
  },
};
