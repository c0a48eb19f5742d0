// Test helper: a real AppContext over a real SQLite file in a fresh temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../electron/services/app-context';
import { fixedClock, type Clock } from '../../electron/services/clock';
import { silentLogger } from '../../electron/services/logger';

export interface TempContext extends AppContext {
  dataDir: string;
  /** close the ledger and delete the folder */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'mb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTempContext(options: { clock?: Clock; dataDir?: string; mode?: 'cli' | 'browser' | 'electron' } = {}): Promise<TempContext> {
  const dataDir = options.dataDir ?? tempDir();
  const ctx = await openAppContext({
    dataDir,
    mode: options.mode ?? 'cli',
    clock: options.clock ?? fixedClock('2026-10-15T12:00:00.000Z'),
    logger: silentLogger,
  });
  return Object.assign(Object.create(ctx) as AppContext, ctx, {
    dataDir,
    dispose: async () => {
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Unwraps an ok Result or fails the test with the error. */
export function ok<T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}
