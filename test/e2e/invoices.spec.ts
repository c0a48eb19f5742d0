// Issue "Invoices": the demo agency with plans, a client's VAT set in its Billing tab, the previous period
// closed in the wizard, a draft edited (manual line, 10 % discount), issued, previewed as PDF, paid and
// credited; the list's filters and per-currency totals; issuing the rest in bulk and exporting the period.
import { expect, openApp, shot, test, type RunningApp } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const ZONE = 'America/New_York'; // the demo agency's zone: periods are closed in it

/** "2026-10" when it is some day of November 2026 in New York. */
function previousPeriod(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The demo agency with two USD clients and one EUR client on monthly plans since the month before the period. */
async function demoWithPlans(app: RunningApp) {
  const call = async (name: string, input: unknown) => {
    const r = await app.cli('call', name, JSON.stringify(input));
    expect(r.code, `${name}: ${r.stdout}${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };
  expect((await app.cli('demo', '--no-pricing')).code).toBe(0);
  const clients = (await call('clients.list', { limit: 100 })).items as Array<{ id: number; name: string; currency: string }>;
  const byName = (s: string) => clients.find((c) => c.name.startsWith(s))!;
  const harbor = byName('Harbor');
  const summit = byName('Summit');
  const rheinwerk = byName('Rheinwerk');
  const starter = await call('plans.create', {
    definition: { name: 'Starter', currency: 'USD', interval: 'month', baseFee: '350', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.05' } }] },
  });
  const logistik = await call('plans.create', { definition: { name: 'Logistik', currency: 'EUR', interval: 'month', baseFee: '500', charges: [] } });
  const period = previousPeriod();
  const [y, m] = period.split('-').map(Number) as [number, number];
  const before = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01`;
  for (const [client, plan] of [
    [harbor, starter],
    [summit, starter],
    [rheinwerk, logistik],
  ] as const) {
    await call('subscriptions.assign', { clientId: client.id, planId: plan.id, startDate: before });
  }
  return { call, period, harbor, summit, rheinwerk };
}

/** The invoice detail screen. */
class InvoicePage {
  constructor(readonly page: Page) {}
  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }
  action(name: string) {
    return this.page.locator('.page-actions').getByRole('button', { name, exact: true });
  }
  lines() {
    return this.page.getByRole('table', { name: 'Lines' });
  }
  sum(label: string | RegExp): Locator {
    return this.page.locator('.inv-sum').filter({ has: this.page.getByRole('term').filter({ hasText: label }) });
  }
  dialog(name: string | RegExp) {
    return this.page.getByRole('dialog', { name }).or(this.page.getByRole('alertdialog', { name }));
  }
}

test('close the previous period, edit a draft, issue, preview the PDF, pay it and credit it', async ({ page, app }) => {
  test.setTimeout(180_000);
  const { call, period, harbor } = await demoWithPlans(app);

  // Harbor pays 20 % VAT: set it in the client's Billing tab
  await openApp(page, app.url, `#/clients/${harbor.id}`);
  await expect(page.getByRole('heading', { level: 1, name: harbor.name })).toBeVisible();
  await page.getByRole('tab', { name: 'Billing' }).click();
  await page.getByRole('button', { name: 'Add tax rate' }).click();
  await page.getByLabel('Tax 1 name').fill('VAT');
  await page.getByLabel('Tax 1 rate').fill('abc');
  await page.getByRole('button', { name: 'Save billing terms' }).click();
  await expect(page.getByLabel('Tax 1 rate')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The rate must be a number like 10 or 8.875 (got "abc").')).toBeVisible();
  await page.getByLabel('Tax 1 rate').fill('20');
  await page.getByRole('button', { name: 'Save billing terms' }).click();
  await expect(page.getByText('Billing terms saved.')).toBeVisible();
  await page.getByRole('tabpanel').scrollIntoViewIfNeeded();
  await shot(page, 'client-billing');
  expect((await call('clientBilling.get', { clientId: harbor.id })).taxRates).toEqual([{ name: 'VAT', rate: '20' }]);

  // no invoices yet: the list says what to do next
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No invoices yet' })).toBeVisible();
  await expect(page.getByText(/^Close a period to create drafts/)).toBeVisible();
  await shot(page, 'invoices-empty');

  // the wizard defaults to the previous period and previews the three billable clients
  await page.getByRole('main').getByRole('link', { name: 'Close a period' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Close a period' })).toBeVisible();
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue(period);
  const preview = page.getByRole('table', { name: 'Billable clients' });
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(page.getByText('3 billable clients: 3 new drafts.')).toBeVisible();
  await shot(page, 'close-preview');

  await page.getByRole('button', { name: 'Create drafts' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 4: Create drafts' })).toBeVisible();
  await expect(page.getByText('Drafts are ready')).toBeVisible({ timeout: 60_000 });
  const counts = page.locator('dl[aria-label="Close counts"]');
  await expect(counts).toContainText('Created3');
  await shot(page, 'close-done');

  await page.getByRole('button', { name: 'Review drafts' }).click();
  const drafts = page.getByRole('table', { name: `Drafts for ${period}` });
  await expect(drafts.getByRole('row')).toHaveCount(4);
  const totals = page.getByRole('list', { name: 'Totals by currency' });
  await expect(totals.getByRole('listitem')).toHaveCount(2); // USD and EUR, never added up
  await shot(page, 'close-review');

  // open Harbor's draft
  await drafts.getByRole('row').filter({ hasText: harbor.name }).click();
  const inv = new InvoicePage(page);
  await expect(inv.heading('Draft invoice')).toBeVisible();
  await expect(inv.sum('VAT 20')).toBeVisible();
  await shot(page, 'invoice-draft');

  // a manual line: a bad price is refused under its field, then it is added
  await inv.action('Add line').click();
  let dialog = inv.dialog('Add line');
  await dialog.getByLabel('Description', { exact: true }).fill('Onboarding workshop');
  await dialog.getByLabel('Quantity', { exact: true }).fill('2');
  await dialog.getByLabel('Unit', { exact: true }).fill('hour');
  await dialog.getByLabel('Unit price', { exact: true }).fill('12,5');
  await dialog.getByRole('button', { name: 'Add line' }).click();
  await expect(dialog.getByLabel('Unit price', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('The unit price must be a number like 25.00 (got "12,5").')).toBeVisible();
  await dialog.getByLabel('Unit price', { exact: true }).fill('150');
  await expect(dialog.getByText('Line amount: $300.00 before tax.')).toBeVisible();
  await shot(page, 'invoice-add-line');
  await dialog.getByRole('button', { name: 'Add line' }).click();
  await expect(dialog).toBeHidden();
  await expect(inv.lines().getByRole('row').filter({ hasText: 'Onboarding workshop' })).toContainText('$300.00');

  // a 10 % discount
  await inv.action('Add discount').click();
  dialog = inv.dialog('Add discount');
  await dialog.getByLabel('Description', { exact: true }).fill('Loyalty discount');
  await dialog.getByLabel('Percent', { exact: true }).fill('10');
  await dialog.getByRole('button', { name: 'Add discount' }).click();
  await expect(dialog).toBeHidden();
  await expect(inv.sum('Loyalty discount')).toBeVisible();
  const invoiceId = Number(/#\/invoices\/(\d+)/.exec(page.url())![1]);
  const draft = await call('invoices.get', { id: invoiceId });
  expect(draft.snapshot.discounts).toEqual([expect.objectContaining({ kind: 'percent', value: '10' })]);
  expect(draft.snapshot.taxes).toEqual([expect.objectContaining({ name: 'VAT', rate: '20', base: draft.snapshot.totals.net })]);
  const usd = (s: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(s as Intl.StringNumericLiteral);
  await expect(inv.sum(/^Total$/)).toContainText(usd(draft.total));
  await inv.sum(/^Total$/).scrollIntoViewIfNeeded();
  await shot(page, 'invoice-draft-edited');

  // issue it: it gets the first number
  await inv.action('Issue').click();
  dialog = inv.dialog('Issue invoice');
  await expect(dialog).toContainText(/INV-\d{4}-00001/);
  await shot(page, 'invoice-issue-dialog');
  await dialog.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(dialog).toBeHidden();
  await expect(inv.heading(/^Invoice INV-\d{4}-00001$/)).toBeVisible();
  await expect(page.locator('.page-header')).toContainText('Issued');

  // the PDF: a preview in an iframe and a download
  await page.getByRole('button', { name: 'Preview PDF' }).click();
  const frame = page.getByTitle('PDF preview');
  await expect(frame).toBeVisible({ timeout: 30_000 });
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^INV-\d{4}-00001 .*\.pdf$/);
  const pdfPath = await download.path();
  expect((await import('node:fs')).readFileSync(pdfPath!).subarray(0, 5).toString()).toBe('%PDF-');
  // Chromium's viewer paints the page a moment after the frame loads: wait for it before the screenshot
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension:')), { timeout: 15_000 }).toBe(true);
  await frame.scrollIntoViewIfNeeded();
  await page.waitForTimeout(4000);
  await shot(page, 'invoice-pdf');

  // mark it paid
  await inv.action('Mark paid').click();
  dialog = inv.dialog('Mark as paid');
  await dialog.getByLabel('Method', { exact: true }).selectOption('bank_transfer');
  await dialog.getByLabel('Reference', { exact: true }).fill('SEPA 4711');
  await dialog.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.page-header')).toContainText('Paid');
  await expect(page.getByRole('region', { name: 'Payment' })).toContainText('SEPA 4711');
  await shot(page, 'invoice-paid');

  // a partial credit note for the workshop, then issue it
  await inv.action('Create credit note').click();
  dialog = inv.dialog(/^Credit note for INV-/);
  await dialog.getByRole('radio', { name: 'Part of some lines' }).check();
  await dialog.getByLabel('Onboarding workshop').fill('400');
  await dialog.getByRole('button', { name: 'Create draft credit note' }).click();
  await expect(dialog.getByText('The amount to credit can be at most the line amount, 300.00.')).toBeVisible();
  await expect(dialog.getByText('Enter a reason: it is printed on the credit note.')).toBeVisible();
  await dialog.getByLabel('Onboarding workshop').fill('150');
  await dialog.getByLabel('Reason', { exact: true }).fill('One workshop hour was cancelled');
  await expect(dialog.getByText('Credit before tax: $150.00.', { exact: false })).toBeVisible();
  await shot(page, 'credit-note-dialog');
  await dialog.getByRole('button', { name: 'Create draft credit note' }).click();
  await expect(inv.heading('Draft credit note')).toBeVisible();
  await expect(page.getByText('One workshop hour was cancelled')).toBeVisible();
  await inv.action('Issue').click();
  dialog = inv.dialog('Issue credit note');
  await dialog.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(inv.heading(/^Credit note CN-\d{4}-00001$/)).toBeVisible();
  await shot(page, 'credit-note');
  // back on the invoice: credited in part, linked
  await page.getByRole('link', { name: /^INV-\d{4}-00001$/ }).click();
  await expect(page.locator('.page-header')).toContainText('Partly credited');
  await expect(page.getByRole('list', { name: 'Credit notes' })).toContainText(/CN-\d{4}-00001/);

  // the list: filters live in the address, totals per currency
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  const list = page.getByRole('table', { name: 'Invoices' });
  await expect(list.getByRole('row')).toHaveCount(5); // 3 invoices + 1 credit note
  await expect(page.getByRole('list', { name: 'Totals by currency' }).getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Kind', { exact: true }).selectOption('credit_note');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(page).toHaveURL(/#\/invoices\?kind=credit_note$/);
  await page.getByLabel('Kind', { exact: true }).selectOption('all');
  await page.getByLabel('Status', { exact: true }).selectOption('draft');
  await page.getByLabel('Period', { exact: true }).fill(period);
  await expect(page).toHaveURL(new RegExp(`#/invoices\\?status=draft&period=${period}$`));
  await expect(list.getByRole('row')).toHaveCount(3);
  const eur = page.getByRole('list', { name: 'Totals by currency' }).getByRole('listitem').filter({ hasText: 'EUR' });
  await expect(eur).toContainText('€500.00');
  await shot(page, 'invoices-list');
  // keyboard: a focused row opens with Enter
  await list.getByRole('row').filter({ hasText: 'Rheinwerk' }).focus();
  await page.keyboard.press('Enter');
  await expect(inv.heading('Draft invoice')).toBeVisible();
  await expect(page.locator('.page-header')).toContainText('Rheinwerk');
});

test('issue every draft of the period, export it, and brand the invoices in Settings', async ({ page, app }) => {
  test.setTimeout(180_000);
  const { call, period, summit } = await demoWithPlans(app);

  // settings: terms, colour, logo
  await openApp(page, app.url, '#/settings');
  const card = page.getByRole('region', { name: 'Invoices' });
  await expect(card.getByText(/Next: INV-\d{4}-00001/)).toBeVisible();
  await card.getByLabel('Payment terms', { exact: true }).fill('14');
  await card.getByLabel('Accent colour', { exact: true }).fill('#0a7d55');
  await card.getByLabel('Invoice number format', { exact: true }).fill('INV-{seq}');
  await card.getByRole('button', { name: 'Save invoice settings' }).click();
  await expect(card.getByText('With a yearly reset the number must contain {YYYY} or {YY}, or numbers would repeat.').first()).toBeVisible();
  await card.getByLabel('Invoice number format', { exact: true }).fill('INV-{YYYY}-{seq:4}');
  await card.getByRole('button', { name: 'Save invoice settings' }).click();
  await expect(card.getByText('Invoice settings saved.')).toBeVisible();
  await expect(card.getByText(/Next: INV-\d{4}-0001/)).toBeVisible();
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAHklEQVR4nGNgGAWjYBSMglEwCkbBKBgFo2AUjAIMAAJAAAGlq9bTAAAAAElFTkSuQmCC', 'base64');
  await card.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await expect(card.getByText('Logo “logo.png” saved.')).toBeVisible();
  await expect(card.getByRole('img', { name: 'Invoice logo' })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'settings-invoices');
  expect(await call('invoiceSettings.get', {})).toMatchObject({ paymentTermsDays: 14, accentColor: '#0a7d55', logo: expect.objectContaining({ mime: 'image/png' }) });

  // a close started from the CLI stops when the CLI exits: the wizard offers to resume it
  const started = await call('invoices.closeStart', { period });
  expect(started).toMatchObject({ period, status: 'running' });
  await page.goto(`${app.url}#/invoices/close?period=${period}`);
  await expect(page.getByRole('table', { name: 'Billable clients' }).getByRole('row')).toHaveCount(4);
  const stopped = (await call('invoices.closeRun', { runId: started.id })).status;
  if (stopped === 'done') {
    await page.getByRole('button', { name: 'Create drafts' }).click();
  } else {
    await expect(page.getByText(/^The close was (cancelled|interrupted)$/)).toBeVisible();
    await shot(page, 'close-resume');
    await page.getByRole('button', { name: 'Resume close' }).click();
  }
  await page.getByRole('button', { name: 'Review drafts' }).click({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Step 3 of 4: Review and issue' })).toBeVisible();
  await page.getByRole('button', { name: 'Issue all drafts' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Issue 3 drafts?' });
  await confirm.getByRole('button', { name: 'Issue all drafts' }).click();
  await expect(page.getByText('3 invoices issued.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Issued invoices' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Every draft was issued' })).toBeVisible();
  await shot(page, 'close-issued');

  // export: CSV with a zip, then download a file
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 4 of 4: Export' })).toBeVisible();
  await page.getByLabel('Also as one zip file').check();
  await page.getByLabel('Byte-order mark (BOM)').check();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(/^Exported 3 documents to/)).toBeVisible({ timeout: 60_000 });
  const files = page.locator('.inv-files li');
  await expect(files.first()).toBeVisible();
  await shot(page, 'close-export');
  const csvButton = page.getByRole('button', { name: /^Download .*\.csv$/ }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);

  // the client's Invoices tab lists its invoice, with the new terms
  await page.goto(`${app.url}#/clients/${summit.id}`);
  await page.getByRole('tab', { name: 'Invoices' }).click();
  const tab = page.getByRole('table', { name: `Invoices of ${summit.name}` });
  await expect(tab.getByRole('row')).toHaveCount(2);
  await expect(tab).toContainText(/INV-\d{4}-000[123]/);
  await page.getByRole('tabpanel').scrollIntoViewIfNeeded();
  await shot(page, 'client-invoices');
});
