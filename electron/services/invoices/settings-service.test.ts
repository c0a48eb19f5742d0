// Invoice settings and client billing terms against a real ledger: validation, logo store, next numbers.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';

const FIXTURES = path.join(__dirname, '..', '..', 'invoices', 'pdf', 'fixtures');
let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext({ clock: { now: () => new Date('2026-11-03T12:00:00Z') } });
  ok(await ctx.dispatch('agency.save', { name: 'Agency', currency: 'USD', timeZone: 'UTC' }));
});
afterEach(async () => {
  await ctx.dispose();
});

const settingsInput = {
  invoiceNumberFormat: 'ACME/{YY}{MM}/{seq:4}',
  creditNoteNumberFormat: 'CR/{YY}/{seq:4}',
  numberReset: 'yearly',
  paymentTermsDays: 15,
  paymentInstructions: 'IBAN DE89 3704 0044 0532 0130 00',
  defaultNote: 'Thank you for your business.',
  reverseChargeMention: 'Reverse charge',
  accentColor: '#AA3300',
} as const;

describe('invoice settings', () => {
  it('has defaults, saves a format and shows the next numbers it would assign', async () => {
    const defaults = ok(await ctx.dispatch('invoiceSettings.get', {}));
    expect(defaults).toMatchObject({ invoiceNumberFormat: 'INV-{YYYY}-{seq:5}', numberReset: 'yearly', paymentTermsDays: 30, nextInvoiceNumber: 'INV-2026-00001', nextCreditNoteNumber: 'CN-2026-00001', logo: null });
    const saved = ok(await ctx.dispatch('invoiceSettings.set', settingsInput));
    expect(saved).toMatchObject({ accentColor: '#aa3300', nextInvoiceNumber: 'ACME/2611/0001', nextCreditNoteNumber: 'CR/26/0001' });
  });

  it('refuses a bad format, terms or colour with the field named, and changes nothing', async () => {
    for (const [patch, field, message] of [
      [{ invoiceNumberFormat: 'INV-{YYYY}' }, 'invoiceNumberFormat', /must contain \{seq\}/],
      [{ creditNoteNumberFormat: 'CN-{seq}' }, 'creditNoteNumberFormat', /yearly reset/],
      [{ paymentTermsDays: 400 }, 'paymentTermsDays', /at most 365/],
      [{ accentColor: 'red' }, 'accentColor', /#1f6feb/],
    ] as const) {
      const r = await ctx.dispatch('invoiceSettings.set', { ...settingsInput, ...patch });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field, message: expect.stringMatching(message) } });
    }
    expect(ok(await ctx.dispatch('invoiceSettings.get', {})).invoiceNumberFormat).toBe('INV-{YYYY}-{seq:5}');
  });

  it('stores a PNG or JPEG logo by content hash; refuses other files', async () => {
    const png = fs.readFileSync(path.join(FIXTURES, 'logo.png'));
    const jpg = fs.readFileSync(path.join(FIXTURES, 'logo.jpg'));
    const withPng = ok(await ctx.dispatch('invoiceSettings.setLogo', { dataBase64: png.toString('base64') }));
    expect(withPng.logo).toMatchObject({ mime: 'image/png', bytes: png.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const withJpg = ok(await ctx.dispatch('invoiceSettings.setLogo', { dataBase64: jpg.toString('base64') }));
    expect(withJpg.logo?.mime).toBe('image/jpeg');
    // both stay in the asset store: an invoice issued with the PNG still renders it
    expect(ctx.ledger.raw.prepare('select count(*) as n from assets').get()).toEqual({ n: 2 });

    const bad = await ctx.dispatch('invoiceSettings.setLogo', { dataBase64: Buffer.from('GIF89a not a logo').toString('base64') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The logo must be a PNG or JPEG image.' } });
    const broken = await ctx.dispatch('invoiceSettings.setLogo', { dataBase64: Buffer.concat([png.subarray(0, 8), Buffer.alloc(40)]).toString('base64') });
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/could not be read as a PNG/) } });
    expect(ok(await ctx.dispatch('invoiceSettings.get', {})).logo?.mime).toBe('image/jpeg');
    expect(ok(await ctx.dispatch('invoiceSettings.clearLogo', {})).logo).toBeNull();
  });
});

describe('client billing terms', () => {
  it('saves named tax rates, terms and reverse charge; refuses bad rates and archived clients', async () => {
    const client = ok(await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' })).id;
    expect(ok(await ctx.dispatch('clientBilling.get', { clientId: client }))).toEqual({ clientId: client, taxRates: [], paymentTermsDays: null, reverseCharge: false, applyWallet: true });
    const saved = ok(await ctx.dispatch('clientBilling.set', { clientId: client, taxRates: [{ name: 'State', rate: '6.250' }, { name: 'Local', rate: '2.5' }], paymentTermsDays: 15, reverseCharge: false, applyWallet: false }));
    expect(saved).toEqual({ clientId: client, taxRates: [{ name: 'State', rate: '6.25' }, { name: 'Local', rate: '2.5' }], paymentTermsDays: 15, reverseCharge: false, applyWallet: false });
    for (const [rate, message] of [
      ['-1', /cannot be negative/],
      ['101', /more than 100%/],
      ['7.12345', /at most 4 decimals/],
      ['abc', /number like 20/],
    ] as const) {
      const r = await ctx.dispatch('clientBilling.set', { clientId: client, taxRates: [{ name: 'VAT', rate }], paymentTermsDays: null, reverseCharge: false });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    const twice = await ctx.dispatch('clientBilling.set', { clientId: client, taxRates: [{ name: 'VAT', rate: '1' }, { name: 'vat', rate: '2' }], paymentTermsDays: null, reverseCharge: false });
    expect(twice).toMatchObject({ ok: false, error: { message: 'Two tax rates have the same name.' } });
    ok(await ctx.dispatch('clients.archive', { id: client }));
    expect(await ctx.dispatch('clientBilling.set', { clientId: client, taxRates: [], paymentTermsDays: null, reverseCharge: false })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/archived/) } });
    expect(ok(await ctx.dispatch('clientBilling.get', { clientId: client })).paymentTermsDays).toBe(15);
  });
});
