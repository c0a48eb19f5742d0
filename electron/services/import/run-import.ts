// Runs in main. One file import (or dry run) as a job: stream the file through the mapping, commit each
// batch (events, rollups, rejections, counters, checkpoint) in one transaction, report progress in bytes.
// A failure or a cancel keeps every committed batch; a kill -9 leaves the job row 'running' until the
// next start marks it 'interrupted'. Running the same import again finishes it: rows already stored are
// duplicates of themselves (same provider account + external id) and are skipped, not counted twice.
import type { ImportMapping } from '../../../shared/domain/import-mapping';
import type { IngestJobs, JobStatus } from '../../db/ingest-jobs';
import type { UnknownClientPolicy, UsageStore } from '../../db/usage-store';
import { ImportFileError } from '../../ingest/file/import-file-error';
import { readUsageFile } from '../../ingest/file/parse-file';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { commitBatch } from './commit-batch';

export interface ImportCounters {
  /** data rows read (events, rejected rows and skipped empty rows; not the header) */
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  unassigned: number;
}

export interface ImportCheckpoint {
  /** data rows whose outcome is committed (the header not counted) */
  rowsCommitted: number;
  /** bytes the reader had read when the batch was committed (it reads ahead a little) */
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOutcome {
  status: Exclude<JobStatus, 'running' | 'waiting'>;
  counters: ImportCounters;
  bytes: number;
  /** user-facing; null on success */
  message: string | null;
}

export interface RunImportInput {
  store: UsageStore;
  jobs: IngestJobs;
  clock: Clock;
  logger: Logger;
  jobId: number;
  providerAccountId: number;
  file: { path: string; name: string; size: number };
  mapping: ImportMapping;
  metrics: { keys: ReadonlySet<string>; units: ReadonlyMap<string, string> };
  unknownClient: UnknownClientPolicy;
  dryRun: boolean;
  signal: AbortSignal;
  batchSize?: number;
  /** after every committed batch */
  onProgress?: (counters: ImportCounters, bytes: number) => void;
  /** after a successful import that wrote usage (alerts evaluation hooks in here) */
  afterIngest?: (accountId: number) => Promise<void> | void;
}

export async function runImport(input: RunImportInput): Promise<ImportOutcome> {
  const counters: ImportCounters = { rows: 0, inserted: 0, duplicates: 0, rejected: 0, unassigned: 0 };
  let bytes = 0;
  const finish = (status: ImportOutcome['status'], message: string | null): ImportOutcome => {
    input.jobs.finish(input.jobId, status, input.clock.now(), message);
    return { status, counters, bytes, message };
  };
  try {
    const batches = readUsageFile(input.file.path, input.mapping, {
      knownMetricKeys: input.metrics.keys,
      metricUnits: input.metrics.units,
      signal: input.signal,
      progressIntervalMs: 0,
      onProgress: (p) => (bytes = p.bytes),
      ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
    });
    for await (const batch of batches) {
      const checkpoint: ImportCheckpoint = { rowsCommitted: counters.rows + batch.rowsRead, bytesRead: bytes, totalBytes: input.file.size };
      const written = commitBatch({
        store: input.store,
        providerAccountId: input.providerAccountId,
        jobId: input.jobId,
        format: input.mapping.format,
        batch,
        checkpoint: JSON.stringify(checkpoint),
        unknownClient: input.unknownClient,
        dryRun: input.dryRun,
        now: input.clock.now(),
      });
      counters.rows += batch.rowsRead;
      counters.inserted += written.inserted;
      counters.duplicates += written.duplicates;
      counters.unassigned += written.unassigned;
      counters.rejected += written.rejected.length;
      input.onProgress?.(counters, bytes);
    }
    if (!input.dryRun && counters.inserted > 0) await input.afterIngest?.(input.providerAccountId);
    return finish('succeeded', null);
  } catch (err) {
    const kept = input.dryRun ? '' : savedNote(counters);
    if (input.signal.aborted) {
      const reason: unknown = input.signal.reason;
      if (reason instanceof Error && reason.message === 'shutdown') {
        return finish('interrupted', `Meterbook closed during the ${input.dryRun ? 'dry run' : 'import'}.${kept} Start it again to finish.`);
      }
      return finish('cancelled', `Cancelled after ${counters.rows.toLocaleString('en-US')} rows.${kept}`);
    }
    if (err instanceof ImportFileError) return finish('failed', `${err.message}${kept}`);
    input.logger.error(`Import job ${input.jobId} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return finish('failed', `Meterbook hit an internal error while importing "${input.file.name}"; see the log.${kept}`);
  }
}

function savedNote(c: ImportCounters): string {
  if (c.rows === 0) return ' Nothing was imported.';
  return ` The ${c.inserted.toLocaleString('en-US')} new events of the first ${c.rows.toLocaleString('en-US')} rows are saved; importing the file again skips them.`;
}
