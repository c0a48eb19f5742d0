// Runs in the renderer. Manual licenses: extra free units of a metric, or free days of the base fee, for one
// billing period, with a remark; revoked with a reason (never deleted).
import { useState, type FormEvent } from 'react';
import type { License } from '../../../../../shared/domain/lifecycle';
import { useMutation, useQuery } from '../../../api';
import { useAgency } from '../../../app/agency-context';
import { Badge } from '../../../components/badge';
import { Dialog } from '../../../components/dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Loading } from '../../../components/loading';
import { formatDateTime } from '../../../format/dates';
import { formatQuantity } from '../../../format/numbers';
import { useFieldIds } from '../../../forms/use-field-ids';
import { PlanInput, PlanSelect } from '../../plans/plan-fields';
import type { AccountClient } from './account-client';
import { todayIn, useFormErrors } from './form-state';
import { GeneralError, SubHeading, Success } from './shared-ui';

const GRANT_FIELDS = ['kind', 'metricKey', 'quantity', 'period', 'remark'] as const;

export function LicensesTab({ client }: { client: AccountClient }) {
  const { locale, timeZone } = useAgency();
  const zone = client.timeZone ?? timeZone;
  const q = useQuery('licenses.list', { clientId: client.id }, { tables: ['licenses'] });
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<License | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const metricName = (key: string | null) => (key === null ? null : (metrics.data?.find((m) => m.key === key)?.name ?? key));

  return (
    <div className="ac-stack">
      <SubHeading
        actions={
          <button
            type="button"
            className="btn btn-primary"
            disabled={client.archived}
            onClick={() => {
              setNotice(null);
              setGranting(true);
            }}
          >
            Grant license
          </button>
        }
      >
        Licenses
      </SubHeading>
      <Success text={notice} />
      {q.error ? (
        <ErrorNotice title="The licenses could not be loaded" error={q.error} onRetry={() => void q.reload()} />
      ) : q.data === null ? (
        <Loading label="Loading licenses…" />
      ) : q.data.length === 0 ? (
        <EmptyState title="No licenses" level={3}>
          <p>Grant extra units or free days for a billing period.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Licenses">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Kind</th>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col">Remark</th>
                <th scope="col">Revoked</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((l) => (
                <tr key={l.id}>
                  <td>{l.period}</td>
                  <td>{l.kind === 'units' ? 'Units' : 'Days'}</td>
                  <td>{metricName(l.metricKey) ?? <span className="muted">—</span>}</td>
                  <td className="num">{formatQuantity(l.quantity, locale)}</td>
                  <td className="ac-wrap">{l.remark}</td>
                  <td>
                    {l.revokedAt ? (
                      <span title={l.revokeReason ?? undefined}>
                        <Badge tone="danger">Revoked</Badge> {formatDateTime(l.revokedAt, locale, zone)}
                        {l.revokeReason ? <span className="muted"> · {l.revokeReason}</span> : null}
                      </span>
                    ) : (
                      <span className="muted">No</span>
                    )}
                  </td>
                  <td className="ac-row-actions">
                    {l.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        aria-label={`Revoke license ${l.period} ${l.remark}`}
                        onClick={() => {
                          setNotice(null);
                          setRevoking(l);
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {granting ? (
        <GrantDialog
          client={client}
          defaultPeriod={todayIn(zone).slice(0, 7)}
          metricOptions={(metrics.data ?? []).map((m) => ({ value: m.key, label: `${m.name} (${m.unit})` }))}
          onClose={() => setGranting(false)}
          onDone={(l) => {
            setGranting(false);
            setNotice(`License granted for ${l.period}.`);
            void q.reload();
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeDialog
          license={revoking}
          onClose={() => setRevoking(null)}
          onDone={(l) => {
            setRevoking(null);
            setNotice(`License for ${l.period} revoked.`);
            void q.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function GrantDialog({
  client,
  defaultPeriod,
  metricOptions,
  onClose,
  onDone,
}: {
  client: AccountClient;
  defaultPeriod: string;
  metricOptions: Array<{ value: string; label: string }>;
  onClose: () => void;
  onDone: (l: License) => void;
}) {
  const idFor = useFieldIds();
  const [kind, setKind] = useState<'units' | 'days'>('units');
  const [metricKey, setMetricKey] = useState('');
  const [quantity, setQuantity] = useState('');
  const [period, setPeriod] = useState(defaultPeriod);
  const [remark, setRemark] = useState('');
  const f = useFormErrors(GRANT_FIELDS);
  const grant = useMutation('licenses.grant');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (grant.running) return;
    const local: Record<string, string> = {};
    if (kind === 'units' && metricKey === '') local.metricKey = 'Choose the metric the extra units are for.';
    if (quantity.trim() === '') local.quantity = 'Enter the quantity, like 500.';
    if (remark.trim() === '') local.remark = 'Enter a remark.';
    if (Object.keys(local).length > 0) return f.setLocal(local);
    const res = await grant.run({ clientId: client.id, kind, ...(kind === 'units' ? { metricKey } : {}), quantity: quantity.trim(), period, remark: remark.trim() });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Grant license" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <GeneralError error={f.general} />
          <PlanSelect
            id={idFor('kind')}
            label="Kind"
            value={kind}
            onChange={(v) => setKind(v === 'days' ? 'days' : 'units')}
            options={[
              { value: 'units', label: 'Units of a metric' },
              { value: 'days', label: 'Free days of the base fee' },
            ]}
            errors={f.err('kind')}
          />
          {kind === 'units' ? (
            <PlanSelect id={idFor('metricKey')} label="Metric" value={metricKey} onChange={setMetricKey} options={[{ value: '', label: 'Choose a metric…' }, ...metricOptions]} errors={f.err('metricKey')} required />
          ) : null}
          <PlanInput id={idFor('quantity')} label="Quantity" value={quantity} onChange={setQuantity} inputMode="decimal" suffix={kind === 'days' ? 'days' : undefined} errors={f.err('quantity')} required />
          <PlanInput id={idFor('period')} label="Period" type="month" value={period} onChange={setPeriod} errors={f.err('period')} required hint="The billing period, like 2026-10." />
          <PlanInput id={idFor('remark')} label="Remark" value={remark} onChange={setRemark} errors={f.err('remark')} required />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={grant.running} aria-busy={grant.running || undefined}>
            Grant license
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ license, onClose, onDone }: { license: License; onClose: () => void; onDone: (l: License) => void }) {
  const idFor = useFieldIds();
  const [reason, setReason] = useState('');
  const f = useFormErrors(['reason']);
  const revoke = useMutation('licenses.revoke');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (revoke.running) return;
    if (reason.trim() === '') return f.setLocal({ reason: 'Enter the reason for revoking.' });
    const res = await revoke.run({ id: license.id, reason: reason.trim() });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };
  return (
    <Dialog title="Revoke license" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>
            The license for {license.period} ({license.remark}) stops counting. It stays in the list as revoked.
          </p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('reason')} label="Reason" value={reason} onChange={setReason} errors={f.err('reason')} required />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={revoke.running} aria-busy={revoke.running || undefined}>
            Revoke license
          </button>
        </div>
      </form>
    </Dialog>
  );
}
