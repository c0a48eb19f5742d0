// Runs in the renderer. Settings card "Invoices": number formats (with the next numbers), yearly or never
// reset, payment terms and instructions, default note, reverse-charge mention, accent colour and logo.
// The logo is read with FileReader, sent as base64 and previewed from a data: URL (CSP img-src data:).
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { InvoiceSettings } from '../../../../shared/domain/invoice';
import { useMutation, useQuery } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatBytes } from '../providers/job-model';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField, TextAreaField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { InputField } from '../../components/input-field';
import { describedBy } from '../../forms/field';
import { useAgency } from '../../app/agency-context';
import { dataUrlParts, logoProblem, readFileBase64 } from './download';
import { colorInputValue, settingsForm, settingsInput, type SettingsForm } from './settings-model';
import './invoices.css';

const TABLES = ['settings', 'assets', 'invoices', 'invoice_sequences'] as const;
const LABELS: ReadonlyArray<readonly [string, string]> = [
  ['invoiceNumberFormat', 'Invoice number format'],
  ['creditNoteNumberFormat', 'Credit note number format'],
  ['numberReset', 'Numbering restarts'],
  ['paymentTermsDays', 'Payment terms'],
  ['paymentInstructions', 'Payment instructions'],
  ['defaultNote', 'Default note'],
  ['reverseChargeMention', 'Reverse-charge mention'],
  ['accentColor', 'Accent colour'],
];
const RESET_OPTIONS = [
  { value: 'yearly', label: 'Every year (1 January)' },
  { value: 'never', label: 'Never' },
];

export function InvoiceSettingsCard() {
  const q = useQuery('invoiceSettings.get', {}, { tables: TABLES });
  // kept here: a save refetches the settings, which restarts the form below
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="invoice-settings-title">
      <div className="card-header">
        <h2 id="invoice-settings-title" className="card-title">
          Invoices
        </h2>
        <span className="card-meta">Numbering, terms and branding of your invoices</span>
      </div>
      <div className="card-body">
        {q.data ? (
          <>
            <div className="inv-live" role="status">
              {saved ? <p className="notice notice-success">Invoice settings saved.</p> : null}
            </div>
            <SettingsFormView key={settingsKey(q.data)} settings={q.data} onSaved={setSaved} />
            <LogoField settings={q.data} />
          </>
        ) : q.error ? (
          <ErrorNotice title="The invoice settings could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : (
          <Loading label="Loading invoice settings…" />
        )}
      </div>
    </section>
  );
}

/** The form restarts from the stored values when they change elsewhere (not on every next-number change). */
const settingsKey = (s: InvoiceSettings) => JSON.stringify(settingsForm(s));

function SettingsFormView({ settings, onSaved }: { settings: InvoiceSettings; onSaved: (saved: boolean) => void }) {
  const idFor = useFieldIds();
  const [values, setValues] = useState<SettingsForm>(() => settingsForm(settings));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const save = useMutation('invoiceSettings.set');
  const set = (k: keyof SettingsForm) => (v: string) => {
    onSaved(false);
    setValues((s) => ({ ...s, [k]: v }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    onSaved(false);
    const built = settingsInput(values);
    if (!built.ok) {
      setErrors(built.errors);
      setGeneral(null);
      setAttempt((n) => n + 1);
      return;
    }
    const res = await save.run(built.input);
    if (res.ok) {
      setErrors(NO_ERRORS);
      setGeneral(null);
      onSaved(true);
    } else {
      const fields = commandFieldErrors(res.error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length > 0 ? null : res.error);
      setAttempt((n) => n + 1);
    }
  };

  const colorId = idFor('accentColor');
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Invoice settings">
      <ErrorSummary title="The invoice settings were not saved." items={summarize(errors, LABELS)} error={general} idFor={idFor} attempt={attempt} />
      <div className="inv-settings-grid">
        <InputField
          id={idFor('invoiceNumberFormat')}
          label="Invoice number format"
          value={values.invoiceNumberFormat}
          onChange={set('invoiceNumberFormat')}
          error={errors.invoiceNumberFormat}
          inputClassName="mono"
          required
          hint={
            <>
              Next: <span className="inv-next-number">{settings.nextInvoiceNumber}</span>. Use {'{YYYY}'}, {'{YY}'}, {'{MM}'} and {'{seq:5}'}.
            </>
          }
        />
        <InputField
          id={idFor('creditNoteNumberFormat')}
          label="Credit note number format"
          value={values.creditNoteNumberFormat}
          onChange={set('creditNoteNumberFormat')}
          error={errors.creditNoteNumberFormat}
          inputClassName="mono"
          required
          hint={
            <>
              Next: <span className="inv-next-number">{settings.nextCreditNoteNumber}</span>. Credit notes have their own sequence.
            </>
          }
        />
        <SelectField
          id={idFor('numberReset')}
          label="Numbering restarts"
          value={values.numberReset}
          onChange={(v) => set('numberReset')(v === 'never' ? 'never' : 'yearly')}
          options={RESET_OPTIONS}
          error={errors.numberReset}
          hint="Numbers never have gaps. A yearly restart needs the year in the format."
        />
        <InputField
          id={idFor('paymentTermsDays')}
          label="Payment terms"
          value={values.paymentTermsDays}
          onChange={set('paymentTermsDays')}
          inputMode="numeric"
          error={errors.paymentTermsDays}
          required
          hint="Days from the issue date to the due date. A client can have its own."
        />
        <TextAreaField
          id={idFor('paymentInstructions')}
          label="Payment instructions"
          value={values.paymentInstructions}
          onChange={set('paymentInstructions')}
          rows={3}
          error={errors.paymentInstructions}
          hint="Bank details or a payment link, printed on every invoice."
        />
        <TextAreaField id={idFor('defaultNote')} label="Default note" value={values.defaultNote} onChange={set('defaultNote')} rows={3} error={errors.defaultNote} hint="Put on new drafts; each draft can change it." />
        <TextAreaField
          id={idFor('reverseChargeMention')}
          label="Reverse-charge mention"
          value={values.reverseChargeMention}
          onChange={set('reverseChargeMention')}
          rows={3}
          error={errors.reverseChargeMention}
          required
          hint="Printed instead of tax for clients under reverse charge."
        />
        <div className={`field${errors.accentColor ? ' field-invalid' : ''}`}>
          <div className="field-label-row">
            <label htmlFor={colorId}>Accent colour</label>
          </div>
          <div className="inv-color-row">
            <input
              type="color"
              className="input inv-color-swatch"
              value={colorInputValue(values.accentColor)}
              onChange={(e) => set('accentColor')(e.target.value)}
              aria-label="Pick the accent colour"
            />
            <input
              id={colorId}
              className="input mono"
              value={values.accentColor}
              onChange={(e) => set('accentColor')(e.target.value)}
              aria-invalid={errors.accentColor ? true : undefined}
              aria-describedby={describedBy(colorId, true, errors.accentColor)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <p id={`${colorId}-hint`} className="field-hint">
            Headings and rules of the PDF, like #1f6feb.
          </p>
          {errors.accentColor ? (
            <p id={`${colorId}-error`} className="field-error">
              {errors.accentColor}
            </p>
          ) : null}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
          {save.running ? 'Saving…' : 'Save invoice settings'}
        </button>
      </div>
    </form>
  );
}

function LogoField({ settings }: { settings: InvoiceSettings }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const setLogo = useMutation('invoiceSettings.setLogo');
  const clearLogo = useMutation('invoiceSettings.clearLogo');
  const id = idFor('logo');
  const error = problem ?? setLogo.error?.message ?? null;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    setNotice(null);
    setProblem(null);
    if (!file) return;
    const bad = logoProblem(file);
    if (bad) return setProblem(bad);
    let base64: string;
    try {
      base64 = await readFileBase64(file);
    } catch (err) {
      return setProblem(err instanceof Error ? err.message : 'The file could not be read.');
    }
    const res = await setLogo.run({ dataBase64: base64 });
    if (res.ok) {
      setPreview(`data:${file.type};base64,${base64}`);
      setNotice(`Logo “${file.name}” saved.`);
    }
  };
  const onRemove = async () => {
    setNotice(null);
    setProblem(null);
    const res = await clearLogo.run({});
    if (res.ok) {
      setPreview(null);
      setNotice('Logo removed.');
    }
  };

  const shown = settings.logo ? preview : null;
  const previewOk = shown !== null && dataUrlParts(shown) !== null;
  return (
    <div className="form-section inv-logo-section">
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <div className="field-label-row">
          <label htmlFor={id}>Logo</label>
        </div>
        <div className="inv-logo-row">
          <div className="inv-logo-preview">
            {previewOk ? <img src={shown} alt="Invoice logo" /> : settings.logo ? <span>Logo set ({formatBytes(settings.logo.bytes, locale)})</span> : <span>No logo</span>}
          </div>
          <input
            id={id}
            type="file"
            className="input file-input"
            accept="image/png,image/jpeg"
            onChange={(e) => void onFile(e)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, true, error)}
            disabled={setLogo.running}
          />
          {settings.logo ? (
            <button type="button" className="btn btn-danger-outline" onClick={() => void onRemove()} disabled={clearLogo.running} aria-busy={clearLogo.running || undefined}>
              Remove logo
            </button>
          ) : null}
        </div>
        <p id={`${id}-hint`} className="field-hint">
          PNG or JPEG, at most 1 MB; printed at the top of every new invoice. Issued invoices keep the logo they were issued with.
        </p>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="inv-live" role="status">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {clearLogo.error ? <ErrorNotice title="The logo was not removed" error={clearLogo.error} /> : null}
    </div>
  );
}
