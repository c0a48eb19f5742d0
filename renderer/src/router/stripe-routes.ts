// Runs in the renderer (pure). The Stripe sync panel's route: "#/stripe", with the list filter in the query
// ("#/stripe?status=failed") so a link can open the failures and Back restores the filter.

export const OUTBOX_FILTERS = ['all', 'pending', 'failed', 'sent', 'cancelled'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export type StripeRoute = { name: 'stripe'; status: OutboxFilter };

/** Parses a path that starts with "stripe" (leading slash allowed): null when it is not the sync panel. */
export function parseStripePath(path: string): StripeRoute | null {
  const [pathname = '', query = ''] = path.replace(/^\//, '').split('?', 2);
  if (pathname.replace(/\/+$/, '') !== 'stripe') return null;
  const status = new URLSearchParams(query).get('status');
  return { name: 'stripe', status: (OUTBOX_FILTERS as readonly string[]).includes(status ?? '') ? (status as OutboxFilter) : 'all' };
}

export function stripeHref(route: StripeRoute): string {
  return route.status === 'all' ? '#/stripe' : `#/stripe?status=${route.status}`;
}
