// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Account controls (lifecycle): manual licenses, pauses, and per-subscription trial terms and change modes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // reference/004: "assign a manual license (Days or Minutes)" with remarks. Revoked licenses stay (audit trail).
  await db.schema
    .createTable('licenses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('units', 'days')`))
    /** the metric the extra units are for (kind = units) */
    .addColumn('metric_key', 'text')
    /** exact decimal text > 0, in the charge's billing unit (units) or days */
    .addColumn('quantity', 'text', (c) => c.notNull())
    /** billing period label the license applies to: "2026-10" (monthly) or "2026" (annual) */
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('remark', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addCheckConstraint('licenses_metric', sql`(kind = 'units') = (metric_key is not null)`)
    .execute();
  await db.schema.createIndex('licenses_client_period').on('licenses').columns(['client_id', 'period_label']).execute();

  // Dates are client-local calendar days (YYYY-MM-DD); end_date is exclusive; null = still paused.
  // No overlaps: enforced by the service (with a message naming the other pause).
  await db.schema
    .createTable('pauses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('pauses_dates', sql`end_date is null or end_date > start_date`)
    .execute();
  await db.schema.createIndex('pauses_client_start').on('pauses').columns(['client_id', 'start_date']).execute();

  // How a subscription began: null = assigned, 'immediate' = a mid-period change billed per the proration policy,
  // 'next_cycle' = scheduled at a period start (cancellable until it starts).
  await db.schema.alterTable('subscriptions').addColumn('change_mode', 'text', (c) => c.check(sql`change_mode in ('immediate', 'next_cycle')`)).execute();
  /** JSON { metricKey: decimal text } free units during the trial (trial_end set) */
  await db.schema.alterTable('subscriptions').addColumn('trial_free_units', 'text').execute();
  /** 1: usage beyond the free units during the trial is billed; 0: nothing used during the trial is billed */
  await db.schema.alterTable('subscriptions').addColumn('trial_bill_beyond', 'integer').execute();
}
