// Runs in main. Account-control commands (wallet) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { WALLET_COMMAND_NAMES } from '../../../shared/contract/wallet-names';

export function createWalletHandlers(_ctx: AppContext): DomainHandlers<(typeof WALLET_COMMAND_NAMES)[number]> {
  return {};
}
