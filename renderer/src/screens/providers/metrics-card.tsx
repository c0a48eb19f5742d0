// Runs in the renderer. What Meterbook counts: the metrics, read-only.
import type { Metric } from '../../../../shared/domain/provider';
import { useQuery } from '../../api';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { AGGREGATION_LABELS } from './labels';

const mcol = columnsFor<Metric>();
const metricColumns = mcol.columns([
  mcol.accessor('name', { header: 'Name', cell: (info) => <span className="row-title">{info.getValue()}</span> }),
  mcol.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
  mcol.accessor('unit', { header: 'Unit' }),
  mcol.accessor('aggregation', { header: 'Aggregation', cell: (info) => AGGREGATION_LABELS[info.getValue()] ?? info.getValue() }),
  mcol.accessor('builtIn', { header: 'Source', cell: (info) => (info.getValue() ? <span className="muted">Built-in</span> : 'Custom') }),
]);

export function MetricsCard() {
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  return (
    <section className="card" aria-labelledby="metrics-title">
      <div className="card-header">
        <h2 id="metrics-title" className="card-title">
          Metrics
        </h2>
        {metrics.data ? <span className="card-meta">{metrics.data.length}</span> : null}
      </div>
      <div className="card-body card-body-flush">
        {metrics.error ? (
          <div className="card-pad">
            <ErrorNotice title="Metrics could not be loaded" error={metrics.error} onRetry={() => void metrics.reload()} />
          </div>
        ) : metrics.data === null ? (
          <div className="card-pad">
            <Loading label="Loading metrics…" />
          </div>
        ) : metrics.data.length === 0 ? (
          <EmptyState title="No metrics" level={3} />
        ) : (
          <DataTable label="Metrics" columns={metricColumns} data={metrics.data} getRowId={(m) => String(m.id)} />
        )}
      </div>
    </section>
  );
}
