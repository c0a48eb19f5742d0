// Runs in main. Per-client alert settings (thresholds, projection, spikes); no row = the defaults.
import type { ParsedInput } from '../../../shared/contract/commands';
import type { AlertSettings } from '../../../shared/domain/alerts';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { notFound } from '../errors';
import { loadRuleSettings } from './alerts-engine';

export class AlertSettingsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  async get(input: ParsedInput<'alertSettings.get'>): Promise<AlertSettings> {
    const db = this.deps.ledger.db;
    if (!(await db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst())) throw notFound('Client', input.clientId);
    const s = await loadRuleSettings(db, input.clientId);
    return { clientId: input.clientId, thresholds: [...s.thresholds], projectedEnabled: s.projectedEnabled, spikeEnabled: s.spikeEnabled, spikeFactor: s.spikeFactor, custom: s.custom };
  }

  async set(input: ParsedInput<'alertSettings.set'>): Promise<AlertSettings> {
    const db = this.deps.ledger.db;
    if (!(await db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst())) throw notFound('Client', input.clientId);
    const now = this.deps.clock.now();
    const cols = {
      thresholds: JSON.stringify(input.thresholds),
      projected_enabled: input.projectedEnabled ? 1 : 0,
      spike_enabled: input.spikeEnabled ? 1 : 0,
      spike_factor: input.spikeFactor,
      updated_at: now.toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('alert_settings')
        .values({ client_id: input.clientId, ...cols })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(cols))
        .execute();
      await writeAudit(trx, now, { action: 'alertSettings.set', entity: 'client', entityId: input.clientId, details: { ...input } });
    });
    this.deps.bus.changed('alert_settings');
    return this.get({ clientId: input.clientId });
  }
}
