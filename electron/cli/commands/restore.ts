// Runs in the CLI. `meterbook restore FILE`: checks FILE (integrity_check, a Meterbook ledger, not newer than
// this app), backs up the current ledger (pre-restore), swaps FILE in (kill-safe) and migrates it.
import path from 'node:path';
import { CliFailure, EXIT, UsageError, type CliCommand } from '../command';
import { withContextHost } from '../context';
import { printFailure, printJson } from '../io';

export const restoreCommand: CliCommand = {
  name: 'restore',
  args: 'FILE [--json]',
  summary: 'Replace the ledger with a backup (checked first; the current ledger is backed up before)',
  details: [
    'FILE     a backup, e.g. <data-dir>/backups/meterbook-2026-11-22T030000Z-daily.sqlite (see meterbook backups)',
    '--json   the backups.restore output',
    'Refused, with nothing changed, when FILE fails its check, was written by a newer Meterbook, or another',
    'Meterbook process (the app, meterbook serve) has the data folder open. A kill at any point leaves either',
    'the old ledger or the restored one, never a mix.',
  ],
  options: { json: { type: 'boolean' } },
  async run(inv) {
    const [file, extra] = inv.positionals;
    if (file === undefined) throw new UsageError('Name the backup file to restore: meterbook restore FILE.');
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const source = path.resolve(inv.cwd, file);
    const fs = await import('node:fs');
    if (!fs.existsSync(source)) throw new CliFailure(`There is no file ${source}.`);
    return withContextHost(inv, 'cli', async (host) => {
      const r = await host.dispatch('backups.restore', { source: { file: { path: source } }, confirm: true });
      if (!r.ok) {
        printFailure(inv.io, 'restore', r.error);
        return EXIT.failed;
      }
      if (inv.values.json === true) printJson(inv.io, r.data);
      else {
        inv.io.out(`Restored ${r.data.restoredFrom} (schema ${r.data.fromSchemaVersion}${r.data.migrated.length > 0 ? `, migrated to ${r.data.schemaVersion}` : ''}).\n`);
        inv.io.err(`The ledger as it was before is kept as backups/${r.data.safetyBackup}.\n`);
      }
      return EXIT.ok;
    });
  },
};
