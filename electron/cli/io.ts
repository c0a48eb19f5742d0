// Runs in the CLI. Output: data on stdout, everything else on stderr, so `meterbook call ... | jq` works.
import type { CommandError } from '../../shared/contract/result';
import type { Logger } from '../services/logger';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export const printJson = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);

/** The machine-readable failure of `meterbook call`: `{ "error": { code, message, field?, fields? } }` on stderr. */
export function printErrorJson(io: CliIo, error: CommandError): void {
  const { code, message, field, fields } = error;
  const ordered = { code, message, ...(field !== undefined && { field }), ...(fields !== undefined && { fields }) };
  io.err(`${JSON.stringify({ error: ordered }, null, 2)}\n`);
}

/** The human-readable failure of the other commands: one line on stderr. */
export function printFailure(io: CliIo, command: string, error: Pick<CommandError, 'message' | 'field'>): void {
  io.err(`meterbook ${command}: ${error.message}${error.field ? ` (field: ${error.field})` : ''}\n`);
}

/** Logs to stderr so stdout carries only the command's output. */
export function stderrLogger(io: CliIo): Logger {
  const line = (level: string, message: string, meta?: Record<string, unknown>) =>
    io.err(`[meterbook] ${level}${message}${meta && Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : ''}\n`);
  return {
    info: (m, meta) => line('', m, meta),
    warn: (m, meta) => line('warning: ', m, meta),
    error: (m, meta) => line('error: ', m, meta),
  };
}
