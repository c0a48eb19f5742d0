// Stripe sync end to end, against the fake Stripe (real HTTP on 127.0.0.1) that METERBOOK_STRIPE_ENDPOINT points
// the `meterbook serve` child at: connect in Settings (a refused key, then a test key), create one client's
// customer and link another's existing one, issue an invoice and sync it, get it paid on Stripe's side and see it
// paid here; then a push Stripe refuses, shown in the sync panel and retried once the fault is gone; disconnect.
import type { Page } from '@playwright/test';
import { FAKE_STRIPE_LIVE_KEY, FAKE_STRIPE_TEST_KEY, startFakeStripe, type FakeStripe, type WireInvoice } from '../fakes/fake-stripe';
import { expect, openApp, shot, test as base, type RunningApp } from './fixtures';

const test = base.extend<{ fakeStripe: FakeStripe }>({
  fakeStripe: async ({}, use) => {
    const fake = await startFakeStripe();
    await use(fake);
    await fake.close();
  },
  appEnv: async ({ fakeStripe }, use) => use({ METERBOOK_STRIPE_ENDPOINT: fakeStripe.url }),
});

const ZONE = 'America/New_York'; // the demo agency's zone: periods are closed in it

/** "2026-10" when it is some day of November 2026 in New York. */
function previousPeriod(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "791.90" -> 79190 (two-decimal currencies), without floats. */
function minorUnits(amount: string): number {
  const [whole, frac = ''] = amount.split('.');
  return Number(`${whole}${frac.padEnd(2, '0').slice(0, 2)}`);
}

/** The demo agency; Harbor and Summit (USD) on a monthly plan since the month before the period. */
async function demoWithPlans(app: RunningApp) {
  const call = async (name: string, input: unknown) => {
    const r = await app.cli('call', name, JSON.stringify(input));
    expect(r.code, `${name}: ${r.stdout}${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };
  expect((await app.cli('demo', '--no-pricing')).code).toBe(0);
  const clients = (await call('clients.list', { limit: 100 })).items as Array<{ id: number; name: string }>;
  const byName = (s: string) => clients.find((c) => c.name.startsWith(s))!;
  const harbor = byName('Harbor');
  const summit = byName('Summit');
  const starter = await call('plans.create', {
    definition: { name: 'Starter', currency: 'USD', interval: 'month', baseFee: '350', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.05' } }] },
  });
  const period = previousPeriod();
  const [y, m] = period.split('-').map(Number) as [number, number];
  const before = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01`;
  for (const client of [harbor, summit]) await call('subscriptions.assign', { clientId: client.id, planId: starter.id, startDate: before });
  return { call, period, harbor, summit };
}

/** A customer made in Stripe's Dashboard before Meterbook knew it. */
async function createRemoteCustomer(fake: FakeStripe, email: string, name: string): Promise<string> {
  const res = await fetch(`${fake.url}/v1/customers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${FAKE_STRIPE_TEST_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, name }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

const remoteInvoicesNumbered = (fake: FakeStripe, number: string): WireInvoice[] => [...fake.state.invoices.values()].filter((i) => i.metadata?.meterbook_number === number);

/** Screens of this spec. */
class StripePages {
  constructor(readonly page: Page) {}
  settingsCard() {
    return this.page.getByRole('region', { name: 'Stripe', exact: true });
  }
  nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }
  async openClientBilling(app: RunningApp, clientId: number) {
    await this.page.goto(`${app.url}#/clients/${clientId}`);
    await this.page.getByRole('tab', { name: 'Billing' }).click();
    return this.page.getByRole('region', { name: 'Stripe customer' });
  }
  invoiceCard() {
    return this.page.getByRole('region', { name: 'Stripe', exact: true });
  }
  outbox() {
    return this.page.getByRole('table', { name: 'Stripe changes' });
  }
  async syncNow() {
    await this.page.locator('.page-actions').getByRole('button', { name: 'Sync now' }).click();
    await expect(this.page.locator('.page-actions').getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 30_000 });
  }
}

test('connect Stripe, link clients, push an invoice, get it paid in Stripe, retry a refused push', async ({ page, app, fakeStripe }) => {
  test.setTimeout(240_000);
  const { call, period, harbor, summit } = await demoWithPlans(app);
  const ui = new StripePages(page);

  // ---- Settings › Stripe: not connected
  await openApp(page, app.url, '#/settings');
  const card = ui.settingsCard();
  await expect(card.getByRole('heading', { name: 'Stripe' })).toBeVisible();
  await expect(ui.nav().getByRole('link', { name: /Stripe sync/ })).toHaveCount(0);
  const key = card.getByLabel('Stripe API key');
  await expect(key).toHaveAttribute('type', 'password');
  await expect(card.getByText('Write', { exact: true })).toBeVisible();
  await expect(card.getByRole('radio', { name: 'Email invoices' })).toBeChecked();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'stripe-settings-connect');

  // a publishable key is refused here; a live key is flagged before connecting
  await key.fill('pk_test_51FakePublishable000');
  await card.getByRole('button', { name: 'Connect Stripe' }).click();
  await expect(card.getByText(/That is a publishable key/)).toBeVisible();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await key.fill(FAKE_STRIPE_LIVE_KEY);
  await expect(card.getByText(/This is a live key/)).toBeVisible();
  await card.getByRole('radio', { name: 'Charge the card on file' }).check();
  await card.getByText(/This is a live key/).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'stripe-settings-live-key');

  // a key Stripe does not know: Stripe's refusal under the field
  await key.fill('sk_test_51NotAKeyStripeKnows99');
  await card.getByRole('radio', { name: 'Email invoices' }).check();
  await card.getByRole('button', { name: 'Connect Stripe' }).click();
  await expect(card.getByText(/^Stripe refused the key: Invalid API Key provided/)).toBeVisible();
  await expect(card.getByText('sk_test_51NotAKeyStripeKnows99')).toHaveCount(0);
  await key.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'stripe-settings-refused');

  // the test key connects: TEST badge, account, key hint; the key itself is never shown again
  await key.fill(FAKE_STRIPE_TEST_KEY);
  await card.getByRole('button', { name: 'Connect Stripe' }).click();
  await expect(page.getByText('Connected to Meterbook Test Agency.')).toBeVisible();
  await expect(card.locator('.badge', { hasText: 'TEST' })).toBeVisible();
  await expect(card).toContainText('Meterbook Test Agency');
  await expect(card).toContainText(`sk_test_…${FAKE_STRIPE_TEST_KEY.slice(-4)}`);
  expect(await page.content()).not.toContain(FAKE_STRIPE_TEST_KEY);
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByText('Connected to Meterbook Test Agency in test mode.')).toBeVisible();
  await expect(ui.nav().getByRole('link', { name: /Stripe sync/ })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'stripe-settings-connected');
  expect(await call('stripe.status', {})).toMatchObject({ connected: true, livemode: false, mode: 'email', accountName: 'Meterbook Test Agency' });

  // ---- Harbor: create its Stripe customer (queued, then sent by Sync now)
  let section = await ui.openClientBilling(app, harbor.id);
  await expect(section.getByRole('button', { name: 'Create Stripe customer' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'client-stripe-unlinked');
  await section.getByRole('button', { name: 'Create Stripe customer' }).click();
  // the background sender may already have sent it
  await expect(section.getByText(/Creating in Stripe…|^cus_/).first()).toBeVisible();
  await shot(page, 'client-stripe-pending');

  await ui.nav().getByRole('link', { name: /Stripe sync/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stripe sync' })).toBeVisible();
  await ui.syncNow();
  await expect(ui.outbox().getByRole('row').filter({ hasText: 'Create customer' })).toContainText('Sent');
  const harborCustomer = [...fakeStripe.state.customers.values()].find((c) => c.metadata?.meterbook_client_id === String(harbor.id));
  expect(harborCustomer, 'Harbor is a customer in Stripe').toBeTruthy();

  section = await ui.openClientBilling(app, harbor.id);
  await expect(section.getByText(harborCustomer!.id)).toBeVisible();
  await expect(section.getByRole('link', { name: 'Open in Stripe' })).toHaveAttribute('href', `https://dashboard.stripe.com/test/customers/${harborCustomer!.id}`);
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'client-stripe-linked');

  // ---- Summit: link the customer that already exists in Stripe (found by its billing email)
  const summitEmail = (await call('clients.get', { id: summit.id })).billingEmail as string;
  const existing = await createRemoteCustomer(fakeStripe, summitEmail, summit.name);
  section = await ui.openClientBilling(app, summit.id);
  await section.getByRole('button', { name: 'Link existing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link an existing Stripe customer' });
  const found = dialog.getByRole('list', { name: 'Stripe customers found' });
  await expect(found.getByRole('listitem')).toHaveCount(1);
  await expect(found).toContainText(existing);
  await shot(page, 'stripe-link-dialog');
  await dialog.getByLabel('Email or customer id').fill('cus_bad id');
  await dialog.getByRole('button', { name: 'Link' }).first().click();
  await expect(dialog.getByText(/A Stripe customer id looks like cus_/)).toBeVisible();
  await found.getByRole('button', { name: `Link ${existing}` }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByText(`Linked to ${existing}.`)).toBeVisible();
  await expect(section.getByText(existing, { exact: true })).toBeVisible();

  // ---- close the period; issue Harbor's invoice in the app
  const closed = await app.cli('close', '--period', period);
  expect(closed.code, closed.stdout + closed.stderr).toBe(0);
  const drafts = (await call('invoices.list', { period, status: 'draft' })).items as Array<{ id: number; clientId: number }>;
  const harborDraft = drafts.find((d) => d.clientId === harbor.id)!;
  const summitDraft = drafts.find((d) => d.clientId === summit.id)!;
  await page.goto(`${app.url}#/invoices/${harborDraft.id}`);
  await expect(ui.invoiceCard()).toContainText('Sent to Stripe when it is issued.');
  await page.locator('.page-actions').getByRole('button', { name: 'Issue', exact: true }).click();
  const issue = page.getByRole('alertdialog', { name: 'Issue invoice' }).or(page.getByRole('dialog', { name: 'Issue invoice' }));
  await issue.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(issue).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: /^Invoice INV-/ })).toBeVisible();
  const invoiceCard = ui.invoiceCard();
  await expect(invoiceCard).toContainText(/Send invoice: waiting to be sent|In Stripe/);
  await invoiceCard.scrollIntoViewIfNeeded();
  await shot(page, 'invoice-stripe-queued');
  if (await invoiceCard.getByRole('button', { name: 'Sync now' }).isVisible()) await invoiceCard.getByRole('button', { name: 'Sync now' }).click();
  await expect(invoiceCard.getByText('In Stripe')).toBeVisible({ timeout: 30_000 });
  await expect(invoiceCard.locator('.badge', { hasText: 'Open' })).toBeVisible();
  await expect(invoiceCard.getByRole('link', { name: 'Open the hosted invoice' })).toBeVisible();
  await invoiceCard.scrollIntoViewIfNeeded();
  await shot(page, 'invoice-stripe-pushed');

  // exactly one Stripe invoice carries our number, for the right amount in cents
  const issued = await call('invoices.get', { id: harborDraft.id });
  const pushed = remoteInvoicesNumbered(fakeStripe, issued.number);
  expect(pushed).toHaveLength(1);
  expect(pushed[0]!.total).toBe(minorUnits(issued.snapshot.totals.amountDue));
  expect(pushed[0]!.customer).toBe(harborCustomer!.id);

  // ---- the client pays on Stripe's page; Sync now marks it paid here, by Stripe, with the charge
  fakeStripe.markInvoicePaid(pushed[0]!.id, { chargeId: 'ch_e2eHarborPaid01' });
  await ui.nav().getByRole('link', { name: /Stripe sync/ }).click();
  await ui.syncNow();
  await page.goto(`${app.url}#/invoices/${harborDraft.id}`);
  await expect(page.locator('.page-header')).toContainText('Paid');
  const payment = page.getByRole('region', { name: 'Payment' });
  await expect(payment).toContainText('by Stripe');
  await expect(payment).toContainText('ch_e2eHarborPaid01');
  await expect(ui.invoiceCard().locator('.badge', { hasText: 'Paid' })).toBeVisible();
  await ui.invoiceCard().scrollIntoViewIfNeeded();
  await shot(page, 'invoice-stripe-paid');
  expect(await call('invoices.get', { id: harborDraft.id })).toMatchObject({ status: 'paid', payment: { method: 'stripe', reference: 'ch_e2eHarborPaid01' } });

  // ---- Stripe refuses Summit's invoice for good: failed, with Stripe's message, in the panel and on the invoice
  const refusal = "This customer's tax location is not valid, so Stripe cannot invoice it.";
  fakeStripe.failNext(1, { status: 400, code: 'customer_tax_location_invalid', message: refusal, path: /^\/v1\/invoices/ });
  await call('invoices.issue', { id: summitDraft.id });
  await ui.nav().getByRole('link', { name: /Stripe sync/ }).click();
  await ui.syncNow();
  await expect(ui.nav().getByRole('link', { name: /Stripe sync/ })).toContainText('1');
  await page.getByRole('radio', { name: 'Failed (1)' }).check();
  await expect(page).toHaveURL(/#\/stripe\?status=failed$/);
  const failedRow = ui.outbox().getByRole('row').filter({ hasText: 'Send invoice' });
  await expect(failedRow).toContainText(summit.name);
  await expect(failedRow).toContainText(refusal);
  await expect(failedRow).toContainText('Failed');
  await shot(page, 'stripe-sync-failed');

  await page.goto(`${app.url}#/invoices/${summitDraft.id}`);
  await expect(ui.invoiceCard()).toContainText(refusal);
  await expect(ui.invoiceCard().getByRole('button', { name: 'Retry' })).toBeVisible();
  await ui.invoiceCard().scrollIntoViewIfNeeded();
  await shot(page, 'invoice-stripe-failed');

  // the fault is gone: Retry in the panel, then Sync now sends it
  fakeStripe.clearFaults();
  await page.goto(`${app.url}#/stripe?status=failed`);
  await ui.outbox().getByRole('button', { name: /^Retry: Invoice/ }).click();
  await expect(page.getByText(/Send invoice is queued again/)).toBeVisible();
  await ui.syncNow();
  await expect(page.getByText('No failures.')).toBeVisible();
  await page.getByRole('radio', { name: 'Sent' }).check();
  await expect(ui.outbox().getByRole('row').filter({ hasText: summit.name }).filter({ hasText: 'Send invoice' })).toContainText('Sent');
  await expect(ui.nav().getByRole('link', { name: /Stripe sync/ })).toHaveText('Stripe sync');
  await shot(page, 'stripe-sync-sent');
  const summitNumber = (await call('invoices.get', { id: summitDraft.id })).number as string;
  expect(remoteInvoicesNumbered(fakeStripe, summitNumber)).toHaveLength(1);

  // ---- disconnect: the confirmation says what happens; the client's section turns into a hint
  await page.goto(`${app.url}#/settings`);
  await ui.settingsCard().getByRole('button', { name: 'Disconnect' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Disconnect Stripe?' });
  await expect(confirm).toContainText('Nothing is waiting to be sent.');
  await shot(page, 'stripe-disconnect-confirm');
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('Stripe disconnected. The key was forgotten.')).toBeVisible();
  await expect(ui.settingsCard().getByLabel('Stripe API key')).toHaveValue('');
  section = await ui.openClientBilling(app, harbor.id);
  await expect(section).toContainText('Stripe is not connected.');
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'client-stripe-not-connected');
});
