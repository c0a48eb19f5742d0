// Issue "Per-client breakdown": the demo agency (with plans) in #/breakdown — 9 clients, totals per currency equal
// the rows, sort by margin, filter by name, hide a column (kept after a reload), CSV of exactly what is shown,
// keyboard and click open the client; screenshots in light and dark.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { Dec } from '../../shared/money/decimal';
import { expect, openApp, shot, test } from './fixtures';

/** The breakdown screen. */
class BreakdownPage {
  constructor(readonly page: Page) {}
  table() {
    return this.page.getByRole('table', { name: 'Clients in the period' });
  }
  rows(): Locator {
    return this.table().locator('tbody tr[data-client-id]');
  }
  headers() {
    return this.table().locator('thead th');
  }
  sortBy(name: string) {
    return this.table().locator('thead').getByRole('button', { name, exact: true }).click();
  }
  filter() {
    return this.page.getByRole('searchbox', { name: 'Filter clients by name' });
  }
  count() {
    return this.page.locator('.bd-count');
  }
  async names(): Promise<string[]> {
    return this.rows().locator('td[data-col="name"] .row-title').allInnerTexts();
  }
  /** per row: exact value of a money column ('' for none) and the row's currency */
  async exact(col: string): Promise<Array<{ currency: string; value: string }>> {
    return this.rows().evaluateAll(
      (trs, c) =>
        trs.map((tr) => ({
          currency: tr.querySelector('td[data-col="currency"]')?.textContent ?? '',
          value: tr.querySelector(`td[data-col="${c}"] [data-exact]`)?.getAttribute('data-exact') ?? '',
        })),
      col,
    );
  }
}

test('breakdown of the demo agency: totals, sort, filter, columns, CSV, open a client', async ({ app, page }) => {
  expect((await app.cli('demo')).code).toBe(0);
  await openApp(page, app.url, '#/breakdown');
  const bd = new BreakdownPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Breakdown' })).toBeVisible();
  await expect(bd.rows()).toHaveCount(9);
  await expect(bd.count()).toHaveText('9 clients');
  await expect(page.getByRole('link', { name: 'Breakdown' })).toHaveAttribute('aria-current', 'page');

  // Totals: per currency, the exact sum of the rows' amounts in that currency (never across currencies).
  for (const col of ['revenue', 'providerCost', 'margin', 'walletBalance']) {
    const cells = await bd.exact(col);
    const byCurrency = new Map<string, Dec>();
    for (const c of cells) if (c.value) byCurrency.set(c.currency, (byCurrency.get(c.currency) ?? new Dec(0)).plus(c.value));
    const totals = await bd.table().locator('tfoot tr[data-currency]').evaluateAll(
      (trs, c) => trs.map((tr) => ({ currency: tr.getAttribute('data-currency')!, value: tr.querySelector(`td[data-col="${c}"] [data-exact]`)?.getAttribute('data-exact') ?? '' })),
      col,
    );
    expect(totals.length).toBeGreaterThan(1);
    for (const t of totals) {
      const expected = byCurrency.get(t.currency);
      if (expected === undefined) expect(t.value, `${col} ${t.currency}`).toBe('');
      else expect(new Dec(t.value).eq(expected), `${col} ${t.currency}: ${t.value} vs ${expected.toFixed()}`).toBe(true);
    }
    expect([...byCurrency.keys()].every((cur) => totals.some((t) => t.currency === cur))).toBe(true);
  }
  await expect(bd.table().locator('tfoot tr.bd-converted td[data-col="name"]')).toContainText('(converted)');

  // Sort by margin: descending first, on the amounts in the agency's currency.
  await bd.sortBy('Margin');
  await expect(bd.table().locator('thead th[aria-sort="descending"]')).toHaveText(/^Margin/);
  // Converting is monotonic: within a currency, margins descend; rows without a margin come last.
  const margins = await bd.exact('margin');
  const firstEmpty = margins.findIndex((m) => m.value === '');
  if (firstEmpty >= 0) expect(margins.slice(firstEmpty).every((m) => m.value === '')).toBe(true);
  for (const cur of new Set(margins.map((m) => m.currency))) {
    const values = margins.filter((m) => m.currency === cur && m.value).map((m) => new Dec(m.value));
    for (let i = 1; i < values.length; i++) expect(values[i]!.lte(values[i - 1]!)).toBe(true);
  }
  await bd.sortBy('Margin');
  await expect(bd.table().locator('thead th[aria-sort="ascending"]')).toHaveText(/^Margin/);
  const ascending = await bd.names();
  await bd.sortBy('Margin');
  expect(await bd.names()).not.toEqual(ascending);

  // Filter by name (accent- and case-insensitive), then clear.
  await bd.filter().fill('HARBOR');
  await expect(bd.rows()).toHaveCount(1);
  await expect(bd.count()).toHaveText('1 of 9 clients');
  expect(await bd.names()).toEqual(['Harbor & Pine Dental Group']);
  await bd.filter().fill('');
  await expect(bd.rows()).toHaveCount(9);

  // Hide a column; the choice survives a reload.
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Plan', exact: true }).uncheck();
  await expect(bd.headers().filter({ hasText: /^Plan$/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Client', exact: true })).toBeDisabled();
  await page.reload();
  await expect(bd.rows()).toHaveCount(9);
  await expect(bd.headers().filter({ hasText: /^Plan$/ })).toHaveCount(0);
  await bd.sortBy('Margin'); // descending again after the reload

  const scroller = page.getByTestId('breakdown-scroll');
  await scroller.evaluate((el) => (el.scrollLeft = 0));
  await shot(page, 'breakdown-light');
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await shot(page, 'breakdown-light-money');
  await scroller.evaluate((el) => (el.scrollLeft = 0));

  // CSV: exactly the columns and rows shown, in order, with the exact money text.
  const shownHeaders = (await bd.headers().allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const shownNames = await bd.names();
  const shownMargins = (await bd.exact('margin')).map((c) => c.value);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^breakdown-\d{4}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  const parse = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, shownHeaders.length);
  expect(parse(lines[0]!).map((h) => h.toUpperCase())).toEqual(shownHeaders.map((h) => h.toUpperCase()));
  expect(lines).toHaveLength(10);
  const records = lines.slice(1).map(parse);
  expect(records.map((r) => r[0])).toEqual(shownNames);
  const marginIndex = shownHeaders.findIndex((h) => h.toUpperCase() === 'MARGIN');
  expect(records.map((r) => r[marginIndex])).toEqual(shownMargins);
  expect(shownHeaders.map((h) => h.toUpperCase())).not.toContain('PLAN');

  // Keyboard: the first row takes focus, arrows move, Enter opens.
  await bd.rows().first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(bd.rows().nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/clients\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: shownNames[1]! })).toBeVisible();

  // A click opens the client too.
  await page.goBack();
  await expect(bd.rows()).toHaveCount(9);
  await bd.rows().filter({ hasText: 'Harbor & Pine' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor & Pine Dental Group' })).toBeVisible();

  // Dark theme screenshot.
  await page.goBack();
  await expect(bd.rows()).toHaveCount(9);
  await page.locator('.theme-switcher').getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'breakdown-dark');
});

test('a long breakdown keeps only the rows in view in the DOM', async ({ app, page }) => {
  // 300 generated clients (bench/generate-agency.ts) in this test's data folder, then the server again.
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
  const gen = spawnSync(path.resolve('node_modules/.bin/node'), ['--import', 'tsx', 'bench/generate-agency.ts', '--clients', '300', '--days', '20', '--data-dir', app.dataDir], { encoding: 'utf8' });
  expect(gen.status, gen.stderr).toBe(0);
  await app.restart();
  await openApp(page, app.url, '#/breakdown?period=2026-10');
  const bd = new BreakdownPage(page);
  await expect(bd.count()).toHaveText(/^\d{3} clients$/);
  const total = Number((await bd.count().innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(250);
  const inDom = async () => bd.rows().count();
  expect(await inDom()).toBeLessThan(60);
  await expect(bd.table()).toHaveAttribute('aria-rowcount', String(total + 1 + (await bd.table().locator('tfoot tr').count())));

  // Keyboard to the end: End moves focus to the last row, which is rendered, and the window moved with it.
  await bd.rows().first().focus();
  await page.keyboard.press('End');
  await expect(bd.table().locator(`tbody tr[aria-rowindex="${total + 1}"]`)).toBeFocused();
  expect(await inDom()).toBeLessThan(60);
  await expect(bd.table().locator('tbody tr[aria-rowindex="2"]')).toHaveCount(0);
});
