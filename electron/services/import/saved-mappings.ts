// Runs in main. Saved import mappings: one per source, by name (case- and space-insensitive, unique), each
// bound to the provider account its files belong to. Saving an existing name replaces that mapping.
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import { ImportMapping } from '../../../shared/domain/import-mapping';
import type { Database, ImportMappingsTable } from '../../db/schema';
import { writeAudit } from '../audit';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../event-bus';
import { nameKey } from '../name-key';

export interface SavedMapping {
  id: number;
  name: string;
  providerAccountId: number;
  /** the validated mapping (defaults applied); the stored JSON as is if it no longer validates */
  mapping: unknown;
  updatedAt: string;
}

type Row = Selectable<ImportMappingsTable>;

export class SavedMappings {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  async list(input: ParsedInput<'importMappings.list'>): Promise<SavedMapping[]> {
    let q = this.db.selectFrom('import_mappings').selectAll();
    if (input.providerAccountId !== undefined) q = q.where('provider_account_id', '=', input.providerAccountId);
    const rows = await q.orderBy('name_key').execute();
    return rows.map(toSaved);
  }

  /** The mapping saved under `name` (same matching as saving), or null. */
  async findByName(name: string): Promise<SavedMapping | null> {
    const row = await this.db.selectFrom('import_mappings').selectAll().where('name_key', '=', nameKey(name)).executeTakeFirst();
    return row ? toSaved(row) : null;
  }

  async save(input: ParsedInput<'importMappings.save'>): Promise<SavedMapping> {
    const account = await this.db.selectFrom('provider_accounts').select(['id']).where('id', '=', input.providerAccountId).executeTakeFirst();
    if (!account) throw new AppError('invalid_input', `Provider account ${input.providerAccountId} does not exist.`, { field: 'providerAccountId' });
    const now = this.clock.now();
    const at = now.toISOString();
    const key = nameKey(input.name);
    const saved = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('import_mappings').select(['id']).where('name_key', '=', key).executeTakeFirst();
      const row = await trx
        .insertInto('import_mappings')
        .values({ name: input.name, name_key: key, provider_account_id: input.providerAccountId, mapping: JSON.stringify(input.mapping), created_at: at, updated_at: at })
        .onConflict((oc) =>
          oc.column('name_key').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            provider_account_id: eb.ref('excluded.provider_account_id'),
            mapping: eb.ref('excluded.mapping'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, now, {
        action: before ? 'import_mapping.update' : 'import_mapping.create',
        entity: 'import_mapping',
        entityId: row.id,
        details: { name: input.name, providerAccountId: input.providerAccountId },
      });
      return row;
    });
    this.bus.changed('import_mappings');
    return toSaved(saved);
  }

  async delete(id: number): Promise<{ deleted: boolean }> {
    const deleted = await this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('import_mappings').where('id', '=', id).returning(['id', 'name']).executeTakeFirst();
      if (row) await writeAudit(trx, this.clock.now(), { action: 'import_mapping.delete', entity: 'import_mapping', entityId: id, details: { name: row.name } });
      return row !== undefined;
    });
    if (deleted) this.bus.changed('import_mappings');
    return { deleted };
  }
}

function toSaved(r: Row): SavedMapping {
  return {
    id: r.id,
    name: r.name,
    providerAccountId: r.provider_account_id,
    mapping: readMapping(r.mapping),
    updatedAt: r.updated_at,
  };
}

/** Stored after validation; parsed again so a mapping saved by an older version gets today's defaults. */
function readMapping(text: string): unknown {
  const stored: unknown = JSON.parse(text);
  const parsed = ImportMapping.safeParse(stored);
  return parsed.success ? parsed.data : stored;
}
