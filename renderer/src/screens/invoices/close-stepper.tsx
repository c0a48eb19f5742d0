// Runs in the renderer. The close wizard's visible steps; the current one is aria-current="step".
import { CLOSE_STEPS } from './close-model';

export function CloseStepper({ step }: { step: number }) {
  return (
    <ol className="stepper" aria-label="Close steps">
      {CLOSE_STEPS.map((label, i) => {
        const n = i + 1;
        const state = n < step ? 'done' : n === step ? 'current' : 'todo';
        return (
          <li key={label} className={`stepper-step stepper-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stepper-dot" aria-hidden="true">
              {state === 'done' ? '✓' : n}
            </span>
            <span className="stepper-label">
              {label}
              {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
