// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Limits and alerts: per-client monthly limits per metric, alert settings, and the alert centre's alerts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A client's own limit on a metric per billing period (overrides the plan's `limits`); decimal text >= 0.
  await db.schema
    .createTable('client_limits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('metric_key', 'text', (c) => c.notNull())
    .addColumn('monthly_limit', 'text', (c) => c.notNull().check(sql`monthly_limit not like '-%'`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('client_limits_client_metric_unique', ['client_id', 'metric_key'])
    .execute();

  // Per-client alert settings; a client without a row uses the defaults (50/75/90/100 %, projection and spikes on, 3x).
  await db.schema
    .createTable('alert_settings')
    .addColumn('client_id', 'integer', (c) => c.primaryKey().references('clients.id'))
    /** JSON array of whole percentages, unique and ascending */
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('projected_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('spike_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('spike_factor', 'text', (c) => c.notNull().defaultTo('3'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Raised alerts. dedupe_key = client|kind|metric|period|threshold makes each alert once per period (spikes: per day),
  // so re-evaluating, or evaluating again after a crash, never duplicates one.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('threshold', 'limit', 'projected', 'spike', 'low_balance')`))
    .addColumn('metric_key', 'text')
    .addColumn('period_label', 'text')
    .addColumn('threshold', 'integer')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** JSON: what triggered it (quantity, allowance or limit, percent, projected date...) */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_created').on('alerts').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('alerts_client_created').on('alerts').columns(['client_id', 'created_at']).execute();
  await db.schema.createIndex('alerts_unread').on('alerts').column('id').where(sql.ref('read_at'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('alert_settings').execute();
  await db.schema.dropTable('client_limits').execute();
}
