import { describe, expect, it } from 'vitest';
import { billablePart, planChangeAmount } from './proration';
import { Dec } from '../money/decimal';

const SEP = { start: '2026-09-01T00:00:00Z', end: '2026-10-01T00:00:00Z' };

describe('billable part of a period', () => {
  it('a whole period, a start on day 16, an end, a pause, a trial', () => {
    expect(billablePart(SEP, undefined, null, 'prorate_immediately').fraction.toFixed()).toBe('1');
    expect(billablePart(SEP, { start: '2026-09-16T00:00:00Z' }, null, 'prorate_immediately').fraction.toFixed()).toBe('0.5');
    expect(billablePart(SEP, { start: '2026-01-01T00:00:00Z', end: '2026-09-07T00:00:00Z' }, null, 'prorate_immediately').fraction.toFixed()).toBe('0.2');
    expect(billablePart(SEP, { pauses: [{ start: '2026-09-04T00:00:00Z', end: '2026-09-10T00:00:00Z' }] }, null, 'prorate_immediately').fraction.toFixed()).toBe('0.8');
    const trialEnd = Date.parse('2026-09-10T00:00:00Z');
    expect(billablePart(SEP, { start: '2026-08-11T00:00:00Z' }, trialEnd, 'prorate_immediately').fraction.toFixed()).toBe('0.7');
  });
  it('next_cycle: the state at the period start decides', () => {
    expect(billablePart(SEP, { start: '2026-09-16T00:00:00Z' }, null, 'next_cycle').fraction.toFixed()).toBe('0');
    expect(billablePart(SEP, { start: '2026-01-01T00:00:00Z', end: '2026-09-07T00:00:00Z' }, null, 'next_cycle').fraction.toFixed()).toBe('1');
    expect(billablePart(SEP, { pauses: [{ start: '2026-08-20T00:00:00Z', end: '2026-09-10T00:00:00Z' }] }, null, 'next_cycle').fraction.toFixed()).toBe('0');
  });
  it('plan change: (new − old) × the rest of the period', () => {
    const r = planChangeAmount(SEP, '2026-09-16T00:00:00Z', new Dec(100), new Dec(200));
    expect([r.amount.toFixed(), r.remaining.toFixed()]).toEqual(['50', '0.5']);
    expect(() => planChangeAmount(SEP, '2026-10-01T00:00:00Z', new Dec(1), new Dec(2))).toThrow('inside the period');
  });
});
