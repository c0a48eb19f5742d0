import { describe, expect, it } from 'vitest';
import { href, parseRoute, section, type Route } from './routes';

describe('parseRoute', () => {
  it('treats an empty hash as the dashboard', () => {
    expect(parseRoute('')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(href({ name: 'dashboard' })).toBe('#/dashboard');
    expect(parseRoute('#/dashboard/x')).toEqual({ name: 'not-found', path: '/dashboard/x' });
  });

  it('parses every screen', () => {
    expect(parseRoute('#/clients')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/42')).toEqual({ name: 'client', id: 42 });
    expect(parseRoute('#/providers')).toEqual({ name: 'providers' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/welcome')).toEqual({ name: 'welcome' });
    expect(parseRoute('#/welcome/agency')).toEqual({ name: 'welcome-agency' });
    expect(parseRoute('#/welcome/setup')).toEqual({ name: 'welcome-setup' });
  });

  it('rejects ids that are not positive integers and unknown paths', () => {
    for (const bad of ['#/clients/0', '#/clients/-1', '#/clients/abc', '#/clients/1.5', '#/clients/007', '#/nope', '#/clients/1/x', '#main']) {
      expect(parseRoute(bad).name, bad).toBe('not-found');
    }
  });

  it('round-trips through href', () => {
    const routes: Route[] = [
      { name: 'clients' },
      { name: 'client', id: 7 },
      { name: 'providers' },
      { name: 'settings' },
      { name: 'welcome' },
      { name: 'welcome-agency' },
      { name: 'welcome-setup' },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
  });

  it('maps routes to sidebar sections', () => {
    expect(section({ name: 'client', id: 1 })).toBe('clients');
    expect(section({ name: 'welcome' })).toBeNull();
  });
});
