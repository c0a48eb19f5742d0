// Runs in main and tests. A canonical text dump of the ledger's schema, to compare databases.
import type BetterSqlite3 from 'better-sqlite3';

/** Tables, indexes and triggers as `CREATE ...;` statements, sorted, whitespace-normalized. Migration bookkeeping excluded. */
export function dumpSchema(raw: BetterSqlite3.Database): string {
  const rows = raw
    .prepare(
      `select type, name, sql from sqlite_master
       where sql is not null and name not like 'sqlite_%' and name not like 'kysely_%'
       order by case type when 'table' then 0 when 'index' then 1 else 2 end, name`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  return rows.map((r) => `${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`).join('\n') + '\n';
}
