// Runs in the renderer. A labelled <select> with option groups (columns, constants), for the mapping form.
import type { ReactNode } from 'react';
import { describedBy, FieldFrame, type SelectOption } from '../../forms/field';

export interface OptionGroup {
  /** null: options outside any group (e.g. "Choose a column…") */
  label: string | null;
  options: readonly SelectOption[];
}

export interface SourceSelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  groups: readonly OptionGroup[];
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}

export function SourceSelect({ id, label, value, onChange, groups, error, hint, required, disabled, className }: SourceSelectProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select
        id={id}
        name={id}
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {groups.map((g, i) =>
          g.label === null ? (
            g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          ) : g.options.length ? (
            <optgroup key={`${g.label}-${i}`} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    </FieldFrame>
  );
}
