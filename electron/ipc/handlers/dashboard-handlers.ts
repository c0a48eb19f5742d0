// Runs in main. Dashboard and breakdown commands -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { DASHBOARD_COMMAND_NAMES } from '../../../shared/contract/dashboard-names';

export function createDashboardHandlers(ctx: AppContext): DomainHandlers<(typeof DASHBOARD_COMMAND_NAMES)[number]> {
  const { dashboard } = ctx.services.dashboard;
  return {
    'dashboard.summary': (input) => dashboard.summary(input),
    'dashboard.usageSeries': (input) => dashboard.usageSeries(input),
    'dashboard.monthly': (input) => dashboard.monthly(input),
    'breakdown.list': (input) => dashboard.breakdown(input),
  };
}
