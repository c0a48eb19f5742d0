// Runs in main. What uses a plan version, and so makes it immutable. The one place that decides "in use":
// subscriptions. Issued invoices need no count here: each froze its lines into a snapshot at issue, and a
// version that was ever invoiced has (or had) a subscription, which is never deleted once its period began.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

export interface VersionUsage {
  /** subscriptions on the version, past, current or future */
  subscriptions: number;
}

const NONE: VersionUsage = { subscriptions: 0 };

/** Usage of each version id (versions nothing uses are present with zero counts). */
export async function versionUsage(db: Kysely<Database> | Transaction<Database>, versionIds: readonly number[]): Promise<Map<number, VersionUsage>> {
  const out = new Map<number, VersionUsage>(versionIds.map((id) => [id, { ...NONE }]));
  if (versionIds.length === 0) return out;
  const rows = await db
    .selectFrom('subscriptions')
    .select(['plan_version_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan_version_id', 'in', [...versionIds])
    .groupBy('plan_version_id')
    .execute();
  for (const r of rows) out.get(r.plan_version_id)!.subscriptions = Number(r.n);
  return out;
}

export function isInUse(u: VersionUsage): boolean {
  return u.subscriptions > 0;
}

/** "3 subscriptions", "1 subscription" — for messages. */
export function describeUsage(u: VersionUsage): string {
  return `${u.subscriptions} subscription${u.subscriptions === 1 ? '' : 's'}`;
}
