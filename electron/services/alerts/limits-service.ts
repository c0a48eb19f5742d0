// Runs in main. A client's monthly limits per metric: its own (client_limits) over its current plan's `limits`.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { ClientLimit } from '../../../shared/domain/alerts';
import { decText, Dec } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { agencyZone, clientZone } from '../pricing/zones';
import { currentPlan } from './client-watch';

export class LimitsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  private async client(id: number) {
    const c = await this.db.selectFrom('clients').select(['id', 'time_zone']).where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('Client', id);
    return c;
  }

  async list(input: ParsedInput<'limits.list'>): Promise<ClientLimit[]> {
    const client = await this.client(input.clientId);
    const own = await this.db.selectFrom('client_limits').select(['metric_key', 'monthly_limit']).where('client_id', '=', client.id).orderBy('metric_key').execute();
    const out: ClientLimit[] = own.map((r) => ({ clientId: client.id, metricKey: r.metric_key, monthlyLimit: r.monthly_limit, source: 'client' }));
    const plan = await currentPlan(this.db, client.id, clientZone(client, await agencyZone(this.db)), this.deps.clock.now().getTime());
    for (const [metricKey, limit] of Object.entries(plan?.limits ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      if (!own.some((r) => r.metric_key === metricKey)) out.push({ clientId: client.id, metricKey, monthlyLimit: limit, source: 'plan' });
    }
    return out;
  }

  async set(input: ParsedInput<'limits.set'>): Promise<ClientLimit[]> {
    const client = await this.client(input.clientId);
    const metric = await this.db.selectFrom('metrics').select('key').where('key', '=', input.metricKey).executeTakeFirst();
    if (!metric) throw new AppError('invalid_input', `There is no metric "${input.metricKey}". Choose one from the metrics list.`, { field: 'metricKey' });
    const now = this.deps.clock.now().toISOString();
    const value = input.monthlyLimit === null ? null : decText(new Dec(input.monthlyLimit));
    await this.db.transaction().execute(async (trx) => {
      if (value === null) {
        await trx.deleteFrom('client_limits').where('client_id', '=', client.id).where('metric_key', '=', metric.key).execute();
      } else {
        await trx
          .insertInto('client_limits')
          .values({ client_id: client.id, metric_key: metric.key, monthly_limit: value, created_at: now, updated_at: now })
          .onConflict((oc) => oc.columns(['client_id', 'metric_key']).doUpdateSet({ monthly_limit: value, updated_at: now }))
          .execute();
      }
      await writeAudit(trx, new Date(now), { action: value === null ? 'limit.remove' : 'limit.set', entity: 'client', entityId: client.id, details: { metricKey: metric.key, monthlyLimit: value } });
    });
    this.deps.bus.changed('client_limits');
    return this.list({ clientId: client.id });
  }
}
