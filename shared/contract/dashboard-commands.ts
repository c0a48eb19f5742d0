// Runs anywhere. Contract commands for the agency's cockpit: the dashboard and the per-client breakdown.
// Where each number comes from: docs/DASHBOARD.md.
import { BreakdownList, DashboardSummary, Monthly, MonthlyInput, PeriodInput, UsageSeries, UsageSeriesInput } from '../domain/dashboard';

export const dashboardCommands = {
  /**
   * The month at a glance (default: the current month in the agency's zone): revenue, provider cost and margin per
   * currency and converted, usage per metric, unassigned usage, invoices due and overdue today, clients near or over
   * a limit, the latest alerts, each provider account's last sync.
   */
  'dashboard.summary': { input: PeriodInput, output: DashboardSummary },
  /** usage over time from the rollups: 24h by hour, 7d/30d by day, 3m by week, 12m by month (agency's zone) */
  'dashboard.usageSeries': { input: UsageSeriesInput, output: UsageSeries },
  /** revenue, provider cost and margin per month from the clients' statements, plus what was invoiced */
  'dashboard.monthly': { input: MonthlyInput, output: Monthly },
  /** one row per non-archived client for a month (default: the current one), with totals per currency */
  'breakdown.list': { input: PeriodInput, output: BreakdownList },
} as const;
