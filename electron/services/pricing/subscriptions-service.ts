// Runs in main. Subscriptions: which plan version a client is on, from which day. Assigning a plan ends the
// open subscription the day the new one starts, so a client's subscriptions never overlap. (Proration and
// scheduled changes come with the account controls; statements apply a change from the next period.)
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { Subscription } from '../../../shared/domain/pricing';
import type { PlanDefinition } from '../../../shared/pricing';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';

type Db = Kysely<Database> | Transaction<Database>;

export interface SubscriptionRecord extends Subscription {
  definition: PlanDefinition;
}

/** Subscriptions of a client with their plan versions, newest first. */
export async function clientSubscriptions(db: Db, clientId: number): Promise<SubscriptionRecord[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .innerJoin('plan_versions as v', 'v.id', 's.plan_version_id')
    .select(['s.id', 's.client_id', 's.plan_version_id', 's.start_date', 's.end_date', 's.created_at', 'v.plan_id', 'v.version', 'v.definition'])
    .where('s.client_id', '=', clientId)
    .orderBy('s.start_date', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => {
    const definition = JSON.parse(r.definition) as PlanDefinition;
    return {
      id: r.id,
      clientId: r.client_id,
      planId: r.plan_id,
      planVersionId: r.plan_version_id,
      version: r.version,
      planName: definition.name,
      currency: definition.currency,
      startDate: r.start_date,
      endDate: r.end_date,
      createdAt: r.created_at,
      definition,
    };
  });
}

const toSubscription = ({ definition: _d, ...s }: SubscriptionRecord): Subscription => s;

export class SubscriptionsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  /** The client's subscription history, newest first. */
  async list(input: ParsedInput<'subscriptions.list'>): Promise<Subscription[]> {
    const client = await this.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst();
    if (!client) throw notFound('Client', input.clientId);
    return (await clientSubscriptions(this.db, input.clientId)).map(toSubscription);
  }

  async assign(input: ParsedInput<'subscriptions.assign'>): Promise<Subscription> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const created = await this.db.transaction().execute(async (trx) => {
      const client = await trx.selectFrom('clients').select(['id', 'name', 'currency', 'archived_at']).where('id', '=', input.clientId).executeTakeFirst();
      if (!client) throw new AppError('not_found', `Client ${input.clientId} does not exist.`, { field: 'clientId' });
      if (client.archived_at !== null) {
        throw new AppError('invalid_input', `${client.name} is archived. Restore the client before assigning a plan.`, { field: 'clientId' });
      }
      const plan = await trx.selectFrom('plans').select(['id', 'name', 'archived_at']).where('id', '=', input.planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found', `Plan ${input.planId} does not exist.`, { field: 'planId' });
      if (plan.archived_at !== null) {
        throw new AppError('invalid_input', `Plan "${plan.name}" is archived. Restore it, or choose another plan.`, { field: 'planId' });
      }
      let vq = trx.selectFrom('plan_versions').select(['id', 'version', 'definition']).where('plan_id', '=', plan.id);
      vq = input.version === undefined ? vq.orderBy('version', 'desc').limit(1) : vq.where('version', '=', input.version);
      const version = await vq.executeTakeFirst();
      if (!version) throw new AppError('not_found', `Plan "${plan.name}" has no version ${input.version ?? 1}.`, { field: 'version' });
      const definition = JSON.parse(version.definition) as PlanDefinition;
      if (definition.currency !== client.currency) {
        throw new AppError(
          'invalid_input',
          `Plan "${definition.name}" bills in ${definition.currency} but ${client.name} is invoiced in ${client.currency}. Choose a ${client.currency} plan or change the client's currency.`,
          { field: 'planId' },
        );
      }
      const history = await clientSubscriptions(trx, client.id);
      const latest = history[0];
      if (latest && input.startDate <= latest.startDate) {
        throw new AppError(
          'invalid_input',
          `${client.name} is on "${latest.planName}" v${latest.version} from ${latest.startDate}. A new plan must start after that day (got ${input.startDate}); earlier subscriptions cannot be rewritten.`,
          { field: 'startDate' },
        );
      }
      const open = history.find((s) => s.endDate === null);
      if (open && open.planVersionId === version.id) {
        throw new AppError('conflict', `${client.name} is already on "${open.planName}" v${open.version} (since ${open.startDate}).`, { field: 'planId' });
      }
      if (open) await trx.updateTable('subscriptions').set({ end_date: input.startDate, updated_at: at }).where('id', '=', open.id).execute();
      const row = await trx
        .insertInto('subscriptions')
        .values({ client_id: client.id, plan_version_id: version.id, start_date: input.startDate, end_date: null, trial_end: null, notes: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, {
        action: 'subscription.assign',
        entity: 'client',
        entityId: client.id,
        details: { subscriptionId: row.id, planId: plan.id, version: version.version, startDate: input.startDate, ...(open ? { ended: { subscriptionId: open.id, endDate: input.startDate } } : {}) },
      });
      return (await clientSubscriptions(trx, client.id)).find((s) => s.id === row.id)!;
    });
    this.deps.bus.changed('subscriptions', 'plans', 'plan_versions');
    return toSubscription(created);
  }
}
