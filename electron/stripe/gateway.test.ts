// The gateway with the real `stripe` SDK against the fake Stripe server on 127.0.0.1.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_LIVE_KEY, FAKE_STRIPE_TEST_KEY, startFakeStripe, type FakeStripe } from '../../test/fakes/fake-stripe';
import { classifyStripeError, createStripeGateway, invoicePaymentSummary, type StripeGateway } from './gateway';

let server: FakeStripe;
let gateway: StripeGateway;
let n = 0;
const key = () => `outbox-row-${++n}`;
const connect = (apiKey = FAKE_STRIPE_TEST_KEY, timeoutMs = 5_000) => createStripeGateway({ apiKey, ...server.clientOptions, maxNetworkRetries: 0, timeoutMs });

beforeEach(async () => {
  server = await startFakeStripe();
  gateway = connect();
});
afterEach(() => server.close());

async function classified(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return classifyStripeError(e);
  }
  throw new Error('expected the call to fail');
}

async function clientWithDraft(currency: string) {
  const customer = await gateway.createCustomer({ clientId: '12', name: 'Acme', email: 'billing@acme.test' }, key());
  const invoice = await gateway.createInvoice({ customer: customer.id, invoiceId: '5', currency, collectionMethod: 'send_invoice', daysUntilDue: 30 }, key());
  return { customer, invoice };
}

describe('Stripe gateway', () => {
  it('tests the connection: account name and mode from the key', async () => {
    expect(await gateway.account()).toEqual({ id: expect.stringMatching(/^acct_/), displayName: 'Meterbook Test Agency', livemode: false, country: 'US', defaultCurrency: 'usd' });
    expect((await connect(FAKE_STRIPE_LIVE_KEY).account()).livemode).toBe(true);
    expect(await classified(connect('sk_test_revoked0000000000').account())).toMatchObject({ kind: 'auth', status: 401 });
    expect(() => createStripeGateway({ apiKey: 'pk_test_publishable' })).toThrow(/secret or restricted key/);
  });

  it('creates customers tagged with the client id and finds them by client id and email', async () => {
    const created = await gateway.createCustomer({ clientId: '12', name: 'Acme', email: 'billing@acme.test', metadata: { source: 'meterbook' } }, key());
    expect(created.metadata).toEqual({ source: 'meterbook', meterbook_client_id: '12' });
    expect((await gateway.findCustomerByClientId('12'))?.id).toBe(created.id);
    expect(await gateway.findCustomerByClientId("12' OR email:'x")).toBeNull();
    expect((await gateway.findCustomersByEmail('billing@acme.test')).map((c) => c.id)).toEqual([created.id]);

    const updated = await gateway.updateCustomer(created.id, { name: 'Acme Ltd', email: null }, key());
    expect(updated).toMatchObject({ name: 'Acme Ltd', email: null });
    expect((await gateway.retrieveCustomer(created.id))?.name).toBe('Acme Ltd');
    expect(await gateway.retrieveCustomer('cus_missing')).toBeNull();
  });

  it.each([
    ['USD', ['12.34', '0.66'], [1234, 66], 1300],
    ['JPY', ['1234', '1'], [1234, 1], 1235],
    ['KWD', ['1.234', '0.005'], [1234, 5], 1239],
  ])('sends %s invoice lines in Stripe minor units', async (currency, amounts, minor, total) => {
    const { invoice } = await clientWithDraft(currency);
    for (const amount of amounts) await gateway.createInvoiceItem({ customer: invoice.customer as string, invoice: invoice.id, currency, amount, description: `Usage ${amount}` }, key());
    const items = [...server.state.invoiceItems.values()];
    expect(items.map((i) => [i.amount, i.currency])).toEqual(minor.map((m) => [m, currency.toLowerCase()]));
    const stored = server.state.invoices.get(invoice.id)!;
    expect(stored).toMatchObject({ total, metadata: { meterbook_invoice_id: '5' }, collection_method: 'send_invoice', auto_advance: false });
  });

  it('finalizes, sends, credits and voids; reads a remote payment back', async () => {
    const { invoice } = await clientWithDraft('USD');
    await gateway.createInvoiceItem({ customer: invoice.customer as string, invoice: invoice.id, currency: 'USD', amount: '100.00', description: 'Seats' }, key());
    const open = await gateway.finalizeInvoice(invoice.id, key());
    expect(open).toMatchObject({ status: 'open', total: 10000 });
    await gateway.sendInvoice(invoice.id, key());
    expect(server.state.sentInvoices).toHaveLength(1);

    const note = await gateway.createCreditNote({ invoice: invoice.id, currency: 'USD', creditNoteId: 'cn-1', lines: [{ description: 'Wrong tier', amount: '25.50' }], reason: 'order_change' }, key());
    expect(note).toMatchObject({ total: 2550, metadata: { meterbook_credit_note_id: 'cn-1' }, lines: { data: [{ type: 'custom_line_item', amount: 2550 }] } });
    expect((await gateway.voidInvoice(invoice.id, key())).status).toBe('void');

    const second = await gateway.createInvoice({ customer: invoice.customer as string, invoiceId: '6', currency: 'USD', collectionMethod: 'charge_automatically' }, key());
    await gateway.createInvoiceItem({ customer: invoice.customer as string, invoice: second.id, currency: 'USD', amount: '42', description: 'Minutes' }, key());
    await gateway.finalizeInvoice(second.id, key());
    server.markInvoicePaid(second.id, { chargeId: 'ch_paid_by_client', paidAt: 1_760_000_000 });
    const paid = await gateway.retrieveInvoice(second.id);
    expect(paid.status).toBe('paid');
    expect(invoicePaymentSummary(paid)).toEqual({ paidAt: 1_760_000_000, paymentIntentId: expect.stringMatching(/^pi_/), chargeId: 'ch_paid_by_client' });
  });

  it('marks an invoice paid out of band', async () => {
    const { invoice } = await clientWithDraft('EUR');
    await gateway.createInvoiceItem({ customer: invoice.customer as string, invoice: invoice.id, currency: 'EUR', amount: '10', description: 'x' }, key());
    await gateway.finalizeInvoice(invoice.id, key());
    expect(await gateway.markInvoicePaidOutOfBand(invoice.id, key())).toMatchObject({ status: 'paid', amount_paid: 1000 });
  });

  it('same key + same params gives the same object once; same key + other params is permanent', async () => {
    const k = key();
    const a = await gateway.createCustomer({ clientId: '7', name: 'Once' }, k);
    const b = await gateway.createCustomer({ clientId: '7', name: 'Once' }, k);
    expect(b.id).toBe(a.id);
    expect(server.state.customers.size).toBe(1);
    expect(await classified(gateway.createCustomer({ clientId: '7', name: 'Twice' }, k))).toMatchObject({ kind: 'permanent', type: 'idempotency_error', status: 400 });
  });

  it('charges the default card; a decline is permanent with Stripe\'s message', async () => {
    const customer = await gateway.createCustomer({ clientId: '3', name: 'Payer' }, key());
    expect(await classified(gateway.chargeCustomer({ customer: customer.id, amount: '25', currency: 'USD', description: 'Top-up' }, key()))).toMatchObject({
      kind: 'permanent',
      code: 'no_default_payment_method',
    });

    server.setDefaultPaymentMethod(customer.id, 'pm_card_visa');
    const pi = await gateway.chargeCustomer({ customer: customer.id, amount: '25', currency: 'USD', description: 'Top-up', metadata: { wallet_topup: '9' } }, key());
    expect(pi).toMatchObject({ status: 'succeeded', amount: 2500, latest_charge: expect.stringMatching(/^ch_/), payment_method: 'pm_card_visa' });
    expect(server.state.paymentIntents.get(pi.id)).toMatchObject({ customer: customer.id, metadata: { wallet_topup: '9' } });

    server.setDefaultPaymentMethod(customer.id, 'pm_card_chargeDeclined');
    expect(await classified(gateway.chargeCustomer({ customer: customer.id, amount: '25', currency: 'USD', description: 'Top-up' }, key()))).toMatchObject({
      kind: 'permanent',
      status: 402,
      type: 'card_error',
      code: 'card_declined',
      declineCode: 'generic_decline',
      message: 'Your card was declined.',
    });
  });

  it('refuses a three-decimal charge that does not end in 0 before calling Stripe', async () => {
    const customer = await gateway.createCustomer({ clientId: '4', name: 'Kuwait' }, key());
    server.setDefaultPaymentMethod(customer.id, 'pm_card_visa');
    const before = server.state.requests.length;
    expect(await classified(gateway.chargeCustomer({ customer: customer.id, amount: '1.234', currency: 'KWD', description: 'x' }, key()))).toMatchObject({
      kind: 'permanent',
      code: 'amount_three_decimal',
    });
    expect(server.state.requests.length).toBe(before);
    expect((await gateway.chargeCustomer({ customer: customer.id, amount: '1.230', currency: 'KWD', description: 'x' }, key())).amount).toBe(1230);
  });

  it('classifies 429 and 500 as retry', async () => {
    server.failNext(1, { status: 429 });
    server.failNext(1, { status: 500 });
    expect(await classified(gateway.findCustomersByEmail('a@b.test'))).toMatchObject({ kind: 'retry', status: 429, code: 'rate_limit' });
    expect(await classified(gateway.findCustomersByEmail('a@b.test'))).toMatchObject({ kind: 'retry', status: 500, type: 'api_error' });
    server.failNext(1, { status: 409, code: 'lock_timeout' });
    expect((await classified(gateway.findCustomersByEmail('a@b.test'))).kind).toBe('retry');
  });

  it('a crash after Stripe committed: retry-classified error, but the objects can be found by Meterbook id', async () => {
    server.dropAfterCommit('/v1/customers');
    const k = key();
    expect(await classified(gateway.createCustomer({ clientId: '12', name: 'Acme' }, k))).toMatchObject({ kind: 'retry', code: 'connection' });
    server.clearFaults();
    const customer = await gateway.findCustomerByClientId('12');
    expect(customer?.metadata.meterbook_client_id).toBe('12');
    expect(server.state.customers.size).toBe(1);
    // within 24 h the same key replays the committed answer instead of creating a second customer
    expect((await gateway.createCustomer({ clientId: '12', name: 'Acme' }, k)).id).toBe(customer!.id);

    server.dropAfterCommit('/v1/invoices');
    expect((await classified(gateway.createInvoice({ customer: customer!.id, invoiceId: '5', currency: 'USD', collectionMethod: 'charge_automatically' }, key()))).kind).toBe('retry');
    server.clearFaults();
    const bySearch = await gateway.findInvoiceByMeterbookId('5');
    const byList = await gateway.findInvoiceByMeterbookId('5', { customer: customer!.id });
    expect(bySearch?.id).toBeDefined();
    expect(byList?.id).toBe(bySearch?.id);
    expect(server.state.invoices.size).toBe(1);
    expect(await gateway.findInvoiceByMeterbookId('6')).toBeNull();
  });

  it('offline and timeouts are retry', async () => {
    await server.setOffline(true);
    expect(await classified(gateway.account())).toMatchObject({ kind: 'retry', code: 'connection' });
    await server.setOffline(false);
    expect((await gateway.account()).id).toMatch(/^acct_/);

    server.hangNext(1);
    expect(await classified(connect(FAKE_STRIPE_TEST_KEY, 200).account())).toMatchObject({ kind: 'retry', code: 'timeout' });
  });

  it('never shows the API key', async () => {
    const secret = 'sk_test_doNotLeakThisKeyAnywhere1234';
    const leaky = createStripeGateway({ apiKey: secret, ...server.clientOptions });
    const err = await classified(leaky.account());
    expect(err.kind).toBe('auth');
    expect(JSON.stringify(err)).not.toContain('doNotLeak');
    expect(inspect(leaky, { depth: 5 })).not.toContain('doNotLeak');
  });
});
