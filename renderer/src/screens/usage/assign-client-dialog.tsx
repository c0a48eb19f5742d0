// Runs in the renderer. Maps one provider-side id to a client: its unassigned usage moves to the client
// and future usage follows.
import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../../shared/contract/commands';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { commandFieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { ClientSelect } from './client-select';
import type { UnassignedGroup } from './unassigned-model';

export interface AssignClientDialogProps {
  group: UnassignedGroup & { clientKey: string };
  /** names of the metrics that move along */
  metrics: string[];
  onClose: () => void;
  onAssigned: (result: CommandOutput<'mappings.create'>) => void;
}

export function AssignClientDialog({ group, metrics, onClose, onAssigned }: AssignClientDialogProps) {
  const idFor = useFieldIds();
  const create = useMutation('mappings.create');
  const [clientId, setClientId] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const serverFields = commandFieldErrors(create.error);
  const fieldError = localError ?? serverFields.clientId;
  const general = create.error && !serverFields.clientId ? create.error.message : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (create.running) return;
    if (!clientId) {
      setLocalError('Choose the client this id belongs to.');
      return;
    }
    setLocalError(undefined);
    const res = await create.run({ providerAccountId: group.providerAccountId, clientKey: group.clientKey, clientId: Number(clientId) });
    if (res.ok) onAssigned(res.data);
  };

  return (
    <Dialog title={`Assign ${group.clientKey} to a client`} onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>
            All unassigned usage of <code>{group.clientKey}</code> on {group.providerName}
            {metrics.length > 1 ? ` (${metrics.join(', ')})` : ''} moves to the client you choose, and its future usage follows.
          </p>
          <ClientSelect id={idFor('clientId')} value={clientId} onChange={setClientId} error={fieldError} />
          {general ? (
            <p className="notice notice-error" role="alert">
              {general}
            </p>
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.running} aria-busy={create.running || undefined}>
            Assign
          </button>
        </div>
      </form>
    </Dialog>
  );
}
