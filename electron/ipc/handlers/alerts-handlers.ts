// Runs in main. Account-control commands (limits and alerts) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { ALERTS_COMMAND_NAMES } from '../../../shared/contract/alerts-names';

export function createAlertsHandlers(ctx: AppContext): DomainHandlers<(typeof ALERTS_COMMAND_NAMES)[number]> {
  const s = ctx.services.alerts;
  return {
    'limits.list': (input) => s.limits.list(input),
    'limits.set': (input) => s.limits.set(input),
    'alertSettings.get': (input) => s.settings.get(input),
    'alertSettings.set': (input) => s.settings.set(input),
    'alerts.list': (input) => s.centre.list(input),
    'alerts.markRead': (input) => s.centre.markRead(input),
    'alerts.evaluate': () => s.engine.evaluateAlerts(),
    'clients.overLimit': () => s.engine.overLimit(),
  };
}
