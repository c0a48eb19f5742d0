// Runs in main. Composition of the account-control services: lifecycle.
import type { AppContextDeps } from '../app-deps';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LifecycleServices {}

export function createLifecycleServices(_deps: AppContextDeps): LifecycleServices {
  return {};
}
