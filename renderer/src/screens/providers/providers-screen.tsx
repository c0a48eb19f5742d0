// Runs in the renderer. Provider accounts and metrics, read-only for now.
import type { Metric, ProviderAccount } from '../../../../shared/domain/provider';
import { useQuery } from '../../api';
import { Badge } from '../../components/badge';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { AGGREGATION_LABELS, PROVIDER_KIND_LABELS } from './labels';

const pcol = columnsFor<ProviderAccount>();
const providerColumns = pcol.columns([
  pcol.accessor('name', {
    header: 'Name',
    cell: (info) => (
      <span className="cell-with-badge">
        <span className="row-title">{info.getValue()}</span>
        {info.row.original.archived ? <Badge>Archived</Badge> : null}
      </span>
    ),
  }),
  pcol.accessor('kind', { header: 'Kind', cell: (info) => PROVIDER_KIND_LABELS[info.getValue()] ?? info.getValue() }),
  pcol.accessor('currency', { header: 'Currency', meta: { cellClassName: 'mono' } }),
  pcol.accessor('mappingCount', { header: 'Mappings', meta: { align: 'end' } }),
  pcol.accessor('hasCredentials', {
    header: 'Credentials',
    cell: (info) =>
      info.getValue() ? (
        <span className="cell-with-badge">
          <Badge tone="success">Set</Badge>
          {info.row.original.credentialsHint ? <span className="mono muted">{info.row.original.credentialsHint}</span> : null}
        </span>
      ) : (
        <Badge tone="warning">Not set</Badge>
      ),
  }),
]);

const mcol = columnsFor<Metric>();
const metricColumns = mcol.columns([
  mcol.accessor('name', { header: 'Name', cell: (info) => <span className="row-title">{info.getValue()}</span> }),
  mcol.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
  mcol.accessor('unit', { header: 'Unit' }),
  mcol.accessor('aggregation', { header: 'Aggregation', cell: (info) => AGGREGATION_LABELS[info.getValue()] ?? info.getValue() }),
  mcol.accessor('builtIn', { header: 'Source', cell: (info) => (info.getValue() ? <span className="muted">Built-in</span> : 'Custom') }),
]);

export function ProvidersScreen() {
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts', 'client_mappings'] });
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });

  return (
    <>
      <PageHeader title="Providers" description="The platforms you pay wholesale, and what Meterbook counts on them." />

      <section className="card" aria-labelledby="accounts-title">
        <div className="card-header">
          <h2 id="accounts-title" className="card-title">
            Provider accounts
          </h2>
          {providers.data ? <span className="card-meta">{providers.data.length}</span> : null}
        </div>
        <div className="card-body card-body-flush">
          {providers.error ? (
            <div className="card-pad">
              <ErrorNotice title="Provider accounts could not be loaded" error={providers.error} onRetry={() => void providers.reload()} />
            </div>
          ) : providers.data === null ? (
            <div className="card-pad">
              <Loading label="Loading provider accounts…" />
            </div>
          ) : providers.data.length === 0 ? (
            <EmptyState title="No provider accounts yet — load the demo agency or add one (coming with usage sync)" level={3} />
          ) : (
            <DataTable label="Provider accounts" columns={providerColumns} data={providers.data} getRowId={(p) => String(p.id)} />
          )}
        </div>
      </section>

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
    </>
  );
}
