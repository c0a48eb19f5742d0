// Frozen once landed. Usage ingestion: rollups, sync state and job history, bucket revisions, saved import mappings.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Pre-aggregated usage per client, metric, provider account and 15-minute slot (fine enough for
  // +05:30 and +05:45 zones: every zone's period boundary falls on a quarter hour). client_id 0 = unassigned.
  // Maintained in the same transaction as the events it sums; `meterbook rollups --rebuild` recomputes and compares.
  await db.schema
    .createTable('usage_rollups')
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('metric_id', 'integer', (c) => c.notNull())
    .addColumn('provider_account_id', 'integer', (c) => c.notNull())
    /** floor(occurred_at / 900000): the 15-minute slot number since the Unix epoch */
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    /** quantity of events without a provider cost (priced by the rate card) */
    .addColumn('uncosted_quantity', 'integer', (c) => c.notNull())
    /** exact decimal sum of the provider costs reported on events */
    .addColumn('cost', 'text', (c) => c.notNull())
    .addColumn('max_quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_rollups_pk', ['client_id', 'metric_id', 'provider_account_id', 'slot'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('provider_account_id', 'integer', (c) => c.primaryKey().references('provider_accounts.id'))
    /** opaque connector cursor, written in the same transaction as the events it covers */
    .addColumn('cursor', 'text')
    .addColumn('schedule_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_success_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('ingest_jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sync', 'import', 'dry_run')`))
    .addColumn('provider_account_id', 'integer', (c) => c.references('provider_accounts.id'))
    .addColumn('source', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'succeeded', 'failed', 'cancelled', 'interrupted', 'waiting')`),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON progress checkpoint for resumable jobs (file imports: bytes/rows committed) */
    .addColumn('checkpoint', 'text')
    .addColumn('error', 'text')
    /** process id of the app/CLI running the job: another process only marks it interrupted once that one is gone */
    .addColumn('owner_pid', 'integer')
    .execute();
  await db.schema.createIndex('ingest_jobs_account').on('ingest_jobs').columns(['provider_account_id', 'id']).execute();

  await db.schema
    .createTable('ingest_rejections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job_id', 'integer', (c) => c.notNull().references('ingest_jobs.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_rejections_job').on('ingest_rejections').columns(['job_id', 'position']).execute();

  // A provider revised a bucket (Twilio usage record, OpenAI/ElevenLabs bucket): the event row now holds the
  // new values; the replaced ones are kept here so corrections never rewrite history silently.
  await db.schema
    .createTable('usage_revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('usage_events.id'))
    .addColumn('job_id', 'integer', (c) => c.references('ingest_jobs.id'))
    .addColumn('old_quantity', 'integer', (c) => c.notNull())
    .addColumn('old_cost', 'text')
    .addColumn('new_quantity', 'integer', (c) => c.notNull())
    .addColumn('new_cost', 'text')
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_revisions_event').on('usage_revisions').column('event_id').execute();

  // Unassigned usage is found by its provider-side key.
  await db.schema
    .createIndex('usage_events_unassigned')
    .on('usage_events')
    .columns(['provider_account_id', 'client_key'])
    .where(sql.ref('client_id'), 'is', null)
    .execute();

  await db.schema
    .createTable('import_mappings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('provider_account_id', 'integer', (c) => c.notNull().references('provider_accounts.id'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Data: existing events (e.g. a demo agency loaded before this migration) get their rollups.
  await sql`
    insert into usage_rollups (client_id, metric_id, provider_account_id, slot, events, quantity, uncosted_quantity, cost, max_quantity)
    select coalesce(client_id, 0), metric_id, provider_account_id, occurred_at / 900000, count(*), sum(quantity),
           sum(case when cost is null then quantity else 0 end), '0', max(quantity)
    from usage_events group by 1, 2, 3, 4`.execute(db);
  // Costs are decimal text; SQLite cannot add them exactly, so they are summed row by row in JS.
  const costed = await db
    .selectFrom('usage_events')
    .select(['client_id', 'metric_id', 'provider_account_id', 'occurred_at', 'cost'])
    .where('cost', 'is not', null)
    .execute();
  if (costed.length > 0) {
    const { default: Decimal } = await import('decimal.js');
    const D = Decimal.clone({ precision: 60 });
    const sums = new Map<string, InstanceType<typeof D>>();
    for (const e of costed) {
      const k = `${e.client_id ?? 0}|${e.metric_id}|${e.provider_account_id}|${Math.floor(e.occurred_at / 900000)}`;
      sums.set(k, (sums.get(k) ?? new D(0)).plus(new D(e.cost)));
    }
    for (const [k, v] of sums) {
      const [client, metric, account, slot] = k.split('|').map(Number);
      await db
        .updateTable('usage_rollups')
        .set({ cost: v.toFixed() })
        .where('client_id', '=', client)
        .where('metric_id', '=', metric)
        .where('provider_account_id', '=', account)
        .where('slot', '=', slot)
        .execute();
    }
  }
}
