// Runs in main. invoice.push, invoice.void, invoice.paid and credit_note.push: an issued Meterbook document and
// what happens to it afterwards, mirrored on Stripe. Every create is preceded by a look-up by metadata
// (customer-scoped lists, which are strongly consistent), so a push that crashed after Stripe committed it is
// resumed, never repeated.
import { DateTime } from 'luxon';
import type Stripe from 'stripe';
import { dec } from '../../../../shared/money/decimal';
import { METADATA_CLIENT_ID, METADATA_INVOICE_ID, StripeGatewayError } from '../../../stripe/gateway';
import { fromStripeAmount, toStripeAmount } from '../../../stripe/stripe-amounts';
import { agencyZone } from '../../pricing/zones';
import { daysUntilDue, METADATA_ITEM, planInvoiceItems } from './invoice-items';
import { linkedCustomer, NothingToMirror, remoteInvoiceId, type OutboxSender, type SendContext, type SendOutcome } from './send-context';

type RemoteStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

function recordRemote(ctx: SendContext, invoiceId: number, remote: Stripe.Invoice): SendOutcome {
  const at = ctx.deps.clock.now().toISOString();
  return {
    kind: 'sent',
    remoteId: remote.id,
    tables: ['stripe_invoices'],
    ack: async (trx) => {
      const values = { remote_id: remote.id, remote_status: remote.status ?? null, hosted_url: remote.hosted_invoice_url ?? null, livemode: remote.livemode ? 1 : 0 };
      await trx
        .insertInto('stripe_invoices')
        .values({ invoice_id: invoiceId, ...values, last_polled_at: null, created_at: at })
        .onConflict((oc) => oc.column('invoice_id').doUpdateSet(values))
        .execute();
    },
  };
}

/** Stores Stripe's status after a void or a payment (the local invoice already changed). */
function recordStatus(ctx: SendContext, remote: Stripe.Invoice): SendOutcome {
  const invoiceId = ctx.row.subject_id;
  return {
    kind: 'sent',
    remoteId: remote.id,
    tables: ['stripe_invoices'],
    ack: async (trx) => {
      await trx.updateTable('stripe_invoices').set({ remote_status: remote.status ?? null }).where('invoice_id', '=', invoiceId).execute();
    },
  };
}

async function today(ctx: SendContext): Promise<string> {
  return DateTime.fromJSDate(ctx.deps.clock.now(), { zone: await agencyZone(ctx.deps.ledger.db) }).toISODate()!;
}

/** Email mode needs an address on the Stripe customer; a billing email added later is carried over first. */
async function ensureCustomerEmail(ctx: SendContext, customerId: string): Promise<void> {
  const client = await ctx.deps.ledger.db.selectFrom('clients').select('billing_email').where('id', '=', ctx.row.client_id).executeTakeFirstOrThrow();
  const customer = await ctx.gateway.retrieveCustomer(customerId);
  if (customer?.email) return;
  if (!client.billing_email) {
    throw new StripeGatewayError('permanent', 'Stripe cannot email this invoice: the client has no billing email. Add one to the client, then press Retry.', 'no_customer_email');
  }
  await ctx.gateway.updateCustomer(customerId, { email: client.billing_email }, ctx.key('customer-email'));
}

export const invoicePush: OutboxSender = {
  async send(ctx) {
    const invoiceId = ctx.row.subject_id;
    const customer = await linkedCustomer(ctx.deps.ledger.db, ctx.row.client_id);
    const detail = await ctx.invoices.get(invoiceId);
    if (detail.kind !== 'invoice' || detail.status === 'draft') throw new NothingToMirror('Only issued invoices are pushed.');
    const snap = detail.snapshot;
    const number = snap.number ?? String(invoiceId);
    const { currency } = snap;
    const items = planInvoiceItems(snap);
    const mode = ctx.settings.mode;
    if (mode === 'email') await ensureCustomerEmail(ctx, customer);

    let remote = await ctx.gateway.findInvoiceByMeterbookId(String(invoiceId), { customer });
    remote ??= await ctx.gateway.createInvoice(
      {
        customer,
        invoiceId: String(invoiceId),
        currency,
        collectionMethod: mode === 'charge' ? 'charge_automatically' : 'send_invoice',
        ...(mode === 'charge' ? {} : { daysUntilDue: daysUntilDue(snap.dueDate, await today(ctx)) }),
        // charge: Stripe collects from the default payment method on its own; email/record: Meterbook decides
        autoAdvance: mode === 'charge',
        number,
        description: `Invoice ${number}`,
        ...(snap.reverseChargeMention ? { footer: snap.reverseChargeMention } : {}),
        metadata: { meterbook_number: number, [METADATA_CLIENT_ID]: String(ctx.row.client_id) },
      },
      ctx.key('create'),
    );

    if (remote.status === 'draft') {
      const present = new Set((await ctx.gateway.listInvoiceLines(remote.id)).map((l) => l.metadata?.[METADATA_ITEM]).filter((r): r is string => typeof r === 'string'));
      for (const item of items) {
        if (present.has(item.ref)) continue;
        await ctx.gateway.createInvoiceItem(
          { customer, invoice: remote.id, currency, amount: item.amount, description: item.description, metadata: { [METADATA_INVOICE_ID]: String(invoiceId), [METADATA_ITEM]: item.ref } },
          ctx.key(`item-${item.ref}`),
        );
      }
      const draft = await ctx.gateway.retrieveInvoice(remote.id);
      const expected = toStripeAmount(snap.totals.amountDue, currency);
      if (draft.total !== expected) {
        throw new StripeGatewayError(
          'permanent',
          `Stripe's draft of ${number} totals ${fromStripeAmount(draft.total, currency).toFixed()} ${currency}, but the invoice asks for ${snap.totals.amountDue} ${currency}; it was not finalized. Delete the draft in Stripe, then press Retry.`,
          'total_mismatch',
        );
      }
      remote = await ctx.gateway.finalizeInvoice(remote.id, ctx.key('finalize'));
    }
    if (mode === 'email' && remote.status === 'open') remote = await ctx.gateway.sendInvoice(remote.id, ctx.key('send'));
    return recordRemote(ctx, invoiceId, remote);
  },
};

export const invoiceVoid: OutboxSender = {
  async send(ctx) {
    const remoteId = await remoteInvoiceId(ctx, ctx.row.subject_id);
    if (remoteId === null) throw new NothingToMirror('The invoice was never pushed to Stripe: nothing to void there.');
    const remote = await ctx.gateway.retrieveInvoice(remoteId);
    const status = remote.status as RemoteStatus;
    if (status === 'void') return recordStatus(ctx, remote);
    if (status === 'draft') throw new NothingToMirror("Stripe's copy is still a draft (its push did not finish); delete it in Stripe.");
    if (status === 'paid') throw new StripeGatewayError('permanent', `Stripe has ${remote.number ?? remoteId} as paid, so it cannot be voided there; refund it in Stripe if it should not have been paid.`, 'remote_paid');
    return recordStatus(ctx, await ctx.gateway.voidInvoice(remoteId, ctx.key('void')));
  },
};

export const invoicePaid: OutboxSender = {
  async send(ctx) {
    const remoteId = await remoteInvoiceId(ctx, ctx.row.subject_id);
    if (remoteId === null) throw new NothingToMirror('The invoice was never pushed to Stripe: nothing to mark paid there.');
    const remote = await ctx.gateway.retrieveInvoice(remoteId);
    const status = remote.status as RemoteStatus;
    // already paid on Stripe (the client paid there too, or the total was zero): nothing to add
    if (status === 'paid') return recordStatus(ctx, remote);
    if (status === 'draft') throw new NothingToMirror("Stripe's copy is still a draft (its push did not finish).");
    if (status === 'void') throw new StripeGatewayError('permanent', `Stripe has ${remote.number ?? remoteId} as void, so it cannot be marked paid there.`, 'remote_void');
    return recordStatus(ctx, await ctx.gateway.markInvoicePaidOutOfBand(remoteId, ctx.key('paid')));
  },
};

/**
 * A credit note, as a Stripe credit note on the pushed invoice, for the part Stripe's invoice can take: what it
 * still asks for while open, what was paid (settled out of band: the money went to Meterbook's prepaid
 * balance, not Stripe's customer balance) once paid. The prepaid part of our invoice was never on Stripe.
 */
export const creditNotePush: OutboxSender = {
  async send(ctx) {
    const noteId = ctx.row.subject_id;
    const detail = await ctx.invoices.get(noteId);
    if (detail.kind !== 'credit_note' || detail.creditOfId === null) throw new NothingToMirror('Only issued credit notes are pushed.');
    const remoteId = await remoteInvoiceId(ctx, detail.creditOfId);
    if (remoteId === null) throw new NothingToMirror('The invoice it corrects was never pushed to Stripe.');
    const existing = await ctx.gateway.findCreditNoteByMeterbookId(String(noteId), { invoice: remoteId });
    const at = ctx.deps.clock.now().toISOString();
    const record = (note: Stripe.CreditNote): SendOutcome => ({
      kind: 'sent',
      remoteId: note.id,
      tables: ['stripe_invoices'],
      ack: async (trx) => {
        await trx
          .insertInto('stripe_invoices')
          .values({ invoice_id: noteId, remote_id: note.id, remote_status: null, hosted_url: null, livemode: note.livemode ? 1 : 0, last_polled_at: null, created_at: at })
          .onConflict((oc) => oc.column('invoice_id').doNothing())
          .execute();
      },
    });
    if (existing) return record(existing);

    const remote = await ctx.gateway.retrieveInvoice(remoteId);
    const { currency } = detail.snapshot;
    const paid = remote.status === 'paid';
    const creditable = paid ? remote.amount_paid - remote.post_payment_credit_notes_amount : remote.status === 'open' || remote.status === 'uncollectible' ? remote.amount_remaining : 0;
    const wanted = toStripeAmount(dec(detail.snapshot.totals.total).abs(), currency);
    const amount = Math.min(wanted, creditable);
    if (amount <= 0) throw new NothingToMirror(`Stripe's invoice has nothing left to credit (it is ${remote.status ?? 'unknown'}); the credit went to the prepaid balance.`);
    const value = fromStripeAmount(amount, currency);
    const number = detail.snapshot.number ?? String(noteId);
    const note = await ctx.gateway.createCreditNote(
      {
        invoice: remoteId,
        currency,
        creditNoteId: String(noteId),
        amount: value,
        ...(paid ? { outOfBandAmount: value } : {}),
        memo: `Credit note ${number}${detail.snapshot.creditReason ? `: ${detail.snapshot.creditReason}` : ''}`.slice(0, 500),
        metadata: { meterbook_number: number, [METADATA_CLIENT_ID]: String(ctx.row.client_id) },
      },
      ctx.key('create'),
    );
    return record(note);
  },
};
