// Runs in the renderer. Settings card "Stripe": connect with a key, or the connected account and its sync.
import { useState } from 'react';
import { useQuery } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { StripeConnectForm } from './stripe-connect-form';
import { StripeConnectionView } from './stripe-connection-view';
import { STRIPE_TABLES } from './stripe-model';
import { StripeModeBadge } from './stripe-mode-badge';
import './stripe.css';

export function StripeSettingsCard() {
  const q = useQuery('stripe.status', {}, { tables: STRIPE_TABLES });
  const [notice, setNotice] = useState<string | null>(null);
  const s = q.data;
  return (
    <section className="card" aria-labelledby="stripe-settings-title">
      <div className="card-header">
        <div className="stripe-card-title-row">
          <h2 id="stripe-settings-title" className="card-title">
            Stripe
          </h2>
          {s?.connected ? <StripeModeBadge livemode={s.livemode} /> : null}
        </div>
        <span className="card-meta">{s?.connected ? 'Connected' : 'Send invoices to Stripe and collect payments'}</span>
      </div>
      <div className="card-body stripe-card-body">
        <div className="stripe-live" role="status">
          {notice ? <p className="notice notice-success">{notice}</p> : null}
        </div>
        {s ? (
          s.connected ? (
            <StripeConnectionView
              status={s}
              reload={q.reload}
              onDisconnected={() => {
                setNotice('Stripe disconnected. The key was forgotten.');
                void q.reload();
              }}
            />
          ) : (
            <StripeConnectForm
              onConnected={(name) => {
                setNotice(`Connected to ${name ?? 'your Stripe account'}.`);
                void q.reload();
              }}
            />
          )
        ) : q.error ? (
          <ErrorNotice title="The Stripe connection could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : (
          <Loading label="Loading the Stripe connection…" />
        )}
      </div>
    </section>
  );
}
