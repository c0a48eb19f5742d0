import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestJobs } from '../../db/ingest-jobs';
import type { UsageBatch } from '../../ingest/file/parse-file';
import type { NormalizedEvent } from '../../ingest/types';
import { openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { commitBatch, labelRejection } from './commit-batch';
import { setUpAgency, type Agency } from './test-support';

let ctx: TempContext;
let agency: Agency;
beforeEach(async () => {
  ctx = await openTempContext();
  agency = await setUpAgency(ctx);
});
afterEach(async () => {
  await ctx.dispose();
});

const event = (id: string, clientKey: string | null): NormalizedEvent => ({
  externalId: id,
  clientKey,
  metricKey: 'call_seconds',
  quantity: 60,
  occurredAt: Date.UTC(2026, 9, 1, 12),
  cost: '0.05',
});

function batch(): UsageBatch {
  return {
    events: [event('a', 'sub_account:AC1'), event('b', 'sub_account:NOPE'), event('c', 'sub_account:AC2')],
    positions: [2, 4, 5],
    rejected: [{ position: 3, reason: 'Row 3: missing event id (column "call_id" is empty)' }],
    rowsRead: 4,
  };
}

const tables = () => ({
  events: ctx.ledger.raw.prepare('select * from usage_events order by id').all(),
  rollups: ctx.ledger.raw.prepare('select * from usage_rollups order by 1, 2, 3, 4').all(),
});

function commit(dryRun: boolean, jobId: number) {
  return commitBatch({
    store: ctx.store,
    providerAccountId: agency.accountId,
    jobId,
    format: 'csv',
    batch: batch(),
    checkpoint: JSON.stringify({ rowsCommitted: 4 }),
    unknownClient: 'reject',
    dryRun,
    now: new Date('2026-10-15T12:00:00Z'),
  });
}

describe('commitBatch', () => {
  it('stores events, rollups, every rejection worded "Row N: ..." and the job counters together', () => {
    const jobs = new IngestJobs(ctx.ledger.raw);
    const jobId = jobs.create({ kind: 'import', providerAccountId: agency.accountId, source: 'calls.csv', now: new Date() });
    const r = commit(false, jobId);
    expect(r).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'Row 3: missing event id (column "call_id" is empty)',
      'Row 4: unknown client key "sub_account:NOPE" (map it to a client first)',
    ]);
    expect(jobs.get(jobId)).toMatchObject({ fetched: 4, inserted: 2, duplicates: 0, rejected: 2, checkpoint: '{"rowsCommitted":4}', pages: 0 });
    const stored = ctx.ledger.raw.prepare('select position, external_id, reason from ingest_rejections where job_id = ? order by position').all(jobId);
    expect(stored).toEqual([
      { position: 3, external_id: null, reason: 'Row 3: missing event id (column "call_id" is empty)' },
      { position: 4, external_id: 'b', reason: 'Row 4: unknown client key "sub_account:NOPE" (map it to a client first)' },
    ]);
    expect(tables().events).toHaveLength(2);

    // the same batch again: duplicates, nothing added to the ledger
    const again = commit(false, jobId);
    expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(tables().events).toHaveLength(2);
    expect(jobs.get(jobId)).toMatchObject({ fetched: 8, inserted: 2, duplicates: 2, rejected: 4 });
  });

  it('a dry run keeps the job row, its counters and rejections, and nothing else', () => {
    const jobs = new IngestJobs(ctx.ledger.raw);
    const before = tables();
    const jobId = jobs.create({ kind: 'dry_run', providerAccountId: agency.accountId, source: 'calls.csv', now: new Date() });
    const r = commit(true, jobId);
    expect(r).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(r.rejected).toHaveLength(2);
    expect(tables()).toEqual(before);
    expect(jobs.get(jobId)).toMatchObject({ fetched: 4, inserted: 2, rejected: 2 });
    expect(ctx.ledger.raw.prepare('select count(*) n from ingest_rejections where job_id = ?').get(jobId)).toEqual({ n: 2 });
  });

  it('words JSON-lines rejections by line and never labels a reason twice', () => {
    expect(labelRejection('jsonl', { position: 7, reason: 'missing client key' }).reason).toBe('Line 7: missing client key');
    expect(labelRejection('csv', { position: 7, reason: 'Row 7: bad date' }).reason).toBe('Row 7: bad date');
  });
});
