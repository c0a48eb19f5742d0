// Runs in main (Electron, the CLI, the bridge). Where the ledger lives: `--data-dir DIR` (or
// `--data-dir=DIR`) wins, then METERBOOK_DATA_DIR, then the platform default. No electron import:
// the default below is computed the way Electron computes app.getPath('userData') for the
// product name "Meterbook", so the CLI and the desktop app open the same ledger.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Meterbook';
export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'METERBOOK_DATA_DIR';

export interface ResolveDataDirOptions {
  /** command-line arguments to scan (e.g. process.argv); only `--data-dir` is looked at */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** used when neither the flag nor the variable is set */
  defaultDir: string;
  /** base for relative paths; defaults to process.cwd() */
  cwd?: string;
}

/** A data directory the user asked for cannot be used as given. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/**
 * Resolves the data directory to an absolute path.
 *
 * @example
 * resolveDataDir({ argv: ['--data-dir', './books'], env: process.env, defaultDir: defaultDataDir() })
 * // -> '/home/me/books'
 */
export function resolveDataDir(options: ResolveDataDirOptions): string {
  const cwd = options.cwd ?? process.cwd();
  const fromFlag = dataDirFlag(options.argv);
  if (fromFlag !== undefined) return absolute(fromFlag, cwd);
  const fromEnv = options.env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return absolute(fromEnv, cwd);
  return absolute(options.defaultDir, cwd);
}

/** The value of the last `--data-dir` in argv, if any. Throws DataDirError when it has no value. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    let value: string | undefined;
    if (arg === DATA_DIR_FLAG) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new DataDirError(`${DATA_DIR_FLAG} needs a folder, e.g. ${DATA_DIR_FLAG} ~/meterbook-data.`);
      i++;
    } else if (arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      value = arg.slice(DATA_DIR_FLAG.length + 1);
    } else {
      continue;
    }
    if (value.trim() === '') throw new DataDirError(`${DATA_DIR_FLAG} needs a folder, e.g. ${DATA_DIR_FLAG} ~/meterbook-data.`);
    found = value;
  }
  return found;
}

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

/** Electron's userData folder for "Meterbook", computed without Electron. */
export function defaultDataDir(info: PlatformInfo = { platform: process.platform, env: process.env, homedir: os.homedir() }): string {
  const { platform, env, homedir } = info;
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  const config = nonEmpty(env.XDG_CONFIG_HOME) ?? path.posix.join(homedir, '.config');
  return path.posix.join(config, PRODUCT_NAME);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function absolute(dir: string, cwd: string): string {
  // "~" is expanded by shells but not inside quotes or environment files; expand it here too.
  const expanded = dir === '~' ? os.homedir() : dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(2)) : dir;
  return path.resolve(cwd, expanded);
}
