import { describe, expect, it } from 'vitest';
import { automaticKind, isoWeekKey, planRetention, type Retainable } from './retention';

const at = (iso: string, kind: Retainable['kind'], id = `${iso}-${kind}`): Retainable => ({ id, kind, createdAt: iso });
const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 3)).toISOString(); // 2026-10-01 is a Thursday

describe('planRetention', () => {
  it('keeps the newest 7 automatic, the newest 4 weeklies, 3 pre-restore and every manual backup', () => {
    const list: Retainable[] = [];
    for (let n = 0; n < 60; n++) list.push(at(day(n), automaticKind(new Date(day(n)), list)));
    list.push(at(day(1), 'manual'), at(day(2), 'manual'));
    for (let n = 0; n < 5; n++) list.push(at(day(40 + n), 'pre-restore'));
    const doomed = new Set(planRetention(list));
    const kept = list.filter((b) => !doomed.has(b.id));
    expect(kept.filter((b) => b.kind === 'manual')).toHaveLength(2);
    expect(kept.filter((b) => b.kind === 'pre-restore').map((b) => b.createdAt)).toEqual([day(42), day(43), day(44)]);
    const auto = kept.filter((b) => b.kind === 'daily' || b.kind === 'weekly').map((b) => b.createdAt).sort();
    // the last 7 days, plus the Monday weeklies of the 4 newest ISO weeks (two fall inside the last 7 days)
    const weeklies = kept.filter((b) => b.kind === 'weekly').map((b) => b.createdAt);
    expect(weeklies).toHaveLength(4);
    for (const w of weeklies) expect(new Date(w).getUTCDay()).toBe(1);
    expect(auto.slice(-7)).toEqual([53, 54, 55, 56, 57, 58, 59].map(day));
    expect(auto.length).toBeLessThanOrEqual(11);
  });

  it('never deletes the newest backup, even of a kind with no quota', () => {
    const list = [at(day(0), 'pre-restore'), at(day(1), 'pre-restore'), at(day(2), 'pre-restore'), at(day(3), 'pre-restore')];
    expect(planRetention(list, { daily: 0, weekly: 0, preRestore: 0 })).not.toContain(list[3]!.id);
    expect(planRetention([at(day(5), 'daily')], { daily: 0, weekly: 0, preRestore: 0 })).toEqual([]);
  });
});

describe('ISO weeks', () => {
  it('Monday to Sunday share a week; the first automatic backup of a week is its weekly', () => {
    expect(isoWeekKey(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23'); // a Monday
    expect(isoWeekKey(new Date('2026-11-29T23:59:59Z'))).toBe('2026-11-23'); // the Sunday after
    expect(isoWeekKey(new Date('2026-11-22T12:00:00Z'))).toBe('2026-11-16'); // the Sunday before
    expect(isoWeekKey(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12-28'); // across the year
    const first = at('2026-11-23T03:00:00.000Z', 'weekly');
    expect(automaticKind(new Date('2026-11-24T03:00:00Z'), [first])).toBe('daily');
    expect(automaticKind(new Date('2026-11-30T03:00:00Z'), [first])).toBe('weekly');
    expect(automaticKind(new Date('2026-11-24T03:00:00Z'), [at('2026-11-23T03:00:00.000Z', 'manual')])).toBe('weekly');
  });
});
