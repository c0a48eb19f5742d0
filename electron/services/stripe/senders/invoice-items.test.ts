// The snapshot -> Stripe items mapping (pure): amounts only, refs stable, sum = amount due.
import { describe, expect, it } from 'vitest';
import type { InvoiceSnapshot } from '../../../../shared/domain/invoice';
import { daysUntilDue, planInvoiceItems } from './invoice-items';

const party = { name: 'X', contactName: null, email: null, phone: null, addressLines: [], taxId: null };
const snapshot = (over: Partial<InvoiceSnapshot>): InvoiceSnapshot => ({
  schemaVersion: 1,
  kind: 'invoice',
  number: 'INV-2026-00001',
  currency: 'USD',
  locale: 'en-US',
  issueDate: '2026-11-03',
  dueDate: '2026-11-17',
  paymentTermsDays: 14,
  period: null,
  agency: party,
  client: party,
  branding: { accentColor: '#000000', logo: null },
  planName: null,
  lines: [],
  discounts: [],
  taxes: [],
  reverseChargeMention: null,
  totals: { subtotal: '0', discountTotal: '0', net: '0', taxTotal: '0', total: '0', paidFromBalance: '0', amountDue: '0' },
  notes: null,
  paymentInstructions: null,
  creditOf: null,
  creditReason: null,
  ...over,
});
const line = (description: string, amount: string, quantity = '1', unitPrice: string | null = null) => ({ source: 'manual' as const, kind: 'manual', description, metricKey: null, quantity, unit: 'hour', unitPrice, amount, note: null });

describe('planInvoiceItems', () => {
  it('the worked example of INVOICES.md, with a prepaid part: items add up to the amount due', () => {
    const items = planInvoiceItems(
      snapshot({
        lines: [line('Base', '525.00'), line('Workshop', '120.25', '2', '60.125')],
        discounts: [
          { description: 'Loyalty', kind: 'percent', value: '10', amount: '64.53' },
          { description: 'Goodwill', kind: 'fixed', value: '5.00', amount: '5.00' },
        ],
        taxes: [
          { name: 'State', rate: '6.25', base: '575.72', amount: '35.98' },
          { name: 'City', rate: '2.5', base: '575.72', amount: '14.39' },
        ],
        totals: { subtotal: '645.25', discountTotal: '69.53', net: '575.72', taxTotal: '50.37', total: '626.09', paidFromBalance: '26.09', amountDue: '600.00' },
      }),
    );
    expect(items).toEqual([
      { ref: 'line-0', amount: '525.00', description: 'Base' },
      { ref: 'line-1', amount: '120.25', description: 'Workshop (2 hour × 60.125 USD)' },
      { ref: 'discount-0', amount: '-64.53', description: 'Discount: Loyalty (10%)' },
      { ref: 'discount-1', amount: '-5.00', description: 'Discount: Goodwill' },
      { ref: 'tax-0', amount: '35.98', description: 'State 6.25%' },
      { ref: 'tax-1', amount: '14.39', description: 'City 2.5%' },
      { ref: 'prepaid-balance', amount: '-26.09', description: 'Paid from prepaid balance' },
    ]);
  });

  it('refuses a snapshot whose parts do not add up (never pushes a wrong total)', () => {
    expect(() => planInvoiceItems(snapshot({ lines: [line('Base', '10.00')], totals: { subtotal: '10.00', discountTotal: '0', net: '10.00', taxTotal: '0', total: '10.00', paidFromBalance: '0', amountDue: '9.99' } }))).toThrow(/add up to 10 USD, not its amount due 9.99/);
  });

  it('days until due count from the day of the push, never negative', () => {
    expect(daysUntilDue('2026-11-17', '2026-11-03')).toBe(14);
    expect(daysUntilDue('2026-11-17', '2026-11-20')).toBe(0);
    expect(daysUntilDue(null, '2026-11-03')).toBe(0);
  });
});
