// Runs in main. The ledger's usage hot path: idempotent event writes with rollups maintained in the same
// transaction, bucket revisions, re-attribution of unassigned usage, and rollup rebuilds.
// Raw prepared statements on purpose (ingest speed); every statement here is plain SQL a PostgreSQL team
// mode can mirror (ON CONFLICT upserts), except the dec_add/dec_sum helpers registered in sql-functions.ts.
import type BetterSqlite3 from 'better-sqlite3';
import { Dec, isDecimalText } from '../../shared/money/decimal';
import type { NormalizedEvent, RejectedRecord } from '../ingest/types';

export const SLOT_MS = 900_000;

/** Every rollup row recomputed from raw events, in usage_rollups' column order (rebuilds, bulk loads). */
export const ROLLUPS_FROM_EVENTS = `
  select coalesce(client_id, 0) as client_id, metric_id, provider_account_id, occurred_at / ${SLOT_MS} as slot,
         count(*) as events, sum(quantity) as quantity, sum(case when cost is null then quantity else 0 end) as uncosted_quantity,
         dec_sum(cost) as cost, max(quantity) as max_quantity
  from usage_events group by 1, 2, 3, 4`;

/** Slot layout of a window: whole slots [firstSlot, endSlot) and the raw ranges around them. */
export function slotPlan(w: { start: number; end: number }): { firstSlot: number; endSlot: number; rawRanges: Array<[number, number]> } {
  if (!(w.end > w.start)) throw new Error('A usage window must end after it starts.');
  const firstSlot = Math.ceil(w.start / SLOT_MS);
  const endSlot = Math.floor(w.end / SLOT_MS);
  if (firstSlot >= endSlot) return { firstSlot, endSlot: firstSlot, rawRanges: [[w.start, w.end]] };
  const rawRanges: Array<[number, number]> = [];
  if (w.start < firstSlot * SLOT_MS) rawRanges.push([w.start, firstSlot * SLOT_MS]);
  if (endSlot * SLOT_MS < w.end) rawRanges.push([endSlot * SLOT_MS, w.end]);
  return { firstSlot, endSlot, rawRanges };
}
const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

export type UnknownClientPolicy = 'unassigned' | 'reject';

export interface WriteBatchInput {
  providerAccountId: number;
  events: readonly NormalizedEvent[];
  /** row numbers / record positions parallel to `events`, for rejection messages (default: index + 1) */
  positions?: readonly number[];
  jobId?: number | null;
  /** persisted in the same transaction as the events (sync cursors) */
  cursor?: { value: string | null };
  /** extra counters for the job row (pages and records fetched by a connector, rejects found by a parser) */
  jobCounters?: { pages?: number; fetched?: number; rejected?: number };
  /** rejections found before the writer (parser, connector), stored with the job in the same transaction */
  priorRejections?: readonly RejectedRecord[];
  /** job checkpoint (JSON) persisted in the same transaction (resumable file imports) */
  checkpoint?: string;
  unknownClient: UnknownClientPolicy;
  source: 'api' | 'import' | 'demo' | 'manual';
  now: Date;
  /**
   * Count what would happen without keeping it: events, rollups and revisions are rolled back (to a
   * savepoint), while the job's bookkeeping (counters, rejections, checkpoint) is kept; no cursor moves.
   */
  dryRun?: boolean;
  /** rewords the writer's own rejections before they are stored and returned (file imports prefix "Row N:") */
  labelRejection?: (r: RejectedRecord) => RejectedRecord;
}

export interface WriteBatchResult {
  inserted: number;
  duplicates: number;
  replaced: number;
  unassigned: number;
  rejected: RejectedRecord[];
}

interface MetricInfo {
  id: number;
}

interface RollupDelta {
  client: number;
  metric: number;
  account: number;
  slot: number;
  events: number;
  quantity: number;
  uncosted: number;
  cost: InstanceType<typeof Dec>;
  max: number;
}

class DryRunRollback extends Error {
  constructor(readonly result: WriteBatchResult) {
    super('dry run');
  }
}

/** Stored rejections per job are capped; the job's counters stay exact. */
const MAX_STORED_REJECTIONS = 10_000;

export class UsageStore {
  private readonly stmts;

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.stmts = {
      account: raw.prepare('select id, currency from provider_accounts where id = ?'),
      metrics: raw.prepare('select id, key from metrics'),
      mappings: raw.prepare('select external_kind, external_id, client_id from client_mappings where provider_account_id = ?'),
      insert: raw.prepare(
        `insert into usage_events (provider_account_id, external_id, client_id, client_key, metric_id, quantity, occurred_at, cost, attrs, source, ingested_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (provider_account_id, external_id) do nothing`,
      ),
      existing: raw.prepare(
        'select id, client_id, metric_id, quantity, occurred_at, cost from usage_events where provider_account_id = ? and external_id = ?',
      ),
      replace: raw.prepare(
        'update usage_events set client_id = ?, client_key = ?, metric_id = ?, quantity = ?, occurred_at = ?, cost = ?, attrs = ?, ingested_at = ? where id = ?',
      ),
      revision: raw.prepare(
        'insert into usage_revisions (event_id, job_id, old_quantity, old_cost, new_quantity, new_cost, revised_at) values (?, ?, ?, ?, ?, ?, ?)',
      ),
      rollupAdd: raw.prepare(
        `insert into usage_rollups (client_id, metric_id, provider_account_id, slot, events, quantity, uncosted_quantity, cost, max_quantity)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (client_id, metric_id, provider_account_id, slot) do update set
           events = events + excluded.events,
           quantity = quantity + excluded.quantity,
           uncosted_quantity = uncosted_quantity + excluded.uncosted_quantity,
           cost = dec_add(cost, excluded.cost),
           max_quantity = max(max_quantity, excluded.max_quantity)`,
      ),
      rollupDelete: raw.prepare('delete from usage_rollups where client_id = ? and metric_id = ? and provider_account_id = ? and slot = ?'),
      rollupRecompute: raw.prepare(
        `insert into usage_rollups (client_id, metric_id, provider_account_id, slot, events, quantity, uncosted_quantity, cost, max_quantity)
         select ?, metric_id, provider_account_id, ?, count(*), sum(quantity), sum(case when cost is null then quantity else 0 end), dec_sum(cost), max(quantity)
         from usage_events
         where (client_id = ? or (? = 0 and client_id is null)) and metric_id = ? and provider_account_id = ? and occurred_at >= ? and occurred_at < ?
         group by metric_id, provider_account_id`,
      ),
      cursor: raw.prepare(
        `insert into sync_state (provider_account_id, cursor) values (?, ?)
         on conflict (provider_account_id) do update set cursor = excluded.cursor`,
      ),
      jobCounters: raw.prepare(
        `update ingest_jobs set pages = pages + ?, fetched = fetched + ?, inserted = inserted + ?, duplicates = duplicates + ?,
           replaced = replaced + ?, rejected = rejected + ?, checkpoint = coalesce(?, checkpoint) where id = ?`,
      ),
      storedRejections: raw.prepare('select count(*) as n from ingest_rejections where job_id = ?'),
      rejection: raw.prepare('insert into ingest_rejections (job_id, position, external_id, reason) values (?, ?, ?, ?)'),
    };
  }

  /** Writes a batch atomically: events, rollups, revisions, rejections, job counters and cursor commit together or not at all. */
  writeBatch(input: WriteBatchInput): WriteBatchResult {
    const run = this.raw.transaction((): WriteBatchResult => {
      const written = input.dryRun ? this.countOnly(input) : this.writeEvents(input);
      const result = input.labelRejection ? { ...written, rejected: written.rejected.map(input.labelRejection) } : written;
      this.writeBookkeeping(input, result);
      return result;
    });
    return run.immediate();
  }

  /** writeEvents inside a savepoint that is always rolled back: the counts without the writes. */
  private countOnly(input: WriteBatchInput): WriteBatchResult {
    try {
      this.raw.transaction(() => {
        throw new DryRunRollback(this.writeEvents(input));
      })();
    } catch (err) {
      if (err instanceof DryRunRollback) return err.result;
      throw err;
    }
    throw new Error('unreachable: the dry-run savepoint always rolls back');
  }

  /** Events, rollups and revisions of a batch (inside the caller's transaction). */
  private writeEvents(input: WriteBatchInput): WriteBatchResult {
    const account = this.stmts.account.get(input.providerAccountId) as { id: number; currency: string } | undefined;
    if (!account) throw new Error(`Provider account ${input.providerAccountId} does not exist.`);
    const metrics = new Map<string, MetricInfo>((this.stmts.metrics.all() as Array<{ id: number; key: string }>).map((m) => [m.key, { id: m.id }]));
    const mappings = new Map<string, number>(
      (this.stmts.mappings.all(input.providerAccountId) as Array<{ external_kind: string; external_id: string; client_id: number }>).map((m) => [
        `${m.external_kind}:${m.external_id}`,
        m.client_id,
      ]),
    );
    const result: WriteBatchResult = { inserted: 0, duplicates: 0, replaced: 0, unassigned: 0, rejected: [] };
    const deltas = new Map<string, RollupDelta>();
    const recompute = new Set<string>();
    const ingestedAt = input.now.getTime();
    const revisedAt = input.now.toISOString();

    const addDelta = (client: number, metric: number, occurredAt: number, quantity: number, cost: string | null) => {
      const slot = Math.floor(occurredAt / SLOT_MS);
      const k = `${client}|${metric}|${slot}`;
      let d = deltas.get(k);
      if (!d) {
        d = { client, metric, account: input.providerAccountId, slot, events: 0, quantity: 0, uncosted: 0, cost: new Dec(0), max: quantity };
        deltas.set(k, d);
      }
      d.events += 1;
      d.quantity += quantity;
      if (cost === null) d.uncosted += quantity;
      else d.cost = d.cost.plus(new Dec(cost));
      if (quantity > d.max) d.max = quantity;
    };

    input.events.forEach((e, i) => {
      const position = input.positions?.[i] ?? i + 1;
      const reject = (reason: string) => result.rejected.push({ position, externalId: e.externalId || undefined, reason } as RejectedRecord);
      if (typeof e.externalId !== 'string' || e.externalId.length === 0) return reject('missing event id');
      if (e.externalId.length > 256) return reject(`event id is longer than 256 characters`);
      const metric = metrics.get(e.metricKey);
      if (!metric) return reject(`unknown metric "${e.metricKey}"`);
      if (!Number.isSafeInteger(e.quantity)) return reject(`quantity ${String(e.quantity)} is not a whole number in the metric's base unit`);
      if (!Number.isSafeInteger(e.occurredAt) || e.occurredAt < MIN_TIME || e.occurredAt >= MAX_TIME) {
        const when = Number.isFinite(e.occurredAt) && Math.abs(e.occurredAt) < 8.64e15 ? new Date(e.occurredAt).toISOString() : String(e.occurredAt);
        return reject(`timestamp ${when} is outside 1990-01-01..2099-12-31`);
      }
      if (e.cost !== null && (typeof e.cost !== 'string' || !isDecimalText(e.cost))) return reject(`cost "${String(e.cost)}" is not a decimal number`);
      if (e.costCurrency && e.costCurrency.toUpperCase() !== account.currency) {
        return reject(`cost is in ${e.costCurrency.toUpperCase()} but this provider account bills in ${account.currency}`);
      }
      let clientId: number | null = null;
      if (e.clientKey) {
        // only an explicit mapping attributes usage: a provider's "client:3" must never land on Meterbook client 3 by accident
        clientId = mappings.get(e.clientKey) ?? null;
        if (clientId === null && input.unknownClient === 'reject') return reject(`unknown client key "${e.clientKey}" (map it to a client first)`);
      } else if (input.unknownClient === 'reject') {
        return reject('missing client key');
      }
      const attrs = e.attrs ? JSON.stringify(e.attrs) : null;
      const info = this.stmts.insert.run(
        input.providerAccountId,
        e.externalId,
        clientId,
        e.clientKey,
        metric.id,
        e.quantity,
        e.occurredAt,
        e.cost,
        attrs,
        input.source,
        ingestedAt,
      );
      if (info.changes === 1) {
        result.inserted += 1;
        if (clientId === null) result.unassigned += 1;
        addDelta(clientId ?? 0, metric.id, e.occurredAt, e.quantity, e.cost);
        return;
      }
      if (!e.replaceable) {
        result.duplicates += 1;
        return;
      }
      const old = this.stmts.existing.get(input.providerAccountId, e.externalId) as
        | { id: number; client_id: number | null; metric_id: number; quantity: number; occurred_at: number; cost: string | null }
        | undefined;
      if (!old) throw new Error('event vanished inside its own transaction');
      const same =
        old.quantity === e.quantity && old.cost === e.cost && old.metric_id === metric.id && old.occurred_at === e.occurredAt && old.client_id === clientId;
      if (same) {
        result.duplicates += 1;
        return;
      }
      this.stmts.replace.run(clientId, e.clientKey, metric.id, e.quantity, e.occurredAt, e.cost, attrs, ingestedAt, old.id);
      this.stmts.revision.run(old.id, input.jobId ?? null, old.quantity, old.cost, e.quantity, e.cost, revisedAt);
      recompute.add(`${old.client_id ?? 0}|${old.metric_id}|${Math.floor(old.occurred_at / SLOT_MS)}`);
      recompute.add(`${clientId ?? 0}|${metric.id}|${Math.floor(e.occurredAt / SLOT_MS)}`);
      result.replaced += 1;
    });

    for (const d of deltas.values()) {
      if (recompute.has(`${d.client}|${d.metric}|${d.slot}`)) continue;
      this.stmts.rollupAdd.run(d.client, d.metric, d.account, d.slot, d.events, d.quantity, d.uncosted, d.cost.toFixed(), d.max);
    }
    for (const k of recompute) {
      const [client, metric, slot] = k.split('|').map(Number) as [number, number, number];
      this.recomputeSlot(client, metric, input.providerAccountId, slot);
    }

    return result;
  }

  /** The job's rejections and counters, and the sync cursor (inside the caller's transaction). */
  private writeBookkeeping(input: WriteBatchInput, result: WriteBatchResult): void {
    const allRejected = [...(input.priorRejections ?? []), ...result.rejected];
    if (input.jobId != null) {
      let stored = (this.stmts.storedRejections.get(input.jobId) as { n: number }).n;
      for (const r of allRejected) {
        if (stored >= MAX_STORED_REJECTIONS) break;
        this.stmts.rejection.run(input.jobId, r.position, r.externalId ?? null, r.reason);
        stored += 1;
      }
      this.stmts.jobCounters.run(
        input.jobCounters?.pages ?? 0,
        input.jobCounters?.fetched ?? 0,
        result.inserted,
        result.duplicates,
        result.replaced,
        allRejected.length,
        input.checkpoint ?? null,
        input.jobId,
      );
    }
    if (input.cursor && !input.dryRun) this.stmts.cursor.run(input.providerAccountId, input.cursor.value);
  }

  /** Recomputes one rollup row from raw events (used after revisions and re-attribution). */
  recomputeSlot(client: number, metric: number, account: number, slot: number): void {
    this.stmts.rollupDelete.run(client, metric, account, slot);
    this.stmts.rollupRecompute.run(client, slot, client, client, metric, account, slot * SLOT_MS, (slot + 1) * SLOT_MS);
  }

  /**
   * Assigns every unassigned event of `clientKey` on the account to `clientId` and records the mapping,
   * moving the rollups with them. Nothing is lost and nothing counted twice: the same rows change owner.
   */
  assignClientKey(input: { providerAccountId: number; clientKey: string; clientId: number; now: Date }): { events: number } {
    const sep = input.clientKey.indexOf(':');
    if (sep <= 0) throw new Error(`Client key "${input.clientKey}" must look like kind:id.`);
    const kind = input.clientKey.slice(0, sep);
    const externalId = input.clientKey.slice(sep + 1);
    return this.raw.transaction(() => {
      this.raw
        .prepare(
          `insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (?, ?, ?, ?, ?)
           on conflict (provider_account_id, external_kind, external_id) do update set client_id = excluded.client_id`,
        )
        .run(input.providerAccountId, kind, externalId, input.clientId, input.now.toISOString());
      const slots = this.raw
        .prepare(
          `select metric_id, occurred_at / ${SLOT_MS} as slot from usage_events
           where provider_account_id = ? and client_id is null and client_key = ? group by 1, 2`,
        )
        .all(input.providerAccountId, input.clientKey) as Array<{ metric_id: number; slot: number }>;
      const moved = this.raw
        .prepare('update usage_events set client_id = ? where provider_account_id = ? and client_id is null and client_key = ?')
        .run(input.clientId, input.providerAccountId, input.clientKey).changes;
      for (const s of slots) {
        this.recomputeSlot(0, s.metric_id, input.providerAccountId, s.slot);
        this.recomputeSlot(input.clientId, s.metric_id, input.providerAccountId, s.slot);
      }
      return { events: moved };
    }).immediate();
  }

  /**
   * Recomputes every rollup from raw events and reports how many rows differed before the rebuild.
   * `apply: false` only compares.
   */
  rebuildRollups(options: { apply: boolean }): { rows: number; mismatches: number } {
    const expected = ROLLUPS_FROM_EVENTS;
    return this.raw.transaction(() => {
      this.raw.exec(`create temp table if not exists expected_rollups as select * from usage_rollups where 0`);
      this.raw.exec(`delete from temp.expected_rollups`);
      this.raw.exec(`insert into temp.expected_rollups ${expected}`);
      const mismatches = (
        this.raw
          .prepare(
            `select count(*) as n from (
               select * from temp.expected_rollups except select * from main.usage_rollups
               union all
               select * from main.usage_rollups except select * from temp.expected_rollups)`,
          )
          .get() as { n: number }
      ).n;
      const rows = (this.raw.prepare('select count(*) as n from temp.expected_rollups').get() as { n: number }).n;
      if (options.apply && mismatches > 0) {
        this.raw.exec('delete from main.usage_rollups');
        this.raw.exec('insert into main.usage_rollups select * from temp.expected_rollups');
      }
      this.raw.exec('drop table temp.expected_rollups');
      return { rows, mismatches };
    }).immediate();
  }
}
