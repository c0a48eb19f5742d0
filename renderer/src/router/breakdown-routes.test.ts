import { describe, expect, it } from 'vitest';
import { href, parseRoute, section } from './routes';

describe('breakdown route', () => {
  it('parses and builds #/breakdown with an optional month', () => {
    expect(parseRoute('#/breakdown')).toEqual({ name: 'breakdown', period: null });
    expect(parseRoute('#/breakdown?period=2026-10')).toEqual({ name: 'breakdown', period: '2026-10' });
    expect(parseRoute('#/breakdown?period=2026-13')).toEqual({ name: 'breakdown', period: null });
    expect(parseRoute('#/breakdown/x')).toEqual({ name: 'not-found', path: '/breakdown/x' });
    expect(href({ name: 'breakdown', period: '2026-10' })).toBe('#/breakdown?period=2026-10');
    expect(href({ name: 'breakdown', period: null })).toBe('#/breakdown');
    expect(section({ name: 'breakdown', period: null })).toBe('breakdown');
  });
});
