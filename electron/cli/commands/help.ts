// Runs in the CLI. `meterbook help [command]`: the CLI commands and every contract command name.
import { COMMAND_NAMES } from '../../../shared/contract/names';
import { DATA_DIR_ENV, defaultDataDir } from '../../services/data-dir';
import { EXIT, UsageError, type CliCommand } from '../command';

export const helpCommand: CliCommand = {
  name: 'help',
  args: '[command]',
  summary: 'Show this help, or the help of one command',
  options: {},
  async run(inv) {
    const [name] = inv.positionals;
    if (name === undefined) {
      inv.io.out(usageText(inv.commands));
      return EXIT.ok;
    }
    const command = inv.commands.find((c) => c.name === name);
    if (!command) throw new UsageError(`There is no meterbook command "${name}".`);
    inv.io.out(commandHelp(command));
    return EXIT.ok;
  },
};

export function usageText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: meterbook [--data-dir DIR] <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    `  --data-dir DIR  the data folder (default: $${DATA_DIR_ENV}, else ${defaultDataDir()})`,
    '  -h, --help      help (also: meterbook <command> --help)',
    '  -v, --version   the Meterbook version',
    '',
    'Contract commands (meterbook call <name> [json]):',
    ...COMMAND_NAMES.map((n) => `  ${n}`),
    '',
    'Exit codes: 0 done, 1 the command failed, 2 the command line is wrong.',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  return [`Usage: meterbook [--data-dir DIR] ${command.name} ${command.args}`.trimEnd(), '', command.summary, ...(command.details ?? []).map((d) => `  ${d}`), ''].join('\n');
}
