// Runs in main. Composition of the pricing services (plans, subscriptions, statements, rate cards).
import type { AppContextDeps } from '../app-deps';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PricingServices {}

export function createPricingServices(_deps: AppContextDeps): PricingServices {
  return {};
}
