// Runs in the CLI. `meterbook backups`: the checked backups in <dataDir>/backups, newest first.
import { EXIT, UsageError, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { requireLedger } from '../invoice-options';
import { printFailure, printJson } from '../io';
import { formatBackup } from './backup';

export const backupsCommand: CliCommand = {
  name: 'backups',
  args: '[--json]',
  summary: 'List the backups (newest first) and the backups folder',
  details: ['--json   the backups.list output', 'Restore one with: meterbook restore <data-dir>/backups/<id>'],
  options: { json: { type: 'boolean' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`backups takes no arguments (got "${inv.positionals[0]}").`);
    await requireLedger(inv);
    return withAppContext(inv, 'cli', async (ctx) => {
      const r = await ctx.dispatch('backups.list', {});
      if (!r.ok) {
        printFailure(inv.io, 'backups', r.error);
        return EXIT.failed;
      }
      if (inv.values.json === true) {
        printJson(inv.io, r.data);
        return EXIT.ok;
      }
      for (const b of r.data.backups) inv.io.out(`${formatBackup(b)}\n`);
      inv.io.err(
        `${r.data.backups.length} backup(s) in ${r.data.folder}; automatic daily backups are ${r.data.settings.auto ? 'on (while the app runs)' : 'off'}.\n`,
      );
      return EXIT.ok;
    });
  },
};
