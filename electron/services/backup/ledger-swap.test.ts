// The crash states of a swap, one by one: a kill right before the rename leaves the old ledger whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE } from '../../db/open-database';
import { quiesceLedger, removeStaleStaged, swapLedger } from './ledger-swap';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-swap-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A WAL database whose last commits are only in its -wal (the connection is left open, as a killed app leaves it). */
function liveLedger(dir: string, rows: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(path.join(dir, LEDGER_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table t(x)');
  const ins = db.prepare('insert into t values (?)');
  for (let i = 0; i < rows; i++) ins.run(i);
  return db;
}

const rowsIn = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from t').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('swapLedger', () => {
  it('folds the WAL in before anything else: the old file alone then holds every commit (a kill before the rename)', () => {
    const dir = tmp();
    const db = liveLedger(dir, 500);
    const file = path.join(dir, LEDGER_FILE);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(() => quiesceLedger(file)).toThrow(/Another Meterbook process has this data folder open/);
    expect(rowsIn(file)).toBe(500);
    db.close();
    quiesceLedger(file);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
    expect(rowsIn(file)).toBe(500);
  });

  it('renames the staged file in; leftovers of a killed restore are removed later', () => {
    const dir = tmp();
    liveLedger(dir, 3).close();
    const staged = path.join(dir, '.restore-999999-1.sqlite');
    const s = new BetterSqlite3(staged);
    s.exec('create table t(x); insert into t values (1)');
    s.close();
    swapLedger(dir, staged);
    expect(rowsIn(path.join(dir, LEDGER_FILE))).toBe(1);
    fs.writeFileSync(path.join(dir, '.restore-999999-2.sqlite'), 'partial');
    removeStaleStaged(dir);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  });
});
