// Runs in main (and the CLI, tests, benchmarks). Finds the app's `resources/` folder (fonts, licences).
//
// Packaged, electron-builder copies resources/ into the app's resources folder (electron-builder.yml,
// extraResources), which Electron exposes as process.resourcesPath. Everywhere else (tsx, vitest, the
// electron-vite bundle in out/main, `electron .` whose resourcesPath is Electron's own) the folder is found by
// walking up from this module until resources/fonts/DejaVuSans.ttf exists. Does not import electron.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = path.join('fonts', 'DejaVuSans.ttf');

let found: string | null = null;

function candidates(): string[] {
  const out: string[] = [];
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged) out.push(packaged);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    out.push(path.join(dir, 'resources'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The absolute `resources/` folder; throws, naming where it looked, when there is none. */
export function resourcesDir(): string {
  if (found) return found;
  const tried = candidates();
  const hit = tried.find((dir) => fs.existsSync(path.join(dir, MARKER)));
  if (!hit) throw new Error(`Meterbook's resources folder (with ${MARKER}) was not found. Looked in: ${tried.join(', ')}`);
  found = hit;
  return hit;
}

/**
 * A path inside the app's resources folder.
 *
 * @example
 * fs.readFileSync(resourcePath('fonts', 'DejaVuSans.ttf'))
 */
export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}
