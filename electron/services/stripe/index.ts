// Runs in main. Composition of the Stripe services: the connection (key, mode, customer links) and the sync
// (outbox sender, payment-status polling). The write side of the outbox (StripeOutbox) is built in
// app-context.ts before the services that queue into it.
import type { AppContextDeps } from '../app-deps';
import type { InvoiceServices } from '../invoices';
import type { WalletServices } from '../wallet';
import { StripeConnectionService } from './connection-service';
import type { StripeOutbox } from './outbox';
import { StripeSyncService } from './sync-service';

export interface StripeServices {
  connection: StripeConnectionService;
  sync: StripeSyncService;
}

export function createStripeServices(deps: AppContextDeps, others: { outbox: StripeOutbox; invoices: InvoiceServices; wallet: WalletServices }): StripeServices {
  const connection = new StripeConnectionService(deps, others.outbox);
  const sync = new StripeSyncService(deps, { connection, outbox: others.outbox, invoices: others.invoices, wallet: others.wallet });
  return { connection, sync };
}
