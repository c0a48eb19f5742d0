// Runs in main. Trials (reference/000 "New accounts get a 30-day free trial ... Up to 500 interactions free";
// reference/004 "By default, when a Client Account is created, it is treated as a trial plan"). The defaults live in
// settings('trial_defaults'); a trial is a subscription with trial_end (exclusive) and its own free units. After
// trial_end the same subscription bills as usual: the client is active on its plan without any job running.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import { DEFAULT_TRIAL, TrialDefaults } from '../../../shared/domain/lifecycle';
import type { Subscription } from '../../../shared/domain/pricing';
import { dec, decText } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { clientSubscriptions } from '../pricing/subscriptions-service';
import { activeClient, usableVersion, type Db } from './lookup';

const KEY = 'trial_defaults';

export async function loadTrialDefaults(db: Db): Promise<TrialDefaults> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_TRIAL;
  const parsed = TrialDefaults.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_TRIAL;
}

async function checkMetrics(db: Db, freeUnits: Record<string, string>, field: string): Promise<void> {
  const keys = Object.keys(freeUnits);
  if (keys.length === 0) return;
  const known = new Set((await db.selectFrom('metrics').select('key').where('key', 'in', keys).execute()).map((m) => m.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) throw new AppError('invalid_input', `There is no metric ${unknown.map((k) => `"${k}"`).join(', ')}. Choose metrics from Settings › Metrics.`, { field });
}

export class TrialsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  getDefaults(): Promise<TrialDefaults> {
    return loadTrialDefaults(this.db);
  }

  async setDefaults(input: ParsedInput<'trials.setDefaults'>): Promise<TrialDefaults> {
    const now = this.deps.clock.now();
    const value: TrialDefaults = { ...input, freeUnits: Object.fromEntries(Object.entries(input.freeUnits).map(([k, v]) => [k, decText(dec(v))])) };
    await this.db.transaction().execute(async (trx) => {
      await checkMetrics(trx, value.freeUnits, 'freeUnits');
      const text = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key: KEY, value: text, updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now.toISOString() }))
        .execute();
      await writeAudit(trx, now, { action: 'trial_defaults.set', entity: 'agency', entityId: 1, details: value });
    });
    this.deps.bus.changed('settings');
    return value;
  }

  /** A new client's first subscription, starting in a trial. */
  async startTrial(input: ParsedInput<'subscriptions.startTrial'>): Promise<Subscription> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const created = await this.db.transaction().execute(async (trx) => {
      const client = await activeClient(trx, input.clientId, 'starting a trial');
      const defaults = await loadTrialDefaults(trx);
      const trialEnd = input.trialEnd ?? DateTime.fromISO(input.startDate, { zone: 'UTC' }).plus({ days: input.days ?? defaults.days }).toISODate()!;
      if (trialEnd <= input.startDate) {
        throw new AppError('invalid_input', `The trial must end after it starts: ${trialEnd} is not after ${input.startDate}.`, { field: 'trialEnd' });
      }
      const history = await clientSubscriptions(trx, client.id);
      if (history.length > 0) {
        throw new AppError('conflict', `${client.name} already has a plan ("${history[0]!.planName}" since ${history[0]!.startDate}). Trials are for new clients: change the plan instead.`, { field: 'clientId' });
      }
      const version = await usableVersion(trx, client, input.planId, input.version);
      const freeUnits = Object.fromEntries(Object.entries(input.freeUnits ?? defaults.freeUnits).map(([k, v]) => [k, decText(dec(v))]));
      await checkMetrics(trx, freeUnits, 'freeUnits');
      const charged = new Set(version.definition.charges.map((c) => c.metricKey));
      const useless = Object.keys(freeUnits).filter((k) => !charged.has(k));
      for (const k of useless) delete freeUnits[k];
      const billBeyond = input.billBeyondFreeUnits ?? defaults.billBeyondFreeUnits;
      const row = await trx
        .insertInto('subscriptions')
        .values({
          client_id: client.id,
          plan_version_id: version.id,
          start_date: input.startDate,
          end_date: null,
          status: 'trial',
          trial_end: trialEnd,
          trial_free_units: JSON.stringify(freeUnits),
          trial_bill_beyond: billBeyond ? 1 : 0,
          notes: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, {
        action: 'subscription.start_trial',
        entity: 'client',
        entityId: client.id,
        details: { subscriptionId: row.id, planId: version.planId, version: version.version, startDate: input.startDate, trialEnd, freeUnits, billBeyondFreeUnits: billBeyond, ...(useless.length > 0 ? { ignoredFreeUnits: useless } : {}) },
      });
      return (await clientSubscriptions(trx, client.id)).find((s) => s.id === row.id)!;
    });
    this.deps.bus.changed('subscriptions');
    const { definition: _d, ...subscription } = created;
    return subscription;
  }
}
