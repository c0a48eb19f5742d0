// Runs in main. Plan changes: immediate (the open subscription ends on the change day and the new one starts;
// statements bill both parts per the plan's proration policy) or at the next cycle (reference/000 "The change
// applies next billing cycle"; reference/004 "no proration"): scheduled at the next period start, cancellable
// until then. Allowances never carry over: each period is rated on its own.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { Subscription } from '../../../shared/domain/pricing';
import { nextPeriod, periodContaining } from '../../../shared/time/billing-period';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { clientSubscriptions, type SubscriptionRecord } from '../pricing/subscriptions-service';
import { agencyZone, clientZone, localDate, localDayStart } from '../pricing/zones';
import { activeClient, usableVersion } from './lookup';

const toSubscription = ({ definition: _d, ...s }: SubscriptionRecord): Subscription => s;

export class PlanChangesService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async change(input: ParsedInput<'subscriptions.changePlan'>): Promise<Subscription> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const zoneOfAgency = await agencyZone(this.db);
    const created = await this.db.transaction().execute(async (trx) => {
      const client = await activeClient(trx, input.clientId, 'changing its plan');
      const zone = clientZone(client, zoneOfAgency);
      const today = localDate(now.getTime(), zone);
      const history = await clientSubscriptions(trx, client.id);
      const open = history.find((s) => s.endDate === null);
      if (!open) throw new AppError('invalid_input', `${client.name} has no current plan to change. Assign a plan first.`, { field: 'clientId' });
      const scheduled = history.find((s) => s.id === open.id && s.startDate > today);
      if (scheduled) {
        throw new AppError(
          'conflict',
          `${client.name} already moves to "${scheduled.planName}" v${scheduled.version} on ${scheduled.startDate}. Cancel that change first.`,
          { field: 'clientId' },
        );
      }
      const version = await usableVersion(trx, client, input.planId, input.version);
      if (version.id === open.planVersionId) {
        throw new AppError('conflict', `${client.name} is already on "${open.planName}" v${open.version} (since ${open.startDate}).`, { field: 'planId' });
      }
      let startDate: string;
      if (input.mode === 'immediate') {
        if (version.definition.interval !== open.definition.interval) {
          throw new AppError(
            'invalid_input',
            `"${open.planName}" is billed per ${open.definition.interval} and "${version.definition.name}" per ${version.definition.interval}: change between them at the next cycle.`,
            { field: 'mode' },
          );
        }
        startDate = input.effectiveDate ?? today;
        if (startDate <= open.startDate) {
          throw new AppError('invalid_input', `The change must take effect after ${open.startDate}, when "${open.planName}" started (got ${startDate}).`, { field: 'effectiveDate' });
        }
      } else {
        if (input.effectiveDate !== undefined) {
          throw new AppError('invalid_input', 'A change at the next cycle starts at the next period start: leave the effective date empty, or choose "immediate".', { field: 'effectiveDate' });
        }
        const spec = { interval: open.definition.interval, anchor: open.definition.anchor, zone };
        const from = Math.max(now.getTime(), localDayStart(open.startDate, zone));
        startDate = localDate(Date.parse(nextPeriod(periodContaining(from, spec), spec).start), zone);
      }
      await trx.updateTable('subscriptions').set({ end_date: startDate, updated_at: at }).where('id', '=', open.id).execute();
      const row = await trx
        .insertInto('subscriptions')
        .values({ client_id: client.id, plan_version_id: version.id, start_date: startDate, end_date: null, change_mode: input.mode, trial_end: null, notes: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, {
        action: input.mode === 'immediate' ? 'subscription.change_plan' : 'subscription.schedule_change',
        entity: 'client',
        entityId: client.id,
        details: { subscriptionId: row.id, planId: version.planId, version: version.version, mode: input.mode, startDate, ended: { subscriptionId: open.id, endDate: startDate } },
      });
      return (await clientSubscriptions(trx, client.id)).find((s) => s.id === row.id)!;
    });
    this.deps.bus.changed('subscriptions');
    return toSubscription(created);
  }

  /** Cancels a scheduled change that has not started: the previous subscription stays open. */
  async cancelScheduled(input: ParsedInput<'subscriptions.cancelScheduled'>): Promise<Subscription> {
    const now = this.deps.clock.now();
    const zoneOfAgency = await agencyZone(this.db);
    const reopened = await this.db.transaction().execute(async (trx) => {
      const sub = await trx.selectFrom('subscriptions').select(['id', 'client_id', 'start_date', 'end_date', 'change_mode']).where('id', '=', input.id).executeTakeFirst();
      if (!sub) throw new AppError('not_found', `Subscription ${input.id} does not exist.`, { field: 'id' });
      const client = await trx.selectFrom('clients').select(['id', 'name', 'time_zone']).where('id', '=', sub.client_id).executeTakeFirstOrThrow();
      const today = localDate(now.getTime(), clientZone(client, zoneOfAgency));
      if (sub.change_mode !== 'next_cycle' || sub.end_date !== null) {
        throw new AppError('invalid_input', `Subscription ${sub.id} is not a scheduled plan change, so there is nothing to cancel.`, { field: 'id' });
      }
      if (sub.start_date <= today) {
        throw new AppError('conflict', `The change to this plan took effect on ${sub.start_date}; it can no longer be cancelled. Change the plan again instead.`, { field: 'id' });
      }
      const previous = await trx.selectFrom('subscriptions').select('id').where('client_id', '=', sub.client_id).where('end_date', '=', sub.start_date).executeTakeFirst();
      await trx.deleteFrom('subscriptions').where('id', '=', sub.id).execute();
      if (previous) await trx.updateTable('subscriptions').set({ end_date: null, updated_at: now.toISOString() }).where('id', '=', previous.id).execute();
      await writeAudit(trx, now, { action: 'subscription.cancel_scheduled', entity: 'client', entityId: client.id, details: { subscriptionId: sub.id, startDate: sub.start_date, reopened: previous?.id ?? null } });
      const history = await clientSubscriptions(trx, client.id);
      return history.find((s) => s.id === previous?.id) ?? history[0]!;
    });
    this.deps.bus.changed('subscriptions');
    return toSubscription(reopened);
  }
}
