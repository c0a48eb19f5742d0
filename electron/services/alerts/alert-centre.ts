// Runs in main. The alert centre: stored alerts newest first, the unread count, marking read.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { Alert, AlertList } from '../../../shared/domain/alerts';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';

export class AlertCentre {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async unread(): Promise<number> {
    const r = await this.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async list(input: ParsedInput<'alerts.list'>): Promise<AlertList> {
    let q = this.db.selectFrom('alerts as a').leftJoin('clients as c', 'c.id', 'a.client_id');
    if (input.unreadOnly) q = q.where('a.read_at', 'is', null);
    if (input.clientId !== undefined) q = q.where('a.client_id', '=', input.clientId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .select(['a.id', 'a.client_id', 'c.name as client_name', 'a.kind', 'a.metric_key', 'a.period_label', 'a.threshold', 'a.title', 'a.body', 'a.data', 'a.created_at', 'a.read_at'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    const items: Alert[] = rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientName: r.client_name,
      kind: r.kind,
      metricKey: r.metric_key,
      periodLabel: r.period_label,
      threshold: r.threshold,
      title: r.title,
      body: r.body,
      data: JSON.parse(r.data) as Record<string, unknown>,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
    return { items, total: Number(total), unread: await this.unread() };
  }

  async markRead(input: ParsedInput<'alerts.markRead'>): Promise<{ marked: number; unread: number }> {
    let q = this.db.updateTable('alerts').set({ read_at: this.deps.clock.now().toISOString() }).where('read_at', 'is', null);
    if (input.ids) q = q.where('id', 'in', input.ids);
    const r = await q.executeTakeFirst();
    const marked = Number(r.numUpdatedRows);
    if (marked > 0) this.deps.bus.changed('alerts');
    return { marked, unread: await this.unread() };
  }
}
