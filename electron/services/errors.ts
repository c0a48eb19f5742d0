// Runs in main. The one error type services throw for failures a user can act on.
import type { ErrorCode } from '../../shared/contract/result';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { field?: string; fields?: Record<string, string> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.fields !== undefined) this.fields = options.fields;
  }
}

export const notFound = (what: string, id: number | string) => new AppError('not_found', `${what} ${id} does not exist.`);
