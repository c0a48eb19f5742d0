// Published tier examples from Stripe and Lago (and OpenMeter/Zuplo for the quantity-0 and graduated/volume
// contrast), reproduced exactly. Where a page states the tiers but not every total, the total is computed from
// the page's definition and the comment says so.
import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { priceModel, type ModelInput } from './charge-models';
import { ChargeModel, type Tier } from './plan-schema';

const q = (n: string | number, extra: Partial<ModelInput> = {}): ModelInput => ({ quantity: new Dec(n), events: 0, providerCost: new Dec(0), ...extra });
const model = (m: unknown) => ChargeModel.parse(m);
const amount = (m: unknown, n: string | number, extra: Partial<ModelInput> = {}) => priceModel(model(m), q(n, extra)).amount.toFixed();

// https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing — "First tier 1-5 7 USD, Second tier 6-10 6.5 USD, Third tier 11+ 6 USD"
const STRIPE_FONTS: Tier[] = [
  { upTo: 5, unitPrice: '7' },
  { upTo: 10, unitPrice: '6.5' },
  { upTo: null, unitPrice: '6' },
];

describe('Stripe tiered pricing (Typographic fonts)', () => {
  it.each([
    // Stripe, volume-based table: "1 | 7 USD | 7 USD", "5 | 7 USD | 35 USD", "6 | 6.5 USD | 39 USD", "20 | 6 USD | 120 USD", "25 | 6 USD | 150 USD"
    [1, '7'],
    [5, '35'],
    [6, '39'],
    [20, '120'],
    [25, '150'],
  ])('volume: %i fonts = %s USD', (n, usd) => {
    expect(amount({ type: 'volume', tiers: STRIPE_FONTS }, n)).toBe(usd);
  });

  it.each([
    // Stripe, graduated: "5 fonts result in the same charge as volume-based pricing: 35 USD total at 7 USD per font".
    [5, '35'],
    // 6, 20 and 25 fonts: computed from the page's graduated definition ("the quantity is multiplied by the amount
    // for each tier and the totals for each tier are summed"): 5×7 + 1×6.5; 5×7 + 5×6.5 + 10×6; 5×7 + 5×6.5 + 15×6.
    [1, '7'],
    [6, '41.5'],
    [20, '127.5'],
    [25, '157.5'],
  ])('graduated: %i fonts = %s USD', (n, usd) => {
    expect(amount({ type: 'graduated', tiers: STRIPE_FONTS }, n)).toBe(usd);
  });

  it('volume can decrease as quantity grows (Stripe: "the total might decrease"), graduated cannot', () => {
    // With Stripe's card the drop is small (10 fonts × 6.5 = 65, 11 × 6 = 66 — no drop); a steeper card shows it:
    const steep: Tier[] = [
      { upTo: 10, unitPrice: '10' },
      { upTo: null, unitPrice: '5' },
    ];
    expect(amount({ type: 'volume', tiers: steep }, 10)).toBe('100');
    expect(amount({ type: 'volume', tiers: steep }, 11)).toBe('55');
    expect(amount({ type: 'graduated', tiers: steep }, 11)).toBe('105');
  });

  it('flat fee per tier (constructed from Stripe\'s tier definition: flat_amount is "the flat billing amount for an entire tier, regardless of the number of units in the tier")', () => {
    // https://docs.stripe.com/api/prices/object — tiers.flat_amount. Tiers: 1-5 7 USD + 10 USD flat; 6+ 6.5 USD + 5 USD flat.
    const tiers: Tier[] = [
      { upTo: 5, unitPrice: '7', flatFee: '10' },
      { upTo: null, unitPrice: '6.5', flatFee: '5' },
    ];
    expect(amount({ type: 'graduated', tiers }, 3)).toBe('31'); // 3×7 + 10
    expect(amount({ type: 'graduated', tiers }, 8)).toBe('69.5'); // 5×7 + 10 + 3×6.5 + 5
    expect(amount({ type: 'volume', tiers }, 3)).toBe('31'); // 3×7 + 10
    expect(amount({ type: 'volume', tiers }, 8)).toBe('57'); // 8×6.5 + 5
  });

  it('flat fee and overages via tiers (Stripe "Set up a flat fee and overages pricing model": "0-1000 | 0 USD", "1000+ | 0.04 USD")', () => {
    // https://docs.stripe.com/billing/subscriptions/usage-based-v1/use-cases/flat-fee-and-overages — totals computed.
    const tiers: Tier[] = [
      { upTo: 1000, unitPrice: '0' },
      { upTo: null, unitPrice: '0.04' },
    ];
    expect(amount({ type: 'graduated', tiers }, 1000)).toBe('0');
    expect(amount({ type: 'graduated', tiers }, 1500)).toBe('20');
  });
});

describe('Lago charge models', () => {
  it('volume: "65,000 API calls would cost 65,000 x $0.0006 + $10 = $49"', () => {
    // https://getlago.com/docs/guide/plans/charges/charge-models/volume
    const tiers: Tier[] = [
      { from: 0, upTo: 10_000, unitPrice: '0.0010', flatFee: '10' },
      { from: 10_001, upTo: 50_000, unitPrice: '0.0008', flatFee: '10' },
      { from: 50_001, upTo: 100_000, unitPrice: '0.0006', flatFee: '10' },
      { from: 100_001, upTo: null, unitPrice: '0.0004', flatFee: '10' },
    ];
    expect(amount({ type: 'volume', tiers }, 65_000)).toBe('49');
  });

  it('graduated: "$1 per unit for the first 100 units ..., then $0.50 per unit for the next 100 calls and finally, $0.10 for any additional unit"', () => {
    // https://getlago.com/docs/guide/plans/charges/charge-models/graduated — the page gives no total; computed.
    const tiers: Tier[] = [
      { upTo: 100, unitPrice: '1' },
      { upTo: 200, unitPrice: '0.50' },
      { upTo: null, unitPrice: '0.10' },
    ];
    expect(amount({ type: 'graduated', tiers }, 100)).toBe('100');
    expect(amount({ type: 'graduated', tiers }, 250)).toBe('155'); // 100 + 50 + 5
    const r = priceModel(model({ type: 'graduated', tiers }), q(250));
    expect(r.breakdown.map((b) => [b.label, b.quantity.toFixed(), b.amount.toFixed()])).toEqual([
      ['1 to 100', '100', '100'],
      ['101 to 200', '100', '50'],
      ['201 and above', '50', '5'],
    ]);
  });

  it('package: "201 units would cost $0 (first 100 units) + $5 (next 100 units) + $5 (last unit) = $10"', () => {
    // https://getlago.com/docs/guide/plans/charges/charge-models/package
    const m = { type: 'package', packageSize: 100, packagePrice: '5', freeUnits: 100 };
    expect(amount(m, 201)).toBe('10');
    expect(amount(m, 100)).toBe('0');
    expect(amount(m, 101)).toBe('5');
    expect(amount(m, 0)).toBe('0');
  });

  it('percentage with free units: "the first 3 events or $500 are free" ... "the charge will be $0.10 x 1 event + 1.2% of $50 = $0.70"', () => {
    // https://getlago.com/docs/guide/plans/charges/charge-models/percentage — Transactions $200, $100, $100 free, $50 charged.
    const m = { type: 'percentage', rate: '1.2', fixedFeePerEvent: '0.10', freeEvents: 3, freeAmount: '500' };
    const events = ['200', '100', '100', '50'].map((v) => new Dec(v));
    expect(amount(m, '450', { events: 4, eventAmounts: events })).toBe('0.7');
  });

  it('percentage without free units: Lago\'s Stripe template, card payments "2.9% | $0.30"', () => {
    // https://getlago.com/docs/templates/per-transaction/stripe — two payments of $100 and $50: computed.
    const m = { type: 'percentage', rate: '2.9', fixedFeePerEvent: '0.30' };
    expect(amount(m, '150', { events: 2 })).toBe('4.95'); // 2.9 % × 150 + 2 × 0.30
  });

  it('percentage with a per-event minimum and maximum (Lago: "per_transaction_min_amount / per_transaction_max_amount")', () => {
    // https://getlago.com/changelog/minimum-maximum-price-per-transaction — values constructed.
    const m = { type: 'percentage', rate: '1', fixedFeePerEvent: '0', minPerEvent: '0.50', maxPerEvent: '5' };
    const events = ['10', '200', '1000'].map((v) => new Dec(v)); // fees 0.10 -> 0.50, 2, 10 -> 5
    expect(amount(m, '1210', { events: 3, eventAmounts: events })).toBe('7.5');
  });

  it('percentage needs per-event amounts when it has per-event options', () => {
    const m = { type: 'percentage', rate: '1', freeEvents: 2 };
    expect(() => amount(m, '100', { events: 3 })).toThrow('pass the per-event amounts');
  });
});

describe('graduated vs volume on one published card (Zuplo monetization docs)', () => {
  // https://zuplo.com/docs/articles/monetization/pricing-models — "0 - 1,000 $0.10 | 1,001 - 10,000 $0.05 | 10,001+ $0.01"
  const tiers: Tier[] = [
    { from: 0, upTo: 1000, unitPrice: '0.10' },
    { from: 1001, upTo: 10_000, unitPrice: '0.05' },
    { from: 10_001, upTo: null, unitPrice: '0.01' },
  ];
  it('graduated: "(1,000 × $0.10) + (9,000 × $0.05) + (5,000 × $0.01) = ... $600"', () => {
    expect(amount({ type: 'graduated', tiers }, 15_000)).toBe('600');
  });
  it('volume: "15,000 × $0.01 = $150"', () => {
    expect(amount({ type: 'volume', tiers }, 15_000)).toBe('150');
  });
});

describe('quantity 0 (per-charge option zeroQuantity)', () => {
  // Kong/OpenMeter docs (github.com/Kong/developer.konghq.com/pull/4888, openmeterio/openmeter#2119):
  // "(1000 * $0 + $500) + (1000 * $0.1 + $0) = $500 + $100 = $600" and "if you have a flat fee of $500 in the first
  // tier, the total amount will be $500 when the quantity is 0". Lago charges nothing at 0 units (flat only when
  // the range has units). Meterbook's default is 'nothing'; 'first_tier_flat_fee' reproduces OpenMeter.
  const tiers: Tier[] = [
    { upTo: 1000, unitPrice: '0', flatFee: '500' },
    { upTo: null, unitPrice: '0.1' },
  ];
  it('2,000 units = $600 either way', () => {
    expect(amount({ type: 'graduated', tiers }, 2000)).toBe('600');
    expect(amount({ type: 'graduated', tiers, zeroQuantity: 'first_tier_flat_fee' }, 2000)).toBe('600');
  });
  it('0 units: nothing by default, the first tier flat fee when asked', () => {
    expect(amount({ type: 'graduated', tiers }, 0)).toBe('0');
    expect(amount({ type: 'graduated', tiers, zeroQuantity: 'first_tier_flat_fee' }, 0)).toBe('500');
    expect(amount({ type: 'volume', tiers }, 0)).toBe('0');
    expect(amount({ type: 'volume', tiers, zeroQuantity: 'first_tier_flat_fee' }, 0)).toBe('500');
  });
  it('the other models charge 0 at quantity 0', () => {
    expect(amount({ type: 'per_unit', unitPrice: '0.35' }, 0)).toBe('0');
    expect(amount({ type: 'package', packageSize: 10, packagePrice: '1' }, 0)).toBe('0');
    expect(amount({ type: 'allowance', included: '1000', overageUnitPrice: '0.35' }, 0)).toBe('0');
    expect(amount({ type: 'percentage', rate: '2', fixedFeePerEvent: '0.3' }, 0)).toBe('0');
    expect(amount({ type: 'cost_multiplier', multiplier: '1.2' }, 0)).toBe('0');
  });
});

describe('exact sub-cent arithmetic', () => {
  it('0.0069 × 720 = 4.968 exactly, not 4.968000000000001', () => {
    expect(amount({ type: 'per_unit', unitPrice: '0.0069' }, 720)).toBe('4.968');
  });
  it('fractional quantities fall in the tier above an integer bound', () => {
    const tiers: Tier[] = [
      { upTo: 10, unitPrice: '1' },
      { upTo: null, unitPrice: '0.5' },
    ];
    expect(amount({ type: 'graduated', tiers }, '10.5')).toBe('10.25');
    expect(amount({ type: 'volume', tiers }, '10.5')).toBe('5.25');
  });
  it('cost multiplier: 0x rebills nothing, 1.2x is cost + 20 %', () => {
    expect(amount({ type: 'cost_multiplier', multiplier: '0' }, 1, { providerCost: new Dec('12.34') })).toBe('0');
    expect(amount({ type: 'cost_multiplier', multiplier: '1.2' }, 1, { providerCost: new Dec('12.34') })).toBe('14.808');
  });
});
