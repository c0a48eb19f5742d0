// Invoice numbering under crashes and concurrency, with real processes on a real SQLite file:
// kill -9 during a batch issue then resume, and two processes issuing the same drafts at once.
// Afterwards: numbers 1..N with no gap and no duplicate, each draft issued once, each wallet debited once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { agentClaraResale, makeAccount, writeUsage } from '../../electron/services/pricing/test-fixtures';
import { Dec, dec } from '../../shared/money/decimal';
import { ok, openTempContext, tempDir } from '../helpers/temp-context';
import { NODE22, REPO_ROOT } from './helpers/cli';

const FIXTURE = path.join(REPO_ROOT, 'test', 'integration', 'fixtures', 'invoice-issue-loop.ts');
const NOW = '2026-11-03T12:00:00.000Z';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data folder with `n` clients on one plan, usage in October, every third with a prepaid balance, drafts closed. */
async function setup(n: number): Promise<string> {
  const dir = tempDir('mb-invoices-');
  const ctx = await openTempContext({ dataDir: dir, clock: { now: () => new Date(NOW) } });
  ok(await ctx.dispatch('agency.save', { name: 'Agency', currency: 'USD', timeZone: 'UTC' }));
  const account = await makeAccount(ctx, 'AgentClara');
  const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
  for (let i = 0; i < n; i++) {
    const client = ok(await ctx.dispatch('clients.create', { name: `Client ${String(i).padStart(3, '0')}`, currency: 'USD' })).id;
    ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-09-01' }));
    writeUsage(ctx, account, Array.from({ length: 5 }, (_, k) => ({ client, metric: 'interactions', quantity: 100 + i * 10, at: Date.parse('2026-10-05T10:00:00Z') + k * 60_000 })));
    if (i % 3 === 0) ok(await ctx.dispatch('wallet.topUp', { clientId: client, amount: '400.00', date: '2026-10-20' }));
  }
  const run = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
  expect((await ctx.services.invoices.close.wait(run.id)).created).toBe(n);
  await ctx.close();
  cleanups.push(() => ctx.dispose());
  return dir;
}

function issueLoop(
  dir: string,
  killAfter?: number,
  onReady?: (go: () => void) => void,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', FIXTURE, dir, '2026-10', NOW, ...(onReady ? ['--wait'] : [])];
    const child = spawn(NODE22, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let killing = false;
    let readySeen = false;
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (onReady && !readySeen && out.startsWith('ready\n')) {
        readySeen = true;
        onReady(() => child.stdin.write('go\n'));
      }
      if (killAfter !== undefined && !killing && out.split('\n').filter((l) => / INV-/.test(l)).length >= killAfter) {
        killing = true;
        // a random moment inside the next issue's transaction (or between two)
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 5));
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines: out.split('\n').filter(Boolean), stderr });
    });
  });
}

/** The ledger after the fact: what an auditor would check. */
function audit(dir: string, n: number) {
  const db = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare(`select id, client_id, status, number, sequence_no, paid_from_balance from invoices where kind = 'invoice' order by sequence_no`).all() as Array<{
      id: number;
      client_id: number;
      status: string;
      number: string | null;
      sequence_no: number | null;
      paid_from_balance: string;
    }>;
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.status !== 'draft')).toBe(true);
    // gapless and unique: exactly 1..n, formatted
    expect(rows.map((r) => r.sequence_no)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: n }, (_, i) => `INV-2026-${String(i + 1).padStart(5, '0')}`));
    expect(db.prepare(`select last_no from invoice_sequences where key = 'invoice:2026'`).get()).toEqual({ last_no: n });
    // one debit per invoice that had a balance, for exactly what its snapshot says; balances = sum of movements
    for (const r of rows) {
      const debits = db.prepare(`select amount from wallet_movements where kind = 'invoice_debit' and invoice_id = ?`).all(r.id) as Array<{ amount: string }>;
      if (dec(r.paid_from_balance).isZero()) expect(debits).toEqual([]);
      else expect(debits.map((d) => d.amount)).toEqual([`-${r.paid_from_balance}`]);
      const movements = db.prepare(`select amount from wallet_movements where client_id = ?`).all(r.client_id) as Array<{ amount: string }>;
      const balance = movements.reduce((a, m) => a.plus(dec(m.amount)), new Dec(0));
      expect(balance.isNegative()).toBe(false);
    }
    return rows;
  } finally {
    db.close();
  }
}

describe('invoice numbers under kill -9 and concurrency', () => {
  it('a batch issue killed at random points, then resumed, leaves numbers 1..N with no gap and debits once', async () => {
    const n = 24;
    const dir = await setup(n);
    let killed = 0;
    for (const after of [2, 7, 13, 19]) {
      const run = await issueLoop(dir, after);
      if (run.signal === 'SIGKILL') killed++;
      else expect(run.code, run.stderr).toBe(0);
    }
    expect(killed).toBeGreaterThan(0);
    const last = await issueLoop(dir);
    expect(last.code, last.stderr).toBe(0);
    expect(last.lines.at(-1)).toBe('done');
    const rows = audit(dir, n);
    expect(rows.filter((r) => !dec(r.paid_from_balance).isZero())).toHaveLength(n / 3);
  }, 180_000);

  it('two processes issuing the same drafts at once share the numbers without gap or duplicate', async () => {
    const n = 20;
    const dir = await setup(n);
    // both list the drafts, then start together
    const gos: Array<() => void> = [];
    const ready = (go: () => void) => {
      gos.push(go);
      if (gos.length === 2) for (const g of gos) g();
    };
    const [a, b] = await Promise.all([issueLoop(dir, undefined, ready), issueLoop(dir, undefined, ready)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const issuedBy = (lines: string[]) => lines.filter((l) => / INV-/.test(l)).map((l) => l.split(' ')[0]);
    const both = [...issuedBy(a.lines), ...issuedBy(b.lines)];
    // every draft issued by exactly one of them
    expect(new Set(both).size).toBe(n);
    expect(both).toHaveLength(n);
    // each attempted every draft: what it did not issue it found taken (on a busy machine one may win them all)
    for (const run of [a, b]) expect(run.lines.filter((l) => / (INV-\S+|taken)$/.test(l))).toHaveLength(n);
    audit(dir, n);
  }, 180_000);
});
