// Runs in main. What the CSV and JSON-lines readers hand to the mapper, in file order, a chunk at a time.

export type SourceItem =
  /** CSV: the header row (row 1). */
  | { kind: 'header'; position: number; cells: string[] }
  /** CSV: one record (its cells as text, untrimmed). */
  | { kind: 'cells'; position: number; cells: string[] }
  /** JSON lines: one non-blank line, not yet parsed. */
  | { kind: 'line'; position: number; text: string }
  /** An empty row or line: skipped without a reason, but it keeps its number. */
  | { kind: 'blank'; position: number }
  /** The reader could not read this row (bad quotes, line too long); `reason` has no "Row N:" prefix. */
  | { kind: 'malformed'; position: number; reason: string };

/** Bytes read from the source so far, for progress. */
export interface ByteCounter {
  bytes: number;
}

/** A record (CSV) or line (JSONL) longer than this aborts (CSV) or rejects (JSONL) it: 8 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

/** "8 MB", "98 KB": a byte limit as users read it. */
export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
