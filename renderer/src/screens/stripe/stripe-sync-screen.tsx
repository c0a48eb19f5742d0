// Runs in the renderer. "#/stripe": the Stripe outbox — what waits, what failed (with Stripe's message, Retry and
// Cancel) and what was sent — and "Sync now". The filter lives in the address (see stripe-routes.ts).
import { useCallback, useEffect, useState } from 'react';
import type { OutboxItem } from '../../../../shared/domain/stripe';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Segmented } from '../../components/segmented';
import { TimeAgo } from '../../components/time-ago';
import { Link } from '../../router/link';
import type { OutboxFilter } from '../../router/stripe-routes';
import { replaceRoute } from '../../router/use-route';
import '../../styles/ingest.css';
import { lastPageOffset } from '../clients/paging';
import { KIND_LABELS, STRIPE_TABLES } from './stripe-model';
import { StripeModeBadge } from './stripe-mode-badge';
import { OutboxTable } from './outbox-table';
import { SyncNotice, SyncNowButton } from './sync-notice';
import { useSyncNow } from './use-sync-now';
import './stripe.css';
import { Pager } from '../../components/pager';

export const OUTBOX_PAGE_SIZE = 100;
const EMPTY: OutboxItem[] = [];

const EMPTY_TEXT: Record<OutboxFilter, string> = {
  all: 'Nothing was sent to Stripe yet. Link a client in its Billing tab; its issued invoices are sent from then on.',
  pending: 'Nothing is waiting: Stripe is up to date.',
  failed: 'No failures.',
  sent: 'Nothing was sent yet.',
  cancelled: 'No cancelled changes.',
};

export function StripeSyncScreen({ filter }: { filter: OutboxFilter }) {
  const { locale } = useAgency();
  const [page, setPage] = useState({ filter, offset: 0 });
  const offset = page.filter === filter ? page.offset : 0;
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<OutboxItem | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const status = useQuery('stripe.status', {}, { tables: STRIPE_TABLES });
  const list = useQuery('stripe.outbox', { status: filter, limit: OUTBOX_PAGE_SIZE, offset }, { tables: ['stripe_outbox', 'clients', 'invoices'], keepPrevious: true });
  const retry = useMutation('stripe.retry');
  const cancel = useMutation('stripe.cancel');
  const sync = useSyncNow(() => {
    setNotice(null);
    void status.reload();
    void list.reload();
  });

  const items = list.data?.items ?? EMPTY;
  const total = list.data?.total ?? 0;
  const settled = list.data !== null && !list.stale;
  const pastTheEnd = settled && items.length === 0 && offset > 0;
  useEffect(() => {
    if (pastTheEnd) setPage({ filter, offset: lastPageOffset(total, OUTBOX_PAGE_SIZE) });
  }, [pastTheEnd, filter, total]);

  const runRetry = retry.run;
  const onRetry = useCallback(
    (item: OutboxItem) => {
      setNotice(null);
      setBusyId(item.id);
      void runRetry({ id: item.id }).then((res) => {
        setBusyId(null);
        if (res.ok) setNotice(`${KIND_LABELS[item.kind]} is queued again: press Sync now to send it, or Meterbook sends it within a minute.`);
      });
    },
    [runRetry],
  );
  const resetCancel = cancel.reset;
  const onCancel = useCallback(
    (item: OutboxItem) => {
      resetCancel();
      setCancelling(item);
    },
    [resetCancel],
  );
  const doCancel = async () => {
    if (!cancelling) return;
    const res = await cancel.run({ id: cancelling.id });
    if (res.ok) {
      setNotice(`Cancelled: ${cancelling.description}. Nothing more is sent for it.`);
      setCancelling(null);
    }
  };

  const s = status.data;
  const counts = s?.outbox;
  const options: ReadonlyArray<readonly [OutboxFilter, string]> = [
    ['all', 'All'],
    ['pending', counts && counts.pending > 0 ? `Pending (${counts.pending})` : 'Pending'],
    ['failed', counts && counts.failed > 0 ? `Failed (${counts.failed})` : 'Failed'],
    ['sent', 'Sent'],
    ['cancelled', 'Cancelled'],
  ];

  return (
    <div className="stripe-screen">
      <PageHeader
        title="Stripe sync"
        meta={s?.connected ? <StripeModeBadge livemode={s.livemode} /> : null}
        description="Changes Meterbook sends to Stripe: new customers, issued invoices, voids, payments and credit notes. They are sent in order, every 30 seconds while online."
        actions={s?.connected ? <SyncNowButton sync={sync} /> : null}
      />

      {s && !s.connected ? (
        <p className="notice notice-info">
          <span>
            Stripe is not connected: nothing is sent. <Link to={{ name: 'settings' }}>Connect it in Settings</Link>.
          </span>
        </p>
      ) : null}
      {s?.connected ? (
        <p className="stripe-sync-line">
          <span>
            {s.accountName ?? s.accountId} · <span className="mono">{s.keyHint}</span>
          </span>
          <span>
            Last sync <TimeAgo iso={s.lastSyncAt} empty="never" />
          </span>
          <span>
            Payments checked <TimeAgo iso={s.lastPollAt} empty="never" />
          </span>
        </p>
      ) : null}
      {s?.lastError ? <ErrorNotice title="Last contact with Stripe failed" error={{ code: 'conflict', message: s.lastError }} /> : null}

      <SyncNotice sync={sync} />
      <div className="stripe-live" role="status">
        {notice ? (
          <p className="notice notice-success">
            <span>{notice}</span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        ) : null}
      </div>
      {retry.error ? <ErrorNotice title="The change was not queued again" error={retry.error} /> : null}

      <div className="toolbar">
        <Segmented name="stripe-outbox-filter" legend="Show" options={options} value={filter} onChange={(v) => replaceRoute({ name: 'stripe', status: v })} />
        <span className="toolbar-spacer" />
        {list.loading && list.data ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      {list.error ? <ErrorNotice title="The Stripe changes could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data === null ? (
        list.error ? null : <Loading label="Loading Stripe changes…" />
      ) : items.length === 0 && settled ? (
        <EmptyState title={EMPTY_TEXT[filter]} />
      ) : (
        <>
          <OutboxTable items={items} busy={list.stale} onRetry={onRetry} onCancel={onCancel} busyId={busyId} />
          <Pager offset={offset} count={items.length} total={total} pageSize={OUTBOX_PAGE_SIZE} locale={locale} onOffset={(o) => setPage({ filter, offset: o })} />
        </>
      )}

      {cancelling ? (
        <ConfirmDialog
          title="Cancel this change?"
          confirmLabel="Cancel the change"
          busyLabel="Cancelling…"
          danger
          busy={cancel.running}
          error={cancel.error}
          onConfirm={() => void doCancel()}
          onCancel={() => setCancelling(null)}
        >
          <p>
            {cancelling.description}: nothing more is sent to Stripe for it. The record in Meterbook does not change. You can retry a cancelled change later.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
