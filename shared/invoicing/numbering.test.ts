import { describe, expect, it } from 'vitest';
import { InvoiceSettingsInput } from '../domain/invoice';
import { formatDocumentNumber, sequenceKey } from './numbering';

describe('document numbers', () => {
  it('formats the tokens and pads the sequence without cutting it', () => {
    expect(formatDocumentNumber('INV-{YYYY}-{seq:5}', '2026-11-01', 7)).toBe('INV-2026-00007');
    expect(formatDocumentNumber('{YY}{MM}/{seq:3}', '2026-03-31', 1234)).toBe('2603/1234');
    expect(formatDocumentNumber('CN{seq}', '2026-03-31', 12)).toBe('CN12');
  });

  it('keys sequences by year only with a yearly reset', () => {
    expect(sequenceKey('invoice', 'yearly', '2026-12-31')).toBe('invoice:2026');
    expect(sequenceKey('credit_note', 'never', '2026-12-31')).toBe('credit_note');
  });

  it('refuses formats without a sequence, with unknown tokens, or yearly without a year', () => {
    const ok = { invoiceNumberFormat: 'INV-{YYYY}-{seq:5}', creditNoteNumberFormat: 'CN-{YYYY}-{seq:4}', numberReset: 'yearly', paymentTermsDays: 30, reverseChargeMention: 'Reverse charge', accentColor: '#1F6FEB' } as const;
    expect(InvoiceSettingsInput.parse(ok).accentColor).toBe('#1f6feb');
    const message = (v: object) => InvoiceSettingsInput.safeParse({ ...ok, ...v }).error?.issues[0]?.message;
    expect(message({ invoiceNumberFormat: 'INV-{YYYY}' })).toMatch(/must contain \{seq\}/);
    expect(message({ invoiceNumberFormat: 'INV-{DD}-{seq}' })).toMatch(/may only use/);
    expect(message({ invoiceNumberFormat: 'INV-{seq:5}' })).toMatch(/yearly reset the number must contain \{YYYY\}/);
    expect(message({ invoiceNumberFormat: 'INV-{seq:5}', numberReset: 'never' })).toBeUndefined();
    expect(message({ paymentTermsDays: -1 })).toMatch(/cannot be negative/);
    expect(message({ accentColor: 'blue' })).toMatch(/#1f6feb/);
  });
});
