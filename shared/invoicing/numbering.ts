// Runs anywhere. Document numbers: a format with {YYYY}, {YY}, {MM} and {seq} / {seq:N} (zero-padded to N
// digits; a longer sequence number is printed whole, never cut), and the sequence a number is taken from.
// Yearly reset: one sequence per calendar year of the issue date; never: one sequence for ever.

export type NumberReset = 'yearly' | 'never';
export type DocumentKind = 'invoice' | 'credit_note';

/** "INV-{YYYY}-{seq:5}" + 2026-11-01 + 7 → "INV-2026-00007". */
export function formatDocumentNumber(format: string, issueDate: string, seq: number): string {
  const [yyyy, mm] = issueDate.split('-') as [string, string];
  return format
    .replaceAll('{YYYY}', yyyy)
    .replaceAll('{YY}', yyyy.slice(2))
    .replaceAll('{MM}', mm)
    .replace(/\{seq(?::(\d{1,2}))?\}/g, (_m, width?: string) => String(seq).padStart(width ? Number(width) : 1, '0'));
}

/** The sequence a document issued on `issueDate` takes its number from: "invoice:2026" or "invoice". */
export function sequenceKey(kind: DocumentKind, reset: NumberReset, issueDate: string): string {
  return reset === 'yearly' ? `${kind}:${issueDate.slice(0, 4)}` : kind;
}
