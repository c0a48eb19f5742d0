// Runs anywhere. Contract commands for account controls: wallet.
import { z } from 'zod';

export const walletCommands = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
