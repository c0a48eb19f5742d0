// Runs in the renderer. Add a provider account, or edit one (everything but its kind and credentials).
// Nothing closes on error: server messages show under their fields (config.* under the settings).
import { useMemo, useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { ProviderDetail } from '../../../../shared/domain/ingest';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Dialog } from '../../components/dialog';
import { CheckboxField, CodeField, InputField } from '../../components/input-field';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField, TextField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { currencyOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import { CredentialFields } from './credential-fields';
import { kindHint, kindOptions } from './kind-options';
import {
  detailToForm,
  emptyProviderForm,
  fieldLabels,
  foldErrors,
  formToCreateInput,
  formToUpdateInput,
  isNoop,
  LABELS,
  parseConfig,
  withKind,
  type KindInfo,
  type ProviderFormValues,
} from './provider-form-model';

export interface ProviderFormDialogProps {
  kinds: readonly KindInfo[];
  /** null: add a new account */
  account: ProviderDetail | null;
  onClose: () => void;
  onSaved: (account: ProviderDetail) => void;
}

export function ProviderFormDialog({ kinds, account, onClose, onSaved }: ProviderFormDialogProps) {
  const { currency } = useAgency();
  const idFor = useFieldIds();
  const create = useMutation('providers.create');
  const update = useMutation('providers.update');
  const running = create.running || update.running;
  const [values, setValues] = useState<ProviderFormValues>(() => (account ? detailToForm(account) : emptyProviderForm(currency)));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const info = useMemo(() => kinds.find((k) => k.kind === values.kind) ?? null, [kinds, values.kind]);
  const set = <K extends keyof ProviderFormValues>(key: K) => (v: ProviderFormValues[K]) => setValues((s) => ({ ...s, [key]: v }));

  const fail = (e: FieldErrors, err: CommandError | null) => {
    setErrors(e);
    setGeneral(err);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    if (account) {
      const r = formToUpdateInput(account, values);
      if (!r.ok) return fail(r.errors, null);
      if (isNoop(r.input)) return onSaved(account);
      const res = await update.run(r.input);
      if (res.ok) onSaved(res.data);
      else fail(foldErrors(commandFieldErrors(res.error)), res.error);
    } else {
      const r = formToCreateInput(values, info);
      if (!r.ok) return fail(r.errors, null);
      const res = await create.run(r.input);
      if (res.ok) onSaved(res.data);
      else fail(foldErrors(commandFieldErrors(res.error)), res.error);
    }
  };

  // JSON is checked as soon as the field is left, not only on submit.
  const checkConfig = () => {
    const parsed = parseConfig(values.configText);
    setErrors((s) => {
      const { config: _drop, ...rest } = s;
      return parsed.ok ? rest : { ...rest, config: parsed.message };
    });
  };

  const hasApi = info?.hasApi ?? false;
  return (
    <Dialog title={account ? 'Edit provider account' : 'Add provider account'} onClose={onClose} size="large">
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <ErrorSummary
            title="The provider account was not saved."
            items={summarize(errors, fieldLabels(info, !account))}
            error={general}
            idFor={idFor}
            attempt={attempt}
          />
          <fieldset className="form-section">
            <legend>Account</legend>
            <div className="form-grid">
              {account ? (
                <div className="field span-2">
                  <span className="field-static-label">{LABELS.kind}</span>
                  <span className="field-static">{info?.label ?? account.kind}</span>
                </div>
              ) : (
                <SelectField
                  id={idFor('kind')}
                  label={LABELS.kind}
                  value={values.kind}
                  onChange={(k) => {
                    const next = kinds.find((x) => x.kind === k);
                    setValues((s) => (next ? withKind(s, next) : { ...s, kind: '' }));
                  }}
                  options={kindOptions(kinds)}
                  error={errors.kind}
                  hint={kindHint(info)}
                  required
                  className="span-2"
                />
              )}
              <TextField id={idFor('name')} label={LABELS.name} value={values.name} onChange={set('name')} error={errors.name} required hint="How you call this account, e.g. “Vapi — main org”" />
              <SelectField id={idFor('currency')} label={LABELS.currency} value={values.currency} onChange={set('currency')} options={currencyOptions()} error={errors.currency} required hint="What the provider bills you in" />
            </div>
          </fieldset>

          {!account && info && info.credentialFields.length > 0 ? (
            <fieldset className="form-section">
              <legend>Credentials</legend>
              <p className="form-note">Stored encrypted on this computer. After saving they are never shown again; you can replace them later.</p>
              <div className="form-grid">
                <CredentialFields info={info} values={values.credentials} onChange={set('credentials')} errors={errors} idFor={idFor} />
              </div>
            </fieldset>
          ) : null}

          {info || account ? (
            <fieldset className="form-section">
              <legend>{hasApi ? 'Sync' : 'Settings'}</legend>
              <div className="form-grid">
                <CodeField
                  id={idFor('config')}
                  label={LABELS.config}
                  value={values.configText}
                  onChange={set('configText')}
                  onBlur={checkConfig}
                  error={errors.config}
                  hint={hasApi ? 'Connector settings, prefilled with the defaults. Point baseUrl elsewhere to use a proxy or a test server.' : 'Optional notes and settings as JSON.'}
                  rows={hasApi ? 9 : 4}
                  className="span-2"
                />
                {hasApi ? (
                  <>
                    <InputField
                      id={idFor('scheduleMinutes')}
                      label={LABELS.scheduleMinutes}
                      type="number"
                      inputMode="numeric"
                      min={5}
                      max={10080}
                      value={values.scheduleMinutes}
                      onChange={set('scheduleMinutes')}
                      error={errors.scheduleMinutes}
                      hint="5 minutes to 10080 (a week)"
                    />
                    <CheckboxField
                      id={idFor('syncEnabled')}
                      label={LABELS.syncEnabled}
                      checked={values.syncEnabled}
                      onChange={set('syncEnabled')}
                      error={errors.syncEnabled}
                      hint="Off: sync only when you press Sync now"
                    />
                  </>
                ) : null}
              </div>
            </fieldset>
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={running} aria-busy={running || undefined}>
            Save provider account
          </button>
        </div>
      </form>
    </Dialog>
  );
}
