// Issue "Account controls": usage imported past 90 % of a client's allowance raises alerts in the alert
// centre and flags the client over its limit in the list; a wallet top-up shows the new balance.
import fs from 'node:fs';
import path from 'node:path';
import { expect, openApp, shot, test } from './fixtures';

test('usage past 90 % raises alerts and flags the client; a top-up shows the balance', async ({ page, app }) => {
  test.setTimeout(120_000);
  const call = async (name: string, input: unknown) => {
    const r = await app.cli('call', name, JSON.stringify(input));
    expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };
  await call('agency.save', { name: 'Brightline', currency: 'USD', timeZone: 'UTC' });
  const acme = await call('clients.create', { name: 'Acme Dental', currency: 'USD', timeZone: 'UTC' });
  await call('clients.create', { name: 'Beta Clinic', currency: 'USD' });
  const account = await call('providers.create', { kind: 'agentclara', name: 'AgentClara', currency: 'USD' });
  await call('mappings.create', { providerAccountId: account.id, clientKey: 'client:acme', clientId: acme.id });
  // $350 a month includes 100 interactions; Acme may use at most 90 a month
  const plan = await call('plans.create', {
    definition: { name: 'Starter', currency: 'USD', interval: 'month', baseFee: '350', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '100', overageUnitPrice: '0.50' } }] },
  });
  const now = new Date();
  const monthStart = `${now.toISOString().slice(0, 7)}-01`;
  await call('subscriptions.assign', { clientId: acme.id, planId: plan.id, startDate: monthStart });
  await call('limits.set', { clientId: acme.id, metricKey: 'interactions', monthlyLimit: '90' });

  // 95 interactions this month, imported from a file as a user would
  const rows = Array.from({ length: 95 }, (_, i) => `e${i},acme,interactions,1,${new Date(Date.parse(`${monthStart}T00:00:00Z`) + i * 60_000).toISOString()}`);
  const file = path.join(app.dataDir, 'october.csv');
  fs.writeFileSync(file, ['id,client,metric,quantity,timestamp', ...rows].join('\n') + '\n');
  await call('importMappings.save', {
    name: 'clara',
    providerAccountId: account.id,
    mapping: { format: 'csv', columns: { externalId: 'id', clientKey: 'client', clientKeyPrefix: 'client:', metric: 'metric', quantity: 'quantity', occurredAt: 'timestamp', timeZone: 'UTC' } },
  });
  const imported = await app.cli('import', file, '--mapping', 'clara');
  expect(imported.code, imported.stdout + imported.stderr).toBe(0);

  await openApp(page, app.url, '#/alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  const alerts = page.getByRole('table', { name: 'Alerts' });
  await expect(alerts).toContainText('Acme Dental');
  await expect(alerts.getByRole('row').filter({ hasText: /90 ?%/ })).toHaveCount(1);
  await expect(alerts).toContainText(/limit/i);
  await expect(page.getByRole('link', { name: /^Alerts/ })).toContainText(/\d/);
  await shot(page, 'alert-centre');

  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  const acmeRow = page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: 'Acme Dental' });
  await expect(acmeRow).toContainText('Over limit');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: 'Beta Clinic' })).not.toContainText('Over limit');
  await shot(page, 'clients-over-limit');

  // top up the wallet
  await acmeRow.click();
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await page.getByRole('button', { name: 'Top up' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount', { exact: true }).fill('100.00');
  await dialog.getByLabel('Reference', { exact: true }).fill('Bank transfer 4711');
  await dialog.getByRole('button', { name: 'Add top-up' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tabpanel')).toContainText('$100.00');
  await expect(page.getByRole('table', { name: 'Wallet movements' })).toContainText('Bank transfer 4711');
  await shot(page, 'wallet');
  const wallet = await call('wallet.get', { clientId: acme.id });
  expect(wallet.balance).toBe('100.00');
});
