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

export function SubHeading({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="ac-subhead">
      <h3 className="ac-subtitle">{children}</h3>
      {actions ? <div className="ac-actions">{actions}</div> : null}
    </div>
  );
}
