// Backups and restore below the UI: real ledgers in temp folders, the real ContextHost that reopens the
// ledger under every service, a clock the tests drive through weeks of hourly scheduler checks.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/db/migrations';
import { applyPragmas, LEDGER_FILE, migrateToLatest } from '../../electron/db/open-database';
import { openAppContext } from '../../electron/services/app-context';
import { checkLedgerFile } from '../../electron/services/backup/ledger-check';
import type { Clock } from '../../electron/services/clock';
import { ContextHost } from '../../electron/services/context-host';
import { silentLogger } from '../../electron/services/logger';
import { ok } from '../helpers/temp-context';
import { createTempDirs } from './helpers/temp-dirs';

const dirs = createTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.removeAll();
});

function drivenClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = Date.parse(iso);
  return { now: () => new Date(now), advance: (ms) => (now += ms), set: (s) => (now = Date.parse(s)) };
}

async function host(options: { mode?: 'cli' | 'browser' | 'electron'; clock?: Clock; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? dirs.make('mb-backup-');
  const h = await ContextHost.open({ dataDir, mode: options.mode ?? 'electron', clock: options.clock ?? drivenClock('2026-11-22T03:00:00Z'), logger: silentLogger });
  cleanups.push(() => h.close());
  return { host: h, dataDir };
}

const clientNames = async (h: ContextHost) => ok(await h.dispatch('clients.list', {})).items.map((c) => c.name).sort();

describe('backups', () => {
  it('a manual backup is a checked, self-contained copy in <dataDir>/backups, listed with its kind and size', async () => {
    const { host: h, dataDir } = await host();
    ok(await h.dispatch('clients.create', { name: 'Acme Dental', currency: 'USD' }));
    const b = ok(await h.dispatch('backups.create', {}));
    expect(b).toMatchObject({ id: 'meterbook-2026-11-22T030000Z-manual.sqlite', kind: 'manual', checked: true, schemaVersion: Object.keys(MIGRATIONS).length });
    const file = path.join(dataDir, 'backups', b.id);
    expect(fs.statSync(file).size).toBe(b.sizeBytes);
    // one file: no -wal or -shm beside it, and it passes the same check a restore applies
    expect(fs.readdirSync(path.join(dataDir, 'backups')).sort()).toEqual([b.id, `${b.id}.json`]);
    expect(checkLedgerFile(file)).toMatchObject({ ok: true });
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.prepare('select name from clients').all()).toEqual([{ name: 'Acme Dental' }]);
    // the ledger holds no record of its own backups: the folder is the record
    expect(copy.prepare(`select count(*) as n from sqlite_master where name like '%backup%'`).get()).toEqual({ n: 0 });
    copy.close();
    const second = ok(await h.dispatch('backups.create', {}));
    expect(second.id).toBe('meterbook-2026-11-22T030000Z-manual-2.sqlite');
    const list = ok(await h.dispatch('backups.list', {}));
    expect(list.folder).toBe(path.join(dataDir, 'backups'));
    expect(list.backups.map((x) => x.id)).toEqual([second.id, b.id]);
    expect(ok(await h.dispatch('backups.delete', { id: b.id }))).toEqual({ deleted: true });
    expect(ok(await h.dispatch('backups.list', {})).backups.map((x) => x.id)).toEqual([second.id]);
    // an id names a file in the backups folder and nothing else
    const traversal = await h.dispatch('backups.delete', { id: '../meterbook.sqlite' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a backup without its sidecar (a process killed before it was recorded) does not count', async () => {
    const { host: h, dataDir } = await host();
    const b = ok(await h.dispatch('backups.create', {}));
    fs.rmSync(path.join(dataDir, 'backups', `${b.id}.json`));
    expect(ok(await h.dispatch('backups.list', {})).backups).toEqual([]);
  });

  it('daily backups with a driven clock: at start when due, then hourly checks; 7 daily + 4 weekly kept', async () => {
    const clock = drivenClock('2026-10-01T08:00:00Z');
    const { host: h } = await host({ clock });
    const scheduler = h.current.services.backup.scheduler!;
    const first = await scheduler.tick();
    expect(first.backup?.kind).toBe('weekly'); // first automatic backup of its ISO week
    // hourly checks for 9 weeks: one backup per 24 h, never more
    let made = 1;
    for (let hour = 1; hour <= 24 * 63; hour++) {
      clock.advance(3_600_000);
      const t = await scheduler.tick();
      if (t.backup) made++;
    }
    expect(made).toBe(64);
    const list = ok(await h.dispatch('backups.list', {})).backups;
    const auto = list.filter((b) => b.kind === 'daily' || b.kind === 'weekly');
    expect(auto.slice(0, 7).every((b, i) => i === 0 || Date.parse(auto[i - 1]!.createdAt) - Date.parse(b.createdAt) === 86_400_000)).toBe(true);
    const weeklies = list.filter((b) => b.kind === 'weekly');
    expect(weeklies).toHaveLength(4);
    expect(auto.length).toBeLessThanOrEqual(11);
    expect(clock.now().getTime() - Date.parse(list[0]!.createdAt)).toBeLessThan(86_400_000);
    // off: no more automatic backups
    ok(await h.dispatch('backups.settings.update', { auto: false }));
    clock.advance(3 * 86_400_000);
    expect((await scheduler.tick()).backup).toBeNull();
    expect(ok(await h.dispatch('backups.list', {})).nextAutomaticAt).toBeNull();
  });

  it('the scheduler runs in the app and browser mode, never in the CLI', async () => {
    const cli = await openAppContext({ dataDir: dirs.make(), mode: 'cli', logger: silentLogger });
    cleanups.push(() => cli.close());
    expect(cli.services.backup.scheduler).toBeNull();
    const { host: h, dataDir } = await host({ mode: 'browser' });
    h.startBackground();
    await h.current.services.backup.scheduler!.tick();
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('-weekly.sqlite'))).toHaveLength(1);
  });
});

describe('restore', () => {
  it('restores a backup under the running host: every service sees the old data, a safety backup holds the replaced one', async () => {
    const { host: h } = await host();
    ok(await h.dispatch('clients.create', { name: 'Before', currency: 'USD' }));
    const b = ok(await h.dispatch('backups.create', {}));
    ok(await h.dispatch('clients.create', { name: 'After', currency: 'EUR' }));
    const seen: string[][] = [];
    h.bus.subscribe((name, payload) => name === 'data.changed' && seen.push((payload as { tables: string[] }).tables));
    const before = h.current;
    const r = ok(await h.dispatch('backups.restore', { source: { backupId: b.id }, confirm: true }));
    expect(r).toMatchObject({ restoredFrom: b.id, migrated: [], safetyBackup: expect.stringMatching(/-pre-restore\.sqlite$/) });
    expect(h.current).not.toBe(before);
    expect(await clientNames(h)).toEqual(['Before']);
    expect(seen.some((t) => t.includes('clients') && t.includes('usage_events'))).toBe(true);
    // the safety backup restores the state before the restore
    ok(await h.dispatch('backups.restore', { source: { backupId: r.safetyBackup }, confirm: true }));
    expect(await clientNames(h)).toEqual(['After', 'Before']);
    expect(h.current.ledger.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a damaged backup is refused with the reason, and nothing changes', async () => {
    const { host: h, dataDir } = await host();
    ok(await h.dispatch('clients.create', { name: 'Keep me', currency: 'USD' }));
    for (let i = 0; i < 200; i++) ok(await h.dispatch('clients.create', { name: `Filler ${i}`, currency: 'USD' }));
    const b = ok(await h.dispatch('backups.create', {}));
    const file = path.join(dataDir, 'backups', b.id);
    const pristine = fs.readFileSync(file);
    const listBefore = ok(await h.dispatch('backups.list', {})).backups.map((x) => x.id);
    const ledgerDump = () => JSON.stringify(h.current.ledger.raw.prepare('select * from clients order by id').all());
    const dumpBefore = ledgerDump();
    const expectNothingChanged = async () => {
      expect(ledgerDump()).toBe(dumpBefore);
      expect(ok(await h.dispatch('backups.list', {})).backups.map((x) => x.id)).toEqual(listBefore); // no safety backup taken
      expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    };
    // 1. bytes flipped inside rows: integrity_check cannot see it (SQLite has no page checksums); the recorded digest does
    const flipped = Buffer.from(pristine);
    for (let i = 0; i < 16; i++) flipped[Math.floor(flipped.length / 2) + i * 7]! ^= 0xff;
    fs.writeFileSync(file, flipped);
    const r1 = await h.dispatch('backups.restore', { source: { backupId: b.id }, confirm: true });
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^meterbook-.*-manual\.sqlite cannot be restored: the file changed after it was written .*Nothing was changed\.$/) } });
    await expectNothingChanged();
    // 2. a page of the b-tree overwritten in a copy without a digest: integrity_check refuses it
    const pageSize = pristine.readUInt16BE(16);
    const broken = Buffer.from(pristine);
    broken.fill(0xa5, pageSize * 3, pageSize * 4);
    const damaged = path.join(dataDir, 'damaged.sqlite');
    fs.writeFileSync(damaged, broken);
    const r2 = await h.dispatch('backups.restore', { source: { file: { path: damaged } }, confirm: true });
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^damaged\.sqlite cannot be restored: .*(integrity_check failed|damaged|malformed).*Nothing was changed\.$/) } });
    await expectNothingChanged();
    // not SQLite at all, and an unrelated SQLite file
    fs.writeFileSync(path.join(dataDir, 'notes.sqlite'), 'hello, not a database'.repeat(100));
    expect(await h.dispatch('backups.restore', { source: { file: { path: path.join(dataDir, 'notes.sqlite') } }, confirm: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not an SQLite database/) },
    });
    const other = new BetterSqlite3(path.join(dataDir, 'other.sqlite'));
    other.exec('create table t(x)');
    other.close();
    expect(await h.dispatch('backups.restore', { source: { file: { path: path.join(dataDir, 'other.sqlite') } }, confirm: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a Meterbook ledger/) },
    });
  });

  it('refuses a ledger from a newer Meterbook, and migrates an older one after restoring it', async () => {
    const { host: h, dataDir } = await host();
    const b = ok(await h.dispatch('backups.create', {}));
    const newer = path.join(dataDir, 'newer.sqlite');
    fs.copyFileSync(path.join(dataDir, 'backups', b.id), newer);
    const db = new BetterSqlite3(newer);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('0099_future', new Date().toISOString());
    db.close();
    expect(await h.dispatch('backups.restore', { source: { file: { path: newer } }, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/newer Meterbook .*0099_future.*update Meterbook/) },
    });
    // a ledger at schema 7 (before Stripe) with one client
    const older = path.join(dataDir, 'older.sqlite');
    const raw = new BetterSqlite3(older);
    applyPragmas(raw);
    const k = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: raw }) });
    const names = Object.keys(MIGRATIONS);
    await migrateToLatest(k, Object.fromEntries(names.slice(0, 7).map((n) => [n, MIGRATIONS[n]!])));
    raw.prepare(`insert into clients (name, name_key, currency, status, created_at, updated_at) values ('Old Client', 'old client', 'USD', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`).run();
    await k.destroy();
    const r = ok(await h.dispatch('backups.restore', { source: { file: { path: older } }, confirm: true }));
    expect(r).toMatchObject({ fromSchemaVersion: 7, schemaVersion: names.length, migrated: names.slice(7) });
    expect(await clientNames(h)).toEqual(['Old Client']);
  });

  it('is refused while a job runs, or while another process has the ledger open; nothing changes', async () => {
    const { host: h, dataDir } = await host();
    ok(await h.dispatch('clients.create', { name: 'Now', currency: 'USD' }));
    const b = ok(await h.dispatch('backups.create', {}));
    ok(await h.dispatch('clients.create', { name: 'Later', currency: 'USD' }));
    let finish!: () => void;
    h.current.jobs.start('sync:999', 'sync', () => new Promise((resolve) => (finish = () => resolve({ step: 'done', current: 1, total: 1 }))));
    expect(await h.dispatch('backups.restore', { source: { backupId: b.id }, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A provider sync is running (job sync:999). Wait for it to finish or cancel it, then restore. Nothing was changed.' },
    });
    finish();
    await h.current.jobs.wait('sync:999');
    const other = new BetterSqlite3(path.join(dataDir, LEDGER_FILE));
    other.prepare('select count(*) from clients').get();
    const refused = await h.dispatch('backups.restore', { source: { backupId: b.id }, confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Another Meterbook process has this data folder open/) } });
    other.close();
    // the host reopened the same ledger: still usable, still the later data
    expect(await clientNames(h)).toEqual(['Later', 'Now']);
    ok(await h.dispatch('backups.restore', { source: { backupId: b.id }, confirm: true }));
    expect(await clientNames(h)).toEqual(['Now']);
  });

  it('browser mode restores only backups by id or uploads; a bare context refuses restore', async () => {
    const { host: h, dataDir } = await host({ mode: 'browser' });
    const b = ok(await h.dispatch('backups.create', {}));
    expect(await h.dispatch('backups.restore', { source: { file: { path: path.join(dataDir, 'backups', b.id) } }, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'file' },
    });
    expect(await h.dispatch('backups.restore', { source: { backupId: 'meterbook-2026-01-01T000000Z-daily.sqlite' }, confirm: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.dispatch('backups.restore', { source: { backupId: b.id } } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'confirm' } });
    const bare = await openAppContext({ dataDir: dirs.make(), mode: 'cli', logger: silentLogger });
    cleanups.push(() => bare.close());
    const bb = ok(await bare.dispatch('backups.create', {}));
    expect(await bare.dispatch('backups.restore', { source: { backupId: bb.id }, confirm: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
