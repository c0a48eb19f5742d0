// Runs in the renderer. Small pieces the account-control tabs share.
import type { ReactNode } from 'react';
import type { CommandError } from '../../../../../shared/contract/result';

export function GeneralError({ error }: { error: CommandError | null }) {
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {error.message}
    </p>
  );
}

export function Success({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice notice-success" role="status">
      {text}
    </p>
  );
}

export function CheckField({ id, label, checked, onChange, hint }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: ReactNode }) {
  return (
    <div className="field ac-check">
      <div className="ac-check-row">
        <input id={id} type="checkbox" className="ac-checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SubHeading({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="ac-subhead">
      <h3 className="ac-subtitle">{children}</h3>
      {actions ? <div className="ac-actions">{actions}</div> : null}
    </div>
  );
}
