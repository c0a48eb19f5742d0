// Runs anywhere (pure: no I/O). The accountant's CSVs of a period: one row per invoice or credit note
// (invoices.csv) and one row per line, discount and tax of each document (invoice-lines.csv).
// Columns, formats and options are documented in docs/EXPORTS.md; a test checks that every column is.
//
// Money is copied from the frozen snapshot as text, never through a JS number: "1234.50" stays "1234.50"
// (or "1234,50" with decimalComma), a JPY "12000" stays "12000", a KWD "1.235" stays "1.235".
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { InvoiceSnapshot, InvoiceSummary, PaymentMethod } from '../../../shared/domain/invoice';

/** One document as the export sees it: its list summary, its snapshot, and what only the detail has. */
export interface CsvDocument {
  summary: InvoiceSummary;
  snapshot: InvoiceSnapshot;
  /** null until paid */
  payment: { date: string; method: PaymentMethod; reference: string | null } | null;
  /** null unless void */
  voidReason: string | null;
}

export interface CsvOptions {
  /** "1234,50" and ";" between fields (spreadsheets in most of Europe); default "1234.50" and "," */
  decimalComma?: boolean;
  /** start with a UTF-8 byte-order mark, so Excel reads accents and non-Latin names right */
  bom?: boolean;
}

export interface CsvColumn<Row> {
  name: string;
  /** one line for docs/EXPORTS.md */
  meaning: string;
  /** text: copied as is (formula-guarded); number: decimal text, decimal comma applied; plain: ids, dates, codes */
  type: 'text' | 'number' | 'plain';
  value(row: Row): string | number | null;
}

/** One row of invoice-lines.csv before formatting. */
export interface LineRow {
  doc: CsvDocument;
  /** 1-based position inside the document */
  position: number;
  rowType: 'line' | 'discount' | 'tax';
  source: string | null;
  kind: string | null;
  description: string;
  metricKey: string | null;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  rate: string | null;
  base: string | null;
  /** signed: what the row adds to the document's total */
  amount: string;
  note: string | null;
}

/** Last day of a period given its exclusive end (calendar arithmetic only, no time zone involved). */
const lastDay = (endExclusive: string): string => DateTime.fromISO(endExclusive, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? endExclusive;

/** "12.50" -> "-12.50", "-12.50" -> "12.50", "0.00" stays "0.00"; textual, so no float ever touches money. */
export function negateDecimalText(text: string): string {
  if (text.startsWith('-')) return text.slice(1);
  return /[1-9]/.test(text) ? `-${text}` : text;
}

export const INVOICE_COLUMNS: readonly CsvColumn<CsvDocument>[] = [
  { name: 'id', meaning: "Meterbook's id of the document (drafts have no number yet)", type: 'plain', value: (d) => d.summary.id },
  { name: 'number', meaning: 'invoice or credit note number; empty for drafts', type: 'text', value: (d) => d.snapshot.number },
  { name: 'kind', meaning: '`invoice` or `credit_note`', type: 'plain', value: (d) => d.snapshot.kind },
  { name: 'status', meaning: '`draft`, `issued`, `paid` or `void`', type: 'plain', value: (d) => d.summary.status },
  { name: 'client_id', meaning: "Meterbook's id of the client", type: 'plain', value: (d) => d.summary.clientId },
  { name: 'client_name', meaning: 'the client as printed on the document', type: 'text', value: (d) => d.snapshot.client.name },
  { name: 'client_tax_id', meaning: "the client's tax id (VAT number) as printed; empty when none", type: 'text', value: (d) => d.snapshot.client.taxId },
  { name: 'period', meaning: 'billing period label, `2026-10` (or `2026` for annual plans); empty when none', type: 'plain', value: (d) => d.snapshot.period?.label ?? null },
  { name: 'period_start', meaning: 'first day of the billing period (in the client\'s time zone)', type: 'plain', value: (d) => d.snapshot.period?.start ?? null },
  { name: 'period_end', meaning: 'last day of the billing period, inclusive', type: 'plain', value: (d) => (d.snapshot.period ? lastDay(d.snapshot.period.end) : null) },
  { name: 'issue_date', meaning: 'day of issue; empty for drafts', type: 'plain', value: (d) => d.snapshot.issueDate },
  { name: 'due_date', meaning: 'payment due day; empty for drafts', type: 'plain', value: (d) => d.snapshot.dueDate },
  { name: 'currency', meaning: 'ISO 4217 code; every amount of the row is in it', type: 'plain', value: (d) => d.snapshot.currency },
  { name: 'subtotal', meaning: 'sum of the line amounts', type: 'number', value: (d) => d.snapshot.totals.subtotal },
  { name: 'discount_total', meaning: 'sum of the discounts taken off the subtotal', type: 'number', value: (d) => d.snapshot.totals.discountTotal },
  { name: 'net', meaning: 'subtotal − discount_total: the taxable amount', type: 'number', value: (d) => d.snapshot.totals.net },
  { name: 'tax_total', meaning: 'sum of the taxes', type: 'number', value: (d) => d.snapshot.totals.taxTotal },
  { name: 'total', meaning: 'net + tax_total', type: 'number', value: (d) => d.snapshot.totals.total },
  { name: 'paid_from_balance', meaning: "taken from the client's prepaid balance at issue", type: 'number', value: (d) => d.snapshot.totals.paidFromBalance },
  { name: 'amount_due', meaning: 'total − paid_from_balance: what the document asks the client to pay', type: 'number', value: (d) => d.snapshot.totals.amountDue },
  { name: 'credited', meaning: 'sum of the issued credit notes against this invoice (0 on credit notes)', type: 'number', value: (d) => d.summary.credited },
  { name: 'balance_due', meaning: 'what the client still owes on the day of the export: amount_due − credited, 0 once paid or void', type: 'number', value: (d) => d.summary.balanceDue },
  { name: 'paid_on', meaning: 'day the payment was recorded; empty unless paid', type: 'plain', value: (d) => d.payment?.date ?? d.summary.paidOn },
  { name: 'payment_method', meaning: '`bank_transfer`, `card`, `cash`, `cheque`, `stripe`, `prepaid_balance` or `other`; empty unless paid', type: 'plain', value: (d) => d.payment?.method ?? null },
  { name: 'payment_reference', meaning: 'the payment reference entered when marking it paid', type: 'text', value: (d) => d.payment?.reference ?? null },
  { name: 'void_reason', meaning: 'why it was voided; empty unless void', type: 'text', value: (d) => d.voidReason },
  { name: 'credit_of_number', meaning: 'credit notes: the number of the invoice they correct', type: 'text', value: (d) => d.snapshot.creditOf?.number ?? null },
  { name: 'credit_reason', meaning: 'credit notes: the reason given', type: 'text', value: (d) => d.snapshot.creditReason },
];

export const LINE_COLUMNS: readonly CsvColumn<LineRow>[] = [
  { name: 'document_id', meaning: "Meterbook's id of the document (joins `invoices.csv` `id`)", type: 'plain', value: (r) => r.doc.summary.id },
  { name: 'document_number', meaning: 'its number; empty for drafts', type: 'text', value: (r) => r.doc.snapshot.number },
  { name: 'kind', meaning: '`invoice` or `credit_note`', type: 'plain', value: (r) => r.doc.snapshot.kind },
  { name: 'status', meaning: "the document's status", type: 'plain', value: (r) => r.doc.summary.status },
  { name: 'client_id', meaning: "Meterbook's id of the client", type: 'plain', value: (r) => r.doc.summary.clientId },
  { name: 'client_name', meaning: 'the client as printed', type: 'text', value: (r) => r.doc.snapshot.client.name },
  { name: 'issue_date', meaning: "the document's day of issue; empty for drafts", type: 'plain', value: (r) => r.doc.snapshot.issueDate },
  { name: 'currency', meaning: 'ISO 4217 code', type: 'plain', value: (r) => r.doc.snapshot.currency },
  { name: 'position', meaning: '1, 2, 3… within the document: lines first, then discounts, then taxes', type: 'plain', value: (r) => r.position },
  { name: 'row_type', meaning: '`line`, `discount` or `tax`', type: 'plain', value: (r) => r.rowType },
  { name: 'source', meaning: 'lines: `statement` (rated usage) or `manual` (added by hand); empty otherwise', type: 'plain', value: (r) => r.source },
  { name: 'line_kind', meaning: 'lines: `usage`, `overage`, `base_fee`, … or `manual`; discounts: `fixed` or `percent`; empty for taxes', type: 'plain', value: (r) => r.kind },
  { name: 'description', meaning: 'line or discount description, or tax name', type: 'text', value: (r) => r.description },
  { name: 'metric_key', meaning: 'lines: the metric counted (`interactions`, `sms`, …); empty otherwise', type: 'plain', value: (r) => r.metricKey },
  { name: 'quantity', meaning: 'lines: quantity in `unit`, full precision', type: 'number', value: (r) => r.quantity },
  { name: 'unit', meaning: 'lines: the unit of `quantity`', type: 'text', value: (r) => r.unit },
  { name: 'unit_price', meaning: 'lines: full-precision price per unit; empty when the amount is not quantity × price (tiers, fees)', type: 'number', value: (r) => r.unitPrice },
  { name: 'rate', meaning: 'percent discounts: the percent; fixed discounts: the amount entered; taxes: the rate in percent (`20`, `8.875`)', type: 'number', value: (r) => r.rate },
  { name: 'base', meaning: 'taxes: the taxable amount (net)', type: 'number', value: (r) => r.base },
  { name: 'amount', meaning: "signed contribution to the document's total: lines as printed, discounts negative, taxes positive (all negated on credit notes); a document's rows sum to its `total`", type: 'number', value: (r) => r.amount },
  { name: 'note', meaning: 'lines: the note printed under the line', type: 'text', value: (r) => r.note },
];

/** The rows of invoice-lines.csv for one document: lines, then discounts (negated), then taxes. */
export function lineRows(doc: CsvDocument): LineRow[] {
  const none = { source: null, kind: null, metricKey: null, quantity: null, unit: null, unitPrice: null, rate: null, base: null, note: null };
  const rows: Omit<LineRow, 'position'>[] = [
    ...doc.snapshot.lines.map((l) => ({
      ...none,
      doc,
      rowType: 'line' as const,
      source: l.source,
      kind: l.kind,
      description: l.description,
      metricKey: l.metricKey,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      amount: l.amount,
      note: l.note,
    })),
    ...doc.snapshot.discounts.map((d) => ({ ...none, doc, rowType: 'discount' as const, kind: d.kind, description: d.description, rate: d.value, amount: negateDecimalText(d.amount) })),
    ...doc.snapshot.taxes.map((t) => ({ ...none, doc, rowType: 'tax' as const, description: t.name, rate: t.rate, base: t.base, amount: t.amount })),
  ];
  return rows.map((r, i) => ({ ...r, position: i + 1 }));
}

/** invoices.csv: a header, then one row per document in the order given. */
export function invoicesCsv(docs: readonly CsvDocument[], options: CsvOptions = {}): string {
  return toCsv(INVOICE_COLUMNS, docs, options);
}

/** invoice-lines.csv: a header, then each document's lines, discounts and taxes. */
export function invoiceLinesCsv(docs: readonly CsvDocument[], options: CsvOptions = {}): string {
  return toCsv(LINE_COLUMNS, docs.flatMap(lineRows), options);
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, as OWASP
 * advises for CSV injection: a client called "=HYPERLINK(...)" stays text. Numbers are never touched.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], options: CsvOptions): string {
  const comma = options.decimalComma === true;
  const cell = (column: CsvColumn<Row>, row: Row): string => {
    const v = column.value(row);
    if (v === null) return '';
    const s = String(v);
    if (column.type === 'number') return comma ? s.replace('.', ',') : s;
    if (column.type === 'text') return guardFormula(s);
    return s;
  };
  return stringify(
    [columns.map((c) => c.name), ...rows.map((row) => columns.map((c) => cell(c, row)))],
    {
      delimiter: comma ? ';' : ',',
      // RFC 4180: CRLF between records (newlines inside a quoted field stay as they are)
      record_delimiter: '\r\n',
      bom: options.bom === true,
    },
  );
}
