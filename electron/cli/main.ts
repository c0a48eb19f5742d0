// Runs in the CLI (plain Node 22, loaded through tsx by bin/meterbook.mjs).
// meterbook [--data-dir DIR] <command> [options]: global options, then one command from the registry.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { DataDirError, defaultDataDir, resolveDataDir } from '../services/data-dir';
import { CliFailure, EXIT, UsageError, stringOption, type CliCommand, type Invocation } from './command';
import { commandHelp, usageText } from './commands/help';
import { processIo, type CliIo } from './io';
import { readVersion, REPO_ROOT } from './paths';
import { CLI_COMMANDS } from './registry';

export interface CliRuntime {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  waitForShutdown(): Promise<string>;
}

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsOptionsConfig;

/** Options every command accepts after its name too. */
const COMMON_OPTIONS = { 'data-dir': GLOBAL_OPTIONS['data-dir'], help: GLOBAL_OPTIONS.help } as const satisfies ParseArgsOptionsConfig;

/** Runs the CLI and returns the exit code. */
export async function runCli(argv: readonly string[], runtime: CliRuntime = processRuntime(), commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  const { io } = runtime;
  let command: CliCommand | undefined;
  try {
    const { global, name, rest } = splitGlobal(argv);
    if (global.version === true) {
      io.out(`${readVersion()}\n`);
      return EXIT.ok;
    }
    if (name === undefined) {
      if (global.help === true) {
        io.out(usageText(commands));
        return EXIT.ok;
      }
      io.err(usageText(commands));
      return EXIT.usage;
    }
    command = commands.find((c) => c.name === name);
    if (!command) throw new UsageError(`There is no meterbook command "${name}".`);

    const { values, positionals } = parseArgs({ args: [...rest], options: { ...command.options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true });
    if (values.help === true || (global.help === true && command.name !== 'help')) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    const dataDirFlag = stringOption(values, 'data-dir') ?? stringOption(global, 'data-dir');
    const inv: Invocation = {
      positionals,
      values,
      io,
      env: runtime.env,
      cwd: runtime.cwd,
      dataDir: resolveDataDir({ argv: dataDirFlag !== undefined ? [`--data-dir=${dataDirFlag}`] : [], env: runtime.env, defaultDir: defaultDataDir(), cwd: runtime.cwd }),
      repoRoot: REPO_ROOT,
      version: readVersion(),
      commands,
      waitForShutdown: runtime.waitForShutdown,
    };
    return await command.run(inv);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DataDirError || isParseArgsError(err)) {
      io.err(`meterbook: ${(err as Error).message}\n`);
      io.err(command ? `Usage: meterbook [--data-dir DIR] ${command.name} ${command.args}`.trimEnd() + '\n' : 'Run "meterbook help" for the list of commands.\n');
      return EXIT.usage;
    }
    if (err instanceof CliFailure) {
      io.err(`meterbook${command ? ` ${command.name}` : ''}: ${err.message}\n`);
      return EXIT.failed;
    }
    io.err(`meterbook: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failed;
  }
}

/** Splits "[global options] <command> [command args]" at the first positional argument. */
function splitGlobal(argv: readonly string[]) {
  const { tokens } = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const first = tokens.find((t) => t.kind === 'positional' || t.kind === 'option-terminator');
  const cut = first?.index ?? argv.length;
  const { values: global } = parseArgs({ args: argv.slice(0, cut), options: GLOBAL_OPTIONS, allowPositionals: false, strict: true });
  const after = first?.kind === 'option-terminator' ? argv.slice(cut + 1) : argv.slice(cut);
  return { global, name: after[0], rest: after.slice(1) };
}

const isParseArgsError = (err: unknown): boolean => err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS_');

export function processRuntime(): CliRuntime {
  let shutdown: Promise<string> | undefined;
  return {
    io: processIo,
    env: process.env,
    cwd: process.cwd(),
    waitForShutdown: () =>
      (shutdown ??= new Promise((resolve) => {
        // stays installed: a second Ctrl+C (or the signal forwarded by the bin's Node 20 parent)
        // must not kill the process while it closes the ledger
        const onSignal = (signal: string) => resolve(signal);
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        process.on('SIGHUP', onSignal);
      })),
  };
}
