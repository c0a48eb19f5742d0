// Runs in the renderer. One charge of a plan: metric, description, model and the model's fields, cap,
// minimum, alert limit and (folded) billing unit.
import type { ChargeForm, ModelType, Rounding } from './plan-form-model';
import { changeModel, MODEL_HINTS, MODEL_LABELS, MODEL_TYPES, ROUNDING_LABELS } from './plan-form-model';
import { PlanInput, PlanSelect, type PlanSelectOption } from './plan-fields';
import { TierTable } from './tier-table';

export interface MetricOption {
  key: string;
  name: string;
  unit: string;
  aggregation: string;
}

export interface ChargeEditorProps {
  index: number;
  count: number;
  charge: ChargeForm;
  /** the alert limit of the charge's metric (plan.limits[metricKey]) */
  limit: string;
  metrics: readonly MetricOption[];
  /** metrics charged by another charge of the plan */
  chargedElsewhere: ReadonlySet<string>;
  currency: string;
  locale: string;
  idFor: (path: string) => string;
  errors: Readonly<Record<string, string[]>>;
  onChange: (charge: ChargeForm) => void;
  onMetricChange: (metricKey: string) => void;
  onLimitChange: (value: string) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}

const plural = (unit: string) => (/s$/i.test(unit) ? unit : `${unit}s`);

export function ChargeEditor(props: ChargeEditorProps) {
  const { index, count, charge, limit, metrics, chargedElsewhere, currency, idFor, errors, onChange, onMetricChange, onLimitChange, onRemove, onMove } = props;
  const base = `charges.${index}`;
  const n = index + 1;
  const metric = metrics.find((m) => m.key === charge.metricKey);
  const unit = charge.divisorUnit.trim() || metric?.unit || 'unit';
  const set = <K extends keyof ChargeForm>(key: K) => (value: ChargeForm[K]) => onChange({ ...charge, [key]: value });
  const field = (path: string) => ({ id: idFor(`${base}.${path}`), errors: errors[`${base}.${path}`] });

  const metricOptions: PlanSelectOption[] = [
    { value: '', label: 'Choose a metric…' },
    ...metrics.map((m) => ({
      value: m.key,
      label: `${m.name} (${m.unit})${chargedElsewhere.has(m.key) ? ' — already charged' : ''}`,
      disabled: chargedElsewhere.has(m.key),
    })),
  ];
  if (charge.metricKey !== '' && !metric) metricOptions.push({ value: charge.metricKey, label: `${charge.metricKey} (not in the metric catalog)` });
  const modelOptions = MODEL_TYPES.map((t) => ({ value: t, label: MODEL_LABELS[t] }));
  const divisorOpen = charge.divisorBy.trim() !== '' || ['unitDivisor.by', 'unitDivisor.rounding', 'unitDivisor.unit'].some((p) => errors[`${base}.${p}`]);

  return (
    <fieldset className="charge-card">
      <legend className="charge-legend">Charge {n}</legend>
      <div className="charge-head">
        <span className="charge-summary">
          {metric ? metric.name : charge.metricKey || 'No metric yet'} · {MODEL_LABELS[charge.model]}
        </span>
        <span className="charge-actions">
          <button type="button" className="icon-button" aria-label={`Move charge ${n} up`} title="Move up" disabled={index === 0} onClick={() => onMove(-1)}>
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M8 13V3M4 7l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <button type="button" className="icon-button" aria-label={`Move charge ${n} down`} title="Move down" disabled={index === count - 1} onClick={() => onMove(1)}>
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M8 3v10M4 9l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <button type="button" className="btn btn-small btn-ghost btn-danger-text" onClick={onRemove}>
            Remove charge {n}
          </button>
        </span>
      </div>

      <div className="form-grid">
        <PlanSelect {...field('metricKey')} label="Metric" value={charge.metricKey} onChange={onMetricChange} options={metricOptions} required />
        <PlanInput {...field('description')} label="Description" value={charge.description} onChange={set('description')} placeholder={metric?.name ?? 'Shown on the statement'} />
        <PlanSelect
          {...field('model.type')}
          label="Model"
          value={charge.model}
          onChange={(v) => onChange(changeModel(charge, v as ModelType))}
          options={modelOptions}
          hint={MODEL_HINTS[charge.model]}
          className="span-2"
        />
      </div>

      <ModelFields {...props} unit={unit} field={field} set={set} />

      <div className="form-grid form-grid-3">
        <PlanInput
          {...field('cap')}
          label="Charge cap"
          value={charge.cap}
          onChange={set('cap')}
          inputMode="decimal"
          suffix={currency}
          placeholder="No cap"
          hint={charge.model === 'allowance' ? 'The most the overage adds to one statement.' : 'The most this charge adds to one statement.'}
        />
        <PlanInput
          {...field('minimum')}
          label="Minimum spend"
          value={charge.minimum}
          onChange={set('minimum')}
          inputMode="decimal"
          suffix={currency}
          placeholder="None"
          hint="Topped up to this each period."
        />
        <PlanInput
          {...field('limit')}
          label="Limit per period"
          value={limit}
          onChange={onLimitChange}
          inputMode="decimal"
          suffix={plural(unit)}
          placeholder="None"
          hint="For alerts; usage is never blocked."
        />
      </div>

      <details className="charge-advanced" open={divisorOpen || undefined}>
        <summary>Billing unit {charge.divisorBy.trim() ? `(per ${unit})` : `(per ${metric?.unit ?? 'unit'})`}</summary>
        <div className="form-grid form-grid-3">
          <PlanInput
            {...field('unitDivisor.by')}
            label="Divide quantity by"
            value={charge.divisorBy}
            onChange={set('divisorBy')}
            placeholder="Not divided"
            hint={metric?.aggregation === 'time_weighted' ? '60 turns seconds into minutes; “period” prices per period (seat-month).' : '60 turns seconds into minutes.'}
          />
          <PlanSelect
            {...field('unitDivisor.rounding')}
            label="Rounding"
            value={charge.divisorRounding}
            onChange={(v) => set('divisorRounding')(v as Rounding)}
            options={Object.entries(ROUNDING_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <PlanInput {...field('unitDivisor.unit')} label="Billing unit name" value={charge.divisorUnit} onChange={set('divisorUnit')} placeholder="minute" />
        </div>
      </details>
    </fieldset>
  );
}

interface ModelFieldsProps extends ChargeEditorProps {
  unit: string;
  field: (path: string) => { id: string; errors: string[] | undefined };
  set: <K extends keyof ChargeForm>(key: K) => (value: ChargeForm[K]) => void;
}

function ModelFields({ charge, index, currency, locale, idFor, errors, onChange, unit, field, set }: ModelFieldsProps) {
  switch (charge.model) {
    case 'per_unit':
      return (
        <div className="form-grid">
          <PlanInput {...field('model.unitPrice')} label="Unit price" value={charge.unitPrice} onChange={set('unitPrice')} inputMode="decimal" suffix={currency} hint={`Per ${unit}.`} required />
        </div>
      );
    case 'graduated':
    case 'volume':
      return (
        <TierTable
          base={`charges.${index}`}
          model={charge.model}
          tiers={charge.tiers}
          zeroQuantity={charge.zeroQuantity}
          currency={currency}
          unit={unit}
          locale={locale}
          idFor={idFor}
          errors={errors}
          onChange={(tiers) => onChange({ ...charge, tiers })}
          onZeroQuantityChange={(zeroQuantity) => onChange({ ...charge, zeroQuantity })}
        />
      );
    case 'package':
      return (
        <div className="form-grid form-grid-3">
          <PlanInput {...field('model.packageSize')} label="Package size" value={charge.packageSize} onChange={set('packageSize')} inputMode="numeric" suffix={plural(unit)} required />
          <PlanInput {...field('model.packagePrice')} label="Price per package" value={charge.packagePrice} onChange={set('packagePrice')} inputMode="decimal" suffix={currency} required />
          <PlanInput
            {...field('model.freeUnits')}
            label="Free units"
            value={charge.packageFreeUnits}
            onChange={set('packageFreeUnits')}
            inputMode="numeric"
            suffix={plural(unit)}
            placeholder="0"
            hint="Free each period, before the first package."
          />
        </div>
      );
    case 'percentage':
      return (
        <div className="form-grid form-grid-3">
          <PlanInput {...field('model.rate')} label="Rate (%)" value={charge.rate} onChange={set('rate')} inputMode="decimal" suffix="%" required hint="Of the amount, 0 to 100." />
          <PlanInput {...field('model.fixedFeePerEvent')} label="Fixed fee per event" value={charge.fixedFeePerEvent} onChange={set('fixedFeePerEvent')} inputMode="decimal" suffix={currency} placeholder="0" />
          <PlanInput {...field('model.freeEvents')} label="Free events" value={charge.freeEvents} onChange={set('freeEvents')} inputMode="numeric" placeholder="0" hint="The first events pay nothing." />
          <PlanInput {...field('model.freeAmount')} label="Free amount" value={charge.freeAmount} onChange={set('freeAmount')} inputMode="decimal" placeholder="0" hint="Not subject to the rate." />
          <PlanInput {...field('model.minPerEvent')} label="Minimum per event" value={charge.minPerEvent} onChange={set('minPerEvent')} inputMode="decimal" suffix={currency} placeholder="None" />
          <PlanInput {...field('model.maxPerEvent')} label="Maximum per event" value={charge.maxPerEvent} onChange={set('maxPerEvent')} inputMode="decimal" suffix={currency} placeholder="None" />
        </div>
      );
    case 'cost_multiplier':
      return (
        <div className="form-grid">
          <PlanInput
            {...field('model.multiplier')}
            label="Multiplier"
            value={charge.multiplier}
            onChange={set('multiplier')}
            inputMode="decimal"
            suffix="× cost"
            required
            hint="0 = not rebilled, 1.2 = cost + 20%. The provider cost still counts in your margin."
          />
        </div>
      );
    case 'allowance':
      return (
        <div className="form-grid">
          <PlanInput
            {...field('model.included')}
            label="Included units"
            value={charge.included}
            onChange={set('included')}
            inputMode="decimal"
            suffix={plural(unit)}
            required
            hint="Paid by the base fee; unused units do not carry over."
          />
          <PlanInput
            {...field('model.overageUnitPrice')}
            label="Overage unit price"
            value={charge.overageUnitPrice}
            onChange={set('overageUnitPrice')}
            inputMode="decimal"
            suffix={currency}
            required
            hint={`Per ${unit} above the included units.`}
          />
        </div>
      );
  }
}
