// Runs in the renderer. Clients: search, Current / Archived / All, paged table, "New client".
import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/domain/client';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Segmented } from '../../components/segmented';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { Link } from '../../router/link';
import { ClientFormDialog } from './client-form-dialog';
import { ClientsTable } from './clients-table';
import { lastPageOffset } from './paging';
import { Pager } from '../../components/pager';

export const PAGE_SIZE = 50;
type Show = 'current' | 'archived' | 'all';
const SHOW_OPTIONS: ReadonlyArray<readonly [Show, string]> = [
  ['current', 'Current'],
  ['archived', 'Archived'],
  ['all', 'All'],
];
const EMPTY: Client[] = [];

export function ClientsScreen() {
  const { locale } = useAgency();
  const [searchText, setSearchText] = useState('');
  const [show, setShow] = useState<Show>('current');
  const search = useDebouncedValue(searchText.trim(), 200);
  const filterKey = `${show}\n${search}`;
  const [page, setPage] = useState({ filterKey, offset: 0 });
  const offset = page.filterKey === filterKey ? page.offset : 0;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Client | null>(null);

  const list = useQuery(
    'clients.list',
    { ...(search ? { search } : {}), show, limit: PAGE_SIZE, offset },
    { tables: ['clients'], keepPrevious: true },
  );
  const items = list.data?.items ?? EMPTY;
  const total = list.data?.total ?? 0;
  const settled = list.data !== null && !list.stale;
  const firstRun = settled && total === 0 && !search && show === 'current';

  // Rows vanished under the current page (archived elsewhere): step back to the last page with rows.
  const pastTheEnd = settled && items.length === 0 && offset > 0;
  useEffect(() => {
    if (pastTheEnd) setPage({ filterKey, offset: lastPageOffset(total, PAGE_SIZE) });
  }, [pastTheEnd, filterKey, total]);

  const newClientButton = (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      </svg>
      New client
    </button>
  );

  return (
    <>
      <PageHeader title="Clients" description="The customers you resell AI platforms to." actions={firstRun ? null : newClientButton} />

      {created ? (
        <p className="notice notice-success" role="status">
          <span>
            Client “{created.name}” was added.{' '}
            <Link to={{ name: 'client', id: created.id }}>Open {created.name}</Link>
          </span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setCreated(null)}>
            ×
          </button>
        </p>
      ) : null}

      <div className="toolbar">
        <div className="search">
          <label htmlFor="client-search" className="visually-hidden">
            Search clients
          </label>
          <svg className="search-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="7" cy="7" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.6 10.6L14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input
            id="client-search"
            type="search"
            className="input search-input"
            placeholder="Search by name, contact, email or tax id"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Segmented name="client-show" legend="Show" options={SHOW_OPTIONS} value={show} onChange={setShow} />
        <span className="toolbar-spacer" />
        {list.loading && list.data ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      {list.error ? <ErrorNotice title="The clients could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}

      {list.data === null ? (
        list.error ? null : <Loading label="Loading clients…" />
      ) : firstRun ? (
        <EmptyState title="Add your first client" action={newClientButton}>
          <p>Clients are the businesses you resell AI agents to. Add one to map provider usage to them and bill it.</p>
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState title={search ? `No clients match “${search}”` : show === 'archived' ? 'No archived clients' : 'No clients'}>
          {search ? <p>Check the spelling, or search by contact, billing email or tax id.</p> : null}
          {!search && show === 'archived' ? <p>Clients you archive are kept here, with their history.</p> : null}
        </EmptyState>
      ) : (
        <>
          <ClientsTable clients={items} busy={list.stale} />
          <Pager offset={offset} count={items.length} total={total} pageSize={PAGE_SIZE} locale={locale} onOffset={(o) => setPage({ filterKey, offset: o })} />
        </>
      )}

      {creating ? (
        <ClientFormDialog
          client={null}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      ) : null}
    </>
  );
}
