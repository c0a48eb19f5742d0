// Runs in the CLI. Where the checkout is: this file is <repo>/electron/cli/paths.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer `meterbook serve` serves by default. */
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');

export function readVersion(repoRoot = REPO_ROOT): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
