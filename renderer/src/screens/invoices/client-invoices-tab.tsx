// Runs in the renderer. Client detail › Invoices: that client's invoices and credit notes, newest first,
// with per-currency totals; a link to the full list filtered on the client.
import { useState } from 'react';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatCount } from '../../format/numbers';
import { NO_INVOICE_FILTERS } from '../../router/invoice-routes';
import { Link } from '../../router/link';
import type { AccountClient } from '../clients/account-controls/account-client';
import { SubHeading } from '../clients/account-controls/shared-ui';
import { INVOICE_TABLES } from './invoice-status';
import { InvoiceTotals } from './invoice-totals';
import { InvoicesTable } from './invoices-table';
import './invoices.css';

const PAGE = 25;

export function ClientInvoicesTab({ client }: { client: AccountClient }) {
  const { locale } = useAgency();
  const [offset, setOffset] = useState(0);
  const q = useQuery('invoices.list', { clientId: client.id, limit: PAGE, offset }, { tables: INVOICE_TABLES, keepPrevious: true });
  if (!q.data) {
    return q.error ? <ErrorNotice title="The invoices could not be loaded" error={q.error} onRetry={() => void q.reload()} /> : <Loading label="Loading invoices…" />;
  }
  const list = q.data;
  const all = (
    <Link to={{ name: 'invoices', filters: { ...NO_INVOICE_FILTERS, clientId: client.id } }}>Open in the invoice list</Link>
  );
  return (
    <div className="ac-stack">
      {q.error ? <ErrorNotice title="The invoices could not be refreshed" error={q.error} onRetry={() => void q.reload()} /> : null}
      <SubHeading actions={list.total > 0 ? all : null}>Invoices and credit notes</SubHeading>
      {list.total === 0 ? (
        <EmptyState title="No invoices yet" level={3} action={<Link to={{ name: 'invoice-close', period: null }}>Close a period</Link>}>
          <p>Close a period to create drafts: {client.name} gets one when it has a plan for that period.</p>
        </EmptyState>
      ) : (
        <>
          <InvoiceTotals totals={list.totals} locale={locale} />
          <InvoicesTable invoices={list.items} locale={locale} busy={q.stale} variant="client" label={`Invoices of ${client.name}`} />
          {list.total > PAGE ? (
            <div className="ac-paging">
              <span>
                Showing {formatCount(offset + 1, locale)}–{formatCount(offset + list.items.length, locale)} of {formatCount(list.total, locale)}
              </span>
              <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous page
              </button>
              <button type="button" className="btn btn-small" disabled={offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
                Next page
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
