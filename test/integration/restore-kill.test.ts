// A killed restore leaves the old ledger or the new one, whole: `meterbook restore FILE` is SIGKILLed at
// points spread over its whole run (start-up, checks, staging, safety backup, WAL fold, rename, migrate),
// then the data folder is opened as the app would and compared with both candidates.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/services/app-context';
import { fixedClock } from '../../electron/services/clock';
import { silentLogger } from '../../electron/services/logger';
import { ok } from '../helpers/temp-context';
import { BIN, NODE22, REPO_ROOT, runMeterbook } from './helpers/cli';
import { createTempDirs } from './helpers/temp-dirs';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

const clock = fixedClock('2026-11-22T03:00:00.000Z');

/** What identifies a ledger: its clients and its event count. */
async function fingerprint(dataDir: string): Promise<string> {
  const ctx = await openAppContext({ dataDir, mode: 'cli', clock, logger: silentLogger });
  try {
    expect(ctx.ledger.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const clients = (ctx.ledger.raw.prepare('select name from clients order by name').all() as Array<{ name: string }>).map((r) => r.name).join(',');
    const events = (ctx.ledger.raw.prepare('select count(*) as n from usage_events').get() as { n: number }).n;
    return `${clients}|${events}`;
  } finally {
    await ctx.close();
  }
}

function copyDir(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
}

function runAndKill(dataDir: string, file: string, afterMs: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.METERBOOK_DATA_DIR;
    const child = spawn(NODE22, [BIN, '--data-dir', dataDir, 'restore', file], { cwd: REPO_ROOT, env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('restore killed at any point', () => {
  it('leaves either the old ledger or the restored one, never a mix or nothing', async () => {
    // the backup: the demo agency (a few MB of usage)
    const source = dirs.make('mb-kill-src-');
    const src = await openAppContext({ dataDir: source, mode: 'cli', clock, logger: silentLogger });
    ok(await src.dispatch('demo.load', { seed: 7, days: 60, pricing: false, endDate: '2026-11-20' }));
    const backup = await src.services.backup.backups.create('manual');
    await src.close();
    const file = path.join(source, 'backups', backup.id);
    // the ledger being replaced: one client, live in WAL mode (closed uncleanly: its -wal is still there)
    const pristine = dirs.make('mb-kill-old-');
    const old = await openAppContext({ dataDir: pristine, mode: 'cli', clock, logger: silentLogger });
    ok(await old.dispatch('clients.create', { name: 'Old Ledger Client', currency: 'USD' }));
    await old.close();
    const oldPrint = await fingerprint(pristine);
    const newPrint = await fingerprint(source);
    expect(oldPrint).not.toBe(newPrint);

    // how long a whole restore takes here
    const timed = dirs.make('mb-kill-timed-');
    copyDir(pristine, timed);
    const t0 = Date.now();
    const full = await runMeterbook(['--data-dir', timed, 'restore', file], { timeoutMs: 120_000 });
    const total = Date.now() - t0;
    expect(full.code, full.stderr).toBe(0);
    expect(await fingerprint(timed)).toBe(newPrint);

    const seen = new Map<string, number>();
    const points = 12;
    for (let k = 1; k <= points; k++) {
      const dir = dirs.make('mb-kill-');
      copyDir(pristine, dir);
      // start-up (loading the CLI) is the first third or so: put most kill points in the work after it
      const at = Math.round(total * (0.3 + (0.7 * k) / (points + 1)));
      const r = await runAndKill(dir, file, at);
      const print = await fingerprint(dir);
      const outcome = print === oldPrint ? 'old' : print === newPrint ? 'new' : `MIX at ${at} ms: ${print}`;
      expect(outcome, `killed at ${at} ms of ${total} (${r.signal ?? r.code})`).toMatch(/^(old|new)$/);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      // no staged file is left to confuse anyone: the next open or restore removes it
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('-wal') && fs.statSync(path.join(dir, n)).size > 0 && n.startsWith('.restore-'))).toEqual([]);
    }
    expect(seen.get('old') ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
