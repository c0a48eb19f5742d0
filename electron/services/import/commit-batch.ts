// Runs in main. Commits one batch of a file import in ONE SQLite transaction:
//   1. the events, through UsageStore.writeBatch (idempotent inserts + rollups), or, for a dry run, the same
//      write rolled back to a savepoint so only the counts remain;
//   2. the job's bookkeeping: the rejected rows (the parser's and the writer's, all worded "Row N: ..."),
//      the row counter and the checkpoint (writeBatch with no events), plus the new/duplicate counters.
// A crash between batches leaves the ledger exactly as after the last committed batch, job row included.
//
// Why two writeBatch calls instead of one with a jobId: the writer's own rejection reasons are bare
// ("unknown client key ...") while the parser's carry the row ("Row 12: ..."); they are worded alike here
// before being stored. And a dry run must keep the job row's counters and rejections while rolling back
// the events, which writeBatch({ dryRun }) cannot do on its own (it rolls back everything it wrote).
import type BetterSqlite3 from 'better-sqlite3';
import type { ImportMapping } from '../../../shared/domain/import-mapping';
import type { UnknownClientPolicy, UsageStore, WriteBatchResult } from '../../db/usage-store';
import type { UsageBatch } from '../../ingest/file/parse-file';
import { positionLabel } from '../../ingest/file/position-label';
import type { RejectedRecord } from '../../ingest/types';

export interface CommitBatchInput {
  raw: BetterSqlite3.Database;
  store: UsageStore;
  providerAccountId: number;
  jobId: number;
  format: ImportMapping['format'];
  batch: UsageBatch;
  /** JSON stored on the job row with the batch */
  checkpoint: string;
  unknownClient: UnknownClientPolicy;
  dryRun: boolean;
  now: Date;
}

export interface CommittedBatch extends Omit<WriteBatchResult, 'rejected'> {
  /** every rejected row of the batch, parser's and writer's, as stored */
  rejected: RejectedRecord[];
}

const statements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function counterStatement(raw: BetterSqlite3.Database): BetterSqlite3.Statement {
  let stmt = statements.get(raw);
  if (stmt === undefined) {
    stmt = raw.prepare('update ingest_jobs set inserted = inserted + ?, duplicates = duplicates + ?, replaced = replaced + ? where id = ?');
    statements.set(raw, stmt);
  }
  return stmt;
}

/** The writer's reason with the row in front, as the parser words its own ("Row 12: unknown client key ..."). */
export function labelRejection(format: ImportMapping['format'], r: RejectedRecord): RejectedRecord {
  const label = positionLabel(format, r.position);
  return r.reason.startsWith(`${label}:`) ? r : { ...r, reason: `${label}: ${r.reason}` };
}

export function commitBatch(input: CommitBatchInput): CommittedBatch {
  const { raw, store, batch } = input;
  const updateCounters = counterStatement(raw);
  const run = raw.transaction((): CommittedBatch => {
    // Without a jobId the writer stores nothing about the job; with dryRun it rolls back to its savepoint.
    const written = store.writeBatch({
      providerAccountId: input.providerAccountId,
      events: batch.events,
      positions: batch.positions,
      unknownClient: input.unknownClient,
      source: 'import',
      now: input.now,
      dryRun: input.dryRun,
    });
    const rejected = [...batch.rejected, ...written.rejected.map((r) => labelRejection(input.format, r))];
    store.writeBatch({
      providerAccountId: input.providerAccountId,
      events: [],
      priorRejections: rejected,
      jobId: input.jobId,
      jobCounters: { fetched: batch.rowsRead },
      checkpoint: input.checkpoint,
      unknownClient: input.unknownClient,
      source: 'import',
      now: input.now,
    });
    updateCounters.run(written.inserted, written.duplicates, written.replaced, input.jobId);
    return { inserted: written.inserted, duplicates: written.duplicates, replaced: written.replaced, unassigned: written.unassigned, rejected };
  });
  return run.immediate();
}
