// Runs in the renderer. Plan changes: the plan in force, "Change plan" (now, with an effective date, or at the next
// billing period) and the scheduled change, which can be cancelled until it starts.
import { useState, type FormEvent } from 'react';
import type { Subscription } from '../../../../../shared/domain/pricing';
import { useMutation, useQuery } from '../../../api';
import { useAgency } from '../../../app/agency-context';
import { Badge } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Dialog } from '../../../components/dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Loading } from '../../../components/loading';
import { useFieldIds } from '../../../forms/use-field-ids';
import { PlanInput, PlanSelect } from '../../plans/plan-fields';
import { currentSubscription } from '../../plans/subscription-model';
import { formatCalendarDate } from '../../statements/statement-format';
import type { AccountClient } from './account-client';
import { todayIn, useFormErrors } from './form-state';
import { GeneralError, SubHeading, Success } from './shared-ui';

const TABLES = ['subscriptions', 'plans', 'plan_versions'] as const;
const CHANGE_FIELDS = ['planId', 'version', 'mode', 'effectiveDate'] as const;

export function PlanChangesTab({ client }: { client: AccountClient }) {
  const { locale, timeZone } = useAgency();
  const zone = client.timeZone ?? timeZone;
  const today = todayIn(zone);
  const subs = useQuery('subscriptions.list', { clientId: client.id }, { tables: TABLES });
  const cancel = useMutation('subscriptions.cancelScheduled');
  const [changing, setChanging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const date = (d: string) => formatCalendarDate(d, locale);

  if (subs.error) return <ErrorNotice title="The plan could not be loaded" error={subs.error} onRetry={() => void subs.reload()} />;
  if (subs.data === null) return <Loading label="Loading plan…" />;
  const { current, next } = currentSubscription(subs.data, today);
  const scheduled = next && next !== current ? next : null;

  const doCancel = async () => {
    if (!scheduled) return;
    const res = await cancel.run({ id: scheduled.id });
    if (res.ok) {
      setConfirming(false);
      setNotice(`The change to ${scheduled.planName} was cancelled.`);
      void subs.reload();
    }
  };

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
              setChanging(true);
            }}
          >
            Change plan
          </button>
        }
      >
        Current plan
      </SubHeading>
      <Success text={notice} />
      {current ? (
        <p>
          <strong>{current.planName}</strong> <Badge tone="info">Version {current.version}</Badge>{' '}
          <span className="muted">
            since {date(current.startDate)} · bills in {current.currency}
          </span>
        </p>
      ) : (
        <p className="muted">{client.name} has no plan in force today.</p>
      )}
      {scheduled ? (
        <div className="notice notice-info ac-scheduled">
          <p>
            Scheduled change: moves to <strong>{scheduled.planName}</strong> (version {scheduled.version}) on {date(scheduled.startDate)}.
          </p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              cancel.reset();
              setConfirming(true);
            }}
          >
            Cancel scheduled change
          </button>
        </div>
      ) : (
        <p className="muted">No plan change is scheduled.</p>
      )}

      {changing ? (
        <ChangePlanDialog
          client={client}
          today={today}
          onClose={() => setChanging(false)}
          onDone={(s) => {
            setChanging(false);
            setNotice(s.startDate > today ? `${client.name} moves to ${s.planName} on ${date(s.startDate)}.` : `${client.name} is on ${s.planName} from ${date(s.startDate)}.`);
            void subs.reload();
          }}
        />
      ) : null}
      {confirming && scheduled ? (
        <ConfirmDialog
          title="Cancel the scheduled change?"
          confirmLabel="Cancel scheduled change"
          busyLabel="Cancelling…"
          danger
          busy={cancel.running}
          error={cancel.error}
          onConfirm={() => void doCancel()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {client.name} stays on {current?.planName ?? 'its current plan'} instead of moving to {scheduled.planName} on {date(scheduled.startDate)}.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function ChangePlanDialog({ client, today, onClose, onDone }: { client: AccountClient; today: string; onClose: () => void; onDone: (s: Subscription) => void }) {
  const idFor = useFieldIds();
  const plans = useQuery('plans.list', { show: 'current' }, { tables: ['plans', 'plan_versions'] });
  const [planId, setPlanId] = useState('');
  const [mode, setMode] = useState<'immediate' | 'next_cycle'>('immediate');
  const [effectiveDate, setEffectiveDate] = useState(today);
  const f = useFormErrors(CHANGE_FIELDS);
  const change = useMutation('subscriptions.changePlan');
  const list = plans.data ?? [];
  const inCurrency = list.filter((p) => p.currency === client.currency);
  const options = [
    { value: '', label: plans.data === null ? (plans.error ? 'Plans could not be loaded' : 'Loading plans…') : inCurrency.length === 0 ? `No plan bills in ${client.currency} yet` : 'Choose a plan…' },
    ...inCurrency.map((p) => ({ value: String(p.id), label: `${p.name} (v${p.latestVersion})` })),
  ];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (change.running) return;
    if (planId === '') return f.setLocal({ planId: 'Choose a plan.' });
    const res = await change.run({ clientId: client.id, planId: Number(planId), mode, ...(mode === 'immediate' && effectiveDate ? { effectiveDate } : {}) });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Change plan" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>Plans billing in {client.currency}, latest version.</p>
          <GeneralError error={f.general} />
          <PlanSelect id={idFor('planId')} label="Plan" value={planId} onChange={setPlanId} options={options} errors={f.err('planId')} required />
          <fieldset className="ac-fieldset" aria-describedby={f.err('mode') ? idFor('mode-error') : undefined}>
            <legend>When</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" name={idFor('mode')} value="immediate" checked={mode === 'immediate'} onChange={() => setMode('immediate')} />
                Immediately
              </label>
              <label className="radio">
                <input type="radio" name={idFor('mode')} value="next_cycle" checked={mode === 'next_cycle'} onChange={() => setMode('next_cycle')} />
                At the next billing period
              </label>
            </div>
            {f.err('mode') ? (
              <p id={idFor('mode-error')} className="field-error">
                {f.err('mode')![0]}
              </p>
            ) : null}
          </fieldset>
          {mode === 'immediate' ? (
            <PlanInput
              id={idFor('effectiveDate')}
              label="Effective date"
              type="date"
              value={effectiveDate}
              onChange={setEffectiveDate}
              errors={f.err('effectiveDate')}
              hint="Base fees are prorated per the agency's policy."
            />
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={change.running} aria-busy={change.running || undefined}>
            Change plan
          </button>
        </div>
      </form>
    </Dialog>
  );
}
