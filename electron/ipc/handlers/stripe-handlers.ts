// Runs in main. Stripe sync commands -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { STRIPE_COMMAND_NAMES } from '../../../shared/contract/stripe-names';

export function createStripeHandlers(ctx: AppContext): DomainHandlers<(typeof STRIPE_COMMAND_NAMES)[number]> {
  const { connection, sync } = ctx.services.stripe;
  return {
    'stripe.status': () => connection.status(),
    'stripe.connect': (input) => connection.connect(input),
    'stripe.setMode': ({ mode }) => connection.setMode(mode),
    'stripe.test': () => connection.test(),
    'stripe.disconnect': () => connection.disconnect(),
    'stripe.customerLink': ({ clientId }) => connection.customerLink(clientId),
    'stripe.findCustomers': (input) => connection.findCustomers(input),
    'stripe.linkCustomer': (input) => connection.linkCustomer(input),
    'stripe.createCustomer': ({ clientId }) => connection.createCustomer(clientId),
    'stripe.unlinkCustomer': ({ clientId }) => connection.unlinkCustomer(clientId),
    'stripe.outbox': (input) => sync.list(input),
    'stripe.retry': ({ id }) => sync.retry(id),
    'stripe.cancel': ({ id }) => sync.cancel(id),
    'stripe.syncNow': () => sync.syncNow(),
    'stripe.invoice': ({ invoiceId }) => sync.invoice(invoiceId),
  };
}
