// Runs in main. Opens the ledger: one SQLite file, WAL, foreign keys on, migrated to the latest schema.
// All SQLite-specific settings live here so that services only see Kysely.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';
import { registerSqlFunctions } from './sql-functions';

export const LEDGER_FILE = 'meterbook.sqlite';

export interface Ledger {
  /** typed query builder every service uses */
  readonly db: Kysely<Database>;
  /** the raw handle, for the db layer's own hot paths (bulk ingest, backups); services should not touch it */
  readonly raw: BetterSqlite3.Database;
  readonly file: string;
  close(): Promise<void>;
}


/** Applies pending migrations. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, migrations = MIGRATIONS): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(`Could not migrate the ledger${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives power loss, not just a process kill.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  registerSqlFunctions(raw);
}

/** Opens (creating if needed) the ledger in `dataDir` and migrates it. */
export async function openLedger(dataDir: string, options: { migrate?: boolean } = {}): Promise<Ledger> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LEDGER_FILE);
  const raw = new BetterSqlite3(file);
  applyPragmas(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  if (options.migrate !== false) {
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return {
    db,
    raw,
    file,
    close: async () => {
      await db.destroy();
    },
  };
}

