// Runs in the renderer. The dashboard's lists: usage per metric, unassigned usage, invoices due, clients near or
// over a limit, the latest alerts and each provider's last sync. Each links to the screen that acts on it.
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../../shared/domain/dashboard';
import { TimeAgo } from '../../components/time-ago';
import { formatCount, formatMoney } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { NO_INVOICE_FILTERS } from '../../router/invoice-routes';
import { Link } from '../../router/link';
import { dueLine, formatShare, formatUsage, sumByCurrency } from './dashboard-model';

function Panel({ id, title, meta, children }: { id: string; title: string; meta?: ReactNode; children: ReactNode }) {
  return (
    <section className="card dash-panel" aria-labelledby={`dash-${id}`}>
      <div className="card-header">
        <h2 id={`dash-${id}`} className="card-title">
          {title}
        </h2>
        {meta ? <span className="card-meta">{meta}</span> : null}
      </div>
      <div className="card-pad">{children}</div>
    </section>
  );
}

export function UsagePanel({ summary, locale }: { summary: DashboardSummary; locale: string }) {
  const { unassigned } = summary;
  return (
    <Panel id="usage" title="Usage this period">
      {summary.usage.length === 0 ? (
        <p className="muted">
          No usage yet. <Link to={{ name: 'providers' }}>Connect a provider</Link> or <Link to={{ name: 'import', accountId: null }}>import usage</Link>.
        </p>
      ) : (
        <dl className="dash-list">
          {summary.usage.map((m) => (
            <div key={m.key} className="dash-row">
              <dt>{m.name}</dt>
              <dd title={`${m.quantity} ${m.unit}`}>
                {formatUsage(m.quantity, locale)} <span className="muted">{unitLabel(m.unit, m.quantity)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className={unassigned.events > 0 ? 'dash-callout dash-callout-warn' : 'dash-callout'}>
        {unassigned.events > 0 ? (
          <>
            {formatCount(unassigned.events, locale)} unassigned {unassigned.events === 1 ? 'event' : 'events'} (
            {sumByCurrency(unassigned.metrics.flatMap((m) => m.providerCost))
              .map((c) => formatMoney(c.amount, c.currency, locale))
              .join(', ') || 'no cost'}{' '}
            provider cost). <Link to={{ name: 'unassigned' }}>Map them to clients</Link>
          </>
        ) : (
          <>
            No unassigned usage. <Link to={{ name: 'unassigned' }}>Unassigned usage</Link>
          </>
        )}
      </p>
      {summary.unbilledCost.length > 0 ? (
        <p className="muted dash-small">Unbilled provider cost: {summary.unbilledCost.map((c) => formatMoney(c.amount, c.currency, locale)).join(', ')}</p>
      ) : null}
    </Panel>
  );
}

export function InvoicesPanel({ summary, locale }: { summary: DashboardSummary; locale: string }) {
  const due = dueLine(summary.invoices.due, locale);
  const overdue = dueLine(summary.invoices.overdue, locale);
  return (
    <Panel id="invoices" title="Invoices to collect">
      <dl className="dash-list">
        <div className="dash-row">
          <dt>
            <Link to={{ name: 'invoices', filters: { ...NO_INVOICE_FILTERS, status: 'issued' } }}>Due</Link>
          </dt>
          <dd>{due ? `${formatCount(due.count, locale)} · ${due.amounts}` : <span className="muted">None</span>}</dd>
        </div>
        <div className="dash-row">
          <dt>
            <Link to={{ name: 'invoices', filters: { ...NO_INVOICE_FILTERS, status: 'overdue' } }}>Overdue</Link>
          </dt>
          <dd className={overdue ? 'dash-danger' : undefined}>{overdue ? `${formatCount(overdue.count, locale)} · ${overdue.amounts}` : <span className="muted">None</span>}</dd>
        </div>
      </dl>
    </Panel>
  );
}

export function LimitsPanel({ summary, locale }: { summary: DashboardSummary; locale: string }) {
  // one line per client and metric: the tighter of allowance and limit comes first from the service
  const seen = new Set<string>();
  const items = summary.limits.filter((l) => {
    const k = `${l.clientId}|${l.metricKey}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return (
    <Panel id="limits" title="Clients near or over a limit" meta={items.length > 0 ? `${items.length}` : undefined}>
      {items.length === 0 ? (
        <p className="muted">Nobody is near a limit or allowance this period.</p>
      ) : (
        <ul className="dash-items">
          {items.slice(0, 8).map((l) => (
            <li key={`${l.clientId}|${l.metricKey}`} className="dash-item">
              <Link to={{ name: 'client', id: l.clientId }}>{l.clientName}</Link>
              <span className="dash-item-meta">
                {l.metricName}: {formatUsage(l.quantity, locale)} of {formatUsage(l.base, locale)} {unitLabel(l.unit, l.base)} ({l.basis})
              </span>
              <span className={`badge dash-badge dash-badge-${l.status}`}>
                {l.status === 'over' ? 'Over' : 'Near'} {formatShare(l.percent, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function AlertsPanel({ summary }: { summary: DashboardSummary }) {
  const { items, unread } = summary.alerts;
  return (
    <Panel id="alerts" title="Recent alerts" meta={unread > 0 ? `${unread} unread` : undefined}>
      {items.length === 0 ? (
        <p className="muted">No alerts.</p>
      ) : (
        <ul className="dash-items">
          {items.slice(0, 5).map((a) => (
            <li key={a.id} className={a.readAt ? 'dash-item' : 'dash-item dash-unread'}>
              <span>{a.title}</span>
              <span className="dash-item-meta">
                <TimeAgo iso={a.createdAt} short />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="dash-more">
        <Link to={{ name: 'alerts' }}>All alerts</Link>
      </p>
    </Panel>
  );
}

export function SyncPanel({ summary }: { summary: DashboardSummary }) {
  return (
    <Panel id="sync" title="Last sync">
      {summary.sync.length === 0 ? (
        <p className="muted">
          No provider accounts. <Link to={{ name: 'providers' }}>Connect a provider</Link>
        </p>
      ) : (
        <ul className="dash-items">
          {summary.sync.map((s) => (
            <li key={s.providerAccountId} className="dash-item">
              <Link to={{ name: 'provider', id: s.providerAccountId }}>{s.name}</Link>
              <span className="dash-item-meta">
                {s.syncing ? 'Syncing…' : <TimeAgo iso={s.lastSuccessAt} empty={s.syncEnabled ? 'Never synced' : 'Sync off'} short />}
                {s.lastJob?.status === 'failed' ? <span className="dash-danger"> · last job failed</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
