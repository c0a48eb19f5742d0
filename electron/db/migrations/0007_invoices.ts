// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Invoices and credit notes: drafts with editable lines and discounts, issued documents frozen as a JSON
// snapshot, gapless number sequences, per-client billing terms, a content-addressed asset store (logos)
// and period-close runs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invoice', 'credit_note')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'issued', 'paid', 'void')`))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    /** "2026-10" / "2026"; credit notes carry their invoice's period */
    .addColumn('period_label', 'text')
    /** client-local days, end exclusive */
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('plan_name', 'text')
    /** null while a draft; unique per kind */
    .addColumn('number', 'text')
    /** the sequence the number was taken from ("invoice:2026") and its place in it */
    .addColumn('sequence_key', 'text')
    .addColumn('sequence_no', 'integer')
    .addColumn('issue_date', 'text')
    .addColumn('due_date', 'text')
    /** the draft's note (frozen into the snapshot at issue) */
    .addColumn('note', 'text')
    /** InvoiceSnapshot JSON: written once, at issue; null while a draft */
    .addColumn('snapshot', 'text')
    /** money text, kept in step with the draft and frozen at issue (lists and totals read these) */
    .addColumn('total', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('paid_from_balance', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('amount_due', 'text', (c) => c.notNull().defaultTo('0'))
    /** credit notes: the invoice corrected, the reason and the partial spec (JSON [{index, amount}]) */
    .addColumn('credit_of', 'integer', (c) => c.references('invoices.id'))
    .addColumn('credit_reason', 'text')
    .addColumn('credit_spec', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('payment_method', 'text')
    .addColumn('payment_reference', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('voided_at', 'text')
    /** drafts: when the statement lines were last rated */
    .addColumn('generated_at', 'text')
    /** drafts: statement notes (JSON array of sentences) */
    .addColumn('statement_notes', 'text')
    .addColumn('close_run_id', 'integer')
    .addColumn('issued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('invoices_number_when_issued', sql`(status = 'draft') = (number is null) and (status = 'draft') = (snapshot is null)`)
    .addCheckConstraint('invoices_credit_of', sql`(kind = 'credit_note') = (credit_of is not null)`)
    .execute();
  await db.schema.createIndex('invoices_number').unique().on('invoices').columns(['kind', 'number']).where(sql.ref('number'), 'is not', null).execute();
  await db.schema.createIndex('invoices_sequence').unique().on('invoices').columns(['sequence_key', 'sequence_no']).where(sql.ref('sequence_key'), 'is not', null).execute();
  // one live invoice per client and period (a voided one can be replaced)
  await sql`create unique index invoices_client_period on invoices (client_id, period_label) where kind = 'invoice' and status <> 'void'`.execute(db);
  await db.schema.createIndex('invoices_period').on('invoices').columns(['period_label', 'status']).execute();
  await db.schema.createIndex('invoices_credit_of').on('invoices').column('credit_of').execute();

  // Drafts' editable rows. Deleted with their draft; frozen (by trigger) once the document is issued.
  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('statement', 'manual')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('metric_key', 'text')
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'text')
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').columns(['invoice_id', 'position']).execute();

  await db.schema
    .createTable('invoice_discounts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('fixed', 'percent')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_discounts_invoice').on('invoice_discounts').column('invoice_id').execute();

  // No command can change an issued document: the ledger refuses it too.
  await sql`create trigger invoices_frozen before update on invoices
    when old.status <> 'draft' and (
      new.snapshot is not old.snapshot or new.number is not old.number or new.total is not old.total
      or new.amount_due is not old.amount_due or new.paid_from_balance is not old.paid_from_balance
      or new.issue_date is not old.issue_date or new.due_date is not old.due_date or new.client_id is not old.client_id
      or new.kind is not old.kind or new.sequence_no is not old.sequence_no or new.sequence_key is not old.sequence_key
      or new.status = 'draft' or (old.status = 'void' and new.status <> 'void')
    )
    begin select raise(abort, 'An issued invoice cannot be changed.'); end`.execute(db);
  await sql`create trigger invoices_no_delete before delete on invoices when old.status <> 'draft'
    begin select raise(abort, 'An issued invoice cannot be deleted.'); end`.execute(db);
  for (const table of ['invoice_lines', 'invoice_discounts']) {
    for (const op of ['insert', 'update', 'delete']) {
      const row = op === 'delete' ? 'old' : 'new';
      await sql
        .raw(
          `create trigger ${table}_frozen_${op} before ${op} on ${table}
           when (select status from invoices where id = ${row}.invoice_id) <> 'draft'
           begin select raise(abort, 'An issued invoice cannot be changed.'); end`,
        )
        .execute(db);
    }
  }

  // Gapless: a number is taken in the same transaction that issues the document.
  await db.schema
    .createTable('invoice_sequences')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('client_billing')
    .addColumn('client_id', 'integer', (c) => c.primaryKey().references('clients.id'))
    /** null: the agency's default */
    .addColumn('payment_terms_days', 'integer')
    .addColumn('reverse_charge', 'integer', (c) => c.notNull().defaultTo(0).check(sql`reverse_charge in (0, 1)`))
    .addColumn('apply_wallet', 'integer', (c) => c.notNull().defaultTo(1).check(sql`apply_wallet in (0, 1)`))
    /** JSON [{ name, rate }] in print order */
    .addColumn('tax_rates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Content-addressed and never changed: an issued snapshot names its logo by hash.
  await db.schema
    .createTable('assets')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('close_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'cancelled', 'interrupted')`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON [{ clientId, clientName, message }] */
    .addColumn('failures', 'text', (c) => c.notNull().defaultTo('[]'))
    /** clients are closed in id order; a resumed run continues after this one */
    .addColumn('last_client_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_pid', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('close_runs_period').on('close_runs').columns(['period_label', 'id']).execute();
}
