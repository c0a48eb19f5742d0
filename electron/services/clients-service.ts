// Runs in main. Clients: create, edit, archive, restore, list with search.
import { sql, type Kysely } from 'kysely';
import type { Client, ClientList } from '../../shared/domain/client';
import type { ParsedInput } from '../../shared/contract/commands';
import type { ClientRow, ClientRowUpdate, Database } from '../db/schema';
import { isUniqueViolation } from '../db/sqlite-errors';
import { writeAudit } from './audit';
import type { StripeOutbox } from './stripe/outbox';
import type { Clock } from './clock';
import { AppError, notFound } from './errors';
import type { EventBus } from './event-bus';
import { nameKey } from './name-key';
import { searchFold } from '../../shared/domain/search-fold';

export function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    contactName: row.contact_name,
    billingEmail: row.billing_email,
    phone: row.phone,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    taxId: row.tax_id,
    currency: row.currency,
    timeZone: row.time_zone,
    status: row.status,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Fields = Partial<Omit<ParsedInput<'clients.create'>, never>>;

function toColumns(f: Fields): ClientRowUpdate {
  const cols: ClientRowUpdate = {};
  if (f.name !== undefined) {
    cols.name = f.name;
    cols.name_key = nameKey(f.name);
  }
  if (f.contactName !== undefined) cols.contact_name = f.contactName;
  if (f.billingEmail !== undefined) cols.billing_email = f.billingEmail;
  if (f.phone !== undefined) cols.phone = f.phone;
  if (f.address !== undefined) {
    cols.address_line1 = f.address.line1;
    cols.address_line2 = f.address.line2;
    cols.city = f.address.city;
    cols.region = f.address.region;
    cols.postal_code = f.address.postalCode;
    cols.country = f.address.country;
  }
  if (f.taxId !== undefined) cols.tax_id = f.taxId;
  if (f.currency !== undefined) cols.currency = f.currency;
  if (f.timeZone !== undefined) cols.time_zone = f.timeZone;
  if (f.status !== undefined) cols.status = f.status;
  if (f.notes !== undefined) cols.notes = f.notes;
  return cols;
}

const duplicateName = (name: string, archived: boolean) =>
  new AppError(
    'conflict',
    archived
      ? `An archived client is already named "${name}". Restore it, or choose another name.`
      : `A client named "${name}" already exists. Choose another name.`,
    { field: 'name' },
  );

export class ClientsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    /** queues Stripe customer updates in the same transaction (no-op while Stripe is not connected) */
    private readonly outbox?: StripeOutbox,
  ) {}

  async get(id: number): Promise<Client> {
    const row = await this.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Client', id);
    return toClient(row);
  }

  async list(input: ParsedInput<'clients.list'>): Promise<ClientList> {
    let q = this.db.selectFrom('clients');
    if (input.show === 'current') q = q.where('archived_at', 'is', null);
    if (input.show === 'archived') q = q.where('archived_at', 'is not', null);
    const search = input.search?.trim();
    if (search) {
      // search_fold is registered by the db layer (case- and accent-insensitive; PostgreSQL: lower(unaccent(...)))
      const like = `%${searchFold(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const col = (c: string) => sql`search_fold(coalesce(${sql.ref(c)}, ''))`;
      q = q.where((eb) =>
        eb.or(['name', 'contact_name', 'billing_email', 'tax_id'].map((c) => eb(col(c), 'like', sql`${like} escape '\\'`))),
      );
    }
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name_key')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    return { items: rows.map(toClient), total: Number(total) };
  }

  async create(input: ParsedInput<'clients.create'>): Promise<Client> {
    const now = this.clock.now();
    const client = await this.db.transaction().execute(async (trx) => {
      await this.assertNameFree(trx, input.name);
      const cols = toColumns(input);
      let row: ClientRow;
      try {
        row = await trx
          .insertInto('clients')
          .values({ ...(cols as Required<Pick<ClientRowUpdate, 'name' | 'name_key' | 'currency' | 'status'>> & ClientRowUpdate), created_at: now.toISOString(), updated_at: now.toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(input.name, false);
        throw err;
      }
      await writeAudit(trx, now, { action: 'client.create', entity: 'client', entityId: row.id, details: { name: row.name } });
      return toClient(row);
    });
    this.bus.changed('clients');
    return client;
  }

  async update(input: ParsedInput<'clients.update'>): Promise<Client> {
    const { id, ...fields } = input;
    const now = this.clock.now();
    const client = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Client', id);
      if (fields.name !== undefined) await this.assertNameFree(trx, fields.name, id);
      const cols = toColumns(fields as Fields);
      const prev = before as unknown as Record<string, unknown>;
      const next = cols as Record<string, unknown>;
      const changed = Object.keys(next).filter((k) => k !== 'name_key' && prev[k] !== next[k]);
      if (changed.length === 0) return toClient(before);
      let row: ClientRow;
      try {
        row = await trx
          .updateTable('clients')
          .set({ ...cols, updated_at: now.toISOString() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(fields.name ?? before.name, false);
        throw err;
      }
      const details = Object.fromEntries(changed.map((k) => [k, { from: prev[k], to: next[k] }]));
      await writeAudit(trx, now, { action: 'client.update', entity: 'client', entityId: id, details });
      const billingFields = ['name', 'contact_name', 'billing_email', 'phone', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'tax_id'];
      if (changed.some((k) => billingFields.includes(k))) await this.outbox?.enqueue(trx, { clientId: id, kind: 'customer.update', subjectId: id });
      return toClient(row);
    });
    this.bus.changed('clients');
    return client;
  }

  async archive(id: number): Promise<Client> {
    return this.setArchived(id, true);
  }

  async restore(id: number): Promise<Client> {
    return this.setArchived(id, false);
  }

  private async setArchived(id: number, archived: boolean): Promise<Client> {
    const now = this.clock.now();
    const client = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Client', id);
      if ((before.archived_at !== null) === archived) {
        throw new AppError('conflict', archived ? `"${before.name}" is already archived.` : `"${before.name}" is not archived.`);
      }
      const row = await trx
        .updateTable('clients')
        .set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, { action: archived ? 'client.archive' : 'client.restore', entity: 'client', entityId: id });
      return toClient(row);
    });
    this.bus.changed('clients');
    return client;
  }

  private async assertNameFree(db: Kysely<Database>, name: string, exceptId?: number): Promise<void> {
    let q = db.selectFrom('clients').select(['id', 'name', 'archived_at']).where('name_key', '=', nameKey(name));
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    const clash = await q.executeTakeFirst();
    if (clash) throw duplicateName(clash.name, clash.archived_at !== null);
  }
}
