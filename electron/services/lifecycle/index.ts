// Runs in main. Composition of the account-control services: lifecycle (licenses, pauses, trials, plan changes).
import type { AppContextDeps } from '../app-deps';
import { refreshClientStatuses } from './client-status';
import { LicensesService } from './licenses-service';
import { PausesService } from './pauses-service';
import { PlanChangesService } from './plan-changes-service';
import { TrialsService } from './trials-service';

export interface LifecycleServices {
  licenses: LicensesService;
  pauses: PausesService;
  trials: TrialsService;
  planChanges: PlanChangesService;
  /** brings clients' active/trial/paused status in line with their dates today */
  refreshStatuses(): Promise<number>;
}

export function createLifecycleServices(deps: AppContextDeps): LifecycleServices {
  return {
    licenses: new LicensesService(deps),
    pauses: new PausesService(deps),
    trials: new TrialsService(deps),
    planChanges: new PlanChangesService(deps),
    refreshStatuses: () => refreshClientStatuses(deps),
  };
}
