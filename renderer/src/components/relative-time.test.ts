import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const now = new Date('2026-03-05T14:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('relativeTime', () => {
  it('says now for anything within 45 seconds', () => {
    expect(relativeTime(at(-10_000), now, 'en-US')).toBe('now');
    expect(relativeTime(at(30_000), now, 'en-US')).toBe('now');
  });

  it('picks the largest fitting unit, past and future', () => {
    expect(relativeTime(at(-50_000), now, 'en-US')).toBe('50 seconds ago');
    expect(relativeTime(at(-3 * 60_000), now, 'en-US')).toBe('3 minutes ago');
    expect(relativeTime(at(15 * 60_000), now, 'en-US')).toBe('in 15 minutes');
    expect(relativeTime(at(-59.8 * 60_000), now, 'en-US')).toBe('1 hour ago');
    expect(relativeTime(at(-5 * 3_600_000), now, 'en-US')).toBe('5 hours ago');
    expect(relativeTime(at(-86_400_000), now, 'en-US')).toBe('yesterday');
    expect(relativeTime(at(2 * 86_400_000), now, 'en-US')).toBe('in 2 days');
    expect(relativeTime(at(-400 * 86_400_000), now, 'en-US')).toBe('last year');
  });

  it('has a short style for tables', () => {
    expect(relativeTime(at(-3 * 60_000), now, 'en-US', 'short')).toBe('3 min. ago');
    expect(relativeTime(at(10 * 3_600_000), now, 'en-US', 'short')).toBe('in 10 hr.');
  });

  it('uses the locale and leaves junk alone', () => {
    expect(relativeTime(at(-3 * 60_000), now, 'de-DE')).toBe('vor 3 Minuten');
    expect(relativeTime('garbage', now, 'en-US')).toBe('garbage');
  });
});
