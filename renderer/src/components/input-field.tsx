// Runs in the renderer. Labelled controls that forms/field.tsx does not cover: any <input> type
// (password, number), a checkbox with its hint, and a monospace code textarea. Same markup and wiring:
// <label for>, aria-invalid, aria-describedby (hint, then error).
import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, FieldFrame, FieldNotes, type FieldBaseProps } from '../forms/field';

export interface InputFieldProps extends FieldBaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'url';
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  placeholder?: string;
  autoComplete?: string;
  list?: string;
  min?: number;
  max?: number;
  inputClassName?: string;
}

export function InputField(props: InputFieldProps) {
  const { id, error, hint, required, value, onChange, type = 'text', inputMode, placeholder, autoComplete, list, min, max, inputClassName } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={id}
        type={type}
        className={`input${inputClassName ? ` ${inputClassName}` : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        placeholder={placeholder}
        list={list}
        min={min}
        max={max}
        spellCheck={false}
      />
    </FieldFrame>
  );
}

export interface CodeFieldProps extends FieldBaseProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  rows?: number;
}

/** A monospace textarea for JSON and the like (no spell checking, no autocorrect). */
export function CodeField(props: CodeFieldProps) {
  const { id, error, hint, required, value, onChange, onBlur, rows = 8 } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        name={id}
        className="input textarea code-input"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
      />
    </FieldFrame>
  );
}

export interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
  className?: string;
}

export function CheckboxField({ id, label, checked, onChange, hint, error, disabled, className }: CheckboxFieldProps) {
  return (
    <div className={`field check-field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="check-row">
        <input
          id={id}
          name={id}
          type="checkbox"
          className="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
