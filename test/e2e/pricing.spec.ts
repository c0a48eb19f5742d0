// Issue "Pricing": build a plan in the editor, assign it to a client, and see the expected statement.
import { Dec } from '../../shared/money/decimal';
import { expect, openApp, shot, test } from './fixtures';

test('build a plan in the editor, assign it, and the statement shows the expected amounts', async ({ page, app }) => {
  test.setTimeout(120_000);
  expect((await app.cli('demo', '--seed', '42', '--end-date', '2026-10-31', '--no-pricing')).code).toBe(0);
  const clients = JSON.parse((await app.cli('call', 'clients.list', '{"search":"Harbor"}')).stdout);
  const harbor = clients.items[0];
  expect(harbor).toMatchObject({ currency: 'USD', timeZone: 'America/Los_Angeles' });
  // October 2026 in Los Angeles: 2026-10-01 07:00Z .. 2026-11-01 07:00Z (PDT until Nov 1)
  const totals = JSON.parse(
    (await app.cli('call', 'usage.totals', JSON.stringify({ clientId: harbor.id, from: '2026-10-01T07:00:00Z', to: '2026-11-01T07:00:00Z' }))).stdout,
  );
  const interactions = totals.find((t: { metricKey: string }) => t.metricKey === 'interactions').quantity as string;
  expect(Number(interactions)).toBeGreaterThan(100);

  await openApp(page, app.url, '#/plans');
  await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible();
  await page.getByRole('button', { name: 'New plan' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Harbor Standard');
  await page.getByLabel('Currency', { exact: true }).selectOption('USD');
  await page.getByLabel('Billing interval', { exact: true }).selectOption('month');
  await page.getByLabel('Base fee', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Add charge' }).click();
  const charge = page.getByRole('group', { name: 'Charge 1' });
  await charge.getByLabel('Metric', { exact: true }).selectOption('interactions');

  // graduated tiers with a gap are refused inline, under the tier's field
  await charge.getByLabel('Model', { exact: true }).selectOption('graduated');
  await charge.getByLabel('Tier 1 up to').fill('1000');
  await charge.getByLabel('Tier 1 unit price').fill('0.50');
  // keep the button clear of the sticky save bar at the bottom of the editor
  const addTier = charge.getByRole('button', { name: 'Add tier' });
  await addTier.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await addTier.click();
  await expect(charge.getByLabel('Tier 3 unit price')).toBeVisible();
  await charge.getByLabel('Tier 2 unit price').fill('0.40');
  await charge.getByLabel('Tier 3 unit price').fill('0.30');
  await charge.getByLabel('Tier 2 up to').fill('500');
  const tier2 = charge.getByLabel('Tier 2 up to');
  await expect(tier2).toHaveAttribute('aria-invalid', 'true');
  await expect(charge.getByText('Tier 2 ends at 500 but tier 1 already ends at 1,000: tiers overlap (each tier must end above the previous one).')).toBeVisible();
  await tier2.scrollIntoViewIfNeeded();
  await shot(page, 'plan-editor-errors');

  // per unit $0.50: the live preview rates 1,000 interactions at $100 + $500
  await charge.getByLabel('Model', { exact: true }).selectOption('per_unit');
  await charge.getByLabel('Unit price', { exact: true }).fill('0.50');
  await page.getByLabel('Quantity of Interactions').fill('1000');
  const preview = page.getByRole('table', { name: 'Preview statement' });
  await expect(preview).toContainText('600.00');
  await shot(page, 'plan-editor');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByText('Plan “Harbor Standard” was created as version 1.')).toBeVisible();

  // assign it to Harbor from September
  await page.goto(`${app.origin}/#/clients/${harbor.id}`);
  await page.getByRole('button', { name: 'Assign plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign plan' });
  await dialog.getByLabel('Plan', { exact: true }).selectOption({ label: 'Harbor Standard (v1)' });
  await dialog.getByLabel('Start date', { exact: true }).fill('2026-09-01');
  await shot(page, 'assign-plan');
  await dialog.getByRole('button', { name: 'Assign plan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Plan history' })).toContainText('Harbor Standard');

  // the October statement: $100 + $0.50 x the interactions the ledger holds for October in Los Angeles
  await page.getByRole('link', { name: 'View statement' }).click();
  await page.getByLabel('Period', { exact: true }).fill('2026-10');
  const expected = new Dec(100).plus(new Dec(interactions).times('0.5')).toFixed(2);
  const formatted = Number(expected).toLocaleString('en-US', { minimumFractionDigits: 2 });
  await expect(page.getByRole('table', { name: 'Statement' })).toContainText(formatted);
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText(formatted);
  await shot(page, 'statement');

  const cli = JSON.parse((await app.cli('rate', '--client', String(harbor.id), '--period', '2026-10', '--json')).stdout);
  expect(cli.statement.subtotal).toBe(expected);
  expect(cli.period).toMatchObject({ start: '2026-10-01T07:00:00.000Z', end: '2026-11-01T07:00:00.000Z' });
});
