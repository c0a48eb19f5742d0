// Runs in main. Account-control commands (lifecycle) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { LIFECYCLE_COMMAND_NAMES } from '../../../shared/contract/lifecycle-names';

export function createLifecycleHandlers(ctx: AppContext): DomainHandlers<(typeof LIFECYCLE_COMMAND_NAMES)[number]> {
  const { licenses, pauses, trials, planChanges } = ctx.services.lifecycle;
  // a pause, trial or plan change can change what the client's status should be today
  const thenRefresh = async <T>(p: Promise<T> | T): Promise<T> => {
    const result = await p;
    await ctx.services.lifecycle.refreshStatuses();
    return result;
  };
  return {
    'licenses.list': (input) => licenses.list(input),
    'licenses.grant': (input) => licenses.grant(input),
    'licenses.revoke': (input) => licenses.revoke(input),
    'pauses.list': (input) => pauses.list(input),
    'pauses.start': (input) => thenRefresh(pauses.start(input)),
    'pauses.end': (input) => thenRefresh(pauses.end(input)),
    'trials.getDefaults': () => trials.getDefaults(),
    'trials.setDefaults': (input) => trials.setDefaults(input),
    'subscriptions.startTrial': (input) => thenRefresh(trials.startTrial(input)),
    'subscriptions.changePlan': (input) => thenRefresh(planChanges.change(input)),
    'subscriptions.cancelScheduled': (input) => thenRefresh(planChanges.cancelScheduled(input)),
  };
}
