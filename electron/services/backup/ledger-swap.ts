// Runs in main and the CLI. Puts a checked, staged ledger file in place of the live one, so that a kill
// at any point leaves either the old ledger or the new one, whole:
//   1. with the ledger closed by this process, take SQLite's exclusive lock: if another process (the
//      app, `meterbook serve`, a CLI command) still has the file open, refuse and change nothing;
//   2. checkpoint the WAL into the file (TRUNCATE) and close: the old ledger is now one complete file;
//   3. remove its -wal and -shm (a stale WAL beside the new file would be replayed into it: the mix);
//   4. rename the staged file over the ledger (atomic), fsync the folder.
// A kill before 4 leaves the old ledger (with or without its WAL, both consistent); after 4, the new one.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LEDGER_FILE } from '../../db/open-database';
import { AppError } from '../errors';
import { fsyncDir, removeQuietly } from './durable-fs';

/** Staged files live beside the ledger (same file system, so the rename is atomic). */
export const STAGED_PREFIX = '.restore-';

export function stagedPath(dataDir: string): string {
  return path.join(dataDir, `${STAGED_PREFIX}${process.pid}-${Date.now()}.sqlite`);
}

/** Removes staged files a killed restore left behind (never the one being used: other pids only, or older than an hour). */
export function removeStaleStaged(dataDir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(STAGED_PREFIX)) continue;
    const full = path.join(dataDir, name);
    const pid = Number(/^\.restore-(\d+)-/.exec(name)?.[1]);
    try {
      if (pid === process.pid && now - fs.statSync(full).mtimeMs < 3_600_000) continue;
    } catch {
      continue;
    }
    removeQuietly(full, `${full}-journal`);
  }
}

/** Step 1-3: the ledger at `file` closed everywhere and folded into one file. Throws AppError('conflict') if another process has it open. */
export function quiesceLedger(file: string): void {
  if (!fs.existsSync(file)) {
    removeQuietly(`${file}-wal`, `${file}-shm`);
    return;
  }
  const guard = new BetterSqlite3(file);
  try {
    guard.pragma('busy_timeout = 0');
    guard.pragma('locking_mode = EXCLUSIVE');
    try {
      guard.exec('BEGIN EXCLUSIVE');
      guard.exec('COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new AppError(
          'conflict',
          'Another Meterbook process has this data folder open (the desktop app, `meterbook serve`, or a CLI command). Close it, then try again. Nothing was changed.',
        );
      }
      throw err;
    }
    const [cp] = guard.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (cp && cp.busy !== 0) throw new AppError('conflict', 'The ledger is busy and could not be folded into one file; close other Meterbook processes and try again. Nothing was changed.');
  } finally {
    guard.close();
  }
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new AppError('internal', 'The ledger still has unsaved changes in its write-ahead log after closing; nothing was changed. Restart Meterbook and try again.');
  }
  removeQuietly(wal, `${file}-shm`, `${file}-journal`);
  fsyncDir(path.dirname(file));
}

/** Steps 1-4. `staged` must be a checked single-file ledger in the data folder. */
export function swapLedger(dataDir: string, staged: string): void {
  const file = path.join(dataDir, LEDGER_FILE);
  quiesceLedger(file);
  fs.renameSync(staged, file);
  fsyncDir(dataDir);
}
