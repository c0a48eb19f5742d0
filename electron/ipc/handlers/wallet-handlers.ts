// Runs in main. Account-control commands (wallet) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { WALLET_COMMAND_NAMES } from '../../../shared/contract/wallet-names';

export function createWalletHandlers(ctx: AppContext): DomainHandlers<(typeof WALLET_COMMAND_NAMES)[number]> {
  const { wallet } = ctx.services.wallet;
  return {
    'wallet.get': (input) => wallet.get(input),
    'wallet.topUp': (input) => wallet.topUp(input),
    'wallet.adjust': (input) => wallet.adjust(input),
    'wallet.setRule': (input) => wallet.setRule(input),
    'wallet.actions': (input) => wallet.actions(input),
  };
}
