import { describe, expect, it } from 'vitest';
import { href, parseRoute, section, type Route } from '../../router/routes';

describe('pricing routes', () => {
  it('parses the plan list, the new plan and a plan', () => {
    expect(parseRoute('#/plans')).toEqual({ name: 'plans' });
    expect(parseRoute('#/plans/')).toEqual({ name: 'plans' });
    expect(parseRoute('#/plans/new')).toEqual({ name: 'plan-new' });
    expect(parseRoute('#/plans/12')).toEqual({ name: 'plan', id: 12 });
  });

  it('parses a client statement with or without its period', () => {
    expect(parseRoute('#/clients/4/statement?period=2026-10')).toEqual({ name: 'client-statement', id: 4, period: '2026-10' });
    expect(parseRoute('#/clients/4/statement?period=2026')).toEqual({ name: 'client-statement', id: 4, period: '2026' });
    expect(parseRoute('#/clients/4/statement')).toEqual({ name: 'client-statement', id: 4, period: null });
    expect(parseRoute('#/clients/4/statement?period=2026-13')).toEqual({ name: 'client-statement', id: 4, period: null });
  });

  it('rejects what is not a route', () => {
    for (const bad of ['#/plans/0', '#/plans/x', '#/plans/1/2', '#/clients/0/statement', '#/clients/4/statements', '#/clients/4/statement/x']) {
      expect(parseRoute(bad).name, bad).toBe('not-found');
    }
  });

  it('round-trips through href and belongs to a sidebar section', () => {
    const routes: Route[] = [
      { name: 'plans' },
      { name: 'plan-new' },
      { name: 'plan', id: 3 },
      { name: 'client-statement', id: 9, period: '2026-10' },
      { name: 'client-statement', id: 9, period: null },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
    expect(href({ name: 'client-statement', id: 9, period: '2026-10' })).toBe('#/clients/9/statement?period=2026-10');
    expect(section({ name: 'plan', id: 1 })).toBe('plans');
    expect(section({ name: 'client-statement', id: 1, period: null })).toBe('clients');
  });
});
