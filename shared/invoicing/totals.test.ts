import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTotals, lineAmount, TotalsError } from './totals';

const base = { discounts: [], taxes: [], reverseCharge: false, walletBalance: null } as const;

describe('invoice totals (order of operations: docs/INVOICES.md)', () => {
  it('applies discounts before taxes, each tax on the same net, each rounded once', () => {
    const t = computeTotals({
      ...base,
      currency: 'USD',
      lineAmounts: ['175.00', '49.99', '10.01'],
      discounts: [{ kind: 'percent', value: '10', description: 'Loyalty' }, { kind: 'fixed', value: '5.00', description: 'Goodwill' }],
      taxes: [{ name: 'State', rate: '6.25' }, { name: 'Local', rate: '2.5' }],
    });
    expect(t.subtotal).toBe('235.00');
    expect(t.discounts.map((d) => d.amount)).toEqual(['23.50', '5.00']);
    expect(t.net).toBe('206.50');
    // 206.50 × 6.25% = 12.90625 → 12.91; × 2.5% = 5.1625 → 5.16
    expect(t.taxes).toEqual([
      { name: 'State', rate: '6.25', base: '206.50', amount: '12.91' },
      { name: 'Local', rate: '2.5', base: '206.50', amount: '5.16' },
    ]);
    expect(t.taxTotal).toBe('18.07');
    expect(t.total).toBe('224.57');
    expect(t.amountDue).toBe('224.57');
  });

  it('pays from the prepaid balance before the amount due', () => {
    const t = computeTotals({ ...base, currency: 'EUR', lineAmounts: ['100.00'], taxes: [{ name: 'VAT', rate: '20' }], walletBalance: '50.00' });
    expect([t.total, t.paidFromBalance, t.amountDue]).toEqual(['120.00', '50.00', '70.00']);
    const all = computeTotals({ ...base, currency: 'EUR', lineAmounts: ['100.00'], walletBalance: '500.00' });
    expect([all.paidFromBalance, all.amountDue]).toEqual(['100.00', '0.00']);
    const negative = computeTotals({ ...base, currency: 'EUR', lineAmounts: ['100.00'], walletBalance: '-20.00' });
    expect(negative.paidFromBalance).toBe('0.00');
  });

  it('reverse charge: no tax lines', () => {
    const t = computeTotals({ ...base, currency: 'EUR', lineAmounts: ['100.00'], taxes: [{ name: 'VAT', rate: '20' }], reverseCharge: true });
    expect(t.taxes).toEqual([]);
    expect(t.total).toBe('100.00');
  });

  it('is exact for zero- and three-decimal currencies', () => {
    const jpy = computeTotals({ ...base, currency: 'JPY', lineAmounts: ['1230', '45'], taxes: [{ name: 'Consumption tax', rate: '10' }] });
    expect([jpy.net, jpy.taxTotal, jpy.total]).toEqual(['1275', '128', '1403']);
    const kwd = computeTotals({ ...base, currency: 'KWD', lineAmounts: ['1.235', '0.010'], discounts: [{ kind: 'percent', value: '5', description: 'x' }], taxes: [{ name: 'VAT', rate: '5' }] });
    // 1.245 × 5% = 0.06225 → 0.062; net 1.183; tax 0.05915 → 0.059
    expect([kwd.discountTotal, kwd.net, kwd.taxTotal, kwd.total]).toEqual(['0.062', '1.183', '0.059', '1.242']);
    expect(lineAmount('3', '0.0125', 'USD')).toBe('0.04');
    expect(lineAmount('3', '0.0125', 'KWD')).toBe('0.038');
  });

  it('refuses discounts above the subtotal and fixed discounts finer than the currency', () => {
    expect(() => computeTotals({ ...base, currency: 'USD', lineAmounts: ['10.00'], discounts: [{ kind: 'fixed', value: '10.01', description: 'Too much' }] })).toThrow(TotalsError);
    expect(() => computeTotals({ ...base, currency: 'JPY', lineAmounts: ['1000'], discounts: [{ kind: 'fixed', value: '10.5', description: 'Half yen' }] })).toThrow(/more decimals than JPY allows/);
  });

  it('a full credit note is the exact negation of its invoice (property)', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((c) => (c / 100).toFixed(2));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 250_000 }), (lines, pct, rate) => {
        const taxes = [{ name: 'T', rate: (rate / 10_000).toString() }];
        const discounts = pct > 0 ? [{ kind: 'percent' as const, value: String(pct), description: 'd' }] : [];
        const inv = computeTotals({ ...base, currency: 'USD', lineAmounts: lines, discounts, taxes });
        const cn = computeTotals({ ...base, currency: 'USD', lineAmounts: lines.map((l) => (l === '0.00' ? l : `-${l}`)), discounts, taxes }, -1);
        const neg = (s: string) => (/[1-9]/.test(s) ? `-${s}` : s);
        expect([cn.subtotal, cn.discountTotal, cn.net, cn.taxTotal, cn.total]).toEqual([inv.subtotal, inv.discountTotal, inv.net, inv.taxTotal, inv.total].map(neg));
      }),
    );
  });
});
