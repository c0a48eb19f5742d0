// Frozen once landed: never edit, add a new migration instead. Takes Kysely<any> and imports no app code.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

const created = (col: ColumnDefinitionBuilder) => col.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', created)
    .addColumn('updated_at', 'text', created)
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', created)
    .execute();

  await db.schema
    .createTable('clients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('contact_name', 'text')
    .addColumn('billing_email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'trial', 'paused')`))
    .addColumn('notes', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', created)
    .addColumn('updated_at', 'text', created)
    .execute();

  await db.schema
    .createTable('provider_accounts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('credentials', 'blob')
    .addColumn('credentials_hint', 'text')
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', created)
    .addColumn('updated_at', 'text', created)
    .execute();

  await db.schema
    .createTable('client_mappings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('provider_account_id', 'integer', (c) => c.notNull().references('provider_accounts.id'))
    .addColumn('external_kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('created_at', 'text', created)
    .addUniqueConstraint('client_mappings_external_unique', ['provider_account_id', 'external_kind', 'external_id'])
    .execute();
  await db.schema.createIndex('client_mappings_client').on('client_mappings').column('client_id').execute();

  await db.schema
    .createTable('metrics')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) =>
      c.notNull().check(sql`aggregation in ('count', 'sum', 'max', 'unique_count', 'time_weighted', 'session_blocks')`),
    )
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', created)
    .execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('provider_account_id', 'integer', (c) => c.notNull().references('provider_accounts.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('client_key', 'text')
    .addColumn('metric_id', 'integer', (c) => c.notNull().references('metrics.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'integer', (c) => c.notNull())
    .addColumn('cost', 'text')
    .addColumn('attrs', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('api', 'import', 'demo', 'manual')`))
    .addColumn('ingested_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('usage_events_external_unique', ['provider_account_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('usage_events_client_metric_time')
    .on('usage_events')
    .columns(['client_id', 'metric_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  // Data: the built-in metrics, one per kind of usage the reference providers bill. Countable things
  // (interactions, messages, SMS, alerts) are 'sum' of each event's quantity: a single interaction is an
  // event of quantity 1, and a provider's daily bucket of 130 SMS is one event of quantity 130.
  const now = '2026-01-01T00:00:00.000Z';
  const builtIns: Array<[string, string, string, string, object]> = [
    ['interactions', 'Interactions', 'interaction', 'sum', {}],
    ['messages', 'Messages', 'message', 'sum', {}],
    ['call_seconds', 'Call time', 'second', 'sum', {}],
    ['usage_sessions', 'Usage sessions', 'session', 'session_blocks', { blockMinutes: 15, excludeSegments: ['human_agent'] }],
    ['voice_sessions', 'Voice sessions', 'session', 'session_blocks', { blockMinutes: 15, excludeSegments: [] }],
    ['alert_sessions', 'Alert sessions', 'alert', 'sum', {}],
    ['seats', 'Seats', 'seat-hour', 'time_weighted', { level: 'seats', per: 'hour' }],
    ['storage', 'Storage', 'MB-day', 'time_weighted', { level: 'MB', per: 'day' }],
    ['ai_tokens', 'AI tokens', 'token', 'sum', {}],
    ['sms', 'SMS', 'message', 'sum', {}],
    ['phone_numbers', 'Phone numbers', 'number', 'unique_count', { attribute: 'phoneNumber' }],
    ['characters', 'TTS characters', 'character', 'sum', {}],
  ];
  await db
    .insertInto('metrics')
    .values(
      builtIns.map(([key, name, unit, aggregation, config]) => ({
        key,
        name,
        unit,
        aggregation,
        config: JSON.stringify(config),
        built_in: 1,
        created_at: now,
      })),
    )
    .execute();
}
