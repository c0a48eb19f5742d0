// Runs in the renderer. Create or edit a client in a modal dialog. Nothing closes on error: the
// server's per-field messages show under their fields and in the summary at the top.
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { Client } from '../../../../shared/domain/client';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Dialog } from '../../components/dialog';
import { AddressFields } from '../../forms/address-fields';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField, TextAreaField, TextField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { currencyOptions, timeZoneOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import {
  CLIENT_FIELD_LABELS,
  clientToForm,
  emptyClientForm,
  formToCreateInput,
  formToUpdateInput,
  STATUS_OPTIONS,
  validateClientForm,
  type ClientFormValues,
} from './client-form-model';

export interface ClientFormDialogProps {
  /** null: create a new client */
  client: Client | null;
  onClose: () => void;
  onSaved: (client: Client) => void;
}

export function ClientFormDialog({ client, onClose, onSaved }: ClientFormDialogProps) {
  const { currency, timeZone } = useAgency();
  const idFor = useFieldIds();
  const create = useMutation('clients.create');
  const update = useMutation('clients.update');
  const running = create.running || update.running;
  const [values, setValues] = useState<ClientFormValues>(() => (client ? clientToForm(client) : emptyClientForm(currency)));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const set = <K extends keyof ClientFormValues>(key: K) => (v: ClientFormValues[K]) => setValues((s) => ({ ...s, [key]: v }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const local = validateClientForm(values);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setGeneral(null);
      setAttempt((n) => n + 1);
      return;
    }
    const res = client ? await update.run(formToUpdateInput(client.id, values)) : await create.run(formToCreateInput(values));
    if (res.ok) {
      onSaved(res.data);
    } else {
      setErrors(commandFieldErrors(res.error));
      setGeneral(res.error);
      setAttempt((n) => n + 1);
    }
  };

  const zoneOptions = [{ value: '', label: `Use agency time zone (${timeZone})` }, ...timeZoneOptions()];

  return (
    <Dialog title={client ? "Edit client" : "New client"} onClose={onClose} size="large">
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <ErrorSummary title="The client was not saved." items={summarize(errors, CLIENT_FIELD_LABELS)} error={general} idFor={idFor} attempt={attempt} />
          <fieldset className="form-section">
            <legend>Client</legend>
            <div className="form-grid">
              <TextField id={idFor('name')} label="Name" value={values.name} onChange={set('name')} error={errors.name} required autoComplete="organization" className="span-2" />
              <TextField id={idFor('contactName')} label="Contact name" value={values.contactName} onChange={set('contactName')} error={errors.contactName} />
              <TextField id={idFor('billingEmail')} label="Billing email" type="email" value={values.billingEmail} onChange={set('billingEmail')} error={errors.billingEmail} hint="Invoices are sent here" />
              <TextField id={idFor('phone')} label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} />
              <SelectField
                id={idFor('status')}
                label="Status"
                value={values.status}
                onChange={(v) => set('status')(v as ClientFormValues['status'])}
                options={STATUS_OPTIONS}
                error={errors.status}
              />
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>Billing</legend>
            <div className="form-grid">
              <SelectField id={idFor('currency')} label="Currency" value={values.currency} onChange={set('currency')} options={currencyOptions()} error={errors.currency} required />
              <SelectField
                id={idFor('timeZone')}
                label="Time zone"
                value={values.timeZone}
                onChange={set('timeZone')}
                options={zoneOptions}
                error={errors.timeZone}
                hint="Billing periods start at midnight in this zone"
              />
              <TextField id={idFor('taxId')} label="Tax id" value={values.taxId} onChange={set('taxId')} error={errors.taxId} />
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>Address</legend>
            <div className="form-grid">
              <AddressFields idFor={idFor} values={values.address} errors={errors} onChange={set('address')} />
            </div>
          </fieldset>
          <div className="form-section">
            <TextAreaField id={idFor('notes')} label="Notes" value={values.notes} onChange={set('notes')} error={errors.notes} rows={3} />
          </div>
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={running} aria-busy={running || undefined}>
            Save client
          </button>
        </div>
      </form>
    </Dialog>
  );
}
