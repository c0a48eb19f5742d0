// The Stripe connection and customer links, with the real SDK against the fake Stripe server on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_LIVE_KEY, FAKE_STRIPE_TEST_KEY } from '../../../test/fakes/fake-stripe';
import { ok } from '../../../test/helpers/temp-context';
import { billedClient, connectStripe, customerOf, openStripeEnv, outboxRows, type StripeEnv } from './test-support';

let env: StripeEnv;
beforeEach(async () => {
  env = await openStripeEnv();
});
afterEach(() => env.close());

const everything = () => JSON.stringify([env.logs, env.ctx.ledger.raw.prepare('select * from settings').all(), env.ctx.ledger.raw.prepare('select * from audit_log').all()]);

describe('connect, test, disconnect', () => {
  it('checks the key first, stores it sealed, and only ever shows its hint', async () => {
    const { ctx } = env;
    expect(ok(await ctx.dispatch('stripe.status', {}))).toMatchObject({ connected: false, keyHint: null, outbox: { pending: 0, failed: 0, sent: 0 } });

    const status = await connectStripe(ctx, 'charge');
    expect(status).toMatchObject({
      connected: true,
      livemode: false,
      accountId: 'acct_1FakeMeterbook00',
      accountName: 'Meterbook Test Agency',
      keyHint: `sk_test_…${FAKE_STRIPE_TEST_KEY.slice(-4)}`,
      mode: 'charge',
      lastError: null,
    });
    expect(JSON.stringify(status)).not.toContain(FAKE_STRIPE_TEST_KEY);
    // sealed at rest: not in the settings row, the audit log or any log line
    expect(everything()).not.toContain(FAKE_STRIPE_TEST_KEY);
    expect(everything()).not.toContain(FAKE_STRIPE_TEST_KEY.slice(8));

    expect(ok(await ctx.dispatch('stripe.test', {}))).toEqual({ ok: true, message: 'Connected to Meterbook Test Agency in test mode.', accountName: 'Meterbook Test Agency', livemode: false });
    expect(ok(await ctx.dispatch('stripe.setMode', { mode: 'record' })).mode).toBe('record');

    expect(ok(await ctx.dispatch('stripe.disconnect', {}))).toMatchObject({ connected: false, keyHint: null });
    expect(ok(await ctx.dispatch('stripe.test', {}))).toMatchObject({ ok: false, message: 'Stripe is not connected.' });
    expect(await ctx.dispatch('stripe.setMode', { mode: 'email' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('shows live mode from a live key', async () => {
    expect(await connectStripe(env.ctx, 'email', FAKE_STRIPE_LIVE_KEY)).toMatchObject({ livemode: true, keyHint: `sk_live_…${FAKE_STRIPE_LIVE_KEY.slice(-4)}` });
  });

  it('a refused key is not stored, and the error carries Stripe message without the key', async () => {
    const bad = 'sk_test_51RevokedKeyThatStripeRefuses99';
    const r = await env.ctx.dispatch('stripe.connect', { apiKey: bad, mode: 'email' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'apiKey', message: expect.stringMatching(/^Stripe refused the key: Invalid API Key provided/) } });
    expect(JSON.stringify(r)).not.toContain(bad);
    expect(ok(await env.ctx.dispatch('stripe.status', {})).connected).toBe(false);
    expect(everything()).not.toContain(bad);
  });

  it('offline: connecting says Stripe cannot be reached; test reports it and keeps the key', async () => {
    await env.server.setOffline(true);
    expect(await env.ctx.dispatch('stripe.connect', { apiKey: FAKE_STRIPE_TEST_KEY, mode: 'email' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Could not reach Stripe/) } });
    await env.server.setOffline(false);
    await connectStripe(env.ctx);
    await env.server.setOffline(true);
    const t = ok(await env.ctx.dispatch('stripe.test', {}));
    expect(t).toMatchObject({ ok: false, message: expect.stringMatching(/Could not reach Stripe/) });
    expect(ok(await env.ctx.dispatch('stripe.status', {}))).toMatchObject({ connected: true, lastError: t.message });
  });

  it('a revoked key: test says so and asks for a new one, never showing the key', async () => {
    await connectStripe(env.ctx);
    env.server.failNext(1, { status: 401, message: `Invalid API Key provided: ${FAKE_STRIPE_TEST_KEY}` });
    const t = ok(await env.ctx.dispatch('stripe.test', {}));
    expect(t.message).toMatch(/^Stripe refused the key \(Invalid API Key provided: sk_test_…\w{4}\)\. Connect again/);
    expect(JSON.stringify(t)).not.toContain(FAKE_STRIPE_TEST_KEY);
    expect(everything()).not.toContain(FAKE_STRIPE_TEST_KEY);
  });

  it('disconnect cancels waiting items with a note; connecting another mode forgets the links of the old one', async () => {
    const { ctx } = env;
    await connectStripe(ctx);
    const client = await billedClient(ctx, 'Acme');
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    ok(await ctx.dispatch('stripe.disconnect', {}));
    expect(outboxRows(ctx)).toEqual([expect.objectContaining({ kind: 'customer.create', status: 'cancelled', last_error: expect.stringMatching(/Stripe was disconnected/) })]);
    // the same account again: the link is kept
    await connectStripe(ctx);
    expect(ok(await ctx.dispatch('stripe.customerLink', { clientId: client })).status).toBe('pending');
    // live mode: test-mode links mean nothing there
    await connectStripe(ctx, 'email', FAKE_STRIPE_LIVE_KEY);
    expect(ok(await ctx.dispatch('stripe.customerLink', { clientId: client })).status).toBe('unlinked');
  });
});

describe('customer links', () => {
  it('createCustomer queues the creation in the same transaction as the pending link', async () => {
    const { ctx } = env;
    const client = await billedClient(ctx, 'Acme');
    expect(await ctx.dispatch('stripe.createCustomer', { clientId: client })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/not connected/) } });
    await connectStripe(ctx);
    expect(ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }))).toMatchObject({ clientId: client, customerId: null, status: 'pending', livemode: false });
    // asking again changes nothing
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    expect(outboxRows(ctx)).toEqual([expect.objectContaining({ kind: 'customer.create', subject_id: client, status: 'pending' })]);

    ok(await ctx.dispatch('stripe.syncNow', {}));
    const link = ok(await ctx.dispatch('stripe.customerLink', { clientId: client }));
    expect(link).toMatchObject({ status: 'linked', customerId: expect.stringMatching(/^cus_/) });
    const remote = env.server.state.customers.get(link.customerId!)!;
    expect(remote).toMatchObject({
      name: 'Acme',
      email: 'billing@acme.test',
      address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US', line2: null, state: null },
      metadata: { meterbook_client_id: String(client) },
    });
  });

  it('finds existing customers by the billing email and links one (checked online), never to two clients', async () => {
    const { ctx, server } = env;
    await connectStripe(ctx);
    const acme = await billedClient(ctx, 'Acme');
    const other = await billedClient(ctx, 'Other');
    // made by hand in the Stripe dashboard
    const stripe = await import('stripe');
    const sdk = new stripe.default(FAKE_STRIPE_TEST_KEY, { ...server.clientOptions, maxNetworkRetries: 0 });
    const existing = await sdk.customers.create({ name: 'ACME Inc (Stripe)', email: 'billing@acme.test' });

    expect(ok(await ctx.dispatch('stripe.findCustomers', { clientId: acme }))).toEqual([{ id: existing.id, name: 'ACME Inc (Stripe)', email: 'billing@acme.test', created: expect.any(String), linkedClientId: null }]);
    expect(await ctx.dispatch('stripe.linkCustomer', { clientId: acme, customerId: 'cus_doesnotexist' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(ok(await ctx.dispatch('stripe.linkCustomer', { clientId: acme, customerId: existing.id }))).toMatchObject({ status: 'linked', customerId: existing.id });
    expect(ok(await ctx.dispatch('stripe.findCustomers', { clientId: acme }))[0]!.linkedClientId).toBe(acme);
    expect(await ctx.dispatch('stripe.linkCustomer', { clientId: other, customerId: existing.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already linked to Acme') } });

    // linking sends our details to the customer, and tags it with the client id
    expect(outboxRows(ctx).map((r) => r.kind)).toEqual(['customer.update']);
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(server.state.customers.get(existing.id)).toMatchObject({ name: 'Acme', email: 'billing@acme.test' });
    expect(server.state.customers.get(existing.id)!.metadata).toEqual({ meterbook_client_id: String(acme) });
    expect(server.state.customers.size).toBe(1);
  });

  it('local changes of name, email, address and tax id are queued and sent; other changes are not', async () => {
    const { ctx, server } = env;
    await connectStripe(ctx);
    const client = await billedClient(ctx, 'Acme');
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    ok(await ctx.dispatch('clients.update', { id: client, notes: 'likes invoices early' }));
    expect(outboxRows(ctx)).toHaveLength(1);
    ok(await ctx.dispatch('clients.update', { id: client, name: 'Acme Dental', billingEmail: 'ap@acme.test', taxId: 'DE123456789', address: { line1: '9 Elm Rd', city: 'Berlin', postalCode: '10115', country: 'DE' } }));
    expect(outboxRows(ctx).map((r) => [r.kind, r.status])).toEqual([
      ['customer.create', 'sent'],
      ['customer.update', 'pending'],
    ]);
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(server.state.customers.get(customerOf(ctx, client)!)).toMatchObject({
      name: 'Acme Dental',
      email: 'ap@acme.test',
      address: { line1: '9 Elm Rd', city: 'Berlin', postal_code: '10115', country: 'DE' },
      metadata: { meterbook_client_id: String(client), meterbook_tax_id: 'DE123456789' },
    });
  });

  it('unlinking is refused while changes of the client wait, allowed once they are sent', async () => {
    const { ctx } = env;
    await connectStripe(ctx);
    const client = await billedClient(ctx, 'Acme');
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    expect(await ctx.dispatch('stripe.unlinkCustomer', { clientId: client })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^1 Stripe change of this client is still waiting/) } });
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(ok(await ctx.dispatch('stripe.unlinkCustomer', { clientId: client }))).toMatchObject({ status: 'unlinked', customerId: null });
    // nothing is queued for an unlinked client
    ok(await ctx.dispatch('clients.update', { id: client, name: 'Acme 2' }));
    expect(outboxRows(ctx)).toHaveLength(1);
    // creating again finds the customer made before (by metadata) instead of making a second one
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(env.server.state.customers.size).toBe(1);
    expect(ok(await ctx.dispatch('stripe.customerLink', { clientId: client })).status).toBe('linked');
  });
});
