// Runs in main. customer.create and customer.update: a client as a Stripe customer (name, email, phone, address;
// the tax id as metadata, see docs/STRIPE.md). Both read the client as it is when the item is sent, so an
// update queued offline sends the latest details.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Database } from '../../../db/schema';
import { METADATA_CLIENT_ID, type CustomerInput } from '../../../stripe/gateway';
import { linkedCustomer, NothingToMirror, type OutboxSender, type SendContext } from './send-context';

/** metadata key of the client's tax id (Stripe's own tax ids are typed, e.g. eu_vat; ours is free text) */
export const METADATA_TAX_ID = 'meterbook_tax_id';

async function customerDetails(db: Kysely<Database>, clientId: number): Promise<CustomerInput> {
  const c = await db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!c) throw new NothingToMirror(`Client ${clientId} no longer exists.`);
  const hasAddress = [c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.country].some((v) => v !== null && v !== '');
  return {
    clientId: String(c.id),
    name: c.name,
    email: c.billing_email,
    phone: c.phone,
    address: hasAddress ? { line1: c.address_line1, line2: c.address_line2, city: c.city, state: c.region, postalCode: c.postal_code, country: c.country } : null,
    // '' removes the key in Stripe
    metadata: { [METADATA_TAX_ID]: c.tax_id ?? '' },
  };
}

/**
 * The customer an earlier attempt made for this client: by metadata through search, and, because Stripe's
 * search index can lag a minute behind a create, also through the strongly consistent list by email.
 */
export async function findCustomerOfClient(ctx: SendContext, details: CustomerInput): Promise<Stripe.Customer | null> {
  const found = await ctx.gateway.findCustomerByClientId(details.clientId);
  if (found) return found;
  if (!details.email) return null;
  const byEmail = await ctx.gateway.findCustomersByEmail(details.email);
  const mine = byEmail.filter((c) => c.metadata?.[METADATA_CLIENT_ID] === details.clientId).sort((a, b) => a.created - b.created);
  return mine[0] ?? null;
}

export const customerCreate: OutboxSender = {
  async send(ctx) {
    const db = ctx.deps.ledger.db;
    const link = await db.selectFrom('stripe_customers').select('customer_id').where('client_id', '=', ctx.row.client_id).executeTakeFirst();
    if (!link) throw new NothingToMirror('The client was unlinked before its Stripe customer was created.');
    if (link.customer_id !== null) return { kind: 'sent', remoteId: link.customer_id };
    const details = await customerDetails(db, ctx.row.client_id);
    const { metadata, ...rest } = details;
    const existing = await findCustomerOfClient(ctx, details);
    const customer =
      existing ??
      (await ctx.gateway.createCustomer({ ...rest, ...(metadata?.[METADATA_TAX_ID] ? { metadata: { [METADATA_TAX_ID]: metadata[METADATA_TAX_ID] } } : {}) }, ctx.key('create')));
    const at = ctx.deps.clock.now().toISOString();
    return {
      kind: 'sent',
      remoteId: customer.id,
      tables: ['stripe_customers'],
      ack: async (trx) => {
        await trx.updateTable('stripe_customers').set({ customer_id: customer.id, last_synced_at: at }).where('client_id', '=', ctx.row.client_id).where('customer_id', 'is', null).execute();
      },
    };
  },
};

export const customerUpdate: OutboxSender = {
  async send(ctx) {
    const db = ctx.deps.ledger.db;
    const customerId = await linkedCustomer(db, ctx.row.client_id);
    const { clientId, metadata, ...fields } = await customerDetails(db, ctx.row.client_id);
    const update = { ...fields, metadata: { ...metadata, [METADATA_CLIENT_ID]: clientId } };
    // the details are read at send time, so a retry may carry newer ones: the key names what is sent
    const digest = createHash('sha256').update(JSON.stringify(update)).digest('hex').slice(0, 12);
    const customer = await ctx.gateway.updateCustomer(customerId, update, ctx.key(`update-${digest}`));
    const at = ctx.deps.clock.now().toISOString();
    return {
      kind: 'sent',
      remoteId: customer.id,
      tables: ['stripe_customers'],
      ack: async (trx) => {
        await trx.updateTable('stripe_customers').set({ last_synced_at: at }).where('client_id', '=', ctx.row.client_id).execute();
      },
    };
  },
};
