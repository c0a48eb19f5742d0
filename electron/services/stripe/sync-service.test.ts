// The outbox sender with the real SDK against the fake Stripe server: order per client, backoff on 429 / 5xx /
// offline with an injected clock, the 500 replay, auth and permanent errors, retry and cancel, and a lost answer
// after Stripe committed (found again by metadata, never created twice).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test/helpers/temp-context';
import { backoffMs, idempotencyKey } from './outbox-policy';
import { billedClient, connectStripe, customerOf, issueOctober, openStripeEnv, outboxRows, type StripeEnv } from './test-support';

let env: StripeEnv;
beforeEach(async () => {
  env = await openStripeEnv();
  await connectStripe(env.ctx);
});
afterEach(() => env.close());

const posts = (path: RegExp) => env.server.state.requests.filter((r) => r.method === 'POST' && path.test(r.path));

async function linked(name: string, options: Parameters<typeof billedClient>[2] = {}) {
  const client = await billedClient(env.ctx, name, options);
  ok(await env.ctx.dispatch('stripe.createCustomer', { clientId: client }));
  return client;
}

describe('the outbox policy', () => {
  it('backs off 30 s doubling to an hour, with up to 10 % jitter from the item id; keys name the row and step', () => {
    expect(backoffMs(1, 10)).toBeGreaterThanOrEqual(30_000);
    expect(backoffMs(1, 10)).toBeLessThanOrEqual(33_000);
    expect(backoffMs(2, 10) / backoffMs(1, 10)).toBeCloseTo(2, 5);
    expect(backoffMs(8, 10)).toBeGreaterThanOrEqual(3_600_000);
    expect(backoffMs(30, 10)).toBe(backoffMs(8, 10));
    expect(new Set([1, 2, 3, 4, 5].map((id) => backoffMs(1, id))).size).toBe(5);
    expect(idempotencyKey({ id: 42, key_generation: 0 }, 'create')).toBe('meterbook-42-create');
    expect(idempotencyKey({ id: 42, key_generation: 2 }, 'item-line-0')).toBe('meterbook-42.g2-item-line-0');
  });
});

describe('draining', () => {
  it('sends in order per client; a failed item holds back its own client only', async () => {
    const { ctx, server } = env;
    const a = await linked('Alpha');
    const b = await linked('Bravo');
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    const invA = await issueOctober(ctx, a);
    const invB = await issueOctober(ctx, b);
    ok(await ctx.dispatch('invoices.void', { id: invA.id, reason: 'Wrong plan' }));
    // Stripe refuses Alpha's push (the first Stripe call of that push is its look-up)
    server.failNext(1, { status: 400, code: 'parameter_invalid', message: 'Invalid customer: the account was closed.', path: '/v1/invoices' });
    const r = ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(r).toMatchObject({ sent: 1, failed: 1, pending: 1 });
    const rows = outboxRows(ctx).slice(2);
    expect(rows.map((x) => [x.kind, x.subject_id, x.status])).toEqual([
      ['invoice.push', invA.id, 'failed'],
      ['invoice.push', invB.id, 'sent'],
      ['invoice.void', invA.id, 'pending'],
    ]);
    expect(rows[0]!.last_error).toBe('Invalid customer: the account was closed.');

    // the panel lists it with Stripe's message; retry sends the push, then the void, in that order
    const failed = ok(await ctx.dispatch('stripe.outbox', { status: 'failed' }));
    expect(failed.items).toEqual([expect.objectContaining({ kind: 'invoice.push', clientName: 'Alpha', description: `Invoice ${invA.number} for Alpha`, lastError: 'Invalid customer: the account was closed.' })]);
    expect(ok(await ctx.dispatch('stripe.retry', { id: rows[0]!.id }))).toMatchObject({ status: 'pending', lastError: null });
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 2, pending: 0 });
    const remote = [...server.state.invoices.values()].find((i) => i.metadata?.meterbook_invoice_id === String(invA.id))!;
    expect(remote.status).toBe('void');
    const order = server.state.requests.filter((q) => q.method === 'POST' && (q.path === '/v1/invoices' || q.path.endsWith('/void'))).map((q) => q.path);
    expect(order.at(-2)).toBe('/v1/invoices');
    expect(order.at(-1)).toBe(`/v1/invoices/${remote.id}/void`);
  });

  it('429: retried after the backoff with the same key', async () => {
    const { ctx, server, clock } = env;
    await linked('Alpha', { email: null });
    server.failNext(1, { status: 429, path: '/v1/customers' });
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 0, pending: 1, message: null });
    const [row] = outboxRows(ctx);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, key_generation: 0, last_error: expect.stringMatching(/too many requests/i) });
    expect(Date.parse(row!.next_attempt_at!) - clock.now().getTime()).toBe(backoffMs(1, row!.id));
    // not due yet: nothing is sent
    clock.advance(20_000);
    expect(ok(await ctx.dispatch('stripe.syncNow', {})).sent).toBe(0);
    clock.advance(15_000);
    expect(ok(await ctx.dispatch('stripe.syncNow', {})).sent).toBe(1);
    const creates = posts(/^\/v1\/customers$/);
    expect(creates.map((q) => [q.idempotencyKey, q.outcome])).toEqual([
      [`meterbook-${row!.id}-create`, 429],
      [`meterbook-${row!.id}-create`, 200],
    ]);
    expect(server.state.customers.size).toBe(1);
  });

  it('a stored 500 would be replayed for 24 h: the next attempt looks up, then uses a new key generation', async () => {
    const { ctx, server, clock } = env;
    // no email: the look-up is a search, so the fault below lands on the create itself
    await linked('Alpha', { email: null });
    server.failNext(1, { status: 500, path: '/v1/customers', stored: true });
    ok(await ctx.dispatch('stripe.syncNow', {}));
    const [row] = outboxRows(ctx);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, key_generation: 1 });
    clock.advance(backoffMs(1, row!.id));
    expect(ok(await ctx.dispatch('stripe.syncNow', {})).sent).toBe(1);
    expect(posts(/^\/v1\/customers$/).map((q) => [q.idempotencyKey, q.outcome])).toEqual([
      [`meterbook-${row!.id}-create`, 500],
      [`meterbook-${row!.id}.g1-create`, 200],
    ]);
    expect(server.state.customers.size).toBe(1);
  });

  it('offline: the drain stops at the first unanswered call and says so; back online it catches up', async () => {
    const { ctx, server, clock } = env;
    await linked('Alpha');
    await linked('Bravo');
    await server.setOffline(true);
    const r = ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(r).toMatchObject({ sent: 0, pending: 2, message: 'Stripe cannot be reached; 2 changes will be sent when Meterbook is online.' });
    expect(outboxRows(ctx).map((x) => x.attempts)).toEqual([1, 0]);
    expect(ok(await ctx.dispatch('stripe.status', {})).lastError).toBe(r.message);
    await server.setOffline(false);
    clock.advance(60_000);
    expect(ok(await ctx.dispatch('stripe.syncNow', {}))).toMatchObject({ sent: 2, pending: 0, message: null });
    expect(ok(await ctx.dispatch('stripe.status', {}))).toMatchObject({ lastError: null, outbox: { pending: 0, sent: 2, failed: 0 } });
  });

  it('a refused key stops the drain and is reported; the item stays pending', async () => {
    const { ctx, server } = env;
    await linked('Alpha');
    server.failNext(1, { status: 401, message: 'Expired API Key provided: sk_test_****0000' });
    const r = ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(r.message).toMatch(/^Stripe refused the key \(Expired API Key provided/);
    expect(outboxRows(ctx)[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(ok(await ctx.dispatch('stripe.status', {})).lastError).toBe(r.message);
  });

  it('cancel gives up on an item (a queued customer creation removes the pending link); retry brings it back', async () => {
    const { ctx } = env;
    const a = await linked('Alpha');
    const [row] = outboxRows(ctx);
    expect(ok(await ctx.dispatch('stripe.cancel', { id: row!.id }))).toMatchObject({ status: 'cancelled', lastError: 'Cancelled by the user.' });
    expect(ok(await ctx.dispatch('stripe.customerLink', { clientId: a })).status).toBe('unlinked');
    expect(await ctx.dispatch('stripe.cancel', { id: row!.id })).toMatchObject({ ok: true });
    expect(ok(await ctx.dispatch('stripe.retry', { id: row!.id }))).toMatchObject({ status: 'pending' });
    expect(ok(await ctx.dispatch('stripe.syncNow', {})).sent).toBe(1);
    expect(customerOf(ctx, a)).toMatch(/^cus_/);
    expect(await ctx.dispatch('stripe.cancel', { id: row!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await ctx.dispatch('stripe.retry', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('an answer lost after Stripe committed (and keys expired a day later): found by metadata, not created twice', async () => {
    const { ctx, server, clock } = env;
    const a = await linked('Alpha', { email: null });
    // the customer is created, then the connection is cut (twice: the SDK retries a reset once by itself)
    server.dropAfterCommit('/v1/customers', { times: 2 });
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(server.state.customers.size).toBe(1);
    expect(outboxRows(ctx)[0]).toMatchObject({ status: 'pending', attempts: 1 });
    server.clearFaults();
    server.advanceTime(25 * 3600);
    clock.advance(25 * 3600_000);
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(server.state.customers.size).toBe(1);
    expect(customerOf(ctx, a)).toBe([...server.state.customers.keys()][0]);
  });

  it('items with nothing left to mirror are cancelled with a note', async () => {
    const { ctx } = env;
    const a = await linked('Alpha');
    ok(await ctx.dispatch('stripe.syncNow', {}));
    const inv = await issueOctober(ctx, a);
    ok(await ctx.dispatch('invoices.void', { id: inv.id, reason: 'Duplicate' }));
    const push = outboxRows(ctx).find((r) => r.kind === 'invoice.push')!;
    ok(await ctx.dispatch('stripe.cancel', { id: push.id }));
    ok(await ctx.dispatch('stripe.syncNow', {}));
    expect(outboxRows(ctx).at(-1)).toMatchObject({ kind: 'invoice.void', status: 'cancelled', last_error: 'Nothing sent: The invoice was never pushed to Stripe: nothing to void there.' });
  });
});
