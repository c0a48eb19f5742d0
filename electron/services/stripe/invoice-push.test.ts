// Issued invoices on Stripe (real SDK, fake Stripe): amounts in Stripe's minor units for USD, JPY and KWD with
// discounts, taxes and the prepaid part, so Stripe asks for exactly our amount due; charge / email / record
// modes; credit notes, voids and payments mirrored; payment status polled back; a push resumed mid-way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireInvoice } from '../../../test/fakes/fake-stripe';
import { ok } from '../../../test/helpers/temp-context';
import { agentClaraResale } from '../pricing/test-fixtures';
import { toStripeAmount } from '../../stripe/stripe-amounts';
import { backoffMs } from './outbox-policy';
import { planInvoiceItems } from './senders/invoice-items';
import { billedClient, connectStripe, issueOctober, openStripeEnv, outboxRows, type StripeEnv } from './test-support';
import type { StripeMode } from '../../../shared/domain/stripe';

let env: StripeEnv;
beforeEach(async () => {
  env = await openStripeEnv();
});
afterEach(() => env.close());

async function linkedClient(name: string, options: Parameters<typeof billedClient>[2] = {}, mode: StripeMode = 'email') {
  await connectStripe(env.ctx, mode);
  const client = await billedClient(env.ctx, name, options);
  ok(await env.ctx.dispatch('stripe.createCustomer', { clientId: client }));
  ok(await env.ctx.dispatch('stripe.syncNow', {}));
  return client;
}

const remoteOf = (invoiceId: number): WireInvoice => {
  const found = [...env.server.state.invoices.values()].filter((i) => i.metadata?.meterbook_invoice_id === String(invoiceId));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const itemsOf = (remote: WireInvoice) => [...env.server.state.invoiceItems.values()].filter((i) => i.invoice === remote.id);

describe('invoice push: amounts', () => {
  it.each([
    ['USD', agentClaraResale(), [{ name: 'State tax', rate: '6.25' }, { name: 'City tax', rate: '2.5' }], '100.00'],
    [
      'JPY',
      agentClaraResale({ name: 'Yen plan', currency: 'JPY', baseFee: '35000', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '35.5' } }] }),
      [{ name: 'Consumption tax', rate: '10' }],
      '1234',
    ],
    [
      'KWD',
      agentClaraResale({ name: 'Dinar plan', currency: 'KWD', baseFee: '105.125', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.1075' } }] }),
      [{ name: 'VAT', rate: '5' }],
      '12.345',
    ],
  ])('%s: one item per line, discount, tax and the prepaid part; Stripe total = our amount due', async (currency, plan, taxRates, balance) => {
    const { ctx, server } = env;
    const client = await linkedClient(`Client ${currency}`, { currency, plan: { ...plan, name: `${currency} plan` }, taxRates, balance });
    const run = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    await ctx.services.invoices.close.wait(run.id);
    const draft = ok(await ctx.dispatch('invoices.list', { clientId: client, status: 'draft' })).items[0]!;
    ok(await ctx.dispatch('invoices.addDiscount', { invoiceId: draft.id, description: 'Loyalty', kind: 'percent', value: '10' }));
    ok(await ctx.dispatch('invoices.addLine', { invoiceId: draft.id, description: 'Onboarding', quantity: '3', unit: 'hour', unitPrice: currency === 'JPY' ? '7333' : currency === 'KWD' ? '20.125' : '60.125' }));
    const inv = ok(await ctx.dispatch('invoices.issue', { id: draft.id }));
    const t = inv.snapshot.totals;
    expect(t.paidFromBalance).toBe(balance);
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 1, failed: 0 });

    const remote = remoteOf(inv.id);
    expect(remote).toMatchObject({
      status: 'open',
      currency: currency.toLowerCase(),
      number: inv.number,
      total: toStripeAmount(t.amountDue, currency),
      amount_due: toStripeAmount(t.amountDue, currency),
      collection_method: 'send_invoice',
      metadata: { meterbook_invoice_id: String(inv.id), meterbook_number: inv.number, meterbook_client_id: String(client) },
    });
    const planned = planInvoiceItems(inv.snapshot);
    expect(planned.map((p) => p.ref)).toEqual([...inv.snapshot.lines.map((_, i) => `line-${i}`), 'discount-0', ...taxRates.map((_, i) => `tax-${i}`), 'prepaid-balance']);
    expect(itemsOf(remote).map((i) => [i.metadata?.meterbook_item, i.amount])).toEqual(planned.map((p) => [p.ref, toStripeAmount(p.amount, currency)]));
    expect(itemsOf(remote).find((i) => i.metadata?.meterbook_item === 'prepaid-balance')).toMatchObject({ description: 'Paid from prepaid balance', amount: -toStripeAmount(balance, currency) });
    // email mode: Stripe sent it to the billing email
    expect(server.state.sentInvoices).toEqual([{ invoice: remote.id, to: `billing@client${currency.toLowerCase()}.test`, at: expect.any(Number) }]);
    expect(ok(await ctx.dispatch('stripe.invoice', { invoiceId: inv.id }))).toMatchObject({ remoteId: remote.id, remoteStatus: 'open', hostedUrl: expect.stringContaining(remote.id), outbox: null });
  });

  it('an invoice the prepaid balance covers entirely is mirrored as paid (total 0)', async () => {
    const client = await linkedClient('Rich', { balance: '1000.00' });
    const inv = await issueOctober(env.ctx, client);
    expect(inv.status).toBe('paid');
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id)).toMatchObject({ status: 'paid', total: 0 });
    expect(env.server.state.sentInvoices).toEqual([]);
  });
});

describe('invoice push: modes', () => {
  it('charge: Stripe collects automatically (auto advance), nothing is emailed', async () => {
    const client = await linkedClient('Acme', {}, 'charge');
    const inv = await issueOctober(env.ctx, client);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id)).toMatchObject({ status: 'open', collection_method: 'charge_automatically', auto_advance: true, due_date: null });
    expect(env.server.state.sentInvoices).toEqual([]);
  });

  it('email: due per our due date, sent by Stripe', async () => {
    const client = await linkedClient('Acme', { taxRates: [] }, 'email');
    const inv = await issueOctober(env.ctx, client);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    const remote = remoteOf(inv.id);
    expect(remote).toMatchObject({ collection_method: 'send_invoice', auto_advance: false });
    // issued today with 14 days of terms: due 14 days after finalization
    expect((remote.due_date! - remote.status_transitions.finalized_at!) / 86_400).toBe(14);
    expect(env.server.state.sentInvoices).toHaveLength(1);
  });

  it('record: mirrored for the books, never sent; a payment recorded here is mirrored as paid out of band', async () => {
    const client = await linkedClient('Acme', {}, 'record');
    const inv = await issueOctober(env.ctx, client);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id)).toMatchObject({ status: 'open', collection_method: 'send_invoice', auto_advance: false });
    expect(env.server.state.sentInvoices).toEqual([]);
    ok(await env.ctx.dispatch('invoices.markPaid', { id: inv.id, date: '2026-11-03', method: 'bank_transfer', reference: 'SEPA 123' }));
    expect(outboxRows(env.ctx).at(-1)).toMatchObject({ kind: 'invoice.paid', status: 'pending' });
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id)).toMatchObject({ status: 'paid', amount_paid_off_stripe: remoteOf(inv.id).total });
    expect(ok(await env.ctx.dispatch('stripe.invoice', { invoiceId: inv.id })).remoteStatus).toBe('paid');
  });
});

describe('after the push', () => {
  it('void and credit notes are mirrored: a pre-payment credit while open, out of band once paid', async () => {
    const { ctx, server } = env;
    const client = await linkedClient('Acme', {}, 'record');
    const inv = await issueOctober(ctx, client);
    ok(await ctx.dispatch('stripe.syncNow', {}));

    // a partial credit of the overage line while the invoice is open
    const cn = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'Overage waived in part', lines: [{ index: 1, amount: '50.00' }] }));
    const issuedCn = ok(await ctx.dispatch('invoices.issue', { id: cn.id }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    const remote = remoteOf(inv.id);
    const notes = [...server.state.creditNotes.values()];
    expect(notes).toEqual([expect.objectContaining({ invoice: remote.id, amount: 5000, type: 'pre_payment', metadata: expect.objectContaining({ meterbook_credit_note_id: String(cn.id), meterbook_number: issuedCn.number }) })]);
    expect(remote.amount_remaining).toBe(toStripeAmount(inv.snapshot.totals.amountDue, 'USD') - 5000);

    // paid here: mirrored out of band; a later credit note is settled out of band too (our prepaid balance)
    ok(await ctx.dispatch('invoices.markPaid', { id: inv.id, date: '2026-11-03', method: 'cash', reference: null }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id).status).toBe('paid');
    const cn2 = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'Base fee discount', lines: [{ index: 2, amount: '35.00' }] }));
    ok(await ctx.dispatch('invoices.issue', { id: cn2.id }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect([...server.state.creditNotes.values()].find((n) => n.metadata?.meterbook_credit_note_id === String(cn2.id))).toMatchObject({ amount: 3500, type: 'post_payment', out_of_band_amount: 3500 });
  });

  it('a void is mirrored', async () => {
    const client = await linkedClient('Acme', {}, 'email');
    const inv = await issueOctober(env.ctx, client);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    ok(await env.ctx.dispatch('invoices.void', { id: inv.id, reason: 'Issued twice' }));
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(remoteOf(inv.id).status).toBe('void');
    expect(outboxRows(env.ctx).map((r) => [r.kind, r.status])).toEqual([
      ['customer.create', 'sent'],
      ['invoice.push', 'sent'],
      ['invoice.void', 'sent'],
    ]);
  });

  it('poll: an invoice the client paid on Stripe is marked paid here with the date and the charge reference', async () => {
    const { ctx, server, clock } = env;
    const client = await linkedClient('Acme', {}, 'email');
    const inv = await issueOctober(ctx, client);
    ok(await ctx.dispatch('stripe.syncNow', {}));
    ok(await ctx.dispatch('agency.save', { name: 'Meterbook Test Agency', currency: 'USD', timeZone: 'Pacific/Auckland' }));
    // paid at 2026-11-04 11:30 UTC = 2026-11-05 00:30 in Auckland
    clock.set('2026-11-05T12:00:00.000Z');
    server.markInvoicePaid(remoteOf(inv.id).id, { chargeId: 'ch_3FakePaidByClient', paidAt: Date.parse('2026-11-04T11:30:00Z') / 1000 });
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ paid: 1 });
    const after = ok(await ctx.dispatch('invoices.get', { id: inv.id }));
    expect(after).toMatchObject({ status: 'paid', payment: { date: '2026-11-05', method: 'stripe', reference: 'ch_3FakePaidByClient' } });
    // a Stripe payment is not mirrored back to Stripe
    expect(outboxRows(ctx).filter((r) => r.kind === 'invoice.paid')).toEqual([]);
    expect(ok(await ctx.dispatch('stripe.invoice', { invoiceId: inv.id }))).toMatchObject({ remoteStatus: 'paid', lastPolledAt: '2026-11-05T12:00:00.000Z' });
    expect(ok(await ctx.dispatch('stripe.status', {})).lastPollAt).toBe('2026-11-05T12:00:00.000Z');
  });

  it('poll: void and uncollectible are stored, the local invoice stays issued', async () => {
    const client = await linkedClient('Acme', {}, 'record');
    const inv = await issueOctober(env.ctx, client);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    const Stripe = (await import('stripe')).default;
    const sdk = new Stripe('sk_test_51FakeMeterbookTestKey0000', { ...env.server.clientOptions, maxNetworkRetries: 0 });
    await sdk.invoices.markUncollectible(remoteOf(inv.id).id);
    ok(await env.ctx.dispatch('stripe.syncNow', {}));
    expect(ok(await env.ctx.dispatch('stripe.invoice', { invoiceId: inv.id })).remoteStatus).toBe('uncollectible');
    expect(ok(await env.ctx.dispatch('invoices.get', { id: inv.id })).status).toBe('issued');
  });

  it('a push cut off after some items resumes with the missing ones only, even after the keys expired', async () => {
    const { ctx, server, clock } = env;
    const client = await linkedClient('Acme', { taxRates: [{ name: 'VAT', rate: '20' }] }, 'email');
    const inv = await issueOctober(ctx, client);
    // the second item is created, then every answer is lost (the SDK's own retry included)
    let n = 0;
    const original = server.state.requests.push.bind(server.state.requests);
    server.state.requests.push = (...r) => {
      if (r[0]!.path === '/v1/invoiceitems' && ++n === 2) server.dropAfterCommit('/v1/invoiceitems', { times: 2 });
      return original(...r);
    };
    ok(await ctx.dispatch('stripe.syncNow', {}));
    server.state.requests.push = original;
    const remote = remoteOf(inv.id);
    expect(remote.status).toBe('draft');
    expect(itemsOf(remote)).toHaveLength(2);
    server.clearFaults();
    server.advanceTime(2 * 86_400);
    clock.advance(backoffMs(1, 1) * 4);
    ok(await ctx.dispatch('stripe.syncNow', {}));
    const done = remoteOf(inv.id);
    expect(done.status).toBe('open');
    const refs = itemsOf(done).map((i) => i.metadata?.meterbook_item);
    expect(refs).toEqual(planInvoiceItems(inv.snapshot).map((p) => p.ref));
    expect(done.total).toBe(toStripeAmount(inv.snapshot.totals.amountDue, 'USD'));
  });
});
