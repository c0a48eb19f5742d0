// Runs in the renderer. A client's statement for one billing period (#/clients/<id>/statement?period=2026-10):
// period picker, the plan and period it was rated under (dates in the client's zone), the lines with provider
// cost and margin, tier breakdowns, totals, limits exceeded, notes. Printable.
import { useEffect, useId } from 'react';
import type { ClientStatement } from '../../../../shared/domain/pricing';
import type { CommandError } from '../../../../shared/contract/result';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../format/dates';
import { exactMoney, formatCount, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import '../../styles/pricing.css';
import { useMetricCatalog } from '../plans/use-metric-catalog';
import { isNegative, lastInstantBefore, monthLabelIn, parsePeriodLabel, periodLabelText, shiftPeriod } from '../statements/statement-format';
import { StatementTable } from '../statements/statement-table';

const STATEMENT_TABLES = ['subscriptions', 'plans', 'plan_versions', 'usage_events', 'clients', 'provider_accounts', 'metrics'] as const;

export function ClientStatementScreen({ id, period: requested }: { id: number; period: string | null }) {
  const { locale, timeZone } = useAgency();
  const client = useQuery('clients.get', { id }, { tables: ['clients'] });
  const zone = client.data?.timeZone ?? timeZone;
  const period = parsePeriodLabel(requested) ?? monthLabelIn(new Date(), zone);
  const statement = useQuery('statements.get', { clientId: id, period }, { tables: STATEMENT_TABLES, keepPrevious: true, enabled: client.data !== null });
  const name = client.data?.name ?? 'Client';
  useEffect(() => {
    document.title = `Statement ${period} — ${name} — Meterbook`;
  }, [period, name]);

  const go = (label: string) => navigate({ name: 'client-statement', id, period: label });
  const back = (
    <Link to={{ name: 'client', id }} className="back-link no-print">
      <span aria-hidden="true">← </span>
      {client.data ? client.data.name : 'Client'}
    </Link>
  );

  if (!client.data) {
    return (
      <>
        <PageHeader before={back} title={client.error ? 'Client not found' : 'Statement'} />
        {client.error ? <ErrorNotice title="This client could not be loaded" error={client.error} /> : <Loading label="Loading client…" />}
      </>
    );
  }

  const data = statement.data;
  return (
    <>
      <PageHeader
        before={back}
        title={`Statement for ${name}`}
        meta={<Badge tone="info">{periodLabelText(period, locale)}</Badge>}
        actions={
          <button type="button" className="btn no-print" onClick={() => window.print()} disabled={!data}>
            Print
          </button>
        }
      />

      <PeriodPicker period={period} onChange={go} busy={statement.loading && statement.data !== null} />

      {statement.error ? (
        <StatementError error={statement.error} clientId={id} clientName={name} period={period} onRetry={() => void statement.reload()} onPeriod={go} />
      ) : data === null ? (
        <Loading label="Rating the statement…" />
      ) : (
        <StatementView data={data} locale={locale} stale={statement.stale} />
      )}
    </>
  );
}

function PeriodPicker({ period, onChange, busy }: { period: string; onChange: (label: string) => void; busy: boolean }) {
  const id = useId();
  const annual = !period.includes('-');
  const unit = annual ? 'year' : 'month';
  return (
    <div className="toolbar period-picker no-print">
      <button type="button" className="btn btn-small" onClick={() => onChange(shiftPeriod(period, -1))}>
        <span aria-hidden="true">←</span> Previous {unit}
      </button>
      <div className="period-field">
        <label htmlFor={id}>Period</label>
        {annual ? (
          <input
            id={id}
            className="input input-compact"
            type="number"
            min={1970}
            max={9999}
            value={period}
            onChange={(e) => {
              if (/^\d{4}$/.test(e.target.value)) onChange(e.target.value);
            }}
          />
        ) : (
          <input
            id={id}
            className="input input-compact"
            type="month"
            value={period}
            onChange={(e) => {
              const v = parsePeriodLabel(e.target.value);
              if (v) onChange(v);
            }}
          />
        )}
      </div>
      <button type="button" className="btn btn-small" onClick={() => onChange(shiftPeriod(period, 1))}>
        Next {unit} <span aria-hidden="true">→</span>
      </button>
      {busy ? <span className="spinner" role="status" aria-label="Updating" /> : null}
    </div>
  );
}

function StatementError(props: {
  error: CommandError;
  clientId: number;
  clientName: string;
  period: string;
  onRetry: () => void;
  onPeriod: (label: string) => void;
}) {
  const { error, clientId, clientName, period, onRetry, onPeriod } = props;
  if (error.code === 'not_found' && /has no plan/i.test(error.message)) {
    return (
      <EmptyState title={`No plan for ${period}`}>
        <p>
          {clientName} has no plan for {period}. Assign one on the <Link to={{ name: 'client', id: clientId }}>client page</Link>.
        </p>
      </EmptyState>
    );
  }
  const suggested = error.field === 'period' ? /period like (\d{4}(?:-\d{2})?)/.exec(error.message)?.[1] : undefined;
  return (
    <div className="stack">
      <ErrorNotice title="The statement could not be rated" error={error} onRetry={error.code === 'conflict' || error.code === 'invalid_input' ? undefined : onRetry} />
      {suggested ? (
        <p>
          <button type="button" className="btn btn-small" onClick={() => onPeriod(suggested)}>
            Show {suggested}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function StatementView({ data, locale, stale }: { data: ClientStatement; locale: string; stale: boolean }) {
  const catalog = useMetricCatalog();
  const s = data.statement;
  const zone = data.period.zone;
  const showCosts = true;
  const metricName = (key: string) => catalog.name(key);
  const unitOf = (key: string) => catalog.definitions.find((m) => m.key === key)?.unit ?? '';

  return (
    <div className={`statement${stale ? ' is-stale' : ''}`} aria-busy={stale || undefined}>
      <section className="card statement-header" aria-label="Statement details">
        <div className="card-body">
          <dl className="statement-facts">
            <div>
              <dt>Client</dt>
              <dd>{data.clientName}</dd>
            </div>
            <div>
              <dt>Plan</dt>
              <dd>
                <Link to={{ name: 'plan', id: data.subscription.planId }}>{data.subscription.planName}</Link> <span className="muted">version {data.planVersion}</span>
              </dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>
                {formatDate(data.period.start, locale, zone)} – {formatDate(lastInstantBefore(data.period.end), locale, zone)}
                <span className="muted"> ({zone.replace(/_/g, ' ')})</span>
              </dd>
            </div>
            <div>
              <dt>Currency</dt>
              <dd>{s.currency}</dd>
            </div>
          </dl>
        </div>
      </section>

      {s.limitsExceeded.length > 0 ? (
        <div className="notice notice-warning" role="status">
          <div>
            <p className="notice-title">Over the limit</p>
            <ul className="plain-list">
              {s.limitsExceeded.map((l) => (
                <li key={l.metricKey}>
                  {metricName(l.metricKey)}: {formatQuantity(l.quantity, locale)} {unitLabel(unitOf(l.metricKey), l.quantity)} used, limit {formatQuantity(l.limit, locale)} per period.
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      <StatementTable label="Statement" currency={s.currency} locale={locale} lines={s.lines} subtotal={s.subtotal} showCosts={showCosts} />

      <div className="statement-bottom">
        <section className="card" aria-labelledby="usage-rated-title">
          <div className="card-header">
            <h2 id="usage-rated-title" className="card-title">
              Usage rated
            </h2>
            <span className="card-meta">From the ledger, this period</span>
          </div>
          <div className="card-body card-body-flush">
            {data.usage.length === 0 ? (
              <p className="card-pad muted">No usage in this period.</p>
            ) : (
              <div className="table-wrap">
                <table className="table table-compact" aria-label="Usage rated">
                  <thead>
                    <tr>
                      <th scope="col">Metric</th>
                      <th scope="col" className="num">
                        Quantity
                      </th>
                      <th scope="col" className="num">
                        Events
                      </th>
                      <th scope="col" className="num">
                        Provider cost
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.usage.map((u) => (
                      <tr key={u.metricKey}>
                        <td>{metricName(u.metricKey)}</td>
                        <td className="num">
                          {formatQuantity(u.quantity, locale)} <span className="muted">{unitLabel(unitOf(u.metricKey), u.quantity)}</span>
                        </td>
                        <td className="num">{formatCount(u.events, locale)}</td>
                        <td className="num">
                          <span title={exactMoney(u.providerCost, s.currency)}>{formatMoney(u.providerCost, s.currency, locale)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </section>

        <section className="card statement-summary" aria-labelledby="summary-title">
          <div className="card-header">
            <h2 id="summary-title" className="card-title">
              Summary
            </h2>
          </div>
          <div className="card-body">
            <dl className="totals">
              <div className="totals-row totals-main">
                <dt>Subtotal</dt>
                <dd>{formatMoney(s.subtotal, s.currency, locale)}</dd>
              </div>
              <div className="totals-row">
                <dt>Provider cost</dt>
                <dd title={exactMoney(s.providerCostExact, s.currency)}>{formatMoney(s.providerCost, s.currency, locale)}</dd>
              </div>
              <div className="totals-row">
                <dt>Margin</dt>
                <dd className={isNegative(s.margin) ? 'is-negative' : undefined}>{formatMoney(s.margin, s.currency, locale)}</dd>
              </div>
              <div className="totals-row">
                <dt>Margin %</dt>
                <dd className={s.marginPercent !== null && isNegative(s.marginPercent) ? 'is-negative' : undefined}>
                  {s.marginPercent === null ? <span className="muted">—</span> : `${s.marginPercent} %`}
                </dd>
              </div>
              {s.unappliedCredit && /[1-9]/.test(s.unappliedCredit) ? (
                <div className="totals-row">
                  <dt>Credit carried forward</dt>
                  <dd>{formatMoney(s.unappliedCredit, s.currency, locale)}</dd>
                </div>
              ) : null}
            </dl>
            <p className="field-hint">Before tax. Each line is rounded once to the currency&rsquo;s minor unit; the subtotal is the sum of the lines.</p>
          </div>
        </section>
      </div>

      {data.notes && data.notes.length > 0 ? (
        <section className="card" aria-labelledby="notes-title">
          <div className="card-header">
            <h2 id="notes-title" className="card-title">
              Notes
            </h2>
          </div>
          <div className="card-body">
            <ul className="notes-list">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
    </div>
  );
}
