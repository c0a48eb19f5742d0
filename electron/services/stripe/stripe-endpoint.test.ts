import { describe, expect, it } from 'vitest';
import { stripeEndpointFromEnv } from './stripe-endpoint';

describe('METERBOOK_STRIPE_ENDPOINT', () => {
  it('points Meterbook at a fake Stripe; unset means api.stripe.com', () => {
    expect(stripeEndpointFromEnv({})).toBeUndefined();
    expect(stripeEndpointFromEnv({ METERBOOK_STRIPE_ENDPOINT: 'http://127.0.0.1:4242' })).toEqual({ host: '127.0.0.1', port: 4242, protocol: 'http' });
    expect(stripeEndpointFromEnv({ METERBOOK_STRIPE_ENDPOINT: 'https://stripe.local' })).toEqual({ host: 'stripe.local', port: 443, protocol: 'https' });
    expect(() => stripeEndpointFromEnv({ METERBOOK_STRIPE_ENDPOINT: 'ftp://127.0.0.1:4242' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => stripeEndpointFromEnv({ METERBOOK_STRIPE_ENDPOINT: 'not a url' })).toThrow(/must be a URL/);
  });
});
