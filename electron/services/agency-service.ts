// Runs in main. The agency's own profile: one row, created at onboarding.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/contract/commands';
import type { Agency } from '../../shared/domain/agency';
import type { AgencyRow, Database } from '../db/schema';
import { writeAudit } from './audit';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';

export function toAgency(row: AgencyRow): Agency {
  return {
    name: row.name,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    website: row.website,
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
    locale: row.locale,
    updatedAt: row.updated_at,
  };
}

export class AgencyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  async get(): Promise<Agency | null> {
    const row = await this.db.selectFrom('agency').selectAll().where('id', '=', 1).executeTakeFirst();
    return row ? toAgency(row) : null;
  }

  async save(input: ParsedInput<'agency.save'>): Promise<Agency> {
    const now = this.clock.now().toISOString();
    const cols = {
      name: input.name,
      contact_name: input.contactName,
      email: input.email,
      phone: input.phone,
      website: input.website,
      address_line1: input.address.line1,
      address_line2: input.address.line2,
      city: input.address.city,
      region: input.address.region,
      postal_code: input.address.postalCode,
      country: input.address.country,
      tax_id: input.taxId,
      currency: input.currency,
      time_zone: input.timeZone,
      locale: input.locale,
      updated_at: now,
    };
    const agency = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('agency')
        .values({ id: 1, ...cols, created_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet(cols))
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, this.clock.now(), { action: 'agency.save', entity: 'agency', entityId: 1, details: { name: input.name } });
      return toAgency(row);
    });
    this.bus.changed('agency');
    return agency;
  }
}
