// Stripe sync under crashes and a long offline spell, with real processes, the real `stripe` SDK, a real SQLite
// file and the fake Stripe server on 127.0.0.1:
// - kill -9 of the draining process after Stripe committed a create (customer, charge, invoice, invoice item,
//   finalize) and before the process recorded it; restarts (some a day later, when Stripe has forgotten the
//   idempotency keys) end with exactly one customer, one charge and one invoice (each item once), remotely and
//   locally, and the wallet topped up once;
// - a day offline with changes queued across clients, then online: the outbox drains in order per client,
//   with no duplicates.
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../fakes/fake-stripe';
import { ok } from '../helpers/temp-context';
import { planInvoiceItems } from '../../electron/services/stripe/senders/invoice-items';
import { toStripeAmount } from '../../electron/stripe/stripe-amounts';
import { billedClient, connectStripe, customerOf, issueOctober, openStripeEnv, outboxRows, type StripeEnv } from '../../electron/services/stripe/test-support';
import { NODE22, REPO_ROOT, runMeterbook } from './helpers/cli';
import { startKillProxy, type KillProxy, type KillRule } from './helpers/kill-proxy';

const FIXTURE = path.join(REPO_ROOT, 'test', 'integration', 'fixtures', 'stripe-drain.ts');
const NOW = '2026-11-03T12:00:00.000Z';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Run {
  signal: NodeJS.Signals | null;
  code: number | null;
  lines: string[];
  stderr: string;
}

/** Runs the drain in a child process through the proxy; with `kill`, SIGKILLs it once that request committed. */
function drainProcess(dir: string, proxy: KillProxy, now: string, kill?: KillRule): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE22, ['--import', 'tsx', FIXTURE, dir, proxy.url, now], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    if (kill) proxy.arm(kill, () => child.kill('SIGKILL'));
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines: out.split('\n').filter(Boolean), stderr });
    });
  });
}

describe('Stripe sync under kill -9', () => {
  it('a drain killed after each kind of create, restarted (sometimes a day later), creates everything exactly once', async () => {
    const server: FakeStripe = await startFakeStripe();
    cleanups.push(() => server.close());
    const proxy = await startKillProxy(server.url);
    cleanups.push(() => proxy.close());

    // the data folder: one linked client (creation queued), 100.00 prepaid, reload 250.00 under 50.00, and an
    // issued invoice whose prepaid debit crosses the threshold: customer.create, wallet.reload, invoice.push
    const env = await openStripeEnv({ server, now: NOW });
    const { ctx } = env;
    await connectStripe(ctx, 'email');
    const client = await billedClient(ctx, 'Acme', { balance: '100.00', taxRates: [{ name: 'VAT', rate: '20' }] });
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    ok(await ctx.dispatch('wallet.setRule', { clientId: client, lowBalanceThreshold: null, reloadThreshold: '50.00', reloadAmount: '250.00', enabled: true }));
    const invoice = await issueOctober(ctx, client);
    expect(outboxRows(ctx).map((r) => r.kind)).toEqual(['customer.create', 'wallet.reload', 'invoice.push']);
    const dir = env.ctx.dataDir;
    await env.ctx.close();
    cleanups.push(() => env.close().catch(() => undefined));

    // restartNextDay: Stripe keeps idempotency keys 24 h, so after a day only the look-up by metadata prevents
    // a second object; the other restarts are answered by Stripe's replay of the key
    const killAt: Array<{ rule: KillRule; restartNextDay: boolean }> = [
      { rule: { method: 'POST', path: /^\/v1\/customers$/ }, restartNextDay: true },
      { rule: { method: 'POST', path: /^\/v1\/payment_intents$/ }, restartNextDay: true },
      { rule: { method: 'POST', path: /^\/v1\/invoices$/ }, restartNextDay: true },
      { rule: { method: 'POST', path: /^\/v1\/invoiceitems$/, nth: 2 }, restartNextDay: true },
      { rule: { method: 'POST', path: /^\/v1\/invoiceitems$/, nth: 1 }, restartNextDay: false },
      { rule: { method: 'POST', path: /^\/v1\/invoices\/[^/]+\/finalize$/ }, restartNextDay: true },
      { rule: { method: 'POST', path: /^\/v1\/invoices\/[^/]+\/send$/ }, restartNextDay: false },
    ];
    let now = Date.parse(NOW);
    for (const [i, { rule, restartNextDay }] of killAt.entries()) {
      const run = await drainProcess(dir, proxy, new Date(now).toISOString(), rule);
      expect(run.signal, `kill ${i}: ${run.stderr}`).toBe('SIGKILL');
      expect(run.lines).not.toContain('done');
      // the card is saved once the customer exists (as a client would do on Stripe's page)
      if (i === 0) {
        expect(server.state.customers.size).toBe(1);
        server.setDefaultPaymentMethod([...server.state.customers.keys()][0]!, 'pm_card_visa');
      }
      if (restartNextDay) {
        server.advanceTime(25 * 3600);
        now += 25 * 3600_000;
      }
    }
    const last = await drainProcess(dir, proxy, new Date(now).toISOString());
    expect(last.code, last.stderr).toBe(0);
    expect(last.lines.at(-1)).toBe('done');
    expect(JSON.parse(last.lines.at(-2)!)).toMatchObject({ failed: 0, pending: 0 });

    // remotely: one of each, every item once, Stripe asks for our amount due
    const s = server.state;
    expect(s.customers.size).toBe(1);
    const [customerId] = [...s.customers.keys()];
    expect([...s.paymentIntents.values()].map((p) => [p.status, p.amount])).toEqual([['succeeded', 25000]]);
    expect(s.charges.size).toBe(1);
    expect(s.invoices.size).toBe(1);
    const [remote] = [...s.invoices.values()];
    const refs = [...s.invoiceItems.values()].map((it) => it.metadata?.meterbook_item);
    expect(refs).toEqual(planInvoiceItems(invoice.snapshot).map((p) => p.ref));
    expect(remote).toMatchObject({ status: 'open', total: toStripeAmount(invoice.snapshot.totals.amountDue, 'USD'), metadata: { meterbook_invoice_id: String(invoice.id) } });
    // the send was killed after Stripe emailed it; with the same key the retry replays instead of a 2nd email
    expect(s.sentInvoices).toHaveLength(1);

    // locally: the same ids, the top-up once, everything sent
    const db = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('select client_id, customer_id from stripe_customers').all()).toEqual([{ client_id: client, customer_id: customerId }]);
      expect(db.prepare('select invoice_id, remote_id from stripe_invoices').all()).toEqual([{ invoice_id: invoice.id, remote_id: remote!.id }]);
      const reloads = db.prepare(`select amount, reference from wallet_movements where kind = 'reload'`).all();
      expect(reloads).toEqual([{ amount: '250.00', reference: [...s.paymentIntents.keys()][0] }]);
      expect(db.prepare(`select status from wallet_actions`).all()).toEqual([{ status: 'done' }]);
      expect(db.prepare('select kind, status from stripe_outbox order by id').all()).toEqual([
        { kind: 'customer.create', status: 'sent' },
        { kind: 'wallet.reload', status: 'sent' },
        { kind: 'invoice.push', status: 'sent' },
      ]);
    } finally {
      db.close();
    }
  }, 240_000);
});

describe('a day offline', () => {
  let env: StripeEnv;
  afterEach(() => env?.close());

  it('changes queued across clients while offline drain in order per client, with no duplicates', async () => {
    env = await openStripeEnv();
    const { ctx, server, clock } = env;
    // every reading of the clock moves it 1 ms, so sent_at records the order items were sent in
    const tick = clock.now;
    clock.now = () => {
      clock.advance(1);
      return tick();
    };
    await connectStripe(ctx, 'record');
    await server.setOffline(true);
    const clients = [];
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) {
      const id = await billedClient(ctx, name);
      ok(await ctx.dispatch('stripe.createCustomer', { clientId: id }));
      clients.push(id);
    }
    const run = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    await ctx.services.invoices.close.wait(run.id);
    const invoices = new Map<number, number>();
    for (const id of clients) {
      const draft = ok(await ctx.dispatch('invoices.list', { clientId: id, status: 'draft' })).items[0]!;
      invoices.set(id, ok(await ctx.dispatch('invoices.issue', { id: draft.id })).id);
      // the background drain keeps trying while offline: one attempt per drain, then it stops
      expect(ok(await ctx.dispatch('stripe.syncNow', {})).message).toMatch(/^Stripe cannot be reached/);
    }
    const [a, b, c, d] = clients as [number, number, number, number];
    ok(await ctx.dispatch('clients.update', { id: a, name: 'Alpha Renamed' }));
    ok(await ctx.dispatch('invoices.void', { id: invoices.get(b)!, reason: 'Wrong period' }));
    ok(await ctx.dispatch('invoices.markPaid', { id: invoices.get(c)!, date: '2026-11-03', method: 'bank_transfer', reference: 'T-1' }));
    const cn = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: invoices.get(d)!, mode: 'partial', reason: 'Goodwill', lines: [{ index: 2, amount: '20.00' }] }));
    ok(await ctx.dispatch('invoices.issue', { id: cn.id }));
    ok(await ctx.dispatch('clients.update', { id: d, billingEmail: 'ap@delta.test' }));
    const queued = outboxRows(ctx);
    expect(queued.every((r) => r.status === 'pending')).toBe(true);
    expect(queued.filter((r) => r.attempts > 0).length).toBeGreaterThan(0);

    clock.advance(24 * 3600_000);
    server.advanceTime(24 * 3600);
    await server.setOffline(false);
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: queued.length, failed: 0, pending: 0, message: null });

    // in order per client: for each client, sent_at follows the outbox id
    const rows = outboxRows(ctx);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    for (const id of clients) {
      const mine = rows.filter((r) => r.client_id === id);
      expect(mine.map((r) => r.sent_at)).toEqual([...mine.map((r) => r.sent_at)].sort());
    }
    // no duplicates, and Stripe ends where Meterbook is
    expect(server.state.customers.size).toBe(4);
    expect(server.state.invoices.size).toBe(4);
    expect(server.state.creditNotes.size).toBe(1);
    const remote = (clientId: number) => [...server.state.invoices.values()].find((i) => i.metadata?.meterbook_invoice_id === String(invoices.get(clientId)))!;
    expect(server.state.customers.get(customerOf(ctx, a)!)!.name).toBe('Alpha Renamed');
    expect(server.state.customers.get(customerOf(ctx, d)!)!.email).toBe('ap@delta.test');
    expect(remote(b).status).toBe('void');
    expect(remote(c).status).toBe('paid');
    expect(remote(d).amount_remaining).toBe(remote(d).total - 2000);
    // and a second drain has nothing left to do
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 0, pending: 0 });
  }, 120_000);
});

describe('meterbook stripe', () => {
  let env: StripeEnv;
  afterEach(() => env?.close());

  it('status and sync from a terminal, with METERBOOK_STRIPE_ENDPOINT pointing at the fake', async () => {
    env = await openStripeEnv();
    const { ctx, server } = env;
    await connectStripe(ctx, 'record');
    for (const name of ['Alpha', 'Bravo']) ok(await ctx.dispatch('stripe.createCustomer', { clientId: await billedClient(ctx, name) }));
    const dir = ctx.dataDir;
    await ctx.close();
    const cli = (...args: string[]) => runMeterbook(['--data-dir', dir, 'stripe', ...args], { env: { METERBOOK_STRIPE_ENDPOINT: server.url } });

    const status = await cli('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Stripe: Meterbook Test Agency (test mode), key sk_test_…0000, mode record');
    expect(status.stdout).toContain('Outbox: 2 pending, 0 failed, 0 sent');

    // Stripe refuses Alpha's first call (its look-up); Bravo proceeds
    server.failNext(1, { status: 400, message: 'Search is not available for this account.', path: '/v1/customers/search' });
    const sync = await cli('sync');
    expect(sync.stdout).toBe('Sent 1, failed 1, still pending 0; 0 invoices marked paid from Stripe.\n');
    expect(sync.stderr).toContain('failed #1 Create the Stripe customer of Alpha: Search is not available for this account.');
    expect(sync.code).toBe(1);
    expect(JSON.parse((await cli('status', '--json')).stdout)).toMatchObject({ connected: true, outbox: { pending: 0, failed: 1, sent: 1 } });
    expect(JSON.stringify(await cli('status', '--json'))).not.toContain('sk_test_51FakeMeterbookTestKey0000');
  }, 60_000);
});
