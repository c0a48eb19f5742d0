// Runs in the renderer. Invoices and credit notes as a table; a row (click or Enter) opens the document.
import { useMemo } from 'react';
import type { InvoiceSummary } from '../../../../shared/domain/invoice';
import { columnsFor, DataTable } from '../../components/data-table';
import { exactMoney, formatMoney } from '../../format/numbers';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { formatCalendarDate, isNonZero } from '../statements/statement-format';
import { documentNumber, KIND_LABELS } from './invoice-labels';
import { InvoiceStatus } from './invoice-status';

const col = columnsFor<InvoiceSummary>();
const dash = <span className="muted">—</span>;

export type InvoicesTableVariant = 'all' | 'client' | 'drafts';

function buildColumns(locale: string, variant: InvoicesTableVariant) {
  const showClient = variant !== 'client';
  const issuedColumns = variant !== 'drafts';
  const money = (text: string, currency: string) => <span title={exactMoney(text, currency)}>{formatMoney(text, currency, locale)}</span>;
  return col.columns([
    col.accessor('number', {
      header: 'Number',
      meta: { className: 'inv-col-number' },
      cell: (info) => {
        const r = info.row.original;
        return (
          <Link to={{ name: 'invoice', id: r.id }} tabIndex={-1} className="row-title" title={r.kind === 'credit_note' ? KIND_LABELS.credit_note : undefined}>
            {documentNumber(r)}
            {r.kind === 'credit_note' ? <span className="muted"> · credit note</span> : null}
          </Link>
        );
      },
    }),
    ...(showClient ? [col.accessor('clientName', { header: 'Client', meta: { className: 'inv-col-client' }, cell: (info) => <span title={info.getValue()}>{info.getValue()}</span> })] : []),
    col.accessor('periodLabel', { header: 'Period', meta: { className: 'inv-col-period', cellClassName: 'mono' }, cell: (info) => info.getValue() ?? dash }),
    ...(issuedColumns
      ? [
          col.accessor('issueDate', { header: 'Issued', meta: { className: 'col-w-11' }, cell: (info) => (info.getValue() ? formatCalendarDate(info.getValue()!, locale) : dash) }),
          col.accessor('dueDate', { header: 'Due', meta: { className: 'col-w-11' }, cell: (info) => (info.getValue() ? formatCalendarDate(info.getValue()!, locale) : dash) }),
        ]
      : []),
    col.accessor('total', { header: 'Total', meta: { align: 'end', className: 'col-w-11' }, cell: (info) => money(info.getValue(), info.row.original.currency) }),
    ...(issuedColumns
      ? [
          col.accessor('balanceDue', {
            header: 'Balance due',
            meta: { align: 'end', className: 'col-w-11' },
            cell: (info) => {
              const r = info.row.original;
              if (r.status === 'draft' || r.kind === 'credit_note') return dash;
              return <span className={isNonZero(info.getValue()) ? undefined : 'inv-due-zero'}>{money(info.getValue(), r.currency)}</span>;
            },
          }),
        ]
      : []),
    col.display({ id: 'status', header: 'Status', meta: { className: 'col-w-14' }, cell: (info) => <InvoiceStatus invoice={info.row.original} /> }),
  ]);
}

export interface InvoicesTableProps {
  invoices: InvoiceSummary[];
  locale: string;
  busy: boolean;
  /** 'client': on a client's own tab (no client column); 'drafts': no dates or balance */
  variant?: InvoicesTableVariant;
  label?: string;
}

export function InvoicesTable({ invoices, locale, busy, variant = 'all', label = 'Invoices' }: InvoicesTableProps) {
  const columns = useMemo(() => buildColumns(locale, variant), [locale, variant]);
  return <DataTable label={label} columns={columns} data={invoices} getRowId={(r) => String(r.id)} onActivate={(r) => navigate({ name: 'invoice', id: r.id })} busy={busy} fixed />;
}
