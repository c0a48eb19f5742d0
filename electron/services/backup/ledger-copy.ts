// Runs in main. A consistent copy of a live ledger with SQLite's online backup API, checked before it counts.
//
// The copy reads through its own read-only connection holding one read transaction, so it is one
// committed snapshot even while the app (or another process) keeps writing: WAL lets writers commit
// beside the reader, and the backup never restarts because its snapshot does not move. Pages are
// copied in steps between event-loop turns, so the app keeps serving while a large ledger is copied.
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { checkLedgerFile, appliedMigrations, type LedgerCheck } from './ledger-check';
import { fileSha256, fsyncFile, removeQuietly, sideFiles } from './durable-fs';

/** A copy failed its checks; the temp file is gone and `reason` says why. */
export class BackupCheckError extends Error {
  override readonly name = 'BackupCheckError';
  constructor(readonly reason: string) {
    super(`The backup did not pass its check and was discarded: ${reason}.`);
  }
}

export interface CheckedCopy {
  check: LedgerCheck;
  sizeBytes: number;
  sha256: string;
}

const PAGES_PER_STEP = 2000;

/**
 * Copies the SQLite file `source` (a live WAL ledger or any Meterbook backup) to `dest` as one
 * self-contained file (journal mode DELETE, no side files), then checks it read-only and fsyncs it.
 * `dest` is overwritten. On a failed check `dest` is removed and BackupCheckError thrown.
 */
export async function writeCheckedCopy(source: string, dest: string, options: { expectSameMigrations?: boolean } = {}): Promise<CheckedCopy> {
  removeQuietly(dest, ...sideFiles(dest));
  let expected: string[] | undefined;
  const reader = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    // pin one snapshot for the whole copy
    reader.exec('BEGIN');
    if (options.expectSameMigrations) expected = appliedMigrations(reader);
    else reader.prepare('select count(*) from sqlite_master').get();
    await reader.backup(dest, { progress: () => PAGES_PER_STEP });
    reader.exec('COMMIT');
  } catch (err) {
    removeQuietly(dest, ...sideFiles(dest));
    throw err;
  } finally {
    reader.close();
  }
  try {
    const copy = new BetterSqlite3(dest);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    removeQuietly(...sideFiles(dest));
    const check = checkLedgerFile(dest, expected ? { expectMigrations: expected } : {});
    if (!check.ok) throw new BackupCheckError(check.problem ?? 'unknown problem');
    fsyncFile(dest);
    return { check, sizeBytes: fs.statSync(dest).size, sha256: fileSha256(dest) };
  } catch (err) {
    removeQuietly(dest, ...sideFiles(dest));
    throw err;
  }
}
