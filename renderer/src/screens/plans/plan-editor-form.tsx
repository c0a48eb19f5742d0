// Runs in the renderer. The fields of a plan version: plan, commitments, trial and charges. Stateless: the
// screen owns the form and the errors (per field path, see plan-errors.ts).
import { useEffect, useRef, useState } from 'react';
import { currencyOptions } from '../../forms/options';
import { unitLabel } from '../../format/units';
import { ChargeEditor, type MetricOption } from './charge-editor';
import { PlanInput, PlanSelect } from './plan-fields';
import {
  emptyCharge,
  INTERVAL_LABELS,
  MONTH_NAMES,
  moveCharge,
  PRORATION_LABELS,
  removeCharge,
  setChargeMetric,
  type Interval,
  type PlanForm,
  type Proration,
} from './plan-form-model';

export interface PlanEditorFormProps {
  form: PlanForm;
  onChange: (update: (form: PlanForm) => PlanForm) => void;
  /** an old version: everything is read-only */
  readOnly: boolean;
  metrics: readonly MetricOption[];
  locale: string;
  idFor: (path: string) => string;
  errors: Readonly<Record<string, string[]>>;
}

const PRORATION_HINTS: Record<Proration, string> = {
  prorate_immediately: 'A client who starts mid-period pays the base fee for the part of the period left.',
  next_cycle: 'A client who starts mid-period pays from the next period; changes apply at the next cycle.',
};

export function PlanEditorForm({ form, onChange, readOnly, metrics, locale, idFor, errors }: PlanEditorFormProps) {
  const set = <K extends keyof PlanForm>(key: K) => (value: PlanForm[K]) => onChange((f) => ({ ...f, [key]: value }));
  const field = (path: string) => ({ id: idFor(path), errors: errors[path] });
  const metricName = (key: string) => metrics.find((m) => m.key === key)?.name ?? key;
  const [focusCharge, setFocusCharge] = useState<number | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusCharge === null) return;
    document.getElementById(idFor(`charges.${focusCharge}.metricKey`))?.focus();
    setFocusCharge(null);
  }, [focusCharge, idFor]);

  const charged = form.charges.map((c) => c.metricKey).filter((k) => k !== '');
  // Trial free units: every charged metric except percentage charges, plus keys typed earlier for metrics no longer charged.
  const trialKeys = [
    ...new Set([...form.charges.filter((c) => c.metricKey !== '' && c.model !== 'percentage').map((c) => c.metricKey), ...Object.keys(form.trialFreeUnits)]),
  ];
  const period = form.interval === 'year' ? 'year' : 'month';

  return (
    <fieldset className="plan-form" disabled={readOnly}>
      <legend className="visually-hidden">Plan definition</legend>
      <section className="card" aria-labelledby="plan-section-title">
        <div className="card-header">
          <h2 id="plan-section-title" className="card-title">
            Plan
          </h2>
        </div>
        <div className="card-body">
          <div className="form-grid">
            <PlanInput {...field('name')} label="Name" value={form.name} onChange={set('name')} required className="span-2" placeholder="e.g. Growth" />
            <PlanSelect {...field('currency')} label="Currency" value={form.currency} onChange={set('currency')} options={currencyOptions()} required hint="Only clients billed in this currency can use the plan." />
            <PlanSelect
              {...field('interval')}
              label="Billing interval"
              value={form.interval}
              onChange={(v) => set('interval')(v as Interval)}
              options={Object.entries(INTERVAL_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <PlanSelect
              {...field('anchor.kind')}
              label="Anchor"
              value={form.anchorKind}
              onChange={(v) => set('anchorKind')(v === 'anchored' ? 'anchored' : 'calendar')}
              options={[
                { value: 'calendar', label: form.interval === 'year' ? 'Calendar year' : 'Calendar month' },
                { value: 'anchored', label: 'Day of month' },
              ]}
              hint={form.anchorKind === 'calendar' ? `Periods run from the 1st to the end of the ${period}.` : 'Periods start on this day (the month’s last day in shorter months).'}
            />
            {form.anchorKind === 'anchored' ? (
              <div className="field-pair">
                <PlanInput {...field('anchor.day')} label="Day of month" value={form.anchorDay} onChange={set('anchorDay')} inputMode="numeric" hint="1 to 31" />
                {form.interval === 'year' ? (
                  <PlanSelect
                    {...field('anchor.month')}
                    label="Anchor month"
                    value={form.anchorMonth}
                    onChange={set('anchorMonth')}
                    options={[{ value: '', label: 'January (default)' }, ...MONTH_NAMES.slice(1).map((name, i) => ({ value: String(i + 2), label: name }))]}
                  />
                ) : null}
              </div>
            ) : (
              <div aria-hidden="true" />
            )}
            <PlanInput {...field('baseFee')} label="Base fee" value={form.baseFee} onChange={set('baseFee')} inputMode="decimal" suffix={form.currency} hint={`Charged every ${period}.`} />
            <PlanSelect
              {...field('proration')}
              label="Proration"
              value={form.proration}
              onChange={(v) => set('proration')(v as Proration)}
              options={Object.entries(PRORATION_LABELS).map(([value, label]) => ({ value, label }))}
              hint={PRORATION_HINTS[form.proration]}
            />
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="charges-section-title">
        <div className="card-header">
          <h2 id="charges-section-title" className="card-title">
            Charges
          </h2>
          <span className="card-meta">One per metric, in statement order</span>
        </div>
        <div className="card-body charges-body">
          {form.charges.length === 0 ? (
            <p className="muted">No charges yet: the plan bills only its base fee. Add a charge for each metric you rebill.</p>
          ) : null}
          {form.charges.map((charge, i) => (
            <ChargeEditor
              key={charge.key}
              index={i}
              count={form.charges.length}
              charge={charge}
              limit={charge.metricKey ? (form.limits[charge.metricKey] ?? '') : ''}
              metrics={metrics}
              chargedElsewhere={new Set(form.charges.filter((_, j) => j !== i).map((c) => c.metricKey))}
              currency={form.currency}
              locale={locale}
              idFor={idFor}
              errors={errors}
              onChange={(next) => onChange((f) => ({ ...f, charges: f.charges.map((c, j) => (j === i ? next : c)) }))}
              onMetricChange={(key) => onChange((f) => setChargeMetric(f, i, key))}
              onLimitChange={(value) => onChange((f) => (charge.metricKey ? { ...f, limits: { ...f.limits, [charge.metricKey]: value } } : f))}
              onRemove={() => {
                onChange((f) => removeCharge(f, i));
                addRef.current?.focus();
              }}
              onMove={(by) => onChange((f) => moveCharge(f, i, by))}
            />
          ))}
          <div>
            <button
              ref={addRef}
              id={idFor('charges.add')}
              type="button"
              className="btn"
              onClick={() => {
                onChange((f) => ({ ...f, charges: [...f.charges, emptyCharge()] }));
                setFocusCharge(form.charges.length);
              }}
            >
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
              </svg>
              Add charge
            </button>
            {errors['charges.add']?.map((e) => (
              <p key={e} className="field-error">
                {e}
              </p>
            ))}
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="terms-section-title">
        <div className="card-header">
          <h2 id="terms-section-title" className="card-title">
            Commitment, cap and trial
          </h2>
        </div>
        <div className="card-body">
          <div className="form-grid">
            <PlanInput
              {...field('minimumCommitment')}
              label="Minimum commitment"
              value={form.minimumCommitment}
              onChange={set('minimumCommitment')}
              inputMode="decimal"
              suffix={form.currency}
              placeholder="None"
              hint={`The statement is topped up to this each ${period}.`}
            />
            <PlanInput
              {...field('usageCap')}
              label="Usage cap"
              value={form.usageCap}
              onChange={set('usageCap')}
              inputMode="decimal"
              suffix={form.currency}
              placeholder="None"
              hint="The most all usage charges together add to one statement."
            />
            <PlanInput
              {...field('trial.days')}
              label="Trial days"
              value={form.trialDays}
              onChange={set('trialDays')}
              inputMode="numeric"
              suffix="days"
              placeholder="No trial"
              hint="No base fee during the trial."
            />
            <div aria-hidden="true" />
            {trialKeys.map((key) => (
              <div key={key} className="trial-units">
                <PlanInput
                  {...field(`trial.freeUnits.${key}`)}
                  label={`Free ${metricName(key)} during trial`}
                  value={form.trialFreeUnits[key] ?? ''}
                  onChange={(v) => onChange((f) => ({ ...f, trialFreeUnits: { ...f.trialFreeUnits, [key]: v } }))}
                  inputMode="decimal"
                  suffix={unitLabel(metrics.find((m) => m.key === key)?.unit ?? '', '2')}
                  placeholder="None"
                />
                {!charged.includes(key) ? (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() =>
                      onChange((f) => ({ ...f, trialFreeUnits: Object.fromEntries(Object.entries(f.trialFreeUnits).filter(([k]) => k !== key)) }))
                    }
                  >
                    Remove free {metricName(key)}
                  </button>
                ) : null}
              </div>
            ))}
          </div>
        </div>
      </section>
    </fieldset>
  );
}
