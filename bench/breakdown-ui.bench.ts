// Breakdown in Chromium: the renderer's per-client breakdown (#/breakdown) over a generated agency of 5,000 clients,
// served by `meterbook serve` (browser mode) and opened in Debian's Chromium (never a downloaded browser). Measured in
// the page: performance.now() around the state change (a header click, the filter's input event — React renders
// discrete events synchronously) up to a double requestAnimationFrame (the frame is painted). Baselines in the same
// page and run: a plain Array.sort of the same 5,000 rows (numbers as floats) and a bare 5,000-row list written
// with innerHTML, each also up to a double rAF. Also: how many rows are in the DOM while scrolled to the middle.
//
// Needs the renderer build (`npx electron-vite build`). BENCH_BREAKDOWN_DIR=DIR reuses an agency generated with
// `node --import tsx bench/generate-agency.ts --clients 5000 --data-dir DIR` instead of generating one (~60 s).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, median } from './chromium';
import { openAppContext } from '../electron/services/app-context';
import { fixedClock } from '../electron/services/clock';
import { silentLogger } from '../electron/services/logger';
import { generateAgency } from './generate-agency';
import { spawnAndReadUrl } from '../test/helpers/spawn-url';
import { fmt, type BenchRow } from './table';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PERIOD = '2026-10';
const REPS = 7;
const AIM_MS = 100;

const serve = (dataDir: string) =>
  spawnAndReadUrl(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'bin/meterbook.mjs'), '--data-dir', dataDir, 'serve', '--port', '0'], { cwd: ROOT });

/** Runs in the page (plain JS: the bench's TypeScript has no DOM types). */
const PAGE_SCRIPT = String.raw`async ({ reps, period }) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const timed = async (change) => {
    const t = performance.now();
    change();
    await frame();
    return performance.now() - t;
  };
  const header = (name) => [...document.querySelectorAll('thead .bd-sort')].find((b) => b.textContent.replace(/[▲▼]/g, '').trim() === name);
  const input = document.querySelector('input[type="search"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const type = (v) => () => {
    setValue.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const runs = async (change) => {
    const out = [];
    for (let i = 0; i < reps; i++) {
      out.push(await timed(change));
      await frame();
    }
    return out;
  };
  await frame();
  const sortRevenue = await runs(() => header('Revenue').click());
  const sortMargin = await runs(() => header('Margin').click());
  const filter = [];
  const clear = [];
  for (let i = 0; i < reps; i++) {
    filter.push(await timed(type('dental')));
    await frame();
    clear.push(await timed(type('')));
    await frame();
  }
  type('dental')();
  await frame();
  const shownFiltered = Number(document.querySelector('.bd-count').textContent.split(' ')[0].replace(/\D/g, ''));
  type('')();
  await frame();

  // Baselines: the same rows, from the same command, sorted as a plain array; a bare 5,000-row list.
  const res = await fetch('/api/call/breakdown.list', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ period }) });
  const rows = (await res.json()).data.rows;
  const plainSort = [];
  const bareList = [];
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;overflow:auto;opacity:0.01;pointer-events:none';
  document.body.append(host);
  for (let i = 0; i < reps; i++) {
    const desc = i % 2 === 0;
    plainSort.push(await timed(() => rows.slice().sort((a, b) => (desc ? -1 : 1) * (Number(a.agency.revenue === null ? -1e308 : a.agency.revenue) - Number(b.agency.revenue === null ? -1e308 : b.agency.revenue)))));
    bareList.push(await timed(() => (host.innerHTML = '<ul>' + rows.map((r) => '<li>' + r.name + ' ' + (r.agency.revenue ?? '') + '</li>').join('') + '</ul>')));
    host.textContent = '';
    await frame();
  }
  host.remove();

  // Scrolled to the middle: only the rows in view (and a few around) are in the DOM.
  const scroller = document.querySelector('[data-testid="breakdown-scroll"]');
  scroller.scrollTop = scroller.scrollHeight / 2;
  await frame();
  await new Promise((r) => setTimeout(r, 100));
  await frame();
  const domRows = document.querySelectorAll('tbody tr[data-client-id]');
  const firstIndex = Number(domRows[0] ? domRows[0].getAttribute('data-index') : -1);
  return { sortRevenue, sortMargin, filter, clear, plainSort, bareList, domRows: domRows.length, firstIndex, shownFiltered, rows: rows.length };
}`;

interface PageResult {
  sortRevenue: number[];
  sortMargin: number[];
  filter: number[];
  clear: number[];
  plainSort: number[];
  bareList: number[];
  domRows: number;
  firstIndex: number;
  shownFiltered: number;
  rows: number;
}


export async function breakdownUiBench({ clients }: { clients: number }): Promise<BenchRow[]> {
  if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) throw new Error('breakdown-ui: build the renderer first (npx electron-vite build).');
  const reuse = process.env.BENCH_BREAKDOWN_DIR;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mb-bench-breakdown-ui-'));
  if (!reuse) {
    const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock('2026-10-20T12:00:00Z'), logger: silentLogger });
    try {
      const g = await generateAgency(ctx, { clients, days: 45, endDate: '2026-10-20' });
      console.log(`breakdown-ui: generated ${fmt(g.clients)} clients, ${fmt(g.events)} events in ${fmt(g.ms / 1000, 1)} s`);
    } finally {
      await ctx.close();
    }
  }
  const server = await serve(dataDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const t0 = performance.now();
    await page.goto(`${server.url}#/breakdown?period=${PERIOD}`);
    await page.locator('tbody tr[data-client-id]').first().waitFor({ timeout: 120_000 });
    const loadMs = performance.now() - t0;
    const total = Number((await page.locator('.bd-count').innerText()).replace(/\D/g, ''));

    const result = (await page.evaluate(`(${PAGE_SCRIPT})(${JSON.stringify({ reps: REPS, period: PERIOD })})`)) as PageResult;

    const m = (xs: number[]) => median(xs);
    const plain = m(result.plainSort);
    const bare = m(result.bareList);
    const row = (figure: string, ms: number, base: number, baseName: string): BenchRow => ({
      figure,
      value: fmt(ms, 1),
      baseline: `${fmt(base, 1)} ${baseName}`,
      ratio: fmt(ms / base, 2),
      aim: `< ${AIM_MS} ms (issue)`,
      ok: ms < AIM_MS,
    });
    console.log(`breakdown-ui: ${fmt(total)} clients loaded in ${fmt(loadMs)} ms (cold rating included); runs (ms): ${JSON.stringify(result)}`);
    return [
      row(`breakdown UI ${fmt(result.rows)} rows: sort by revenue (ms)`, m(result.sortRevenue), plain, 'plain sort'),
      row('breakdown UI: sort by margin (ms)', m(result.sortMargin), plain, 'plain sort'),
      row(`breakdown UI: filter "dental" (${fmt(result.shownFiltered)} rows) (ms)`, m(result.filter), bare, 'bare list'),
      row('breakdown UI: clear the filter (ms)', m(result.clear), bare, 'bare list'),
      {
        figure: 'breakdown UI: rows in the DOM, scrolled to middle',
        value: fmt(result.domRows),
        baseline: `${fmt(result.rows)} rows`,
        ratio: fmt(result.domRows / result.rows, 3),
        aim: 'only visible rows',
        ok: result.domRows < 60 && result.firstIndex > 100,
      },
    ];
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
