// Runs anywhere, including the preload: the pricing command names without zod (a test checks them).
export const PRICING_COMMAND_NAMES = [
  'plans.list',
  'plans.get',
  'plans.create',
  'plans.update',
  'plans.newVersion',
  'plans.delete',
  'plans.archive',
  'plans.restore',
  'plans.preview',
  'subscriptions.list',
  'subscriptions.assign',
  'statements.get',
  'providers.setRateCard',
] as const;
