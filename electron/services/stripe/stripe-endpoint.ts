// Runs in main (Electron, browser mode, the CLI). Where Stripe's API is: api.stripe.com, unless the test/dev
// setting METERBOOK_STRIPE_ENDPOINT points Meterbook at a fake Stripe (e.g. http://127.0.0.1:4242) for the
// end-to-end tests and local development. The packaged Electron app ignores it.
export const STRIPE_ENDPOINT_ENV = 'METERBOOK_STRIPE_ENDPOINT';

export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Parses "http://127.0.0.1:4242"; undefined when unset; throws with a message when malformed. */
export function stripeEndpointFromEnv(env: Readonly<Record<string, string | undefined>>): StripeEndpoint | undefined {
  const raw = env[STRIPE_ENDPOINT_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${STRIPE_ENDPOINT_ENV} must be a URL like http://127.0.0.1:4242 (got "${raw}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${STRIPE_ENDPOINT_ENV} must start with http:// or https:// (got "${raw}").`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port), protocol };
}
