// Runs anywhere. The one error type the rating engine throws, with a code the IPC layer can map.

export type RatingErrorCode = 'invalid_plan' | 'currency_mismatch' | 'invalid_usage' | 'invalid_input';

export interface RatingProblem {
  path: string;
  message: string;
}

export class RatingError extends Error {
  override name = 'RatingError';
  constructor(
    readonly code: RatingErrorCode,
    message: string,
    readonly problems: readonly RatingProblem[] = [],
  ) {
    super(message);
  }
}
