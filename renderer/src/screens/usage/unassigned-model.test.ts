import { describe, expect, it } from 'vitest';
import { idsToAssign, rowId, seenRange, siblings, type UnassignedGroup } from './unassigned-model';

const g = (providerAccountId: number, clientKey: string | null, metricKey: string): UnassignedGroup => ({
  providerAccountId,
  providerName: `P${providerAccountId}`,
  clientKey,
  metricKey,
  events: 1,
  quantity: '1',
  cost: '0.35',
  currency: 'USD',
  firstAt: '2026-01-01T00:00:00.000Z',
  lastAt: '2026-01-02T00:00:00.000Z',
});

describe('unassigned usage', () => {
  const groups = [g(1, 'sub_account:A', 'sms'), g(1, 'sub_account:A', 'call_seconds'), g(1, null, 'sms'), g(2, 'sub_account:A', 'sms')];

  it('counts decisions: one per provider-side id and account', () => {
    expect(idsToAssign(groups)).toBe(3);
    expect(idsToAssign([])).toBe(0);
  });

  it('finds the other metrics a mapping moves too', () => {
    expect(siblings(groups, groups[0]!).map(rowId)).toEqual(['1|sub_account:A|call_seconds']);
    expect(siblings(groups, groups[3]!)).toEqual([]);
  });
});

describe('seenRange', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  // Intl puts thin spaces around the dash
  const seen = (...args: Parameters<typeof seenRange>) => seenRange(...args).replace(/\u2009/g, ' ');
  it('shows month and day, the year only outside this year, one date for one day', () => {
    expect(seen('2026-10-27T10:00:00Z', '2026-11-17T10:00:00Z', 'en-US', 'UTC', now)).toBe('Oct 27 – Nov 17');
    expect(seen('2025-12-30T10:00:00Z', '2026-01-02T10:00:00Z', 'en-US', 'UTC', now)).toBe('Dec 30, 2025 – Jan 2, 2026');
    expect(seen('2026-11-17T01:00:00Z', '2026-11-17T09:00:00Z', 'en-US', 'UTC', now)).toBe('Nov 17');
  });

  it('uses the zone', () => {
    expect(seen('2026-11-17T02:00:00Z', '2026-11-17T02:00:00Z', 'en-US', 'America/New_York', now)).toBe('Nov 16');
  });
});
