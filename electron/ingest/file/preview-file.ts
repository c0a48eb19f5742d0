// Runs in main. The import wizard's preview: what the file looks like (format, delimiter, headers, the
// first rows as text), a proposed mapping, and, given a mapping, what the first rows become (an event or
// the reason it is rejected) with exactly the rules of the real import. Reads only the start of the file.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  CSV_DELIMITERS,
  guessMapping,
  type CsvOptions,
  type GuessedColumns,
  type ImportMapping,
  type ImportMappingInput,
  type QuantityScale,
} from '../../../shared/domain/import-mapping';
import type { NormalizedEvent } from '../types';
import { ImportFileError } from './import-file-error';
import { openSource, unreadable } from './open-source';
import { parseMapping, readItems } from './parse-file';
import { readPath } from './row-mapper';
import { RowProcessor } from './row-processor';
import { DEFAULT_MAX_RECORD_BYTES, type SourceItem } from './source-items';

export interface PreviewOptions {
  /** data rows to show (default 20, at most 1000) */
  rows?: number;
  knownMetricKeys: ReadonlySet<string>;
  metricUnits?: ReadonlyMap<string, string>;
}

export type PreviewRow = { position: number; cells: string[] } | { position: number; error: string };
export type PreviewMapped = { position: number; event: NormalizedEvent } | { position: number; reason: string };

export interface UsageFilePreview {
  format: 'csv' | 'jsonl';
  /** the CSV options the preview was read with (from the mapping, or detected); null for JSON lines */
  csv: CsvOptions | null;
  /** CSV: the header row ([] without one); JSON lines: the keys (dot paths for nested values) seen in the previewed lines */
  headers: string[];
  /** the first data rows as text, in `headers` order for JSON lines; rows the reader could not read carry the reason */
  rows: PreviewRow[];
  /** given a mapping: what each previewed row becomes; null without a mapping or when the mapping does not fit the file */
  mapped: PreviewMapped[] | null;
  /** why the mapping does not fit the file (a missing column, an unknown metric, an invalid field); null when it fits */
  mappingError: string | null;
  /** a starting point for the wizard, from the header names and the previewed values */
  suggested: SuggestedMapping;
  totalBytes: number | null;
}

export interface SuggestedMapping {
  format: 'csv' | 'jsonl';
  csv?: { delimiter: CsvOptions['delimiter']; decimalSeparator: CsvOptions['decimalSeparator'] };
  columns: GuessedColumns & { quantityScale?: QuantityScale; timestampFormat?: 'iso' | 'unix' | 'unix_ms' | 'date' };
}

const SNIFF_BYTES = 64 * 1024;

export async function previewUsageFile(path: string, mappingInput: ImportMappingInput | null, options: PreviewOptions): Promise<UsageFilePreview> {
  const wanted = Math.min(Math.max(1, options.rows ?? 20), 1000);
  let mapping: ImportMapping | null = null;
  let mappingError: string | null = null;
  if (mappingInput !== null) {
    try {
      mapping = parseMapping(mappingInput);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      mappingError = error.message;
    }
  }
  const detected = mapping === null ? await sniff(path) : null;
  const format = mapping?.format ?? detected?.format ?? (mappingInput?.format === 'jsonl' ? 'jsonl' : 'csv');
  const csv: CsvOptions | null =
    format === 'jsonl'
      ? null
      : {
          delimiter: mapping?.csv?.delimiter ?? detected?.delimiter ?? ',',
          hasHeader: mapping?.csv?.hasHeader ?? true,
          encoding: 'utf-8',
          decimalSeparator: mapping?.csv?.decimalSeparator ?? '.',
        };

  const opened = await openSource(path);
  const counter = { bytes: 0 };
  const items: SourceItem[] = [];
  let header: string[] = [];
  let dataRows = 0;
  try {
    read: for await (const chunk of readItems(opened.stream, format, csv ?? undefined, counter, DEFAULT_MAX_RECORD_BYTES)) {
      for (const item of chunk) {
        items.push(item);
        if (item.kind === 'header') header = item.cells;
        else if (item.kind !== 'blank' && ++dataRows >= wanted) break read;
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw unreadable(path, error);
  } finally {
    opened.stream.destroy();
  }

  let mapped: PreviewMapped[] | null = null;
  if (mapping !== null) {
    try {
      const processor = new RowProcessor(mapping, { knownMetricKeys: options.knownMetricKeys, ...(options.metricUnits ? { metricUnits: options.metricUnits } : {}) });
      mapped = [];
      for (const item of items) {
        const outcome = processor.process(item);
        if (outcome === null) continue;
        mapped.push('event' in outcome ? outcome : { position: outcome.position, reason: outcome.rejected.reason });
      }
      processor.finish();
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      mapped = null;
      mappingError = error.message;
    }
  }

  const { headers, rows } = format === 'jsonl' ? jsonlTable(items) : csvTable(items, header);
  return {
    format,
    csv,
    headers,
    rows,
    mapped,
    mappingError,
    suggested: suggest(format, csv, headers, rows),
    totalBytes: opened.totalBytes,
  };
}

function csvTable(items: SourceItem[], header: string[]): { headers: string[]; rows: PreviewRow[] } {
  const rows: PreviewRow[] = [];
  for (const item of items) {
    if (item.kind === 'cells') rows.push({ position: item.position, cells: item.cells });
    else if (item.kind === 'malformed') rows.push({ position: item.position, error: `Row ${item.position}: ${item.reason}` });
  }
  return { headers: header, rows };
}

const MAX_JSONL_KEYS = 100;

/** JSON lines as a table: one column per key path holding a non-object value, in order of first appearance. */
function jsonlTable(items: SourceItem[]): { headers: string[]; rows: PreviewRow[] } {
  const keys: string[] = [];
  const known = new Set<string>();
  const collect = (value: unknown, prefix: string, depth: number) => {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && depth < 4) collect(inner, path, depth + 1);
      else if (!known.has(path) && keys.length < MAX_JSONL_KEYS) {
        known.add(path);
        keys.push(path);
      }
    }
  };
  const parsed: Array<{ position: number; value: Record<string, unknown> } | { position: number; error: string }> = [];
  for (const item of items) {
    if (item.kind === 'malformed') parsed.push({ position: item.position, error: `Line ${item.position}: ${item.reason}` });
    if (item.kind !== 'line') continue;
    try {
      const value: unknown = JSON.parse(item.text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        parsed.push({ position: item.position, error: `Line ${item.position}: expected a JSON object` });
      } else {
        parsed.push({ position: item.position, value: value as Record<string, unknown> });
        collect(value, '', 0);
      }
    } catch (error) {
      parsed.push({ position: item.position, error: `Line ${item.position}: invalid JSON (${(error as Error).message})` });
    }
  }
  const rows = parsed.map((p): PreviewRow => {
    if ('error' in p) return p;
    return {
      position: p.position,
      cells: keys.map((key) => {
        const v = readPath(p.value, key, key.split('.'));
        return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      }),
    };
  });
  return { headers: keys, rows };
}

/** Format from the extension, else from the first character; CSV delimiter from the first line. */
async function sniff(path: string): Promise<{ format: 'csv' | 'jsonl'; delimiter: CsvOptions['delimiter'] }> {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  const ext = extname(path).toLowerCase();
  const format = ['.jsonl', '.ndjson', '.jsonlines', '.json'].includes(ext)
    ? 'jsonl'
    : ['.csv', '.tsv', '.tab', '.txt'].includes(ext)
      ? 'csv'
      : text.trimStart().startsWith('{')
        ? 'jsonl'
        : 'csv';
  return { format, delimiter: ext === '.tsv' || ext === '.tab' ? '\t' : sniffDelimiter(text) };
}

/** The candidate delimiter found most often outside quotes on the first line; comma on a tie. */
export function sniffDelimiter(text: string): CsvOptions['delimiter'] {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: CsvOptions['delimiter'] = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

function suggest(format: 'csv' | 'jsonl', csv: CsvOptions | null, headers: string[], rows: PreviewRow[]): SuggestedMapping {
  const guess = guessMapping(headers);
  const columns: SuggestedMapping['columns'] = { ...guess.columns };
  if (guess.quantityScale !== undefined) columns.quantityScale = guess.quantityScale;
  const valuesOf = (name: string | undefined): string[] => {
    const index = name === undefined ? -1 : headers.indexOf(name);
    if (index < 0) return [];
    return rows.flatMap((r) => ('cells' in r && r.cells[index] !== undefined && r.cells[index].trim() !== '' ? [r.cells[index].trim()] : []));
  };
  const format_ = guessTimestampFormat(valuesOf(guess.columns.occurredAt));
  if (format_ !== null) columns.timestampFormat = format_;
  const suggestion: SuggestedMapping = { format, columns };
  if (csv !== null) {
    const numbers = [...valuesOf(guess.columns.quantity), ...valuesOf(guess.columns.cost)];
    const comma = csv.delimiter !== ',' && numbers.some((v) => /^-?\d+,\d+$/.test(v)) && !numbers.some((v) => /^-?\d+\.\d+$/.test(v));
    suggestion.csv = { delimiter: csv.delimiter, decimalSeparator: comma ? ',' : '.' };
  }
  return suggestion;
}

/** A named format when every sample value has its shape; null when there are no samples. */
export function guessTimestampFormat(values: readonly string[]): 'iso' | 'unix' | 'unix_ms' | 'date' | null {
  if (values.length === 0) return null;
  if (values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (values.every((v) => /^\d{9,10}(\.\d+)?$/.test(v))) return 'unix';
  if (values.every((v) => /^\d{12,13}$/.test(v))) return 'unix_ms';
  return 'iso';
}
