// Runs in main. Commits one batch of a file import in ONE SQLite transaction (UsageStore.writeBatch): the
// events (idempotent inserts + rollups; for a dry run rolled back to a savepoint so only the counts remain)
// and the job's bookkeeping: the rejected rows (the parser's and the writer's, all worded "Row N: ..."), the
// row and new/duplicate counters and the checkpoint. A crash between batches leaves the ledger exactly as
// after the last committed batch, job row included.
import type { ImportMapping } from '../../../shared/domain/import-mapping';
import type { UnknownClientPolicy, UsageStore, WriteBatchResult } from '../../db/usage-store';
import type { UsageBatch } from '../../ingest/file/parse-file';
import { positionLabel } from '../../ingest/file/position-label';
import type { RejectedRecord } from '../../ingest/types';

export interface CommitBatchInput {
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

/** The writer's reason with the row in front, as the parser words its own ("Row 12: unknown client key ..."). */
export function labelRejection(format: ImportMapping['format'], r: RejectedRecord): RejectedRecord {
  const label = positionLabel(format, r.position);
  return r.reason.startsWith(`${label}:`) ? r : { ...r, reason: `${label}: ${r.reason}` };
}

export function commitBatch(input: CommitBatchInput): CommittedBatch {
  const { batch } = input;
  const written = input.store.writeBatch({
    providerAccountId: input.providerAccountId,
    events: batch.events,
    positions: batch.positions,
    priorRejections: batch.rejected,
    labelRejection: (r) => labelRejection(input.format, r),
    jobId: input.jobId,
    jobCounters: { fetched: batch.rowsRead },
    checkpoint: input.checkpoint,
    unknownClient: input.unknownClient,
    source: 'import',
    now: input.now,
    dryRun: input.dryRun,
  });
  return { ...written, rejected: [...batch.rejected, ...written.rejected] };
}
