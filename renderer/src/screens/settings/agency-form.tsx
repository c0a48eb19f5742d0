// Runs in the renderer. The agency profile form: onboarding step and Settings screen.
import { useState, type FormEvent } from 'react';
import type { Agency } from '../../../../shared/domain/agency';
import { useMutation } from '../../api';
import { AddressFields } from '../../forms/address-fields';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField, TextField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { browserLocale, browserTimeZone, COMMON_LOCALES, currencyOptions, timeZoneOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import { AGENCY_FIELD_LABELS, agencyToForm, formToAgencyInput, validateAgencyForm, type AgencyFormValues } from './agency-form-model';
import type { CommandError } from '../../../../shared/contract/result';

export interface AgencyFormProps {
  agency: Agency | null;
  submitLabel: string;
  onSaved: (agency: Agency) => void;
}

export function AgencyForm({ agency, submitLabel, onSaved }: AgencyFormProps) {
  const idFor = useFieldIds();
  const save = useMutation('agency.save');
  const [values, setValues] = useState<AgencyFormValues>(() =>
    agencyToForm(agency, { currency: 'USD', timeZone: browserTimeZone(), locale: browserLocale() }),
  );
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const set = <K extends keyof AgencyFormValues>(key: K) => (v: AgencyFormValues[K]) => setValues((s) => ({ ...s, [key]: v }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    const local = validateAgencyForm(values);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setGeneral(null);
      setAttempt((n) => n + 1);
      return;
    }
    const res = await save.run(formToAgencyInput(values));
    if (res.ok) {
      setErrors(NO_ERRORS);
      setGeneral(null);
      onSaved(res.data);
    } else {
      setErrors(commandFieldErrors(res.error));
      setGeneral(res.error);
      setAttempt((n) => n + 1);
    }
  };

  const localeListId = `${idFor('locale')}-list`;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Agency profile">
      <ErrorSummary title="The agency profile was not saved." items={summarize(errors, AGENCY_FIELD_LABELS)} error={general} idFor={idFor} attempt={attempt} />
      <fieldset className="form-section">
        <legend>Agency</legend>
        <div className="form-grid">
          <TextField id={idFor('name')} label="Agency name" value={values.name} onChange={set('name')} error={errors.name} required autoComplete="organization" className="span-2" />
          <TextField id={idFor('contactName')} label="Contact name" value={values.contactName} onChange={set('contactName')} error={errors.contactName} autoComplete="name" />
          <TextField id={idFor('email')} label="Email" type="email" value={values.email} onChange={set('email')} error={errors.email} autoComplete="email" />
          <TextField id={idFor('phone')} label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} autoComplete="tel" />
          <TextField id={idFor('website')} label="Website" type="url" value={values.website} onChange={set('website')} error={errors.website} autoComplete="url" placeholder="https://" />
          <TextField id={idFor('taxId')} label="Tax id" value={values.taxId} onChange={set('taxId')} error={errors.taxId} hint="VAT, GST or EIN, printed on invoices" />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Address</legend>
        <div className="form-grid">
          <AddressFields idFor={idFor} values={values.address} errors={errors} onChange={set('address')} />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Billing defaults</legend>
        <div className="form-grid">
          <SelectField
            id={idFor('currency')}
            label="Currency"
            value={values.currency}
            onChange={set('currency')}
            options={currencyOptions()}
            error={errors.currency}
            hint="Default for new clients and reports"
            required
          />
          <SelectField
            id={idFor('timeZone')}
            label="Time zone"
            value={values.timeZone}
            onChange={set('timeZone')}
            options={timeZoneOptions()}
            error={errors.timeZone}
            hint="Billing periods start at midnight here unless a client overrides it"
            required
          />
          <TextField
            id={idFor('locale')}
            label="Locale"
            value={values.locale}
            onChange={set('locale')}
            error={errors.locale}
            list={localeListId}
            hint="Formats numbers, money and dates, e.g. en-US, de-DE"
            spellCheck={false}
            required
          />
          <datalist id={localeListId}>
            {COMMON_LOCALES.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
          {save.running ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
