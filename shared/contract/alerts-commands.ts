// Runs anywhere. Contract commands for account controls: alerts.
import { z } from 'zod';

export const alertsCommands = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
