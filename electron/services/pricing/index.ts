// Runs in main. Composition of the pricing services (plans, subscriptions, statements, rate cards).
import type { AppContextDeps } from '../app-deps';
import { PlansService } from './plans-service';
import { RateCardsService } from './rate-cards-service';
import { StatementsService } from './statements-service';
import { SubscriptionsService } from './subscriptions-service';

export interface PricingServices {
  plans: PlansService;
  subscriptions: SubscriptionsService;
  statements: StatementsService;
  rateCards: RateCardsService;
}

export function createPricingServices(deps: AppContextDeps): PricingServices {
  return {
    plans: new PlansService(deps),
    subscriptions: new SubscriptionsService(deps),
    statements: new StatementsService(deps),
    rateCards: new RateCardsService(deps),
  };
}
