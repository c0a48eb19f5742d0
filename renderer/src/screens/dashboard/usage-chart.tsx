// Runs in the renderer. Usage over time as stacked bars (by client or by metric), with range buttons and filters.
// Used on the dashboard and, for one client (by metric), on the client's page.
import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { Segmented } from '../../components/segmented';
import { formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { Link } from '../../router/link';
import '../../styles/dashboard.css';
import { compactNumber, isEmptySeries, RANGE_NAMES, RANGE_OPTIONS, seriesColor, seriesUnits, toChartData, type ChartRow, type ChartSeries, type UsageRange } from './usage-chart-model';

const USAGE_TABLES = ['usage_rollups', 'usage_events', 'clients', 'client_mappings', 'metrics', 'provider_accounts'] as const;
const SUMMABLE = new Set(['sum', 'count']);
type GroupBy = 'client' | 'metric';
const GROUP_OPTIONS: ReadonlyArray<readonly [GroupBy, string]> = [
  ['client', 'By client'],
  ['metric', 'By metric'],
];

export interface UsageChartProps {
  /** one client's usage, by metric (the client page) */
  clientId?: number;
  title: string;
}

interface TooltipEntry {
  dataKey?: unknown;
  color?: string;
  payload?: ChartRow;
}

function ChartTooltip({ active, payload, series, locale }: { active?: boolean; payload?: readonly TooltipEntry[]; series: ChartSeries[]; locale: string }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const shown = series.filter((s) => row.exact[s.dataKey] !== undefined && row.exact[s.dataKey] !== '0');
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{row.full}</p>
      {shown.length === 0 ? <p className="muted">No usage</p> : null}
      <ul>
        {shown.map((s) => {
          const q = row.exact[s.dataKey]!;
          return (
            <li key={s.key}>
              <span className="chart-swatch" style={{ background: seriesColor(s.key, series.indexOf(s)) }} aria-hidden="true" />
              <span className="chart-tooltip-name">{s.label}</span>
              <span className="chart-tooltip-value">
                {formatQuantity(q, locale)} {unitLabel(s.unit, q)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function UsageChart({ clientId, title }: UsageChartProps) {
  const { locale, timeZone } = useAgency();
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const forClient = clientId !== undefined;
  const [range, setRange] = useState<UsageRange>('30d');
  const [groupBy, setGroupBy] = useState<GroupBy>(forClient ? 'metric' : 'client');
  const [metricKey, setMetricKey] = useState<string | null>(null);
  const [providerAccountId, setProviderAccountId] = useState<number | null>(null);
  const [clientFilter, setClientFilter] = useState<number | null>(null);
  const [unitChoice, setUnitChoice] = useState<string | null>(null);

  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts'], enabled: !forClient });
  const clients = useQuery('clients.list', { limit: 500 }, { tables: ['clients'], enabled: !forClient });
  const metricOptions = useMemo(() => (metrics.data ?? []).filter((m) => SUMMABLE.has(m.aggregation)), [metrics.data]);
  const metric = metricKey ?? metricOptions.find((m) => m.key === 'interactions')?.key ?? metricOptions[0]?.key ?? null;
  const byClient = groupBy === 'client' && !forClient && clientFilter === null;

  const input = {
    range,
    groupBy: byClient ? ('client' as const) : ('metric' as const),
    ...(byClient && metric ? { metricKey: metric } : {}),
    ...(providerAccountId !== null ? { providerAccountId } : {}),
    ...(forClient ? { clientId } : clientFilter !== null ? { clientId: clientFilter } : {}),
  };
  const q = useQuery('dashboard.usageSeries', input, { tables: USAGE_TABLES, keepPrevious: true, enabled: !byClient || metric !== null });

  const units = useMemo(() => (q.data && q.data.groupBy === 'metric' ? seriesUnits(q.data.series) : []), [q.data]);
  const unit = q.data?.groupBy === 'metric' ? (unitChoice !== null && units.includes(unitChoice) ? unitChoice : (units[0] ?? null)) : null;
  const chart = useMemo(() => (q.data ? toChartData(q.data, { locale, timeZone, unit }) : null), [q.data, locale, timeZone, unit]);
  const unitName = chart?.series[0]?.unit ?? '';
  const captionId = `${uid}-caption`;

  return (
    <section className="card usage-chart" aria-labelledby={`${uid}-title`}>
      <div className="card-header chart-card-header">
        <h2 id={`${uid}-title`} className="card-title">
          {title}
        </h2>
        <Segmented name={`${uid}-range`} legend="Range" options={RANGE_OPTIONS} value={range} onChange={setRange} small />
      </div>
      <div className="chart-controls" role="group" aria-label="Chart filters">
        {!forClient ? <Segmented name={`${uid}-group`} legend="Group by" options={GROUP_OPTIONS} value={groupBy} onChange={setGroupBy} small /> : null}
        {byClient ? (
          <div className="chart-control">
            <label htmlFor={`${uid}-metric`}>Metric</label>
            <select id={`${uid}-metric`} className="input select input-compact" value={metric ?? ''} onChange={(e) => setMetricKey(e.target.value)}>
              {metricOptions.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {!byClient && units.length > 1 ? (
          <div className="chart-control">
            <label htmlFor={`${uid}-unit`}>Unit</label>
            <select id={`${uid}-unit`} className="input select input-compact" value={unit ?? ''} onChange={(e) => setUnitChoice(e.target.value)}>
              {units.map((u) => (
                <option key={u} value={u}>
                  {unitLabel(u, '2')}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {!forClient ? (
          <>
            <div className="chart-control">
              <label htmlFor={`${uid}-provider`}>Provider</label>
              <select id={`${uid}-provider`}
                className="input select input-compact"
                value={providerAccountId === null ? '' : String(providerAccountId)}
                onChange={(e) => setProviderAccountId(e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">All providers</option>
                {(providers.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="chart-control">
              <label htmlFor={`${uid}-client`}>Client</label>
              <select id={`${uid}-client`} className="input select input-compact" value={clientFilter === null ? '' : String(clientFilter)} onChange={(e) => setClientFilter(e.target.value === '' ? null : Number(e.target.value))}>
                <option value="">All clients</option>
                {(clients.data?.items ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        {q.loading && q.data ? <span className="chart-busy" role="status">Updating…</span> : null}
      </div>
      <div className="card-body">
        {q.error ? (
          <ErrorNotice title="Usage could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : !chart || !q.data ? (
          <Loading label="Loading usage…" />
        ) : isEmptySeries(chart) ? (
          <EmptyState title={`No usage in the ${RANGE_NAMES[range]}`} level={3}>
            <p>
              {forClient ? 'Map this client’s provider-side ids below, then sync the provider or import usage.' : 'Connect a provider and sync it, or import usage from a file.'}{' '}
              {!forClient ? (
                <>
                  <Link to={{ name: 'providers' }}>Connect a provider</Link> · <Link to={{ name: 'import', accountId: null }}>Import usage</Link>
                </>
              ) : null}
            </p>
          </EmptyState>
        ) : (
          <figure className="chart-figure" aria-labelledby={captionId}>
            <figcaption id={captionId} className="visually-hidden">
              {title}, {RANGE_NAMES[range]}, {byClient ? `by client, ${metricOptions.find((m) => m.key === metric)?.name ?? ''}` : 'by metric'}:{' '}
              {chart.series.map((s) => `${s.label} ${formatQuantity(s.total, locale)} ${unitLabel(s.unit, s.total)}`).join('; ')}.
            </figcaption>
            <div className="chart-box" aria-hidden="true">
              <ResponsiveContainer width="100%" height={280}>
                <BarChart data={chart.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
                  <XAxis dataKey="axis" tick={{ fill: 'var(--muted)', fontSize: 11 }} tickLine={false} axisLine={{ stroke: 'var(--border-strong)' }} minTickGap={12} />
                  <YAxis
                    width={56}
                    tick={{ fill: 'var(--muted)', fontSize: 11 }}
                    tickLine={false}
                    axisLine={false}
                    tickFormatter={(v: number) => compactNumber(v, locale)}
                    label={{ value: unitLabel(unitName, '2'), angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 11, dy: 30 }}
                  />
                  <Tooltip cursor={{ fill: 'var(--chart-cursor)' }} content={<ChartTooltip series={chart.series} locale={locale} />} isAnimationActive={false} />
                  <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-2)' }} iconType="square" iconSize={10} />
                  {chart.series.map((s, i) => (
                    <Bar key={s.key} dataKey={s.dataKey} name={s.label} stackId="usage" fill={seriesColor(s.key, i)} isAnimationActive={false} maxBarSize={48} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <UsageTable rows={chart.rows} series={chart.series} caption={`${title}, ${RANGE_NAMES[range]}`} locale={locale} />
          </figure>
        )}
        {q.data && q.data.omittedMetrics.length > 0 && !byClient ? (
          <p className="chart-note muted">Not shown (not a sum over time): {q.data.omittedMetrics.map((m) => m.name).join(', ')}.</p>
        ) : null}
      </div>
    </section>
  );
}

/** The chart's data as a table for screen readers. */
function UsageTable({ rows, series, caption, locale }: { rows: ChartRow[]; series: ChartSeries[]; caption: string; locale: string }) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          {series.map((s) => (
            <th key={s.key} scope="col">
              {s.label} ({unitLabel(s.unit, '2')})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.start}>
            <th scope="row">{r.full}</th>
            {series.map((s) => (
              <td key={s.key}>{formatQuantity(r.exact[s.dataKey] ?? '0', locale)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
