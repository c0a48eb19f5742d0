// Runs in main. Read models over provider accounts, metrics and raw usage.
import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/contract/commands';
import type { Metric, ProviderAccount, UsageTotal } from '../../shared/domain/provider';
import { decText, sum } from '../../shared/money/decimal';
import type { Database } from '../db/schema';

export class CatalogService {
  constructor(private readonly db: Kysely<Database>) {}

  async providers(): Promise<ProviderAccount[]> {
    const rows = await this.db
      .selectFrom('provider_accounts as p')
      .select([
        'p.id',
        'p.kind',
        'p.name',
        'p.currency',
        'p.credentials_hint',
        'p.archived_at',
        'p.created_at',
        sql<number>`p.credentials is not null`.as('has_credentials'),
        (eb) => eb.selectFrom('client_mappings as m').whereRef('m.provider_account_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('mapping_count'),
      ])
      .orderBy('p.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ProviderAccount['kind'],
      name: r.name,
      currency: r.currency,
      hasCredentials: Boolean(r.has_credentials),
      credentialsHint: r.credentials_hint,
      archived: r.archived_at !== null,
      createdAt: r.created_at,
      mappingCount: Number(r.mapping_count ?? 0),
    }));
  }

  async metrics(): Promise<Metric[]> {
    const rows = await this.db.selectFrom('metrics').selectAll().orderBy('built_in', 'desc').orderBy('name').execute();
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      unit: r.unit,
      aggregation: r.aggregation,
      config: JSON.parse(r.config) as Record<string, unknown>,
      builtIn: r.built_in === 1,
    }));
  }

  /** Raw totals per metric and provider currency over [from, to). Exact: quantities summed as integers, costs as decimals. */
  async usageTotals(input: ParsedInput<'usage.totals'>): Promise<UsageTotal[]> {
    let q = this.db
      .selectFrom('usage_events as e')
      .innerJoin('metrics as m', 'm.id', 'e.metric_id')
      .innerJoin('provider_accounts as p', 'p.id', 'e.provider_account_id')
      .where('e.occurred_at', '>=', Date.parse(input.from))
      .where('e.occurred_at', '<', Date.parse(input.to));
    if (input.clientId !== undefined) q = q.where('e.client_id', '=', input.clientId);
    // Quantities are summed by SQLite as 64-bit integers (exact); costs are decimal text and summed here, never as REAL.
    const rows = await q
      .select([
        'm.key',
        'm.name',
        'm.unit',
        'p.currency',
        sql<number>`count(*)`.as('events'),
        sql<string>`cast(sum(e.quantity) as text)`.as('quantity'),
        sql<string | null>`group_concat(e.cost, ',')`.as('costs'),
      ])
      .groupBy(['m.key', 'm.name', 'm.unit', 'p.currency'])
      .orderBy('m.name')
      .execute();
    return rows.map((r) => ({
      metricKey: r.key,
      metricName: r.name,
      unit: r.unit,
      events: Number(r.events),
      quantity: r.quantity ?? '0',
      cost: decText(sum(r.costs ? r.costs.split(',') : [])),
      currency: r.currency,
    }));
  }
}
