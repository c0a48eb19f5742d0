// Runs anywhere. The envelope every command returns, over IPC, HTTP and the CLI alike.
import { z } from 'zod';

export const ERROR_CODES = [
  /** the input failed its schema or a business rule about a field */
  'invalid_input',
  'not_found',
  /** the change collides with existing data (duplicate name, version in use...) */
  'conflict',
  /** the caller may not do this (wrong sender frame, missing token) */
  'forbidden',
  'unknown_command',
  /** a bug or an environment failure; details are in the log, never in the message */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const CommandError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** dotted path of the field at fault ("address.country"), for forms */
  field: z.string().optional(),
  /** every field at fault with its message, when several are */
  fields: z.record(z.string(), z.string()).optional(),
});
export type CommandError = z.infer<typeof CommandError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: CommandError };
