// Runs in main. Turns the readers' items into events and rejected rows: compiles the mapping once the
// header is known, prefixes reasons with the row number, and rejects repeated event ids within the file.
//
// Duplicate ids: the first valid row with an id wins; a later valid row with the same id is rejected as
// "duplicate event id X (first seen on row M)". The ids seen are kept exactly, off the JS heap, in
// SeenIds: ~8 bytes + the id's bytes + ~12 bytes of table per id (1 million 11-character ids ~ 50 MB
// with growth slack). Past `maxTrackedIds` (default 5 million, ~250 MB for ids of ~20 characters) new
// ids are no longer remembered (the ones already kept are still checked), so a repeat among the later
// ones is not caught here; it is still caught by the ledger's unique (provider account, external id)
// key and counted as a duplicate there.
import type { NormalizedEvent, RejectedRecord } from '../types';
import type { ImportMapping } from '../../../shared/domain/import-mapping';
import { ImportFileError } from './import-file-error';
import { positionLabel } from './position-label';
import { compileCsvMapper, compileJsonlMapper, type MapperContext, type MapResult } from './row-mapper';
import { SeenIds } from './seen-ids';
import type { SourceItem } from './source-items';

export const DEFAULT_MAX_TRACKED_IDS = 5_000_000;

export type RowOutcome = { position: number; event: NormalizedEvent } | { position: number; rejected: RejectedRecord };

export class RowProcessor {
  private csvMapper: ((cells: readonly string[]) => MapResult) | null = null;
  private readonly jsonlMapper: ((line: string) => MapResult) | null = null;
  private readonly seen = new SeenIds();
  private sawAnything = false;
  private sawHeader = false;

  constructor(
    private readonly mapping: ImportMapping,
    private readonly ctx: MapperContext,
    private readonly maxTrackedIds = DEFAULT_MAX_TRACKED_IDS,
  ) {
    if (mapping.format === 'jsonl') this.jsonlMapper = compileJsonlMapper(mapping, ctx);
  }

  /** The outcome of one item; null for the header and blank rows. Throws ImportFileError for file-level problems. */
  process(item: SourceItem): RowOutcome | null {
    this.sawAnything = true;
    switch (item.kind) {
      case 'header':
        this.sawHeader = true;
        if (item.cells.every((c) => c === '')) {
          throw new ImportFileError('empty_file', 'Row 1 should be the header row (column names) but it is empty.');
        }
        this.csvMapper = compileCsvMapper(this.mapping, item.cells, item.cells.length, this.ctx);
        return null;
      case 'blank':
        return null;
      case 'malformed':
        return this.reject(item.position, [item.reason]);
      case 'cells':
        // Without a header row, the first row fixes the column count.
        this.csvMapper ??= compileCsvMapper(this.mapping, null, item.cells.length, this.ctx);
        return this.outcome(item.position, this.csvMapper(item.cells));
      case 'line':
        return this.outcome(item.position, this.jsonlMapper!(item.text));
    }
  }

  /** Call after the last item: an empty file cannot be checked against the mapping, so it is an error. */
  finish(): void {
    if (!this.sawAnything) throw new ImportFileError('empty_file', 'The file is empty.');
    const hasHeader = this.mapping.format === 'csv' && (this.mapping.csv?.hasHeader ?? true);
    if (hasHeader && !this.sawHeader) throw new ImportFileError('empty_file', 'The file has no header row.');
  }

  private outcome(position: number, result: MapResult): RowOutcome {
    if (!result.ok) return this.reject(position, result.reasons, result.externalId);
    const id = result.event.externalId;
    const first = this.seen.firstSeen(id, position, this.seen.size < this.maxTrackedIds);
    if (first !== undefined) {
      return this.reject(position, [`duplicate event id "${id}" (first seen on ${positionLabel(this.mapping.format, first).toLowerCase()})`], id);
    }
    return { position, event: result.event };
  }

  private reject(position: number, reasons: string[], externalId?: string): RowOutcome {
    const rejected: RejectedRecord = { position, reason: `${positionLabel(this.mapping.format, position)}: ${reasons.join('; ')}` };
    if (externalId !== undefined) rejected.externalId = externalId;
    return { position, rejected };
  }
}
