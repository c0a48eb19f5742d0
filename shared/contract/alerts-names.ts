// Runs anywhere, including the preload: the alerts command names without zod (a test checks them).
export const ALERTS_COMMAND_NAMES = [] as const;
