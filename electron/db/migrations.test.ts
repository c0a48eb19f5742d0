import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { applyPragmas, migrateToLatest, openLedger } from './open-database';
import { dumpSchema } from './schema-dump';

const SNAPSHOT = path.join(__dirname, 'schema.sql');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function migrated(migrations = MIGRATIONS) {
  const raw = new BetterSqlite3(path.join(tmp(), 'db.sqlite'));
  applyPragmas(raw);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateToLatest(db, migrations);
  return { raw, db };
}

describe('migrations', () => {
  it('are numbered with zero-padded sequence numbers, in order, without gaps', () => {
    const names = Object.keys(MIGRATIONS);
    names.forEach((name, i) => expect(name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+$`)));
  });

  it('a fully migrated database equals the committed schema snapshot (electron/db/schema.sql)', async () => {
    const { raw, db } = await migrated();
    const actual = dumpSchema(raw);
    await db.destroy();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, actual);
    const expected = fs.readFileSync(SNAPSHOT, 'utf8');
    // If this fails after adding a migration, rerun with UPDATE_SCHEMA_SNAPSHOT=1 and review the diff in git.
    expect(actual).toBe(expected);
  });

  it('a fresh database built from the snapshot equals one built by running every migration', async () => {
    const fresh = new BetterSqlite3(path.join(tmp(), 'fresh.sqlite'));
    fresh.exec(fs.readFileSync(SNAPSHOT, 'utf8'));
    const { raw, db } = await migrated();
    expect(dumpSchema(fresh)).toBe(dumpSchema(raw));
    fresh.close();
    await db.destroy();
  });

  it('migrating step by step (each prefix, then the rest) ends at the same schema as migrating at once', async () => {
    const names = Object.keys(MIGRATIONS);
    const { raw: once, db: onceDb } = await migrated();
    const target = dumpSchema(once);
    await onceDb.destroy();
    for (let n = 1; n <= names.length; n++) {
      const prefix = Object.fromEntries(names.slice(0, n).map((k) => [k, MIGRATIONS[k]!]));
      const raw = new BetterSqlite3(path.join(tmp(), `step-${n}.sqlite`));
      applyPragmas(raw);
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
      await migrateToLatest(db, prefix);
      await migrateToLatest(db, MIGRATIONS);
      expect(dumpSchema(raw)).toBe(target);
      await db.destroy();
    }
  });

  it('re-opening an up-to-date ledger applies nothing and keeps data', async () => {
    const dir = tmp();
    const a = await openLedger(dir);
    await a.db.insertInto('settings').values({ key: 'k', value: '1', updated_at: 'now' }).execute();
    await a.close();
    const b = await openLedger(dir);
    expect(await b.db.selectFrom('settings').selectAll().execute()).toHaveLength(1);
    expect(await migrateToLatest(b.db)).toEqual([]);
    await b.close();
  });

  it('refuses a ledger that has a migration this build does not know (a newer app wrote it)', async () => {
    const dir = tmp();
    const a = await openLedger(dir);
    await a.db.insertInto('kysely_migration' as any).values({ name: '9999_future', timestamp: new Date().toISOString() } as any).execute();
    await a.close();
    await expect(openLedger(dir)).rejects.toThrow(/Could not migrate the ledger/);
  });

  it('opens in WAL mode with foreign keys enforced', async () => {
    const l = await openLedger(tmp());
    expect(l.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(l.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      l.raw
        .prepare(`insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (999, 'x', 'y', 999, 'now')`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await l.close();
  });
});

describe('0001_init data', () => {
  it('seeds one built-in metric per kind of usage the reference providers bill', async () => {
    const { db } = await migrated();
    const rows = await db.selectFrom('metrics').selectAll().orderBy('key').execute();
    const byKey = Object.fromEntries(rows.map((r: any) => [r.key, r]));
    for (const key of ['interactions', 'messages', 'call_seconds', 'usage_sessions', 'voice_sessions', 'alert_sessions', 'seats', 'storage', 'ai_tokens', 'sms', 'phone_numbers']) {
      expect(byKey[key], key).toBeDefined();
      expect(byKey[key].built_in).toBe(1);
    }
    expect(byKey.usage_sessions.aggregation).toBe('session_blocks');
    expect(JSON.parse(byKey.usage_sessions.config)).toEqual({ blockMinutes: 15, excludeSegments: ['human_agent'] });
    expect(byKey.seats.aggregation).toBe('time_weighted');
    expect(byKey.storage.unit).toBe('MB-day');
    expect(byKey.phone_numbers.aggregation).toBe('unique_count');
    await db.destroy();
  });
});

describe('0002_usage_ingest data', () => {
  it('builds exact rollups (decimal cost sums) for events that existed before the migration', async () => {
    const first = Object.fromEntries(Object.entries(MIGRATIONS).slice(0, 1));
    const raw = new BetterSqlite3(path.join(tmp(), 'db.sqlite'));
    applyPragmas(raw);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateToLatest(db, first);
    raw.exec(`insert into provider_accounts (kind, name, name_key, currency, config, created_at, updated_at) values ('vapi', 'V', 'v', 'USD', '{}', 'x', 'x')`);
    raw.exec(`insert into clients (name, name_key, currency, status, created_at, updated_at) values ('A', 'a', 'USD', 'active', 'x', 'x')`);
    const ins = raw.prepare(
      `insert into usage_events (provider_account_id, external_id, client_id, client_key, metric_id, quantity, occurred_at, cost, source, ingested_at) values (1, ?, ?, 'k', 3, ?, ?, ?, 'demo', 0)`,
    );
    ins.run('e1', 1, 10, 1_000, '0.1');
    ins.run('e2', 1, 20, 2_000, '0.2');
    ins.run('e3', null, 5, 3_000, null);
    ins.run('e4', 1, 7, 900_000, '0.0000001');
    await migrateToLatest(db);
    expect(raw.prepare('select client_id, slot, events, quantity, uncosted_quantity, cost, max_quantity from usage_rollups order by client_id, slot').all()).toEqual([
      { client_id: 0, slot: 0, events: 1, quantity: 5, uncosted_quantity: 5, cost: '0', max_quantity: 5 },
      { client_id: 1, slot: 0, events: 2, quantity: 30, uncosted_quantity: 0, cost: '0.3', max_quantity: 20 },
      { client_id: 1, slot: 1, events: 1, quantity: 7, uncosted_quantity: 0, cost: '0.0000001', max_quantity: 7 },
    ]);
    await db.destroy();
  });
});
