// Runs in the CLI. `meterbook workspace export FILE` / `meterbook workspace import FILE`: the whole workspace
// in one file for moving to a new laptop. The passphrase that seals provider keys and the Stripe key is read
// from stdin (--passphrase-stdin) or METERBOOK_WORKSPACE_PASSPHRASE, never from an argument (shell history).
import fs from 'node:fs';
import path from 'node:path';
import { CliFailure, EXIT, UsageError, type CliCommand, type Invocation } from '../command';
import { withAppContext, withContextHost } from '../context';
import { requireLedger } from '../invoice-options';
import { printFailure, printJson } from '../io';
import { formatSize } from './backup';

export const PASSPHRASE_ENV = 'METERBOOK_WORKSPACE_PASSPHRASE';

function passphrase(inv: Invocation): string | undefined {
  if (inv.values['passphrase-stdin'] === true) {
    const text = fs.readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (text === '') throw new UsageError('--passphrase-stdin: stdin was empty.');
    return text;
  }
  const env = inv.env[PASSPHRASE_ENV];
  return env !== undefined && env !== '' ? env : undefined;
}

export const workspaceCommand: CliCommand = {
  name: 'workspace',
  args: 'export FILE | import FILE [--replace] [--passphrase-stdin] [--json]',
  summary: 'Move Meterbook to another computer: one file with the ledger and (sealed) credentials',
  details: [
    'export FILE         writes a zip: manifest, a checked backup of the ledger (invoice logos included) and,',
    '                    with a passphrase, the provider keys and Stripe key sealed under it (scrypt + AES-256-GCM).',
    '                    Without a passphrase the keys are left out and the accounts that need them are listed.',
    'import FILE         into an empty data folder (or with --replace: a safety backup of the current ledger first)',
    '--passphrase-stdin  read the passphrase from stdin (or set METERBOOK_WORKSPACE_PASSPHRASE)',
    '--replace           confirm that the data in this folder is replaced',
  ],
  options: { json: { type: 'boolean' }, replace: { type: 'boolean' }, 'passphrase-stdin': { type: 'boolean' } },
  async run(inv) {
    const [sub, file, extra] = inv.positionals;
    if (sub !== 'export' && sub !== 'import') {
      throw new UsageError(sub === undefined ? 'Say what to do: meterbook workspace export FILE or meterbook workspace import FILE.' : `Unknown workspace action "${sub}" (expected export or import).`);
    }
    if (file === undefined) throw new UsageError(`Name the file: meterbook workspace ${sub} FILE.`);
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const target = path.resolve(inv.cwd, file);
    const secret = passphrase(inv);
    if (sub === 'export') {
      if (inv.values.replace === true) throw new UsageError('--replace is for import.');
      await requireLedger(inv);
      if (fs.existsSync(target)) throw new CliFailure(`${target} exists already; choose a new file name.`);
      const { Passphrase } = await import('../../../shared/domain/backup');
      if (secret !== undefined) {
        const checked = Passphrase.safeParse(secret);
        if (!checked.success) throw new CliFailure(checked.error.issues[0]!.message);
      }
      return withAppContext(inv, 'cli', async (ctx) => {
        const r = await ctx.services.backup.workspace.export({ passphrase: secret, dest: target });
        if (inv.values.json === true) printJson(inv.io, r);
        else {
          inv.io.out(`${r.file}  ${formatSize(r.sizeBytes)}\n`);
          if (r.secrets === 'sealed') inv.io.err('Provider keys and the Stripe key are sealed under your passphrase: you need it to import.\n');
          for (const what of r.reenter) inv.io.err(`Not in the file, enter its key again after import: ${what}\n`);
        }
        return EXIT.ok;
      });
    }
    if (!fs.existsSync(target)) throw new CliFailure(`There is no file ${target}.`);
    return withContextHost(inv, 'cli', async (host) => {
      const r = await host.dispatch('workspace.import', { file: { path: target }, replace: inv.values.replace === true, ...(secret !== undefined ? { passphrase: secret } : {}) });
      if (!r.ok) {
        const hint = r.error.field === 'passphrase' ? ` Pass it with --passphrase-stdin or ${PASSPHRASE_ENV}.` : r.error.field === 'replace' ? ' Add --replace to confirm.' : '';
        printFailure(inv.io, `workspace import`, { message: `${r.error.message}${hint}` });
        return EXIT.failed;
      }
      if (inv.values.json === true) printJson(inv.io, r.data);
      else {
        inv.io.out(`Imported the workspace exported ${r.data.createdAt} by Meterbook ${r.data.appVersion} (schema ${r.data.schemaVersion}).\n`);
        if (r.data.safetyBackup) inv.io.err(`The replaced ledger is kept as backups/${r.data.safetyBackup}.\n`);
        for (const what of r.data.reenter) inv.io.err(`Enter its key again: ${what}\n`);
      }
      return EXIT.ok;
    });
  },
};
