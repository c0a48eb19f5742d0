// Runs in the renderer. Provider-side usage of one client over the last 30 days, per metric.
import { useMemo, useState } from 'react';
import type { UsageTotal } from '../../../../shared/domain/provider';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { lastDays } from '../../format/dates';
import { exactMoney, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';

const col = columnsFor<UsageTotal>();
const EMPTY: UsageTotal[] = [];

function usageColumns(locale: string) {
  return col.columns([
    col.accessor('metricName', { header: 'Metric' }),
    col.accessor('quantity', {
      header: 'Quantity',
      meta: { align: 'end' },
      cell: (info) => {
        const q = info.getValue();
        return (
          <>
            {formatQuantity(q, locale)} <span className="muted">{unitLabel(info.row.original.unit, q)}</span>
          </>
        );
      },
    }),
    col.accessor('events', { header: 'Events', meta: { align: 'end' }, cell: (info) => formatQuantity(String(info.getValue()), locale) }),
    col.accessor('cost', {
      header: 'Provider cost',
      meta: { align: 'end' },
      cell: (info) => {
        const { cost, currency } = info.row.original;
        return <span title={exactMoney(cost, currency)}>{formatMoney(cost, currency, locale)}</span>;
      },
    }),
  ]);
}

export function UsageCard({ clientId }: { clientId: number }) {
  const { locale } = useAgency();
  // Fixed when the card opens, so the query key is stable; a write to usage refetches the same window.
  const [range] = useState(() => lastDays(new Date(), 30));
  const usage = useQuery('usage.totals', { clientId, ...range }, { tables: ['usage_events', 'metrics', 'provider_accounts'] });
  const columns = useMemo(() => usageColumns(locale), [locale]);

  return (
    <section className="card" aria-labelledby="usage-title">
      <div className="card-header">
        <h2 id="usage-title" className="card-title">
          Usage, last 30 days
        </h2>
        <span className="card-meta">Provider cost, before your pricing</span>
      </div>
      <div className="card-body card-body-flush">
        {usage.error ? (
          <div className="card-pad">
            <ErrorNotice title="Usage could not be loaded" error={usage.error} onRetry={() => void usage.reload()} />
          </div>
        ) : usage.data === null ? (
          <div className="card-pad">
            <Loading label="Loading usage…" />
          </div>
        ) : usage.data.length === 0 ? (
          <EmptyState title="No usage in the last 30 days" level={3}>
            <p>Usage appears here once a provider account is synced and its sub-accounts are mapped to this client.</p>
          </EmptyState>
        ) : (
          <DataTable label="Usage, last 30 days" columns={columns} data={usage.data ?? EMPTY} getRowId={(u) => `${u.metricKey}|${u.currency}`} />
        )}
      </div>
    </section>
  );
}
