// Runs in the renderer. A labelled progress bar on the native <progress> (no inline styles under the CSP).
// Determinate: aria-valuenow / aria-valuemax; indeterminate (max null): only aria-valuetext.
import { useId } from 'react';

export interface ProgressBarProps {
  /** accessible name, also shown above the bar */
  label: string;
  value: number;
  /** null = indeterminate (total unknown) */
  max: number | null;
  /** what a screen reader says instead of a bare number, e.g. "1.2 MB of 3.4 MB" */
  valueText: string;
  /** visible line under the bar (defaults to valueText) */
  detail?: string;
}

export function ProgressBar({ label, value, max, valueText, detail }: ProgressBarProps) {
  const labelId = useId();
  const determinate = max !== null && max > 0;
  const clamped = determinate ? Math.min(Math.max(value, 0), max) : 0;
  return (
    <div className="progress-field">
      <div className="progress-label-row">
        <span id={labelId} className="progress-label">
          {label}
        </span>
        <span className="progress-detail">{detail ?? valueText}</span>
      </div>
      {determinate ? (
        <progress
          className="progress-bar"
          role="progressbar"
          aria-labelledby={labelId}
          value={clamped}
          max={max}
          aria-valuemin={0}
          aria-valuemax={max}
          aria-valuenow={clamped}
          aria-valuetext={valueText}
        />
      ) : (
        <progress className="progress-bar progress-indeterminate" role="progressbar" aria-labelledby={labelId} aria-valuetext={valueText} />
      )}
    </div>
  );
}
