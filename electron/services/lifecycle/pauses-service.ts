// Runs in main. Pauses (reference/000 "You can pause their account temporarily ... No charges while paused"):
// client-local days, end exclusive, open until resumed. Pauses of a client never overlap.
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { Pause } from '../../../shared/domain/lifecycle';
import type { Database, PausesTable } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { activeClient, type Db } from './lookup';

const toPause = (r: Selectable<PausesTable>): Pause => ({ id: r.id, clientId: r.client_id, startDate: r.start_date, endDate: r.end_date, reason: r.reason, createdAt: r.created_at });

const describe = (p: { id: number; start_date: string; end_date: string | null }) =>
  p.end_date === null ? `pause #${p.id} from ${p.start_date} (not resumed yet)` : `pause #${p.id} from ${p.start_date} to ${p.end_date}`;

/** The first other pause of the client that overlaps [start, end) (end null = open). */
async function overlapping(db: Db, clientId: number, start: string, end: string | null, exceptId?: number) {
  let q = db
    .selectFrom('pauses')
    .select(['id', 'start_date', 'end_date'])
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', start)]));
  if (end !== null) q = q.where('start_date', '<', end);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.orderBy('start_date').executeTakeFirst();
}

export class PausesService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async list(input: ParsedInput<'pauses.list'>): Promise<Pause[]> {
    const client = await this.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst();
    if (!client) throw notFound('Client', input.clientId);
    return (await this.db.selectFrom('pauses').selectAll().where('client_id', '=', input.clientId).orderBy('start_date', 'desc').execute()).map(toPause);
  }

  async start(input: ParsedInput<'pauses.start'>): Promise<Pause> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const client = await activeClient(trx, input.clientId, 'pausing it');
      const end = input.endDate ?? null;
      if (end !== null && end <= input.startDate) {
        throw new AppError('invalid_input', `The pause must end after it starts: ${end} is not after ${input.startDate}.`, { field: 'endDate' });
      }
      const other = await overlapping(trx, client.id, input.startDate, end);
      if (other) {
        throw new AppError('invalid_input', `${client.name} is already paused then: this pause overlaps ${describe(other)}. Choose other days, or change that pause.`, { field: 'startDate' });
      }
      const inserted = await trx
        .insertInto('pauses')
        .values({ client_id: client.id, start_date: input.startDate, end_date: end, reason: input.reason ?? null, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, { action: 'pause.start', entity: 'client', entityId: client.id, details: { pauseId: inserted.id, startDate: inserted.start_date, endDate: inserted.end_date, reason: inserted.reason } });
      return inserted;
    });
    this.deps.bus.changed('pauses');
    return toPause(row);
  }

  /** Resume: sets the end of an open pause. */
  async end(input: ParsedInput<'pauses.end'>): Promise<Pause> {
    const now = this.deps.clock.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const pause = await trx.selectFrom('pauses').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!pause) throw new AppError('not_found', `Pause ${input.id} does not exist.`, { field: 'id' });
      if (pause.end_date !== null) throw new AppError('conflict', `This pause already ends on ${pause.end_date}.`, { field: 'id' });
      if (input.endDate <= pause.start_date) {
        throw new AppError('invalid_input', `The pause must end after it starts: ${input.endDate} is not after ${pause.start_date}.`, { field: 'endDate' });
      }
      const other = await overlapping(trx, pause.client_id, pause.start_date, input.endDate, pause.id);
      if (other) throw new AppError('invalid_input', `This pause would overlap ${describe(other)}.`, { field: 'endDate' });
      const updated = await trx.updateTable('pauses').set({ end_date: input.endDate, updated_at: now.toISOString() }).where('id', '=', pause.id).returningAll().executeTakeFirstOrThrow();
      await writeAudit(trx, now, { action: 'pause.end', entity: 'client', entityId: pause.client_id, details: { pauseId: pause.id, endDate: input.endDate } });
      return updated;
    });
    this.deps.bus.changed('pauses');
    return toPause(row);
  }
}
