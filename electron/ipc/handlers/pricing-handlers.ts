// Runs in main. Pricing commands -> services.
import type { AppContext } from '../../services/app-context';
import { AppError } from '../../services/errors';
import type { DomainHandlers } from '../dispatcher';
import type { PRICING_COMMAND_NAMES } from '../../../shared/contract/pricing-names';

const notYet = (): never => {
  throw new AppError('conflict', 'Pricing is not available in this build yet.');
};

export function createPricingHandlers(_ctx: AppContext): DomainHandlers<(typeof PRICING_COMMAND_NAMES)[number]> {
  return {
    'plans.list': notYet,
    'plans.get': notYet,
    'plans.create': notYet,
    'plans.update': notYet,
    'plans.newVersion': notYet,
    'plans.delete': notYet,
    'plans.archive': notYet,
    'plans.restore': notYet,
    'plans.preview': notYet,
    'subscriptions.list': notYet,
    'subscriptions.assign': notYet,
    'statements.get': notYet,
    'providers.setRateCard': notYet,
  };
}
