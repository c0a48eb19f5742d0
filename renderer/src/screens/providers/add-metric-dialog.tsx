// Runs in the renderer. Adds a custom metric. The main process checks the key and the options of the
// aggregation with the pricing engine; its per-field messages show under the fields and in the summary.
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { Metric } from '../../../../shared/domain/provider';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { InputField } from '../../components/input-field';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import {
  AGGREGATION_HINTS,
  AGGREGATION_OPTIONS,
  emptyMetricForm,
  METRIC_FIELD_LABELS,
  metricFormToInput,
  MODE_LABELS,
  MODES,
  PER_LABELS,
  TIME_UNITS,
  updateMetricForm,
  type MetricFormValues,
} from './metric-form-model';

export interface AddMetricDialogProps {
  onClose: () => void;
  onSaved: (metric: Metric) => void;
}

const perOptions = TIME_UNITS.map((value) => ({ value, label: PER_LABELS[value] }));
const modeOptions = MODES.map((value) => ({ value, label: MODE_LABELS[value] }));

export function AddMetricDialog({ onClose, onSaved }: AddMetricDialogProps) {
  const idFor = useFieldIds();
  const create = useMutation('metrics.create');
  const [values, setValues] = useState<MetricFormValues>(emptyMetricForm);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const set =
    <K extends keyof MetricFormValues>(field: K) =>
    (value: MetricFormValues[K]) =>
      setValues((v) => updateMetricForm(v, field, value));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (create.running) return;
    const res = await create.run(metricFormToInput(values));
    if (res.ok) onSaved(res.data);
    else {
      const fields = commandFieldErrors(res.error);
      setErrors(fields);
      setGeneral(res.error);
      setAttempt((n) => n + 1);
    }
  };

  const a = values.aggregation;
  return (
    <Dialog title="Add metric" onClose={onClose} size="large">
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <ErrorSummary title="The metric was not saved." items={summarize(errors, METRIC_FIELD_LABELS)} error={general} idFor={idFor} attempt={attempt} />
          <p className="muted">A custom metric is counted like the built-ins: usage events name it by its key, and plans and rate cards can charge it.</p>
          <div className="form-grid">
            <InputField id={idFor('name')} label="Name" value={values.name} onChange={set('name')} error={errors.name} required placeholder="Call minutes" />
            <InputField
              id={idFor('key')}
              label="Key"
              value={values.key}
              onChange={set('key')}
              error={errors.key}
              required
              placeholder="call_minutes"
              inputClassName="mono"
              hint="Lower-case letters, digits and underscores. Imports and connectors name the metric by it; it cannot change later."
            />
            <InputField id={idFor('unit')} label="Unit" value={values.unit} onChange={set('unit')} error={errors.unit} required placeholder="minute" hint="Singular: minute, message, GB-day." />
            <SelectField
              id={idFor('aggregation')}
              label="Aggregation"
              value={a}
              onChange={(v) => set('aggregation')(v as MetricFormValues['aggregation'])}
              options={AGGREGATION_OPTIONS}
              error={errors.aggregation}
              hint={AGGREGATION_HINTS[a]}
              required
            />
            {a === 'unique_count' ? (
              <InputField
                id={idFor('config.attribute')}
                label="Attribute"
                value={values.attribute}
                onChange={set('attribute')}
                error={errors['config.attribute']}
                required
                placeholder="phoneNumber"
                inputClassName="mono"
                hint="The event attribute whose distinct values are counted."
                className="span-2"
              />
            ) : null}
            {a === 'time_weighted' ? (
              <>
                <SelectField
                  id={idFor('config.per')}
                  label="Per"
                  value={values.per}
                  onChange={(v) => set('per')(v as MetricFormValues['per'])}
                  options={perOptions}
                  error={errors['config.per']}
                  hint="Seat-hours: hour. MB-days: day."
                  required
                />
                <SelectField
                  id={idFor('config.mode')}
                  label="Mode"
                  value={values.mode}
                  onChange={(v) => set('mode')(v as MetricFormValues['mode'])}
                  options={modeOptions}
                  error={errors['config.mode']}
                  required
                />
              </>
            ) : null}
            {a === 'session_blocks' ? (
              <>
                <InputField
                  id={idFor('config.blockMinutes')}
                  label="Block minutes"
                  type="text"
                  inputMode="numeric"
                  value={values.blockMinutes}
                  onChange={set('blockMinutes')}
                  error={errors['config.blockMinutes']}
                  required
                  hint="15: a 31-minute conversation is 3 sessions."
                />
                <InputField
                  id={idFor('config.excludeSegments')}
                  label="Excluded segments"
                  value={values.excludeSegments}
                  onChange={set('excludeSegments')}
                  error={errors['config.excludeSegments']}
                  placeholder="human_agent"
                  inputClassName="mono"
                  hint="Comma-separated segment kinds whose time is not counted."
                />
              </>
            ) : null}
          </div>
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.running} aria-busy={create.running || undefined}>
            Save metric
          </button>
        </div>
      </form>
    </Dialog>
  );
}
