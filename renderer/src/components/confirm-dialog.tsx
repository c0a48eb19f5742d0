// Runs in the renderer. "Are you sure?" with the safe choice focused first.
import { useId, type ReactNode } from 'react';
import type { CommandError } from '../../../shared/contract/result';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  busy: boolean;
  error: CommandError | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, busyLabel, danger, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const bodyId = useId();
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog" describedBy={bodyId} initialFocus="[data-cancel]">
      <div className="dialog-body" id={bodyId}>
        {children}
        {error ? (
          <p className="notice notice-error" role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
      <div className="dialog-footer">
        <button type="button" className="btn" data-cancel onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onClick={onConfirm} disabled={busy} aria-busy={busy || undefined}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
