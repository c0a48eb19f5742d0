import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../shared/money/decimal';
import { ok, openTempContext, type TempContext } from '../../test/helpers/temp-context';
import { UsageStore } from '../db/usage-store';

let ctx: TempContext;
const T0 = Date.UTC(2026, 9, 1);
const events: Array<{ at: number; q: number; cost: string | null; metric: string }> = [];

beforeAll(async () => {
  ctx = await openTempContext();
  const raw = ctx.ledger.raw;
  raw.exec(`insert into provider_accounts (kind, name, name_key, currency, config, created_at, updated_at) values ('vapi', 'Vapi', 'vapi', 'USD', '{}', 'x', 'x')`);
  raw.exec(`insert into clients (name, name_key, currency, status, created_at, updated_at) values ('Acme', 'acme', 'USD', 'active', 'x', 'x')`);
  raw.exec(`insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (1, 'assistant', 'a', 1, 'x')`);
  // deterministic pseudo-random events over 3 days, some on slot boundaries
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 600; i++) {
    const at = T0 + Math.floor(rnd() * 3 * 86_400_000);
    events.push({ at: i % 50 === 0 ? T0 + (i / 50) * 900_000 : at, q: 1 + Math.floor(rnd() * 300), cost: i % 3 === 0 ? null : `0.00${Math.floor(rnd() * 90) + 10}`, metric: i % 2 ? 'call_seconds' : 'sms' });
  }
  new UsageStore(raw).writeBatch({
    providerAccountId: 1,
    events: events.map((e, i) => ({ externalId: `e${i}`, clientKey: 'assistant:a', metricKey: e.metric, quantity: e.q, occurredAt: e.at, cost: e.cost })),
    unknownClient: 'unassigned',
    source: 'api',
    now: new Date(),
  });
});
afterAll(async () => ctx.dispose());

function expected(from: number, to: number, metric: string) {
  const sel = events.filter((e) => e.metric === metric && e.at >= from && e.at < to);
  return {
    events: sel.length,
    quantity: String(sel.reduce((s, e) => s + e.q, 0)),
    cost: sel.reduce((s, e) => (e.cost ? s.plus(e.cost) : s), new Dec(0)),
  };
}

describe('usage.totals from rollups', () => {
  it('equals a scan of raw events for any window, aligned or not (rollups for whole slots, raw for the edges)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -3_600_000, max: 3 * 86_400_000 }), fc.integer({ min: 1, max: 3 * 86_400_000 }), async (start, len) => {
        const from = T0 + start;
        const to = from + len;
        const totals = ok(await ctx.dispatch('usage.totals', { clientId: 1, from: new Date(from).toISOString(), to: new Date(to).toISOString() }));
        for (const metric of ['sms', 'call_seconds']) {
          const exp = expected(from, to, metric);
          const got = totals.find((t) => t.metricKey === metric);
          if (exp.events === 0) {
            expect(got).toBeUndefined();
            continue;
          }
          expect(got).toMatchObject({ events: exp.events, quantity: exp.quantity, currency: 'USD' });
          expect(new Dec(got!.cost).eq(exp.cost)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an empty or inverted window', async () => {
    const r = await ctx.dispatch('usage.totals', { from: '2026-10-02T00:00:00Z', to: '2026-10-01T00:00:00Z' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });
  });
});
