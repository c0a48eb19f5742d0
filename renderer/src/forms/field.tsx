// Runs in the renderer. Labelled form controls with hint and error text wired for assistive tech:
// <label for>, aria-invalid, aria-describedby (hint, then error).
import type { ReactNode } from 'react';

export interface FieldBaseProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

/** aria-describedby for a control: its hint, then its error. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The hint and error paragraphs under a control (ids `<id>-hint`, `<id>-error`, see describedBy). */
export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Label (with "Required"), the control, then its notes: the markup every labelled field shares. */
export function FieldFrame({ id, label, error, hint, required, className, children }: FieldBaseProps & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="field-required" aria-hidden="true">
            Required
          </span>
        ) : null}
      </div>
      {children}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export interface TextFieldProps extends FieldBaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'url' | 'search';
  autoComplete?: string;
  placeholder?: string;
  list?: string;
  spellCheck?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, error, hint, required, value, onChange, type = 'text', autoComplete, placeholder, list, spellCheck } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={id}
        type={type}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete ?? 'off'}
        placeholder={placeholder}
        list={list}
        spellCheck={spellCheck}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends FieldBaseProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, error, hint, required, value, onChange, rows = 4 } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        name={id}
        className="input textarea"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldBaseProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
}

export function SelectField(props: SelectFieldProps) {
  const { id, error, hint, required, value, onChange, options } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={id}
        name={id}
        className="input select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
