// Runs in the renderer. Client detail › Billing › Stripe: the client's Stripe customer. Unlinked: create one or
// link an existing one; pending: being created at the next sync; linked: its id, a Dashboard link and Unlink.
// Only a hint while Stripe is not connected.
import { useState } from 'react';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../format/dates';
import { Link } from '../../router/link';
import { GeneralError, SubHeading, Success } from '../clients/account-controls/shared-ui';
import { LinkCustomerDialog } from './link-customer-dialog';
import { dashboardCustomerUrl, STRIPE_TABLES } from './stripe-model';
import { StripeModeBadge } from './stripe-mode-badge';
import './stripe.css';

export function ClientStripeSection({ client }: { client: { id: number; name: string } }) {
  const status = useQuery('stripe.status', {}, { tables: STRIPE_TABLES });
  const connected = status.data?.connected === true;
  return (
    <section className="ac-section" aria-labelledby={`stripe-client-${client.id}`}>
      <SubHeading>
        <span id={`stripe-client-${client.id}`}>Stripe customer</span>
      </SubHeading>
      {status.error ? (
        <ErrorNotice title="The Stripe connection could not be loaded" error={status.error} onRetry={() => void status.reload()} />
      ) : !status.data ? null : connected ? (
        <LinkView client={client} livemode={status.data.livemode} />
      ) : (
        <p className="muted">
          Stripe is not connected. <Link to={{ name: 'settings' }}>Connect it in Settings</Link> to create or link this client’s Stripe customer.
        </p>
      )}
    </section>
  );
}

function LinkView({ client, livemode }: { client: { id: number; name: string }; livemode: boolean | null }) {
  const { locale, timeZone } = useAgency();
  const q = useQuery('stripe.customerLink', { clientId: client.id }, { tables: ['stripe_customers', 'stripe_outbox'] });
  const failed = useQuery('stripe.outbox', { clientId: client.id, status: 'failed', limit: 1 }, { tables: ['stripe_outbox'] });
  const create = useMutation('stripe.createCustomer');
  const unlink = useMutation('stripe.unlinkCustomer');
  const [dialog, setDialog] = useState<'link' | 'unlink' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!q.data) {
    return q.error ? <ErrorNotice title="The Stripe customer could not be loaded" error={q.error} onRetry={() => void q.reload()} /> : null;
  }
  const link = q.data;
  const onCreate = async () => {
    setNotice(null);
    const res = await create.run({ clientId: client.id });
    if (res.ok) void q.reload();
  };
  const onUnlink = async () => {
    const res = await unlink.run({ clientId: client.id });
    if (res.ok) {
      setDialog(null);
      setNotice('Unlinked. The customer stays in Stripe; invoices issued from now on stay in Meterbook.');
      void q.reload();
    }
  };
  const failures = failed.data?.total ?? 0;

  return (
    <div className="stripe-link">
      <Success text={notice} />
      {link.status === 'unlinked' ? (
        <>
          <p className="muted">Not linked: this client’s invoices stay in Meterbook. Link it to send the invoices it is issued from now on to Stripe.</p>
          <div className="ac-actions">
            <button type="button" className="btn btn-primary" onClick={() => void onCreate()} disabled={create.running} aria-busy={create.running || undefined}>
              {create.running ? 'Queuing…' : 'Create Stripe customer'}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setNotice(null);
                setDialog('link');
              }}
            >
              Link existing…
            </button>
          </div>
          <GeneralError error={create.error} />
        </>
      ) : link.status === 'pending' ? (
        <p className="stripe-link-line" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>
            <strong>Creating in Stripe…</strong> <span className="muted">The customer is created at the next sync (every 30 seconds while online).</span>
          </span>
        </p>
      ) : (
        <>
          <dl className="dl stripe-facts">
            <div className="dl-row">
              <dt>Customer</dt>
              <dd>
                <span className="mono">{link.customerId}</span> <StripeModeBadge livemode={link.livemode ?? livemode} />{' '}
                <a href={dashboardCustomerUrl(link.customerId ?? '', link.livemode ?? livemode)} target="_blank" rel="noreferrer noopener">
                  Open in Stripe
                </a>
              </dd>
            </div>
            {link.linkedAt ? (
              <div className="dl-row">
                <dt>Linked</dt>
                <dd>{formatDateTime(link.linkedAt, locale, timeZone)}</dd>
              </div>
            ) : null}
          </dl>
          <div className="ac-actions">
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => {
                setNotice(null);
                unlink.reset();
                setDialog('unlink');
              }}
            >
              Unlink
            </button>
          </div>
        </>
      )}
      {failures > 0 ? (
        <p className="notice notice-error" role="alert">
          <span>
            {failures === 1 ? 'A change' : `${failures} changes`} of this client {failures === 1 ? 'was' : 'were'} refused by Stripe.{' '}
            <Link to={{ name: 'stripe', status: 'failed' }}>See Stripe sync</Link>
          </span>
        </p>
      ) : null}

      {dialog === 'link' ? (
        <LinkCustomerDialog
          clientId={client.id}
          clientName={client.name}
          onClose={() => setDialog(null)}
          onLinked={(l) => {
            setDialog(null);
            setNotice(`Linked to ${l.customerId ?? 'the Stripe customer'}.`);
            void q.reload();
          }}
        />
      ) : null}
      {dialog === 'unlink' ? (
        <ConfirmDialog
          title={`Unlink ${client.name} from Stripe?`}
          confirmLabel="Unlink"
          busyLabel="Unlinking…"
          danger
          busy={unlink.running}
          error={unlink.error}
          onConfirm={() => void onUnlink()}
          onCancel={() => setDialog(null)}
        >
          <p>
            Meterbook forgets the link to <span className="mono">{link.customerId}</span>. The customer and the invoices already sent stay in Stripe; invoices issued
            from now on stay in Meterbook until the client is linked again.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
