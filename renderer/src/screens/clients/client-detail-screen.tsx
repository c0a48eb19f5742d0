// Runs in the renderer. One client: profile, status, archive / restore, usage.
import { useEffect, useState, type ReactNode } from 'react';
import type { Client } from '../../../../shared/domain/client';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../format/dates';
import { Link } from '../../router/link';
import { ClientBadges } from './client-badges';
import { ClientFormDialog } from './client-form-dialog';
import { STATUS_LABELS } from './client-form-model';
import { UsageCard } from './usage-card';
import { ClientPlanCard } from './client-plan-card';
import { ClientMappingsCard } from '../usage/client-mappings-card';
import { CURRENCIES } from '../../../../shared/domain/currencies';
import { AccountControls } from './account-controls/account-controls';
import { UsageChart } from '../dashboard/usage-chart';

const back = (
  <Link to={{ name: 'clients' }} className="back-link">
    <span aria-hidden="true">← </span>Client list
  </Link>
);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

function addressLines(c: Client): string[] {
  const a = c.address;
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, [cityLine, a.region].filter(Boolean).join(', '), a.country].filter((s): s is string => Boolean(s));
}

export function ClientDetailScreen({ id }: { id: number }) {
  const { locale, timeZone } = useAgency();
  const q = useQuery('clients.get', { id }, { tables: ['clients'] });
  const archive = useMutation('clients.archive');
  const restore = useMutation('clients.restore');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const name = q.data?.name;
  useEffect(() => {
    if (name) document.title = `${name} — Meterbook`;
  }, [name]);

  if (!q.data) {
    return (
      <>
        <PageHeader before={back} title={q.error ? 'Client not found' : 'Client'} />
        {q.error ? (
          <ErrorNotice title="This client could not be loaded" error={q.error} onRetry={q.error.code === 'not_found' ? undefined : () => void q.reload()} />
        ) : (
          <Loading label="Loading client…" />
        )}
      </>
    );
  }

  const c = q.data;
  const lines = addressLines(c);
  const currencyName = CURRENCIES.find((x) => x.code === c.currency)?.name;

  const doArchive = async () => {
    const res = await archive.run({ id: c.id });
    if (res.ok) {
      setConfirming(false);
      setNotice(`${res.data.name} was archived.`);
    }
  };
  const doRestore = async () => {
    const res = await restore.run({ id: c.id });
    if (res.ok) setNotice(`${res.data.name} was restored.`);
  };

  return (
    <>
      <PageHeader
        before={back}
        title={c.name}
        meta={<ClientBadges client={c} />}
        description={c.contactName || c.billingEmail ? [c.contactName, c.billingEmail].filter(Boolean).join(' · ') : undefined}
        actions={
          <>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit
            </button>
            {c.archived ? (
              <button type="button" className="btn" onClick={() => void doRestore()} disabled={restore.running} aria-busy={restore.running || undefined}>
                Restore
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => {
                  archive.reset();
                  setNotice(null);
                  setConfirming(true);
                }}
              >
                Archive
              </button>
            )}
          </>
        }
      />

      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}
      {restore.error ? <ErrorNotice title="The client was not restored" error={restore.error} /> : null}
      {c.archived ? (
        <p className="notice notice-info">
          Archived {c.archivedAt ? formatDateTime(c.archivedAt, locale, timeZone) : ''}. Archived clients are hidden from the client list; their history
          is kept.
        </p>
      ) : null}

      <ClientPlanCard client={c} />

      <UsageChart clientId={c.id} title="Usage over time" />

      <div className="detail-grid">
        <section className="card" aria-labelledby="profile-title">
          <div className="card-header">
            <h2 id="profile-title" className="card-title">
              Profile
            </h2>
          </div>
          <div className="card-body">
            <dl className="dl">
              <Row label="Contact name">{c.contactName}</Row>
              <Row label="Billing email">{c.billingEmail ? <a href={`mailto:${c.billingEmail}`}>{c.billingEmail}</a> : null}</Row>
              <Row label="Phone">{c.phone}</Row>
              <Row label="Address">
                {lines.length ? (
                  <address className="address">
                    {lines.map((l, i) => (
                      <span key={i}>{l}</span>
                    ))}
                  </address>
                ) : null}
              </Row>
              <Row label="Tax id">{c.taxId}</Row>
              <Row label="Currency">{currencyName ? `${c.currency} — ${currencyName}` : c.currency}</Row>
              <Row label="Time zone">{c.timeZone ?? <span className="muted">Agency default ({timeZone})</span>}</Row>
              <Row label="Status">{STATUS_LABELS[c.status]}</Row>
              <Row label="Notes">{c.notes ? <span className="pre-line">{c.notes}</span> : null}</Row>
              <Row label="Created">{formatDateTime(c.createdAt, locale, timeZone)}</Row>
              <Row label="Updated">{formatDateTime(c.updatedAt, locale, timeZone)}</Row>
            </dl>
          </div>
        </section>
        <UsageCard clientId={c.id} />
      </div>

      <ClientMappingsCard clientId={c.id} archived={c.archived} />
      <AccountControls client={c} />

      {editing ? (
        <ClientFormDialog
          client={c}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice('Changes saved.');
          }}
        />
      ) : null}

      {confirming ? (
        <ConfirmDialog
          title={`Archive ${c.name}?`}
          confirmLabel="Archive client"
          busyLabel="Archiving…"
          danger
          busy={archive.running}
          error={archive.error}
          onConfirm={() => void doArchive()}
          onCancel={() => setConfirming(false)}
        >
          <p>Archived clients are hidden from the client list and from new invoices. Their usage and invoices are kept, and you can restore them at any time.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
