// Runs in main. Composition of the account-control services: wallet.
import type { AppContextDeps } from '../app-deps';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WalletServices {}

export function createWalletServices(_deps: AppContextDeps): WalletServices {
  return {};
}
