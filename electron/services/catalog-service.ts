// Runs in main. Read models over provider accounts, metrics and raw usage.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/contract/commands';
import type { Metric, ProviderAccount, UsageTotal } from '../../shared/domain/provider';
import { dec, decText } from '../../shared/money/decimal';
import type { Database } from '../db/schema';
import { slotPlan } from '../db/usage-store';
import { AppError } from './errors';

export class CatalogService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: BetterSqlite3.Database,
  ) {}

  /** Every provider account with its sync state and last job, in one query. `isSyncing` tells which run now. */
  async providers(isSyncing: (accountId: number) => boolean = () => false): Promise<ProviderAccount[]> {
    const rows = await this.db
      .selectFrom('provider_accounts as p')
      .leftJoin('sync_state as s', 's.provider_account_id', 'p.id')
      .select([
        'p.id',
        'p.kind',
        'p.name',
        'p.currency',
        'p.credentials_hint',
        'p.archived_at',
        'p.created_at',
        's.enabled',
        's.last_success_at',
        's.next_run_at',
        sql<number>`p.credentials is not null`.as('has_credentials'),
        (eb) => eb.selectFrom('client_mappings as m').whereRef('m.provider_account_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('mapping_count'),
        // newest sync job, else newest job of any kind
        (eb) =>
          eb
            .selectFrom('ingest_jobs as j')
            .whereRef('j.provider_account_id', '=', 'p.id')
            .select('j.id')
            .orderBy(sql`j.kind = 'sync'`, 'desc')
            .orderBy('j.id', 'desc')
            .limit(1)
            .as('last_job_id'),
      ])
      .orderBy('p.name')
      .execute();
    const jobIds = rows.map((r) => r.last_job_id).filter((id): id is number => id !== null);
    const jobs = new Map(
      jobIds.length === 0
        ? []
        : (await this.db.selectFrom('ingest_jobs').select(['id', 'kind', 'status', 'error']).where('id', 'in', jobIds).execute()).map((j) => [j.id, j]),
    );
    return rows.map((r) => {
      const job = r.last_job_id === null ? undefined : jobs.get(r.last_job_id);
      return {
        id: r.id,
        kind: r.kind as ProviderAccount['kind'],
        name: r.name,
        currency: r.currency,
        hasCredentials: Boolean(r.has_credentials),
        credentialsHint: r.credentials_hint,
        archived: r.archived_at !== null,
        createdAt: r.created_at,
        mappingCount: Number(r.mapping_count ?? 0),
        syncEnabled: (r.enabled ?? 1) === 1,
        lastSuccessAt: r.last_success_at ?? null,
        nextRunAt: r.next_run_at ?? null,
        syncing: isSyncing(r.id),
        lastJob: job ? { kind: job.kind, status: job.status, error: job.error } : null,
      };
    });
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

  /**
   * Totals per metric and provider currency over [from, to). Whole 15-minute slots come from the rollups
   * (no scan of raw events); only the partial slots at either edge read raw events. Exact: quantities are
   * integers, costs are summed as decimals (dec_sum), never as REAL.
   */
  async usageTotals(input: ParsedInput<'usage.totals'>): Promise<UsageTotal[]> {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (!(to > from)) throw new AppError('invalid_input', '"to" must be after "from".', { field: 'to' });
    // whole slots from the rollups, the partial slots at either edge from raw events
    const { firstSlot, endSlot, rawRanges } = slotPlan({ start: from, end: to });
    const client = input.clientId === undefined ? '' : 'and client_id = @client';
    const edges = rawRanges.length === 0 ? '0' : rawRanges.map((_, i) => `(occurred_at >= @from${i} and occurred_at < @to${i})`).join(' or ');
    const edgeParams = Object.fromEntries(rawRanges.flatMap(([a, b], i) => [[`from${i}`, a], [`to${i}`, b]]));
    const rows = this.raw
      .prepare(
        `with parts as (
           select metric_id, provider_account_id, events, quantity, cost from usage_rollups
           where slot >= @firstSlot and slot < @endSlot ${client}
           union all
           select metric_id, provider_account_id, 1, quantity, cost from usage_events
           where (${edges}) ${client}
         )
         select m.key, m.name, m.unit, p.currency, sum(parts.events) as events, cast(sum(parts.quantity) as text) as quantity, dec_sum(parts.cost) as cost
         from parts join metrics m on m.id = parts.metric_id join provider_accounts p on p.id = parts.provider_account_id
         group by m.key, m.name, m.unit, p.currency order by m.name, p.currency`,
      )
      .all({ ...edgeParams, firstSlot, endSlot, ...(input.clientId === undefined ? {} : { client: input.clientId }) }) as Array<{
      key: string;
      name: string;
      unit: string;
      currency: string;
      events: number;
      quantity: string;
      cost: string;
    }>;
    return rows.map((r) => ({
      metricKey: r.key,
      metricName: r.name,
      unit: r.unit,
      events: Number(r.events),
      quantity: r.quantity ?? '0',
      cost: decText(dec(r.cost)),
      currency: r.currency,
    }));
  }
}
