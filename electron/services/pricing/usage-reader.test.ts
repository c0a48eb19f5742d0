// The ledger's usage reads equal the engine's aggregate over the same raw events, for any events and any
// window (whole 15-minute slots from rollups, raw events at the edges, levels carried into the window).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, type MetricDefinition, type UsageEventInput } from '../../../shared/pricing';
import { openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { SLOT_MS } from '../../db/usage-store';
import { readClientUsage } from './client-usage';
import { loadMetricCatalog, type MetricCatalog } from './metric-catalog';
import { makeAccount, writeUsage } from './test-fixtures';
import { UsageReader, slotPlan } from './usage-reader';

let ctx: TempContext;
let catalog: MetricCatalog;
let accounts: number[];
let reader: UsageReader;
let clients = 0;

const BASE = Date.parse('2026-10-01T00:00:00Z');
const SPAN = 3 * 86_400_000;

beforeAll(async () => {
  ctx = await openTempContext();
  const now = '2026-01-01T00:00:00.000Z';
  const custom = ctx.ledger.raw.prepare(`insert into metrics (key, name, unit, aggregation, config, built_in, created_at) values (?, ?, ?, ?, ?, 0, ?)`);
  custom.run('tickets', 'Tickets', 'ticket', 'count', '{}', now);
  custom.run('peak_agents', 'Peak agents', 'agent', 'max', '{}', now);
  custom.run('seat_changes', 'Seats (changes)', 'seat-hour', 'time_weighted', JSON.stringify({ per: 'hour', mode: 'delta' }), now);
  catalog = await loadMetricCatalog(ctx.ledger.db);
  accounts = [await makeAccount(ctx, 'One'), await makeAccount(ctx, 'Two')];
  reader = new UsageReader(ctx.ledger.raw);
});
afterAll(async () => {
  await ctx.dispose();
});

function newClient(): number {
  clients += 1;
  return Number(
    ctx.ledger.raw
      .prepare(`insert into clients (name, name_key, currency, status, created_at, updated_at) values (?, ?, 'USD', 'active', 'x', 'x')`)
      .run(`Client ${clients}`, `client ${clients}`).lastInsertRowid,
  );
}

/** Decimal text with up to 4 decimals, from an integer (never a float). */
const costText = (n: number) => `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 10_000)}.${String(Math.abs(n) % 10_000).padStart(4, '0')}`;

const instant = fc.oneof(
  fc.integer({ min: BASE - SLOT_MS, max: BASE + SPAN }),
  // on and next to slot boundaries
  fc.integer({ min: -4, max: 4 * 24 * 3 }).chain((slot) => fc.constantFrom(-1, 0, 1).map((d) => BASE + slot * SLOT_MS + d)),
);

const windowArb = fc
  .tuple(instant, fc.oneof(fc.integer({ min: 1, max: SPAN }), fc.integer({ min: 1, max: 4 * 24 * 3 }).map((n) => n * SLOT_MS)))
  .map(([start, length]) => ({ start, end: start + length }));

const eventArb = (quantity: fc.Arbitrary<number>, costs: fc.Arbitrary<string | null>, attrs: fc.Arbitrary<Record<string, unknown> | undefined> = fc.constant(undefined)) =>
  fc.record({ account: fc.constantFrom(0, 1), at: instant, quantity, cost: costs, attrs });

function writeAll(client: number, metric: string, events: Array<{ account: number; at: number; quantity: number; cost: string | null; attrs?: Record<string, unknown> | undefined }>) {
  for (const [i, account] of accounts.entries()) {
    const mine = events.filter((e) => e.account === i);
    if (mine.length > 0) writeUsage(ctx, account, mine.map((e) => ({ client, metric, quantity: e.quantity, at: e.at, cost: e.cost, ...(e.attrs ? { attrs: e.attrs } : {}) })));
  }
}

function expectSame(actual: { quantity: { eq(x: unknown): boolean }; events: number; reportedCost?: unknown; uncostedQuantity?: unknown }, expected: ReturnType<typeof aggregate>, label: string) {
  expect(`${label}: ${String(actual.quantity)}`).toBe(`${label}: ${expected.quantity.toString()}`);
  expect(actual.events).toBe(expected.events);
}

describe('usage reads equal the engine over raw events', () => {
  it('slotPlan covers the window exactly once with whole slots and raw ranges', () => {
    fc.assert(
      fc.property(windowArb, (w) => {
        const { firstSlot, endSlot, rawRanges } = slotPlan(w);
        const pieces: Array<[number, number]> = [...rawRanges];
        if (endSlot > firstSlot) pieces.push([firstSlot * SLOT_MS, endSlot * SLOT_MS]);
        pieces.sort((a, b) => a[0] - b[0]);
        expect(pieces[0]![0]).toBe(w.start);
        expect(pieces[pieces.length - 1]![1]).toBe(w.end);
        for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).toBe(pieces[i - 1]![1]);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['sum', 'interactions'],
    ['count', 'tickets'],
  ])('%s metrics: rollups + edge events == aggregate(), per account and in total', (_agg, key) => {
    const metric = catalog.byKey(key)!;
    const quantity = key === 'tickets' ? fc.integer({ min: 1, max: 50 }) : fc.integer({ min: -20, max: 5_000 });
    const cost = fc.option(fc.integer({ min: key === 'tickets' ? 1 : -50_000, max: 2_000_000 }).map(costText), { nil: null });
    fc.assert(
      fc.property(fc.array(eventArb(quantity, cost), { maxLength: 60 }), windowArb, (events, window) => {
        const client = newClient();
        writeAll(client, key, events);
        const totals = reader.additiveTotals(window, { metrics: [metric], clientId: client });
        for (const [i, account] of accounts.entries()) {
          const raw: UsageEventInput[] = events.filter((e) => e.account === i).map((e) => ({ occurredAt: e.at, quantity: e.quantity, cost: e.cost }));
          const expected = aggregate(metric as MetricDefinition, raw, window);
          const actual = totals.get(`${client}|${account}|${metric.id}`);
          if (!actual) {
            expect(expected.events).toBe(0);
            continue;
          }
          expectSame(actual, expected, 'quantity');
          expect(actual.reportedCost.eq(expected.reportedCost)).toBe(true);
          expect(actual.uncostedQuantity.toString()).toBe(expected.uncostedQuantity.toString());
        }
      }),
      { numRuns: 120 },
    );
  });

  it.each([
    ['max', 'peak_agents'],
    ['time_weighted (level)', 'seats'],
    ['time_weighted (delta)', 'seat_changes'],
    ['unique_count', 'phone_numbers'],
    ['session_blocks', 'usage_sessions'],
  ])('%s metrics on one account: readClientUsage == aggregate()', (_agg, key) => {
    const metric = catalog.byKey(key)!;
    const attrs =
      key === 'phone_numbers'
        ? fc.constantFrom('+1555000', '+1555001', '+1555002', '+1555003').map((phoneNumber) => ({ phoneNumber }) as Record<string, unknown>)
        : key === 'usage_sessions'
          ? fc.record({ conversationId: fc.constantFrom('a', 'b', 'c'), segments: fc.array(fc.record({ kind: fc.constantFrom('human_agent', 'ai'), seconds: fc.integer({ min: 0, max: 300 }) }), { maxLength: 2 }) })
          : fc.constant(undefined);
    const quantity = key === 'seat_changes' ? fc.integer({ min: -3, max: 5 }) : fc.integer({ min: 0, max: 2_000 });
    fc.assert(
      fc.property(fc.array(eventArb(quantity, fc.constant(null), attrs as fc.Arbitrary<Record<string, unknown> | undefined>), { maxLength: 40 }), windowArb, (events, window) => {
        const client = newClient();
        const one = events.map((e) => ({ ...e, account: 0 }));
        writeAll(client, key, one);
        const raw: UsageEventInput[] = one.map((e) => ({ occurredAt: e.at, quantity: e.quantity, cost: e.cost, attrs: e.attrs ?? null }));
        const expected = aggregate(metric as MetricDefinition, raw, window);
        const got = readClientUsage(reader, catalog, client, window).get(metric.id);
        if (!got) {
          expect(expected.quantity.isZero() && expected.events === 0).toBe(true);
          return;
        }
        expectSame(got, expected, key);
        const perAccount = got.perAccount.get(accounts[0]!)!;
        expect(perAccount.uncostedQuantity.toString()).toBe(expected.uncostedQuantity.toString());
      }),
      { numRuns: 80 },
    );
  });
});
