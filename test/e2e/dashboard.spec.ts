// Issue "Dashboard": the demo agency lands on the dashboard; its revenue equals the clients' statements for the
// same period (per currency); the usage chart switches ranges and grouping, filters a provider and shows a tooltip;
// a near-limit client opens, with its own usage chart. Screenshots in light and dark.
import Decimal from 'decimal.js';
import type { Page } from '@playwright/test';
import { expect, openApp, shot, test, type RunningApp } from './fixtures';
import { formatMoney } from '../../renderer/src/format/numbers';

async function call<T>(app: RunningApp, name: string, input: unknown): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  const r = await app.cli('call', name, JSON.stringify(input));
  return r.code === 0 ? { ok: true, data: JSON.parse(r.stdout) as T } : { ok: false, error: r.stdout + r.stderr };
}

async function must<T>(app: RunningApp, name: string, input: unknown): Promise<T> {
  const r = await call<T>(app, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error}`);
  return r.data;
}

/** The dashboard page object. */
class DashboardPage {
  constructor(readonly page: Page) {}
  heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Dashboard' });
  }
  kpi(key: string) {
    return this.page.locator(`.kpi-card[data-kpi="${key}"]`);
  }
  usageChart() {
    return this.page.getByRole('region', { name: 'Usage over time' });
  }
  async theme(name: 'Light' | 'Dark') {
    await this.page.locator('.theme-switcher').getByRole('radio', { name, exact: true }).check();
  }
}

test('the dashboard adds up the statements, charts usage and leads to a near-limit client', async ({ page, app }) => {
  test.setTimeout(360_000);
  expect((await app.cli('demo')).code).toBe(0);
  const summary = await must<{ period: { label: string }; agencyCurrency: string; totals: Array<{ currency: string; revenue: string }>; limits: Array<{ clientId: number; clientName: string }> }>(
    app,
    'dashboard.summary',
    {},
  );
  const period = summary.period.label;

  // revenue per currency = Σ statements.get subtotals of the same period
  const clients = (await must<{ items: Array<{ id: number; name: string }> }>(app, 'clients.list', { limit: 100 })).items;
  const revenue = new Map<string, Decimal>();
  for (const c of clients) {
    const r = await call<{ statement: { currency: string; subtotal: string } | null }>(app, 'statements.get', { clientId: c.id, period });
    if (!r.ok || !r.data.statement) continue; // no plan or not ratable: not in revenue
    const { currency, subtotal } = r.data.statement;
    revenue.set(currency, (revenue.get(currency) ?? new Decimal(0)).plus(subtotal));
  }
  expect(revenue.size).toBeGreaterThan(1);
  expect(Object.fromEntries(summary.totals.map((t) => [t.currency, new Decimal(t.revenue).toFixed()]))).toEqual(Object.fromEntries([...revenue].map(([k, v]) => [k, v.toFixed()])));

  // landing screen after onboarding: the dashboard
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, app.url);
  const dash = new DashboardPage(page);
  await expect(dash.heading()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue(period);
  const revenueCard = dash.kpi('revenue');
  await expect(revenueCard.locator('.kpi-value')).not.toHaveText('', { timeout: 90_000 });
  await revenueCard.getByText(/currencies/).click();
  for (const [currency, amount] of revenue) {
    await expect(revenueCard.locator('.kpi-detail-row').filter({ hasText: currency })).toContainText(formatMoney(amount.toFixed(), currency, 'en-US'));
  }
  await expect(dash.kpi('marginPercent').locator('.kpi-value')).toContainText('%');
  await shot(page, 'dashboard-light');

  // usage chart: ranges, grouping, a provider filter, a tooltip on hover
  const chart = dash.usageChart();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await chart.getByRole('radio', { name: '7d', exact: true }).check();
  await expect(chart.getByRole('radio', { name: '7d' })).toBeChecked();
  await expect(chart.locator('table caption')).toContainText('last 7 days');
  await expect(chart.locator('tbody tr')).toHaveCount(7);
  await chart.getByRole('radio', { name: '12 months', exact: true }).check();
  await expect(chart.locator('tbody tr')).toHaveCount(12);
  await chart.getByRole('radio', { name: '30d', exact: true }).check();
  await expect(chart.locator('tbody tr')).toHaveCount(30);
  await chart.getByRole('radio', { name: 'By metric', exact: true }).check();
  await expect(chart.getByLabel('Unit', { exact: true })).toBeVisible();
  await expect(chart.locator('thead')).toContainText('Interactions');
  const providers = await must<Array<{ id: number; name: string }>>(app, 'providers.list', {});
  await chart.getByLabel('Provider', { exact: true }).selectOption(String(providers[0]!.id));
  await expect(chart.getByLabel('Provider', { exact: true })).toHaveValue(String(providers[0]!.id));
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await chart.getByLabel('Provider', { exact: true }).selectOption('');
  await chart.getByRole('radio', { name: 'By client', exact: true }).check();
  await expect(chart.getByLabel('Metric', { exact: true })).toHaveValue('interactions');
  const bar = chart.locator('.recharts-bar-rectangle').last();
  await bar.scrollIntoViewIfNeeded();
  await bar.hover();
  const tooltip = chart.locator('.chart-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip.locator('.chart-tooltip-title')).toHaveText(/\w{3}, \w{3} \d{1,2}, \d{4}/);
  await expect(tooltip).toContainText('interaction');
  await shot(page, 'dashboard-tooltip-light');

  // dark
  await dash.theme('Dark');
  await page.locator('#main').evaluate((m) => m.scrollTo(0, 0));
  await shot(page, 'dashboard-dark');
  await chart.scrollIntoViewIfNeeded();
  await bar.hover();
  await expect(tooltip).toBeVisible();
  await shot(page, 'dashboard-tooltip-dark');
  await page.getByRole('region', { name: 'Revenue vs cost by month' }).scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-money-dark');
  await dash.theme('Light');
  await shot(page, 'dashboard-money-light');

  // a client near or over a limit opens from the dashboard, with its usage chart
  const near = summary.limits[0]!;
  expect(near).toBeDefined();
  await page
    .getByRole('region', { name: 'Clients near or over a limit' })
    .getByRole('link', { name: near.clientName })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: near.clientName })).toBeVisible();
  const clientChart = page.getByRole('region', { name: 'Usage over time' });
  await expect(clientChart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await clientChart.getByRole('radio', { name: '3 months', exact: true }).check();
  await expect(clientChart.locator('table caption')).toContainText('last 3 months');
  await clientChart.scrollIntoViewIfNeeded();
  await shot(page, 'client-usage-chart-light');
  await dash.theme('Dark');
  await shot(page, 'client-usage-chart-dark');
});

test('an empty agency: the dashboard says what to do next', async ({ page, app }) => {
  expect((await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'America/New_York' }))).code).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('No client has a plan for this period')).toBeVisible();
  await expect(page.getByRole('heading', { name: /No usage in the last 30 days/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Usage over time' }).getByRole('link', { name: 'Connect a provider' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No revenue yet' })).toBeVisible();
  await shot(page, 'dashboard-empty');
});
