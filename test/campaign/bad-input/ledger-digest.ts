// Test helper (Node only). A digest of every table of the ledger, for checks that must ignore the bookkeeping an
// operation is designed to write (an import job records its ingest_jobs row and its rejections even when no row of
// the file is valid). Byte-for-byte checks use sqlite3_serialize instead (World.snapshot).
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

/** Tables an import or a sync writes by design whatever the file or page held. */
export const JOB_BOOKKEEPING_TABLES = ['ingest_jobs', 'ingest_rejections', 'sqlite_sequence'] as const;

/** table name -> sha256 of its rows in rowid (or primary key) order */
export function tableDigests(raw: BetterSqlite3.Database, except: readonly string[] = []): Record<string, string> {
  const tables = raw
    .prepare("select name, sql from sqlite_master where type = 'table' order by name")
    .all() as Array<{ name: string; sql: string }>;
  const out: Record<string, string> = {};
  for (const t of tables) {
    if (except.includes(t.name)) continue;
    const columns = (raw.pragma(`table_info("${t.name}")`) as unknown[]).length;
    const order = /without rowid/i.test(t.sql) ? Array.from({ length: columns }, (_, i) => i + 1).join(', ') : 'rowid';
    const hash = createHash('sha256');
    for (const row of raw.prepare(`select * from "${t.name}" order by ${order}`).raw().iterate()) hash.update(JSON.stringify(row));
    out[t.name] = hash.digest('hex');
  }
  return out;
}
