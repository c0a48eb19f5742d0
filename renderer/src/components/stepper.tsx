// Runs in the renderer. A wizard's visible steps (import, period close, first-run setup); the current one is
// aria-current="step", finished ones say "(done)" — or "(skipped)" — to screen readers.
export function Stepper({ label, steps, current, skipped }: { label: string; steps: readonly string[]; current: number; skipped?: (index: number) => boolean }) {
  return (
    <ol className="stepper" aria-label={label}>
      {steps.map((name, i) => {
        const n = i + 1;
        const state = n < current ? 'done' : n === current ? 'current' : 'todo';
        const wasSkipped = state === 'done' && (skipped?.(i) ?? false);
        return (
          <li key={name} className={`stepper-step stepper-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stepper-dot" aria-hidden="true">
              {state === 'done' ? (wasSkipped ? '–' : '✓') : n}
            </span>
            <span className="stepper-label">
              {name}
              {state === 'done' ? <span className="visually-hidden">{wasSkipped ? ' (skipped)' : ' (done)'}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
