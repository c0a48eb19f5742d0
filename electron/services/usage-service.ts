// Runs in main. Client mappings, unassigned usage and rollup maintenance.
import type BetterSqlite3 from 'better-sqlite3';
import type { ParsedInput } from '../../shared/contract/commands';
import { isForeignKeyViolation } from '../db/sqlite-errors';
import type { UsageStore } from '../db/usage-store';
import { writeAudit } from './audit';
import type { Clock } from './clock';
import { AppError, notFound } from './errors';
import type { EventBus } from './event-bus';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

interface MappingRow {
  id: number;
  provider_account_id: number;
  provider_name: string;
  external_kind: string;
  external_id: string;
  client_id: number;
  client_name: string;
  created_at: string;
}

const toMapping = (r: MappingRow) => ({
  id: r.id,
  providerAccountId: r.provider_account_id,
  providerName: r.provider_name,
  clientKey: `${r.external_kind}:${r.external_id}`,
  clientId: r.client_id,
  clientName: r.client_name,
  createdAt: r.created_at,
});

const MAPPING_SELECT = `select m.id, m.provider_account_id, p.name as provider_name, m.external_kind, m.external_id, m.client_id, c.name as client_name, m.created_at
  from client_mappings m join provider_accounts p on p.id = m.provider_account_id join clients c on c.id = m.client_id`;

export class UsageService {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly db: Kysely<Database>,
    private readonly store: UsageStore,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  mappings(input: ParsedInput<'mappings.list'>) {
    const cond: string[] = [];
    const args: number[] = [];
    if (input.providerAccountId !== undefined) {
      cond.push('m.provider_account_id = ?');
      args.push(input.providerAccountId);
    }
    if (input.clientId !== undefined) {
      cond.push('m.client_id = ?');
      args.push(input.clientId);
    }
    const rows = this.raw
      .prepare(`${MAPPING_SELECT} ${cond.length ? `where ${cond.join(' and ')}` : ''} order by p.name, m.external_kind, m.external_id`)
      .all(...args) as MappingRow[];
    return rows.map(toMapping);
  }

  async createMapping(input: ParsedInput<'mappings.create'>) {
    const client = this.raw.prepare('select name, archived_at from clients where id = ?').get(input.clientId) as { name: string; archived_at: string | null } | undefined;
    if (!client) throw new AppError('invalid_input', `Client ${input.clientId} does not exist.`, { field: 'clientId' });
    if (client.archived_at) throw new AppError('conflict', `"${client.name}" is archived; restore it before mapping usage to it.`, { field: 'clientId' });
    const existing = this.raw
      .prepare(`${MAPPING_SELECT} where m.provider_account_id = ? and m.external_kind || ':' || m.external_id = ?`)
      .get(input.providerAccountId, input.clientKey) as MappingRow | undefined;
    if (existing && existing.client_id !== input.clientId) {
      throw new AppError('conflict', `${input.clientKey} is already mapped to "${existing.client_name}". Remove that mapping first.`, { field: 'clientKey' });
    }
    const now = this.clock.now();
    let moved: number;
    try {
      moved = this.store.assignClientKey({ providerAccountId: input.providerAccountId, clientKey: input.clientKey, clientId: input.clientId, now }).events;
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('invalid_input', `Provider account ${input.providerAccountId} does not exist.`, { field: 'providerAccountId' });
      throw err;
    }
    await writeAudit(this.db, now, {
      action: 'mapping.create',
      entity: 'client',
      entityId: input.clientId,
      details: { providerAccountId: input.providerAccountId, clientKey: input.clientKey, reassignedEvents: moved },
    });
    this.bus.changed('client_mappings', 'usage_events', 'usage_rollups');
    const row = this.raw
      .prepare(`${MAPPING_SELECT} where m.provider_account_id = ? and m.external_kind || ':' || m.external_id = ?`)
      .get(input.providerAccountId, input.clientKey) as MappingRow;
    return { mapping: toMapping(row), reassignedEvents: moved };
  }

  async deleteMapping(id: number) {
    const row = this.raw.prepare(`${MAPPING_SELECT} where m.id = ?`).get(id) as MappingRow | undefined;
    if (!row) throw notFound('Mapping', id);
    this.raw.prepare('delete from client_mappings where id = ?').run(id);
    await writeAudit(this.db, this.clock.now(), { action: 'mapping.delete', entity: 'client', entityId: row.client_id, details: toMapping(row) });
    this.bus.changed('client_mappings');
    return { deleted: true };
  }

  unassigned(input: ParsedInput<'usage.unassigned'>) {
    const rows = this.raw
      .prepare(
        `select e.provider_account_id, p.name as provider_name, p.currency, e.client_key, m.key as metric_key, count(*) as events,
                cast(sum(e.quantity) as text) as quantity, dec_sum(e.cost) as cost, min(e.occurred_at) as first_at, max(e.occurred_at) as last_at
         from usage_events e join provider_accounts p on p.id = e.provider_account_id join metrics m on m.id = e.metric_id
         where e.client_id is null ${input.providerAccountId !== undefined ? 'and e.provider_account_id = ?' : ''}
         group by e.provider_account_id, e.client_key, m.key order by p.name, e.client_key, m.key`,
      )
      .all(...(input.providerAccountId !== undefined ? [input.providerAccountId] : [])) as Array<{
      provider_account_id: number;
      provider_name: string;
      currency: string;
      client_key: string | null;
      metric_key: string;
      events: number;
      quantity: string;
      cost: string;
      first_at: number;
      last_at: number;
    }>;
    return rows.map((r) => ({
      providerAccountId: r.provider_account_id,
      providerName: r.provider_name,
      clientKey: r.client_key,
      metricKey: r.metric_key,
      events: r.events,
      quantity: r.quantity,
      cost: r.cost,
      currency: r.currency,
      firstAt: new Date(r.first_at).toISOString(),
      lastAt: new Date(r.last_at).toISOString(),
    }));
  }

  rebuildRollups(apply: boolean) {
    const r = this.store.rebuildRollups({ apply });
    if (apply && r.mismatches > 0) this.bus.changed('usage_rollups');
    return r;
  }
}
