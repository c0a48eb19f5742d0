// Runs in the renderer (pure). The breakdown as CSV: exactly the columns and rows shown, in their order, with the
// exact values (money as the server's decimal text, no symbols or separators). Format: docs/EXPORTS.md.
import type { BreakdownRow } from '../../../../shared/domain/dashboard';
import type { BreakdownColumn } from './breakdown-model';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

/** One RFC 4180 field; text that a spreadsheet would run as a formula gets a leading ' (numbers never do). */
export function csvField(value: string, text: boolean): string {
  const v = text && FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Header row of the columns' titles, then one record per row; CRLF between records, empty cells for "none". */
export function breakdownCsv(columns: readonly BreakdownColumn[], rows: readonly BreakdownRow[]): string {
  const isText = columns.map((c) => c.kind === 'text' || c.kind === 'status');
  const lines = [columns.map((c) => csvField(c.header, true)).join(',')];
  for (const row of rows) lines.push(columns.map((c, i) => csvField(c.value(row) ?? '', isText[i]!)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** "breakdown-2026-10.csv", or with "-filtered" when rows were filtered out. */
export function csvFileName(period: string, filtered: boolean): string {
  return `breakdown-${period}${filtered ? '-filtered' : ''}.csv`;
}
