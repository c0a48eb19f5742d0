// Prepaid wallets end to end: the `meterbook wallet` CLI, and kill -9 of a process debiting invoices.
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/services/clock';
import { Dec, dec, moneyText } from '../../shared/money/decimal';
import { ok, openTempContext, tempDir } from '../helpers/temp-context';
import { NODE22, REPO_ROOT, runMeterbook } from './helpers/cli';

const FIXTURE = path.join(REPO_ROOT, 'test', 'integration', 'fixtures', 'wallet-debit-loop.ts');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data folder with one USD client whose wallet holds `balance`, plus a low-balance and an auto-reload rule. */
async function setup(balance: string): Promise<{ dir: string; clientId: number }> {
  const dir = tempDir('mb-wallet-');
  const ctx = await openTempContext({ dataDir: dir, clock: fixedClock('2026-10-15T12:00:00.000Z') });
  const clientId = ok(await ctx.dispatch('clients.create', { name: 'Acme Dental', currency: 'USD' })).id;
  ok(await ctx.dispatch('wallet.topUp', { clientId, amount: balance, date: '2026-10-01', reference: 'wire 1' }));
  ok(await ctx.dispatch('wallet.setRule', { clientId, lowBalanceThreshold: '200', reloadThreshold: '100', reloadAmount: '250', enabled: true }));
  await ctx.close();
  cleanups.push(() => ctx.dispose());
  return { dir, clientId };
}

/** Runs the debit loop; with killAfter, SIGKILLs it once that many new debits have been reported (plus a random moment). */
function debitLoop(dir: string, clientId: number, invoices: number, due: string, killAfter?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE22, ['--import', 'tsx', FIXTURE, dir, String(clientId), String(invoices), due], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      buffer += c;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      // count fresh debits only: a re-run first replays what the killed runs committed
      if (killAfter !== undefined && !killing && lines.filter((l) => !l.endsWith('replayed')).length >= killAfter) {
        killing = true;
        // not on a line boundary on purpose: somewhere inside the next debits
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 4));
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines, stderr });
    });
  });
}

describe('kill -9 while debiting invoices', () => {
  it('a killed debit loop, re-run to completion, debits each invoice exactly once', async () => {
    const N = 240;
    const due = '7.31';
    const { dir, clientId } = await setup('1000.00');

    let killedRuns = 0;
    for (let round = 0; round < 3; round++) {
      // three kills spread over ~60-180 invoices: around the reload crossing (#124) and the last partial debit (#137)
      const run = await debitLoop(dir, clientId, N, due, 20 + Math.floor(Math.random() * 40));
      if (run.signal === 'SIGKILL') killedRuns++;
      else expect(run.code, run.stderr).toBe(0);
    }
    expect(killedRuns).toBeGreaterThan(0);
    const partial = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'), { readonly: true });
    const debitedBefore = (partial.prepare(`select count(*) n from wallet_movements where kind = 'invoice_debit'`).get() as { n: number }).n;
    partial.close();
    expect(debitedBefore).toBeLessThan(N);

    const finish = await debitLoop(dir, clientId, N, due);
    expect(finish.code, finish.stderr).toBe(0);
    expect(finish.lines.at(-1)).toBe('done');
    // the invoices debited before the kills are replays now; the rest were debited by this run
    expect(finish.lines.filter((l) => l.endsWith('replayed')).length).toBeGreaterThanOrEqual(debitedBefore);

    const db = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const debits = db.prepare(`select invoice_id, idempotency_key, amount from wallet_movements where kind = 'invoice_debit' order by invoice_id`).all() as { invoice_id: number; idempotency_key: string; amount: string }[];
    expect(debits.map((d) => d.idempotency_key)).toEqual(Array.from({ length: N }, (_, i) => `inv-${i + 1}`));
    // what a clean sequential run applies: full invoices while the balance lasts, the remainder once, then nothing
    let left = dec('1000.00');
    const expected = debits.map(() => {
      const applied = Dec.min(left, dec(due));
      left = left.minus(applied);
      return moneyText(applied.negated(), 'USD').replace(/^-(?=[0.]*$)/, '');
    });
    expect(debits.map((d) => d.amount)).toEqual(expected);
    const all = db.prepare('select amount from wallet_movements where client_id = ?').all(clientId) as { amount: string }[];
    const jsSum = all.reduce((a, r) => a.plus(dec(r.amount)), new Dec(0));
    expect(jsSum.isZero()).toBe(true);
    // one threshold crossing -> exactly one pending auto reload
    expect(db.prepare(`select status, amount from wallet_actions`).all()).toEqual([{ status: 'pending', amount: '250.00' }]);
    expect(db.prepare(`select count(*) n from audit_log where action = 'wallet.invoice_debit'`).get()).toEqual({ n: N });
    db.close();

    // the service agrees: balance = exact sum of movements, the low-balance alert is due, the reload is pending
    const ctx = await openTempContext({ dataDir: dir });
    cleanups.push(() => ctx.close());
    const w = ok(await ctx.dispatch('wallet.get', { clientId }));
    expect(w).toMatchObject({ balance: '0.00', total: N + 1 });
    expect(w.pendingActions).toHaveLength(1);
    expect(await ctx.services.wallet.wallet.lowBalanceClients()).toEqual([{ clientId, kind: 'low_balance', currency: 'USD', balance: '0.00', threshold: '200.00' }]);
  }, 240_000);
});

describe('meterbook wallet', () => {
  it('topup and show; bad input exits 1 or 2 with a clear message and changes nothing', async () => {
    const dir = tempDir('mb-wallet-cli-');
    cleanups.push(async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }));
    const create = await runMeterbook(['--data-dir', dir, 'call', 'clients.create', JSON.stringify({ name: 'Kuwait Co', currency: 'KWD' })]);
    expect(create.code, create.stderr).toBe(0);
    const id = String(JSON.parse(create.stdout).id);

    const top = await runMeterbook(['--data-dir', dir, 'wallet', 'topup', '--client', id, '--amount', '100.125', '--reference', 'receipt 7']);
    expect(top.code, top.stderr).toBe(0);
    expect(top.stdout).toMatch(/^Topped up 100\.125 KWD on \d{4}-\d{2}-\d{2} \(movement 1\)\. Balance: 100\.125 KWD/);

    const refusals: Array<[string[], number, RegExp]> = [
      [['--amount', '10.0001'], 1, /KWD amounts have at most 3 decimals\. \(field: amount\)/],
      [['--amount=-5'], 1, /A top-up must be more than zero\./],
      [['--amount', '0'], 1, /A top-up must be more than zero\./],
      [['--amount', '5', '--date', '2999-01-01'], 1, /The date cannot be in the future/],
      [[], 2, /--amount is required/],
    ];
    for (const [args, code, message] of refusals) {
      const r = await runMeterbook(['--data-dir', dir, 'wallet', 'topup', '--client', id, ...args]);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    expect((await runMeterbook(['--data-dir', dir, 'wallet', 'topup', '--client', '99', '--amount', '1'])).stderr).toMatch(/Client 99 does not exist/);
    expect((await runMeterbook(['--data-dir', dir, 'wallet', 'refill', '--client', id])).code).toBe(2);

    const show = await runMeterbook(['--data-dir', dir, 'wallet', 'show', '--client', id]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Client ${id} wallet: 100.125 KWD`);
    expect(show.stdout).toMatch(/top up\s+100\.125\s+receipt 7/);
    const json = await runMeterbook(['--data-dir', dir, 'wallet', 'show', '--client', id, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ balance: '100.125', total: 1, currency: 'KWD' });
  }, 120_000);
});
