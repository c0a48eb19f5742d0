// Runs in the renderer (pure). The invoice list: route filters -> the contract's list input, and what the
// screen says when nothing matches.
import type { InvoiceListInput } from '../../../../shared/domain/invoice';
import { NO_INVOICE_FILTERS, type InvoiceFilters } from '../../router/invoice-routes';

export const INVOICES_PAGE_SIZE = 50;

export function listInput(filters: InvoiceFilters, offset: number, limit = INVOICES_PAGE_SIZE): InvoiceListInput {
  return {
    status: filters.status,
    kind: filters.kind,
    ...(filters.clientId !== null ? { clientId: filters.clientId } : {}),
    ...(filters.period !== null ? { period: filters.period } : {}),
    limit,
    offset,
  };
}

export function hasFilters(f: InvoiceFilters): boolean {
  return f.status !== NO_INVOICE_FILTERS.status || f.kind !== NO_INVOICE_FILTERS.kind || f.clientId !== null || f.period !== null;
}

/** A stable key of the filters, to reset paging when they change. */
export function filtersKey(f: InvoiceFilters): string {
  return `${f.status}|${f.kind}|${f.clientId ?? ''}|${f.period ?? ''}`;
}

/** The empty state: with no filters the workspace has no invoices yet and the next step is a period close. */
export function emptyText(f: InvoiceFilters): { title: string; text: string; closeFirst: boolean } {
  if (!hasFilters(f)) {
    return {
      title: 'No invoices yet',
      text: 'Close a period to create drafts: one draft invoice per billable client, rated from its usage. Review them, then issue.',
      closeFirst: true,
    };
  }
  if (f.status === 'draft' && f.period !== null) {
    return { title: `No drafts for ${f.period}`, text: 'Close the period to create drafts, or look at every status: the drafts may have been issued already.', closeFirst: true };
  }
  if (f.status === 'overdue') return { title: 'Nothing is overdue', text: 'Issued invoices past their due date and still unpaid appear here.', closeFirst: false };
  return { title: 'No invoices match these filters', text: 'Change or clear the filters to see more.', closeFirst: false };
}
