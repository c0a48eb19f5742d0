// Runs in the renderer. The home screen: the month's revenue, cost and margin, usage over time, who is near a
// limit, what to collect, and whether the providers are syncing. Where each number comes from: docs/DASHBOARD.md.
import { useId, useState } from 'react';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Link } from '../../router/link';
import { AlertsPanel, InvoicesPanel, LimitsPanel, SyncPanel, UsagePanel } from './dashboard-panels';
import { currentMonth, monthName, periodOptions } from './dashboard-model';
import { KpiCards } from './kpi-cards';
import { MarginByClientChart, MonthlyChart } from './money-charts';
import { UsageChart } from './usage-chart';
import '../../styles/dashboard.css';

/** Every table a statement, a limit or a sync reads: a write to any of them refreshes the dashboard. */
const SUMMARY_TABLES = [
  'agency',
  'settings',
  'clients',
  'client_mappings',
  'client_limits',
  'client_billing',
  'plans',
  'plan_versions',
  'subscriptions',
  'pauses',
  'licenses',
  'metrics',
  'usage_events',
  'usage_rollups',
  'usage_revisions',
  'invoices',
  'alerts',
  'alert_settings',
  'provider_accounts',
  'sync_state',
  'ingest_jobs',
  'wallet_movements',
] as const;

export function DashboardScreen() {
  const { locale, timeZone } = useAgency();
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [now] = useState(() => new Date());
  const current = currentMonth(now, timeZone);
  const [period, setPeriod] = useState<string>(current);
  const summary = useQuery('dashboard.summary', { period }, { tables: SUMMARY_TABLES, keepPrevious: true });
  const monthly = useQuery('dashboard.monthly', { months: 12, until: period }, { tables: SUMMARY_TABLES, keepPrevious: true });
  const breakdown = useQuery('breakdown.list', { period }, { tables: SUMMARY_TABLES, keepPrevious: true });
  const s = summary.data;

  const picker = (
    <div className="dash-period">
      <label htmlFor={`${uid}-period`}>Period</label>
      <select id={`${uid}-period`} className="input select" value={period} onChange={(e) => setPeriod(e.target.value)}>
        {periodOptions(current, locale).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="dashboard">
      <PageHeader
        title="Dashboard"
        description={s ? `Each client’s billing period starting in ${monthName(s.period.label, locale)}, rated from the usage now. Amounts before tax.` : 'What each client used, what it costs you and what it earns.'}
        actions={picker}
      />
      {summary.error && !s ? (
        <ErrorNotice title="The dashboard could not be loaded" error={summary.error} onRetry={() => void summary.reload()} />
      ) : !s ? (
        <Loading label="Loading the dashboard…" />
      ) : (
        <>
          {summary.error ? <ErrorNotice title="The dashboard could not be refreshed" error={summary.error} onRetry={() => void summary.reload()} /> : null}
          {summary.stale ? (
            <p className="visually-hidden" role="status">
              Updating…
            </p>
          ) : null}
          {s.totals.length === 0 && s.problems.length === 0 ? (
            <p className="notice notice-info dash-hint">
              No client has a plan for this period, so there is no revenue yet. <Link to={{ name: 'plan-new' }}>Create a plan</Link> and assign it on a client’s page.
            </p>
          ) : null}
          <div aria-busy={summary.stale || undefined}>
            <KpiCards summary={s} locale={locale} />
          </div>
          <div className="dash-grid dash-grid-3">
            <UsagePanel summary={s} locale={locale} />
            <LimitsPanel summary={s} locale={locale} />
            <InvoicesPanel summary={s} locale={locale} />
          </div>
          <UsageChart title="Usage over time" />
          <div className="dash-grid dash-grid-2">
            <MonthlyChart q={monthly} locale={locale} />
            <MarginByClientChart q={breakdown} locale={locale} />
          </div>
          <div className="dash-grid dash-grid-2">
            <AlertsPanel summary={s} />
            <SyncPanel summary={s} />
          </div>
        </>
      )}
    </div>
  );
}
