// Runs in the renderer. The outbox as a table: what each change is, for whom, its state, attempts, when it is
// tried next (or was sent), Stripe's message, and Retry / Cancel where they apply.
import { useMemo } from 'react';
import type { OutboxItem } from '../../../../shared/domain/stripe';
import { Badge } from '../../components/badge';
import { columnsFor, DataTable } from '../../components/data-table';
import { TimeAgo } from '../../components/time-ago';
import { Link } from '../../router/link';
import { attemptsText, KIND_LABELS, OUTBOX_STATUS_LABELS, OUTBOX_STATUS_TONES } from './stripe-model';

const col = columnsFor<OutboxItem>();

export interface OutboxActions {
  onRetry: (item: OutboxItem) => void;
  onCancel: (item: OutboxItem) => void;
  /** id of the item whose action runs */
  busyId: number | null;
}

function buildColumns({ onRetry, onCancel, busyId }: OutboxActions) {
  return col.columns([
    col.accessor('kind', {
      header: 'Change',
      meta: { className: 'stripe-col-change' },
      cell: (info) => {
        const r = info.row.original;
        return (
          <span className="two-line">
            <span className="row-title">{KIND_LABELS[r.kind]}</span>
            <span className="muted stripe-cell-wrap">{r.description}</span>
          </span>
        );
      },
    }),
    col.accessor('clientName', {
      header: 'Client',
      meta: { className: 'col-w-16' },
      cell: (info) => (
        <Link to={{ name: 'client', id: info.row.original.clientId }} title={info.getValue()}>
          {info.getValue()}
        </Link>
      ),
    }),
    col.accessor('status', {
      header: 'Status',
      meta: { className: 'stripe-col-status' },
      cell: (info) => {
        const r = info.row.original;
        return (
          <span className="two-line">
            <Badge tone={OUTBOX_STATUS_TONES[r.status]}>{OUTBOX_STATUS_LABELS[r.status]}</Badge>
            {r.status === 'sent' ? null : <span className="muted">{attemptsText(r.attempts)}</span>}
          </span>
        );
      },
    }),
    col.display({
      id: 'when',
      header: 'When',
      meta: { className: 'stripe-col-when' },
      cell: (info) => {
        const r = info.row.original;
        if (r.status === 'sent')
          return (
            <span>
              Sent <TimeAgo iso={r.sentAt} short />
            </span>
          );
        if (r.status === 'pending')
          return r.nextAttemptAt ? (
            <span>
              Next try <TimeAgo iso={r.nextAttemptAt} short />
            </span>
          ) : (
            <span>At the next sync</span>
          );
        return (
          <span>
            Queued <TimeAgo iso={r.createdAt} short />
          </span>
        );
      },
    }),
    col.accessor('lastError', {
      header: 'Stripe’s answer',
      meta: { className: 'stripe-col-message' },
      cell: (info) => {
        const r = info.row.original;
        const msg = info.getValue();
        if (msg) return <span className={`stripe-cell-wrap${r.status === 'failed' ? ' stripe-error-text' : ''}`}>{msg}</span>;
        if (r.remoteId)
          return (
            <span className="stripe-cell-wrap">
              <span className="muted">Stripe id </span>
              <span className="mono">{r.remoteId}</span>
            </span>
          );
        return <span className="muted">—</span>;
      },
    }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end', className: 'stripe-col-actions' },
      cell: (info) => {
        const r = info.row.original;
        const busy = busyId === r.id;
        if (r.status === 'sent') return null;
        return (
          <span className="stripe-row-actions">
            {r.status === 'failed' || r.status === 'cancelled' ? (
              <button type="button" className="btn btn-small" onClick={() => onRetry(r)} disabled={busy} aria-label={`Retry: ${r.description}`}>
                Retry
              </button>
            ) : null}
            {r.status === 'failed' || r.status === 'pending' ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onCancel(r)} disabled={busy} aria-label={`Cancel: ${r.description}`}>
                Cancel
              </button>
            ) : null}
          </span>
        );
      },
    }),
  ]);
}

export interface OutboxTableProps extends OutboxActions {
  items: OutboxItem[];
  /** dims the rows while newer data loads */
  busy: boolean;
}

export function OutboxTable({ items, busy, onRetry, onCancel, busyId }: OutboxTableProps) {
  const columns = useMemo(() => buildColumns({ onRetry, onCancel, busyId }), [onRetry, onCancel, busyId]);
  return (
    <div className="table-tight stripe-outbox-table">
      <DataTable label="Stripe changes" columns={columns} data={items} getRowId={(r) => String(r.id)} busy={busy} fixed />
    </div>
  );
}
