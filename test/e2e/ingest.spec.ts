// Issue "Usage ingestion": wire a platform in without code (generic REST connector pointed at a fake
// server on 127.0.0.1), sync now, watch progress, map its client id, see the usage on the client.
import { genericRestSettings, startFakeGenericRest } from '../fakes/generic-rest';
import { startSlowProxy } from '../helpers/slow-proxy';
import { expect, openApp, shot, test } from './fixtures';

test('add a generic REST account, sync now with live progress, map a client, see its usage', async ({ page, app }) => {
  test.setTimeout(120_000);
  const from = new Date(Date.now() - 3 * 86_400_000);
  from.setUTCMinutes(0, 0, 0);
  const fake = await startFakeGenericRest({ seed: 5, records: 300, from: from.toISOString(), spacingMs: 10 * 60_000 });
  // pages answer slowly enough that a person (and this test) can watch the progress
  const slow = await startSlowProxy(fake.url, 400);
  try {
    await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'UTC' }));
    const acme = JSON.parse((await app.cli('call', 'clients.create', JSON.stringify({ name: 'Acme Dental', currency: 'USD' }))).stdout);

    await openApp(page, app.url, '#/providers');
    await page.getByRole('button', { name: 'Add provider account' }).first().click();
    const form = page.getByRole('dialog', { name: 'Add provider account' });
    await form.getByLabel('Kind', { exact: true }).selectOption('generic_rest');
    await form.getByLabel('Name', { exact: true }).fill('AgentClara');
    await form.getByLabel('Currency', { exact: true }).selectOption('USD');
    await form.getByLabel('API key or token', { exact: true }).fill(fake.token);
    const settings = genericRestSettings(slow.url, { limit: 50, backfillDays: 5 });
    await form.getByLabel('Settings (JSON)', { exact: true }).fill(JSON.stringify(settings, null, 2));
    await shot(page, 'provider-form');
    await form.getByRole('button', { name: 'Save provider account' }).click();
    await expect(form).toBeHidden();

    // open the account and sync now: live progress, then the outcome
    await page.getByRole('table', { name: 'Provider accounts' }).getByRole('row').filter({ hasText: 'AgentClara' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'AgentClara' })).toBeVisible();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
    await shot(page, 'provider-syncing');
    await expect(page.getByRole('heading', { name: 'Last sync' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Sync history' })).toContainText('300');
    await shot(page, 'provider-synced');

    // nothing is mapped yet: the usage is kept as unassigned, then mapped to Acme
    const unassigned = JSON.parse((await app.cli('call', 'usage.unassigned', '{}')).stdout) as Array<{ clientKey: string; events: number }>;
    expect(unassigned.reduce((n, g) => n + g.events, 0)).toBe(300);
    await page.getByLabel('Provider-side id', { exact: true }).fill('client:client-1');
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Acme Dental' });
    await page.getByRole('button', { name: 'Add mapping' }).click();
    await expect(page.getByRole('table', { name: 'Client mappings' })).toContainText('Acme Dental');

    // the client's page shows exactly the interactions of client-1 (last 30 days)
    const mine = fake.rows.filter((r) => r.account.id === 'client-1' && r.kind === 'interaction');
    await page.goto(`${app.origin}/#/clients/${acme.id}`);
    const usage = page.getByRole('table', { name: 'Usage, last 30 days' });
    await expect(usage).toContainText('Interactions');
    await expect(usage).toContainText(mine.length.toLocaleString('en-US'));
    await expect(page.getByRole('table', { name: 'Provider mappings' })).toContainText('client:client-1');
    await shot(page, 'client-usage');
    // the client's own mappings card removes the mapping; attributed usage stays with the client
    await page.getByRole('button', { name: 'Delete mapping client:client-1' }).click();
    await page.getByRole('alertdialog', { name: 'Delete mapping client:client-1?' }).getByRole('button', { name: 'Delete mapping' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'client:client-1 is no longer mapped.' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Provider mappings' })).toHaveCount(0);
    const totals = JSON.parse(
      (await app.cli('call', 'usage.totals', JSON.stringify({ clientId: acme.id, from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() }))).stdout,
    );
    expect(totals.find((t: { metricKey: string }) => t.metricKey === 'interactions')).toMatchObject({ events: mine.length, quantity: String(mine.length) });
  } finally {
    await slow.close();
    await fake.close();
  }
});
