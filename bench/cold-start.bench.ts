// Cold start of browser mode: from spawning `meterbook serve` on a workspace (by default the scale bench's quarter of
// 1M events) to the dashboard's figures painted in Debian's Chromium. The baseline, in the same run and the same
// browser: spawning Node with a ten-line HTTP server and painting a static page from it. Both include a process
// start, a listen, the URL read from stdout, a fresh browser context and a page load; what Meterbook adds is loading
// its modules, opening and checking the ledger, the renderer bundle, the token exchange and the dashboard's queries.
// Median of BENCH_COLD_REPS (default 3) runs each.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium, median } from './chromium';
import { spawnAndReadUrl, stopProcess } from '../test/helpers/spawn-url';
import { fmt, type BenchRow } from './table';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

const BARE_SERVER = `
const http = require('node:http');
const page = '<!doctype html><html><head><title>bare</title></head><body><h1 id="ready">Hello</h1></body></html>';
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); });
server.listen(0, '127.0.0.1', () => console.log('listening at http://127.0.0.1:' + server.address().port + '/'));
`;

/** One cold start: spawn, read the URL, open it in a fresh context, wait for `selector` to be visible. */
async function coldStart(browser: Browser, args: string[], selector: string, shell?: string): Promise<{ listening: number; shell: number; painted: number }> {
  const t0 = performance.now();
  const { child, url } = await spawnAndReadUrl(NODE, args, { cwd: ROOT, timeoutMs: 60_000 });
  const listening = performance.now() - t0;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    if (shell) await page.locator(shell).waitFor({ state: 'attached', timeout: 60_000 });
    const shellAt = performance.now() - t0;
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
    return { listening, shell: shellAt, painted: performance.now() - t0 };
  } finally {
    await context.close();
    await stopProcess(child);
  }
}

export async function coldStartBench({ dataDir, reps = 3 }: { dataDir: string; reps?: number }): Promise<BenchRow[]> {
  const browser = await launchChromium();
  try {
    type Run = Awaited<ReturnType<typeof coldStart>>;
    const mb: Run[] = [];
    const bare: Run[] = [];
    for (let i = 0; i < reps; i++) {
      // alternate so both see the same machine load
      bare.push(await coldStart(browser, ['-e', BARE_SERVER], '#ready'));
      mb.push(await coldStart(browser, [path.join(ROOT, 'bin/meterbook.mjs'), '--data-dir', dataDir, 'serve', '--port', '0'], '[data-kpi] .kpi-value', 'body[data-app-ready="true"]'));
    }
    const painted = median(mb.map((r) => r.painted));
    const listening = median(mb.map((r) => r.listening));
    const shell = median(mb.map((r) => r.shell));
    const barePainted = median(bare.map((r) => r.painted));
    const bareListening = median(bare.map((r) => r.listening));
    return [
      {
        figure: 'cold start, browser mode: serve prints its URL (ms)',
        value: fmt(listening),
        baseline: `${fmt(bareListening)} bare node server`,
        ratio: (listening / bareListening).toFixed(1),
        aim: 'report',
        ok: null,
      },
      {
        figure: 'cold start, browser mode: app shell ready (ms)',
        value: fmt(shell),
        baseline: `${fmt(barePainted)} bare server + page`,
        ratio: (shell / barePainted).toFixed(1),
        aim: 'report',
        ok: null,
      },
      {
        figure: 'cold start, browser mode: dashboard painted (ms)',
        value: fmt(painted),
        baseline: `${fmt(barePainted)} bare server + page`,
        ratio: (painted / barePainted).toFixed(1),
        aim: 'report (< 3,000 ms)',
        ok: painted < 3000,
      },
    ];
  } finally {
    await browser.close();
  }
}
