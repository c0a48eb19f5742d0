import { describe, expect, it } from 'vitest';
import { NO_INVOICE_FILTERS } from '../../router/invoice-routes';
import { statusBadges, documentTitle } from './invoice-labels';
import { emptyText, filtersKey, hasFilters, listInput } from './invoice-list-model';

describe('invoice list', () => {
  it('turns route filters into the list input', () => {
    expect(listInput(NO_INVOICE_FILTERS, 0)).toEqual({ status: 'all', kind: 'all', limit: 50, offset: 0 });
    expect(listInput({ status: 'overdue', kind: 'invoice', clientId: 3, period: '2026-10' }, 50, 10)).toEqual({
      status: 'overdue',
      kind: 'invoice',
      clientId: 3,
      period: '2026-10',
      limit: 10,
      offset: 50,
    });
  });

  it('knows when filters are set', () => {
    expect(hasFilters(NO_INVOICE_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_INVOICE_FILTERS, period: '2026-10' })).toBe(true);
    expect(filtersKey({ ...NO_INVOICE_FILTERS, clientId: 4 })).not.toBe(filtersKey(NO_INVOICE_FILTERS));
  });

  it('says what to do next when the list is empty', () => {
    expect(emptyText(NO_INVOICE_FILTERS)).toMatchObject({ title: 'No invoices yet', closeFirst: true });
    expect(emptyText(NO_INVOICE_FILTERS).text).toMatch(/^Close a period to create drafts/);
    expect(emptyText({ ...NO_INVOICE_FILTERS, status: 'draft', period: '2026-09' })).toMatchObject({ title: 'No drafts for 2026-09', closeFirst: true });
    expect(emptyText({ ...NO_INVOICE_FILTERS, status: 'overdue' })).toMatchObject({ title: 'Nothing is overdue', closeFirst: false });
    expect(emptyText({ ...NO_INVOICE_FILTERS, kind: 'credit_note' }).title).toBe('No invoices match these filters');
  });
});

describe('status badges', () => {
  const base = { kind: 'invoice' as const, status: 'issued' as const, overdue: false, credited: '0.00', total: '120.00' };
  it('shows overdue instead of issued', () => {
    expect(statusBadges(base)).toEqual([{ label: 'Issued', tone: 'info' }]);
    expect(statusBadges({ ...base, overdue: true })).toEqual([{ label: 'Overdue', tone: 'danger' }]);
    expect(statusBadges({ ...base, status: 'draft' })).toEqual([{ label: 'Draft', tone: 'neutral' }]);
  });

  it('adds credited or partly credited', () => {
    expect(statusBadges({ ...base, credited: '120.00' })).toEqual([
      { label: 'Issued', tone: 'info' },
      { label: 'Credited', tone: 'neutral' },
    ]);
    expect(statusBadges({ ...base, status: 'paid', credited: '20.00' })[1]).toEqual({ label: 'Partly credited', tone: 'neutral' });
    expect(statusBadges({ ...base, kind: 'credit_note', credited: '20.00' })).toHaveLength(1);
    expect(statusBadges({ ...base, status: 'void', credited: '20.00' })).toEqual([{ label: 'Void', tone: 'warning' }]);
  });

  it('titles documents', () => {
    expect(documentTitle({ kind: 'invoice', number: null })).toBe('Draft invoice');
    expect(documentTitle({ kind: 'credit_note', number: 'CN-2026-00001' })).toBe('Credit note CN-2026-00001');
    expect(documentTitle({ kind: 'invoice', number: 'INV-2026-00001' })).toBe('Invoice INV-2026-00001');
  });
});
