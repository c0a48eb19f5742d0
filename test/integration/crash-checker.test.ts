// The crash campaign's checker (test/campaign/crash/invariants.ts) must be able to fail: a real ledger with
// issued invoices, prepaid debits and imported usage passes it, and each kind of damage a crash could do is
// reported: a numbering gap, a duplicate number, a second debit, a balance that is not the sum of its
// movements, rollups that disagree with events, a job left running, and a difference from the clean run.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger, compareFingerprints, fingerprint, openForCheck } from '../campaign/crash/invariants';
import type { FakeStripeState, WireCustomer } from '../fakes/fake-stripe';
import { billingWorkspace, copyWorkspace } from '../campaign/crash/workspaces';
import { createTempDirs } from './helpers/temp-dirs';

const temp = createTempDirs();
const copies: string[] = [];
let template: string;

beforeAll(async () => {
  // 6 clients, closed and issued: numbers 1..6, clients 0 and 3 paid (part) from their balance
  template = await billingWorkspace({ clients: 6, seed: 1, issue: true });
}, 60_000);
afterAll(() => {
  temp.removeAll();
  for (const d of [template, ...copies]) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the issued ledger with `damage` applied by raw SQL (triggers off where they would refuse it). */
function damaged(damage: (db: BetterSqlite3.Database) => void): BetterSqlite3.Database {
  const dir = copyWorkspace(template);
  copies.push(dir);
  const db = openForCheck(path.join(dir, 'meterbook.sqlite'));
  damage(db);
  return db;
}

const emptyStripe = (): FakeStripeState => ({
  customers: new Map(),
  invoices: new Map(),
  invoiceItems: new Map(),
  creditNotes: new Map(),
  paymentIntents: new Map(),
  charges: new Map(),
  sentInvoices: [],
  requests: [],
});

const dropFreeze = (db: BetterSqlite3.Database) => db.exec('drop trigger invoices_frozen');

describe('the crash checker', () => {
  it('passes an intact ledger, and one equals itself', () => {
    const db = damaged(() => undefined);
    expect(checkLedger(db)).toEqual([]);
    expect(compareFingerprints(fingerprint(db), fingerprint(db))).toEqual([]);
    db.close();
  });

  it('reports a gap in the invoice numbers', () => {
    const db = damaged((d) => {
      dropFreeze(d);
      d.exec(`update invoices set sequence_no = 7, number = 'INV-GAP-7' where sequence_no = 4`);
      d.exec(`update invoice_sequences set last_no = 7`);
    });
    expect(checkLedger(db)).toEqual(
      expect.arrayContaining([expect.stringMatching(/numbers are 1\.\.3, 5\.\.7, not 1\.\.6/), expect.stringMatching(/counter at 7 but 6 documents are numbered/), expect.stringMatching(/snapshot number .* differs from INV-GAP-7/)]),
    );
    db.close();
  });

  it('reports a duplicate number and a counter that ran ahead', () => {
    const db = damaged((d) => {
      dropFreeze(d);
      d.exec('drop index invoices_sequence');
      d.exec('drop index invoices_number');
      d.exec(`update invoices set sequence_no = 5, number = (select number from invoices where sequence_no = 5) where sequence_no = 6`);
    });
    expect(checkLedger(db)).toEqual(expect.arrayContaining([expect.stringMatching(/numbers are 1\.\.5, 5, not 1\.\.6/), expect.stringMatching(/^number INV-\S+ used by invoices \d+ and \d+$/)]));
    db.close();
  });

  it('reports a second debit of an invoice, a debit of a draft and a wallet below zero', () => {
    const db = damaged((d) => {
      const debit = d.prepare(`select * from wallet_movements where kind = 'invoice_debit' order by id limit 1`).get() as { client_id: number; amount: string; currency: string; invoice_id: number };
      const insert = d.prepare(`insert into wallet_movements (client_id, kind, amount, currency, occurred_on, invoice_id, idempotency_key, created_at) values (?, ?, ?, ?, '2026-11-01', ?, ?, 'x')`);
      insert.run(debit.client_id, 'invoice_debit', debit.amount, debit.currency, debit.invoice_id, 'again');
      insert.run(debit.client_id, 'adjustment', '-99999.00', debit.currency, null, 'overdrawn');
    });
    expect(checkLedger(db)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invoice INV-\S+: debited 2 times/),
        expect.stringMatching(/^invoice INV-\S+: paid [\d.]+ from the balance but its debits are \[-[\d.]+, -[\d.]+\]$/),
        expect.stringMatching(/^wallet of client \d+: below zero/),
      ]),
    );
    db.close();
  });

  it('reports rollups that are not the sums of events and jobs that did not finish', () => {
    const db = damaged((d) => {
      d.exec(`update usage_rollups set quantity = quantity + 1 where (client_id, metric_id, slot) = (select client_id, metric_id, slot from usage_rollups limit 1)`);
      d.exec(`insert into ingest_jobs (kind, status, started_at, owner_pid) values ('import', 'running', 'x', 1)`);
      d.exec(`insert into close_runs (period_label, status, started_at) values ('2026-10', 'interrupted', 'x')`);
    });
    const v = checkLedger(db);
    expect(v).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rollups: 1 of \d+ rollup rows differ/),
        expect.stringMatching(/^ingest job \d+ \(import\) still running$/),
        expect.stringMatching(/^close run \d+ of 2026-10 ended interrupted$/),
      ]),
    );
    db.close();
  });

  it('reports a ledger that differs from the clean run: a lost event, an event stored twice under two ids, a missing invoice', () => {
    const clean = damaged(() => undefined);
    const expected = fingerprint(clean);
    clean.close();
    const lost = damaged((d) => d.exec('delete from usage_events where id = (select max(id) from usage_events)'));
    expect(compareFingerprints(fingerprint(lost), expected)).toEqual(expect.arrayContaining([expect.stringMatching(/^events: \d+ events, quantity \d+; the clean run has \d+/)]));
    expect(checkLedger(lost)).toEqual([expect.stringMatching(/^rollups: /)]);
    lost.close();
    // a replay that got a new external id: unique per (account, external id), yet one event too many
    const twice = damaged((d) => {
      d.exec(`insert into usage_events select null, provider_account_id, external_id || '-again', client_id, client_key, metric_id, quantity, occurred_at, cost, attrs, source, ingested_at from usage_events limit 1`);
    });
    expect(compareFingerprints(fingerprint(twice), expected)[0]).toMatch(/^events: \d+ events, quantity \d+; the clean run has \d+/);
    expect(checkLedger(twice)).toEqual([expect.stringMatching(/^rollups: /)]);
    twice.close();
    const unissued = damaged((d) => {
      d.exec('drop trigger invoices_no_delete');
      d.exec(`delete from wallet_movements where invoice_id = (select id from invoices where sequence_no = 6)`);
      d.exec(`delete from invoices where sequence_no = 6`);
      d.exec(`update invoice_sequences set last_no = 5`);
    });
    expect(checkLedger(unissued)).toEqual([]);
    expect(compareFingerprints(fingerprint(unissued), expected)).toEqual(expect.arrayContaining([expect.stringMatching(/^invoices: 5 \(5 issued\); the clean run has 6 \(6 issued\)$/)]));
    unissued.close();
  });

  it('reports a second Stripe customer for a client, an invoice never pushed and an outbox not drained', () => {
    const db = damaged((d) => {
      d.exec(`insert into stripe_customers (client_id, customer_id, livemode, linked_at) values (1, 'cus_A', 0, 'x')`);
      d.exec(`insert into stripe_outbox (client_id, kind, subject_id, status, created_at, updated_at) values (1, 'invoice.push', 1, 'pending', 'x', 'x')`);
    });
    const customer = (id: string) => ({ id, metadata: { meterbook_client_id: '1' } }) as unknown as WireCustomer;
    const remote = {
      ...emptyStripe(),
      customers: new Map([
        ['cus_A', customer('cus_A')],
        ['cus_B', customer('cus_B')],
      ]),
    } satisfies FakeStripeState;
    expect(checkLedger(db, { stripe: remote })).toEqual([
      'outbox item 1 (invoice.push) is pending',
      'client 1: 2 Stripe customers',
      'Stripe has 2 customers, Meterbook links 1',
      expect.stringMatching(/^invoice INV-\S+ of a linked client was never pushed to Stripe$/),
    ]);
    db.close();
  });

  it('reports an invoice emailed twice, unless Stripe had forgotten the keys (documented in docs/STRIPE.md): then a note', () => {
    const db = damaged(() => undefined);
    const remote = { ...emptyStripe(), sentInvoices: [1, 2].map((at) => ({ invoice: 'in_1', to: 'a@b.test', at })) } satisfies FakeStripeState;
    expect(checkLedger(db, { stripe: remote })).toEqual(['Stripe invoice in_1 was emailed 2 times']);
    const notes: string[] = [];
    expect(checkLedger(db, { stripe: remote, keysExpired: true, notes })).toEqual([]);
    expect(notes).toEqual([expect.stringMatching(/^Stripe invoice in_1 was emailed 2 times \(a restart more than a day after a kill/)]);
    db.close();
  });
});

describe('the crash checker against a ledger it cannot open', () => {
  it('reports a corrupt file through integrity_check or by failing to open it', () => {
    const dir = temp.make();
    const file = path.join(dir, 'meterbook.sqlite');
    new BetterSqlite3(file).exec('create table t (x); insert into t values (1)');
    const db = openForCheck(file);
    // a ledger without the ledger's tables is not a ledger: the checker fails loudly rather than passing it
    expect(() => checkLedger(db)).toThrow(/no such table/);
    db.close();
  });
});
