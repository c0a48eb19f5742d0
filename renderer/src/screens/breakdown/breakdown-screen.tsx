// Runs in the renderer. The per-client breakdown of a period: usage per metric, allowance used, revenue, cost,
// margin, wallet; filter, sort, choose columns, totals per currency, CSV of what is shown. A row opens the client.
import type { SortingState, Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { BreakdownRow } from '../../../../shared/domain/dashboard';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatCount } from '../../format/numbers';
import { navigate } from '../../router/use-route';
import { saveBlob } from '../invoices/download';
import { parsePeriodLabel, shiftPeriod } from '../statements/statement-format';
import { breakdownCsv, csvFileName } from './breakdown-csv-model';
import {
  breakdownColumns,
  convertedTotals,
  filterRows,
  isFiltered,
  NO_FILTER,
  parseVisibility,
  sortRows,
  totalsByCurrency,
  visibleColumns,
  type BreakdownFilter,
  type StatusFilter,
  type Visibility,
} from './breakdown-model';
import { BreakdownTable } from './breakdown-table';
import './breakdown.css';

const TABLES = ['subscriptions', 'plans', 'plan_versions', 'usage_events', 'clients', 'provider_accounts', 'metrics', 'wallet_movements', 'client_limits', 'licenses', 'pauses', 'settings', 'agency'] as const;
const VISIBILITY_KEY = 'meterbook.breakdown.columns';
const EMPTY: BreakdownRow[] = [];

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === 'function' ? (updater as (o: T) => T)(old) : updater);

export function BreakdownScreen({ period }: { period: string | null }) {
  const { locale } = useAgency();
  const list = useQuery('breakdown.list', period ? { period } : {}, { tables: TABLES, keepPrevious: true });
  const data = list.data;
  const label = data?.period.label ?? period ?? '';

  const [filter, setFilter] = useState<BreakdownFilter>(NO_FILTER);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'revenue', desc: true }]);
  const [visibility, setVisibility] = useState<Visibility>(() => parseVisibility(storage()?.getItem(VISIBILITY_KEY) ?? null));
  useEffect(() => {
    storage()?.setItem(VISIBILITY_KEY, JSON.stringify(visibility));
  }, [visibility]);

  const columns = useMemo(() => breakdownColumns(data?.metrics ?? []), [data?.metrics]);
  const shownColumns = useMemo(() => visibleColumns(columns, visibility), [columns, visibility]);
  const all = data?.rows ?? EMPTY;
  const sort = sorting[0] ?? null;
  // Sort all rows once per sort; a filter keeps that order (typing does not re-sort).
  const sorted = useMemo(() => sortRows(all, columns, sort, locale), [all, columns, sort, locale]);
  const rows = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  // Totals do not depend on the order: sorting does not re-add them.
  const matching = useMemo(() => filterRows(all, filter), [all, filter]);
  // Totals of every row are kept: a filter that matches everything (e.g. clearing it) reuses them, since a
  // filter only ever removes rows.
  const agencyCurrency = data?.agencyCurrency ?? 'USD';
  const allTotals = useMemo(() => totalsByCurrency(all, shownColumns), [all, shownColumns]);
  const allConverted = useMemo(() => convertedTotals(all, agencyCurrency), [all, agencyCurrency]);
  const everything = matching.length === all.length;
  const totals = useMemo(() => (everything ? allTotals : totalsByCurrency(matching, shownColumns)), [everything, allTotals, matching, shownColumns]);
  const converted = useMemo(() => (everything ? allConverted : convertedTotals(matching, agencyCurrency)), [everything, allConverted, matching, agencyCurrency]);

  const onSortingChange = useCallback((u: Updater<SortingState>) => setSorting((old) => apply(u, old)), []);
  const onVisibilityChange = useCallback((u: Updater<Visibility>) => setVisibility((old) => apply(u, old)), []);
  const exportCsv = () => saveBlob(new Blob([breakdownCsv(shownColumns, rows)], { type: 'text/csv;charset=utf-8' }), csvFileName(label, isFiltered(filter)));
  const go = (p: string) => navigate({ name: 'breakdown', period: p });

  const ids = { search: useId(), status: useId(), limits: useId() };
  const toolbar = (
    <>
      <div className="search">
        <label htmlFor={ids.search} className="visually-hidden">
          Filter clients by name
        </label>
        <svg className="search-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="7" cy="7" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M10.6 10.6L14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <input
          id={ids.search}
          type="search"
          className="input search-input"
          placeholder="Filter by client name"
          value={filter.text}
          onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <label htmlFor={ids.status} className="visually-hidden">
        Status
      </label>
      <select id={ids.status} className="input bd-select" value={filter.status} onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as StatusFilter }))}>
        <option value="all">All statuses</option>
        <option value="active">Active</option>
        <option value="trial">Trial</option>
        <option value="paused">Paused</option>
      </select>
      <span className="check-row">
        <input id={ids.limits} type="checkbox" className="checkbox" checked={filter.limitsOnly} onChange={(e) => setFilter((f) => ({ ...f, limitsOnly: e.target.checked }))} />
        <label htmlFor={ids.limits}>Near or over limit only</label>
      </span>
      <span className="toolbar-spacer" />
      <span className="bd-count" aria-live="polite">
        {rows.length === all.length ? `${formatCount(all.length, locale)} clients` : `${formatCount(rows.length, locale)} of ${formatCount(all.length, locale)} clients`}
      </span>
      <button type="button" className="btn btn-small" onClick={exportCsv} disabled={rows.length === 0}>
        Export CSV
      </button>
    </>
  );

  return (
    <div className="bd-screen">
      <PageHeader title="Breakdown" description="Usage, revenue, provider cost and margin per client for the period, as their statements rate it." />
      <div className="toolbar bd-period">
        <button type="button" className="btn btn-small" onClick={() => go(shiftPeriod(label, -1))} disabled={!label}>
          <span aria-hidden="true">←</span> Previous month
        </button>
        <label className="bd-period-field">
          <span>Period</span>
          <input
            className="input input-compact"
            type="month"
            value={label}
            onChange={(e) => {
              const v = parsePeriodLabel(e.target.value);
              if (v && v.includes('-')) go(v);
            }}
          />
        </label>
        <button type="button" className="btn btn-small" onClick={() => go(shiftPeriod(label, 1))} disabled={!label}>
          Next month <span aria-hidden="true">→</span>
        </button>
        {list.loading && data ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      {list.error ? <ErrorNotice title="The breakdown could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}

      {data === null ? (
        list.error ? null : <Loading label="Rating every client for the period…" />
      ) : all.length === 0 ? (
        <EmptyState title={`No clients in ${label}`}>
          <p>Add clients and map their provider usage to them: each one gets a row here.</p>
        </EmptyState>
      ) : (
        <BreakdownTable
          columns={columns}
          rows={rows}
          sorting={sorting}
          onSortingChange={onSortingChange}
          visibility={visibility}
          onVisibilityChange={onVisibilityChange}
          totals={totals}
          converted={converted}
          locale={locale}
          onOpen={(row) => navigate({ name: 'client', id: row.clientId })}
          toolbar={toolbar}
          busy={list.stale}
        />
      )}
    </div>
  );
}
