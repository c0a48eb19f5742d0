// Runs in the renderer. The list of problems at the top of a form; each item moves focus to its field.
import { useEffect, useId, useRef } from 'react';
import type { CommandError } from '../../../shared/contract/result';
import type { SummaryItem } from './field-errors';

export interface ErrorSummaryProps {
  /** what failed, e.g. "The client was not saved." */
  title: string;
  items: readonly SummaryItem[];
  /** a failure that is not about one field (conflict without field, lost contact) */
  error: CommandError | null;
  /** element id of the control for a path */
  idFor: (path: string) => string;
  /** changes on every failed submit, so focus moves to the summary again */
  attempt: number;
}

export function ErrorSummary({ title, items, error, idFor, attempt }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const visible = items.length > 0 || error !== null;
  useEffect(() => {
    if (visible && attempt > 0) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  const general = error && !items.some((i) => i.message === error.message) ? error.message : null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId} className="error-summary-title">
        {title}
      </p>
      {general ? <p className="error-summary-text">{general}</p> : null}
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <li key={item.path}>
              {item.label ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const el = document.getElementById(idFor(item.path));
                    el?.focus();
                    el?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {item.message.startsWith(item.label) ? item.message : `${item.label}: ${item.message}`}
                </button>
              ) : (
                <span>{item.message}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
