// Runs in main. Is this file a sound Meterbook ledger this app can open? integrity_check, foreign_key_check,
// and its migrations: all known to this app and a prefix of them (an older schema is migrated after restore).
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../../db/migrations';

export interface LedgerCheck {
  ok: boolean;
  /** why it is not usable, in words a user can act on */
  problem: string | null;
  /** how many of this app's migrations the file has applied */
  schemaVersion: number;
  migrations: string[];
}

const MIGRATION_TABLE = 'kysely_migration';

/** A meaningful reason from what SQLite said about a damaged or foreign file. */
function sqliteReason(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database (or its first page is damaged)';
  if (code === 'SQLITE_CORRUPT') return 'the file is damaged (SQLite reports a malformed database)';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens `file` read-only and checks it. Never throws for a bad file: the answer says why.
 *
 * @example
 * const c = checkLedgerFile('/tmp/meterbook-2026-11-22T030000Z-daily.sqlite');
 * if (!c.ok) throw new Error(`Not restorable: ${c.problem}`);
 */
export function checkLedgerFile(file: string, options: { expectMigrations?: readonly string[] } = {}): LedgerCheck {
  const fail = (problem: string, migrations: string[] = []): LedgerCheck => ({ ok: false, problem, schemaVersion: migrations.length, migrations });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return fail('the file does not exist or cannot be read');
  }
  if (!stat.isFile()) return fail('it is not a file');
  if (stat.size === 0) return fail('the file is empty');
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return fail(sqliteReason(err));
  }
  try {
    const integrity = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      return fail(`integrity_check failed: ${integrity.map((r) => r.integrity_check).slice(0, 3).join('; ')}`);
    }
    const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE) !== undefined;
    if (!hasTable) return fail('it is an SQLite file but not a Meterbook ledger (it has no migrations table)');
    const migrations = (db.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as Array<{ name: string }>).map((r) => r.name);
    const known = Object.keys(MIGRATIONS);
    const unknown = migrations.filter((m) => !known.includes(m));
    if (unknown.length > 0) {
      return fail(`it was written by a newer Meterbook (schema ${unknown.join(', ')}); update Meterbook, then restore it`, migrations);
    }
    if (migrations.some((m, i) => known[i] !== m)) return fail('its migrations are not the ones Meterbook applies, in order; it is not a Meterbook ledger', migrations);
    if (migrations.length === 0 || db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'clients'`).get() === undefined) {
      return fail('it is not a Meterbook ledger (no clients table)', migrations);
    }
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) return fail(`foreign_key_check found ${fk.length} row(s) pointing at rows that do not exist`, migrations);
    if (options.expectMigrations && options.expectMigrations.join(',') !== migrations.join(',')) {
      return fail(`its migrations (${migrations.length}) differ from the ledger it was copied from (${options.expectMigrations.length})`, migrations);
    }
    return { ok: true, problem: null, schemaVersion: migrations.length, migrations };
  } catch (err) {
    return fail(sqliteReason(err));
  } finally {
    db.close();
  }
}

/** The applied migrations of an open ledger. */
export function appliedMigrations(raw: BetterSqlite3.Database): string[] {
  return (raw.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as Array<{ name: string }>).map((r) => r.name);
}
