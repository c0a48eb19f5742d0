// Runs anywhere, including the preload: the lifecycle command names without zod (a test checks them).
export const LIFECYCLE_COMMAND_NAMES = [] as const;
