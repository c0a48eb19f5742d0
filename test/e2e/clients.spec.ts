// Issue "Foundation": first launch, then clients end to end (screen -> bridge -> service -> SQLite), in Chromium.
import { ClientsPage } from './pages/clients-page';
import { WelcomePage } from './pages/welcome-page';
import { expect, openApp, shot, test } from './fixtures';

test('first launch offers the demo or an empty start; starting empty leads to an empty clients screen', async ({ page, app }) => {
  await openApp(page, app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Meterbook' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load demo agency' })).toBeVisible();
  await shot(page, 'welcome');
  const welcome = new WelcomePage(page);
  await welcome.startEmpty({ name: 'Brightline AI Studio', currency: 'USD', timeZone: 'America/New_York' });
  await welcome.finishSetupLater();
  // onboarding lands on the dashboard; the (empty) clients screen is one click away
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  const clients = new ClientsPage(page);
  await expect(clients.heading()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Add your first client' })).toBeVisible();
  await shot(page, 'clients-empty');
  const info = await app.cli('call', 'agency.get', '{}');
  expect(JSON.parse(info.stdout)).toMatchObject({ name: 'Brightline AI Studio', currency: 'USD', timeZone: 'America/New_York' });
});

test('create a client, find it by search, edit it, restart the server: it is still there', async ({ page, app }) => {
  expect((await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'America/New_York' }))).code).toBe(0);
  await app.cli('call', 'clients.create', JSON.stringify({ name: 'Harbor Realty', currency: 'USD' }));
  await openApp(page, app.url, '#/clients');
  const clients = new ClientsPage(page);
  await expect(clients.heading()).toBeVisible();

  const form = await clients.newClient();
  await form.fill({ Name: 'Zoë Łódź Dental', 'Contact name': 'Zoë Nowak', 'Billing email': 'billing@zoe.example', City: 'Łódź', Country: 'PL', 'Tax id': 'PL5260001246' });
  await form.select('Currency', 'EUR');
  await form.select('Time zone', 'Europe/Warsaw');
  await form.save();
  await expect(form.root).toBeHidden();

  // search finds it (and only it)
  await clients.search().fill('łódź');
  await expect(clients.row('Zoë Łódź Dental')).toBeVisible();
  await expect(clients.row('Harbor Realty')).toHaveCount(0);
  await shot(page, 'clients-search');

  // open and edit it
  await clients.row('Zoë Łódź Dental').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoë Łódź Dental' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit client' });
  await edit.getByLabel('Notes', { exact: true }).fill('Pays by SEPA transfer');
  await edit.getByLabel('Status', { exact: true }).selectOption('trial');
  await edit.getByRole('button', { name: 'Save client' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Pays by SEPA transfer')).toBeVisible();
  await shot(page, 'client-detail');

  // restart the server on the same data folder: the client is still there, as edited
  const url = await app.restart();
  await openApp(page, url, '#/clients');
  await clients.search().fill('zoë');
  await expect(clients.row('Zoë Łódź Dental')).toBeVisible();
  await expect(clients.row('Zoë Łódź Dental')).toContainText('EUR');
  await clients.search().fill('');
  await expect(clients.row('Harbor Realty')).toBeVisible();
  await shot(page, 'clients');
  const listed = JSON.parse((await app.cli('call', 'clients.list', '{"search":"Zoë"}')).stdout);
  expect(listed.items[0]).toMatchObject({ name: 'Zoë Łódź Dental', notes: 'Pays by SEPA transfer', status: 'trial', currency: 'EUR', timeZone: 'Europe/Warsaw' });
});

test('invalid input shows the field message and leaves the database unchanged', async ({ page, app }) => {
  await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'America/New_York' }));
  await app.cli('call', 'clients.create', JSON.stringify({ name: 'Acme Dental', currency: 'USD' }));
  const before = (await app.cli('call', 'clients.list', '{"show":"all"}')).stdout;
  await openApp(page, app.url, '#/clients');
  const clients = new ClientsPage(page);

  // a duplicate name: the server's field message appears under Name
  let form = await clients.newClient();
  await form.fill({ Name: 'acme dental', 'Billing email': 'ap@acme.example' });
  await form.save();
  await expect(form.root.getByText('A client named "Acme Dental" already exists. Choose another name.').first()).toBeVisible();
  await expect(form.field('Name')).toHaveAttribute('aria-invalid', 'true');

  // a bad email
  await form.fill({ Name: 'Beta Clinic', 'Billing email': 'not-an-email' });
  await form.save();
  await expect(form.root.getByText(/Billing email is not a valid email address/).first()).toBeVisible();
  await expect(form.field('Billing email')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'client-form-errors');
  await form.root.getByRole('button', { name: 'Cancel' }).click();

  // the form can be reopened and fixed; until then nothing was written
  expect((await app.cli('call', 'clients.list', '{"show":"all"}')).stdout).toBe(before);
  form = await clients.newClient();
  await form.fill({ Name: 'Beta Clinic', 'Billing email': 'ap@beta.example' });
  await form.save();
  await expect(form.root).toBeHidden();
  expect(JSON.parse((await app.cli('call', 'clients.list', '{}')).stdout).total).toBe(2);
});

test('archive and restore a client', async ({ page, app }) => {
  await app.cli('call', 'agency.save', JSON.stringify({ name: 'Brightline', currency: 'USD', timeZone: 'America/New_York' }));
  const created = JSON.parse((await app.cli('call', 'clients.create', JSON.stringify({ name: 'Gone Soon', currency: 'USD' }))).stdout);
  await openApp(page, app.url, `#/clients/${created.id}`);
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Archive client' }).click();
  await expect(page.getByRole('button', { name: 'Restore' })).toBeVisible();
  expect(JSON.parse((await app.cli('call', 'clients.get', JSON.stringify({ id: created.id }))).stdout).archived).toBe(true);
  // the list's Archived filter shows it; Current does not
  await page.goto(`${app.origin}/#/clients`);
  await expect(page.getByRole('heading', { name: 'Add your first client' })).toBeVisible();
  await page.getByRole('radio', { name: 'Archived' }).check();
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: 'Gone Soon' })).toHaveCount(1);
  await page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: 'Gone Soon' }).click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('button', { name: 'Archive', exact: true })).toBeVisible();
  expect(JSON.parse((await app.cli('call', 'clients.get', JSON.stringify({ id: created.id }))).stdout).archived).toBe(false);
});

test('loading the demo agency fills the clients screen', async ({ page, app }) => {
  await openApp(page, app.url);
  await new WelcomePage(page).loadDemo();
  // the demo lands on the dashboard; the clients are one click away
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  const clients = new ClientsPage(page);
  await expect(clients.heading()).toBeVisible();
  await expect(clients.table().getByRole('row')).toHaveCount(10); // header + 9 demo clients
  await shot(page, 'clients-demo');
  await page.getByRole('link', { name: 'Providers' }).click();
  await expect(page.getByRole('table', { name: 'Provider accounts' })).toBeVisible();
  await shot(page, 'providers-demo');
});
