// Runs in the renderer. "What would this cost": quantities (and optional provider costs) per charged metric,
// and the statement the engine rates for them, locally, as you type.
import { useMemo, useState } from 'react';
import type { MetricDefinition } from '../../../../shared/pricing/metrics';
import { formatDate } from '../../format/dates';
import { formatMoney } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { lastInstantBefore } from '../statements/statement-format';
import { StatementLinesCompact } from '../statements/statement-lines-compact';
import { FieldErrors } from './plan-fields';
import { NO_PREVIEW_INPUTS, previewCharges, previewStatement, type PreviewInputs } from './preview-model';

export interface PreviewPanelProps {
  definition: Record<string, unknown>;
  metrics: readonly MetricDefinition[];
  locale: string;
  zone: string;
  idFor: (path: string) => string;
}

export function PreviewPanel({ definition, metrics, locale, zone, idFor }: PreviewPanelProps) {
  const [inputs, setInputs] = useState<PreviewInputs>(NO_PREVIEW_INPUTS);
  const [now] = useState(() => new Date());
  const charges = useMemo(() => previewCharges(definition), [definition]);
  const result = useMemo(() => previewStatement(definition, inputs, { metrics, zone, now }), [definition, inputs, metrics, zone, now]);
  const metric = (key: string) => metrics.find((m) => m.key === key);
  const set = (kind: keyof PreviewInputs, key: string) => (value: string) => setInputs((s) => ({ ...s, [kind]: { ...s[kind], [key]: value } }));
  const inputErrors = result.kind === 'ok' ? result.inputErrors : {};

  const input = (kind: keyof PreviewInputs, errorKey: string, key: string, label: string, suffix: string, placeholder: string) => {
    const id = idFor(`preview.${kind}.${key}`);
    const error = inputErrors[`${errorKey}.${key}`];
    return (
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <div className={`input-with-suffix${suffix.length > 4 ? ' input-with-long-suffix' : ''}`}>
          <input
            id={id}
            className="input"
            type="text"
            inputMode="decimal"
            value={inputs[kind][key] ?? ''}
            placeholder={placeholder}
            onChange={(e) => set(kind, key)(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            autoComplete="off"
          />
          <span className="input-suffix" aria-hidden="true">
            {suffix}
          </span>
        </div>
        {error ? <FieldErrors id={`${id}-error`} errors={[error]} /> : null}
      </div>
    );
  };

  const currency = typeof definition.currency === 'string' ? definition.currency : '';

  return (
    <section className="card preview-card" aria-labelledby="preview-title">
      <div className="card-header">
        <h2 id="preview-title" className="card-title">
          What would this cost
        </h2>
        <span className="card-meta">Live preview</span>
      </div>
      <div className="card-body preview-body">
        {charges.length === 0 ? (
          <p className="muted">Add a charge to enter quantities. The preview rates one full billing period as you type.</p>
        ) : (
          <div className="preview-inputs">
            {charges.map(({ metricKey, needsEvents }) => {
              const m = metric(metricKey);
              const name = m?.name ?? metricKey;
              return (
                <div key={metricKey} className="preview-metric">
                  {input('quantities', 'quantity', metricKey, `Quantity of ${name}`, m ? unitLabel(m.unit, '2') : '', '0')}
                  {needsEvents ? input('events', 'events', metricKey, `Events of ${name}`, 'events', '0') : null}
                  {input('costs', 'cost', metricKey, `Provider cost of ${name}`, currency, 'optional')}
                </div>
              );
            })}
          </div>
        )}

        <div aria-live="polite" className="preview-result">
          {result.kind === 'invalid_plan' ? (
            <p className="notice notice-info">
              Complete the plan to see what it would cost ({result.problems === 1 ? '1 problem left' : `${result.problems} problems left`}).
            </p>
          ) : result.kind === 'error' ? (
            <p className="notice notice-error">{result.message}</p>
          ) : (
            <>
              <p className="preview-period">
                One full period: {formatDate(result.period.start, locale, zone)} – {formatDate(lastInstantBefore(result.period.end), locale, zone)}
              </p>
              <StatementLinesCompact
                label="Preview statement"
                currency={result.statement.currency}
                locale={locale}
                lines={result.statement.lines}
                subtotal={result.statement.subtotal}
              />
              {result.hasCosts ? (
                <dl className="totals" aria-label="Preview margin">
                    <div className="totals-row">
                      <dt>Provider cost</dt>
                      <dd>{formatMoney(result.statement.providerCost, result.statement.currency, locale)}</dd>
                    </div>
                    <div className="totals-row">
                      <dt>Margin</dt>
                      <dd className={result.statement.margin.startsWith('-') ? 'is-negative' : undefined}>
                        {formatMoney(result.statement.margin, result.statement.currency, locale)}
                        {result.statement.marginPercent !== null ? <span className="muted"> ({result.statement.marginPercent} %)</span> : null}
                      </dd>
                    </div>
                </dl>
              ) : null}
              {result.statement.limitsExceeded.length > 0 ? (
                <p className="notice notice-warning">
                  Over the limit: {result.statement.limitsExceeded.map((l) => `${metric(l.metricKey)?.name ?? l.metricKey} ${l.quantity} of ${l.limit}`).join(', ')}
                </p>
              ) : null}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
