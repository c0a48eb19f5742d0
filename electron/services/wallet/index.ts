// Runs in main. Composition of the account-control services: wallet.
import type { AppContextDeps } from '../app-deps';
import { WalletService } from './wallet-service';
import type { StripeOutbox } from '../stripe/outbox';

export { WALLET_TABLES, type DebitForInvoiceInput, type DebitResult } from './wallet-service';
export { walletAlertsFor, type WalletAlert, type WalletAlertState } from './wallet-alerts';

export interface WalletServices {
  wallet: WalletService;
}

export function createWalletServices(deps: AppContextDeps, outbox?: StripeOutbox): WalletServices {
  return { wallet: new WalletService(deps, outbox) };
}
