// Runs in main. A provider account's rate card: what the provider charges the agency per metric, in the
// engine's RateCard format, stored in provider_accounts.config.rateCard beside the connector settings.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import { validateRateCard } from '../../../shared/pricing';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import type { Logger } from '../logger';
import { loadMetricCatalog } from './metric-catalog';

/**
 * Validates a provider account's rate card against the metric catalog (built-in and custom metrics) and
 * the account's currency. Errors name fields under `fieldPrefix` ("rateCard", "config.rateCard").
 */
export async function checkRateCard(
  deps: { db: Kysely<Database>; logger: Logger },
  rateCard: unknown,
  account: { name: string; currency: string },
  fieldPrefix: string,
): Promise<Record<string, unknown>> {
  const catalog = await loadMetricCatalog(deps.db, deps.logger);
  const checked = validateRateCard(rateCard, { metrics: catalog.metrics });
  if (!checked.ok) {
    const field = (path: string) => (path ? `${fieldPrefix}.${path}` : fieldPrefix);
    const fields: Record<string, string> = {};
    for (const e of checked.errors) if (!(field(e.path) in fields)) fields[field(e.path)] = e.message;
    throw new AppError('invalid_input', checked.errors[0]!.message, { field: field(checked.errors[0]!.path), fields });
  }
  if (checked.card.currency !== account.currency) {
    throw new AppError(
      'invalid_input',
      `The rate card is in ${checked.card.currency} but "${account.name}" bills in ${account.currency}: enter the provider's prices in ${account.currency}.`,
      { field: `${fieldPrefix}.currency` },
    );
  }
  return checked.card as unknown as Record<string, unknown>;
}

export class RateCardsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus' | 'logger'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  /** Sets (or, with null, removes) the account's rate card; the other config keys are kept. */
  async set(input: ParsedInput<'providers.setRateCard'>): Promise<{ ok: boolean }> {
    const account = await this.db.selectFrom('provider_accounts').select(['id', 'name', 'currency']).where('id', '=', input.id).executeTakeFirst();
    if (!account) throw notFound('Provider account', input.id);
    const card = input.rateCard === null ? null : await checkRateCard({ db: this.db, logger: this.deps.logger }, input.rateCard, account, 'rateCard');
    const now = this.deps.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('provider_accounts').select('config').where('id', '=', input.id).executeTakeFirstOrThrow();
      const config = parseConfig(row.config);
      const had = config.rateCard !== undefined;
      if (card === null) delete config.rateCard;
      else config.rateCard = card;
      await trx.updateTable('provider_accounts').set({ config: JSON.stringify(config), updated_at: now.toISOString() }).where('id', '=', input.id).execute();
      await writeAudit(trx, now, {
        action: card === null ? 'provider.rate_card_remove' : 'provider.rate_card_set',
        entity: 'provider_account',
        entityId: input.id,
        details: card === null ? { had } : { currency: card.currency, charges: (card.charges as unknown[]).length, replaced: had },
      });
    });
    this.deps.bus.changed('provider_accounts');
    return { ok: true };
  }
}

function parseConfig(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
