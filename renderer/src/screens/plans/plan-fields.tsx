// Runs in the renderer. Compact labelled inputs for the plan editor: <label for>, hint and every error of the
// field wired through aria-describedby, an optional unit after the input (currency, "%", "days").
import type { ReactNode } from 'react';

export interface PlanFieldProps {
  id: string;
  label: string;
  errors?: readonly string[] | undefined;
  hint?: ReactNode;
  /** text after the input: "USD", "%", "days" */
  suffix?: string;
  className?: string;
  required?: boolean;
}

function describedBy(id: string, hint: unknown, errors: readonly string[] | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors && errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, errors, hint, className, required, children }: PlanFieldProps & { children: ReactNode }) {
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="field-required" aria-hidden="true">
            Required
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {invalid ? <FieldErrors id={`${id}-error`} errors={errors} /> : null}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  return (
    <div id={id} className="field-error-list">
      {errors.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}

export interface PlanInputProps extends PlanFieldProps {
  value: string;
  onChange: (value: string) => void;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
  type?: 'text' | 'date' | 'month';
}

export function PlanInput(props: PlanInputProps) {
  const { id, errors, hint, value, onChange, inputMode = 'text', placeholder, suffix, required, type = 'text' } = props;
  const input = (
    <input
      id={id}
      className="input"
      type={type}
      inputMode={type === 'text' ? inputMode : undefined}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={errors && errors.length > 0 ? true : undefined}
      aria-required={required ? true : undefined}
      aria-describedby={describedBy(id, hint, errors)}
      autoComplete="off"
      spellCheck={false}
    />
  );
  return (
    <Frame {...props}>
      {suffix ? (
        <div className={`input-with-suffix${suffix.length > 4 ? ' input-with-long-suffix' : ''}`}>
          {input}
          <span className="input-suffix" aria-hidden="true">
            {suffix}
          </span>
        </div>
      ) : (
        input
      )}
    </Frame>
  );
}

export interface PlanSelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface PlanSelectProps extends PlanFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly PlanSelectOption[];
}

export function PlanSelect(props: PlanSelectProps) {
  const { id, errors, hint, value, onChange, options, required } = props;
  return (
    <Frame {...props}>
      <select
        id={id}
        className="input select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
