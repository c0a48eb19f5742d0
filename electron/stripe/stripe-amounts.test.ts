import { describe, expect, it } from 'vitest';
import { assertChargeable, fromStripeAmount, stripeExponent, toStripeAmount } from './stripe-amounts';
import { classifyStripeError } from './stripe-error';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return classifyStripeError(e);
  }
  throw new Error('expected a refusal');
};

describe('Stripe amounts', () => {
  it('uses Stripe minor units: cents, whole yen, fils, ISK x 100, whole ariary', () => {
    expect(toStripeAmount('12.34', 'USD')).toBe(1234);
    expect(toStripeAmount('1234', 'JPY')).toBe(1234);
    expect(toStripeAmount('1.234', 'KWD')).toBe(1234);
    expect(toStripeAmount('-0.5', 'EUR')).toBe(-50);
    expect(toStripeAmount('15', 'ISK')).toBe(1500);
    expect(toStripeAmount('300.00', 'MGA')).toBe(300);
    expect([stripeExponent('jpy'), stripeExponent('usd'), stripeExponent('kwd'), stripeExponent('isk'), stripeExponent('mga')]).toEqual([0, 2, 3, 2, 0]);
  });

  it('refuses amounts finer than the unit instead of rounding them silently', () => {
    expect(refusal(() => toStripeAmount('12.345', 'USD'))).toMatchObject({ kind: 'permanent', code: 'amount_precision' });
    expect(refusal(() => toStripeAmount('10.5', 'JPY')).message).toContain('no decimals');
    expect(refusal(() => toStripeAmount('1.2345', 'KWD')).kind).toBe('permanent');
    expect(refusal(() => toStripeAmount('300.50', 'MGA')).kind).toBe('permanent');
    expect(refusal(() => toStripeAmount('99999999999999999999', 'USD'))).toMatchObject({ code: 'amount_too_large' });
  });

  it('converts back exactly', () => {
    expect(fromStripeAmount(1234, 'KWD').toFixed()).toBe('1.234');
    expect(fromStripeAmount(1234, 'JPY').toFixed()).toBe('1234');
    expect(fromStripeAmount(1500, 'ISK').toFixed()).toBe('15');
  });

  it('applies the payment rules: three-decimal charges end in 0, ISK whole kronur', () => {
    expect(() => assertChargeable(1230, 'KWD')).not.toThrow();
    expect(refusal(() => assertChargeable(1234, 'KWD')).message).toContain('multiples of 0.010 KWD; 1.234 KWD');
    expect(refusal(() => assertChargeable(1550, 'ISK')).code).toBe('amount_isk_whole');
    expect(refusal(() => assertChargeable(0, 'USD')).code).toBe('amount_too_small');
  });
});
