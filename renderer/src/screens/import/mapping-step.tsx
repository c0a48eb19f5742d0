// Runs in the renderer. Step 2 of the import: which column is what. Starts from a saved mapping or from
// the server's suggestion; shows the first rows and what the mapping makes of them as the user edits.
import { useEffect, useMemo, useState } from 'react';
import type { FileRef } from '../../../../shared/domain/file-import';
import { QUANTITY_SCALES, type ImportMappingInput } from '../../../../shared/domain/import-mapping';
import type { Metric, ProviderAccount } from '../../../../shared/domain/provider';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField, InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField } from '../../forms/field';
import { summarize } from '../../forms/field-errors';
import { currencyOptions, timeZoneOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { columnGroups, columnOptions } from './column-options';
import {
  CONSTANT,
  DELIMITER_LABELS,
  formToMapping,
  initialForm,
  mappingToForm,
  QUANTITY_SCALE_LABELS,
  switchHeader,
  TARGET_FIELDS,
  TIMESTAMP_FORMAT_LABELS,
  type CsvDelimiter,
  type FieldKey,
  type MappingFormValues,
  type TimestampChoice,
} from './mapping-form-model';
import { MappedRowsTable, RawRowsTable } from './preview-tables';
import { SourceSelect } from './source-select';

export interface MappingStepProps {
  file: { ref: FileRef; name: string };
  account: ProviderAccount;
  metrics: readonly Metric[];
  form: MappingFormValues | null;
  onForm: (form: MappingFormValues) => void;
  savedId: string;
  onSavedId: (id: string) => void;
  onBack: () => void;
  onNext: (mapping: ImportMappingInput) => void;
}

const LABELS = Object.fromEntries(TARGET_FIELDS.map(([k, , label]) => [k, label])) as Record<FieldKey, string>;
const SUMMARY_LABELS = TARGET_FIELDS.map(([k, , label]) => [k, label] as const);

export function MappingStep({ file, account, metrics, form, onForm, savedId, onSavedId, onBack, onNext }: MappingStepProps) {
  const { timeZone } = useAgency();
  const idFor = useFieldIds();
  const base = useQuery('import.preview', { file: file.ref, rows: 20 }, { tables: [] });
  const saved = useQuery('importMappings.list', { providerAccountId: account.id }, { tables: ['import_mappings'] });
  const save = useMutation('importMappings.save');
  const remove = useMutation('importMappings.delete');
  const [attempt, setAttempt] = useState(0);
  const [saveName, setSaveName] = useState('');
  const [saveResult, setSaveResult] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // A new file starts from the server's suggestion (or a guess from its header row).
  useEffect(() => {
    if (form === null && base.data) onForm(initialForm(base.data, timeZone));
  }, [form, base.data, onForm, timeZone]);

  const candidate = useMemo(() => (form ? formToMapping(form) : null), [form]);
  const liveMapping = useDebouncedValue(candidate?.ok ? candidate.mapping : null, 300);
  const mapped = useQuery('import.preview', { file: file.ref, mapping: liveMapping ?? undefined, rows: 20 }, { tables: ['metrics'], enabled: liveMapping !== null, keepPrevious: true });
  const view = liveMapping !== null && mapped.data ? mapped.data : base.data;

  if (base.error) {
    return (
      <>
        <ErrorNotice title="The file could not be read" error={base.error} onRetry={() => void base.reload()} />
        <div className="wizard-actions">
          <button type="button" className="btn" onClick={onBack}>
            Back
          </button>
        </div>
      </>
    );
  }
  if (!form || !view) return <Loading label={`Reading ${file.name}…`} />;

  const errors = attempt > 0 && candidate && !candidate.ok ? candidate.errors : {};
  const set = <K extends keyof MappingFormValues>(key: K) => (v: MappingFormValues[K]) => onForm({ ...form, [key]: v });
  const cols = columnOptions(view.headers, view.rows, form.format === 'jsonl' || form.hasHeader);
  const colSelect = (key: 'externalId' | 'quantity' | 'occurredAt', hint?: string) => (
    <SourceSelect
      id={idFor(key)}
      label={LABELS[key]}
      value={form[key]}
      onChange={set(key)}
      groups={columnGroups(cols, form[key], 'Choose a column…')}
      error={errors[key]}
      hint={hint}
      required
    />
  );
  const metricConstants = { label: 'Every row counts', options: metrics.map((m) => ({ value: `k:${m.key}`, label: `${m.name} (${m.key})` })) };
  const currencyConstants = { label: 'Every row is in', options: currencyOptions().map((c) => ({ value: `k:${c.value}`, label: c.label })) };
  const savedOptions = [{ value: '', label: 'New mapping (from this file)' }, ...(saved.data ?? []).map((m) => ({ value: String(m.id), label: m.name }))];

  const chooseSaved = (id: string) => {
    onSavedId(id);
    setSaveResult(null);
    const m = saved.data?.find((x) => String(x.id) === id);
    if (m) {
      onForm(mappingToForm(m.mapping, { timeZone }));
      setSaveName(m.name);
    } else if (base.data) onForm(initialForm(base.data, timeZone));
  };

  const doSave = async () => {
    setSaveResult(null);
    if (!candidate?.ok) {
      setAttempt((n) => n + 1);
      return;
    }
    const res = await save.run({ name: saveName, providerAccountId: account.id, mapping: candidate.mapping });
    if (res.ok) {
      setSaveResult(`Saved as “${res.data.name}”. It is offered for ${account.name} next time.`);
      onSavedId(String(res.data.id));
    }
  };

  const doDelete = async () => {
    const res = await remove.run({ id: Number(savedId) });
    if (res.ok) {
      setConfirmDelete(false);
      onSavedId('');
      setSaveResult('The saved mapping was deleted.');
    }
  };

  const next = () => {
    if (candidate?.ok) onNext(candidate.mapping);
    else setAttempt((n) => n + 1);
  };

  const summaryItems = summarize(errors as Record<string, string>, SUMMARY_LABELS);
  const ts = form.timestampFormat;

  return (
    <div className="wizard-body">
      <ErrorSummary title="The mapping is not complete." items={summaryItems} error={null} idFor={idFor} attempt={attempt} />
      {errors.general ? (
        <p className="notice notice-error" role="alert">
          {errors.general}
        </p>
      ) : null}

      <div className="form-grid form-grid-3">
        <SelectField id={idFor('saved')} label="Saved mapping" value={savedId} onChange={chooseSaved} options={savedOptions} hint={saved.error ? saved.error.message : `Mappings saved for ${account.name}`} />
        {savedId ? (
          <div className="field field-button">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete saved mapping
            </button>
          </div>
        ) : null}
      </div>

      <fieldset className="form-section">
        <legend>File</legend>
        <div className="form-grid form-grid-3">
          <div className="field">
            <span className="field-static-label">Format</span>
            <span className="field-static">{form.format === 'jsonl' ? 'JSON lines' : 'CSV'}</span>
          </div>
          {form.format === 'csv' ? (
            <>
              <SelectField
                id={idFor('delimiter')}
                label={LABELS.delimiter}
                value={form.delimiter}
                onChange={(v) => set('delimiter')(v as CsvDelimiter)}
                options={Object.entries(DELIMITER_LABELS).map(([value, label]) => ({ value, label }))}
                error={errors.delimiter}
              />
              <SelectField
                id={idFor('decimalSeparator')}
                label={LABELS.decimalSeparator}
                value={form.decimalSeparator}
                onChange={(v) => set('decimalSeparator')(v === ',' ? ',' : '.')}
                options={[
                  { value: '.', label: 'Dot (12.50)' },
                  { value: ',', label: 'Comma (12,50)' },
                ]}
                error={errors.decimalSeparator}
              />
              <CheckboxField
                id={idFor('hasHeader')}
                label={LABELS.hasHeader}
                checked={form.hasHeader}
                onChange={(v) => onForm(switchHeader(form, v, view.headers))}
                hint="Off: columns are chosen by number"
              />
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Columns</legend>
        <div className="form-grid form-grid-3">
          {colSelect('externalId', 'The provider’s id of each event; repeats are skipped as duplicates')}
          <SourceSelect
            id={idFor('clientKey')}
            label={LABELS.clientKey}
            value={form.clientKey}
            onChange={set('clientKey')}
            groups={columnGroups(cols, form.clientKey, 'Choose a column…', [{ label: 'Same for every row', options: [{ value: CONSTANT, label: 'One client key for the whole file…' }] }])}
            error={errors.clientKey}
            hint="Matched against the account’s client mappings"
            required
          />
          {form.clientKey === CONSTANT ? (
            <InputField
              id={idFor('clientKeyConstant')}
              label={LABELS.clientKeyConstant}
              value={form.clientKeyConstant}
              onChange={set('clientKeyConstant')}
              placeholder="sub_account:AC123"
              error={errors.clientKeyConstant}
              inputClassName="mono"
            />
          ) : (
            <InputField
              id={idFor('clientKeyPrefix')}
              label={LABELS.clientKeyPrefix}
              value={form.clientKeyPrefix}
              onChange={set('clientKeyPrefix')}
              placeholder="sub_account:"
              error={errors.clientKeyPrefix}
              hint="Optional; added to values that lack it"
              inputClassName="mono"
            />
          )}
          <SourceSelect
            id={idFor('metric')}
            label={LABELS.metric}
            value={form.metric}
            onChange={set('metric')}
            groups={columnGroups(cols, form.metric, 'Choose a column or a metric…', [metricConstants])}
            error={errors.metric}
            hint="A column of metric keys, or one metric for the whole file"
            required
          />
          {colSelect('quantity')}
          <SelectField
            id={idFor('quantityScale')}
            label={LABELS.quantityScale}
            value={form.quantityScale}
            onChange={(v) => set('quantityScale')(v as MappingFormValues['quantityScale'])}
            options={QUANTITY_SCALES.map((s) => ({ value: s, label: QUANTITY_SCALE_LABELS[s] }))}
            error={errors.quantityScale}
          />
          {colSelect('occurredAt')}
          <SelectField
            id={idFor('timestampFormat')}
            label={LABELS.timestampFormat}
            value={ts}
            onChange={(v) => set('timestampFormat')(v as TimestampChoice)}
            options={Object.entries(TIMESTAMP_FORMAT_LABELS).map(([value, label]) => ({ value, label }))}
            error={ts === 'custom' ? undefined : errors.timestampFormat}
          />
          {ts === 'custom' ? (
            <InputField
              id={idFor('customTimestampFormat')}
              label="Custom timestamp format"
              value={form.customTimestampFormat}
              onChange={set('customTimestampFormat')}
              placeholder="dd/MM/yyyy HH:mm"
              error={errors.timestampFormat}
              hint="Luxon tokens with year, month and day"
              inputClassName="mono"
            />
          ) : null}
          <SelectField
            id={idFor('timeZone')}
            label={LABELS.timeZone}
            value={form.timeZone}
            onChange={set('timeZone')}
            options={timeZoneOptions()}
            error={errors.timeZone}
            hint={ts === 'unix' || ts === 'unix_ms' ? 'Not used: Unix timestamps are UTC' : 'For timestamps without an offset'}
          />
          <SourceSelect
            id={idFor('cost')}
            label={LABELS.cost}
            value={form.cost}
            onChange={set('cost')}
            groups={columnGroups(cols, form.cost, 'None: price from the rate card')}
            error={errors.cost}
            hint="The provider’s cost of each event, if the file has it"
          />
          <SourceSelect
            id={idFor('costCurrency')}
            label={LABELS.costCurrency}
            value={form.costCurrency}
            onChange={set('costCurrency')}
            groups={columnGroups(cols, form.costCurrency, `The account’s currency (${account.currency})`, [currencyConstants])}
            error={errors.costCurrency}
          />
        </div>
      </fieldset>

      <section className="wizard-section" aria-labelledby="raw-title">
        <h3 id="raw-title" className="subsection-title">
          First rows of {file.name}
        </h3>
        {view.rows.length === 0 ? <p className="muted">The file has no data rows.</p> : <RawRowsTable
            headers={view.headers}
            rows={view.rows.slice(0, 10)}
            hasHeader={form.format === 'jsonl' || form.hasHeader}
            firstRow={form.format === 'csv' && form.hasHeader ? 2 : 1}
            label="First rows of the file"
          />}
      </section>

      <section className="wizard-section" aria-labelledby="mapped-title">
        <h3 id="mapped-title" className="subsection-title">
          What the mapping makes of them
        </h3>
        {mapped.error ? <ErrorNotice title="The preview failed" error={mapped.error} onRetry={() => void mapped.reload()} /> : null}
        {liveMapping === null ? (
          <p className="muted">Choose the required columns to see each row as a usage event.</p>
        ) : !mapped.data ? (
          <Loading label="Applying the mapping…" />
        ) : mapped.data.mappingError ? (
          <p className="notice notice-error" role="alert">
            {mapped.data.mappingError}
          </p>
        ) : (
          <MappedRowsTable mapped={mapped.data.mapped} label="Mapped rows" />
        )}
      </section>

      <section className="wizard-section save-mapping" aria-labelledby="save-title">
        <h3 id="save-title" className="subsection-title">
          Save this mapping
        </h3>
        <div className="inline-form">
          <InputField id={idFor('saveName')} label="Save mapping as" value={saveName} onChange={setSaveName} placeholder="Vapi call export" error={save.error?.message} />
          <div className="inline-form-actions">
            <button type="button" className="btn" onClick={() => void doSave()} disabled={save.running} aria-busy={save.running || undefined}>
              Save mapping
            </button>
          </div>
        </div>
        <p role="status" className={saveResult ? 'notice notice-success' : 'visually-hidden'}>
          {saveResult ?? ''}
        </p>
      </section>

      <div className="wizard-actions">
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <button type="button" className="btn btn-primary" onClick={next}>
          Next: dry run
        </button>
      </div>

      {confirmDelete ? (
        <ConfirmDialog
          title="Delete the saved mapping?"
          confirmLabel="Delete mapping"
          busyLabel="Deleting…"
          danger
          busy={remove.running}
          error={remove.error}
          onConfirm={() => void doDelete()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>The mapping stays filled in here; only the saved copy is deleted.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
