// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Prepaid wallets: an append-only movement ledger per client (the balance is the exact sum of its movements),
// one rule per client (low-balance alert threshold, auto-reload threshold and amount), and the pending remote
// actions the rule produces (auto reloads, executed through Stripe once it is connected).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Never updated or deleted: a mistake is corrected with an 'adjustment' movement.
  await db.schema
    .createTable('wallet_movements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('top_up', 'invoice_debit', 'refund', 'adjustment', 'reload')`))
    /** signed exact decimal text in the client's currency, with the currency's minor digits ("100.00", "-7.31", "500") */
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    /** the calendar day the money moved (YYYY-MM-DD), as the user states it */
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    /** the invoice a debit (or refund) belongs to; no foreign key until invoices exist */
    .addColumn('invoice_id', 'integer')
    /** makes a retried write (debit for an invoice after a crash) a no-op: at most one movement per key */
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // signs read from the text (exact): money is credited by top-ups and reloads, taken by invoice debits
    .addCheckConstraint(
      'wallet_movements_sign',
      sql`(kind in ('top_up', 'reload') and amount not like '-%' and amount glob '*[1-9]*') or (kind = 'invoice_debit' and (amount like '-%' or amount not glob '*[1-9]*')) or kind in ('refund', 'adjustment')`,
    )
    .execute();
  await db.schema.createIndex('wallet_movements_client').on('wallet_movements').columns(['client_id', 'id']).execute();

  await db.schema
    .createTable('wallet_rules')
    .addColumn('client_id', 'integer', (c) => c.primaryKey().references('clients.id'))
    .addColumn('low_balance_threshold', 'text')
    .addColumn('reload_threshold', 'text')
    .addColumn('reload_amount', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`enabled in (0, 1)`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('wallet_rules_reload', sql`reload_threshold is null or reload_amount is not null`)
    .execute();

  await db.schema
    .createTable('wallet_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('auto_reload')`))
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'failed', 'cancelled')`))
    /** one action per threshold crossing: "auto_reload:<client id>:<id of the movement that crossed>" */
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    /** the movement whose write took the balance below the reload threshold */
    .addColumn('movement_id', 'integer', (c) => c.references('wallet_movements.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // At most one open (pending) auto reload per client, whatever happens.
  await db.schema
    .createIndex('wallet_actions_one_pending')
    .on('wallet_actions')
    .columns(['client_id', 'kind'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('wallet_actions_status').on('wallet_actions').columns(['status', 'id']).execute();
}
