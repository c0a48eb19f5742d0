// Runs in main. Composition of the cockpit's services (dashboard and per-client breakdown).
import type { AppContextDeps } from '../app-deps';
import { DashboardService, type DashboardDeps } from './dashboard-service';

export interface DashboardServices {
  dashboard: DashboardService;
}

export function createDashboardServices(deps: AppContextDeps, others: DashboardDeps): DashboardServices {
  return { dashboard: new DashboardService(deps, others) };
}
