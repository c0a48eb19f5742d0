// Test fixtures for the pricing services: provider accounts, clients, usage written through the real
// UsageStore, and plan definitions taken from the reference pages.
import type { NormalizedEvent } from '../../ingest/types';
import type { PlanDefinitionInput, RateCardInput } from '../../../shared/pricing';
import { ok, type TempContext } from '../../../test/helpers/temp-context';

export async function makeAccount(ctx: TempContext, name: string, currency = 'USD', rateCard?: RateCardInput): Promise<number> {
  const p = ok(await ctx.dispatch('providers.create', { kind: 'file', name, currency, syncEnabled: false }));
  if (rateCard) ok(await ctx.dispatch('providers.setRateCard', { id: p.id, rateCard: rateCard as Record<string, unknown> }));
  return p.id;
}

export async function makeClient(ctx: TempContext, name: string, currency = 'USD', timeZone: string | null = null): Promise<number> {
  return ok(await ctx.dispatch('clients.create', { name, currency, ...(timeZone ? { timeZone } : {}) })).id;
}

let seq = 0;

export interface EventSpec {
  client: number | null;
  metric: string;
  quantity: number;
  at: string | number;
  cost?: string | null;
  attrs?: Record<string, unknown>;
}

/** Writes events through the ledger's real writer (rollups maintained in the same transaction). */
export function writeUsage(ctx: TempContext, accountId: number, events: readonly EventSpec[]): void {
  // usage reaches a client only through an explicit mapping of its provider-side id
  const map = ctx.ledger.raw.prepare(
    `insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (?, 'client', ?, ?, 'x') on conflict do nothing`,
  );
  for (const c of new Set(events.map((e) => e.client))) if (c !== null) map.run(accountId, String(c), c);
  const normalized: NormalizedEvent[] = events.map((e) => ({
    externalId: `ev-${++seq}`,
    clientKey: e.client === null ? 'unmapped:someone' : `client:${e.client}`,
    metricKey: e.metric,
    quantity: e.quantity,
    occurredAt: typeof e.at === 'number' ? e.at : Date.parse(e.at),
    cost: e.cost ?? null,
    attrs: e.attrs ?? null,
  }));
  const r = ctx.store.writeBatch({ providerAccountId: accountId, events: normalized, unknownClient: 'unassigned', source: 'manual', now: new Date('2026-11-01T00:00:00Z') });
  if (r.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(r.rejected)}`);
}

/** reference/000: "Base: 1,000 interactions = $350; Overage: 500 interactions = $175; Total: $525". */
export const agentClaraResale = (overrides: Partial<PlanDefinitionInput> = {}): PlanDefinitionInput => ({
  name: 'AgentClara Resale',
  currency: 'USD',
  interval: 'month',
  baseFee: '350',
  charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }],
  ...overrides,
});

/** reference/000: AgentClara Pro charges the agency $0.35 per interaction. */
export const agentClaraCard: RateCardInput = {
  name: 'AgentClara Pro',
  currency: 'USD',
  charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }],
};

export const rows = (ctx: TempContext, table: string): number => (ctx.ledger.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
