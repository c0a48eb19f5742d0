// Ingest: N normalized events through UsageStore.writeBatch (validation, idempotency, rollups in the same
// transaction) vs a raw better-sqlite3 insert loop into the same table with the same indexes.
// Period totals: usage.totals from rollups vs a GROUP BY over raw events for the same month.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../electron/services/app-context';
import { fixedClock } from '../electron/services/clock';
import { silentLogger } from '../electron/services/logger';
import type { NormalizedEvent } from '../electron/ingest/types';
import { UsageStore } from '../electron/db/usage-store';
import { fmt, type BenchRow } from './table';

const METRICS = ['interactions', 'messages', 'call_seconds', 'sms', 'ai_tokens'];
const START = Date.UTC(2026, 7, 1);
const SPAN = 90 * 86_400_000;

function makeEvents(n: number): NormalizedEvent[] {
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const out: NormalizedEvent[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      externalId: `evt_${i.toString(36).padStart(8, '0')}`,
      clientKey: `assistant:asst_${i % 100}`,
      metricKey: METRICS[i % METRICS.length]!,
      quantity: 1 + Math.floor(rnd() * 600),
      occurredAt: START + Math.floor(rnd() * SPAN),
      cost: i % 2 ? `0.${String(Math.floor(rnd() * 99999)).padStart(5, '0')}` : null,
    });
  }
  // providers deliver usage roughly in time order (pages are chronological): so does the bench
  return out.sort((a, b) => a.occurredAt - b.occurredAt);
}

async function freshLedger() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-bench-'));
  const ctx = await openAppContext({ dataDir: dir, mode: 'cli', clock: fixedClock('2026-11-01T00:00:00Z'), logger: silentLogger });
  const raw = ctx.ledger.raw;
  raw.exec(`insert into provider_accounts (kind, name, name_key, currency, config, created_at, updated_at) values ('vapi', 'Bench', 'bench', 'USD', '{}', 'x', 'x')`);
  const client = raw.prepare(`insert into clients (name, name_key, currency, status, created_at, updated_at) values (?, ?, 'USD', 'active', 'x', 'x')`);
  const map = raw.prepare(`insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (1, 'assistant', ?, ?, 'x')`);
  for (let c = 0; c < 100; c++) {
    const id = Number(client.run(`Client ${c}`, `client ${c}`).lastInsertRowid);
    map.run(`asst_${c}`, id);
  }
  return { ctx, dir };
}

const time = (fn: () => void) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

export async function ingestBench({ events: n }: { events: number }): Promise<BenchRow[]> {
  const events = makeEvents(n);
  const BATCH = 1000;

  // Baseline: the same table and indexes, a prepared insert per event, 1,000 per transaction.
  const base = await freshLedger();
  const metricIds = new Map((base.ctx.ledger.raw.prepare('select key, id from metrics').all() as Array<{ key: string; id: number }>).map((m) => [m.key, m.id]));
  const ins = base.ctx.ledger.raw.prepare(
    `insert into usage_events (provider_account_id, external_id, client_id, client_key, metric_id, quantity, occurred_at, cost, attrs, source, ingested_at)
     values (1, ?, ?, ?, ?, ?, ?, ?, null, 'api', 0) on conflict do nothing`,
  );
  const rawInsert = base.ctx.ledger.raw.transaction((chunk: NormalizedEvent[]) => {
    for (const e of chunk) ins.run(e.externalId, 1 + (Number(e.clientKey!.slice(15)) % 100), e.clientKey, metricIds.get(e.metricKey), e.quantity, e.occurredAt, e.cost);
  });
  const rawMs = time(() => {
    for (let i = 0; i < n; i += BATCH) rawInsert(events.slice(i, i + BATCH));
  });

  // Meterbook: UsageStore.writeBatch (validation, client resolution, idempotency, rollups, job bookkeeping).
  const mb = await freshLedger();
  const store = new UsageStore(mb.ctx.ledger.raw);
  const now = new Date();
  const mbMs = time(() => {
    for (let i = 0; i < n; i += BATCH) store.writeBatch({ providerAccountId: 1, events: events.slice(i, i + BATCH), unknownClient: 'unassigned', source: 'api', now });
  });

  // Period totals for one month, all clients: rollups vs GROUP BY over raw events.
  const from = '2026-09-01T00:00:00.000Z';
  const to = '2026-10-01T00:00:00.000Z';
  const reps = 20;
  let rollupMs = 0;
  for (let r = 0; r < reps; r++) {
    const t = process.hrtime.bigint();
    const res = await mb.ctx.dispatch('usage.totals', { from, to });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    rollupMs += Number(process.hrtime.bigint() - t) / 1e6;
  }
  const group = mb.ctx.ledger.raw.prepare(
    `select metric_id, count(*), sum(quantity), dec_sum(cost) from usage_events where occurred_at >= ? and occurred_at < ? group by metric_id`,
  );
  const groupMs = time(() => {
    for (let r = 0; r < reps; r++) group.all(Date.parse(from), Date.parse(to));
  });

  mb.ctx.ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fs.statSync(path.join(mb.dir, 'meterbook.sqlite')).size;
  base.ctx.ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
  const baseBytes = fs.statSync(path.join(base.dir, 'meterbook.sqlite')).size;

  for (const l of [base, mb]) {
    await l.ctx.close();
    fs.rmSync(l.dir, { recursive: true, force: true });
  }
  const rawRate = n / (rawMs / 1000);
  const mbRate = n / (mbMs / 1000);
  return [
    { figure: `ingest ${fmt(n)} events (events/s)`, value: fmt(mbRate), baseline: `${fmt(rawRate)} raw loop`, ratio: (mbRate / rawRate).toFixed(2), aim: '>= 0.60 of raw', ok: mbRate / rawRate >= 0.6 },
    {
      figure: 'month totals, all clients (ms)',
      value: fmt(rollupMs / reps, 2),
      baseline: `${fmt(groupMs / reps, 2)} GROUP BY raw`,
      ratio: (rollupMs / groupMs).toFixed(3),
      aim: 'well below raw',
      ok: rollupMs < groupMs,
    },
    { figure: 'bytes on disk per event', value: fmt(bytes / n, 1), baseline: `${fmt(baseBytes / n, 1)} events only`, ratio: (bytes / baseBytes).toFixed(2), aim: '<= 60 B (issue 9)', ok: bytes / n <= 60 },
  ];
}
