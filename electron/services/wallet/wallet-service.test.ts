import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { Dec, dec, moneyText } from '../../../shared/money/decimal';
import { walletAlertsFor } from './wallet-alerts';
import { crossesReloadThreshold } from './reload-rule';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext(); // clock: 2026-10-15T12:00Z
});
afterEach(async () => {
  await ctx.dispose();
});

const wallet = () => ctx.services.wallet.wallet;
const count = (table: 'wallet_movements' | 'wallet_actions' | 'wallet_rules' | 'audit_log') => (ctx.ledger.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const client = async (currency = 'USD', name = `Client ${currency}`) => ok(await ctx.dispatch('clients.create', { name, currency })).id;
/** the balance recomputed independently from the raw rows, in JS */
const rawSum = (clientId: number) =>
  (ctx.ledger.raw.prepare('select amount from wallet_movements where client_id = ?').all(clientId) as { amount: string }[]).reduce((a, r) => a.plus(dec(r.amount)), new Dec(0));

describe('top-ups and the balance', () => {
  it('a top-up appends a movement; the balance is the exact sum of movements', async () => {
    const id = await client();
    const r = ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-14', reference: 'wire 991' }));
    expect(r).toMatchObject({ balance: '100.00', movement: { kind: 'top_up', amount: '100.00', currency: 'USD', occurredOn: '2026-10-14', reference: 'wire 991' } });
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '0.10', date: '2026-10-15' }));
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '0.20', date: '2026-10-15' }));
    const w = ok(await ctx.dispatch('wallet.get', { clientId: id, limit: 2 }));
    expect(w).toMatchObject({ balance: '100.30', currency: 'USD', total: 3 });
    expect(w.movements.map((m) => m.amount)).toEqual(['0.20', '0.10']);
    expect(count('audit_log')).toBeGreaterThanOrEqual(4);
  });

  it('JPY (0 decimals) and KWD (3 decimals) are exact', async () => {
    const jpy = await client('JPY');
    const kwd = await client('KWD');
    ok(await ctx.dispatch('wallet.topUp', { clientId: jpy, amount: '1000', date: '2026-10-15' }));
    expect(ok(await ctx.dispatch('wallet.get', { clientId: jpy })).balance).toBe('1000');
    const jr = await ctx.dispatch('wallet.topUp', { clientId: jpy, amount: '10.5', date: '2026-10-15' });
    expect(jr).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'amount', message: 'JPY amounts are whole numbers (no decimals).' } });
    for (let i = 0; i < 10; i++) ok(await ctx.dispatch('wallet.topUp', { clientId: kwd, amount: '0.001', date: '2026-10-15' }));
    expect(ok(await ctx.dispatch('wallet.get', { clientId: kwd })).balance).toBe('0.010');
    const d = await wallet().debitForInvoice({ clientId: kwd, invoiceId: 1, amountDue: '0.007', currency: 'KWD', idempotencyKey: 'inv-1' });
    expect(d).toMatchObject({ applied: '0.007', remainingDue: '0.000' });
    expect(ok(await ctx.dispatch('wallet.get', { clientId: kwd })).balance).toBe('0.003');
    expect(await ctx.dispatch('wallet.topUp', { clientId: kwd, amount: '1.0001', date: '2026-10-15' })).toMatchObject({ ok: false, error: { message: 'KWD amounts have at most 3 decimals.' } });
  });
});

describe('bad input is refused with its field and changes nothing', () => {
  it.each([
    [{ amount: '-5', date: '2026-10-15' }, 'amount', 'A top-up must be more than zero.'],
    [{ amount: '0', date: '2026-10-15' }, 'amount', 'A top-up must be more than zero.'],
    [{ amount: '0.00', date: '2026-10-15' }, 'amount', 'A top-up must be more than zero.'],
    [{ amount: '10.001', date: '2026-10-15' }, 'amount', 'USD amounts have at most 2 decimals.'],
    [{ amount: '1e3', date: '2026-10-15' }, 'amount', 'The amount must be a number like 100.00 (got "1e3").'],
    [{ amount: '10', date: '2026-10-16' }, 'date', 'The date cannot be in the future (today is 2026-10-15).'],
    [{ amount: '10', date: '15/10/2026' }, 'date', 'The date must look like 2026-10-15 (YYYY-MM-DD).'],
    [{ amount: '10', date: '2026-02-30' }, 'date', '2026-02-30 is not a calendar date.'],
  ])('top-up %j -> %s', async (fields, field, message) => {
    const id = await client();
    const before = [count('wallet_movements'), count('audit_log')];
    const r = await ctx.dispatch('wallet.topUp', { clientId: id, ...fields });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field, message } });
    expect([count('wallet_movements'), count('audit_log')]).toEqual(before);
  });

  it('unknown and archived clients', async () => {
    expect(await ctx.dispatch('wallet.topUp', { clientId: 999, amount: '1', date: '2026-10-15' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.dispatch('wallet.get', { clientId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const id = await client();
    ok(await ctx.dispatch('clients.archive', { id }));
    const r = await ctx.dispatch('wallet.topUp', { clientId: id, amount: '1', date: '2026-10-15' });
    expect(r).toMatchObject({ ok: false, error: { message: 'Restore the client before topping up its wallet.' } });
    expect(count('wallet_movements')).toBe(0);
  });

  it('corrections need a reason, are non-zero and cannot make the balance negative', async () => {
    const id = await client();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '10', date: '2026-10-15' }));
    expect(await ctx.dispatch('wallet.adjust', { clientId: id, amount: '-1', reason: ' ' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    expect(await ctx.dispatch('wallet.adjust', { clientId: id, amount: '0', reason: 'x' })).toMatchObject({ ok: false, error: { field: 'amount', message: 'A correction cannot be zero.' } });
    expect(await ctx.dispatch('wallet.adjust', { clientId: id, amount: '-10.01', reason: 'typo' })).toMatchObject({
      ok: false,
      error: { field: 'amount', message: 'This correction would make the balance negative (the balance is 10.00 USD).' },
    });
    expect(count('wallet_movements')).toBe(1);
    const a = ok(await ctx.dispatch('wallet.adjust', { clientId: id, amount: '-2.50', reason: 'Top-up was 7.50, not 10' }));
    expect(a).toMatchObject({ balance: '7.50', movement: { kind: 'adjustment', amount: '-2.50', note: 'Top-up was 7.50, not 10' } });
  });

  it('rule validation names the field', async () => {
    const id = await client();
    expect(await ctx.dispatch('wallet.setRule', { clientId: id, lowBalanceThreshold: '-1', enabled: true })).toMatchObject({
      ok: false,
      error: { field: 'lowBalanceThreshold', message: 'The low-balance threshold cannot be negative.' },
    });
    expect(await ctx.dispatch('wallet.setRule', { clientId: id, reloadThreshold: '20', enabled: true })).toMatchObject({ ok: false, error: { field: 'reloadAmount' } });
    expect(await ctx.dispatch('wallet.setRule', { clientId: id, reloadThreshold: '20', reloadAmount: '0', enabled: true })).toMatchObject({ ok: false, error: { field: 'reloadAmount' } });
    expect(await ctx.dispatch('wallet.setRule', { clientId: id, reloadThreshold: '20', reloadAmount: '50.555', enabled: true })).toMatchObject({
      ok: false,
      error: { field: 'reloadAmount', message: 'USD amounts have at most 2 decimals.' },
    });
    expect(count('wallet_rules')).toBe(0);
    const rule = ok(await ctx.dispatch('wallet.setRule', { clientId: id, lowBalanceThreshold: '10', reloadThreshold: '20', reloadAmount: '50', enabled: true }));
    expect(rule).toMatchObject({ lowBalanceThreshold: '10.00', reloadThreshold: '20.00', reloadAmount: '50.00', enabled: true });
  });
});

describe('debitForInvoice', () => {
  it('applies min(balance, due), never below zero, exactly once per key', async () => {
    const id = await client();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-15' }));
    const first = await wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '60.25', currency: 'USD', idempotencyKey: 'inv-1' });
    expect(first).toMatchObject({ applied: '60.25', remainingDue: '0.00', replayed: false });
    const again = await wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '60.25', currency: 'USD', idempotencyKey: 'inv-1' });
    expect(again).toEqual({ ...first, replayed: true });
    const second = await wallet().debitForInvoice({ clientId: id, invoiceId: 2, amountDue: '50', currency: 'USD', idempotencyKey: 'inv-2' });
    expect(second).toMatchObject({ applied: '39.75', remainingDue: '10.25' });
    const third = await wallet().debitForInvoice({ clientId: id, invoiceId: 3, amountDue: '5', currency: 'USD', idempotencyKey: 'inv-3' });
    expect(third).toMatchObject({ applied: '0.00', remainingDue: '5.00' });
    expect(count('wallet_movements')).toBe(4);
    expect(ok(await ctx.dispatch('wallet.get', { clientId: id })).balance).toBe('0.00');
    // a top-up afterwards does not make a replayed invoice debit more
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-15' }));
    expect(await wallet().debitForInvoice({ clientId: id, invoiceId: 3, amountDue: '5', currency: 'USD', idempotencyKey: 'inv-3' })).toMatchObject({ applied: '0.00', replayed: true });
    expect(ok(await ctx.dispatch('wallet.get', { clientId: id })).balance).toBe('100.00');
  });

  it('refuses another currency, a reused key for another invoice, and too many decimals', async () => {
    const id = await client();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-15' }));
    await expect(wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '1', currency: 'EUR', idempotencyKey: 'k' })).rejects.toMatchObject({ field: 'currency' });
    await expect(wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '1.001', currency: 'USD', idempotencyKey: 'k' })).rejects.toMatchObject({ field: 'amountDue' });
    await wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '1', currency: 'USD', idempotencyKey: 'k' });
    await expect(wallet().debitForInvoice({ clientId: id, invoiceId: 2, amountDue: '1', currency: 'USD', idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'conflict' });
    expect(count('wallet_movements')).toBe(2);
  });

  it('balance = sum of movements for any sequence of top-ups, debits and corrections (property)', async () => {
    const id = await client('KWD');
    let invoice = 0;
    const op = fc.oneof(
      fc.record({ t: fc.constant('top' as const), minor: fc.integer({ min: 1, max: 5_000_000 }) }),
      fc.record({ t: fc.constant('debit' as const), minor: fc.integer({ min: 0, max: 5_000_000 }), retry: fc.boolean() }),
      fc.record({ t: fc.constant('adjust' as const), minor: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          const amount = new Dec(o.minor).dividedBy(1000).toFixed(3);
          const before = dec(ok(await ctx.dispatch('wallet.get', { clientId: id })).balance);
          if (o.t === 'top') ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount, date: '2026-10-15' }));
          else if (o.t === 'adjust') {
            const r = await ctx.dispatch('wallet.adjust', { clientId: id, amount, reason: 'property' });
            expect(r.ok).toBe(!before.plus(dec(amount)).isNegative());
          } else {
            invoice++;
            const args = { clientId: id, invoiceId: invoice, amountDue: amount, currency: 'KWD', idempotencyKey: `p-${invoice}` };
            const d = await wallet().debitForInvoice(args);
            if (o.retry) expect(await wallet().debitForInvoice(args)).toEqual({ ...d, replayed: true });
            expect(d.applied).toBe(moneyText(Dec.min(before, dec(amount)), 'KWD'));
          }
          const balance = ok(await ctx.dispatch('wallet.get', { clientId: id })).balance;
          expect(balance).toBe(moneyText(rawSum(id), 'KWD'));
          expect(dec(balance).isNegative()).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('auto reload and low-balance alerts', () => {
  it('one pending action per threshold crossing', async () => {
    const id = await client();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-15' }));
    ok(await ctx.dispatch('wallet.setRule', { clientId: id, lowBalanceThreshold: '30', reloadThreshold: '20', reloadAmount: '50', enabled: true }));
    const debit = (n: number, due: string) => wallet().debitForInvoice({ clientId: id, invoiceId: n, amountDue: due, currency: 'USD', idempotencyKey: `inv-${n}` });
    await debit(1, '70'); // 30: not below 20
    expect(count('wallet_actions')).toBe(0);
    expect(await wallet().lowBalanceClients()).toEqual([]);
    await debit(2, '15'); // 15: crossed
    await debit(2, '15'); // replay
    await debit(3, '5'); // 10: still below, same crossing
    const pending = ok(await ctx.dispatch('wallet.actions', { clientId: id, status: 'pending' }));
    expect(pending.total).toBe(1);
    expect(pending.items[0]).toMatchObject({ kind: 'auto_reload', amount: '50.00', currency: 'USD', status: 'pending' });
    expect(await wallet().lowBalanceClients()).toEqual([{ clientId: id, kind: 'low_balance', currency: 'USD', balance: '10.00', threshold: '30.00' }]);
    expect(ok(await ctx.dispatch('wallet.get', { clientId: id })).pendingActions).toHaveLength(1);
    // once the action is settled (Stripe, later) and money is back, the next crossing records a new action
    ctx.ledger.raw.prepare(`update wallet_actions set status = 'done'`).run();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '50', date: '2026-10-15' }));
    await debit(4, '45'); // 60 -> 15
    expect(ok(await ctx.dispatch('wallet.actions', { status: 'pending' })).total).toBe(1);
    expect(count('wallet_actions')).toBe(2);
  });

  it('a disabled rule records nothing and raises nothing', async () => {
    const id = await client();
    ok(await ctx.dispatch('wallet.topUp', { clientId: id, amount: '100', date: '2026-10-15' }));
    ok(await ctx.dispatch('wallet.setRule', { clientId: id, lowBalanceThreshold: '30', reloadThreshold: '20', reloadAmount: '50', enabled: false }));
    await wallet().debitForInvoice({ clientId: id, invoiceId: 1, amountDue: '95', currency: 'USD', idempotencyKey: 'inv-1' });
    expect(count('wallet_actions')).toBe(0);
    expect(await wallet().lowBalanceClients()).toEqual([]);
  });

  it('pure helpers', () => {
    expect(walletAlertsFor([
      { clientId: 1, currency: 'USD', balance: '9.99', lowBalanceThreshold: '10', enabled: true },
      { clientId: 2, currency: 'USD', balance: '10.00', lowBalanceThreshold: '10', enabled: true },
      { clientId: 3, currency: 'USD', balance: '0.00', lowBalanceThreshold: null, enabled: true },
      { clientId: 4, currency: 'USD', balance: '0.00', lowBalanceThreshold: '10', enabled: false },
    ])).toEqual([{ clientId: 1, kind: 'low_balance', currency: 'USD', balance: '9.99', threshold: '10' }]);
    const rule = { enabled: true, reloadThreshold: '20', reloadAmount: '50' };
    expect(crossesReloadThreshold(rule, dec('20'), dec('19.99'))).toBe(true);
    expect(crossesReloadThreshold(rule, dec('19.99'), dec('10'))).toBe(false);
    expect(crossesReloadThreshold(null, dec('30'), dec('10'))).toBe(false);
  });
});
