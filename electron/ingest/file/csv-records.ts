// Runs in main. Streams a CSV file through csv-parse and numbers its records like a spreadsheet does.
//
// Row numbers: every record the CSV library reads is one row, counted from 1; with a header the header
// is row 1 and the first data row is row 2. A quoted value spanning several lines is still one row, so
// row numbers match what Excel or LibreOffice show for a well-formed file (they are not line numbers).
// Empty lines, and rows whose cells are all empty (",,,," left by spreadsheets), are rows too (a
// spreadsheet shows them) but are skipped without a reason.
//
// Malformed quotes (csv-parse's `skip_records_with_error`): the record is dropped by the library and
// reported here as a row with a reason; reading continues with the next record:
// - a quote inside an unquoted value (`5" screen`): that row only.
// - a closing quote followed by something other than a delimiter (`"abc"x`): the library keeps reading
//   the value up to the next quote, so the lines up to there belong to the rejected row (the reason
//   names the line the row starts on) and later row numbers count that span as one row.
// - a quote that is never closed: at the end of the file the rest of the file was one value: one
//   rejected row, naming the lines; if no row ends within `maxRecordBytes` (8 MiB) the whole import
//   stops with `record_too_large` rather than buffering the file.
// Rows with too many or too few cells are NOT errors here (relax_column_count): the mapper reports them
// with the expected count. The header row being malformed stops the import (`malformed_header`).
import { Transform, pipeline, type Readable } from 'node:stream';
import { CsvError, parse, type Options, type Parser } from 'csv-parse';
import { ImportFileError } from './import-file-error';
import { readChunks } from './read-chunks';
import { describeSize, type ByteCounter, type SourceItem } from './source-items';

export interface CsvReadOptions {
  delimiter: string;
  hasHeader: boolean;
  maxRecordBytes: number;
}

interface ParsedRecord {
  record: string[];
  raw: string;
}

interface Skip {
  /** records the library emitted before this one (the header included) */
  goodBefore: number;
  /** the record's text so far at the latest error (used to tell one bad record from the next) */
  raw: string;
  first: CsvError;
  firstRaw: string;
}

export async function* readCsvItems(input: Readable, options: CsvReadOptions, counter: ByteCounter): AsyncGenerator<SourceItem[]> {
  const skips: Skip[] = [];
  let distinctSkips = 0;
  const parserOptions: Options & { readableHighWaterMark: number } = {
    delimiter: options.delimiter,
    bom: true,
    encoding: 'utf8',
    quote: '"',
    escape: '"',
    relax_quotes: false,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    // The raw text is what tells two errors in one record from errors in two records (see onSkip).
    raw: true,
    // Guarded by the byte counter below instead: csv-parse's own limit loses data when records are skipped.
    max_record_size: 0,
    readableHighWaterMark: 1024,
    on_skip: (err, raw) => {
      if (err === undefined) return;
      const text = raw ?? '';
      const goodBefore = typeof err.records === 'number' ? err.records : 0;
      const previous = lastSkip;
      // A record can raise several errors (two stray quotes). The library resets its raw buffer at every
      // record, so a later error of the same record sees a strictly longer raw text with the same start,
      // while the next record (even an identical one) starts again from an equal or shorter text.
      if (
        previous !== null &&
        previous.goodBefore === goodBefore &&
        text.length > previous.raw.length &&
        text.startsWith(previous.raw)
      ) {
        previous.raw = text;
        return;
      }
      const skip: Skip = { goodBefore, raw: text, first: err, firstRaw: text };
      skips.push(skip);
      lastSkip = skip;
      distinctSkips++;
    },
  };
  let lastSkip: Skip | null = null;
  const parser: Parser = parse(parserOptions);

  // Counts bytes for progress and stops the file when no record ends within maxRecordBytes.
  let bytesAtProgress = 0;
  let progressMark = -1;
  const guard = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      // Checked per chunk, before the parser sees it: has any record ended since the last check?
      const mark = parser.info.records + distinctSkips;
      if (mark !== progressMark) {
        progressMark = mark;
        bytesAtProgress = counter.bytes;
      }
      if (counter.bytes - bytesAtProgress > options.maxRecordBytes) {
        callback(
          new ImportFileError(
            'record_too_large',
            `Row ${mark + 1}: no end of row within ${describeSize(options.maxRecordBytes)}. Usually a quote (") opens a value and is never closed; check the quotes on that row.`,
          ),
        );
        return;
      }
      counter.bytes += size;
      callback(null, chunk);
    },
  });
  pipeline(input, guard, parser, () => {
    // Errors reach the consumer through the parser's 'error' event; early exits close everything.
  });

  let header: string[] | null = null;
  let good = 0;
  let skipsEmitted = 0;
  const malformed = (skip: Skip): SourceItem => {
    const position = skip.goodBefore + skipsEmitted + 1;
    skipsEmitted++;
    if (position === 1 && options.hasHeader) {
      throw new ImportFileError('malformed_header', `The header row (row 1) is not valid CSV: ${describe(skip, null)}`);
    }
    return { kind: 'malformed', position, reason: describe(skip, header) };
  };
  try {
    for await (const chunk of readChunks<ParsedRecord>(parser)) {
      const items: SourceItem[] = [];
      for (const { record } of chunk) {
        good++;
        while (skips.length > 0 && skips[0]!.goodBefore < good) items.push(malformed(skips.shift()!));
        const position = good + skipsEmitted;
        if (position === 1 && options.hasHeader) {
          header = record.map((h) => h.trim());
          items.push({ kind: 'header', position, cells: header });
        } else if (record[0]!.trim() === '' && record.every((cell) => cell.trim() === '')) {
          items.push({ kind: 'blank', position });
        } else {
          items.push({ kind: 'cells', position, cells: record });
        }
      }
      while (skips.length > 0 && skips[0]!.goodBefore < good) items.push(malformed(skips.shift()!));
      if (items.length > 0) yield items;
    }
    const rest: SourceItem[] = [];
    while (skips.length > 0) rest.push(malformed(skips.shift()!));
    if (rest.length > 0) yield rest;
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** The library's error as a reason a user can act on, naming the column and the lines involved. */
function describe(skip: Skip, header: string[] | null): string {
  const { first } = skip;
  const column = typeof first.column === 'number' ? first.column : null;
  const where = column === null ? '' : ` in ${header?.[column] !== undefined ? `column "${header[column]}"` : `column ${column + 1}`}`;
  // The library counts lines at the error; the raw text tells how many of them the record had used.
  const startLine = typeof first.lines === 'number' ? first.lines - newlines(skip.firstRaw) : null;
  const from = startLine === null ? '' : ` (the row starts on line ${startLine})`;
  switch (first.code) {
    case 'INVALID_OPENING_QUOTE':
      return `a quote (") appears inside an unquoted value${where}; put quotes around the whole value and double the quote inside it (e.g. "5"" screen")`;
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "(.*?)" at line/s.exec(first.message)?.[1];
      return `a closing quote${where} is followed by ${got === undefined ? 'a character' : `"${got}"`} instead of a delimiter, so everything up to the next quote was read into this row and skipped${from}; fix the quotes`;
    }
    case 'CSV_QUOTE_NOT_CLOSED': {
      // Here the raw text runs to the end of the file, so the span is exact.
      const endLine = startLine === null ? null : startLine + newlines(skip.raw.replace(/(?:\r\n|\r|\n)$/, ''));
      const span = startLine !== null && endLine !== null && endLine > startLine ? `lines ${startLine}–${endLine}` : startLine === null ? null : `line ${startLine}`;
      return `a quote (") opened${where} is never closed, so the rest of the file${span === null ? '' : ` (${span})`} was read as one value and skipped; close the quote`;
    }
    default:
      return `the CSV reader could not read this row${from}: ${first.message}`;
  }
}

function newlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
