// Runs in main. Turns the engine's RatingError into the AppError the contract returns.
import { RatingError } from '../../../shared/pricing';
import { AppError } from '../errors';

/** Runs `fn`; a RatingError becomes AppError('invalid_input') naming the field at fault. */
export function withRatingErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RatingError) {
      const path = err.problems[0]?.path;
      throw new AppError('invalid_input', err.message, path ? { field: path } : {});
    }
    throw err;
  }
}
