// Runs in main (plain Node; no electron). The file source of usage: streams a CSV or JSON-lines file
// through a column mapping and yields batches of NormalizedEvents and RejectedRecords for the ledger
// writer, which resolves client keys and metrics against the database, detects duplicates of stored
// events and stores them. A dry run is the same read with the writer counting instead of storing.
//
// Streaming: the file is read in 256 KiB chunks and never held in memory; the generator does not read
// ahead while its consumer works on a batch (backpressure). Memory grows only with the ids remembered
// for duplicate detection (see row-processor.ts).
//
// Positions (RejectedRecord.position and the "Row N:" / "Line N:" prefix of every reason):
// - CSV: spreadsheet rows. The header is row 1, the first data row row 2 (row 1 without a header).
//   A quoted value with line breaks stays one row; empty rows are counted and skipped silently.
// - JSON lines: 1-based line numbers, blank lines counted and skipped silently.
//
// What rejects one row (reported, reading goes on): missing id / quantity / date / metric, unknown
// metric, negative or fractional quantity, bad date, bad cost or currency, wrong number of columns,
// malformed quotes (see csv-records.ts for how far a bad quote reaches), invalid JSON or a non-object
// line, a JSON line over 8 MB, a repeated event id.
// What aborts the whole file (ImportFileError, nothing more is yielded): an invalid mapping; bytes that are
// not UTF-8 (utf8-check.ts: never decoded into U+FFFD); a mapped
// column missing from the header (or there twice); an unknown constant metric or alias target; an
// unreadable or empty file; a malformed or empty header row; a CSV row with no end within 8 MB (a quote
// never closed in a large file). Batches already yielded stay valid; the caller decides whether to keep
// them (the ledger writer runs the whole import in one transaction or keeps what was stored).
// Cancellation: aborting `signal` closes the file and makes the generator throw `signal.reason`.
import type { Readable } from 'node:stream';
import { ImportMapping, type ImportMappingInput } from '../../../shared/domain/import-mapping';
import type { NormalizedEvent, RejectedRecord } from '../types';
import { readCsvItems } from './csv-records';
import { ImportFileError } from './import-file-error';
import { readJsonlItems } from './jsonl-lines';
import { openSource, unreadable } from './open-source';
export { positionLabel } from './position-label';
import { DEFAULT_MAX_TRACKED_IDS, RowProcessor } from './row-processor';
import { DEFAULT_MAX_RECORD_BYTES, type ByteCounter, type SourceItem } from './source-items';
import { utf8Checked } from './utf8-check';

export interface ReadProgress {
  /** data rows (or lines) read so far, the header excluded */
  rows: number;
  /** bytes read from the file so far */
  bytes: number;
  /** file size; null for a stream of unknown length */
  totalBytes: number | null;
}

export interface ReadUsageFileOptions {
  /** rows per yielded batch (default 1000) */
  batchSize?: number;
  /** metric keys of the ledger; a row naming another metric (after aliases) is rejected */
  knownMetricKeys: ReadonlySet<string>;
  /** metric key -> base unit, to word "must be a whole number of seconds" */
  metricUnits?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
  /** called at most every `progressIntervalMs` (default 100 ms) while reading, and once at the end */
  onProgress?: (progress: ReadProgress) => void;
  progressIntervalMs?: number;
  /** size of a Readable source, for progress (a path's size is read from the file system) */
  totalBytes?: number;
  /** CSV record / JSON line size limit (default 8 MiB) */
  maxRecordBytes?: number;
  /** how many ids to remember for in-file duplicate detection (default 5 million) */
  maxTrackedIds?: number;
}

export interface UsageBatch {
  events: NormalizedEvent[];
  /**
   * Row (CSV) or line (JSON lines) of each event, index for index with `events`, so that the ledger
   * writer can word its own rejections the same way: `${positionLabel(format, n)}: unknown client key ...`.
   */
  positions: number[];
  rejected: RejectedRecord[];
  /** data rows this batch covers: events + rejected + skipped empty rows (the header is not counted) */
  rowsRead: number;
}

/**
 * Reads a usage file as batches of events and rejected rows.
 *
 * @example
 * for await (const batch of readUsageFile(path, mapping, { knownMetricKeys, signal, onProgress })) {
 *   writer.add(batch.events, batch.rejected);
 * }
 */
export async function* readUsageFile(
  source: string | Readable,
  mappingInput: ImportMappingInput,
  options: ReadUsageFileOptions,
): AsyncGenerator<UsageBatch> {
  const mapping = parseMapping(mappingInput);
  const { signal, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const intervalMs = options.progressIntervalMs ?? 100;
  signal?.throwIfAborted();

  // Built before the file is opened: for JSON lines it checks the metrics of the mapping right away.
  const processor = new RowProcessor(
    mapping,
    { knownMetricKeys: options.knownMetricKeys, ...(options.metricUnits ? { metricUnits: options.metricUnits } : {}) },
    options.maxTrackedIds ?? DEFAULT_MAX_TRACKED_IDS,
  );
  const opened = await openSource(source, options.totalBytes);
  const onAbort = () => opened.stream.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  const counter: ByteCounter = { bytes: 0 };

  let rows = 0;
  let lastProgressAt = 0;
  const report = (force: boolean) => {
    if (onProgress === undefined) return;
    const now = performance.now();
    if (!force && now - lastProgressAt < intervalMs) return;
    lastProgressAt = now;
    onProgress({ rows, bytes: counter.bytes, totalBytes: opened.totalBytes });
  };

  let batch: UsageBatch = { events: [], positions: [], rejected: [], rowsRead: 0 };
  try {
    for await (const items of readItems(opened.stream, mapping.format, mapping.csv, counter, maxRecordBytes)) {
      signal?.throwIfAborted();
      for (const item of items) {
        const outcome = processor.process(item);
        if (item.kind === 'header') continue;
        rows++;
        batch.rowsRead++;
        if (outcome !== null) {
          if ('event' in outcome) {
            batch.events.push(outcome.event);
            batch.positions.push(outcome.position);
          } else {
            batch.rejected.push(outcome.rejected);
          }
        }
        if (batch.rowsRead >= batchSize) {
          report(false);
          yield batch;
          signal?.throwIfAborted();
          batch = { events: [], positions: [], rejected: [], rowsRead: 0 };
        }
      }
    }
    processor.finish();
    if (batch.rowsRead > 0) yield batch;
    report(true);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ImportFileError) throw error;
    if (isFsError(error)) throw unreadable(typeof source === 'string' ? source : 'the file', error);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    opened.stream.destroy();
  }
}

/** Validates a mapping, turning zod issues into one ImportFileError a user can read. */
export function parseMapping(input: ImportMappingInput): ImportMapping {
  const result = ImportMapping.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => issue.message);
  throw new ImportFileError('invalid_mapping', [...new Set(messages)].join(' '));
}

/** The reader for a format; only the delimiter and header flag of the CSV options matter to it. */
export function readItems(
  stream: Readable,
  format: ImportMapping['format'],
  csv: { delimiter: string; hasHeader: boolean } | undefined,
  counter: ByteCounter,
  maxRecordBytes: number,
): AsyncGenerator<SourceItem[]> {
  const text = utf8Checked(stream);
  if (format === 'jsonl') return readJsonlItems(text, maxRecordBytes, counter);
  return readCsvItems(text, { delimiter: csv?.delimiter ?? ',', hasHeader: csv?.hasHeader ?? true, maxRecordBytes }, counter);
}

function isFsError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { syscall?: unknown }).syscall === 'string';
}
