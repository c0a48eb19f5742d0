// Runs in main. wallet.reload: the auto-reload a debit recorded as a pending wallet action, charged to the
// client's default payment method in Stripe. The top-up ('reload' movement) is recorded only once the charge
// succeeded, in the transaction that marks the action done and the item sent; a decline marks the action
// failed and raises an alert in the transaction that marks the item failed.
//
// The alert has kind 'low_balance' (the balance stays under the reload threshold): a kind of its own would
// need a migration of the alerts table and a label in the alerts screen; data.reason says 'reload_failed'.
import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type Stripe from 'stripe';
import type { Database } from '../../../db/schema';
import { METADATA_CLIENT_ID, METADATA_WALLET_ACTION_ID, StripeGatewayError } from '../../../stripe/gateway';
import { writeAudit } from '../../audit';
import { agencyZone, clientZone } from '../../pricing/zones';
import { WALLET_TABLES } from '../../wallet';
import { linkedCustomer, NothingToMirror, type OutboxSender } from './send-context';

/** the wallet movement of a reload: at most one per action, whoever records it */
export const reloadMovementKey = (actionId: number) => `stripe-reload-${actionId}`;

async function action(trx: Pick<Transaction<Database>, 'selectFrom'>, id: number) {
  return trx.selectFrom('wallet_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export const walletReload: OutboxSender = {
  async send(ctx) {
    const db = ctx.deps.ledger.db;
    const act = await action(db, ctx.row.subject_id);
    if (!act) throw new NothingToMirror(`Wallet action ${ctx.row.subject_id} no longer exists.`);
    if (act.status === 'cancelled') throw new NothingToMirror('The automatic reload was cancelled.');
    const customer = await linkedCustomer(db, ctx.row.client_id);
    // a charge an earlier attempt made (the answer was lost in a crash) is recorded, not repeated
    const earlier = await ctx.gateway.findPaymentsForWalletAction(String(act.id), { customer });
    let intent: Stripe.PaymentIntent | undefined = earlier.find((pi) => pi.status === 'succeeded');
    if (!intent && act.status === 'done') throw new NothingToMirror('The reload is already recorded.');
    intent ??= await ctx.gateway.chargeCustomer(
      {
        customer,
        amount: act.amount,
        currency: act.currency,
        description: 'Prepaid balance reload (Meterbook)',
        metadata: { [METADATA_WALLET_ACTION_ID]: String(act.id), [METADATA_CLIENT_ID]: String(act.client_id) },
      },
      ctx.key('charge'),
    );
    if (intent.status === 'processing') throw new StripeGatewayError('retry', 'Stripe is still processing the reload payment; Meterbook will check again.', 'payment_processing');
    if (intent.status !== 'succeeded') {
      throw new StripeGatewayError('permanent', `The reload payment was not completed (Stripe status ${intent.status}); the client must update their card.`, 'payment_incomplete');
    }
    const pi = intent;
    const charge = typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null);
    return {
      kind: 'sent',
      remoteId: pi.id,
      tables: WALLET_TABLES,
      ack: async (trx) => {
        const client = await trx.selectFrom('clients').select(['time_zone']).where('id', '=', act.client_id).executeTakeFirstOrThrow();
        const zone = clientZone(client, await agencyZone(trx));
        const now = ctx.deps.clock.now();
        const inserted = await trx
          .insertInto('wallet_movements')
          .values({
            client_id: act.client_id,
            kind: 'reload',
            amount: act.amount,
            currency: act.currency,
            occurred_on: DateTime.fromJSDate(now, { zone }).toISODate()!,
            reference: pi.id,
            note: `Automatic reload charged through Stripe${charge ? ` (charge ${charge})` : ''}`,
            invoice_id: null,
            idempotency_key: reloadMovementKey(act.id),
            created_at: now.toISOString(),
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        await trx.updateTable('wallet_actions').set({ status: 'done', updated_at: now.toISOString() }).where('id', '=', act.id).execute();
        if (inserted) {
          await writeAudit(trx, now, { actor: 'system', action: 'wallet.reload', entity: 'client', entityId: act.client_id, details: { actionId: act.id, movementId: inserted.id, amount: act.amount, currency: act.currency, paymentIntent: pi.id, charge } });
        }
      },
    };
  },

  async onFailed(trx, { row, deps, message }) {
    const act = await action(trx, row.subject_id);
    if (!act || act.status !== 'pending') return undefined;
    const now = deps.clock.now();
    await trx.updateTable('wallet_actions').set({ status: 'failed', updated_at: now.toISOString() }).where('id', '=', act.id).execute();
    const client = await trx.selectFrom('clients').select('name').where('id', '=', act.client_id).executeTakeFirstOrThrow();
    const title = `${client.name}: automatic reload failed`;
    const body = `Stripe could not charge the reload of ${act.amount} ${act.currency}: ${message} The prepaid balance stays low until the client updates their card or you top up by hand; retry it in Settings → Stripe.`;
    const alert = await trx
      .insertInto('alerts')
      .values({
        client_id: act.client_id,
        kind: 'low_balance',
        metric_key: null,
        period_label: `reload-${act.id}`,
        threshold: null,
        // client|kind|metric|period|threshold, as the alerts engine builds it (one per failed attempt generation)
        dedupe_key: `${act.client_id}|low_balance||reload-${act.id}|g${row.key_generation}`,
        title,
        body,
        data: JSON.stringify({ reason: 'reload_failed', actionId: act.id, amount: act.amount, currency: act.currency, stripeMessage: message }),
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    await writeAudit(trx, now, { actor: 'system', action: 'wallet.reload_failed', entity: 'client', entityId: act.client_id, details: { actionId: act.id, message } });
    return () => {
      deps.bus.changed(...WALLET_TABLES, 'alerts');
      if (alert) deps.bus.emit('alert.raised', { id: alert.id, clientId: act.client_id, title, body });
    };
  },
};
