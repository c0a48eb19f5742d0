// Runs in main. The one error type of the file import: a problem with the whole file or the mapping,
// as opposed to a bad row (a RejectedRecord). `message` is written for the user; `code` is stable for the UI.

export type ImportFileErrorCode =
  /** The mapping failed validation (the zod issues, joined). */
  | 'invalid_mapping'
  /** A constant metric or a metric alias names a metric the ledger does not have. */
  | 'unknown_metric'
  /** The file cannot be opened or read (missing, a folder, no permission, I/O error). */
  | 'file_unreadable'
  /** No rows at all, or no header row where one is expected. */
  | 'empty_file'
  /** The header row itself is malformed CSV. */
  | 'malformed_header'
  /** A mapped column is not in the header, is there twice, or its number is past the last column. */
  | 'column_not_found'
  /** No end of row within the record size limit (usually a quote that is never closed). */
  | 'record_too_large'
  /** Bytes that are not UTF-8 (a Latin-1 or UTF-16 file): stopped rather than decoded into U+FFFD. */
  | 'not_utf8';

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
