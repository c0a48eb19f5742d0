// Runs in main. Composition of the account-control services: limits and alerts.
import type { AppContextDeps } from '../app-deps';
import { AlertCentre } from './alert-centre';
import { AlertSettingsService } from './alert-settings-service';
import type { AlertSource } from './alert-source';
import { AlertsEngine } from './alerts-engine';
import { LimitsService } from './limits-service';
import { lowBalanceSource } from './low-balance-source';

export type { AlertCandidate, AlertSource } from './alert-source';

export interface AlertsServices {
  limits: LimitsService;
  settings: AlertSettingsService;
  centre: AlertCentre;
  /** evaluateAlerts({ clientIds?, now }) and overLimit(); `engine.sources` is the extension point (low balance) */
  engine: AlertsEngine;
  /** the sync and import hook: evaluates every client after new usage; never throws */
  afterIngest(accountId: number): Promise<void>;
}

export function createAlertsServices(deps: AppContextDeps, sources: AlertSource[] = [lowBalanceSource(deps)]): AlertsServices {
  const engine = new AlertsEngine(deps, sources);
  return {
    limits: new LimitsService(deps),
    settings: new AlertSettingsService(deps),
    centre: new AlertCentre(deps),
    engine,
    afterIngest: async (accountId) => {
      try {
        await engine.evaluateAlerts();
      } catch (err) {
        deps.logger.warn(`Alerts were not evaluated after new usage on provider account ${accountId}`, { error: err instanceof Error ? err.message : String(err) });
      }
    },
  };
}
