// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
// Pricing: plans, their immutable-once-used versions, and subscriptions (client <-> plan version over time).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The plan row mirrors the latest version's name and currency (for lists and name uniqueness);
  // the definition itself lives in plan_versions.
  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A version used by a subscription (later: an issued invoice) is immutable; editing it creates version N+1.
  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    /** JSON: the PlanDefinition as saved, normalized by the engine's schema (decimal text, defaults filled) */
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_plan_version_unique', ['plan_id', 'version'])
    .execute();

  // Dates are client-local calendar days (YYYY-MM-DD); end_date is exclusive; null = open.
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('plan_version_id', 'integer', (c) => c.notNull().references('plan_versions.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    /** room for account controls (pauses, cancellations, trials, scheduled changes) */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'trial', 'paused', 'cancelled')`))
    .addColumn('trial_end', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('subscriptions_dates', sql`end_date is null or end_date > start_date`)
    .execute();
  await db.schema.createIndex('subscriptions_client_start').on('subscriptions').columns(['client_id', 'start_date']).execute();
  await db.schema.createIndex('subscriptions_version').on('subscriptions').column('plan_version_id').execute();
  // At most one open subscription per client.
  await db.schema
    .createIndex('subscriptions_one_open')
    .on('subscriptions')
    .column('client_id')
    .unique()
    .where(sql.ref('end_date'), 'is', null)
    .execute();
}
