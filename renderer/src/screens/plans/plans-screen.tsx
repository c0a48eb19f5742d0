// Runs in the renderer. Plans (#/plans): Current / Archived / All, a table that opens the editor, "New plan".
import { useEffect, useMemo, useState } from 'react';
import type { PlanSummary } from '../../../../shared/domain/pricing';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Segmented } from '../../components/segmented';
import { formatCount, formatMoney } from '../../format/numbers';
import { navigate } from '../../router/use-route';
import '../../styles/pricing.css';
import { clearFlash, peekFlash } from './plan-flash';
import { INTERVAL_LABELS } from './plan-form-model';

type Show = 'current' | 'archived' | 'all';
const SHOW_OPTIONS: ReadonlyArray<readonly [Show, string]> = [
  ['current', 'Current'],
  ['archived', 'Archived'],
  ['all', 'All'],
];
const EMPTY: PlanSummary[] = [];
const col = columnsFor<PlanSummary>();

function planColumns(locale: string) {
  return col.columns([
    col.accessor('name', {
      header: 'Name',
      cell: (info) => (
        <span className="cell-with-badge">
          <span className="row-title">{info.getValue()}</span>
          {info.row.original.archived ? <Badge>Archived</Badge> : null}
        </span>
      ),
    }),
    col.accessor('currency', { header: 'Currency', meta: { cellClassName: 'mono' } }),
    col.accessor('interval', { header: 'Interval', cell: (info) => INTERVAL_LABELS[info.getValue()] }),
    col.accessor('baseFee', {
      header: 'Base fee',
      meta: { align: 'end' },
      cell: (info) => formatMoney(info.getValue(), info.row.original.currency, locale),
    }),
    col.accessor('charges', { header: 'Charges', meta: { align: 'end' }, cell: (info) => formatCount(info.getValue(), locale) }),
    col.accessor('latestVersion', { header: 'Latest version', meta: { align: 'end' }, cell: (info) => `v${info.getValue()}` }),
    col.accessor('activeSubscriptions', {
      header: 'Active subscriptions',
      meta: { align: 'end' },
      cell: (info) => (info.getValue() > 0 ? formatCount(info.getValue(), locale) : <span className="muted">0</span>),
    }),
  ]);
}

export function PlansScreen() {
  const { locale } = useAgency();
  const [show, setShow] = useState<Show>('current');
  const [notice] = useState(() => peekFlash('plans'));
  useEffect(() => clearFlash('plans'), []);
  const list = useQuery('plans.list', { show }, { tables: ['plans', 'plan_versions', 'subscriptions'], keepPrevious: true });
  const columns = useMemo(() => planColumns(locale), [locale]);
  const items = list.data ?? EMPTY;
  const firstRun = list.data !== null && !list.stale && items.length === 0 && show === 'current';

  const newPlanButton = (
    <button type="button" className="btn btn-primary" onClick={() => navigate({ name: 'plan-new' })}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      </svg>
      New plan
    </button>
  );

  return (
    <>
      <PageHeader title="Plans" description="What you charge your clients, versioned: a change to a plan in use becomes its next version." actions={firstRun ? null : newPlanButton} />

      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}

      <div className="toolbar">
        <Segmented name="plan-show" legend="Show" options={SHOW_OPTIONS} value={show} onChange={setShow} />
        <span className="toolbar-spacer" />
        {list.loading && list.data ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      {list.error ? <ErrorNotice title="The plans could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}

      {list.data === null ? (
        list.error ? null : <Loading label="Loading plans…" />
      ) : firstRun ? (
        <EmptyState title="Create your first plan" action={newPlanButton}>
          <p>
            A plan is what you charge a client: a base fee plus a charge per metric — per unit, in tiers, by package, as a percentage, as a multiple of
            what the provider charges you, or an included allowance with overage. Assign it to a client to rate their usage into a statement.
          </p>
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState title={show === 'archived' ? 'No archived plans' : 'No plans'}>
          {show === 'archived' ? <p>Plans you archive are kept here, with their versions.</p> : null}
        </EmptyState>
      ) : (
        <DataTable label="Plans" columns={columns} data={items} getRowId={(p) => String(p.id)} onActivate={(p) => navigate({ name: 'plan', id: p.id })} busy={list.stale} />
      )}
    </>
  );
}
