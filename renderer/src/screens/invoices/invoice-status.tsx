// Runs in the renderer. The status badges of a document (status, overdue, credited) and the tables its
// queries read, so every invoice view refreshes after a write.
import type { InvoiceSummary } from '../../../../shared/domain/invoice';
import { Badge } from '../../components/badge';
import { statusBadges } from './invoice-labels';

/** Tables an invoice view reads: a `data.changed` naming one of them refetches it. */
export const INVOICE_TABLES = ['invoices', 'invoice_lines', 'invoice_discounts', 'clients', 'client_billing', 'wallet_movements', 'settings'] as const;

export function InvoiceStatus({ invoice }: { invoice: Pick<InvoiceSummary, 'kind' | 'status' | 'overdue' | 'credited' | 'total'> }) {
  return (
    <span className="badges">
      {statusBadges(invoice).map((b) => (
        <Badge key={b.label} tone={b.tone}>
          {b.label}
        </Badge>
      ))}
    </span>
  );
}
