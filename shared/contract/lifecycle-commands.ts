// Runs anywhere. Contract commands for account controls: lifecycle.
import { z } from 'zod';

export const lifecycleCommands = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
