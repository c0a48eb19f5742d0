// Runs in main. Pricing commands -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { PRICING_COMMAND_NAMES } from '../../../shared/contract/pricing-names';

export function createPricingHandlers(ctx: AppContext): DomainHandlers<(typeof PRICING_COMMAND_NAMES)[number]> {
  const { plans, subscriptions, statements, rateCards } = ctx.services.pricing;
  return {
    'plans.list': (input) => plans.list(input),
    'plans.get': ({ id }) => plans.get(id),
    'plans.create': (input) => plans.create(input),
    'plans.update': (input) => plans.update(input),
    'plans.newVersion': (input) => plans.newVersion(input),
    'plans.delete': ({ id }) => plans.delete(id),
    'plans.archive': ({ id }) => plans.archive(id),
    'plans.restore': ({ id }) => plans.restore(id),
    'plans.preview': (input) => plans.preview(input),
    'subscriptions.list': (input) => subscriptions.list(input),
    'subscriptions.assign': (input) => subscriptions.assign(input),
    'statements.get': (input) => statements.get(input),
    'providers.setRateCard': (input) => rateCards.set(input),
  };
}
