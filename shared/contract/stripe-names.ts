// Runs anywhere, including the preload: the Stripe command names without zod (a test checks them).
export const STRIPE_COMMAND_NAMES = [
  'stripe.status',
  'stripe.connect',
  'stripe.setMode',
  'stripe.test',
  'stripe.disconnect',
  'stripe.customerLink',
  'stripe.findCustomers',
  'stripe.linkCustomer',
  'stripe.createCustomer',
  'stripe.unlinkCustomer',
  'stripe.outbox',
  'stripe.retry',
  'stripe.cancel',
  'stripe.syncNow',
  'stripe.invoice',
] as const;
