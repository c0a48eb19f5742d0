import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempContext, type TempContext } from '../../test/helpers/temp-context';
import type { NormalizedEvent } from '../ingest/types';
import { SLOT_MS, UsageStore } from './usage-store';

let ctx: TempContext;
let store: UsageStore;
let account: number;
let acme: number;
const now = new Date('2026-10-15T12:00:00Z');
const T0 = Date.UTC(2026, 9, 1, 10, 0);

beforeEach(async () => {
  ctx = await openTempContext();
  const raw = ctx.ledger.raw;
  account = Number(
    raw
      .prepare(`insert into provider_accounts (kind, name, name_key, currency, config, created_at, updated_at) values ('vapi', 'Vapi', 'vapi', 'USD', '{}', 'x', 'x')`)
      .run().lastInsertRowid,
  );
  acme = Number(raw.prepare(`insert into clients (name, name_key, currency, status, created_at, updated_at) values ('Acme', 'acme', 'USD', 'active', 'x', 'x')`).run().lastInsertRowid);
  raw.prepare(`insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (?, 'assistant', 'asst_1', ?, 'x')`).run(account, acme);
  store = new UsageStore(raw);
});
afterEach(async () => {
  await ctx.dispose();
});

const ev = (i: number, over: Partial<NormalizedEvent> = {}): NormalizedEvent => ({
  externalId: `call_${i}`,
  clientKey: 'assistant:asst_1',
  metricKey: 'call_seconds',
  quantity: 60 + i,
  occurredAt: T0 + i * 60_000,
  cost: `0.0${i % 10}5`,
  ...over,
});

const write = (events: NormalizedEvent[], extra: Partial<Parameters<UsageStore['writeBatch']>[0]> = {}) =>
  store.writeBatch({ providerAccountId: account, events, unknownClient: 'unassigned', source: 'api', now, ...extra });

const rollupTotals = () =>
  ctx.ledger.raw
    .prepare(`select client_id, sum(events) events, sum(quantity) quantity, dec_sum(cost) cost from usage_rollups group by client_id order by client_id`)
    .all();
const count = (sql: string) => (ctx.ledger.raw.prepare(sql).get() as { n: number }).n;

describe('UsageStore.writeBatch', () => {
  it('inserts once per (account, external id): the same events again are duplicates, rollups unchanged', () => {
    const batch = Array.from({ length: 50 }, (_, i) => ev(i));
    expect(write(batch)).toMatchObject({ inserted: 50, duplicates: 0, rejected: [] });
    const before = rollupTotals();
    expect(write(batch)).toMatchObject({ inserted: 0, duplicates: 50 });
    expect(write(batch, { source: 'import' })).toMatchObject({ inserted: 0, duplicates: 50 });
    expect(count('select count(*) n from usage_events')).toBe(50);
    expect(rollupTotals()).toEqual(before);
    expect(store.rebuildRollups({ apply: false })).toMatchObject({ mismatches: 0 });
  });

  it('keeps cost sums exact in rollups (decimal text, never REAL)', () => {
    write([ev(1, { cost: '0.1' }), ev(2, { cost: '0.2' }), ev(3, { cost: null, quantity: 7 })]);
    const [row] = rollupTotals() as Array<{ cost: string }>;
    expect(row!.cost).toBe('0.3');
    expect(count('select sum(uncosted_quantity) n from usage_rollups')).toBe(7);
  });

  it('keeps usage of unknown provider ids as unassigned, and assigning later moves it exactly', () => {
    const r = write([ev(1), ev(2, { clientKey: 'assistant:asst_new' }), ev(3, { clientKey: 'assistant:asst_new' })]);
    expect(r).toMatchObject({ inserted: 3, unassigned: 2 });
    expect(rollupTotals()).toEqual([
      { client_id: 0, events: 2, quantity: 62 + 63, cost: '0.06' },
      { client_id: acme, events: 1, quantity: 61, cost: '0.015' },
    ]);
    expect(store.assignClientKey({ providerAccountId: account, clientKey: 'assistant:asst_new', clientId: acme, now })).toEqual({ events: 2 });
    expect(rollupTotals()).toEqual([{ client_id: acme, events: 3, quantity: 186, cost: '0.075' }]);
    expect(store.rebuildRollups({ apply: false }).mismatches).toBe(0);
    // new usage for that key now lands on the client directly
    expect(write([ev(4, { clientKey: 'assistant:asst_new' })])).toMatchObject({ unassigned: 0 });
  });

  it('rejects bad records with reasons and writes the good ones; reject policy for unknown clients', () => {
    const r = write(
      [
        ev(1),
        ev(2, { externalId: '' }),
        ev(3, { metricKey: 'minutes' }),
        ev(4, { quantity: 1.5 }),
        ev(5, { occurredAt: Date.UTC(1989, 11, 31) }),
        ev(6, { cost: '1e-3' }),
        ev(7, { costCurrency: 'eur' }),
        ev(8, { clientKey: 'assistant:nobody' }),
      ],
      { unknownClient: 'reject', positions: [2, 3, 4, 5, 6, 7, 8, 9] },
    );
    expect(r.inserted).toBe(1);
    expect(r.rejected).toEqual([
      { position: 3, reason: 'missing event id' },
      { position: 4, externalId: 'call_3', reason: 'unknown metric "minutes"' },
      { position: 5, externalId: 'call_4', reason: expect.stringMatching(/not a whole number/) },
      { position: 6, externalId: 'call_5', reason: 'timestamp 1989-12-31T00:00:00.000Z is outside 1990-01-01..2099-12-31' },
      { position: 7, externalId: 'call_6', reason: 'cost "1e-3" is not a decimal number' },
      { position: 8, externalId: 'call_7', reason: 'cost is in EUR but this provider account bills in USD' },
      { position: 9, externalId: 'call_8', reason: 'unknown client key "assistant:nobody" (map it to a client first)' },
    ]);
  });

  it('replaces a revised bucket exactly and audits the replaced values', () => {
    const bucket = (count: number, cost: string): NormalizedEvent => ({
      externalId: 'AC1|sms|2026-10-01',
      clientKey: 'assistant:asst_1',
      metricKey: 'sms',
      quantity: count,
      occurredAt: Date.UTC(2026, 9, 1),
      cost,
      replaceable: true,
    });
    expect(write([bucket(100, '0.79')])).toMatchObject({ inserted: 1 });
    expect(write([bucket(100, '0.79')])).toMatchObject({ duplicates: 1, replaced: 0 });
    expect(write([bucket(130, '1.027')])).toMatchObject({ replaced: 1 });
    expect(count('select count(*) n from usage_events')).toBe(1);
    expect(rollupTotals()).toEqual([{ client_id: acme, events: 1, quantity: 130, cost: '1.027' }]);
    expect(ctx.ledger.raw.prepare('select old_quantity, old_cost, new_quantity, new_cost from usage_revisions').all()).toEqual([
      { old_quantity: 100, old_cost: '0.79', new_quantity: 130, new_cost: '1.027' },
    ]);
    expect(store.rebuildRollups({ apply: false }).mismatches).toBe(0);
  });

  it('commits the cursor with the events, and a failing batch commits neither', () => {
    write([ev(1)], { cursor: { value: 'page-2' } });
    expect(ctx.ledger.raw.prepare('select cursor from sync_state').get()).toEqual({ cursor: 'page-2' });
    // an event for a provider account that does not exist throws inside the transaction
    expect(() => store.writeBatch({ providerAccountId: 999, events: [ev(2)], unknownClient: 'unassigned', source: 'api', now, cursor: { value: 'x' } })).toThrow();
    expect(ctx.ledger.raw.prepare('select cursor from sync_state').get()).toEqual({ cursor: 'page-2' });
    expect(count('select count(*) n from usage_events')).toBe(1);
  });

  it('dry run reports exact counts and leaves the ledger byte-for-byte unchanged', () => {
    write([ev(1), ev(2)]);
    const before = ctx.ledger.raw.serialize();
    const r = write([ev(1), ev(2), ev(3), ev(4, { metricKey: 'nope' })], { dryRun: true });
    expect(r).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(r.rejected).toHaveLength(1);
    expect(Buffer.compare(before, ctx.ledger.raw.serialize())).toBe(0);
  });

  it('rebuild detects and repairs a drifted rollup', () => {
    write(Array.from({ length: 20 }, (_, i) => ev(i)));
    ctx.ledger.raw.exec(`update usage_rollups set quantity = quantity + 1 where slot = ${Math.floor(T0 / SLOT_MS)}`);
    expect(store.rebuildRollups({ apply: true }).mismatches).toBeGreaterThan(0);
    expect(store.rebuildRollups({ apply: false }).mismatches).toBe(0);
  });
});
