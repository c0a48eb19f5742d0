// The requirement: a backup taken while a sync is writing restores to a consistent ledger.
// A real sync (fake Vapi on 127.0.0.1 behind a slow proxy, one transaction per page) runs while backups are
// taken in this process between its transactions and by `meterbook backup` in another process. Each backup
// is restored into a fresh data folder and checked: integrity_check, rollups equal the sums of raw events,
// the sync cursor matches the events present, and a re-sync ends with exactly the events of a clean run.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/services/app-context';
import { fixedClock } from '../../electron/services/clock';
import { ContextHost } from '../../electron/services/context-host';
import { silentLogger } from '../../electron/services/logger';
import { KEY_FILE } from '../../electron/services/secrets';
import { startFakeVapi, type FakeVapi } from '../fakes';
import { startSlowProxy } from '../helpers/slow-proxy';
import { ok } from '../helpers/temp-context';
import { runMeterbook } from './helpers/cli';
import { createTempDirs } from './helpers/temp-dirs';

const NOW = '2026-10-15T12:00:00.000Z';
const dirs = createTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.removeAll();
});

const endedIds = (fake: FakeVapi) => fake.calls.filter((c) => c.endedAt).map((c) => c.id).sort();

/** The Vapi cursor walks each window from its top (hi) down to lo; events present must be exactly the walked part. */
function expectCursorMatchesEvents(cursorText: string | null, present: string[], fake: FakeVapi) {
  const at = new Map(fake.calls.map((c) => [c.id, Date.parse(c.createdAt)]));
  const ended = new Set(endedIds(fake));
  for (const id of present) expect(ended.has(id)).toBe(true);
  if (cursorText === null) {
    expect(present).toEqual([]);
    return;
  }
  const c = JSON.parse(cursorText) as { lo: number; hi: number | null; cur: number | null; curSeen: string[] };
  const have = new Set(present);
  if (c.hi === null) {
    // a finished window: everything ended before its end is present
    for (const id of ended) if (at.get(id)! < c.lo) expect(have.has(id)).toBe(true);
    return;
  }
  for (const id of ended) {
    const t = at.get(id)!;
    const walked = t > c.cur! && t <= c.hi;
    const atEdge = t === c.cur;
    if (walked) expect(have.has(id), `call ${id} above the cursor is missing`).toBe(true);
    else if (atEdge) expect(have.has(id)).toBe(c.curSeen.includes(id));
    else expect(have.has(id), `call ${id} below the cursor is present`).toBe(false);
  }
}

describe('a backup taken while a sync writes', () => {
  it('restores to a consistent ledger, and a re-sync ends exactly as a clean run', async () => {
    const fake = await startFakeVapi({ calls: 700, from: new Date(Date.parse(NOW) - 2 * 86_400_000).toISOString(), spacingMs: 30_000 });
    const slow = await startSlowProxy(fake.url, 12);
    cleanups.push(() => fake.close(), () => slow.close());
    const dataDir = dirs.make('mb-bsync-');
    const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
    cleanups.push(() => ctx.close());
    const account = ok(
      await ctx.dispatch('providers.create', { kind: 'vapi', name: 'Vapi', currency: 'USD', credentials: { apiKey: fake.apiKey }, config: { baseUrl: slow.url, pageSize: 20, backfillDays: 7 } }),
    );
    const { jobId } = ok(await ctx.dispatch('sync.start', { providerAccountId: account.id }));
    // another process backs up the same ledger while this one syncs
    const other = runMeterbook(['--data-dir', dataDir, 'backup', '--json'], { timeoutMs: 120_000 });
    const taken: string[] = [];
    while (ctx.jobs.isRunning(jobId)) {
      taken.push((await ctx.services.backup.backups.create('manual')).id);
      await new Promise((r) => setTimeout(r, 15));
    }
    await ctx.services.sync.waitFor(jobId);
    const cli = await other;
    expect(cli.code, cli.stderr).toBe(0);
    const fromOtherProcess = (JSON.parse(cli.stdout) as { id: string }).id;
    const clean = endedIds(fake);
    const present = (ctx.ledger.raw.prepare('select external_id from usage_events order by external_id').all() as Array<{ external_id: string }>).map((r) => r.external_id);
    expect(present).toEqual(clean);
    expect(taken.length).toBeGreaterThanOrEqual(4);

    // restore a spread of them (first, middle, last, and the other process's) into fresh data folders
    const picks = [...new Set([taken[0]!, taken[Math.floor(taken.length / 3)]!, taken[Math.floor((2 * taken.length) / 3)]!, taken.at(-1)!, fromOtherProcess])];
    const eventCounts: number[] = [];
    for (const id of picks) {
      const target = dirs.make('mb-brestore-');
      // the same computer: the key that sealed the Vapi credentials comes along
      fs.copyFileSync(path.join(dataDir, KEY_FILE), path.join(target, KEY_FILE));
      fs.chmodSync(path.join(target, KEY_FILE), 0o600);
      const host = await ContextHost.open({ dataDir: target, mode: 'electron', clock: fixedClock(NOW), logger: silentLogger });
      try {
        ok(await host.dispatch('backups.restore', { source: { file: { path: path.join(dataDir, 'backups', id) } }, confirm: true }));
        const r = host.current;
        expect(r.ledger.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(ok(await host.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
        const ids = (r.ledger.raw.prepare('select external_id from usage_events order by external_id').all() as Array<{ external_id: string }>).map((x) => x.external_id);
        eventCounts.push(ids.length);
        const cursor = (r.ledger.raw.prepare('select cursor from sync_state where provider_account_id = ?').get(account.id) as { cursor: string | null } | undefined)?.cursor ?? null;
        expectCursorMatchesEvents(cursor, ids, fake);
        // the job that was running in the snapshot is not left "running"
        expect(r.ledger.raw.prepare(`select count(*) as n from ingest_jobs where status = 'running'`).get()).toEqual({ n: 0 });
        const { jobId: again } = ok(await host.dispatch('sync.start', { providerAccountId: account.id }));
        await r.services.sync.waitFor(again);
        const after = (r.ledger.raw.prepare('select external_id from usage_events order by external_id').all() as Array<{ external_id: string }>).map((x) => x.external_id);
        expect(after).toEqual(clean);
        expect(ok(await host.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
      } finally {
        await host.close();
      }
    }
    // the backups really were taken mid-sync: some hold part of the events
    expect(eventCounts.some((n) => n > 0 && n < clean.length)).toBe(true);
  }, 180_000);
});
