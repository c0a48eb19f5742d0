// Runs anywhere, including the preload: the dashboard command names without zod (a test checks them).
export const DASHBOARD_COMMAND_NAMES = ['dashboard.summary', 'dashboard.usageSeries', 'dashboard.monthly', 'breakdown.list'] as const;
