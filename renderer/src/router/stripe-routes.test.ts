import { describe, expect, it } from 'vitest';
import { href, parseRoute, section } from './routes';
import { parseStripePath, stripeHref } from './stripe-routes';

describe('stripe routes', () => {
  it('parses the sync panel with its filter; unknown filters fall back to all', () => {
    expect(parseRoute('#/stripe')).toEqual({ name: 'stripe', status: 'all' });
    expect(parseRoute('#/stripe/')).toEqual({ name: 'stripe', status: 'all' });
    expect(parseRoute('#/stripe?status=failed')).toEqual({ name: 'stripe', status: 'failed' });
    expect(parseRoute('#/stripe?status=nope')).toEqual({ name: 'stripe', status: 'all' });
    expect(parseRoute('#/stripe/12').name).toBe('not-found');
    expect(parseStripePath('stripes')).toBeNull();
  });

  it('round-trips through href and belongs to the stripe section', () => {
    for (const status of ['all', 'pending', 'failed', 'sent', 'cancelled'] as const) {
      expect(parseRoute(href({ name: 'stripe', status }))).toEqual({ name: 'stripe', status });
    }
    expect(stripeHref({ name: 'stripe', status: 'all' })).toBe('#/stripe');
    expect(section({ name: 'stripe', status: 'sent' })).toBe('stripe');
  });
});
