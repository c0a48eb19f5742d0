// Runs in main. A client's billing terms: named tax rates, payment terms, reverse charge, prepaid balance use.
// Drafts read them live; issuing freezes what they were into the snapshot.
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { ClientBilling } from '../../../shared/domain/invoice';
import { dec, decText } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';

type Db = Kysely<Database> | Transaction<Database>;

export async function loadClientBilling(db: Db, clientId: number): Promise<ClientBilling> {
  const row = await db.selectFrom('client_billing').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  if (!row) return { clientId, taxRates: [], paymentTermsDays: null, reverseCharge: false, applyWallet: true };
  return {
    clientId,
    taxRates: JSON.parse(row.tax_rates) as ClientBilling['taxRates'],
    paymentTermsDays: row.payment_terms_days,
    reverseCharge: row.reverse_charge === 1,
    applyWallet: row.apply_wallet === 1,
  };
}

export class ClientBillingService {
  constructor(private readonly deps: AppContextDeps) {}

  private get db() {
    return this.deps.ledger.db;
  }

  async get(clientId: number): Promise<ClientBilling> {
    const client = await this.db.selectFrom('clients').select('id').where('id', '=', clientId).executeTakeFirst();
    if (!client) throw notFound('Client', clientId);
    return loadClientBilling(this.db, clientId);
  }

  async set(input: ParsedInput<'clientBilling.set'>): Promise<ClientBilling> {
    const now = this.deps.clock.now().toISOString();
    const taxRates = input.taxRates.map((r) => ({ name: r.name, rate: decText(dec(r.rate)) }));
    await this.db.transaction().execute(async (trx) => {
      const client = await trx.selectFrom('clients').select(['id', 'name', 'archived_at']).where('id', '=', input.clientId).executeTakeFirst();
      if (!client) throw notFound('Client', input.clientId);
      if (client.archived_at !== null) throw new AppError('conflict', `${client.name} is archived: restore it before changing its billing terms.`, { field: 'clientId' });
      const values = {
        payment_terms_days: input.paymentTermsDays,
        reverse_charge: input.reverseCharge ? 1 : 0,
        apply_wallet: input.applyWallet ? 1 : 0,
        tax_rates: JSON.stringify(taxRates),
        updated_at: now,
      };
      await trx
        .insertInto('client_billing')
        .values({ client_id: input.clientId, ...values })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
        .execute();
      await writeAudit(trx, new Date(now), { action: 'client_billing.set', entity: 'client', entityId: input.clientId, details: { ...values, tax_rates: taxRates } });
    });
    this.deps.bus.changed('client_billing');
    return loadClientBilling(this.db, input.clientId);
  }
}
