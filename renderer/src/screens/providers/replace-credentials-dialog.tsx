// Runs in the renderer. Replaces every stored credential of an account at once (they are never shown).
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { ProviderDetail } from '../../../../shared/domain/ingest';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { ErrorSummary } from '../../forms/error-summary';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { CredentialFields } from './credential-fields';
import { credentialsToUpdateInput, type KindInfo } from './provider-form-model';

export interface ReplaceCredentialsDialogProps {
  account: ProviderDetail;
  info: KindInfo;
  onClose: () => void;
  onSaved: (account: ProviderDetail) => void;
}

export function ReplaceCredentialsDialog({ account, info, onClose, onSaved }: ReplaceCredentialsDialogProps) {
  const idFor = useFieldIds();
  const update = useMutation('providers.update');
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(info.credentialFields.map((f) => [f.key, ''])));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (update.running) return;
    const res = await update.run(credentialsToUpdateInput(account.id, info, values));
    if (res.ok) onSaved(res.data);
    else {
      setErrors(commandFieldErrors(res.error));
      setGeneral(res.error);
      setAttempt((n) => n + 1);
    }
  };

  return (
    <Dialog title="Replace credentials" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <ErrorSummary
            title="The credentials were not replaced."
            items={summarize(errors, info.credentialFields.map((f) => [`credentials.${f.key}`, f.label] as const))}
            error={general}
            idFor={idFor}
            attempt={attempt}
          />
          <p>
            The new values replace all stored credentials of {account.name}. {account.credentialsHint ? <>Now stored: <span className="mono">{account.credentialsHint}</span>.</> : null}
          </p>
          <CredentialFields info={info} values={values} onChange={setValues} errors={errors} idFor={idFor} />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={update.running} aria-busy={update.running || undefined}>
            Save credentials
          </button>
        </div>
      </form>
    </Dialog>
  );
}
