import { describe, expect, it } from 'vitest';
import { invoiceFiltersQuery, NO_INVOICE_FILTERS, parseInvoiceFilters } from './invoice-routes';
import { href, parseRoute, section, type Route } from './routes';

describe('invoice routes', () => {
  it('parses the list, a document and the close wizard', () => {
    expect(parseRoute('#/invoices')).toEqual({ name: 'invoices', filters: NO_INVOICE_FILTERS });
    expect(parseRoute('#/invoices/')).toEqual({ name: 'invoices', filters: NO_INVOICE_FILTERS });
    expect(parseRoute('#/invoices/12')).toEqual({ name: 'invoice', id: 12 });
    expect(parseRoute('#/invoices/close')).toEqual({ name: 'invoice-close', period: null });
    expect(parseRoute('#/invoices/close?period=2026-09')).toEqual({ name: 'invoice-close', period: '2026-09' });
    expect(parseRoute('#/invoices/close?period=2026-13')).toEqual({ name: 'invoice-close', period: null });
  });

  it('reads the list filters from the query, ignoring what is malformed', () => {
    expect(parseRoute('#/invoices?status=draft&period=2026-10')).toEqual({
      name: 'invoices',
      filters: { status: 'draft', kind: 'all', clientId: null, period: '2026-10' },
    });
    expect(parseInvoiceFilters('status=overdue&kind=credit_note&client=7&period=2026')).toEqual({ status: 'overdue', kind: 'credit_note', clientId: 7, period: '2026' });
    expect(parseInvoiceFilters('status=late&kind=x&client=0&period=10-2026')).toEqual(NO_INVOICE_FILTERS);
    expect(parseInvoiceFilters('client=abc')).toEqual(NO_INVOICE_FILTERS);
  });

  it('writes filters in a fixed order and leaves defaults out', () => {
    expect(invoiceFiltersQuery(NO_INVOICE_FILTERS)).toBe('');
    expect(invoiceFiltersQuery({ status: 'draft', kind: 'all', clientId: 3, period: '2026-10' })).toBe('status=draft&client=3&period=2026-10');
    expect(href({ name: 'invoices', filters: { status: 'all', kind: 'invoice', clientId: null, period: null } })).toBe('#/invoices?kind=invoice');
  });

  it('rejects what is not an invoice route', () => {
    for (const bad of ['#/invoices/0', '#/invoices/x', '#/invoices/1/2', '#/invoices/close/1', '#/invoices/12?x=1', '#/invoicesx', '#/invoice']) {
      expect(parseRoute(bad).name, bad).toBe('not-found');
    }
  });

  it('round-trips through href and belongs to the Invoices section', () => {
    const routes: Route[] = [
      { name: 'invoices', filters: NO_INVOICE_FILTERS },
      { name: 'invoices', filters: { status: 'overdue', kind: 'invoice', clientId: 4, period: '2026-09' } },
      { name: 'invoice', id: 5 },
      { name: 'invoice-close', period: null },
      { name: 'invoice-close', period: '2026-09' },
    ];
    for (const r of routes) {
      expect(parseRoute(href(r))).toEqual(r);
      expect(section(r)).toBe('invoices');
    }
  });
});
