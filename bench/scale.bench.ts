// A real agency's quarter: bench/generate-agency.ts with 100 clients, four provider accounts and 92 days of usage
// (August to October 2026, ~1,000,000 events by default; BENCH_EVENTS scales the density), generated once and
// written twice, so every figure has a baseline measured on the same events in the same run:
// - ingest: UsageStore.writeBatch (validation, client resolution through mappings, idempotency, rollups, in
//   batches of 1,000 per provider account as pages arrive) vs a prepared INSERT loop into the same usage_events
//   table with the same indexes, 1,000 per transaction;
// - month close for all clients (close.start: rate every client and write its draft invoice) vs one
//   GROUP BY client, metric over the month's raw events with exact cost sums;
// - bytes on disk per event: the ledger after a checkpoint vs the raw loop's ledger (events and their indexes only);
// - month totals (usage.totals from rollups) vs GROUP BY metric over the month's raw events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../electron/services/app-context';
import { fixedClock } from '../electron/services/clock';
import { silentLogger } from '../electron/services/logger';
import type { NormalizedEvent } from '../electron/ingest/types';
import { generateAgency, type GenerateOptions } from './generate-agency';
import { fmt, type BenchRow } from './table';

/** events per 1.0 of density for 100 clients over 92 days (measured: 29 gave 901,954; the Poisson counts are not linear in it) */
const EVENTS_PER_DENSITY = 31_100;
const CLOCK = '2026-11-03T12:00:00.000Z';
const PERIOD = '2026-10';
/** October in the agency's zone (New York): most clients' month; the baseline reads the same window */
const MONTH = { from: Date.parse('2026-10-01T04:00:00Z'), to: Date.parse('2026-11-01T04:00:00Z') };

interface Batch {
  accountId: number;
  events: NormalizedEvent[];
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function workspace(tag: string): Promise<{ ctx: AppContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mb-bench-${tag}-`));
  return { dir, ctx: await openAppContext({ dataDir: dir, mode: 'cli', clock: fixedClock(CLOCK), logger: silentLogger }) };
}

export interface ScaleResult {
  rows: BenchRow[];
  /** the Meterbook workspace, kept for the cold-start bench (the caller removes it) */
  dataDir: string;
}

const scaleOptions = (target: number, clients: number): GenerateOptions => ({ clients, days: 92, endDate: '2026-10-31', seed: 11, density: (target / EVENTS_PER_DENSITY) * (100 / clients) });

/** The same quarter written straight into a new workspace (for `--only=cold-start`); the caller removes `dataDir`. */
export async function scaleWorkspace({ events: target, clients = 100 }: { events: number; clients?: number }): Promise<string> {
  const { ctx, dir } = await workspace('cold');
  try {
    await generateAgency(ctx, scaleOptions(target, clients));
  } finally {
    await ctx.close();
  }
  return dir;
}

export async function scaleBench({ events: target, clients = 100 }: { events: number; clients?: number }): Promise<ScaleResult> {
  const options = scaleOptions(target, clients);

  // 1. Generate once (collected, not written) into the baseline workspace: clients, plans, accounts, then the events.
  const base = await workspace('raw');
  const batches: Batch[] = [];
  const gen = await generateAgency(base.ctx, {
    ...options,
    write: (accountId, events) => {
      batches.push({ accountId, events });
      return { inserted: events.length, unassigned: events.filter((e) => e.clientKey?.startsWith('unmapped:')).length };
    },
  });
  const n = gen.events;
  console.log(`scale: ${fmt(gen.clients)} clients, ${gen.providerAccounts} provider accounts, ${fmt(n)} events ${gen.from}..${gen.to} generated in ${fmt(gen.ms / 1000, 1)} s`);

  // 2. Baseline ingest: a prepared INSERT per event into the same table and indexes, one transaction per batch.
  const rawDb = base.ctx.ledger.raw;
  const metricIds = new Map((rawDb.prepare('select key, id from metrics').all() as Array<{ key: string; id: number }>).map((m) => [m.key, m.id]));
  const insert = rawDb.prepare(
    `insert into usage_events (provider_account_id, external_id, client_id, client_key, metric_id, quantity, occurred_at, cost, attrs, source, ingested_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?) on conflict do nothing`,
  );
  const now = Date.now();
  const writeRaw = rawDb.transaction((b: Batch) => {
    for (const e of b.events) {
      const clientId = e.clientKey?.startsWith('client:c') ? Number(e.clientKey.slice(8)) : null;
      insert.run(b.accountId, e.externalId, clientId, e.clientKey, metricIds.get(e.metricKey), e.quantity, e.occurredAt, e.cost ?? null, e.attrs ? JSON.stringify(e.attrs) : null, now);
    }
  });
  // 3. Meterbook ingest into a second workspace with the same setup (the generator is deterministic). The two
  //    writers alternate batch by batch, so both see the same machine load (it moves a lot on shared machines).
  const mb = await workspace('meterbook');
  await generateAgency(mb.ctx, { ...options, write: () => ({ inserted: 0, unassigned: 0 }) });
  let rawMs = 0;
  let mbMs = 0;
  let written = 0;
  for (const b of batches) {
    let t = process.hrtime.bigint();
    writeRaw(b);
    rawMs += ms(t);
    t = process.hrtime.bigint();
    const r = mb.ctx.store.writeBatch({ providerAccountId: b.accountId, events: b.events, unknownClient: 'unassigned', source: 'import', now: new Date() });
    mbMs += ms(t);
    if (r.rejected.length > 0) throw new Error(`rejected: ${r.rejected[0]!.reason}`);
    written += r.inserted;
  }
  if (written !== n) throw new Error(`Meterbook wrote ${written} events, the generator made ${n}`);
  batches.length = 0;

  // 4. Month close for every client vs GROUP BY client, metric over the month's raw events.
  const groupBy = mb.ctx.ledger.raw.prepare(
    `select client_id, metric_id, count(*) as events, sum(quantity) as quantity, dec_sum(cost) as cost
     from usage_events where occurred_at >= ? and occurred_at < ? group by 1, 2`,
  );
  groupBy.all(MONTH.from, MONTH.to); // warm the page cache like the close's first read
  let t = process.hrtime.bigint();
  const grouped = groupBy.all(MONTH.from, MONTH.to).length;
  const groupMs = ms(t);
  const close = async () => {
    const started = process.hrtime.bigint();
    const run = await mb.ctx.services.invoices.close.start(PERIOD);
    const done = await mb.ctx.services.invoices.close.wait(run.id);
    if (done.status !== 'done') throw new Error(`close ended ${done.status}`);
    return { ms: ms(started), run: done };
  };
  const first = await close();
  const again = await close();
  console.log(
    `scale: close ${PERIOD}: ${first.run.created} drafts created, ${first.run.skipped} skipped, ${first.run.failures.length} failed; re-close updated ${again.run.updated}; GROUP BY gave ${grouped} rows`,
  );

  // 5. Month totals from rollups vs GROUP BY metric over raw events.
  const reps = 10;
  const from = new Date(MONTH.from).toISOString();
  const to = new Date(MONTH.to).toISOString();
  t = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    const res = await mb.ctx.dispatch('usage.totals', { from, to });
    if (!res.ok) throw new Error(res.error.message);
  }
  const totalsMs = ms(t) / reps;
  const byMetric = mb.ctx.ledger.raw.prepare(`select metric_id, count(*), sum(quantity), dec_sum(cost) from usage_events where occurred_at >= ? and occurred_at < ? group by metric_id`);
  t = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) byMetric.all(MONTH.from, MONTH.to);
  const byMetricMs = ms(t) / reps;

  // 6. Bytes on disk per event, after a checkpoint (the WAL folded into the file).
  const size = (ctx: AppContext, dir: string) => {
    ctx.ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
    return fs.statSync(path.join(dir, 'meterbook.sqlite')).size;
  };
  const mbBytes = size(mb.ctx, mb.dir);
  const rawBytes = size(base.ctx, base.dir);
  // where the bytes go (SQLite's dbstat: pages of each table and index)
  const parts = mb.ctx.ledger.raw
    .prepare(`select name, sum(pgsize) as bytes from dbstat where name in ('usage_events', 'usage_rollups', 'usage_events_client_metric_time', 'sqlite_autoindex_usage_events_1') group by name order by 2 desc`)
    .all() as Array<{ name: string; bytes: number }>;
  const PART: Record<string, string> = {
    usage_events: 'events table',
    usage_rollups: '15-minute rollups',
    usage_events_client_metric_time: 'index (client, metric, time)',
    sqlite_autoindex_usage_events_1: 'unique index (account, external id)',
  };

  await base.ctx.close();
  fs.rmSync(base.dir, { recursive: true, force: true });
  await mb.ctx.close();

  const rawRate = n / (rawMs / 1000);
  const mbRate = n / (mbMs / 1000);
  return {
    dataDir: mb.dir,
    rows: [
      { figure: `ingest ${fmt(n)} events (events/s)`, value: fmt(mbRate), baseline: `${fmt(rawRate)} raw loop`, ratio: (mbRate / rawRate).toFixed(2), aim: '>= 0.60 of raw', ok: mbRate / rawRate >= 0.6 },
      {
        figure: `month close, ${first.run.total} clients (ms)`,
        value: fmt(first.ms),
        baseline: `${fmt(groupMs, 1)} GROUP BY raw`,
        ratio: (first.ms / groupMs).toFixed(3),
        aim: '<= 1/50 (0.020) of raw',
        ok: first.ms / groupMs <= 1 / 50,
      },
      { figure: 'month re-close, drafts refreshed (ms)', value: fmt(again.ms), baseline: `${fmt(groupMs, 1)} GROUP BY raw`, ratio: (again.ms / groupMs).toFixed(3), aim: 'report', ok: null },
      { figure: 'month totals, all clients (ms)', value: fmt(totalsMs, 1), baseline: `${fmt(byMetricMs, 1)} GROUP BY raw`, ratio: (totalsMs / byMetricMs).toFixed(3), aim: 'below raw', ok: totalsMs < byMetricMs },
      { figure: 'bytes on disk per event', value: fmt(mbBytes / n, 1), baseline: `${fmt(rawBytes / n, 1)} events only`, ratio: (mbBytes / rawBytes).toFixed(2), aim: '<= 60 B', ok: mbBytes / n <= 60 },
      ...parts.map((p) => ({ figure: `  of which ${PART[p.name] ?? p.name}`, value: fmt(p.bytes / n, 1), baseline: `${fmt(mbBytes / n, 1)} whole file`, ratio: (p.bytes / mbBytes).toFixed(2), aim: 'report', ok: null })),
    ],
  };
}
