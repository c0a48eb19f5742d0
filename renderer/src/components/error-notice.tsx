// Runs in the renderer. A failed load, with its message and a way to try again.
import type { CommandError } from '../../../shared/contract/result';

export interface ErrorNoticeProps {
  title?: string;
  error: CommandError;
  onRetry?: () => void;
}

export function ErrorNotice({ title = 'Something went wrong', error, onRetry }: ErrorNoticeProps) {
  return (
    <div className="notice notice-error" role="alert">
      <div>
        <p className="notice-title">{title}</p>
        <p>{error.message}</p>
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
