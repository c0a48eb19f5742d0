// Runs in the CLI. `meterbook call <command> [json]`: any contract command, headless.
import { COMMAND_NAMES } from '../../../shared/contract/names';
import { EXIT, UsageError, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { printErrorJson, printJson } from '../io';

const EXAMPLE = `meterbook call clients.create '{"name":"Acme","currency":"USD"}'`;

export const callCommand: CliCommand = {
  name: 'call',
  args: '<command> [json]',
  summary: 'Run one contract command and print its data as JSON (input defaults to {})',
  details: [
    `Example: ${EXAMPLE}`,
    'Prints the data on stdout and exits 0; on failure prints {"error":{code,message,field?}} on stderr and exits 1.',
    'Run "meterbook help" for the list of contract commands.',
  ],
  options: {},
  async run(inv) {
    const [name, json, ...extra] = inv.positionals;
    if (name === undefined) throw new UsageError('Name the command to run, e.g. meterbook call app.info');
    if (extra.length > 0) throw new UsageError(`Pass the input as one JSON argument (quote it), e.g. ${EXAMPLE}`);
    const input = parseInput(json);

    if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
      // answered before the ledger is opened, so a typo never creates a data folder
      printErrorJson(inv.io, { code: 'unknown_command', message: `There is no command named "${name}". Run "meterbook help" to list them.` });
      return EXIT.failed;
    }
    const result = await withAppContext(inv, 'cli', (ctx) => ctx.dispatch(name, input));
    if (!result.ok) {
      printErrorJson(inv.io, result.error);
      return EXIT.failed;
    }
    printJson(inv.io, result.data);
    return EXIT.ok;
  },
};

function parseInput(json: string | undefined): unknown {
  if (json === undefined || json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new UsageError(`The input is not valid JSON (${reason}). Quote it for your shell, e.g. ${EXAMPLE}`);
  }
}
