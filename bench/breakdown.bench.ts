// Breakdown: breakdown.list for a generated agency (bench/generate-agency.ts, 5,000 clients by default) through the
// dispatcher (input and output validated as for the renderer), cold (every client rated in one batch) and warm
// (cached until the ledger changes), beside a raw GROUP BY of the same month's usage events in the same run; and
// statements.get for one client, the per-client path the batch replaces.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../electron/services/app-context';
import { fixedClock } from '../electron/services/clock';
import { silentLogger } from '../electron/services/logger';
import { generateAgency } from './generate-agency';
import { fmt, type BenchRow } from './table';

const time = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
};

export async function breakdownBench({ clients }: { clients: number }): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-bench-breakdown-'));
  const ctx = await openAppContext({ dataDir: dir, mode: 'cli', clock: fixedClock('2026-10-20T12:00:00Z'), logger: silentLogger });
  try {
    const generated = await generateAgency(ctx, { clients, days: 45, endDate: '2026-10-20' });
    console.log(`breakdown: generated ${fmt(generated.clients)} clients, ${fmt(generated.events)} events in ${fmt(generated.ms / 1000, 1)} s`);
    const period = '2026-10';

    // Baseline: GROUP BY client and metric over the month's raw events (New York's October), exact cost sums.
    const raw = ctx.ledger.raw;
    const groupBy = raw.prepare(`select client_id, metric_id, count(*) as events, sum(quantity) as quantity, dec_sum(cost) as cost from usage_events where occurred_at >= ? and occurred_at < ? group by 1, 2`);
    const base = await time(() => groupBy.all(Date.parse('2026-10-01T04:00:00Z'), Date.parse('2026-11-01T04:00:00Z')));

    const cold = await time(() => ctx.dispatch('breakdown.list', { period }));
    if (!cold.value.ok) throw new Error(cold.value.error.message);
    const rows = cold.value.data.rows.length;
    const warm = await time(() => ctx.dispatch('breakdown.list', { period }));
    const summary = await time(() => ctx.dispatch('dashboard.summary', { period }));
    const one = await time(() => ctx.dispatch('statements.get', { clientId: cold.value.ok ? cold.value.data.rows[0]!.clientId : 1, period }));
    const bytes = Buffer.byteLength(JSON.stringify(cold.value.data));
    const perClient = cold.ms / rows;
    return [
      { figure: `breakdown.list ${fmt(rows)} clients, cold (ms)`, value: fmt(cold.ms), baseline: `${fmt(base.ms)} GROUP BY raw`, ratio: fmt(cold.ms / base.ms, 1), aim: '< 1,000 ms (issue)', ok: cold.ms < 1000 },
      { figure: 'breakdown.list, cached (ms)', value: fmt(warm.ms), baseline: `${fmt(base.ms)} GROUP BY raw`, ratio: fmt(warm.ms / base.ms, 2), aim: 'below raw', ok: warm.ms < base.ms },
      { figure: 'dashboard.summary, cached rating (ms)', value: fmt(summary.ms), baseline: `${fmt(base.ms)} GROUP BY raw`, ratio: fmt(summary.ms / base.ms, 2), aim: 'below raw', ok: summary.ms < base.ms },
      { figure: 'statements.get, one client (ms)', value: fmt(one.ms), baseline: `${fmt(perClient, 2)} batch/client`, ratio: fmt(one.ms / perClient, 0), aim: 'report', ok: null },
      { figure: 'breakdown.list response (KiB)', value: fmt(bytes / 1024), baseline: `${fmt(rows)} rows`, ratio: fmt(bytes / rows, 0), aim: 'report (B/row)', ok: null },
    ];
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
