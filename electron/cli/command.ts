// Runs in the CLI (plain Node). What one `meterbook <name>` command is. Adding a command is a new
// file under commands/ exporting a CliCommand, plus one line in registry.ts.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliIo } from './io';

/** Exit codes every command uses. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export interface Invocation {
  readonly positionals: readonly string[];
  /** parsed options (the command's own, plus the global ones) */
  readonly values: OptionValues;
  readonly io: CliIo;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** absolute: --data-dir, else METERBOOK_DATA_DIR, else the desktop app's folder */
  readonly dataDir: string;
  readonly repoRoot: string;
  readonly version: string;
  /** every registered command (for help) */
  readonly commands: readonly CliCommand[];
  /** resolves on the first SIGINT/SIGTERM; later ones are ignored while shutting down */
  waitForShutdown(): Promise<string>;
}

export interface CliCommand {
  readonly name: string;
  /** arguments after the name, e.g. "<command> [json]" */
  readonly args: string;
  /** one line for the command list */
  readonly summary: string;
  /** more lines for `meterbook help <name>` */
  readonly details?: readonly string[];
  /** the command's options for node:util parseArgs (--data-dir and --help are added) */
  readonly options: ParseArgsOptionsConfig;
  run(inv: Invocation): Promise<number>;
}

/** The command line is wrong: the message is printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its job for a reason the user can act on: message printed, exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** An integer option within [min, max], or undefined when absent; UsageError otherwise. */
export function integerOption(values: OptionValues, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}
