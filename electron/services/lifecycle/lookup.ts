// Runs in main. Lookups the lifecycle services share: a client that may be changed, a plan version it may use.
import type { Kysely, Transaction } from 'kysely';
import type { PlanDefinition } from '../../../shared/pricing';
import type { Database } from '../../db/schema';
import { AppError } from '../errors';

export type Db = Kysely<Database> | Transaction<Database>;

export interface ActiveClient {
  id: number;
  name: string;
  currency: string;
  time_zone: string | null;
}

/** The client, refused when missing or archived (`action` ends the message: "Restore the client before <action>."). */
export async function activeClient(db: Db, clientId: number, action: string): Promise<ActiveClient> {
  const client = await db.selectFrom('clients').select(['id', 'name', 'currency', 'time_zone', 'archived_at']).where('id', '=', clientId).executeTakeFirst();
  if (!client) throw new AppError('not_found', `Client ${clientId} does not exist.`, { field: 'clientId' });
  if (client.archived_at !== null) throw new AppError('conflict', `${client.name} is archived. Restore the client before ${action}.`, { field: 'clientId' });
  return client;
}

export interface ChosenVersion {
  id: number;
  planId: number;
  version: number;
  definition: PlanDefinition;
}

/** A plan version a client may be put on (same rules as subscriptions.assign). */
export async function usableVersion(db: Db, client: ActiveClient, planId: number, version: number | undefined): Promise<ChosenVersion> {
  const plan = await db.selectFrom('plans').select(['id', 'name', 'archived_at']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('not_found', `Plan ${planId} does not exist.`, { field: 'planId' });
  if (plan.archived_at !== null) throw new AppError('invalid_input', `Plan "${plan.name}" is archived. Restore it, or choose another plan.`, { field: 'planId' });
  let q = db.selectFrom('plan_versions').select(['id', 'version', 'definition']).where('plan_id', '=', plan.id);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', `Plan "${plan.name}" has no version ${version ?? 1}.`, { field: 'version' });
  const definition = JSON.parse(row.definition) as PlanDefinition;
  if (definition.currency !== client.currency) {
    throw new AppError(
      'invalid_input',
      `Plan "${definition.name}" bills in ${definition.currency} but ${client.name} is invoiced in ${client.currency}. Choose a ${client.currency} plan or change the client's currency.`,
      { field: 'planId' },
    );
  }
  return { id: row.id, planId: plan.id, version: row.version, definition };
}
