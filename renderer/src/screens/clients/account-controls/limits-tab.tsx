// Runs in the renderer. Monthly limits per metric (the client's own win over its plan's) and the client's alert
// settings: usage thresholds, projected overage and unusual spikes.
import { useState, type FormEvent } from 'react';
import type { AlertSettings } from '../../../../../shared/domain/alerts';
import { useMutation, useQuery } from '../../../api';
import { useAgency } from '../../../app/agency-context';
import { Badge } from '../../../components/badge';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Loading } from '../../../components/loading';
import { formatQuantity } from '../../../format/numbers';
import { useFieldIds } from '../../../forms/use-field-ids';
import { PlanInput, PlanSelect } from '../../plans/plan-fields';
import type { AccountClient } from './account-client';
import { parseThresholds, useFormErrors } from './form-state';
import { CheckboxField } from '../../../components/input-field';
import { GeneralError, SubHeading, Success } from './shared-ui';

const LIMIT_TABLES = ['client_limits', 'subscriptions', 'plans', 'plan_versions', 'metrics'] as const;
const LIMIT_FIELDS = ['metricKey', 'monthlyLimit'] as const;
const ALERT_FIELDS = ['thresholds', 'projectedEnabled', 'spikeEnabled', 'spikeFactor'] as const;

export function LimitsTab({ client }: { client: AccountClient }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const limits = useQuery('limits.list', { clientId: client.id }, { tables: LIMIT_TABLES });
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const settings = useQuery('alertSettings.get', { clientId: client.id }, { tables: ['alert_settings'] });
  const set = useMutation('limits.set');
  const [metricKey, setMetricKey] = useState('');
  const [limit, setLimit] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const f = useFormErrors(LIMIT_FIELDS);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const metricName = (key: string) => metrics.data?.find((m) => m.key === key)?.name ?? key;
  const metricUnit = (key: string) => metrics.data?.find((m) => m.key === key)?.unit;
  const metricOptions = [
    { value: '', label: metrics.data === null ? (metrics.error ? 'Metrics could not be loaded' : 'Loading metrics…') : 'Choose a metric…' },
    ...(metrics.data ?? []).map((m) => ({ value: m.key, label: `${m.name} (${m.unit})` })),
  ];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (set.running) return;
    setNotice(null);
    setRemoveError(null);
    const local: Record<string, string> = {};
    if (metricKey === '') local.metricKey = 'Choose a metric.';
    if (limit.trim() === '') local.monthlyLimit = 'Enter the monthly limit, like 1000.';
    if (Object.keys(local).length > 0) return f.setLocal(local);
    const res = await set.run({ clientId: client.id, metricKey, monthlyLimit: limit.trim() });
    if (res.ok) {
      f.clear();
      setNotice(`Limit on ${metricName(metricKey)} saved.`);
      setLimit('');
      void limits.reload();
    } else f.fail(res.error);
  };

  const remove = async (key: string) => {
    setNotice(null);
    setRemoveError(null);
    const res = await set.run({ clientId: client.id, metricKey: key, monthlyLimit: null });
    if (res.ok) {
      setNotice(`The client's own limit on ${metricName(key)} was removed.`);
      void limits.reload();
    } else setRemoveError(res.error.message);
  };

  return (
    <div className="ac-stack">
      <Success text={notice} />
      <div className="ac-section ac-first">
        <SubHeading>Limits</SubHeading>
        {removeError ? (
          <p className="notice notice-error" role="alert">
            {removeError}
          </p>
        ) : null}
        {limits.error ? (
          <ErrorNotice title="The limits could not be loaded" error={limits.error} onRetry={() => void limits.reload()} />
        ) : limits.data === null ? (
          <Loading label="Loading limits…" />
        ) : limits.data.length === 0 ? (
          <EmptyState title="No limits" level={3}>
            <p>Neither {client.name} nor its plan limits any metric.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table-compact" aria-label="Limits">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Monthly limit
                  </th>
                  <th scope="col">Source</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {limits.data.map((l) => (
                  <tr key={`${l.source}-${l.metricKey}`}>
                    <td>{metricName(l.metricKey)}</td>
                    <td className="num">
                      {formatQuantity(l.monthlyLimit, locale)} {metricUnit(l.metricKey) ?? ''}
                    </td>
                    <td>{l.source === 'client' ? <Badge tone="info">Client</Badge> : <Badge>Plan</Badge>}</td>
                    <td className="ac-row-actions">
                      {l.source === 'client' ? (
                        <button type="button" className="btn btn-small" disabled={set.running} aria-label={`Remove limit on ${metricName(l.metricKey)}`} onClick={() => void remove(l.metricKey)}>
                          Remove
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="ac-form" onSubmit={onSubmit} noValidate aria-label="Set limit">
          <GeneralError error={f.general} />
          <div className="ac-grid">
            <PlanSelect
              id={idFor('metricKey')}
              label="Metric"
              value={metricKey}
              onChange={(v) => {
                setMetricKey(v);
                f.clear('metricKey');
              }}
              options={metricOptions}
              errors={f.err('metricKey')}
              required
            />
            <PlanInput
              id={idFor('monthlyLimit')}
              label="Monthly limit"
              value={limit}
              onChange={setLimit}
              inputMode="decimal"
              errors={f.err('monthlyLimit')}
              required
              hint="In the plan's billing unit when the plan charges the metric."
            />
          </div>
          <div className="ac-actions">
            <button type="submit" className="btn btn-primary" disabled={set.running} aria-busy={set.running || undefined}>
              Save limit
            </button>
          </div>
        </form>
      </div>

      {settings.error ? (
        <ErrorNotice title="The alert settings could not be loaded" error={settings.error} onRetry={() => void settings.reload()} />
      ) : settings.data === null ? (
        <Loading label="Loading alert settings…" />
      ) : (
        <AlertSettingsForm
          key={client.id}
          settings={settings.data}
          onSaved={() => {
            setRemoveError(null);
            setNotice(null);
          }}
        />
      )}
    </div>
  );
}

function AlertSettingsForm({ settings, onSaved }: { settings: AlertSettings; onSaved: () => void }) {
  const idFor = useFieldIds();
  const [thresholds, setThresholds] = useState(settings.thresholds.join(', '));
  const [projected, setProjected] = useState(settings.projectedEnabled);
  const [spike, setSpike] = useState(settings.spikeEnabled);
  const [factor, setFactor] = useState(settings.spikeFactor);
  const [saved, setSaved] = useState(false);
  const f = useFormErrors(ALERT_FIELDS);
  const save = useMutation('alertSettings.set');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    const parsed = parseThresholds(thresholds);
    if (!parsed.ok) return f.setLocal({ thresholds: parsed.message });
    setSaved(false);
    const res = await save.run({ clientId: settings.clientId, thresholds: parsed.value, projectedEnabled: projected, spikeEnabled: spike, spikeFactor: factor.trim() });
    if (res.ok) {
      f.clear();
      setSaved(true);
      onSaved();
    } else f.fail(res.error);
  };
  // The server names array items "thresholds.0": show them under the one field.
  const thresholdErrors = f.err('thresholds');

  return (
    <form className="ac-section ac-form" onSubmit={onSubmit} noValidate aria-labelledby={idFor('title')}>
      <div className="ac-subhead">
        <h3 className="ac-subtitle" id={idFor('title')}>
          Alert settings
        </h3>
        {settings.custom ? null : <Badge>Defaults</Badge>}
      </div>
      <Success text={saved ? 'Alert settings saved.' : null} />
      <GeneralError error={f.general} />
      <div className="ac-grid">
        <PlanInput id={idFor('thresholds')} label="Thresholds (%)" value={thresholds} onChange={setThresholds} errors={thresholdErrors} hint="Percent of the allowance or limit, separated by commas: 50, 75, 90, 100." />
        <PlanInput id={idFor('spikeFactor')} label="Spike factor" value={factor} onChange={setFactor} inputMode="decimal" errors={f.err('spikeFactor')} hint="A day's usage this many times the usual counts as a spike." />
      </div>
      <CheckboxField id={idFor('projectedEnabled')} label="Projected overage alerts" checked={projected} onChange={setProjected} />
      <CheckboxField id={idFor('spikeEnabled')} label="Unusual spike alerts" checked={spike} onChange={setSpike} />
      <div className="ac-actions">
        <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
          Save alert settings
        </button>
      </div>
    </form>
  );
}
