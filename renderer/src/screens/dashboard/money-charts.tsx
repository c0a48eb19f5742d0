// Runs in the renderer. Revenue vs provider cost by month, and margin by client, in the agency's currency.
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownList, Monthly } from '../../../../shared/domain/dashboard';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import type { QueryState } from '../../api';
import { formatMoney } from '../../format/numbers';
import { Link } from '../../router/link';
import { formatPercent, marginBars, monthlyIsEmpty, monthlyRows, type MarginBar, type MonthlyRow } from './dashboard-model';
import { compactNumber } from './usage-chart-model';

const TICK = { fill: 'var(--muted)', fontSize: 11 };

function MonthlyTooltip({ active, payload, currency, locale }: { active?: boolean; payload?: ReadonlyArray<{ payload?: MonthlyRow }>; currency: string; locale: string }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{row.full}</p>
      <ul>
        <li>
          <span className="chart-swatch" style={{ background: 'var(--chart-revenue)' }} aria-hidden="true" />
          <span className="chart-tooltip-name">Revenue</span>
          <span className="chart-tooltip-value">{formatMoney(row.exact.revenue, currency, locale)}</span>
        </li>
        <li>
          <span className="chart-swatch" style={{ background: 'var(--chart-cost)' }} aria-hidden="true" />
          <span className="chart-tooltip-name">Provider cost</span>
          <span className="chart-tooltip-value">{formatMoney(row.exact.providerCost, currency, locale)}</span>
        </li>
        <li>
          <span className="chart-swatch" style={{ background: 'var(--chart-margin)' }} aria-hidden="true" />
          <span className="chart-tooltip-name">Margin</span>
          <span className="chart-tooltip-value">
            {formatMoney(row.exact.margin, currency, locale)} ({formatPercent(row.exact.marginPercent, locale)})
          </span>
        </li>
      </ul>
    </div>
  );
}

export function MonthlyChart({ q, locale }: { q: QueryState<Monthly>; locale: string }) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const data = q.data;
  const rows = data ? monthlyRows(data, locale) : [];
  const currency = data?.agencyCurrency ?? 'USD';
  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <div className="card-header">
        <h2 id={`${uid}-title`} className="card-title">
          Revenue vs cost by month
        </h2>
        <span className="card-meta">In {currency}, from the statements</span>
      </div>
      <div className="card-body">
        {q.error ? (
          <ErrorNotice title="Monthly figures could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : !data ? (
          <Loading label="Loading months…" />
        ) : monthlyIsEmpty(rows) ? (
          <EmptyState title="No revenue yet" level={3}>
            <p>
              Revenue comes from the clients’ plans. <Link to={{ name: 'plan-new' }}>Create a plan</Link> and assign it to a client.
            </p>
          </EmptyState>
        ) : (
          <figure className="chart-figure" aria-labelledby={`${uid}-cap`}>
            <figcaption id={`${uid}-cap`} className="visually-hidden">
              Revenue and provider cost by month in {currency}, {rows[0]?.full} to {rows[rows.length - 1]?.full}.
            </figcaption>
            <div className="chart-box" aria-hidden="true">
              <ResponsiveContainer width="100%" height={260}>
                <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
                  <XAxis dataKey="axis" tick={TICK} tickLine={false} axisLine={{ stroke: 'var(--border-strong)' }} minTickGap={8} />
                  <YAxis width={56} tick={TICK} tickLine={false} axisLine={false} tickFormatter={(v: number) => compactNumber(v, locale)} />
                  <Tooltip cursor={{ fill: 'var(--chart-cursor)' }} content={<MonthlyTooltip currency={currency} locale={locale} />} isAnimationActive={false} />
                  <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-2)' }} iconSize={10} />
                  <Bar dataKey="revenue" name="Revenue" fill="var(--chart-revenue)" isAnimationActive={false} maxBarSize={28} />
                  <Bar dataKey="providerCost" name="Provider cost" fill="var(--chart-cost)" isAnimationActive={false} maxBarSize={28} />
                  <Line dataKey="margin" name="Margin" stroke="var(--chart-margin)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} type="monotone" />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
            <table className="visually-hidden">
              <caption>Revenue vs cost by month ({currency})</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Revenue</th>
                  <th scope="col">Provider cost</th>
                  <th scope="col">Margin</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.full}</th>
                    <td>{formatMoney(r.exact.revenue, currency, locale)}</td>
                    <td>{formatMoney(r.exact.providerCost, currency, locale)}</td>
                    <td>{formatMoney(r.exact.margin, currency, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        )}
      </div>
    </section>
  );
}

function MarginTooltip({ active, payload, currency, locale }: { active?: boolean; payload?: ReadonlyArray<{ payload?: MarginBar }>; currency: string; locale: string }) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{bar.name}</p>
      <p>
        Margin {formatMoney(bar.exact, currency, locale)} ({formatPercent(bar.marginPercent, locale)})
      </p>
    </div>
  );
}

/** One line per client name, cut with an ellipsis (recharts would wrap it onto two lines). */
function ClientTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? '');
  return (
    <text x={Number(x ?? 0)} y={Number(y ?? 0)} dy={4} textAnchor="end" fill="var(--text-2)" fontSize={11}>
      {name.length > 26 ? `${name.slice(0, 25)}…` : name}
    </text>
  );
}

export function MarginByClientChart({ q, locale }: { q: QueryState<BreakdownList>; locale: string }) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const data = q.data;
  const bars = data ? marginBars(data.rows) : [];
  const currency = data?.agencyCurrency ?? 'USD';
  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <div className="card-header">
        <h2 id={`${uid}-title`} className="card-title">
          Margin by client
        </h2>
        <span className="card-meta">In {currency}</span>
      </div>
      <div className="card-body">
        {q.error ? (
          <ErrorNotice title="Margins could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : !data ? (
          <Loading label="Loading margins…" />
        ) : bars.length === 0 ? (
          <EmptyState title="No margins for this period" level={3}>
            <p>
              Margins need a client on a plan. <Link to={{ name: 'plan-new' }}>Create a plan</Link>, then assign it on the client’s page.
            </p>
          </EmptyState>
        ) : (
          <figure className="chart-figure" aria-labelledby={`${uid}-cap`}>
            <figcaption id={`${uid}-cap`} className="visually-hidden">
              Margin by client in {currency}, highest first.
            </figcaption>
            <div className="chart-box" aria-hidden="true">
              <ResponsiveContainer width="100%" height={Math.max(120, bars.length * 30 + 30)}>
                <BarChart data={bars} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
                  <XAxis type="number" tick={TICK} tickLine={false} axisLine={false} tickFormatter={(v: number) => compactNumber(v, locale)} />
                  <YAxis type="category" dataKey="name" width={180} tick={<ClientTick />} tickLine={false} axisLine={false} />
                  <Tooltip cursor={{ fill: 'var(--chart-cursor)' }} content={<MarginTooltip currency={currency} locale={locale} />} isAnimationActive={false} />
                  <Bar dataKey="margin" name="Margin" isAnimationActive={false} maxBarSize={18}>
                    {bars.map((b) => (
                      <Cell key={b.clientId} fill={b.margin < 0 ? 'var(--chart-negative)' : 'var(--chart-margin)'} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="visually-hidden">
              <caption>Margin by client ({currency})</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Margin</th>
                  <th scope="col">Margin %</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.clientId}>
                    <th scope="row">{b.name}</th>
                    <td>{formatMoney(b.exact, currency, locale)}</td>
                    <td>{formatPercent(b.marginPercent, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        )}
      </div>
    </section>
  );
}
