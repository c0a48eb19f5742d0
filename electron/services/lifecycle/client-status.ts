// Runs in main. Keeps a client's status (active / trial / paused) in step with its dates: a trial that has
// ended makes the client active on its plan; a pause covering today makes it paused, and its end active again.
// Billing never depends on this field (statements read the dates); it is what lists and badges show.
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { agencyZone, clientZone, localDate } from '../pricing/zones';

export type ClientStatus = 'active' | 'trial' | 'paused';

/** What the status should be on `today` (a local date), from the client's pauses and subscriptions. */
export function statusOn(
  today: string,
  pauses: ReadonlyArray<{ start_date: string; end_date: string | null }>,
  subscriptions: ReadonlyArray<{ start_date: string; end_date: string | null; trial_end: string | null }>,
): ClientStatus | null {
  if (pauses.some((p) => p.start_date <= today && (p.end_date === null || today < p.end_date))) return 'paused';
  const current = subscriptions.find((s) => s.start_date <= today && (s.end_date === null || today < s.end_date));
  if (!current) return null; // no plan in force: leave the status as the user set it
  return current.trial_end !== null && today < current.trial_end.slice(0, 10) ? 'trial' : 'active';
}

/** Updates every current client whose status no longer matches its dates. Returns how many changed. */
export async function refreshClientStatuses(deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>): Promise<number> {
  const { db, raw } = deps.ledger;
  const now = deps.clock.now();
  const agency = await agencyZone(db);
  const clients = raw.prepare(`select id, status, time_zone from clients where archived_at is null`).all() as Array<{ id: number; status: ClientStatus; time_zone: string | null }>;
  const pauses = raw.prepare(`select start_date, end_date from pauses where client_id = ?`);
  const subs = raw.prepare(`select start_date, end_date, trial_end from subscriptions where client_id = ? order by start_date`);
  let changed = 0;
  for (const c of clients) {
    const today = localDate(now.getTime(), clientZone(c, agency));
    const next = statusOn(
      today,
      pauses.all(c.id) as Array<{ start_date: string; end_date: string | null }>,
      subs.all(c.id) as Array<{ start_date: string; end_date: string | null; trial_end: string | null }>,
    );
    if (next === null || next === c.status) continue;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('clients').set({ status: next, updated_at: now.toISOString() }).where('id', '=', c.id).execute();
      await writeAudit(trx, now, { action: 'client.status', entity: 'client', entityId: c.id, actor: 'meterbook', details: { from: c.status, to: next, on: today } });
    });
    changed += 1;
  }
  if (changed > 0) deps.bus.changed('clients');
  return changed;
}
