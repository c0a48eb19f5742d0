// Runs in the renderer. How Stripe collects (email / charge / record): radio choices, each explained.
import type { StripeMode } from '../../../../shared/domain/stripe';
import { useFieldIds } from '../../forms/use-field-ids';
import { MODE_CHOICES } from './stripe-model';

export interface StripeModeFieldProps {
  value: StripeMode;
  onChange: (mode: StripeMode) => void;
  disabled?: boolean;
  legend?: string;
  hint?: string;
}

export function StripeModeField({ value, onChange, disabled, legend = 'How Stripe collects', hint }: StripeModeFieldProps) {
  const idFor = useFieldIds();
  const name = idFor('mode');
  return (
    <fieldset className="stripe-modes" disabled={disabled} aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      <div className="stripe-mode-options">
        {MODE_CHOICES.map((c) => (
          <label key={c.value} className="stripe-mode" htmlFor={`${name}-${c.value}`}>
            <input
              id={`${name}-${c.value}`}
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              aria-labelledby={`${name}-${c.value}-label`}
              aria-describedby={`${name}-${c.value}-text`}
            />
            <span className="stripe-mode-words">
              <span id={`${name}-${c.value}-label`} className="stripe-mode-label">
                {c.label}
              </span>
              <span id={`${name}-${c.value}-text`} className="stripe-mode-text">
                {c.text}
              </span>
            </span>
          </label>
        ))}
      </div>
      {hint ? (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </fieldset>
  );
}
