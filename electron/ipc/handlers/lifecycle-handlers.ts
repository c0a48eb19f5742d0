// Runs in main. Account-control commands (lifecycle) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { LIFECYCLE_COMMAND_NAMES } from '../../../shared/contract/lifecycle-names';

export function createLifecycleHandlers(_ctx: AppContext): DomainHandlers<(typeof LIFECYCLE_COMMAND_NAMES)[number]> {
  return {};
}
