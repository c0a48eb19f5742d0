// Issue "Onboarding" and "Finish": onboarding both ways, every main screen in light and dark at 1280x800 (screenshots
// in artifacts/screenshots/tour-*), an axe-core scan of each (WCAG 2 A/AA: no serious or critical violations), and
// keyboard-only use of the shell, a form and a dialog.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { WelcomePage } from './pages/welcome-page';
import { expect, openApp, shot, test, type RunningApp } from './fixtures';

test.describe.configure({ mode: 'parallel' });

async function call<T>(app: RunningApp, name: string, input: unknown = {}): Promise<T> {
  const r = await app.cli('call', name, JSON.stringify(input));
  expect(r.code, `${name}: ${r.stderr}${r.stdout}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Waits until the screen has its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0, { timeout: 15_000 });
}

type Violation = { screen: string; id: string; impact: string; help: string; nodes: string[] };

/** WCAG 2 A/AA scan; returns the serious and critical violations. */
async function scan(page: Page, screen: string, exclude: string[] = []): Promise<Violation[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  for (const sel of exclude) builder = builder.exclude(sel);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ screen, id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ')) }));
}

test('onboarding "Start empty": agency, first provider account, first client, first plan assigned', async ({ page, app }) => {
  test.setTimeout(120_000);
  await openApp(page, app.url);
  const welcome = new WelcomePage(page);
  await welcome.startEmpty({ name: 'Northwind Voice Agency', currency: 'EUR', timeZone: 'Europe/Berlin' });

  const steps = page.getByRole('list', { name: 'Setup steps' });
  await expect(steps.locator('[aria-current="step"]')).toContainText('Provider account');
  await shot(page, 'tour-setup-provider');
  await page.getByRole('button', { name: 'Add provider account' }).click();
  const provider = page.getByRole('dialog', { name: 'Add provider account' });
  await provider.getByLabel('Kind', { exact: true }).selectOption('file');
  await provider.getByLabel('Name', { exact: true }).fill('Usage files');
  await provider.getByRole('button', { name: 'Save provider account' }).click();
  await expect(provider).toBeHidden();

  // a reload resumes at the client step
  await expect(steps.locator('[aria-current="step"]')).toContainText('Client');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Add your first client' })).toBeVisible();
  await shot(page, 'tour-setup-client');
  await page.getByRole('button', { name: 'Add client' }).click();
  const client = page.getByRole('dialog', { name: 'New client' });
  await client.getByLabel('Name', { exact: true }).fill('Praxis Dr. Weber');
  await client.getByRole('button', { name: 'Save client' }).click();
  await expect(client).toBeHidden();

  await expect(page.getByRole('heading', { level: 1, name: 'Create your first plan' })).toBeVisible();
  await shot(page, 'tour-setup-plan');
  await page.getByLabel('Plan name', { exact: true }).fill('Voice Basic');
  await page.getByLabel('Base fee', { exact: true }).fill('99');
  await page.getByRole('button', { name: 'Save plan and assign to Praxis Dr. Weber' }).click();

  await expect(page.getByRole('heading', { level: 1, name: "You're set up" })).toBeVisible();
  await expect(page.getByText('Plan added and assigned to Praxis Dr. Weber')).toBeVisible();
  await shot(page, 'tour-setup-done');
  await page.getByRole('button', { name: 'Open Meterbook' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  const providers = await call<Array<{ name: string; kind: string }>>(app, 'providers.list');
  expect(providers).toEqual([expect.objectContaining({ name: 'Usage files', kind: 'file' })]);
  const clients = await call<{ items: Array<{ id: number; name: string; currency: string }> }>(app, 'clients.list');
  expect(clients.items).toEqual([expect.objectContaining({ name: 'Praxis Dr. Weber', currency: 'EUR' })]);
  const plans = await call<Array<{ name: string; currency: string; baseFee: string; activeSubscriptions: number }>>(app, 'plans.list', { show: 'current' });
  expect(plans).toEqual([expect.objectContaining({ name: 'Voice Basic', currency: 'EUR', baseFee: '99', activeSubscriptions: 1 })]);
});

test('onboarding "Start empty" with every step skipped lands on the app', async ({ page, app }) => {
  test.setTimeout(120_000);
  await openApp(page, app.url);
  await new WelcomePage(page).startEmpty({ name: 'Skipper Agency', currency: 'USD', timeZone: 'America/New_York' });
  for (const heading of ['Add your first provider account', 'Add your first client', 'Create your first plan']) {
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.getByRole('button', { name: 'Skip this step' }).click();
  }
  await expect(page.getByText('Client skipped — add one under Clients')).toBeVisible();
  await page.getByRole('button', { name: 'Open Meterbook' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(await call<{ items: unknown[] }>(app, 'clients.list')).toMatchObject({ items: [] });
});

test('onboarding "Load demo agency" opens the app with the demo clients', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openApp(page, app.url);
  await new WelcomePage(page).loadDemo();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 60_000 });
  await page.goto(`${app.url}#/clients`);
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1)).toBeVisible();
  const clients = await call<{ items: unknown[] }>(app, 'clients.list');
  expect(clients.items.length).toBeGreaterThan(3);
});

interface Stop {
  name: string;
  hash: string;
  /** only when the route exists in this build (Dashboard, Breakdown) */
  optional?: boolean;
  /** third-party content we cannot fix, left out of the axe scan */
  axeExclude?: string[];
}

async function demoWithInvoice(app: RunningApp): Promise<Stop[]> {
  expect((await app.cli('demo')).code).toBe(0);
  expect((await app.cli('close', '--period', '2026-10')).code).toBe(0);
  const clients = await call<{ items: Array<{ id: number }> }>(app, 'clients.list');
  const plans = await call<Array<{ id: number }>>(app, 'plans.list', { show: 'current' });
  const providers = await call<Array<{ id: number }>>(app, 'providers.list');
  const invoices = await call<{ items: Array<{ id: number }> }>(app, 'invoices.list');
  const clientId = clients.items[0]!.id;
  return [
    { name: 'dashboard', hash: '#/dashboard', optional: true },
    { name: 'clients', hash: '#/clients' },
    { name: 'client', hash: `#/clients/${clientId}` },
    { name: 'client-statement', hash: `#/clients/${clientId}/statement` },
    { name: 'breakdown', hash: '#/breakdown', optional: true },
    { name: 'plans', hash: '#/plans' },
    { name: 'plan-editor', hash: `#/plans/${plans[0]!.id}` },
    { name: 'invoices', hash: '#/invoices' },
    // Chromium's built-in PDF viewer is a plug-in frame whose markup we do not control.
    { name: 'invoice', hash: `#/invoices/${invoices.items[0]!.id}`, axeExclude: ['iframe', 'embed', 'object'] },
    { name: 'invoice-close', hash: '#/invoices/close' },
    { name: 'providers', hash: '#/providers' },
    { name: 'provider', hash: `#/providers/${providers[0]!.id}` },
    { name: 'unassigned', hash: '#/usage/unassigned' },
    { name: 'import', hash: '#/import' },
    { name: 'alerts', hash: '#/alerts' },
    { name: 'stripe', hash: '#/stripe', optional: true },
    { name: 'settings', hash: '#/settings' },
  ];
}

for (const theme of ['light', 'dark'] as const) {
  test(`tour of every main screen, ${theme}: screenshot and axe scan`, async ({ page, app }) => {
    test.setTimeout(240_000);
    const stops = await demoWithInvoice(app);
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page, app.url);
    const found: Violation[] = [];
    for (const stop of stops) {
      // in-app navigation (hash change), as a user clicking through: no reload per screen
      await page.evaluate((h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h), stop.hash);
      await expect(page).toHaveURL(new RegExp(`${stop.hash.replace(/[?]/g, '\\?')}$`));
      if (stop.optional && (await page.title()).startsWith('Not found')) continue;
      await settled(page);
      expect(await page.title(), stop.name).not.toMatch(/^Not found/);
      await shot(page, `tour-${stop.name}-${theme}`);
      found.push(...(await scan(page, stop.name, stop.axeExclude)));
    }
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  });
}

test('empty screens say what to do next, and pass axe in dark', async ({ page, app }) => {
  test.setTimeout(120_000);
  await call(app, 'agency.save', { name: 'Empty Agency', currency: 'USD', timeZone: 'America/New_York' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, app.url);
  const found: Violation[] = [];
  const screens: Array<[string, string, string]> = [
    ['clients', '#/clients', 'New client'],
    ['plans', '#/plans', 'New plan'],
    ['invoices', '#/invoices', 'Close a period'],
    ['providers', '#/providers', 'Add provider account'],
    ['unassigned', '#/usage/unassigned', 'Import usage'],
    ['alerts', '#/alerts', 'Open clients'],
  ];
  for (const [name, hash, action] of screens) {
    await page.evaluate((h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
    await settled(page);
    const empty = page.locator('.empty-state').first();
    await expect(empty, name).toBeVisible();
    await expect(empty.getByRole('link', { name: action }).or(empty.getByRole('button', { name: action })).first(), `${name}: ${action}`).toBeVisible();
    await shot(page, `tour-empty-${name}-dark`);
    found.push(...(await scan(page, `empty-${name}`)));
  }
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});

test('keyboard only: skip link, sidebar, shortcuts, a form and a dialog', async ({ page, app }) => {
  await call(app, 'agency.save', { name: 'Keys Agency', currency: 'USD', timeZone: 'America/New_York' });
  await call(app, 'clients.create', { name: 'Harbor Realty', currency: 'USD' });
  await openApp(page, app.url, '#/clients');
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();

  // the first Tab stop is the skip link; Enter moves focus to the main landmark
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  // sidebar links are reachable and show a visible focus ring
  const plansLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' });
  for (let i = 0; i < 15 && !(await plansLink.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(plansLink).toBeFocused();
  const ring = await plansLink.evaluate((el) => {
    const s = el.ownerDocument.defaultView!.getComputedStyle(el);
    return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
  });
  expect(ring.outline !== 'none' && ring.width !== '0px' || ring.shadow !== 'none', JSON.stringify(ring)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible();

  // shortcuts: Ctrl+2 clients, Ctrl+, settings
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();

  // a dialog opens from the keyboard, takes focus, Escape closes it and focus returns
  const newClient = page.getByRole('button', { name: 'New client' }).first();
  await newClient.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await page.keyboard.type('Typed Only');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(newClient).toBeFocused();

  // the form: fill and submit without the mouse
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).focus();
  await page.keyboard.type('Keyboard Dental');
  await dialog.getByRole('button', { name: 'Save client' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: 'Keyboard Dental' })).toBeVisible();
  await shot(page, 'tour-keyboard');
});
