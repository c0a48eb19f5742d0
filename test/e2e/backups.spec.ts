// Backups end to end in browser mode: back up now from Settings, see it listed and checked, change the data,
// restore the backup through the confirm dialog, and find the data as it was; the same bridge keeps serving.
import path from 'node:path';
import { ARTIFACTS, expect, openApp, shot, test } from './fixtures';

test('back up now, list it, restore it: the data is back as it was', async ({ page, app }) => {
  expect((await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'America/New_York' }))).code).toBe(0);
  expect((await app.cli('call', 'clients.create', JSON.stringify({ name: 'Harbor Realty', currency: 'USD' }))).code).toBe(0);

  await openApp(page, app.url, '#/settings');
  const card = page.getByRole('region', { name: 'Backups' });
  await card.scrollIntoViewIfNeeded();
  // browser mode took its automatic backup at start (the first of this ISO week: its weekly)
  const table = card.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(/Weekly|Daily/);
  await expect(card.getByText(app.dataDir, { exact: false })).toBeVisible();
  await expect(card.getByLabel('Back up automatically every day')).toBeChecked();

  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.getByRole('status')).toContainText('Backed up: meterbook-');
  await expect(table.getByRole('row')).toHaveCount(3);
  const manual = table.getByRole('row').filter({ hasText: 'Manual' });
  await expect(manual).toContainText('Checked');
  await shot(page, 'backups-card');
  await card.screenshot({ path: path.join(ARTIFACTS, 'backups-card-element.png') });

  // a change after the backup (another process writes to the same ledger, as the CLI may)
  expect((await app.cli('call', 'clients.create', JSON.stringify({ name: 'After The Backup', currency: 'USD' }))).code).toBe(0);

  await manual.getByRole('button', { name: /^Restore the backup of / }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('goes back to how it was on');
  await expect(dialog).toContainText('first saves the current data as a backup');
  await shot(page, 'backups-restore-confirm');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('status')).toContainText('Restored the backup of');
  // the safety backup of the replaced data is listed too
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('Before a restore');
  await shot(page, 'backups-after-restore');

  await page.goto(`${app.url}#/clients`);
  await expect(page.getByRole('link', { name: 'Harbor Realty' })).toBeVisible();
  await expect(page.getByText('After The Backup')).toHaveCount(0);
});
