// Invoices against a real ledger: drafts from rated statements, totals in the documented order, issue with
// gapless numbers and frozen snapshots, prepaid balance, payment, void and credit notes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentClaraResale, makeAccount, makeClient, writeUsage, type EventSpec } from '../pricing/test-fixtures';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';

let ctx: TempContext;
let now = '2026-11-03T12:00:00.000Z';
beforeEach(async () => {
  now = '2026-11-03T12:00:00.000Z';
  ctx = await openTempContext({ clock: { now: () => new Date(now) } });
  ok(await ctx.dispatch('agency.save', { name: 'Nordlicht Agentur', currency: 'EUR', timeZone: 'UTC', taxId: 'DE123456789', address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' } }));
});
afterEach(async () => {
  await ctx.dispose();
});

const spread = (client: number, n: number, quantity: number, start: string): EventSpec[] =>
  Array.from({ length: n }, (_, i) => ({ client, metric: 'interactions', quantity, at: Date.parse(start) + i * 60_000 }));

/** A client on AgentClara Resale ($350 for 1,000 interactions + $0.35 each above) with `used` interactions in October. */
async function billedClient(name: string, used: number, currency = 'USD', plan: Record<string, unknown> = agentClaraResale({ currency, name: `${name} plan` })) {
  const account = await makeAccount(ctx, `${name} account`, currency);
  const client = await makeClient(ctx, name, currency);
  const p = ok(await ctx.dispatch('plans.create', { definition: plan }));
  ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: p.id, startDate: '2026-09-01' }));
  if (used > 0) writeUsage(ctx, account, spread(client, used / 10, 10, '2026-10-03T09:00:00Z'));
  return { client, account };
}

async function close(period = '2026-10') {
  const run = ok(await ctx.dispatch('invoices.closeStart', { period }));
  return ctx.services.invoices.close.wait(run.id);
}

async function draftOf(clientId: number, period = '2026-10') {
  const list = ok(await ctx.dispatch('invoices.list', { clientId, period, kind: 'invoice' }));
  expect(list.items).toHaveLength(1);
  return ok(await ctx.dispatch('invoices.get', { id: list.items[0]!.id }));
}

describe('period close', () => {
  it('drafts one invoice per billable client from its statement, and re-running refreshes instead of duplicating', async () => {
    const acme = await billedClient('Acme', 1500);
    const zero = await billedClient('Zero Usage', 0);
    await makeClient(ctx, 'No Plan');
    const run = await close();
    expect(run).toMatchObject({ status: 'done', total: 2, done: 2, created: 2, updated: 0, skipped: 0, failures: [] });
    const draft = await draftOf(acme.client);
    expect(draft.status).toBe('draft');
    expect(draft.snapshot.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['included', '1000', '0', '0.00'],
      ['overage', '500', '0.35', '175.00'],
      ['base_fee', '1', '350', '350.00'],
    ]);
    expect(draft.snapshot.period).toEqual({ label: '2026-10', start: '2026-10-01', end: '2026-11-01' });
    expect(draft.snapshot.totals).toMatchObject({ subtotal: '525.00', total: '525.00', amountDue: '525.00' });
    expect((await draftOf(zero.client)).total).toBe('350.00');

    // late usage arrives; closing again re-rates the draft
    writeUsage(ctx, acme.account, spread(acme.client, 10, 10, '2026-10-30T09:00:00Z'));
    const again = await close();
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 2 });
    expect((await draftOf(acme.client)).total).toBe('560.00');
  });

  it('a client whose statement cannot be rated is reported by name; the others are drafted', async () => {
    await billedClient('Good', 100);
    const bad = await billedClient('Mismatch', 100);
    ok(await ctx.dispatch('clients.update', { id: bad.client, currency: 'EUR' }));
    const run = await close();
    expect(run.created).toBe(1);
    expect(run.failures).toEqual([{ clientId: bad.client, clientName: 'Mismatch', message: expect.stringMatching(/invoiced in EUR but its plan .* bills in USD/) }]);
  });

  it('a cancelled run resumes after the last client it finished', async () => {
    for (let i = 0; i < 6; i++) await billedClient(`Client ${i}`, 100);
    const started = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    const cancelled = ok(await ctx.dispatch('invoices.closeCancel', { runId: started.id }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(6);
    const resumed = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    expect(resumed.id).toBe(started.id);
    const done = await ctx.services.invoices.close.wait(resumed.id);
    expect(done).toMatchObject({ status: 'done', done: 6, created: 6 });
    expect(ok(await ctx.dispatch('invoices.list', { period: '2026-10' })).total).toBe(6);
  });
});

describe('drafts: lines, discounts, taxes (docs/INVOICES.md order)', () => {
  it('manual line, percent and fixed discounts, two taxes on the discounted net', async () => {
    const acme = await billedClient('Acme', 1500);
    ok(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [{ name: 'State tax', rate: '6.25' }, { name: 'City tax', rate: '2.5' }], paymentTermsDays: 15, reverseCharge: false }));
    await close();
    const { id } = await draftOf(acme.client);
    ok(await ctx.dispatch('invoices.addLine', { invoiceId: id, description: 'Onboarding workshop', quantity: '2', unit: 'hour', unitPrice: '60.125' }));
    ok(await ctx.dispatch('invoices.addDiscount', { invoiceId: id, description: 'Loyalty 10%', kind: 'percent', value: '10' }));
    const d = ok(await ctx.dispatch('invoices.addDiscount', { invoiceId: id, description: 'Goodwill', kind: 'fixed', value: '5.00' }));
    // 525 + 120.25 = 645.25; −64.53 (10%, 64.525 → 64.53) −5.00 = 575.72; tax 6.25% = 35.9825 → 35.98; 2.5% = 14.393 → 14.39
    expect(d.snapshot.lines.at(-1)).toMatchObject({ source: 'manual', quantity: '2', unitPrice: '60.125', amount: '120.25' });
    expect(d.snapshot.discounts.map((x) => x.amount)).toEqual(['64.53', '5.00']);
    expect(d.snapshot.taxes).toEqual([
      { name: 'State tax', rate: '6.25', base: '575.72', amount: '35.98' },
      { name: 'City tax', rate: '2.5', base: '575.72', amount: '14.39' },
    ]);
    expect(d.snapshot.totals).toMatchObject({ subtotal: '645.25', discountTotal: '69.53', net: '575.72', taxTotal: '50.37', total: '626.09' });

    const tooMuch = await ctx.dispatch('invoices.addDiscount', { invoiceId: id, description: 'Everything', kind: 'fixed', value: '700.00' });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/discounts .* are more than the subtotal/) } });
    expect(ok(await ctx.dispatch('invoices.get', { id })).draftDiscounts).toHaveLength(2);

    // regenerating keeps the manual line and the discounts
    const again = ok(await ctx.dispatch('invoices.regenerate', { id }));
    expect(again.snapshot.totals.total).toBe('626.09');
    const statementLine = again.draftLines.find((l) => l.source === 'statement')!;
    expect(await ctx.dispatch('invoices.removeLine', { invoiceId: id, lineId: statementLine.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reverse charge: no tax and the legal mention', async () => {
    const acme = await billedClient('Acme GmbH', 100);
    expect(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [{ name: 'VAT', rate: '19' }], paymentTermsDays: null, reverseCharge: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Reverse charge means no tax/) },
    });
    ok(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [], paymentTermsDays: null, reverseCharge: true }));
    await close();
    const d = await draftOf(acme.client);
    expect(d.snapshot.taxes).toEqual([]);
    expect(d.snapshot.reverseChargeMention).toMatch(/Reverse charge/);
    expect(d.snapshot.agency.taxId).toBe('DE123456789');
  });

  it('zero-decimal and three-decimal currencies stay exact', async () => {
    const jp = await billedClient('Tokyo KK', 1500, 'JPY', agentClaraResale({ name: 'Yen plan', currency: 'JPY', baseFee: '35000', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '35.5' } }] }));
    const kw = await billedClient('Kuwait Co', 1500, 'KWD', agentClaraResale({ name: 'Dinar plan', currency: 'KWD', baseFee: '105.125', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.1075' } }] }));
    ok(await ctx.dispatch('clientBilling.set', { clientId: jp.client, taxRates: [{ name: 'Consumption tax', rate: '10' }], paymentTermsDays: null, reverseCharge: false }));
    ok(await ctx.dispatch('clientBilling.set', { clientId: kw.client, taxRates: [{ name: 'VAT', rate: '5' }], paymentTermsDays: null, reverseCharge: false }));
    await close();
    const jpy = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(jp.client)).id }));
    // 500 × 35.5 = 17750; + 35000 = 52750; tax 5275
    expect(jpy.snapshot.totals).toMatchObject({ subtotal: '52750', taxTotal: '5275', total: '58025' });
    const kwd = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(kw.client)).id }));
    // 500 × 0.1075 = 53.750; + 105.125 = 158.875; tax 5% = 7.94375 → 7.944
    expect(kwd.snapshot.totals).toMatchObject({ subtotal: '158.875', taxTotal: '7.944', total: '166.819' });
  });
});

describe('issue: numbers, snapshot, immutability', () => {
  it('numbers are gapless per sequence, kept by voided invoices, and restart each year', async () => {
    const clients = [];
    for (const name of ['Alpha', 'Bravo', 'Charlie']) clients.push(await billedClient(name, 100));
    await close();
    const batch = ok(await ctx.dispatch('invoices.issueBatch', { period: '2026-10' }));
    expect(batch.issued.map((i) => [i.clientName, i.number])).toEqual([
      ['Alpha', 'INV-2026-00001'],
      ['Bravo', 'INV-2026-00002'],
      ['Charlie', 'INV-2026-00003'],
    ]);
    const voided = ok(await ctx.dispatch('invoices.void', { id: batch.issued[1]!.id, reason: 'Wrong plan' }));
    expect(voided).toMatchObject({ status: 'void', number: 'INV-2026-00002', voidReason: 'Wrong plan' });
    // the voided period can be drafted and issued again: it takes the next number
    await close();
    const reissued = ok(await ctx.dispatch('invoices.issueBatch', { period: '2026-10' }));
    expect(reissued.issued.map((i) => i.number)).toEqual(['INV-2026-00004']);
    expect(ok(await ctx.dispatch('invoiceSettings.get', {})).nextInvoiceNumber).toBe('INV-2026-00005');

    now = '2027-01-05T10:00:00.000Z';
    await close('2026-12');
    const jan = ok(await ctx.dispatch('invoices.issueBatch', { period: '2026-12' }));
    expect(jan.issued.map((i) => i.number)).toEqual(['INV-2027-00001', 'INV-2027-00002', 'INV-2027-00003']);
  });

  it('refuses a date before the last number, a future date, and issuing twice (concurrently)', async () => {
    const a = await billedClient('Alpha', 100);
    const b = await billedClient('Bravo', 100);
    await close();
    const first = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(a.client)).id, issueDate: '2026-11-02' }));
    expect(first).toMatchObject({ number: 'INV-2026-00001', issueDate: '2026-11-02', dueDate: '2026-12-02', status: 'issued' });
    const bId = (await draftOf(b.client)).id;
    expect(await ctx.dispatch('invoices.issue', { id: bId, issueDate: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'issueDate', message: expect.stringMatching(/INV-2026-00001 is dated 2026-11-02/) } });
    expect(await ctx.dispatch('invoices.issue', { id: bId, issueDate: '2026-11-04' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/future/) } });
    const [x, y] = await Promise.all([ctx.dispatch('invoices.issue', { id: bId }), ctx.dispatch('invoices.issue', { id: bId })]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect(ok(await ctx.dispatch('invoiceSettings.get', {})).nextInvoiceNumber).toBe('INV-2026-00003');
  });

  it('an issued invoice refuses every change, in the service and in the ledger, and keeps its snapshot', async () => {
    const acme = await billedClient('Acme', 1500);
    ok(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [{ name: 'VAT', rate: '20' }], paymentTermsDays: null, reverseCharge: false }));
    await close();
    const draft = await draftOf(acme.client);
    const issued = ok(await ctx.dispatch('invoices.issue', { id: draft.id }));
    const line = draft.draftLines[0]!;
    for (const [name, input] of [
      ['invoices.addLine', { invoiceId: draft.id, description: 'x', quantity: '1', unitPrice: '1' }],
      ['invoices.removeLine', { invoiceId: draft.id, lineId: line.id }],
      ['invoices.addDiscount', { invoiceId: draft.id, description: 'x', kind: 'fixed', value: '1' }],
      ['invoices.setNote', { invoiceId: draft.id, note: 'x' }],
      ['invoices.regenerate', { id: draft.id }],
      ['invoices.deleteDraft', { id: draft.id }],
      ['invoices.issue', { id: draft.id }],
    ] as const) {
      const r = await ctx.dispatch(name, input as never);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect(() => ctx.ledger.raw.prepare(`update invoices set total = '1.00' where id = ?`).run(draft.id)).toThrow(/cannot be changed/);
    expect(() => ctx.ledger.raw.prepare(`delete from invoices where id = ?`).run(draft.id)).toThrow(/cannot be deleted/);
    expect(() => ctx.ledger.raw.prepare(`delete from invoice_lines where invoice_id = ?`).run(draft.id)).toThrow(/cannot be changed/);

    // prices, plan, address and tax change afterwards: the issued document does not
    ok(await ctx.dispatch('clients.update', { id: acme.client, name: 'Acme Renamed', address: { line1: 'New street 9' } }));
    ok(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [{ name: 'VAT', rate: '21' }], paymentTermsDays: null, reverseCharge: false }));
    writeUsage(ctx, acme.account, spread(acme.client, 10, 10, '2026-10-30T09:00:00Z'));
    const later = ok(await ctx.dispatch('invoices.get', { id: draft.id }));
    expect(later.snapshot).toEqual(issued.snapshot);
    expect(later.snapshot.client.name).toBe('Acme');
    expect(later.snapshot.totals.total).toBe('630.00');
  });
});

describe('prepaid balance, payment, void and credit notes', () => {
  it('the wallet pays part of the invoice at issue: paid from balance and the rest due (issue 5)', async () => {
    const acme = await billedClient('Acme', 1500);
    ok(await ctx.dispatch('wallet.topUp', { clientId: acme.client, amount: '100.00', date: '2026-10-20', reference: 'wire 1' }));
    await close();
    const draft = await draftOf(acme.client);
    expect(draft.snapshot.totals).toMatchObject({ total: '525.00', paidFromBalance: '100.00', amountDue: '425.00' });
    const issued = ok(await ctx.dispatch('invoices.issue', { id: draft.id }));
    expect(issued).toMatchObject({ status: 'issued', paidFromBalance: '100.00', amountDue: '425.00', balanceDue: '425.00' });
    const wallet = ok(await ctx.dispatch('wallet.get', { clientId: acme.client }));
    expect(wallet.balance).toBe('0.00');
    expect(wallet.movements[0]).toMatchObject({ kind: 'invoice_debit', amount: '-100.00', invoiceId: draft.id });

    const paid = ok(await ctx.dispatch('invoices.markPaid', { id: draft.id, date: '2026-11-03', method: 'bank_transfer', reference: 'SEPA 991' }));
    expect(paid).toMatchObject({ status: 'paid', balanceDue: '0.00', payment: { date: '2026-11-03', method: 'bank_transfer', reference: 'SEPA 991' } });
    expect(await ctx.dispatch('invoices.markPaid', { id: draft.id, date: '2026-11-03', method: 'cash' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a balance that covers the total marks the invoice paid from prepaid balance; voiding gives the money back', async () => {
    const a = await billedClient('Alpha', 100);
    const b = await billedClient('Bravo', 100);
    ok(await ctx.dispatch('wallet.topUp', { clientId: a.client, amount: '1000.00', date: '2026-10-20' }));
    ok(await ctx.dispatch('wallet.topUp', { clientId: b.client, amount: '50.00', date: '2026-10-20' }));
    await close();
    const alpha = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(a.client)).id }));
    expect(alpha).toMatchObject({ status: 'paid', paidFromBalance: '350.00', amountDue: '0.00', payment: { method: 'prepaid_balance', date: '2026-11-03' } });
    expect(await ctx.dispatch('invoices.void', { id: alpha.id, reason: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/credit note/) } });

    const bravo = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(b.client)).id }));
    expect(ok(await ctx.dispatch('wallet.get', { clientId: b.client })).balance).toBe('0.00');
    ok(await ctx.dispatch('invoices.void', { id: bravo.id, reason: 'Issued by mistake' }));
    const wallet = ok(await ctx.dispatch('wallet.get', { clientId: b.client }));
    expect(wallet.balance).toBe('50.00');
    expect(wallet.movements[0]).toMatchObject({ kind: 'refund', amount: '50.00', invoiceId: bravo.id });
  });

  it('a full credit note negates the invoice exactly; the rest of a paid invoice goes back to the prepaid balance', async () => {
    const acme = await billedClient('Acme', 1500);
    ok(await ctx.dispatch('clientBilling.set', { clientId: acme.client, taxRates: [{ name: 'VAT', rate: '20' }], paymentTermsDays: null, reverseCharge: false }));
    await close();
    const draft = await draftOf(acme.client);
    ok(await ctx.dispatch('invoices.addDiscount', { invoiceId: draft.id, description: 'Launch', kind: 'percent', value: '7.5' }));
    const inv = ok(await ctx.dispatch('invoices.issue', { id: draft.id }));
    // 525 − 39.38 = 485.62; VAT 97.124 → 97.12; total 582.74
    expect(inv.snapshot.totals).toMatchObject({ net: '485.62', taxTotal: '97.12', total: '582.74' });
    ok(await ctx.dispatch('invoices.markPaid', { id: inv.id, date: '2026-11-03', method: 'card' }));

    const cnDraft = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'full', reason: 'Service outage' }));
    expect(cnDraft).toMatchObject({ kind: 'credit_note', status: 'draft', creditOfId: inv.id });
    expect(cnDraft.snapshot.totals).toMatchObject({ subtotal: '-525.00', discountTotal: '-39.38', net: '-485.62', taxTotal: '-97.12', total: '-582.74', paidFromBalance: '0.00' });
    const cn = ok(await ctx.dispatch('invoices.issue', { id: cnDraft.id }));
    expect(cn).toMatchObject({ number: 'CN-2026-00001', status: 'issued' });
    expect(cn.snapshot.creditOf).toEqual({ invoiceId: inv.id, number: 'INV-2026-00001', issueDate: '2026-11-03' });
    expect(cn.snapshot.settlement).toEqual({ appliedToInvoice: '0.00', creditedToBalance: '582.74' });
    expect(ok(await ctx.dispatch('wallet.get', { clientId: acme.client })).balance).toBe('582.74');
    expect(ok(await ctx.dispatch('invoices.get', { id: inv.id }))).toMatchObject({ credited: '582.74', creditNotes: [{ id: cn.id, number: 'CN-2026-00001', status: 'issued', total: '-582.74' }] });
    expect(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'more', lines: [{ index: 1, amount: '1.00' }] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/0.00 USD left to credit/) },
    });
  });

  it('a partial credit note on an unpaid invoice lowers what is due; over-crediting a line is refused', async () => {
    const acme = await billedClient('Acme', 1500);
    await close();
    const inv = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(acme.client)).id }));
    expect(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'x', lines: [{ index: 1, amount: '175.01' }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'lines.0.amount', message: expect.stringMatching(/175.00 USD left to credit/) },
    });
    const cnDraft = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: inv.id, mode: 'partial', reason: 'Overage waived', lines: [{ index: 1, amount: '175.00' }] }));
    const cn = ok(await ctx.dispatch('invoices.issue', { id: cnDraft.id }));
    expect(cn.snapshot.totals.total).toBe('-175.00');
    expect(cn.snapshot.settlement).toEqual({ appliedToInvoice: '175.00', creditedToBalance: '0.00' });
    expect(ok(await ctx.dispatch('invoices.get', { id: inv.id }))).toMatchObject({ status: 'issued', credited: '175.00', balanceDue: '350.00' });
    const list = ok(await ctx.dispatch('invoices.list', { period: '2026-10' }));
    expect(list.totals).toEqual([{ currency: 'USD', count: 2, total: '350.00', balanceDue: '350.00' }]);
  });

  it('overdue: issued, past due and something left to pay', async () => {
    const acme = await billedClient('Acme', 100);
    await close();
    const inv = ok(await ctx.dispatch('invoices.issue', { id: (await draftOf(acme.client)).id }));
    expect(inv.overdue).toBe(false);
    now = '2026-12-04T09:00:00.000Z';
    expect(ok(await ctx.dispatch('invoices.get', { id: inv.id })).overdue).toBe(true);
    expect(ok(await ctx.dispatch('invoices.list', { status: 'overdue' })).items.map((i) => i.id)).toEqual([inv.id]);
  });
});

describe('address lines on the document', () => {
  it('follow the destination country', async () => {
    const { addressLines } = await import('./invoices-service');
    const base = { address_line1: '2150 Lombard Street', address_line2: 'Suite 300', city: 'San Francisco', region: 'CA', postal_code: '94123', country: 'US' };
    expect(addressLines(base)).toEqual(['2150 Lombard Street', 'Suite 300', 'San Francisco, CA 94123', 'United States']);
    expect(addressLines({ ...base, address_line2: null, city: 'London', region: null, postal_code: 'WC1R 4ED', country: 'GB' })).toEqual(['2150 Lombard Street', 'London', 'WC1R 4ED', 'United Kingdom']);
    expect(addressLines({ ...base, address_line2: null, city: 'Łódź', region: null, postal_code: '90-926', country: 'PL' }, 'de-DE')).toEqual(['2150 Lombard Street', '90-926 Łódź', 'Polen']);
    expect(addressLines({ address_line1: null, address_line2: null, city: null, region: null, postal_code: null, country: null })).toEqual([]);
  });
});
