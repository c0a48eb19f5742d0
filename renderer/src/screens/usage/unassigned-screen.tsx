// Runs in the renderer. Usage no client owns yet, grouped by account, provider-side id and metric.
// "Assign to client" maps the id; the group leaves the list when the ledger says so (data.changed).
import { useMemo, useState } from 'react';
import type { CommandOutput } from '../../../../shared/contract/commands';
import type { Metric } from '../../../../shared/domain/provider';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../format/dates';
import { exactMoney, formatCount, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { Link } from '../../router/link';
import '../../styles/ingest.css';
import { AssignClientDialog } from './assign-client-dialog';
import { idsToAssign, rowId, seenRange, siblings, type UnassignedGroup } from './unassigned-model';

const col = columnsFor<UnassignedGroup>();
const EMPTY: UnassignedGroup[] = [];

function buildColumns(locale: string, timeZone: string, metrics: ReadonlyMap<string, Metric>, onAssign: (g: UnassignedGroup) => void) {
  return col.columns([
    col.accessor('providerName', {
      header: 'Provider / provider-side id',
      cell: (info) => {
        const g = info.row.original;
        return (
          <span className="two-line">
            <Link to={{ name: 'provider', id: g.providerAccountId }}>{info.getValue()}</Link>
            {g.clientKey ? (
              <code title={g.clientKey} className="key-cell">
                {g.clientKey}
              </code>
            ) : (
              <span className="muted" title="The provider sent no sub-account, assistant or key for these events">
                No provider-side id
              </span>
            )}
          </span>
        );
      },
    }),
    col.accessor('metricKey', { header: 'Metric', cell: (info) => metrics.get(info.getValue())?.name ?? info.getValue() }),
    col.accessor('events', { header: 'Events', meta: { align: 'end' }, cell: (info) => formatCount(info.getValue(), locale) }),
    col.accessor('quantity', {
      header: 'Quantity',
      meta: { align: 'end' },
      cell: (info) => {
        const q = info.getValue();
        const unit = metrics.get(info.row.original.metricKey)?.unit ?? '';
        return (
          <>
            {formatQuantity(q, locale)} <span className="muted">{unitLabel(unit, q)}</span>
          </>
        );
      },
    }),
    col.accessor('cost', {
      header: 'Cost',
      meta: { align: 'end' },
      cell: (info) => {
        const { cost, currency } = info.row.original;
        return <span title={exactMoney(cost, currency)}>{formatMoney(cost, currency, locale)}</span>;
      },
    }),
    col.accessor('firstAt', {
      header: 'First / last seen',
      cell: (info) => {
        const { firstAt, lastAt } = info.row.original;
        return (
          <span title={`${formatDateTime(firstAt, locale, timeZone)} – ${formatDateTime(lastAt, locale, timeZone)}`}>{seenRange(firstAt, lastAt, locale, timeZone, new Date())}</span>
        );
      },
    }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end' },
      cell: (info) =>
        info.row.original.clientKey ? (
          <button type="button" className="btn btn-small" onClick={() => onAssign(info.row.original)}>
            Assign to client
          </button>
        ) : null,
    }),
  ]);
}

export function UnassignedScreen() {
  const { locale, timeZone } = useAgency();
  const groups = useQuery('usage.unassigned', {}, { tables: ['usage_events', 'client_mappings', 'provider_accounts'] });
  const metricsQ = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const [assigning, setAssigning] = useState<UnassignedGroup | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const metrics = useMemo(() => new Map((metricsQ.data ?? []).map((m) => [m.key, m])), [metricsQ.data]);
  const columns = useMemo(
    () =>
      buildColumns(locale, timeZone, metrics, (g) => {
        setResult(null);
        setAssigning(g);
      }),
    [locale, timeZone, metrics],
  );
  const data = groups.data ?? EMPTY;
  const toAssign = idsToAssign(data);

  const onAssigned = (r: CommandOutput<'mappings.create'>) => {
    setAssigning(null);
    const n = r.reassignedEvents;
    setResult(`${r.mapping.clientKey} is now mapped to ${r.mapping.clientName}; ${formatCount(n, locale)} ${n === 1 ? 'event was' : 'events were'} re-attributed.`);
  };

  return (
    <div className="ingest-screen">
      <PageHeader
        title="Unassigned usage"
        description="Usage from provider-side ids (sub-accounts, assistants, API keys) that no client owns yet. Assign each id once; its future usage follows."
      />
      <div role="status" className="live-slot">
        {result ? (
          <p className="notice notice-success">
            <span>{result}</span>
          </p>
        ) : null}
      </div>
      {groups.error ? <ErrorNotice title="Unassigned usage could not be loaded" error={groups.error} onRetry={() => void groups.reload()} /> : null}
      {groups.data === null ? (
        groups.error ? null : <Loading label="Loading unassigned usage…" />
      ) : data.length === 0 ? (
        <EmptyState
          title="All usage is assigned to clients."
          action={
            <Link to={{ name: 'import', accountId: null }} className="btn">
              Import usage
            </Link>
          }
        >
          <p>New provider-side ids show up here after a sync or an import, until you map them to a client.</p>
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="unassigned-title">
          <div className="card-header">
            <h2 id="unassigned-title" className="card-title">
              Waiting for a client
            </h2>
            <span className="card-meta">
              {formatCount(toAssign, locale)} provider-side {toAssign === 1 ? 'id' : 'ids'} in {formatCount(data.length, locale)} {data.length === 1 ? 'group' : 'groups'}
            </span>
          </div>
          <div className="card-body card-body-flush">
            <div className="table-tight">
              <DataTable label="Unassigned usage" columns={columns} data={data} getRowId={rowId} busy={groups.loading} />
            </div>
          </div>
        </section>
      )}
      {assigning && assigning.clientKey ? (
        <AssignClientDialog
          group={{ ...assigning, clientKey: assigning.clientKey }}
          metrics={[assigning, ...siblings(data, assigning)].map((g) => metrics.get(g.metricKey)?.name ?? g.metricKey)}
          onClose={() => setAssigning(null)}
          onAssigned={onAssigned}
        />
      ) : null}
    </div>
  );
}
