// Runs in main. File import commands: pick a file (Electron), preview it through a mapping, start an import
// or a dry run as a background job (job id `ingest:<row id>`, like syncs), cancel it.
import type { z } from 'zod';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { ImportPreview } from '../../../shared/domain/file-import';
import type { ImportMappingInput } from '../../../shared/domain/import-mapping';
import { IngestJobs } from '../../db/ingest-jobs';
import { ImportFileError } from '../../ingest/file/import-file-error';
import { previewUsageFile, type UsageFilePreview } from '../../ingest/file/preview-file';
import type { AppContextDeps } from '../app-deps';
import { AppError } from '../errors';
import { syncJobId } from '../sync-service';
import { resolveFileRef, statPath, type ResolvedFile } from './file-ref';
import { runImport, type ImportCounters } from './run-import';
import type { UploadStore } from './uploads';

export interface ImportServiceOptions {
  /** rows per committed batch (default 1000) */
  batchSize?: number;
  /** at most one data.changed event per interval while an import runs (default 1 s) */
  changedIntervalMs?: number;
  /** after a successful import that wrote usage (alerts evaluation) */
  afterIngest?: (accountId: number) => Promise<void> | void;
}

export class ImportService {
  private readonly jobs: IngestJobs;

  constructor(
    private readonly d: AppContextDeps,
    private readonly uploads: UploadStore,
    private readonly options: ImportServiceOptions = {},
  ) {
    this.jobs = new IngestJobs(d.ledger.raw);
  }

  /** Electron's open-file dialog; browser mode uploads instead. */
  async pick(purpose: 'usage'): Promise<{ path: string; name: string; size: number } | null> {
    if (this.d.host.pickFile === undefined) {
      throw new AppError('invalid_input', 'Choose the file with the upload button (browser mode has no file dialog).');
    }
    const chosen = await this.d.host.pickFile(purpose);
    if (chosen === null) return null;
    return statPath(chosen);
  }

  async resolve(ref: ParsedInput<'import.start'>['file']): Promise<ResolvedFile> {
    return resolveFileRef(ref, this.uploads);
  }

  async preview(input: ParsedInput<'import.preview'>): Promise<z.infer<typeof ImportPreview>> {
    const file = await this.resolve(input.file);
    const metrics = await this.metrics();
    let preview: UsageFilePreview;
    try {
      preview = await previewUsageFile(file.path, (input.mapping ?? null) as ImportMappingInput | null, {
        rows: input.rows,
        knownMetricKeys: metrics.keys,
        metricUnits: metrics.units,
      });
    } catch (err) {
      if (err instanceof ImportFileError) throw new AppError('invalid_input', err.message);
      throw err;
    }
    return {
      format: preview.format,
      delimiter: preview.csv?.delimiter ?? null,
      headers: preview.headers,
      // a row the reader could not read shows its reason as its only cell ("Row 4: a quote ...")
      rows: preview.rows.map((r) => ('cells' in r ? r.cells : [r.error])),
      mapped: (preview.mapped ?? []).map((m) =>
        'event' in m
          ? {
              row: m.position,
              event: {
                externalId: m.event.externalId,
                clientKey: m.event.clientKey,
                metricKey: m.event.metricKey,
                quantity: m.event.quantity,
                occurredAt: new Date(m.event.occurredAt).toISOString(),
                cost: m.event.cost,
              },
              reason: null,
            }
          : { row: m.position, event: null, reason: m.reason },
      ),
      mappingError: preview.mappingError,
      suggested: preview.suggested,
    };
  }

  /**
   * Starts an import (or a dry run) in the background. Problems with the whole file or the mapping (a
   * missing column, an empty file, an unknown constant metric) are refused here, before any job exists.
   */
  async start(input: ParsedInput<'import.start'>): Promise<{ jobId: string; id: number }> {
    const account = await this.d.ledger.db
      .selectFrom('provider_accounts')
      .select(['id', 'name', 'archived_at'])
      .where('id', '=', input.providerAccountId)
      .executeTakeFirst();
    if (!account) throw new AppError('invalid_input', `Provider account ${input.providerAccountId} does not exist.`, { field: 'providerAccountId' });
    if (account.archived_at !== null) {
      throw new AppError('conflict', `"${account.name}" is archived; restore it before importing usage into it.`, { field: 'providerAccountId' });
    }
    const file = await this.resolve(input.file);
    const metrics = await this.metrics();
    try {
      const check = await previewUsageFile(file.path, input.mapping, { rows: 1, knownMetricKeys: metrics.keys, metricUnits: metrics.units });
      if (check.mappingError !== null) throw new AppError('invalid_input', check.mappingError, { field: 'mapping' });
    } catch (err) {
      if (err instanceof ImportFileError) throw new AppError('invalid_input', err.message, { field: 'file' });
      throw err;
    }

    const kind = input.dryRun ? 'dry_run' : 'import';
    const id = this.jobs.create({ kind, providerAccountId: account.id, source: file.name, now: this.d.clock.now() });
    const jobId = syncJobId(id);
    this.d.bus.changed('ingest_jobs');
    const tables = input.dryRun ? ['ingest_jobs'] : ['ingest_jobs', 'usage_events', 'usage_rollups'];
    const verb = input.dryRun ? 'Checking' : 'Importing';
    this.d.jobs.start(jobId, kind, async (ctl) => {
      let lastChanged = 0;
      const outcome = await runImport({
        store: this.d.store,
        jobs: this.jobs,
        clock: this.d.clock,
        logger: this.d.logger,
        jobId: id,
        providerAccountId: account.id,
        file,
        mapping: input.mapping,
        metrics,
        unknownClient: input.unknownClient,
        dryRun: input.dryRun,
        signal: ctl.signal,
        ...(this.options.batchSize !== undefined ? { batchSize: this.options.batchSize } : {}),
        ...(this.options.afterIngest ? { afterIngest: this.options.afterIngest } : {}),
        onProgress: (c, bytes) => {
          ctl.progress({ step: `${verb} ${file.name}: ${c.rows.toLocaleString('en-US')} rows`, current: bytes, total: file.size, counters: progressCounters(c) });
          const now = Date.now();
          if (now - lastChanged >= (this.options.changedIntervalMs ?? 1000)) {
            lastChanged = now;
            this.d.bus.changed(...tables);
          }
        },
      });
      this.d.bus.changed(...tables);
      const c = outcome.counters;
      const summary = `${c.inserted.toLocaleString('en-US')} new, ${c.duplicates.toLocaleString('en-US')} duplicates, ${c.rejected.toLocaleString('en-US')} rejected`;
      return {
        step: outcome.status === 'succeeded' ? `Done: ${summary}` : `${outcome.status[0]!.toUpperCase()}${outcome.status.slice(1)}: ${summary}`,
        current: outcome.status === 'succeeded' ? file.size : outcome.bytes,
        total: file.size,
        counters: progressCounters(c),
        ...(outcome.message !== null && outcome.status !== 'succeeded' ? { error: outcome.message } : {}),
      };
    });
    return { jobId, id };
  }

  cancel(jobId: string): boolean {
    return this.d.jobs.cancel(jobId);
  }

  async wait(jobId: string): Promise<void> {
    await this.d.jobs.wait(jobId);
  }

  /** The ledger's metric keys and their base units, for the reader's checks and messages. */
  private async metrics(): Promise<{ keys: ReadonlySet<string>; units: ReadonlyMap<string, string> }> {
    const rows = await this.d.ledger.db.selectFrom('metrics').select(['key', 'unit']).execute();
    return { keys: new Set(rows.map((r) => r.key)), units: new Map(rows.map((r) => [r.key, r.unit])) };
  }
}

function progressCounters(c: ImportCounters): Record<string, number> {
  return { rows: c.rows, inserted: c.inserted, duplicates: c.duplicates, rejected: c.rejected, unassigned: c.unassigned };
}
