// Runs in main. Account-control commands (alerts) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { ALERTS_COMMAND_NAMES } from '../../../shared/contract/alerts-names';

export function createAlertsHandlers(_ctx: AppContext): DomainHandlers<(typeof ALERTS_COMMAND_NAMES)[number]> {
  return {};
}
