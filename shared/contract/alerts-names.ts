// Runs anywhere, including the preload: the alerts command names without zod (a test checks them).
export const ALERTS_COMMAND_NAMES = [
  'limits.list',
  'limits.set',
  'alertSettings.get',
  'alertSettings.set',
  'alerts.list',
  'alerts.markRead',
  'alerts.evaluate',
  'clients.overLimit',
] as const;
