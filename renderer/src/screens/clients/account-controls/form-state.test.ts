import { describe, expect, it } from 'vitest';
import { parseThresholds, splitErrors, todayIn } from './form-state';

describe('account controls form helpers', () => {
  it('parses comma-separated thresholds', () => {
    expect(parseThresholds('50, 75,90 ,')).toEqual({ ok: true, value: [50, 75, 90] });
    expect(parseThresholds('')).toEqual({ ok: true, value: [] });
    expect(parseThresholds('50, x').ok).toBe(false);
    expect(parseThresholds('12.5').ok).toBe(false);
  });

  it('splits server errors into field and general messages', () => {
    const e = { code: 'invalid_input' as const, message: 'A top-up must be more than zero.', fields: { amount: 'A top-up must be more than zero.' } };
    expect(splitErrors(e, ['amount', 'date'])).toEqual({ mine: { amount: e.message }, general: null });
    const c = { code: 'conflict' as const, message: 'The client is archived.' };
    expect(splitErrors(c, ['amount'])).toEqual({ mine: {}, general: c });
    const other = { code: 'invalid_input' as const, message: 'Bad client', fields: { clientId: 'Bad client' } };
    expect(splitErrors(other, ['amount']).general).toBe(other);
    const item = { code: 'invalid_input' as const, message: 'Too high', fields: { 'thresholds.1': 'Too high' } };
    expect(splitErrors(item, ['thresholds'])).toEqual({ mine: { thresholds: 'Too high' }, general: null });
  });

  it('gives today in a zone', () => {
    expect(todayIn('UTC', new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-05');
    expect(todayIn('Asia/Tokyo', new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-06');
  });
});
