import { describe, expect, it } from 'vitest';
import { href, parseRoute, section, type Route } from './routes';

describe('usage-ingestion routes', () => {
  it('parses provider detail, unassigned usage and the import wizard', () => {
    expect(parseRoute('#/providers/12')).toEqual({ name: 'provider', id: 12 });
    expect(parseRoute('#/usage/unassigned')).toEqual({ name: 'unassigned' });
    expect(parseRoute('#/import')).toEqual({ name: 'import', accountId: null });
    expect(parseRoute('#/import?account=4')).toEqual({ name: 'import', accountId: 4 });
    expect(parseRoute('#/import?account=abc')).toEqual({ name: 'import', accountId: null });
    expect(parseRoute('#/import?account=0')).toEqual({ name: 'import', accountId: null });
  });

  it('rejects what is not a route', () => {
    for (const bad of ['#/providers/0', '#/providers/x', '#/providers/1/2', '#/usage', '#/usage/other', '#/importer', '#/import/1']) {
      expect(parseRoute(bad).name, bad).toBe('not-found');
    }
  });

  it('round-trips through href', () => {
    const routes: Route[] = [
      { name: 'provider', id: 3 },
      { name: 'unassigned' },
      { name: 'import', accountId: null },
      { name: 'import', accountId: 9 },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
    expect(href({ name: 'import', accountId: 9 })).toBe('#/import?account=9');
  });

  it('maps the new routes to sidebar sections', () => {
    expect(section({ name: 'provider', id: 1 })).toBe('providers');
    expect(section({ name: 'unassigned' })).toBe('unassigned');
    expect(section({ name: 'import', accountId: 2 })).toBe('import');
  });
});
