import { describe, expect, it } from 'vitest';
import { SeenIds } from './seen-ids';

describe('SeenIds', () => {
  it('remembers the first row of each id, exactly', () => {
    const seen = new SeenIds();
    expect(seen.firstSeen('a', 2)).toBeUndefined();
    expect(seen.firstSeen('b', 3)).toBeUndefined();
    expect(seen.firstSeen('a', 4)).toBe(2);
    expect(seen.firstSeen('A', 5)).toBeUndefined();
    expect(seen.firstSeen('', 6)).toBeUndefined();
    expect(seen.firstSeen('', 7)).toBe(6);
    expect(seen.firstSeen('é☃𝄞', 8)).toBeUndefined();
    expect(seen.firstSeen('é☃𝄞', 9)).toBe(8);
    expect(seen.firstSeen('e☃𝄞', 10)).toBeUndefined();
    expect(seen.size).toBe(6);
  });

  it('grows past its initial table and arena without losing ids', () => {
    const seen = new SeenIds();
    const n = 200_000;
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) if (seen.firstSeen(`call_${i}_${'x'.repeat(i % 40)}`, i + 2) !== undefined) wrong.push(i);
    for (let i = 0; i < n; i++) if (seen.firstSeen(`call_${i}_${'x'.repeat(i % 40)}`, 0) !== i + 2) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(seen.firstSeen('call_not_there', 0, false)).toBeUndefined();
    expect(seen.firstSeen('call_not_there', 1)).toBeUndefined();
    expect(seen.size).toBe(n + 1);
  });

  it('looks up without recording when asked to', () => {
    const seen = new SeenIds();
    seen.firstSeen('kept', 2);
    expect(seen.firstSeen('new', 3, false)).toBeUndefined();
    expect(seen.firstSeen('new', 4, false)).toBeUndefined();
    expect(seen.firstSeen('kept', 5, false)).toBe(2);
    expect(seen.size).toBe(1);
  });
});
