// Runs in main. The agency's exchange rates (settings table, key "exchange_rates"), used to count provider
// costs billed in one currency in the margin of a plan billed in another. Never fetched from the network.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/contract/commands';
import type { ExchangeRate } from '../../shared/domain/exchange-rates';
import { dec, decText } from '../../shared/money/decimal';
import type { Database } from '../db/schema';
import { writeAudit } from './audit';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';

const KEY = 'exchange_rates';

export async function loadExchangeRates(db: Kysely<Database>): Promise<ExchangeRate[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as ExchangeRate[]) : [];
}

/** Looks a rate up: from -> to directly, else the inverse of to -> from (exact decimals). */
export function rateBetween(rates: ReadonlyArray<Pick<ExchangeRate, 'from' | 'to' | 'rate'>>, from: string, to: string): { rate: string; inverse: boolean } | null {
  const direct = rates.find((r) => r.from === from && r.to === to);
  if (direct) return { rate: direct.rate, inverse: false };
  const back = rates.find((r) => r.from === to && r.to === from);
  return back ? { rate: decText(dec('1').div(dec(back.rate))), inverse: true } : null;
}

export class ExchangeRatesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  list(): Promise<ExchangeRate[]> {
    return loadExchangeRates(this.db);
  }

  async set(input: ParsedInput<'exchangeRates.set'>): Promise<ExchangeRate[]> {
    const now = this.clock.now().toISOString();
    const rates = await this.db.transaction().execute(async (trx) => {
      const current = (await loadExchangeRates(trx)).filter((r) => !((r.from === input.from && r.to === input.to) || (r.from === input.to && r.to === input.from)));
      const next = input.rate === null ? current : [...current, { from: input.from, to: input.to, rate: decText(dec(input.rate)), updatedAt: now }];
      next.sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
      await trx
        .insertInto('settings')
        .values({ key: KEY, value: JSON.stringify(next), updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: now }))
        .execute();
      await writeAudit(trx, this.clock.now(), { action: 'exchange_rate.set', entity: 'agency', entityId: 1, details: { from: input.from, to: input.to, rate: input.rate } });
      return next;
    });
    this.bus.changed('settings');
    return rates;
  }
}
