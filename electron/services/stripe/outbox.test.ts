// What is queued for Stripe, in the transaction of the local change: nothing while Stripe is not connected or
// for unlinked clients; a push per issued document of a linked client; voids, payments and credit notes only
// of documents that were (or are queued to be) pushed; customer updates only for fields Stripe has.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test/helpers/temp-context';
import { billedClient, connectStripe, issueOctober, openStripeEnv, outboxRows, type StripeEnv } from './test-support';

let env: StripeEnv;
beforeEach(async () => {
  env = await openStripeEnv();
});
afterEach(() => env.close());

const kinds = () => outboxRows(env.ctx).map((r) => [r.kind, r.subject_id]);

describe('enqueue rules', () => {
  it('nothing is queued while Stripe is not connected, nor for a client that is not linked', async () => {
    const { ctx } = env;
    const a = await billedClient(ctx, 'Alpha');
    await issueOctober(ctx, a);
    ok(await ctx.dispatch('clients.update', { id: a, name: 'Alpha 2' }));
    expect(kinds()).toEqual([]);
    await connectStripe(ctx);
    const b = await billedClient(ctx, 'Bravo');
    await issueOctober(ctx, b);
    ok(await ctx.dispatch('clients.update', { id: b, name: 'Bravo 2' }));
    expect(kinds()).toEqual([]);
  });

  it('a linked client: push on issue, then void / paid / credit note of pushed invoices; a Stripe payment is not mirrored back', async () => {
    const { ctx } = env;
    await connectStripe(ctx);
    const a = await billedClient(ctx, 'Alpha');
    const before = await issueOctober(ctx, a); // issued before the link: stays local
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: a }));
    ok(await ctx.dispatch('invoices.void', { id: before.id, reason: 'Test' }));
    expect(kinds()).toEqual([['customer.create', a]]);

    const run = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    await ctx.services.invoices.close.wait(run.id);
    const draft = ok(await ctx.dispatch('invoices.list', { clientId: a, status: 'draft', period: '2026-10' })).items[0]!;
    const inv = ok(await ctx.dispatch('invoices.issue', { id: draft.id }));
    const cn = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'Goodwill', lines: [{ index: 2, amount: '10.00' }] }));
    ok(await ctx.dispatch('invoices.issue', { id: cn.id }));
    ok(await ctx.dispatch('invoices.markPaid', { id: inv.id, date: '2026-11-03', method: 'bank_transfer', reference: 'T1' }));
    expect(kinds()).toEqual([
      ['customer.create', a],
      ['invoice.push', inv.id],
      ['credit_note.push', cn.id],
      ['invoice.paid', inv.id],
    ]);

    // a failed local change queues nothing (same transaction)
    expect(await ctx.dispatch('invoices.void', { id: inv.id, reason: 'Too late' })).toMatchObject({ ok: false });
    expect(kinds()).toHaveLength(4);
  });

  it('customer updates only for the fields Stripe keeps', async () => {
    const { ctx } = env;
    await connectStripe(ctx);
    const a = await billedClient(ctx, 'Alpha');
    ok(await ctx.dispatch('stripe.createCustomer', { clientId: a }));
    ok(await ctx.dispatch('clients.update', { id: a, notes: 'VIP', timeZone: 'Europe/Berlin' }));
    expect(kinds()).toEqual([['customer.create', a]]);
    for (const change of [{ name: 'Alpha 2' }, { billingEmail: 'new@alpha.test' }, { phone: '+49 30 1234' }, { taxId: 'DE1' }, { address: { line1: '2 Side St', country: 'DE' } }]) {
      ok(await ctx.dispatch('clients.update', { id: a, ...change }));
    }
    expect(kinds()).toEqual([['customer.create', a], ...Array.from({ length: 5 }, () => ['customer.update', a])]);
  });
});
