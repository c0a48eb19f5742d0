// Runs in main. Composition of the account-control services: alerts.
import type { AppContextDeps } from '../app-deps';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AlertsServices {}

export function createAlertsServices(_deps: AppContextDeps): AlertsServices {
  return {};
}
