// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Stripe sync: the outbox of remote effects (written in the same transaction as the local change), customer
// links per client and the remote state of pushed invoices and credit notes. The connection itself (sealed
// key, mode) is settings('stripe').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stripe_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('customer.create', 'customer.update', 'invoice.push', 'invoice.void', 'invoice.paid', 'credit_note.push', 'wallet.reload')`),
    )
    /** the local row it mirrors: clients.id, invoices.id or wallet_actions.id */
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'cancelled')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** part of the idempotency keys: raised after a 5xx (Stripe replays a stored 500 for 24 h) and on a user retry */
    .addColumn('key_generation', 'integer', (c) => c.notNull().defaultTo(0))
    /** ISO; null = now */
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('remote_id', 'text')
    /** JSON: what the effect needs beyond its subject (e.g. a reload amount) */
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // sent in order per client: the sender reads the oldest open item of each client
  await db.schema.createIndex('stripe_outbox_open').on('stripe_outbox').columns(['status', 'client_id', 'id']).execute();
  await db.schema.createIndex('stripe_outbox_subject').on('stripe_outbox').columns(['kind', 'subject_id']).execute();

  await db.schema
    .createTable('stripe_customers')
    .addColumn('client_id', 'integer', (c) => c.primaryKey().references('clients.id'))
    /** null while its creation is queued */
    .addColumn('customer_id', 'text')
    .addColumn('livemode', 'integer', (c) => c.notNull().check(sql`livemode in (0, 1)`))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('last_synced_at', 'text')
    .execute();
  await sql`create unique index stripe_customers_customer on stripe_customers (customer_id) where customer_id is not null`.execute(db);

  await db.schema
    .createTable('stripe_invoices')
    .addColumn('invoice_id', 'integer', (c) => c.primaryKey().references('invoices.id'))
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('remote_status', 'text')
    .addColumn('hosted_url', 'text')
    .addColumn('livemode', 'integer', (c) => c.notNull().check(sql`livemode in (0, 1)`))
    .addColumn('last_polled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index stripe_invoices_remote on stripe_invoices (remote_id)`.execute(db);
}
