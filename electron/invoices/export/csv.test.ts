import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { InvoiceSnapshot, InvoiceSummary } from '../../../shared/domain/invoice';
import { dec, sum } from '../../../shared/money/decimal';
import { INVOICE_COLUMNS, LINE_COLUMNS, guardFormula, invoiceLinesCsv, invoicesCsv, negateDecimalText, type CsvDocument } from './csv';

const party = (name: string, taxId: string | null = null) => ({ name, contactName: null, email: null, phone: null, addressLines: [], taxId });

function doc(over: { snapshot?: Partial<InvoiceSnapshot>; summary?: Partial<InvoiceSummary>; payment?: CsvDocument['payment']; voidReason?: string | null } = {}): CsvDocument {
  const snapshot: InvoiceSnapshot = {
    schemaVersion: 1,
    kind: 'invoice',
    number: 'INV-2026-00001',
    currency: 'USD',
    locale: 'en-US',
    issueDate: '2026-11-01',
    dueDate: '2026-11-15',
    paymentTermsDays: 14,
    period: { label: '2026-10', start: '2026-10-01', end: '2026-11-01' },
    agency: party('Agency'),
    client: party('Acme Dental', 'US-123'),
    branding: { accentColor: '#1f6feb', logo: null },
    planName: 'Standard',
    lines: [
      { source: 'statement', kind: 'base_fee', description: 'Base fee', metricKey: null, quantity: '1', unit: 'month', unitPrice: null, amount: '199.00', note: null },
      { source: 'statement', kind: 'usage', description: 'Interactions', metricKey: 'interactions', quantity: '2071', unit: 'interaction', unitPrice: '0.5', amount: '1035.50', note: 'first 100 included' },
    ],
    discounts: [{ description: 'Loyalty', kind: 'percent', value: '10', amount: '123.45' }],
    taxes: [{ name: 'VAT', rate: '20', base: '1111.05', amount: '222.21' }],
    reverseChargeMention: null,
    totals: { subtotal: '1234.50', discountTotal: '123.45', net: '1111.05', taxTotal: '222.21', total: '1333.26', paidFromBalance: '100.00', amountDue: '1233.26' },
    notes: null,
    paymentInstructions: null,
    creditOf: null,
    creditReason: null,
    ...over.snapshot,
  };
  const summary: InvoiceSummary = {
    id: 7,
    kind: snapshot.kind,
    status: 'issued',
    number: snapshot.number,
    clientId: 3,
    clientName: snapshot.client.name,
    periodLabel: snapshot.period?.label ?? null,
    currency: snapshot.currency,
    issueDate: snapshot.issueDate,
    dueDate: snapshot.dueDate,
    total: snapshot.totals.total,
    paidFromBalance: snapshot.totals.paidFromBalance,
    amountDue: snapshot.totals.amountDue,
    credited: '0.00',
    balanceDue: snapshot.totals.amountDue,
    overdue: false,
    paidOn: null,
    creditOfId: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over.summary,
  };
  return { snapshot, summary, payment: over.payment ?? null, voidReason: over.voidReason ?? null };
}

const records = (csv: string, delimiter = ',') => parse(csv, { columns: true, delimiter, bom: true }) as Record<string, string>[];

describe('invoices.csv', () => {
  it('has one row per document with the documented columns, money as the snapshot text', () => {
    const paid = doc({ summary: { id: 8, status: 'paid', paidOn: '2026-11-20', balanceDue: '0.00' }, payment: { date: '2026-11-20', method: 'bank_transfer', reference: 'wire 42' } });
    const csv = invoicesCsv([doc(), paid]);
    expect(csv.split('\r\n')[0]).toBe(INVOICE_COLUMNS.map((c) => c.name).join(','));
    const rows = records(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: '7',
      number: 'INV-2026-00001',
      kind: 'invoice',
      status: 'issued',
      client_id: '3',
      client_name: 'Acme Dental',
      client_tax_id: 'US-123',
      period: '2026-10',
      period_start: '2026-10-01',
      period_end: '2026-10-31',
      issue_date: '2026-11-01',
      due_date: '2026-11-15',
      currency: 'USD',
      subtotal: '1234.50',
      discount_total: '123.45',
      net: '1111.05',
      tax_total: '222.21',
      total: '1333.26',
      paid_from_balance: '100.00',
      amount_due: '1233.26',
      credited: '0.00',
      balance_due: '1233.26',
      paid_on: '',
      payment_method: '',
      void_reason: '',
      credit_of_number: '',
    });
    expect(rows[1]).toMatchObject({ status: 'paid', paid_on: '2026-11-20', payment_method: 'bank_transfer', payment_reference: 'wire 42', balance_due: '0.00' });
  });

  it('keeps zero-decimal, three-decimal and huge amounts exact (never through a float)', () => {
    const jpy = doc({ snapshot: { currency: 'JPY', totals: { subtotal: '120000', discountTotal: '0', net: '120000', taxTotal: '12000', total: '132000', paidFromBalance: '0', amountDue: '132000' } } });
    const kwd = doc({ snapshot: { currency: 'KWD', totals: { subtotal: '1.235', discountTotal: '0.000', net: '1.235', taxTotal: '0.000', total: '1.235', paidFromBalance: '0.000', amountDue: '1.235' } } });
    const huge = doc({ snapshot: { totals: { subtotal: '12345678901234567.89', discountTotal: '0.00', net: '12345678901234567.89', taxTotal: '0.00', total: '12345678901234567.89', paidFromBalance: '0.00', amountDue: '12345678901234567.89' } } });
    const rows = records(invoicesCsv([jpy, kwd, huge]));
    expect(rows.map((r) => [r.currency, r.total])).toEqual([
      ['JPY', '132000'],
      ['KWD', '1.235'],
      ['USD', '12345678901234567.89'],
    ]);
    const comma = records(invoicesCsv([jpy, kwd, huge], { decimalComma: true }), ';');
    expect(comma.map((r) => r.total)).toEqual(['132000', '1,235', '12345678901234567,89']);
  });

  it('decimalComma: "1234,50" with ; between fields, negative amounts too', () => {
    const credit = doc({
      snapshot: {
        kind: 'credit_note',
        number: 'CN-2026-00001',
        creditOf: { invoiceId: 7, number: 'INV-2026-00001', issueDate: '2026-11-01' },
        creditReason: 'Overbilled; sorry',
        totals: { subtotal: '-1234.50', discountTotal: '0.00', net: '-1234.50', taxTotal: '0.00', total: '-1234.50', paidFromBalance: '0.00', amountDue: '-1234.50' },
      },
    });
    const csv = invoicesCsv([credit], { decimalComma: true });
    expect(csv.split('\r\n')[0]).toBe(INVOICE_COLUMNS.map((c) => c.name).join(';'));
    const [row] = records(csv, ';');
    expect(row).toMatchObject({ kind: 'credit_note', subtotal: '-1234,50', total: '-1234,50', credit_of_number: 'INV-2026-00001', credit_reason: 'Overbilled; sorry' });
    // the ; inside the reason is quoted, the dates are untouched
    expect(csv).toContain('"Overbilled; sorry"');
    expect(row!.issue_date).toBe('2026-11-01');
  });

  it('round-trips quotes, commas, semicolons, newlines and Unicode in names', () => {
    const names = ['Dr. "Smile", Inc.', 'Zürich Zahnärzte; AG', 'Line one\nline two', '東京デンタル 🦷', 'Ünïcödé — Ωmega', ' padded '];
    const docs = names.map((name, i) => doc({ snapshot: { client: party(name), number: `INV-${i}` }, summary: { id: i + 1 } }));
    for (const decimalComma of [false, true]) {
      const rows = records(invoicesCsv(docs, { decimalComma }), decimalComma ? ';' : ',');
      expect(rows.map((r) => r.client_name)).toEqual(names);
    }
  });

  it('bom: starts with a UTF-8 byte-order mark only when asked', () => {
    expect(invoicesCsv([doc()], { bom: true }).charCodeAt(0)).toBe(0xfeff);
    expect(invoicesCsv([doc()]).startsWith('id,')).toBe(true);
    expect(Buffer.from(invoicesCsv([doc()], { bom: true }), 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('drafts have an empty number and dates; a document without a period has empty period cells', () => {
    const draft = doc({ snapshot: { number: null, issueDate: null, dueDate: null, period: null }, summary: { status: 'draft' } });
    const [row] = records(invoicesCsv([draft]));
    expect(row).toMatchObject({ status: 'draft', number: '', issue_date: '', due_date: '', period: '', period_start: '', period_end: '' });
  });

  it('guards text a spreadsheet would run as a formula, never amounts', () => {
    const evil = doc({ snapshot: { client: party('=HYPERLINK("http://x","y")'), totals: { ...doc().snapshot.totals, total: '-5.00' } }, voidReason: '+1 typo' });
    const [row] = records(invoicesCsv([evil]));
    expect(row!.client_name).toBe(`'=HYPERLINK("http://x","y")`);
    expect(row!.void_reason).toBe("'+1 typo");
    expect(row!.total).toBe('-5.00');
    expect(['=a', '+a', '-a', '@a', '\ta', 'a=b'].map(guardFormula)).toEqual(["'=a", "'+a", "'-a", "'@a", "'\ta", 'a=b']);
  });
});

describe('invoice-lines.csv', () => {
  it('lines, then discounts (negative), then taxes; each document sums to its total', () => {
    const rows = records(invoiceLinesCsv([doc()]));
    expect(rows.map((r) => [r.position, r.row_type, r.line_kind, r.description, r.amount])).toEqual([
      ['1', 'line', 'base_fee', 'Base fee', '199.00'],
      ['2', 'line', 'usage', 'Interactions', '1035.50'],
      ['3', 'discount', 'percent', 'Loyalty', '-123.45'],
      ['4', 'tax', '', 'VAT', '222.21'],
    ]);
    expect(rows[1]).toMatchObject({ document_id: '7', document_number: 'INV-2026-00001', source: 'statement', metric_key: 'interactions', quantity: '2071', unit: 'interaction', unit_price: '0.5', note: 'first 100 included' });
    expect(rows[2]).toMatchObject({ rate: '10', base: '', quantity: '' });
    expect(rows[3]).toMatchObject({ rate: '20', base: '1111.05' });
    expect(sum(rows.map((r) => r.amount!)).equals(dec(doc().snapshot.totals.total))).toBe(true);
  });

  it('a credit note exports like an invoice: negative lines, its negative discount becomes positive', () => {
    const credit = doc({
      snapshot: {
        kind: 'credit_note',
        number: 'CN-1',
        lines: [{ source: 'statement', kind: 'usage', description: 'Interactions', metricKey: 'interactions', quantity: '10', unit: 'interaction', unitPrice: '0.5', amount: '-5.00', note: null }],
        discounts: [{ description: 'Loyalty', kind: 'fixed', value: '1', amount: '-1.00' }],
        taxes: [{ name: 'VAT', rate: '20', base: '-4.00', amount: '-0.80' }],
        totals: { subtotal: '-5.00', discountTotal: '-1.00', net: '-4.00', taxTotal: '-0.80', total: '-4.80', paidFromBalance: '0.00', amountDue: '-4.80' },
      },
    });
    const rows = records(invoiceLinesCsv([credit], { decimalComma: true }), ';');
    expect(rows.map((r) => r.amount)).toEqual(['-5,00', '1,00', '-0,80']);
    expect(rows.map((r) => r.kind)).toEqual(['credit_note', 'credit_note', 'credit_note']);
    expect(sum(rows.map((r) => r.amount!.replace(',', '.'))).toFixed(2)).toBe('-4.80');
  });

  it('JPY and KWD line amounts and full-precision unit prices stay exact', () => {
    const kwd = doc({
      snapshot: {
        currency: 'KWD',
        lines: [{ source: 'statement', kind: 'usage', description: 'SMS', metricKey: 'sms', quantity: '1234567.891', unit: 'sms', unitPrice: '0.0000001', amount: '0.123', note: null }],
        discounts: [],
        taxes: [],
      },
    });
    const jpy = doc({
      snapshot: {
        currency: 'JPY',
        lines: [{ source: 'manual', kind: 'manual', description: 'Setup', metricKey: null, quantity: '1', unit: 'unit', unitPrice: '15000', amount: '15000', note: null }],
        discounts: [],
        taxes: [],
      },
    });
    const rows = records(invoiceLinesCsv([kwd, jpy]));
    expect(rows.map((r) => [r.currency, r.quantity, r.unit_price, r.amount])).toEqual([
      ['KWD', '1234567.891', '0.0000001', '0.123'],
      ['JPY', '1', '15000', '15000'],
    ]);
  });

  it('an empty period gives the header only', () => {
    expect(invoiceLinesCsv([])).toBe(`${LINE_COLUMNS.map((c) => c.name).join(',')}\r\n`);
    expect(records(invoicesCsv([]))).toEqual([]);
  });
});

describe('negateDecimalText', () => {
  it('flips the sign as text', () => {
    expect(['12.50', '-12.50', '0.00', '0', '1200'].map(negateDecimalText)).toEqual(['-12.50', '12.50', '0.00', '0', '-1200']);
  });
});

describe('docs/EXPORTS.md', () => {
  it('documents every column of both files', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/EXPORTS.md'), 'utf8');
    for (const c of [...INVOICE_COLUMNS, ...LINE_COLUMNS]) expect(doc, c.name).toContain(`| \`${c.name}\` |`);
  });
});
