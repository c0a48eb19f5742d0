// Runs in the renderer (pure). The invoice routes: the list with its filters in the query
// ("#/invoices?status=draft&period=2026-10&client=3&kind=invoice"), one document ("#/invoices/12") and the
// close-period wizard ("#/invoices/close?period=2026-10"). Filters live in the address so a link can open a
// filtered list ("Review drafts") and Back restores it.

export const INVOICE_STATUS_FILTERS = ['all', 'draft', 'issued', 'overdue', 'paid', 'void'] as const;
export type InvoiceStatusFilter = (typeof INVOICE_STATUS_FILTERS)[number];
export const INVOICE_KIND_FILTERS = ['all', 'invoice', 'credit_note'] as const;
export type InvoiceKindFilter = (typeof INVOICE_KIND_FILTERS)[number];

export interface InvoiceFilters {
  status: InvoiceStatusFilter;
  kind: InvoiceKindFilter;
  clientId: number | null;
  /** "2026-10" or "2026"; null: every period */
  period: string | null;
}

export const NO_INVOICE_FILTERS: InvoiceFilters = Object.freeze({ status: 'all', kind: 'all', clientId: null, period: null });

export type InvoiceRoute =
  | { name: 'invoices'; filters: InvoiceFilters }
  | { name: 'invoice'; id: number }
  | { name: 'invoice-close'; period: string | null };

const ID = /^[1-9]\d{0,15}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback);

/** A period label from a query value, or null when it is not one. */
export function queryPeriod(v: string | null): string | null {
  return v !== null && PERIOD.test(v) ? v : null;
}

/** The list filters of a query string; unknown or malformed values fall back to "all". */
export function parseInvoiceFilters(query: string): InvoiceFilters {
  const q = new URLSearchParams(query);
  const client = q.get('client');
  return {
    status: oneOf(INVOICE_STATUS_FILTERS, q.get('status'), 'all'),
    kind: oneOf(INVOICE_KIND_FILTERS, q.get('kind'), 'all'),
    clientId: client !== null && ID.test(client) ? Number(client) : null,
    period: queryPeriod(q.get('period')),
  };
}

/** "status=draft&period=2026-10" (defaults left out, fixed order); "" without filters. */
export function invoiceFiltersQuery(f: InvoiceFilters): string {
  const parts: string[] = [];
  if (f.status !== 'all') parts.push(`status=${f.status}`);
  if (f.kind !== 'all') parts.push(`kind=${f.kind}`);
  if (f.clientId !== null) parts.push(`client=${f.clientId}`);
  if (f.period !== null) parts.push(`period=${f.period}`);
  return parts.join('&');
}

/**
 * Parses a path that starts with "invoices" (leading slash and trailing slashes removed by the caller's
 * rules): null when it is not an invoice route.
 */
export function parseInvoicePath(path: string): InvoiceRoute | null {
  const [pathname = '', query = ''] = path.replace(/^\//, '').split('?', 2);
  const parts = pathname.replace(/\/+$/, '').split('/');
  if (parts[0] !== 'invoices') return null;
  if (parts.length === 1) return { name: 'invoices', filters: parseInvoiceFilters(query) };
  if (parts.length !== 2) return null;
  const second = parts[1]!;
  if (second === 'close') return { name: 'invoice-close', period: queryPeriod(new URLSearchParams(query).get('period')) };
  if (ID.test(second) && query === '') return { name: 'invoice', id: Number(second) };
  return null;
}

export function invoiceHref(route: InvoiceRoute): string {
  switch (route.name) {
    case 'invoices': {
      const q = invoiceFiltersQuery(route.filters);
      return q ? `#/invoices?${q}` : '#/invoices';
    }
    case 'invoice':
      return `#/invoices/${route.id}`;
    case 'invoice-close':
      return route.period ? `#/invoices/close?period=${route.period}` : '#/invoices/close';
  }
}
