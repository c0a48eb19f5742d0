// Runs in the renderer. What adding and deleting a client mapping has in common wherever it is offered
// (a provider account's "Client mappings", a client's "Provider mappings"): the mutations, field errors,
// the outcome message, the delete confirmation, and the provider-side id / delete table columns.
import { useCallback, useState, type ReactNode } from 'react';
import type { CommandInput, CommandOutput } from '../../../../shared/contract/commands';
import type { CommandError } from '../../../../shared/contract/result';
import { useMutation } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { commandFieldErrors, NO_ERRORS, type FieldErrors } from '../../forms/field-errors';

export type Mapping = CommandOutput<'mappings.list'>[number];
type Created = CommandOutput<'mappings.create'>;

export const mappingColumns = columnsFor<Mapping>();

/** The provider-side id as monospaced text, full id on hover. */
export const keyColumn = (className: string) =>
  mappingColumns.accessor('clientKey', {
    header: 'Provider-side id',
    meta: { className },
    cell: (info) => (
      <code className="key-cell" title={info.getValue()}>
        {info.getValue()}
      </code>
    ),
  });

/** A "Delete mapping <id>" button per row (none when `canEdit` is false). */
export const deleteColumn = (onDelete: (m: Mapping) => void, canEdit = true) =>
  mappingColumns.display({
    id: 'actions',
    header: () => <span className="visually-hidden">Actions</span>,
    meta: { align: 'end', className: 'col-w-17' },
    cell: (info) =>
      canEdit ? (
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete mapping ${info.row.original.clientKey}`} onClick={() => onDelete(info.row.original)}>
          Delete
        </button>
      ) : null,
  });

export function useMappingEditor() {
  const create = useMutation('mappings.create');
  const remove = useMutation('mappings.delete');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Mapping | null>(null);
  const resetRemove = remove.reset;

  /**
   * Shows `local` errors (checked before sending) or sends `input`; on success shows `message(data)` and
   * calls `onDone` (to clear the form); server field errors go under their fields, others above the form.
   */
  const submit = async (local: Record<string, string>, input: () => CommandInput<'mappings.create'>, message: (data: Created) => string, onDone: () => void) => {
    if (create.running) return;
    setResult(null);
    if (Object.keys(local).length) {
      setErrors(local);
      setGeneral(null);
      return;
    }
    const res = await create.run(input());
    if (res.ok) {
      setResult(message(res.data));
      setErrors(NO_ERRORS);
      setGeneral(null);
      onDone();
    } else {
      const fields = commandFieldErrors(res.error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length ? null : res.error);
    }
  };

  /** stable across renders (table columns are memoised on it) */
  const startDelete = useCallback(
    (m: Mapping) => {
      resetRemove();
      setDeleting(m);
    },
    [resetRemove],
  );

  const confirmDelete = async (message: (m: Mapping) => string) => {
    if (!deleting) return;
    const res = await remove.run({ id: deleting.id });
    if (res.ok) {
      setResult(message(deleting));
      setDeleting(null);
    }
  };

  return { create, remove, errors, general, result, deleting, setDeleting, submit, startDelete, confirmDelete };
}

type Editor = ReturnType<typeof useMappingEditor>;

/** The form's submit button (last item of its inline fields). */
export function AddMappingButton({ editor }: { editor: Editor }) {
  return (
    <div className="inline-form-actions">
      <button type="submit" className="btn btn-primary" disabled={editor.create.running} aria-busy={editor.create.running || undefined}>
        Add mapping
      </button>
    </div>
  );
}

/** Below the form: the error that belongs to no field, and the outcome of the last add or delete (role=status). */
export function MappingFormStatus({ editor }: { editor: Editor }) {
  return (
    <>
      {editor.general ? <ErrorNotice title="The mapping was not added" error={editor.general} /> : null}
      <p role="status" className={editor.result ? 'notice notice-success' : 'visually-hidden'}>
        {editor.result ?? ''}
      </p>
    </>
  );
}

/** "Delete mapping <id>?" with what happens to usage already attributed (`children`). */
export function DeleteMappingDialog({ editor, successMessage, children }: { editor: Editor; successMessage: (m: Mapping) => string; children: (m: Mapping) => ReactNode }) {
  const m = editor.deleting;
  if (!m) return null;
  return (
    <ConfirmDialog
      title={`Delete mapping ${m.clientKey}?`}
      confirmLabel="Delete mapping"
      busyLabel="Deleting…"
      danger
      busy={editor.remove.running}
      error={editor.remove.error}
      onConfirm={() => void editor.confirmDelete(successMessage)}
      onCancel={() => editor.setDeleting(null)}
    >
      {children(m)}
    </ConfirmDialog>
  );
}
