// Runs in the renderer. Invoice detail › Stripe: pushed (Stripe's id and status, the payment page), queued (the
// outbox item, Stripe's message and Retry when it failed), or why it is not in Stripe. Nothing at all for an
// agency that never connected Stripe.
import type { InvoiceDetail } from '../../../../shared/domain/invoice';
import type { RemoteInvoice, StripeStatus } from '../../../../shared/domain/stripe';
import { useMutation, useQuery } from '../../api';
import { Badge } from '../../components/badge';
import { TimeAgo } from '../../components/time-ago';
import { Link } from '../../router/link';
import {
  dashboardInvoiceUrl,
  KIND_LABELS,
  notPushedText,
  OUTBOX_STATUS_LABELS,
  OUTBOX_STATUS_TONES,
  queuedText,
  REMOTE_STATUS_LABELS,
  REMOTE_STATUS_TONES,
  remoteState,
  STRIPE_TABLES,
  webUrl,
} from './stripe-model';
import { SyncNotice, SyncNowButton } from './sync-notice';
import { useSyncNow } from './use-sync-now';
import './stripe.css';

const REMOTE_TABLES = ['stripe_invoices', 'stripe_outbox', 'invoices'] as const;

export function InvoiceStripeCard({ invoice }: { invoice: Pick<InvoiceDetail, 'id' | 'clientId' | 'status' | 'kind'> }) {
  const status = useQuery('stripe.status', {}, { tables: STRIPE_TABLES });
  const remote = useQuery('stripe.invoice', { invoiceId: invoice.id }, { tables: REMOTE_TABLES });
  const s = status.data;
  const r = remote.data;
  if (!s || !r) return null;
  const known = r.remoteId !== null || r.outbox !== null;
  if (!s.connected && !known) return null;
  return (
    <section className="card" aria-labelledby="inv-stripe-title">
      <div className="card-header">
        <h2 id="inv-stripe-title" className="card-title">
          Stripe
        </h2>
        {r.lastPolledAt ? (
          <span className="card-meta">
            Checked <TimeAgo iso={r.lastPolledAt} short />
          </span>
        ) : null}
      </div>
      <div className="card-body stripe-invoice-body">
        <RemoteView invoice={invoice} remote={r} status={s} reload={remote.reload} />
      </div>
    </section>
  );
}

interface RemoteViewProps {
  invoice: Pick<InvoiceDetail, 'id' | 'clientId' | 'status' | 'kind'>;
  remote: RemoteInvoice;
  status: StripeStatus;
  reload: () => Promise<void>;
}

function RemoteView({ invoice, remote, status, reload }: RemoteViewProps) {
  const state = remoteState(remote);
  const sync = useSyncNow(() => void reload());
  const retry = useMutation('stripe.retry');
  const link = useQuery('stripe.customerLink', { clientId: invoice.clientId }, { tables: ['stripe_customers'], enabled: state === 'not-pushed' && status.connected });

  if (state === 'pushed') {
    const hosted = webUrl(remote.hostedUrl);
    return (
      <dl className="dl stripe-facts" aria-label="In Stripe">
        <div className="dl-row">
          <dt>In Stripe</dt>
          <dd>
            <a className="mono" href={dashboardInvoiceUrl(remote.remoteId!, status.livemode)} target="_blank" rel="noreferrer noopener" title="Open in the Stripe Dashboard">
              {remote.remoteId}
            </a>
          </dd>
        </div>
        {remote.remoteStatus ? (
          <div className="dl-row">
            <dt>Status there</dt>
            <dd>
              <Badge tone={REMOTE_STATUS_TONES[remote.remoteStatus]}>{REMOTE_STATUS_LABELS[remote.remoteStatus]}</Badge>
            </dd>
          </div>
        ) : null}
        {hosted ? (
          <div className="dl-row">
            <dt>Payment page</dt>
            <dd>
              <a href={hosted} target="_blank" rel="noreferrer noopener">
                Open the hosted invoice
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    );
  }

  if (state === 'queued' || state === 'failed') {
    const item = remote.outbox!;
    const onRetry = async () => {
      const res = await retry.run({ id: item.id });
      if (res.ok) await sync.run();
    };
    return (
      <div className="stripe-queued">
        <p className="stripe-link-line">
          <Badge tone={OUTBOX_STATUS_TONES[item.status]}>{OUTBOX_STATUS_LABELS[item.status]}</Badge>
          <span>
            {KIND_LABELS[item.kind]}: {queuedText(item)}
            {state === 'queued' && item.nextAttemptAt ? (
              <>
                {' '}
                · next try <TimeAgo iso={item.nextAttemptAt} short />
              </>
            ) : null}
          </span>
        </p>
        {item.lastError ? (
          <p className={`notice ${state === 'failed' ? 'notice-error' : 'notice-info'} stripe-message`} role={state === 'failed' ? 'alert' : undefined}>
            <span>
              <span className="notice-title">Stripe said: </span>
              {item.lastError}
            </span>
          </p>
        ) : null}
        {retry.error ? (
          <p className="notice notice-error" role="alert">
            {retry.error.message}
          </p>
        ) : null}
        <SyncNotice sync={sync} />
        <div className="ac-actions">
          {state === 'failed' ? (
            <button type="button" className="btn btn-primary btn-small" onClick={() => void onRetry()} disabled={retry.running || sync.running} aria-busy={retry.running || sync.running || undefined}>
              {retry.running || sync.running ? 'Retrying…' : 'Retry'}
            </button>
          ) : status.connected ? (
            <SyncNowButton sync={sync} small />
          ) : null}
          <Link to={{ name: 'stripe', status: state === 'failed' ? 'failed' : 'pending' }} className="stripe-small-link">
            Stripe sync
          </Link>
        </div>
      </div>
    );
  }

  return <p className="muted">{notPushedText({ connected: status.connected, draft: invoice.status === 'draft', link: link.data?.status ?? null })}</p>;
}
