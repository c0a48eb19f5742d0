// Wallet auto-reload through Stripe (real SDK, fake Stripe): the top-up is recorded only once the charge
// succeeded, exactly once; a declined card fails the action, raises an alert and leaves the item for the user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test/helpers/temp-context';
import { billedClient, connectStripe, customerOf, openStripeEnv, outboxRows, type StripeEnv } from './test-support';

let env: StripeEnv;
beforeEach(async () => {
  env = await openStripeEnv();
  await connectStripe(env.ctx, 'charge');
});
afterEach(() => env.close());

/** A linked client with a card in Stripe, 100.00 prepaid and a rule: reload 250.00 below 50.00. */
async function reloadingClient(card: string) {
  const { ctx, server } = env;
  const client = await billedClient(ctx, 'Acme', { balance: '100.00' });
  ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
  ok(await ctx.dispatch('stripe.syncNow', {}));
  server.setDefaultPaymentMethod(customerOf(ctx, client)!, card);
  ok(await ctx.dispatch('wallet.setRule', { clientId: client, lowBalanceThreshold: null, reloadThreshold: '50.00', reloadAmount: '250.00', enabled: true }));
  // the balance drops under the threshold: one pending action, queued for Stripe in the same transaction
  ok(await ctx.dispatch('wallet.adjust', { clientId: client, amount: '-60.00', reason: 'Usage fee' }));
  return client;
}

const movements = (clientId: number) =>
  env.ctx.ledger.raw.prepare(`select kind, amount, reference from wallet_movements where client_id = ? order by id`).all(clientId) as Array<{ kind: string; amount: string; reference: string | null }>;

describe('auto reload', () => {
  it('charges the default card and records the top-up only after the charge succeeded, once', async () => {
    const { ctx, server } = env;
    const client = await reloadingClient('pm_card_visa');
    const wallet = ok(await ctx.dispatch('wallet.get', { clientId: client }));
    expect(wallet).toMatchObject({ balance: '40.00', pendingActions: [expect.objectContaining({ amount: '250.00', status: 'pending' })] });
    const action = wallet.pendingActions[0]!;
    expect(outboxRows(ctx).at(-1)).toMatchObject({ kind: 'wallet.reload', subject_id: action.id, status: 'pending' });
    // nothing is recorded before Stripe charged
    expect(movements(client).filter((m) => m.kind === 'reload')).toEqual([]);

    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 1, failed: 0 });
    const intents = [...server.state.paymentIntents.values()];
    expect(intents).toEqual([expect.objectContaining({ amount: 25000, currency: 'usd', status: 'succeeded', customer: customerOf(ctx, client), metadata: { meterbook_wallet_action_id: String(action.id), meterbook_client_id: String(client) } })]);
    expect(movements(client).filter((m) => m.kind === 'reload')).toEqual([{ kind: 'reload', amount: '250.00', reference: intents[0]!.id }]);
    const after = ok(await ctx.dispatch('wallet.get', { clientId: client }));
    expect(after).toMatchObject({ balance: '290.00', pendingActions: [] });
    expect(ok(await ctx.dispatch('wallet.actions', { clientId: client })).items[0]).toMatchObject({ id: action.id, status: 'done' });

    // syncing again charges nothing more
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(server.state.paymentIntents.size).toBe(1);
    expect(movements(client).filter((m) => m.kind === 'reload')).toHaveLength(1);
  });

  it('a declined card: action failed, an alert, the item failed with Stripe message; retry after a new card charges once', async () => {
    const { ctx, server } = env;
    const raised: unknown[] = [];
    ctx.bus.subscribe((name, payload) => name === 'alert.raised' && raised.push(payload));
    const client = await reloadingClient('pm_card_chargeDeclinedInsufficientFunds');
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 0, failed: 1 });
    const item = outboxRows(ctx).at(-1)!;
    expect(item).toMatchObject({ kind: 'wallet.reload', status: 'failed', last_error: 'Your card has insufficient funds.' });
    expect(ok(await ctx.dispatch('wallet.actions', { clientId: client })).items[0]).toMatchObject({ status: 'failed' });
    expect(movements(client).filter((m) => m.kind === 'reload')).toEqual([]);
    const alerts = ok(await ctx.dispatch('alerts.list', { clientId: client }));
    expect(alerts.items).toEqual([
      expect.objectContaining({ kind: 'low_balance', title: 'Acme: automatic reload failed', body: expect.stringContaining('Your card has insufficient funds.'), data: expect.objectContaining({ reason: 'reload_failed' }) }),
    ]);
    expect(raised).toEqual([expect.objectContaining({ clientId: client, title: 'Acme: automatic reload failed' })]);

    // the client saves a working card; the user presses Retry (a new key: Stripe would replay the decline)
    server.setDefaultPaymentMethod(customerOf(ctx, client)!, 'pm_card_visa');
    ok(await ctx.dispatch('stripe.retry', { id: item.id }));
    expect(ok(await ctx.dispatch('wallet.actions', { clientId: client })).items[0]).toMatchObject({ status: 'pending' });
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 1 });
    expect([...server.state.paymentIntents.values()].map((p) => p.status)).toEqual(['requires_payment_method', 'succeeded']);
    expect(movements(client).filter((m) => m.kind === 'reload')).toHaveLength(1);
    expect(ok(await ctx.dispatch('wallet.get', { clientId: client })).balance).toBe('290.00');
  });

  it('no card in Stripe: failed with a message saying what to do; cancelling cancels the action', async () => {
    const { ctx } = env;
    const client = await billedClient(ctx, 'Acme', { balance: '100.00' });
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    ok(await ctx.dispatch('wallet.setRule', { clientId: client, lowBalanceThreshold: null, reloadThreshold: '50.00', reloadAmount: '250.00', enabled: true }));
    ok(await ctx.dispatch('wallet.adjust', { clientId: client, amount: '-60.00', reason: 'Usage fee' }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    const item = outboxRows(ctx).at(-1)!;
    expect(item).toMatchObject({ status: 'failed', last_error: 'This client has no default card in Stripe to charge; ask them to add one.' });
    ok(await ctx.dispatch('stripe.cancel', { id: item.id }));
    expect(ok(await ctx.dispatch('wallet.actions', { clientId: client })).items[0]).toMatchObject({ status: 'cancelled' });
  });
});
