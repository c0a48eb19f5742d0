// Runs in main. Manual licenses (reference/004 "Add a manual license (Days or Minutes)", "Update Remarks"):
// extra free units of one metric, or free days of the base fee, for one billing period. Revoking keeps the row.
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { License } from '../../../shared/domain/lifecycle';
import { dec, decText } from '../../../shared/money/decimal';
import type { Database, LicensesTable } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { activeClient } from './lookup';

const toLicense = (r: Selectable<LicensesTable>): License => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  metricKey: r.metric_key,
  quantity: r.quantity,
  period: r.period_label,
  remark: r.remark,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  revokeReason: r.revoke_reason,
});

export class LicensesService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async list(input: ParsedInput<'licenses.list'>): Promise<License[]> {
    const client = await this.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst();
    if (!client) throw notFound('Client', input.clientId);
    const rows = await this.db.selectFrom('licenses').selectAll().where('client_id', '=', input.clientId).orderBy('id', 'desc').execute();
    return rows.map(toLicense);
  }

  async grant(input: ParsedInput<'licenses.grant'>): Promise<License> {
    const now = this.deps.clock.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const client = await activeClient(trx, input.clientId, 'granting a license');
      if (input.kind === 'units') {
        const metric = await trx.selectFrom('metrics').select('key').where('key', '=', input.metricKey!).executeTakeFirst();
        if (!metric) throw new AppError('invalid_input', `There is no metric "${input.metricKey}". Choose one from Settings › Metrics.`, { field: 'metricKey' });
      } else if (!dec(input.quantity).isInteger()) {
        throw new AppError('invalid_input', `A license of days must be a whole number of days (got ${input.quantity}).`, { field: 'quantity' });
      }
      const inserted = await trx
        .insertInto('licenses')
        .values({
          client_id: client.id,
          kind: input.kind,
          metric_key: input.kind === 'units' ? input.metricKey! : null,
          quantity: decText(dec(input.quantity)),
          period_label: input.period,
          remark: input.remark,
          created_at: now.toISOString(),
          revoked_at: null,
          revoke_reason: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, {
        action: 'license.grant',
        entity: 'client',
        entityId: client.id,
        details: { licenseId: inserted.id, kind: inserted.kind, metricKey: inserted.metric_key, quantity: inserted.quantity, period: inserted.period_label, remark: inserted.remark },
      });
      return inserted;
    });
    this.deps.bus.changed('licenses');
    return toLicense(row);
  }

  async revoke(input: ParsedInput<'licenses.revoke'>): Promise<License> {
    const now = this.deps.clock.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('licenses').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!current) throw new AppError('not_found', `License ${input.id} does not exist.`, { field: 'id' });
      if (current.revoked_at !== null) throw new AppError('conflict', `License ${input.id} was already revoked on ${current.revoked_at.slice(0, 10)}.`, { field: 'id' });
      const updated = await trx
        .updateTable('licenses')
        .set({ revoked_at: now.toISOString(), revoke_reason: input.reason })
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, { action: 'license.revoke', entity: 'client', entityId: current.client_id, details: { licenseId: current.id, reason: input.reason } });
      return updated;
    });
    this.deps.bus.changed('licenses');
    return toLicense(row);
  }
}
