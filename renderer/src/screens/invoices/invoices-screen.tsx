// Runs in the renderer. Invoices and credit notes: filters kept in the address (status incl. overdue, kind,
// client, period), per-currency totals over every match, a paged table whose rows open the document.
import { useEffect, useId, useMemo, useState } from 'react';
import type { InvoiceSummary } from '../../../../shared/domain/invoice';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { INVOICE_KIND_FILTERS, INVOICE_STATUS_FILTERS, NO_INVOICE_FILTERS, type InvoiceFilters } from '../../router/invoice-routes';
import { Link } from '../../router/link';
import { replaceRoute } from '../../router/use-route';
import '../../styles/ingest.css';
import { lastPageOffset } from '../clients/paging';
import { parsePeriodLabel } from '../statements/statement-format';
import { KIND_FILTER_LABELS, STATUS_FILTER_LABELS } from './invoice-labels';
import { emptyText, filtersKey, hasFilters, INVOICES_PAGE_SIZE, listInput } from './invoice-list-model';
import { INVOICE_TABLES } from './invoice-status';
import { InvoiceTotals } from './invoice-totals';
import { InvoicesTable } from './invoices-table';
import './invoices.css';
import { Pager } from '../../components/pager';

const EMPTY: InvoiceSummary[] = [];

export function InvoicesScreen({ filters }: { filters: InvoiceFilters }) {
  const { locale } = useAgency();
  const key = filtersKey(filters);
  const [page, setPage] = useState({ key, offset: 0 });
  const offset = page.key === key ? page.offset : 0;
  const list = useQuery('invoices.list', listInput(filters, offset), { tables: INVOICE_TABLES, keepPrevious: true });
  const items = list.data?.items ?? EMPTY;
  const total = list.data?.total ?? 0;
  const settled = list.data !== null && !list.stale;

  const pastTheEnd = settled && items.length === 0 && offset > 0;
  useEffect(() => {
    if (pastTheEnd) setPage({ key, offset: lastPageOffset(total, INVOICES_PAGE_SIZE) });
  }, [pastTheEnd, key, total]);

  const setFilters = (next: Partial<InvoiceFilters>) => replaceRoute({ name: 'invoices', filters: { ...filters, ...next } });
  const closeButton = (
    <Link to={{ name: 'invoice-close', period: null }} className="btn btn-primary">
      Close a period
    </Link>
  );
  const empty = emptyText(filters);

  return (
    <div className="inv-screen">
      <PageHeader title="Invoices" description="Drafts, issued invoices and credit notes. An issued invoice never changes: corrections are credit notes." actions={closeButton} />

      <InvoiceFilterBar filters={filters} onChange={setFilters} busy={list.loading && list.data !== null} />

      {list.error ? <ErrorNotice title="The invoices could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}

      {list.data === null ? (
        list.error ? null : <Loading label="Loading invoices…" />
      ) : items.length === 0 ? (
        <EmptyState
          title={empty.title}
          action={
            empty.closeFirst ? (
              <Link to={{ name: 'invoice-close', period: filters.period }} className="btn btn-primary">
                Close a period
              </Link>
            ) : (
              <button type="button" className="btn" onClick={() => replaceRoute({ name: 'invoices', filters: NO_INVOICE_FILTERS })}>
                Clear filters
              </button>
            )
          }
        >
          <p>{empty.text}</p>
        </EmptyState>
      ) : (
        <>
          <InvoiceTotals totals={list.data.totals} locale={locale} />
          <InvoicesTable invoices={items} locale={locale} busy={list.stale} />
          <Pager offset={offset} count={items.length} total={total} pageSize={INVOICES_PAGE_SIZE} locale={locale} onOffset={(o) => setPage({ key, offset: o })} />
        </>
      )}
    </div>
  );
}

function InvoiceFilterBar({ filters, onChange, busy }: { filters: InvoiceFilters; onChange: (f: Partial<InvoiceFilters>) => void; busy: boolean }) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const clients = useQuery('clients.list', { show: 'all', limit: 500 }, { tables: ['clients'] });
  const clientOptions = useMemo(() => (clients.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.archived ? `${c.name} (archived)` : c.name })), [clients.data]);
  const monthValue = filters.period !== null && filters.period.includes('-') ? filters.period : '';

  return (
    <form className="inv-filters" role="search" aria-label="Filter invoices" onSubmit={(e) => e.preventDefault()}>
      <div className="inv-filter">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} className="input select" value={filters.status} onChange={(e) => onChange({ status: e.target.value as InvoiceFilters['status'] })}>
          {INVOICE_STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="inv-filter">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} className="input select" value={filters.kind} onChange={(e) => onChange({ kind: e.target.value as InvoiceFilters['kind'] })}>
          {INVOICE_KIND_FILTERS.map((k) => (
            <option key={k} value={k}>
              {KIND_FILTER_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="inv-filter">
        <label htmlFor={`${id}-client`}>Client</label>
        <select
          id={`${id}-client`}
          className="input select"
          value={filters.clientId === null ? '' : String(filters.clientId)}
          onChange={(e) => onChange({ clientId: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">All clients</option>
          {filters.clientId !== null && !clientOptions.some((o) => o.value === String(filters.clientId)) ? <option value={String(filters.clientId)}>Client {filters.clientId}</option> : null}
          {clientOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="inv-filter">
        <label htmlFor={`${id}-period`}>Period</label>
        <div className="inv-filter-period">
          <input
            id={`${id}-period`}
            className="input"
            type="month"
            value={monthValue}
            aria-describedby={filters.period !== null && monthValue === '' ? `${id}-period-year` : undefined}
            onChange={(e) => onChange({ period: parsePeriodLabel(e.target.value) })}
          />
          {filters.period !== null && monthValue === '' ? (
            <span id={`${id}-period-year`} className="field-static">
              {filters.period}
            </span>
          ) : null}
        </div>
      </div>
      {hasFilters(filters) ? (
        <button type="button" className="btn btn-ghost" onClick={() => onChange(NO_INVOICE_FILTERS)}>
          Clear filters
        </button>
      ) : null}
      <span className="toolbar-spacer" />
      {busy ? <span className="spinner" role="status" aria-label="Updating" /> : null}
    </form>
  );
}
