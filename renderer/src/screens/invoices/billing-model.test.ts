import { describe, expect, it } from 'vitest';
import { billingForm, billingInput, mapBillingErrors, newRateRow, type BillingForm } from './billing-model';
import { colorInputValue, settingsForm, settingsInput } from './settings-model';

const form = (over: Partial<BillingForm> = {}): BillingForm => ({ taxRates: [], paymentTerms: '', reverseCharge: false, applyWallet: true, ...over });

describe('client billing form', () => {
  it('round-trips the stored terms', () => {
    const f = billingForm({ clientId: 3, taxRates: [{ name: 'VAT', rate: '20' }], paymentTermsDays: null, reverseCharge: false, applyWallet: true });
    expect(f.taxRates.map((r) => [r.name, r.rate])).toEqual([['VAT', '20']]);
    expect(billingInput(3, f, 'en-US')).toEqual({ ok: true, input: { clientId: 3, taxRates: [{ name: 'VAT', rate: '20' }], paymentTermsDays: null, reverseCharge: false, applyWallet: true } });
  });

  it('skips untouched rows and reads the locale', () => {
    const r = billingInput(3, form({ taxRates: [newRateRow(), newRateRow('MwSt', '19,5')], paymentTerms: '14' }), 'de-DE');
    expect(r).toEqual({ ok: true, input: { clientId: 3, taxRates: [{ name: 'MwSt', rate: '19.5' }], paymentTermsDays: 14, reverseCharge: false, applyWallet: true } });
  });

  it('says what is wrong, per row', () => {
    const r = billingInput(3, form({ taxRates: [newRateRow('', '5'), newRateRow('VAT', '120'), newRateRow('vat', '1')], paymentTerms: '-1', reverseCharge: true }), 'en-US');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['paymentTermsDays', 'reverseCharge', 'taxRates.0.name', 'taxRates.1.rate', 'taxRates.2.name']);
    expect(r.errors['taxRates.2.name']).toBe('“vat” is listed twice.');
  });

  it('allows a zero rate with reverse charge', () => {
    expect(billingInput(3, form({ taxRates: [newRateRow('VAT', '0')], reverseCharge: true }), 'en-US').ok).toBe(true);
  });

  it('maps server row indexes back past blank rows', () => {
    const f = form({ taxRates: [newRateRow(), newRateRow('VAT', '20')] });
    expect(mapBillingErrors({ 'taxRates.0.rate': 'bad', reverseCharge: 'no' }, f)).toEqual({ 'taxRates.1.rate': 'bad', reverseCharge: 'no' });
  });
});

describe('invoice settings form', () => {
  const settings = {
    invoiceNumberFormat: 'INV-{YYYY}-{seq:5}',
    creditNoteNumberFormat: 'CN-{YYYY}-{seq:5}',
    numberReset: 'yearly' as const,
    paymentTermsDays: 30,
    paymentInstructions: null,
    defaultNote: null,
    reverseChargeMention: 'Reverse charge',
    accentColor: '#1f6feb',
    logo: null,
    nextInvoiceNumber: 'INV-2026-00001',
    nextCreditNoteNumber: 'CN-2026-00001',
  };

  it('checks like the contract before sending', () => {
    expect(settingsInput(settingsForm(settings))).toMatchObject({ ok: true, input: { paymentTermsDays: 30, accentColor: '#1f6feb' } });
    const bad = settingsInput({ ...settingsForm(settings), invoiceNumberFormat: 'INV-{seq}', paymentTermsDays: 'x', accentColor: 'blue' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(['accentColor', 'invoiceNumberFormat', 'paymentTermsDays']);
  });

  it('feeds the colour input only what it understands', () => {
    expect(colorInputValue('#ABCDEF')).toBe('#abcdef');
    expect(colorInputValue('blue')).toBe('#000000');
  });
});
