// Runs in the renderer. What Meterbook counts: the built-in metrics and the agency's custom ones, which
// can be added here and deleted while nothing (usage, a plan, a rate card) refers to them.
import { useMemo, useState } from 'react';
import type { Metric } from '../../../../shared/domain/provider';
import { useMutation, useQuery } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { AddMetricDialog } from './add-metric-dialog';
import { AGGREGATION_LABELS } from './labels';
import { describeMetricConfig } from './metric-form-model';

const mcol = columnsFor<Metric>();

function buildColumns(onDelete: (m: Metric) => void) {
  return mcol.columns([
    mcol.accessor('name', { header: 'Name', cell: (info) => <span className="row-title">{info.getValue()}</span> }),
    mcol.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
    mcol.accessor('unit', { header: 'Unit' }),
    mcol.accessor('aggregation', { header: 'Aggregation', cell: (info) => AGGREGATION_LABELS[info.getValue()] ?? info.getValue() }),
    mcol.display({ id: 'options', header: 'Options', meta: { cellClassName: 'wrap' }, cell: (info) => describeMetricConfig(info.row.original) || <span className="muted">—</span> }),
    mcol.accessor('builtIn', { header: 'Source', cell: (info) => (info.getValue() ? <span className="muted">Built-in</span> : 'Custom') }),
    mcol.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end' },
      cell: (info) =>
        info.row.original.builtIn ? null : (
          <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete metric ${info.row.original.key}`} onClick={() => onDelete(info.row.original)}>
            Delete
          </button>
        ),
    }),
  ]);
}

export function MetricsCard() {
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const remove = useMutation('metrics.delete');
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Metric | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useMemo(
    () =>
      buildColumns((m) => {
        remove.reset();
        setDeleting(m);
      }),
    // remove.reset is stable
    [remove.reset],
  );

  const doDelete = async () => {
    if (!deleting) return;
    const res = await remove.run({ id: deleting.id });
    if (res.ok) {
      setNotice(`The metric "${deleting.name}" was deleted.`);
      setDeleting(null);
    }
  };

  return (
    <section className="card" aria-labelledby="metrics-title">
      <div className="card-header">
        <h2 id="metrics-title" className="card-title">
          Metrics
        </h2>
        <div className="card-tools">
          {metrics.data ? <span className="card-meta">{metrics.data.length}</span> : null}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add metric
          </button>
        </div>
      </div>
      <div role="status" className="live-slot">
        {notice ? (
          <div className="card-pad">
            <p className="notice notice-success">{notice}</p>
          </div>
        ) : null}
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
          <DataTable label="Metrics" columns={columns} data={metrics.data} getRowId={(m) => String(m.id)} />
        )}
      </div>
      {adding ? (
        <AddMetricDialog
          onClose={() => setAdding(false)}
          onSaved={(m) => {
            setAdding(false);
            setNotice(`The metric "${m.name}" (${m.key}) was added. Plans and rate cards can now charge it.`);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete the metric "${deleting.name}"?`}
          confirmLabel="Delete metric"
          busyLabel="Deleting…"
          danger
          busy={remove.running}
          error={remove.error}
          onConfirm={() => void doDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>
            <code>{deleting.key}</code> is removed from the catalog. A metric that usage, a plan or a rate card refers to cannot be deleted.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
