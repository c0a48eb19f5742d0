// Runs anywhere, including the preload: the lifecycle command names without zod (a test checks them).
export const LIFECYCLE_COMMAND_NAMES = [
  'licenses.list',
  'licenses.grant',
  'licenses.revoke',
  'pauses.list',
  'pauses.start',
  'pauses.end',
  'trials.getDefaults',
  'trials.setDefaults',
  'subscriptions.startTrial',
  'subscriptions.changePlan',
  'subscriptions.cancelScheduled',
] as const;
