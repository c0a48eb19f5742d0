// Runs in the renderer. The plan's problems in one list above the form after a refused save: an alert that
// takes focus; each item moves focus to its field. (While typing, the save bar counts them: nothing moves.)
import { useEffect, useId, useRef } from 'react';
import { summaryText, type PlacedProblem } from './plan-errors';

export interface PlanProblemSummaryProps {
  problems: readonly PlacedProblem[];
  /** a failure that names no field (conflict, lost contact) */
  general: string | null;
  /** > 0 after a refused save; each new value moves focus here */
  attempt: number;
  failedTitle: string;
  idFor: (path: string) => string;
}

export function PlanProblemSummary({ problems, general, attempt, failedTitle, idFor }: PlanProblemSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const visible = problems.length > 0 || general !== null;
  const failed = attempt > 0;
  useEffect(() => {
    if (visible && attempt > 0) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  const list = (
    <ul>
      {problems.map((p, i) => (
        <li key={`${p.field ?? ''}|${i}`}>
          {p.field ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                const el = document.getElementById(idFor(p.field!));
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {summaryText(p)}
            </button>
          ) : (
            <span>{summaryText(p)}</span>
          )}
        </li>
      ))}
    </ul>
  );
  if (!failed) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId} className="error-summary-title">
        {failedTitle}
      </p>
      {general ? <p className="error-summary-text">{general}</p> : null}
      {problems.length > 0 ? list : null}
    </div>
  );
}
