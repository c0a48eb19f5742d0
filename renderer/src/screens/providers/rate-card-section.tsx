// Runs in the renderer. What the provider charges the agency, per metric: the saved rate card as a table,
// "Edit rate card" (JSON editor, checked by the engine's validateRateCard) and "Remove rate card".
import { useMemo, useState } from 'react';
import { MetricDefinition } from '../../../../shared/pricing/metrics';
import { RateCard } from '../../../../shared/pricing/rate-card';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import '../../styles/rate-card.css';
import { RateCardEditorDialog } from './rate-card-editor-dialog';
import { rateCardRows, type RateCardRow } from './rate-card-view';

export interface RateCardSectionProps {
  account: { id: number; name: string; currency: string; config: Record<string, unknown> };
}

const col = columnsFor<RateCardRow>();
const lines = (items: readonly string[]) => (
  <ul className="rate-card-lines">
    {items.map((t, i) => (
      <li key={i}>{t}</li>
    ))}
  </ul>
);
const columns = col.columns([
  col.accessor('metric', {
    header: 'Metric',
    meta: { cellClassName: 'rate-card-cell' },
    cell: (info) => (
      <>
        <span className="row-title">{info.getValue()}</span>
        <span className="rate-card-sub">
          <code>{info.row.original.metricKey}</code>
        </span>
        {info.row.original.description ? <span className="rate-card-sub">{info.row.original.description}</span> : null}
      </>
    ),
  }),
  col.accessor('model', { header: 'Model', meta: { cellClassName: 'rate-card-cell' } }),
  col.accessor('prices', {
    header: 'Prices',
    meta: { cellClassName: 'rate-card-cell' },
    cell: (info) => (
      <>
        {lines(info.getValue())}
        {info.row.original.billingUnit ? <span className="rate-card-sub">{info.row.original.billingUnit}</span> : null}
      </>
    ),
  }),
  col.accessor('included', { header: 'Included', meta: { cellClassName: 'rate-card-cell' }, cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
]);

export function RateCardSection({ account }: RateCardSectionProps) {
  const { locale } = useAgency();
  const metricsQ = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const remove = useMutation('providers.setRateCard');
  const [dialog, setDialog] = useState<'edit' | 'remove' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const stored = account.config.rateCard;
  const hasCard = stored !== undefined && stored !== null;
  const definitions = useMemo(
    () =>
      (metricsQ.data ?? []).flatMap((m) => {
        const parsed = MetricDefinition.safeParse({ key: m.key, name: m.name, unit: m.unit, aggregation: m.aggregation, config: m.config });
        return parsed.success ? [parsed.data] : [];
      }),
    [metricsQ.data],
  );
  const parsed = useMemo(() => (hasCard ? RateCard.safeParse(stored) : null), [hasCard, stored]);
  const rows = useMemo(() => (parsed?.success ? rateCardRows(parsed.data, definitions, locale) : null), [parsed, definitions, locale]);

  const doRemove = async () => {
    const res = await remove.run({ id: account.id, rateCard: null });
    if (res.ok) {
      setDialog(null);
      setNotice('The rate card was removed.');
    }
  };

  return (
    <section className="card" aria-labelledby="rate-card-title">
      <div className="card-header">
        <h2 id="rate-card-title" className="card-title">
          Rate card
        </h2>
        <div className="card-tools">
          <span className="card-meta">What this provider charges you, per metric</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={!metricsQ.data}
            onClick={() => {
              setNotice(null);
              setDialog('edit');
            }}
          >
            Edit rate card
          </button>
          {hasCard ? (
            <button
              type="button"
              className="btn btn-small btn-danger-outline"
              onClick={() => {
                setNotice(null);
                remove.reset();
                setDialog('remove');
              }}
            >
              Remove rate card
            </button>
          ) : null}
        </div>
      </div>
      <div role="status" className="live-slot">
        {notice ? (
          <div className="card-pad">
            <p className="notice notice-success">{notice}</p>
          </div>
        ) : null}
      </div>
      {metricsQ.error ? (
        <div className="card-pad">
          <ErrorNotice title="Metrics could not be loaded" error={metricsQ.error} onRetry={() => void metricsQ.reload()} />
        </div>
      ) : null}
      {!hasCard ? (
        <div className="card-body">
          <p className="muted">No rate card. Provider costs come from the provider’s own figures on each usage event.</p>
        </div>
      ) : rows ? (
        <div className="card-body card-body-flush">
          {parsed?.success && parsed.data.name ? (
            <p className="rate-card-name">
              {parsed.data.name} · {parsed.data.currency}
            </p>
          ) : null}
          <DataTable label="Rate card" columns={columns} data={rows} getRowId={(r) => r.metricKey} />
        </div>
      ) : (
        <div className="card-body">
          <div className="notice notice-warning" role="note">
            <p>This rate card does not pass the current checks; edit it to fix it. As stored:</p>
          </div>
          <pre className="json-view" tabIndex={0} aria-label="Stored rate card (JSON)">
            {JSON.stringify(stored, null, 2)}
          </pre>
        </div>
      )}

      {dialog === 'edit' ? (
        <RateCardEditorDialog
          account={account}
          card={stored}
          metrics={definitions}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setNotice('Rate card saved.');
          }}
        />
      ) : null}
      {dialog === 'remove' ? (
        <ConfirmDialog
          title={`Remove the rate card of ${account.name}?`}
          confirmLabel="Remove rate card"
          busyLabel="Removing…"
          danger
          busy={remove.running}
          error={remove.error}
          onConfirm={() => void doRemove()}
          onCancel={() => setDialog(null)}
        >
          <p>Provider costs will come only from the provider’s own figures on each usage event; usage without a reported cost will show no cost.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
