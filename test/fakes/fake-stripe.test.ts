// The fake Stripe server driven by the REAL `stripe` SDK: if the SDK parses these answers and raises these
// errors, the gateway tested against the fake is tested against Stripe's wire format.
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_LIVE_KEY, FAKE_STRIPE_TEST_KEY, startFakeStripe, type FakeStripe } from './fake-stripe';

let server: FakeStripe;
let stripe: Stripe;
let n = 0;
const key = () => `fake-stripe-test-${++n}`;
const client = (apiKey: string, extra: Partial<Stripe.StripeConfig> = {}) =>
  new Stripe(apiKey, { ...server.clientOptions, maxNetworkRetries: 0, telemetry: false, ...extra });

beforeEach(async () => {
  server = await startFakeStripe();
  stripe = client(FAKE_STRIPE_TEST_KEY);
});
afterEach(() => server.close());

async function rejection(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

async function draftWithItems(currency: string, amounts: number[]) {
  const customer = await stripe.customers.create({ name: 'Acme', email: 'billing@acme.test' });
  const invoice = await stripe.invoices.create({ customer: customer.id, currency, pending_invoice_items_behavior: 'exclude' });
  for (const amount of amounts) await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount, currency, description: `line ${amount}` });
  return { customer, invoice: await stripe.invoices.retrieve(invoice.id) };
}

describe('wire format', () => {
  it('answers /v1/account and refuses unknown keys with a 401 (StripeAuthenticationError)', async () => {
    const account = await stripe.accounts.retrieveCurrent();
    expect(account).toMatchObject({ object: 'account', id: expect.stringMatching(/^acct_/), settings: { dashboard: { display_name: 'Meterbook Test Agency' } } });

    const err = await rejection(client('sk_test_unknown000000000000').accounts.retrieveCurrent());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^Invalid API Key provided: sk_test_\*+0000$/);
  });

  it('creates, retrieves, updates (merging metadata), lists by email and searches customers', async () => {
    const a = await stripe.customers.create({ name: 'Acme', email: 'billing@acme.test', metadata: { meterbook_client_id: '12', tier: 'gold' } });
    await stripe.customers.create({ name: 'Other', email: 'ops@other.test', metadata: { meterbook_client_id: '13' } });
    expect(a).toMatchObject({ object: 'customer', id: expect.stringMatching(/^cus_/), livemode: false, balance: 0 });

    const updated = await stripe.customers.update(a.id, { name: 'Acme Ltd', metadata: { tier: '', region: 'eu' } });
    expect(updated.metadata).toEqual({ meterbook_client_id: '12', region: 'eu' });
    expect((await stripe.customers.retrieve(a.id)).id).toBe(a.id);

    const listed = await stripe.customers.list({ email: 'billing@acme.test' });
    expect(listed).toMatchObject({ object: 'list', has_more: false, url: '/v1/customers' });
    expect(listed.data.map((c) => c.id)).toEqual([a.id]);

    const byMeta = await stripe.customers.search({ query: "metadata['meterbook_client_id']:'12'" });
    expect(byMeta).toMatchObject({ object: 'search_result', has_more: false, next_page: null, url: '/v1/customers/search' });
    expect(byMeta.data.map((c) => c.id)).toEqual([a.id]);
    expect((await stripe.customers.search({ query: "email:'BILLING@acme.test'" })).data).toHaveLength(1);
    expect((await stripe.customers.search({ query: "metadata['meterbook_client_id']:'12' OR metadata['meterbook_client_id']:'13'" })).data).toHaveLength(2);

    const bad = await rejection(stripe.customers.search({ query: "created_by:'x'" }));
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('refuses unknown parameters and missing objects like Stripe', async () => {
    const unknown = await rejection(stripe.customers.create({ nmae: 'typo' } as Stripe.CustomerCreateParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'nmae', message: 'Received unknown parameter: nmae' });

    const gone = await rejection(stripe.invoices.retrieve('in_missing'));
    expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such invoice: 'in_missing'" });
  });

  it('keeps test and live mode apart', async () => {
    const live = client(FAKE_STRIPE_LIVE_KEY);
    const c = await live.customers.create({ name: 'Live client' });
    expect(c.livemode).toBe(true);
    const err = await rejection(stripe.customers.retrieve(c.id));
    expect(err.statusCode).toBe(404);
    expect(err.message).toContain('exists in live mode, but a test mode key was used');
  });
});

describe('invoices', () => {
  it('totals USD items in cents, numbers the invoice at finalization and voids it', async () => {
    const { customer, invoice } = await draftWithItems('usd', [1234, 66]);
    expect(invoice).toMatchObject({ object: 'invoice', status: 'draft', number: null, currency: 'usd', subtotal: 1300, total: 1300, amount_due: 1300 });
    expect(invoice.lines.data.map((l) => [l.object, l.amount])).toEqual([['line_item', 1234], ['line_item', 66]]);

    const open = await stripe.invoices.finalizeInvoice(invoice.id);
    expect(open.status).toBe('open');
    expect(open.number).toBe(`${customer.invoice_prefix}-0001`);
    expect(open.status_transitions.finalized_at).toEqual(expect.any(Number));
    const again = await rejection(stripe.invoices.finalizeInvoice(invoice.id));
    expect(again.statusCode).toBe(400);
    const late = await rejection(stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 1, currency: 'usd' }));
    expect(late).toMatchObject({ statusCode: 400, code: 'invoice_not_editable' });

    const voided = await stripe.invoices.voidInvoice(invoice.id);
    expect(voided).toMatchObject({ status: 'void', status_transitions: { voided_at: expect.any(Number) } });
    expect((await rejection(stripe.invoices.voidInvoice(invoice.id))).statusCode).toBe(400);
  });

  it('takes JPY in whole yen, KWD in fils, and rounds quantity x unit_amount_decimal half away from zero', async () => {
    expect((await draftWithItems('jpy', [1234, 1])).invoice.total).toBe(1235);
    const kwd = await draftWithItems('kwd', [1234, 5]);
    expect(kwd.invoice.total).toBe(1239);

    const customer = await stripe.customers.create({ name: 'Metered' });
    const invoice = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
    // 3 x 0.5 cents = 1.5 -> 2; 1234 x 0.35 cents = 431.9 -> 432
    const half = await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, currency: 'usd', quantity: 3, unit_amount_decimal: Stripe.Decimal.from('0.5') });
    const many = await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, currency: 'usd', quantity: 1234, unit_amount_decimal: Stripe.Decimal.from('0.35') });
    expect([half.amount, many.amount]).toEqual([2, 432]);
    expect(half.quantity_decimal.toString()).toBe('3');
    expect((await stripe.invoices.retrieve(invoice.id)).total).toBe(434);

    const mismatch = await rejection(stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, currency: 'eur', amount: 100 }));
    expect(mismatch).toMatchObject({ statusCode: 400, param: 'currency' });
  });

  it('credits open invoices before payment (down to paid) and lists credit notes by invoice', async () => {
    const { invoice } = await draftWithItems('usd', [1000, 500]);
    await stripe.invoices.finalizeInvoice(invoice.id);
    const lineId = invoice.lines.data[0]!.id;

    const first = await stripe.creditNotes.create({ invoice: invoice.id, lines: [{ type: 'invoice_line_item', invoice_line_item: lineId, amount: 400 }], reason: 'order_change', memo: 'Fewer seats' });
    expect(first).toMatchObject({ object: 'credit_note', type: 'pre_payment', total: 400, status: 'issued', memo: 'Fewer seats', number: expect.stringMatching(/-CN-01$/) });
    let inv = await stripe.invoices.retrieve(invoice.id);
    expect([inv.amount_due, inv.amount_remaining, inv.pre_payment_credit_notes_amount, inv.status]).toEqual([1100, 1100, 400, 'open']);

    const tooMuch = await rejection(stripe.creditNotes.create({ invoice: invoice.id, amount: 1101 }));
    expect(tooMuch.statusCode).toBe(400);
    const rest = await stripe.creditNotes.create({ invoice: invoice.id, lines: [{ type: 'custom_line_item', description: 'Goodwill', quantity: 1, unit_amount: 1100 }] });
    expect(rest.number).toMatch(/-CN-02$/);
    inv = await stripe.invoices.retrieve(invoice.id);
    expect([inv.amount_remaining, inv.status]).toEqual([0, 'paid']);

    const listed = await stripe.creditNotes.list({ invoice: invoice.id });
    expect(listed.data.map((c) => c.id).sort()).toEqual([first.id, rest.id].sort());
  });

  it('credits paid invoices to the customer balance and refuses drafts', async () => {
    const { customer, invoice } = await draftWithItems('usd', [2000]);
    expect((await rejection(stripe.creditNotes.create({ invoice: invoice.id, amount: 100 }))).statusCode).toBe(400);
    await stripe.invoices.finalizeInvoice(invoice.id);
    await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
    const note = await stripe.creditNotes.create({ invoice: invoice.id, amount: 500 });
    expect(note).toMatchObject({ type: 'post_payment', post_payment_amount: 500, customer_balance_transaction: expect.stringMatching(/^cbtxn_/) });
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(-500);
  });

  it('sends only send_invoice invoices, pays out of band, marks uncollectible', async () => {
    const customer = await stripe.customers.create({ name: 'Mailer', email: 'ap@mailer.test' });
    const auto = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
    expect((await rejection(stripe.invoices.sendInvoice(auto.id))).statusCode).toBe(400);
    expect((await rejection(stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' }))).param).toBe('days_until_due');

    const mailed = await stripe.invoices.create({ customer: customer.id, currency: 'usd', collection_method: 'send_invoice', days_until_due: 14 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: mailed.id, amount: 990, currency: 'usd' });
    const sent = await stripe.invoices.sendInvoice(mailed.id);
    expect(sent.status).toBe('open');
    expect(sent.due_date).toBe(sent.status_transitions.finalized_at! + 14 * 86_400);
    expect(server.state.sentInvoices).toEqual([{ invoice: mailed.id, to: 'ap@mailer.test', at: expect.any(Number) }]);

    const paid = await stripe.invoices.pay(mailed.id, { paid_out_of_band: true });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 990, amount_remaining: 0, amount_paid_off_stripe: 990 });

    const other = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: other.id, amount: 100, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(other.id);
    expect((await stripe.invoices.markUncollectible(other.id)).status).toBe('uncollectible');
  });

  it('marks an invoice paid remotely with a charge, visible through expand', async () => {
    const { invoice } = await draftWithItems('usd', [4200]);
    await stripe.invoices.finalizeInvoice(invoice.id);
    server.markInvoicePaid(invoice.id, { chargeId: 'ch_client_paid', paidAt: 1_760_000_000 });
    const inv = await stripe.invoices.retrieve(invoice.id, { expand: ['payments.data.payment.payment_intent'] });
    expect(inv).toMatchObject({ status: 'paid', amount_paid: 4200, status_transitions: { paid_at: 1_760_000_000 } });
    const pi = inv.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', latest_charge: 'ch_client_paid' });
    expect((await stripe.invoices.retrieve(invoice.id)).payments).toBeUndefined();
    const found = await stripe.invoices.search({ query: `metadata['nothing']:'x' OR status:'paid'` });
    expect(found.data.map((i) => i.id)).toEqual([invoice.id]);
  });
});

describe('idempotency', () => {
  it('replays the saved answer to the same key and parameters, creating one object', async () => {
    const k = key();
    const first = await stripe.customers.create({ name: 'Once', metadata: { meterbook_client_id: '7' } }, { idempotencyKey: k });
    const second = await stripe.customers.create({ name: 'Once', metadata: { meterbook_client_id: '7' } }, { idempotencyKey: k });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(server.state.customers.size).toBe(1);
    expect(server.state.requests.filter((r) => r.path === '/v1/customers').map((r) => r.replayed)).toEqual([false, true]);
  });

  it('refuses the same key with other parameters or on another endpoint (400 idempotency_error)', async () => {
    const k = key();
    const c = await stripe.customers.create({ name: 'A' }, { idempotencyKey: k });
    const other = await rejection(stripe.customers.create({ name: 'B' }, { idempotencyKey: k }));
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(other).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    expect(other.message).toContain(`Try using a key other than '${k}'`);
    const elsewhere = await rejection(stripe.customers.update(c.id, { name: 'A' }, { idempotencyKey: k }));
    expect(elsewhere).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(server.state.customers.size).toBe(1);
  });

  it('does not save validation errors, so the corrected request can reuse the key', async () => {
    const k = key();
    await rejection(stripe.customers.create({ name: 'X', bogus: '1' } as Stripe.CustomerCreateParams, { idempotencyKey: k }));
    const ok = await stripe.customers.create({ name: 'X' }, { idempotencyKey: k });
    expect(ok.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets keys after 24 hours', async () => {
    const k = key();
    const first = await stripe.customers.create({ name: 'Day one' }, { idempotencyKey: k });
    server.advanceTime(86_400 + 1);
    const next = await stripe.customers.create({ name: 'Day one' }, { idempotencyKey: k });
    expect(next.id).not.toBe(first.id);
    expect(server.state.customers.size).toBe(2);
  });
});

describe('payment intents', () => {
  it('charges pm_card_visa off session, with an expandable latest_charge', async () => {
    const customer = await stripe.customers.create({ name: 'Payer', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const pi = await stripe.paymentIntents.create(
      { amount: 2500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true, off_session: true, expand: ['latest_charge'] },
      { idempotencyKey: key() },
    );
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 2500 });
    expect(pi.latest_charge).toMatchObject({ object: 'charge', id: expect.stringMatching(/^ch_/), amount: 2500, paid: true, status: 'succeeded' });
  });

  it('declines pm_card_chargeDeclined with a 402 card_error, saved under the key', async () => {
    const customer = await stripe.customers.create({ name: 'Broke' });
    const k = key();
    const params: Stripe.PaymentIntentCreateParams = { amount: 2500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true, off_session: true };
    const err = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: k }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' });
    expect(err.payment_intent).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });
    const replay = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: k }));
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(server.state.paymentIntents.size).toBe(1);
  });

  it('applies the documented payment rules for three-decimal currencies and ISK', async () => {
    const base = { currency: 'kwd', payment_method: 'pm_card_visa', confirm: true };
    expect(await rejection(stripe.paymentIntents.create({ ...base, amount: 1234 }))).toMatchObject({ statusCode: 400, param: 'amount' });
    expect((await stripe.paymentIntents.create({ ...base, amount: 1230 })).status).toBe('succeeded');
    expect(await rejection(stripe.paymentIntents.create({ ...base, currency: 'isk', amount: 150 }))).toMatchObject({ code: 'invalid_charge_amount_no_decimal_compatible' });
    expect(await rejection(stripe.paymentIntents.create({ amount: 100, currency: 'usd', confirm: true }))).toMatchObject({ statusCode: 400, param: 'payment_method' });
  });
});

describe('test controls', () => {
  it('failNext: 429 then 500, then normal service', async () => {
    server.failNext(1, { status: 429 });
    server.failNext(1, { status: 500 });
    const limited = await rejection(stripe.customers.create({ name: 'R' }));
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited).toMatchObject({ statusCode: 429, code: 'rate_limit' });
    const broken = await rejection(stripe.customers.create({ name: 'R' }));
    expect(broken).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(broken).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect((await stripe.customers.create({ name: 'R' })).object).toBe('customer');
  });

  it('a stored fault is replayed to retries with the same key, as Stripe does for 500s', async () => {
    server.failNext(1, { status: 500, stored: true });
    const k = key();
    expect((await rejection(stripe.customers.create({ name: 'S' }, { idempotencyKey: k }))).statusCode).toBe(500);
    const again = await rejection(stripe.customers.create({ name: 'S' }, { idempotencyKey: k }));
    expect(again.statusCode).toBe(500);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect(server.state.customers.size).toBe(0);
  });

  it('dropAfterCommit: the call fails with a connection error but the object exists once', async () => {
    server.dropAfterCommit('/v1/invoices');
    const customer = await stripe.customers.create({ name: 'Crash' });
    const k = key();
    const err = await rejection(stripe.invoices.create({ customer: customer.id, metadata: { meterbook_invoice_id: '5' } }, { idempotencyKey: k }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(server.state.invoices.size).toBe(1);
    // the SDK retried the reset connection once by itself, with the same key: Stripe replayed, the fake dropped again
    expect(server.state.requests.filter((r) => r.path === '/v1/invoices').map((r) => [r.idempotencyKey, r.replayed, r.outcome])).toEqual([
      [k, false, 'dropped'],
      [k, true, 'dropped'],
    ]);
    server.clearFaults();
    const found = await stripe.invoices.search({ query: "metadata['meterbook_invoice_id']:'5'" });
    expect(found.data).toHaveLength(1);
  });

  it('setOffline refuses connections until back online on the same port', async () => {
    await server.setOffline(true);
    const err = await rejection(stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    await server.setOffline(false);
    expect((await stripe.customers.list()).object).toBe('list');
  });

  it('hangNext leaves a request unanswered until the client times out', async () => {
    server.hangNext(1);
    const err = await rejection(client(FAKE_STRIPE_TEST_KEY, { timeout: 200 }).customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(err.message).toMatch(/timeout/);
  });
});
