import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../../shared/domain/pricing';
import { currentSubscription } from './subscription-model';

const sub = (id: number, startDate: string, endDate: string | null): Subscription => ({
  id,
  clientId: 1,
  planId: 1,
  planVersionId: id,
  version: id,
  planName: 'Growth',
  currency: 'USD',
  startDate,
  endDate,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('currentSubscription', () => {
  const history = [sub(3, '2026-11-01', null), sub(2, '2026-06-01', '2026-11-01'), sub(1, '2026-01-01', '2026-06-01')];

  it('finds the subscription in force (end day exclusive) and the next one', () => {
    expect(currentSubscription(history, '2026-10-31')).toEqual({ current: history[1], next: history[0] });
    expect(currentSubscription(history, '2026-11-01')).toEqual({ current: history[0], next: null });
    expect(currentSubscription(history, '2026-05-31').current).toBe(history[2]);
  });

  it('has none before the first start', () => {
    expect(currentSubscription(history, '2025-12-31')).toEqual({ current: null, next: history[2] });
    expect(currentSubscription([], '2026-01-01')).toEqual({ current: null, next: null });
  });
});
